//! Publication dates as sources write them → [`PartialDate`].
//!
//! Accepted, because each has one reading only: ISO 8601 / RFC 3339
//! (`2020-10-28`, `2020-10`, `2020`, `2020-10-28T09:00:00+02:00`,
//! `2020-10-28 09:00`, `2020/10/28`), RFC 2822 (`Wed, 28 Oct 2020 09:00:00
//! +0000`), English and French month names (`April 10, 2017`, `10 April
//! 2017`, `10 avril 2017`, `avril 2017`), and `dd/mm/yyyy` or `mm/dd/yyyy`
//! only when one of the two numbers is above 12. `10/04/2017` is refused:
//! French and American readings differ. The date kept is the one written
//! (no time-zone shift), since that is the publisher's calendar day.

use veille_model::PartialDate;

const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("février", 2),
    ("fevr", 2),
    ("févr", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("août", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
    ("décembre", 12),
    ("déc", 12),
];

/// Parses a publication date written in one of the unambiguous forms above.
pub fn parse_published(raw: &str) -> Option<PartialDate> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    if let Ok(d) = s.parse::<PartialDate>() {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        use chrono::Datelike;
        return PartialDate::day(dt.year(), dt.month() as u8, dt.day() as u8);
    }
    if let Some(d) = numeric(s) {
        return Some(d);
    }
    named_month(s)
}

/// `2020/10/28`, `2020.10.28`, and `dd/mm/yyyy` / `mm/dd/yyyy` when unambiguous.
fn numeric(s: &str) -> Option<PartialDate> {
    let head = s.split([' ', 'T']).next()?;
    let parts: Vec<&str> = head.split(['/', '.', '-']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if n.len() != 3 {
        return None;
    }
    if parts[0].len() == 4 {
        return PartialDate::day(
            n[0] as i32,
            u8::try_from(n[1]).ok()?,
            u8::try_from(n[2]).ok()?,
        );
    }
    if parts[2].len() != 4 {
        return None;
    }
    let year = n[2] as i32;
    let (a, b) = (u8::try_from(n[0]).ok()?, u8::try_from(n[1]).ok()?);
    match (a > 12, b > 12) {
        (true, false) => PartialDate::day(year, b, a),
        (false, true) => PartialDate::day(year, a, b),
        // Both readings possible (or neither): refuse rather than guess.
        _ if a == b => PartialDate::day(year, a, b),
        _ => None,
    }
}

/// `April 10, 2017`, `10 April 2017`, `Monday 10 avril 2017`, `avril 2017`.
fn named_month(s: &str) -> Option<PartialDate> {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let mut month = None;
    let mut year = None;
    let mut day = None;
    for w in &words {
        if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| name == w) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
            continue;
        }
        let digits = w.trim_end_matches(['e', 'r', 's', 't', 'n', 'd', 'h']);
        let is_ordinal = digits.len() < w.len()
            && matches!(&w[digits.len()..], "er" | "st" | "nd" | "rd" | "th" | "e");
        if !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (is_ordinal || digits.len() == w.len())
        {
            match digits.len() {
                4 if year.is_none() && !is_ordinal => year = digits.parse::<i32>().ok(),
                1 | 2 if day.is_none() => day = digits.parse::<u8>().ok(),
                _ => return None,
            }
        }
        // A time such as `09:00` is ignored; other words (weekday names,
        // `le`, `on`) are allowed around the date.
    }
    let (year, month) = (year?, month?);
    match day {
        Some(d) => PartialDate::day(year, month, d),
        None => PartialDate::month(year, month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse_published(s).map(|d| d.to_string())
    }

    #[test]
    fn iso_and_rfc_forms() {
        assert_eq!(p("2020-10-28").as_deref(), Some("2020-10-28"));
        assert_eq!(
            p("2020-10-28T23:30:00-05:00").as_deref(),
            Some("2020-10-28")
        );
        assert_eq!(p("2014-01-31 10:21:00").as_deref(), Some("2014-01-31"));
        assert_eq!(p("2020/10/28").as_deref(), Some("2020-10-28"));
        assert_eq!(p("2020-10").as_deref(), Some("2020-10"));
        assert_eq!(
            p("Wed, 28 Oct 2020 09:00:00 +0000").as_deref(),
            Some("2020-10-28")
        );
    }

    #[test]
    fn month_names_in_english_and_french() {
        assert_eq!(p("April 10, 2017").as_deref(), Some("2017-04-10"));
        assert_eq!(p("10 April 2017").as_deref(), Some("2017-04-10"));
        assert_eq!(p("Mardi 1er décembre 2020").as_deref(), Some("2020-12-01"));
        assert_eq!(
            p("Friday, January 31st, 2014").as_deref(),
            Some("2014-01-31")
        );
        assert_eq!(p("avril 2017").as_deref(), Some("2017-04"));
    }

    #[test]
    fn ambiguous_or_bad_forms_are_refused() {
        assert_eq!(p("10/04/2017"), None);
        assert_eq!(p("25/04/2017").as_deref(), Some("2017-04-25"));
        assert_eq!(p("04/25/2017").as_deref(), Some("2017-04-25"));
        assert_eq!(p("31/02/2017"), None);
        assert_eq!(p("yesterday"), None);
        assert_eq!(p("April May 2017"), None);
        assert_eq!(p(""), None);
    }
}
