//! Which end of an interval a date is, from the words before it: "depuis le
//! 27 septembre", "depuis 1991", "à partir du 3 mai", "dès lundi", "since
//! 2014", "from" → start; "jusqu'au 6 avril", "until", "till" → end; "du 3
//! avril au 6 avril", "from … to …", "between … and …" → both. The preposition
//! stays outside the span (the TimeML convention); durations and sets have no
//! edge ("depuis dix ans" is a duration).

use super::scan::{Tense, Tokens};
use super::{Cand, IntervalEdge, TimexKind};

pub(crate) fn edges(t: &Tokens<'_>, cands: &[Cand]) -> Vec<Option<IntervalEdge>> {
    let mut out: Vec<Option<IntervalEdge>> = cands.iter().map(|c| edge_before(t, c)).collect();
    // "du X au Y", "from X to Y", "between X and Y": X starts, Y ends.
    for (k, pair) in cands.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if !is_point(a) || !is_point(b) || b.start != a.end + 1 {
            continue;
        }
        let opener = t.norm(a.start.wrapping_sub(1));
        let joiner = t.norm(a.end);
        let paired = matches!(
            (opener, joiner),
            ("du", "au")
                | ("de", "a")
                | ("from", "to")
                | ("from", "through")
                | ("between", "and")
                | ("entre", "et")
        );
        if paired {
            out[k] = Some(IntervalEdge::Start);
            out[k + 1] = Some(IntervalEdge::End);
        }
    }
    out
}

fn is_point(c: &Cand) -> bool {
    matches!(c.kind, TimexKind::Date | TimexKind::Time)
}

fn edge_before(t: &Tokens<'_>, c: &Cand) -> Option<IntervalEdge> {
    if !is_point(c) || c.start == 0 {
        return None;
    }
    let p = c.start - 1;
    let w = t.norm(p);
    if w == "depuis" || w == "since" || t.raw(p).eq_ignore_ascii_case("dès") {
        return Some(IntervalEdge::Start);
    }
    if matches!(w, "du" | "de" | "d" | "'") && partir_before(t, p) {
        return Some(IntervalEdge::Start);
    }
    if matches!(w, "until" | "till") {
        return Some(IntervalEdge::End);
    }
    if matches!(w, "a" | "au" | "en" | "'") && jusqu_before(t, p) {
        return Some(IntervalEdge::End);
    }
    None
}

/// "à partir du|de|d'" ending at token `p`.
fn partir_before(t: &Tokens<'_>, p: usize) -> bool {
    let p = if t.is(p, "'") { p.wrapping_sub(1) } else { p };
    t.is(p.wrapping_sub(1), "partir")
}

/// "jusqu'à", "jusqu'au", "jusqu'en" ending at token `p`.
fn jusqu_before(t: &Tokens<'_>, p: usize) -> bool {
    if t.is(p, "'") {
        return t.is(p.wrapping_sub(1), "jusqu");
    }
    t.is(p.wrapping_sub(1), "'") && t.is(p.wrapping_sub(2), "jusqu")
}

/// A tense the words before a date impose: "depuis"/"since" look back,
/// "d'ici" looks ahead.
pub(crate) fn tense_hint(t: &Tokens<'_>, c: &Cand) -> Option<Tense> {
    let p = c.start.checked_sub(1)?;
    let w = t.norm(p);
    if w == "depuis" || w == "since" {
        return Some(Tense::Past);
    }
    if w == "ici" && t.is(p.wrapping_sub(1), "'") {
        return Some(Tense::Future);
    }
    None
}
