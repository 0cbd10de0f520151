//! Markers that are not text: the ` date YYYY-MM` prefix of plain-text
//! dispatches, photo captions and credits, agency bylines at the end, and
//! "Posted: … Updated: …" time stamps glued to a headline.

use crate::calendar::is_day_or_month;
use crate::fold;
use veille_model::PartialDate;

/// A leading `date YYYY-MM` or `date YYYY-MM-DD` marker at the start of a
/// trimmed line: how many bytes it takes (with the spaces after it), and the
/// date it gives.
pub(crate) fn date_marker(line: &str) -> Option<(usize, PartialDate)> {
    let rest = line.strip_prefix("date")?;
    let after_kw = rest.trim_start_matches([' ', '\t', '\u{a0}', ':']);
    if after_kw.len() == rest.len() {
        return None;
    }
    let date_len = after_kw
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(after_kw.len());
    let date: PartialDate = after_kw[..date_len].parse().ok()?;
    date.month?;
    let tail = &after_kw[date_len..];
    let next = tail.chars().next();
    if next.is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let tail_trimmed = tail.trim_start();
    Some((line.len() - tail_trimmed.len(), date))
}

/// Where a photo caption or credit glued to the end of a headline starts
/// ("… poursuivent / Photo: AA (AA)"), as a byte offset into `line`.
pub(crate) fn photo_tail(line: &str) -> Option<usize> {
    if line.len() > 600 {
        return None;
    }
    let lower = line.to_lowercase();
    if lower.len() != line.len() {
        // lowercasing changed byte lengths: offsets would not line up
        return photo_tail_ascii(line);
    }
    find_photo_tail(&lower)
}

fn photo_tail_ascii(line: &str) -> Option<usize> {
    let lower: String = line.chars().map(|c| c.to_ascii_lowercase()).collect();
    find_photo_tail(&lower)
}

fn find_photo_tail(lower: &str) -> Option<usize> {
    const SEPS: &[&str] = &[" / ", " | ", " - ", " – ", " — "];
    const WORDS: &[&str] = &[
        "photo",
        "crédit",
        "credit",
        "©",
        "illustration",
        "image",
        "capture",
    ];
    for sep in SEPS {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(sep) {
            let at = from + pos;
            let after = &lower[at + sep.len()..];
            if after.len() <= 100 && WORDS.iter().any(|w| after.starts_with(w)) && at > 0 {
                return Some(at);
            }
            from = at + sep.len();
        }
    }
    None
}

/// A caption or credit line: "Photo: AA", "Crédit photo : AFP", "(Photo: Reuters)".
pub(crate) fn is_photo_credit_line(line: &str) -> bool {
    if line.len() > 160 {
        return false;
    }
    let lower = line.to_lowercase();
    let l = lower.trim_start_matches(['(', '[']);
    [
        "photo:",
        "photo :",
        "photos:",
        "photos :",
        "crédit photo",
        "crédits photo",
        "credit photo",
        "photo credit",
        "crédit :",
        "credit:",
        "illustration :",
        "image:",
    ]
    .iter()
    .any(|p| l.starts_with(p))
}

/// An agency byline line that closes a dispatch: "AFP", "(AFP)", "Agences".
pub(crate) fn is_agency_line(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let lower = line.to_lowercase();
    let key = lower
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '.' | ' ' | '-' | '—'))
        .trim();
    let key = key
        .strip_prefix("avec ")
        .or_else(|| key.strip_prefix("source :"))
        .or_else(|| key.strip_prefix("source:"))
        .or_else(|| key.strip_prefix("with "))
        .map(str::trim)
        .unwrap_or(key);
    const AGENCIES: &[&str] = &[
        "afp",
        "ap",
        "reuters",
        "agences",
        "agence",
        "afp/reuters",
        "afp / reuters",
        "afp et reuters",
        "afp, reuters",
        "reuters/afp",
        "ats",
        "belga",
        "dpa",
        "anadolu",
        "aa",
        "ria novosti",
        "tass",
        "associated press",
        "agence france-presse",
        "the associated press",
    ];
    AGENCIES.contains(&key)
}

