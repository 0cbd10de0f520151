//! Direct quotes: text between quotation marks with a cue beside them.

use super::cues::cue_at;
use super::source::{apposed_subject, end_through, extend_apposition, parenthesised_subject};
use super::Quote;
use crate::casualties::claimant::{phrase_after, subject_before, trim};
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
                // `…," Flynn, a top Trump surrogate, said` / `…," Rep. Trey
                // Gowdy (R-S.C.) said`: the source runs to the closing mark
                let marked = if speaker.is_none() && j > a {
                    apposed_subject(ws, j)
                        .map(|r| (r, ','))
                        .or_else(|| parenthesised_subject(text, ws, j).map(|r| (r, ')')))
                        .filter(|&((s, _), _)| s >= a)
                } else {
                    None
                };
                // `…," he said, cutting off …`: the pronoun is the speaker
                let pronoun_first = j > a && is_pronoun(&ws[j - 1].key);
                let speaker = speaker.or_else(|| {
                    if pronoun_first || marked.is_some() {
                        return None;
                    }
                    phrase_after(ws, ce)
                        .filter(|&(s, _)| !is_pronoun(&ws[s].key))
                        .map(|(s, e)| (s, extend_apposition(ws, (s, e))))
                        .and_then(|r| trim(r, ws))
                });
                let speaker = speaker.map(|(s, e)| span(s, e)).or_else(|| {
                    marked.map(|((s, e), mark)| {
                        Span::new(
                            off + ws[s].span.start as usize,
                            off + end_through(text, ws, (s, e), mark),
                        )
                    })
                });
                // the pronoun standing for the speaker: `he said`, `said
                // she`, `a-t-il déclaré` (`t` is followed by `il`)
                let pronoun = (a..(ce + 1).min(ws.len()))
                    .find(|&k| is_pronoun(&ws[k].key) && ws[k].key != "t")
                    .or_else(|| {
                        (a..(ce + 1).min(ws.len()))
                            .find(|&k| ws[k].key == "t")
                            .map(|k| (k + 1).min(ws.len() - 1))
                    })
                    .map(|k| span(k, k + 1));
                found = Some((speaker, Some(span(j, ce)), pronoun));
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
                        None,
                    ));
                }
            }
        }
        let Some((mut speaker, cue, pronoun)) = found else {
            continue;
        };
        let mention = speaker.or(pronoun);
        if speaker.is_none() && pronoun.is_some() {
            speaker = previous.and_then(|(p, ps)| previous_speaker(p, ps));
        }
        out.push(Quote {
            speaker,
            mention,
            cue,
            content: Span::new(off + qs, off + qe),
            direct: true,
        });
    }
    out
}

/// The subject of the previous sentence's first cue, in document offsets.
pub(super) fn previous_speaker(previous: &str, span: Span) -> Option<Span> {
    let ws = words(previous);
    let (s, e) = (0..ws.len()).find_map(|i| cue_at(&ws, i).and_then(|_| subject_before(&ws, i)))?;
    let off = span.start as usize;
    Some(Span::new(
        off + ws[s].span.start as usize,
        off + ws[e - 1].span.end as usize,
    ))
}
