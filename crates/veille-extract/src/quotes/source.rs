//! The boundaries of a source phrase beyond the shared subject finder
//! (`casualties::claimant`, whose `trim` shaves clause openers, auxiliaries
//! and time phrases off every subject, claimant and speaker alike): the
//! apposition that belongs to a source (`said Kenneth Baer, a former Obama administration
//! official`). Measured on PolNeAR dev (`cargo run --release -p xtask -- eval
//! claims`): see reports/claims.md.

use crate::numbers::words::Word;

/// A range of word indices, end exclusive.
pub(crate) type Range = (usize, usize);

/// Heads of an apposition describing a person or body: `a professor`, `the
/// director of …`, `head of …`, `founder and CEO of …`.
fn opens_apposition(w: &Word) -> bool {
    !w.cap
        && matches!(
            w.key.as_str(),
            "a" | "an"
                | "the"
                | "head"
                | "founder"
                | "director"
                | "president"
                | "chairman"
                | "chairwoman"
                | "professor"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "executive"
                | "chief"
                | "author"
                | "who"
                | "whose"
                | "one"
                | "former"
                | "senior"
                | "un"
                | "une"
                | "le"
                | "la"
                | "porte-parole"
                | "directeur"
                | "directrice"
                | "president-directeur"
                | "ministre"
                | "chef"
        )
}

/// After a speaker named after its cue (`said Kenneth Baer`), its
/// apposition: to the end of the sentence when a comma is followed by one
/// (`, a former Obama administration official who runs …`). The new end.
pub(crate) fn extend_apposition(ws: &[Word], (_, e): Range) -> usize {
    if e >= ws.len() || !ws[e].before.comma || ws[e].before.stop || !opens_apposition(&ws[e]) {
        return e;
    }
    // a speaker named after its cue closes the sentence: the apposition
    // runs to its end (`said Don Fowler, who helmed the DNC …, and has …`)
    let mut end = e + 1;
    while end < ws.len() && !ws[end].before.stop && !ws[end].before.quote {
        end += 1;
    }
    end
}

/// A subject set off by commas right before the verb at `v`: `Flynn, a top
/// Trump surrogate, said` or `Aaron Kall, the director of debate at the
/// University of Michigan, compared`. The range of the name and its
/// apposition (the comma after it belongs to the source in PolNeAR's spans,
/// which the caller adds).
pub(crate) fn apposed_subject(ws: &[Word], v: usize) -> Option<Range> {
    if v < 4 || !ws[v].before.comma {
        return None;
    }
    // the comma that opens the apposition, with a capitalised name before it
    let open = (1..v).rev().find(|&j| ws[j].before.breaks())?;
    if !ws[open].before.comma || ws[open].before.stop || !opens_apposition(&ws[open]) {
        return None;
    }
    let mut start = open - 1;
    while start > 0 && !ws[start].before.breaks() && open - start < 5 {
        start -= 1;
    }
    if !ws[start].cap || !ws[start..open].iter().all(|w| w.cap || w.key == "de") {
        return None;
    }
    Some((start, v))
}

/// A subject whose name is followed by a parenthesis right before the verb
/// at `v`: `Rep. Trey Gowdy (R-S.C.) said`, `Jean-Luc Mélenchon (LFI) a
/// déclaré`. The range of the name and the parenthesis' words (the caller
/// adds the closing mark).
pub(crate) fn parenthesised_subject(text: &str, ws: &[Word], v: usize) -> Option<Range> {
    if v < 2 {
        return None;
    }
    let gap = text.get(ws[v - 1].span.end as usize..ws[v].span.start as usize)?;
    // `)` or `.)` (`(R-S.C.)`)
    let gap = gap.trim();
    if !gap.ends_with(')') || !gap.chars().all(|c| c == '.' || c == ')') || gap.len() > 2 {
        return None;
    }
    // the opening mark within five words back
    let open = (v.saturating_sub(6)..v).rev().find(|&j| {
        j > 0
            && text
                .get(ws[j - 1].span.end as usize..ws[j].span.start as usize)
                .is_some_and(|g| g.contains('('))
    })?;
    let mut start = open - 1;
    while start > 0 && !ws[start].before.breaks() && open - start < 6 {
        start -= 1;
    }
    // a name: capitalised words (titles and initials included)
    (ws[start..open].iter().all(|w| w.cap) && ws[start].cap).then_some((start, v))
}

/// The byte end of a source range that closes on punctuation kept in the
/// span (`Flynn, a top Trump surrogate,` / `Gowdy (R-S.C.)`): one past the
/// first `mark` after its last word, or that word's end.
pub(crate) fn end_through(text: &str, ws: &[Word], (_, e): Range, mark: char) -> usize {
    let end = ws[e - 1].span.end as usize;
    let next = ws.get(e).map_or(text.len(), |w| w.span.start as usize);
    text.get(end..next)
        .and_then(|g| g.find(mark))
        .map_or(end, |c| end + c + mark.len_utf8())
}