/// Where a "Posted: … Updated: …" stamp starts in `line`, when everything from
/// there to the end of the line is a time stamp (day and month names, digits,
/// times, time zones). "Updated: Initial reports were…" is not one.
pub(crate) fn stamp_start(line: &str) -> Option<usize> {
    if line.len() > 600 {
        return None;
    }
    const KEYS: &[&str] = &[
        "Posted:",
        "Posted on",
        "Updated:",
        "Last Updated:",
        "Published:",
        "Publié le",
        "Mis à jour le",
        "Posted",
    ];
    let mut best: Option<usize> = None;
    for key in KEYS {
        let Some(at) = line.find(key) else { continue };
        if at > 0 && !line[..at].ends_with(' ') {
            continue;
        }
        let rest = &line[at..];
        if rest.len() <= 200 && is_stamp(rest) {
            best = Some(best.map_or(at, |b: usize| b.min(at)));
        }
    }
    best
}

/// Whether `rest` is a time stamp: digits among words of dates and times
/// (day and month names from [`crate::calendar`], their abbreviations,
/// "posted", "publié", time zones), compared folded.
fn is_stamp(rest: &str) -> bool {
    const WORDS: &[&str] = &[
        "posted",
        "updated",
        "last",
        "published",
        "on",
        "at",
        "by",
        "publie",
        "le",
        "mis",
        "jour",
        "am",
        "pm",
        "a",
        "m",
        "p",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        "gmt",
        "utc",
        "cet",
        "cest",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "h",
        "heure",
        "heures",
    ];
    let mut digits = false;
    for word in rest.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if word.chars().all(|c| c.is_ascii_digit()) {
            digits = true;
            continue;
        }
        let lower = fold(word);
        let w = lower.trim_start_matches(|c: char| c.is_ascii_digit());
        if w.is_empty() || WORDS.contains(&w) || is_day_or_month(w) {
            if w.len() < lower.len() {
                digits = true;
            }
            continue;
        }
        return false;
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_date_markers() {
        let (n, d) = date_marker("date 2020-10 Nagorny Karabakh").expect("marker");
        assert_eq!(n, "date 2020-10 ".len());
        assert_eq!(d, PartialDate::month(2020, 10).expect("valid"));
        let (_, d) = date_marker("date 2020-10-28 Titre").expect("marker");
        assert_eq!(d.to_string(), "2020-10-28");
        assert!(date_marker("date 2020 Titre").is_none());
        assert!(date_marker("dates 2020-10 x").is_none());
        assert!(date_marker("date 2020-13 x").is_none());
        assert!(date_marker("date 2020-10x").is_none());
        assert_eq!(date_marker("date 2020-10").map(|m| m.0), Some(12));
    }

    #[test]
    fn finds_photo_tails() {
        let l = "Le cessez-le-feu tient bon au Karabakh, les pourparlers se poursuivent / Photo: AA (AA)";
        let at = photo_tail(l).expect("tail");
        assert!(l[..at].ends_with("poursuivent"));
        assert!(photo_tail("Paris - Lyon : le TGV repart").is_none());
        assert!(photo_tail("Photo: AA").is_none());
    }

    #[test]
    fn agency_and_credit_lines() {
        for l in ["AFP", "(AFP)", "Agences", "Avec AFP", "Reuters."] {
            assert!(is_agency_line(l), "{l}");
        }
        assert!(!is_agency_line("L'AFP a confirmé."));
        assert!(is_photo_credit_line("Photo: AA (AA)"));
        assert!(is_photo_credit_line("Crédit photo : Reuters"));
        assert!(!is_photo_credit_line("Photographie et mémoire de guerre"));
    }

    #[test]
    fn finds_time_stamps_only() {
        let l = "Two men charged after baby girl accidentally shot, killed Posted: Friday, January 31, 2014 10:21 AM EST Updated: Friday, February 21, 2014 6:31 PM EST";
        let at = stamp_start(l).expect("stamp");
        assert_eq!(
            &l[..at],
            "Two men charged after baby girl accidentally shot, killed "
        );
        assert_eq!(stamp_start("Updated: 11/24/2014 10:06 AM"), Some(0));
        assert!(stamp_start(
            "Updated: Initial reports were the victim was 13 but the school tells KFOR the victim had recently turned 14."
        )
        .is_none());
        assert!(stamp_start("He posted: nothing").is_none());
    }
}
