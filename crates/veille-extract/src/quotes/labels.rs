//! Speaker labels: attributions whose cue is a punctuation mark, which the
//! word view ([`crate::numbers::words`]) has no token for, so neither the
//! rules nor the learned model can tag them.
//!
//! - a transcript or headline label, a name and a colon opening the
//!   sentence: `PENCE: Well, look…`, `"WALLACE: Let's start…`, `Pat
//!   Caddell: Democrat Voters Worried…`, `Poll: Wealthy Voters…`; the name
//!   is one to three capitalised words, not opening with `The`, no digit (`6:05 p.m.` is a time),
//!   not a page label (`WATCH:`, `Update:`, `Photo:`);
//! - a signature after a quotation: a horizontal bar or an em dash at the
//!   start of the sentence or after a closing quotation mark, then one to
//!   four capitalised words: `…shame.” ― Sonya Herridge`.
//!
//! English only (the learned path): in French a headline `Karabakh : les
//! combats continuent` is not an attribution. On PolNeAR dev, 44 gold
//! sources had such a cue (24 bars, 20 colons) and none was found before
//! (reports/claims.md gives the effect on source F1).

use super::Quote;
use veille_model::Span;

/// Labels that end with a colon but name no speaker.
pub(super) const NOT_SPEAKERS: &[&str] = &[
    "watch",
    "update",
    "updated",
    "related",
    "photo",
    "photos",
    "video",
    "videos",
    "breaking",
    "exclusive",
    "note",
    "editor's note",
    "editor’s note",
    "source",
    "sources",
    "transcript",
    "read more",
    "listen",
    "opinion",
    "analysis",
    "warning",
    "correction",
    "clarification",
    "the latest",
    "q",
    "a",
];

/// Opening marks skipped before a label.
const OPENING: &[char] = &['"', '“', '‘', '\'', '«', '('];

/// Whether `w` is a capitalised word of a name (`Pat`, `PENCE`, `O'Neill`,
/// `Gonzàlez`, `Jr.`).
fn name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
}

/// `PENCE: …`: the label's byte range and the colon's.
fn colon_label(text: &str) -> Option<((usize, usize), usize)> {
    let start = text.len()
        - text
            .trim_start_matches(|c: char| c.is_whitespace() || OPENING.contains(&c))
            .len();
    let colon = start + text[start..].find(':')?;
    let label = text[start..colon].trim_end();
    let words: Vec<&str> = label.split_whitespace().collect();
    let after = &text[colon + 1..];
    // headline sections (`The Gap Goes On:`, `Veto Power Impedes Peace
    // Efforts:`) are longer or open with an article
    let ok = (1..=3).contains(&words.len())
        && words[0] != "The"
        && words.iter().all(|w| name_word(w))
        && !NOT_SPEAKERS.contains(&label.to_lowercase().as_str())
        && after.starts_with(char::is_whitespace)
        && after.trim().len() > 1;
    ok.then_some(((start, start + label.len()), colon))
}

/// `” ― Sonya Herridge`: each dash's byte range and the name after it.
fn dash_labels(text: &str) -> Vec<((usize, usize), (usize, usize))> {
    let mut out = Vec::new();
    for (at, dash) in text.match_indices(['―', '—']) {
        let before = text[..at].trim_end();
        if !(before.is_empty() || before.ends_with(['”', '"', '’'])) {
            continue;
        }
        let rest_start = at + dash.len();
        let rest = &text[rest_start..];
        let lead = rest.len() - rest.trim_start().len();
        let mut end = rest_start + lead;
        let mut n = 0;
        // a name does not run over a line break (`― Sonya Herridge⏎“During`)
        let line = rest[lead..].split('\n').next().unwrap_or_default();
        for w in line.split_whitespace() {
            let w = w.trim_end_matches([',', '.', ';']);
            if n == 4 || !name_word(w) {
                break;
            }
            n += 1;
            let at_word = text[end..].find(w).map_or(end, |i| end + i);
            end = at_word + w.len();
        }
        if n > 0 {
            out.push(((at, rest_start), (rest_start + lead, end)));
        }
    }
    out
}

/// The speaker labels of one sentence (`off`: where it starts in the
/// document), as quotes with a punctuation cue.
pub(super) fn speaker_labels(text: &str, off: usize) -> Vec<Quote> {
    let span = |(a, b): (usize, usize)| Span::new(off + a, off + b);
    let end = text.trim_end().len();
    let mut out = Vec::new();
    if let Some((label, colon)) = colon_label(text) {
        let content = colon + 1 + (text[colon + 1..].len() - text[colon + 1..].trim_start().len());
        out.push(Quote {
            speaker: Some(span(label)),
            mention: Some(span(label)),
            cue: Some(span((colon, colon + 1))),
            content: span((content, end.max(content))),
            direct: false,
        });
    }
    for (dash, name) in dash_labels(text) {
        let content = if dash.0 > 0 {
            (0, dash.0)
        } else {
            (name.1, end.max(name.1))
        };
        out.push(Quote {
            speaker: Some(span(name)),
            mention: Some(span(name)),
            cue: Some(span(dash)),
            content: span(content),
            direct: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(text: &str) -> Vec<&str> {
        speaker_labels(text, 0)
            .iter()
            .filter_map(|q| q.mention.and_then(|m| m.get(text)))
            .collect()
    }

    #[test]
    fn transcript_and_headline_labels() {
        assert_eq!(
            sources("PENCE: Well, look, Hillary Clinton thinks so."),
            ["PENCE"]
        );
        assert_eq!(
            sources("\"WALLACE: Let's start with the news."),
            ["WALLACE"]
        );
        assert_eq!(
            sources("Pat Caddell: Democrat Voters Worried"),
            ["Pat Caddell"]
        );
    }

    #[test]
    fn colons_that_are_not_labels() {
        for t in [
            "Partial transcript as follows: the debate.",
            "6:05 p.m. Donald Trump is demanding a pledge.",
            "WATCH: the full debate here.",
            "He said one thing: no.",
            "Karabakh:",
        ] {
            assert!(sources(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn signatures_after_a_quotation() {
        assert_eq!(
            sources("― Sonya Herridge “During the debate"),
            ["Sonya Herridge"]
        );
        // the next line is not part of the name; a no-break space is a space
        assert_eq!(
            sources("shame.” ― Sonya Herridge\n“During the debate"),
            ["Sonya Herridge"]
        );
        assert_eq!(
            sources("people.”― Pamela Padilla\u{a0}\n“I’m so ashamed"),
            ["Pamela Padilla"]
        );
        assert_eq!(
            sources("“A real disgrace.” ― Azucena Gonzàlez."),
            ["Azucena Gonzàlez"]
        );
        // an em dash inside a clause is no signature
        assert!(sources("Trump — who Clinton says is unfit — spoke.").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_spans_inside_it(text in "\\PC{0,80}") {
            for q in speaker_labels(&text, 0) {
                for s in [q.mention, q.cue, Some(q.content)].into_iter().flatten() {
                    proptest::prop_assert!(s.get(&text).is_some());
                }
            }
        }
    }
}
