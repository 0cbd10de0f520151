//! The boundaries of a source phrase: what to shave off a subject found by
//! position (`Though she` → `she`, `Clinton has not` → `Clinton`, `federal
//! prosecutors in April` → `federal prosecutors`) and the apposition that
//! belongs to it (`said Kenneth Baer, a former Obama administration
//! official`). Measured on PolNeAR dev (`cargo run --release -p xtask -- eval
//! claims`): see reports/claims.md.

use crate::casualties::claimant::is_time_word;
use crate::casualties::is_month;
use crate::numbers::words::{is_any, Word};

/// A range of word indices, end exclusive.
pub(crate) type Range = (usize, usize);

/// Subordinators, relatives and connectives that open a clause before its
/// subject.
fn opens_clause(k: &str) -> bool {
    matches!(
        k,
        "though"
            | "although"
            | "after"
            | "before"
            | "when"
            | "whenever"
            | "while"
            | "whereas"
            | "since"
            | "because"
            | "as"
            | "if"
            | "unless"
            | "until"
            | "once"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "and"
            | "but"
            | "or"
            | "so"
            | "then"
            | "back"
            | "shortly"
            | "even"
            | "yet"
            | "lorsque"
            | "lorsqu'"
            | "quand"
            | "alors"
            | "puisque"
            | "puisqu'"
            | "car"
            | "mais"
            | "et"
            | "ou"
            | "donc"
            | "dont"
            | "ou'"
    )
}

/// Auxiliaries, negations and adverbs that end up between a subject and its
/// reporting verb.
fn trails_subject(k: &str) -> bool {
    matches!(
        k,
        "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "does"
            | "did"
            | "do"
            | "not"
            | "never"
            | "to"
            | "needs"
            | "need"
            | "continues"
            | "continue"
            | "also"
            | "only"
            | "just"
            | "often"
            | "then"
            | "now"
            | "still"
            | "later"
            | "already"
            | "again"
            | "all"
            | "both"
            | "first"
            | "once"
            | "ever"
            | "et"
            | "a"
            | "ont"
            | "avait"
            | "aussi"
            | "encore"
            | "deja"
            | "pas"
            | "ne"
            | "n'"
    )
}

/// A lowercase adverb in `-ly` (`generally`, `barely`, `repeatedly`), not
/// one of the nouns that end so.
fn ly_adverb(w: &Word) -> bool {
    let k = w.key.as_str();
    !w.cap
        && k.len() > 4
        && k.ends_with("ly")
        && !matches!(
            k,
            "family" | "assembly" | "supply" | "anomaly" | "monopoly" | "rally" | "ally" | "belly"
        )
}

/// Words of a date or time of day (`on Saturday`, `in April`, `this month`).
fn time_word(k: &str) -> bool {
    is_month(k)
        || is_time_word(k)
        || matches!(
            k,
            "week"
                | "month"
                | "year"
                | "day"
                | "weekend"
                | "tonight"
                | "this"
                | "last"
                | "early"
                | "earlier"
                | "late"
                | "the"
        )
        || k.bytes().all(|b| b.is_ascii_digit())
}

/// Shaves clause openers off the front of a source and auxiliaries,
/// adverbs and a trailing time phrase off its end.
pub(crate) fn tidy(ws: &[Word], (mut s, mut e): Range) -> Option<Range> {
    loop {
        let before = (s, e);
        while s < e && opens_clause(&ws[s].key) {
            s += 1;
        }
        // `in which he`, `of whom …`
        if s + 1 < e && is_any(ws, s, &["in", "of", "for", "with"]) && opens_clause(&ws[s + 1].key)
        {
            s += 2;
        }
        while e > s + 1 && (trails_subject(&ws[e - 1].key) || ly_adverb(&ws[e - 1])) {
            e -= 1;
        }
        // `… in April`, `… on Saturday`, `… this month`, `… on`
        if let Some(p) = (s + 1..e).find(|&j| {
            matches!(
                ws[j].key.as_str(),
                "on" | "in" | "this" | "last" | "during" | "earlier"
            ) && ws[j + 1..e].iter().all(|w| time_word(&w.key))
        }) {
            e = p;
        }
        if (s, e) == before {
            break;
        }
    }
    (s < e).then_some((s, e))
}

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
