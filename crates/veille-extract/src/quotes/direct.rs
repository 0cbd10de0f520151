//! Direct quotes: text between quotation marks with a cue beside them.

use super::cues::cue_at;
use super::Quote;
use crate::casualties::claimant::{phrase_after, subject_before};
use crate::numbers::words::{words, Word};
use veille_model::Span;

/// Byte ranges of the quoted parts of `text` (inside the marks).
fn quoted(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '«' | '“') => open = Some((c, i + c.len_utf8())),
            (None, '"') => open = Some(('"', i + 1)),
            (Some(('«', s)), '»') | (Some(('“', s)), '”') | (Some(('"', s)), '"') => {
                out.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

fn is_pronoun(k: &str) -> bool {
    matches!(
        k,
        "il" | "elle" | "ils" | "elles" | "he" | "she" | "they" | "t" | "-t-il"
    )
}

/// Direct quotes of a sentence; `previous` resolves pronoun speakers.
pub(crate) fn direct_quotes(
    text: &str,
    ws: &[Word],
    previous: Option<(&str, Span)>,
    off: usize,
) -> Vec<Quote> {
    let mut out = Vec::new();
    let span = |s: usize, e: usize| {
        Span::new(
            off + ws[s].span.start as usize,
            off + ws[e - 1].span.end as usize,
        )
    };
    for (qs, qe) in quoted(text) {
        let inner = text[qs..qe].trim();
        if inner.split_whitespace().count() < 3 {
            continue; // scare quotes, names of weapons
        }
        // first word after the closing mark, last word before the opening one
        let after = ws.iter().position(|w| w.span.start as usize > qe);
        let before = ws.iter().rposition(|w| (w.span.end as usize) < qs);
        let mut found = None;
        if let Some(a) = after {
            // "… », a déclaré X" / "…," X said / "…," said X / "a-t-il déclaré"
            let mut j = a;
            while j < ws.len() && j < a + 6 && cue_at(ws, j).is_none() {
                j += 1;
            }
            if let Some(ce) = (j < ws.len()).then(|| cue_at(ws, j)).flatten() {
                let speaker = if j > a
                    && !is_pronoun(&ws[j - 1].key)
                    && !ws[a..j]
                        .iter()
                        .all(|w| matches!(w.key.as_str(), "a" | "ont" | "t"))
                {
                    subject_before(ws, j)
                } else {
                    None
                };
                let speaker = speaker
                    .or_else(|| phrase_after(ws, ce).filter(|&(s, _)| !is_pronoun(&ws[s].key)));
                let pronoun = ws[a..ce.min(ws.len())]
                    .iter()
                    .chain(ws.get(ce))
                    .any(|w| is_pronoun(&w.key));
                found = Some((speaker.map(|(s, e)| span(s, e)), Some(span(j, ce)), pronoun));
            }
        }
        if found.is_none() {
            if let Some(b) = before {
                // "X a affirmé que «…»", "X said: "…""
                let from = b.saturating_sub(2);
                if let Some(j) = (from..=b).find(|&j| cue_at(ws, j).is_some()) {
                    let ce = cue_at(ws, j).unwrap_or(j + 1);
                    found = Some((
                        subject_before(ws, j).map(|(s, e)| span(s, e)),
                        Some(span(j, ce)),
                        false,
                    ));
                }
            }
        }
        let Some((mut speaker, cue, pronoun)) = found else {
            continue;
        };
        if speaker.is_none() && pronoun {
            speaker = previous.and_then(|(p, ps)| previous_speaker(p, ps));
        }
        out.push(Quote {
            speaker,
            cue,
            content: Span::new(off + qs, off + qe),
            direct: true,
        });
    }
    out
}

/// The subject of the previous sentence's first cue, in document offsets.
fn previous_speaker(previous: &str, span: Span) -> Option<Span> {
    let ws = words(previous);
    let (s, e) = (0..ws.len()).find_map(|i| cue_at(&ws, i).and_then(|_| subject_before(&ws, i)))?;
    let off = span.start as usize;
    Some(Span::new(
        off + ws[s].span.start as usize,
        off + ws[e - 1].span.end as usize,
    ))
}
