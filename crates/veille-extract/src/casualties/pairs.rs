//! Two victims named without a count, coordinated before one verb: `A man
//! and a teenager were injured`, `Woman, 1-year-old boy wounded in
//! shooting`. The count is written as a pair of singular phrases rather
//! than a number, so the number scan does not see it. Each half must end in
//! a singular victim noun (`man`, `17-year-old`, `child`) or be one
//! capitalised name; a third member (`X, Y and Z`) is not a pair.

use super::{kinds, CasualtyKind};
use crate::numbers::words::{is_any, Word};

/// Whether the subject phrase `ws[s..e]` names one victim: a singular noun
/// (`a man`, `the 17-year-old`) or a capitalised name (`Jenkins`).
fn one_victim(ws: &[Word], s: usize, e: usize) -> bool {
    s < e && e - s <= 5 && (super::is_singular_noun(&ws[e - 1].key) || e - s == 1 && ws[s].cap)
}

/// A coordinated pair of victims and the verb that harms them, as (kind,
/// first word, word after the verb): `A man and a child were injured`,
/// `Man, teenager injured in South Philadelphia shooting`.
pub(super) fn coordinated_pair(ws: &[Word]) -> Option<(CasualtyKind, usize, usize)> {
    for k in 1..ws.len() {
        // deaths and injuries only: `the suspect and his girlfriend were
        // taken into custody` is not a casualty
        let Some(kind) = kinds::participle_kind(&ws[k].key)
            .filter(|k| matches!(k, CasualtyKind::Killed | CasualtyKind::Injured))
        else {
            continue;
        };
        if ws[k].before.breaks() {
            continue;
        }
        // `were injured`, `were both shot`, or headline style `wounded`
        let mut v = k;
        while v > 0 && kinds::is_adverb(&ws[v - 1].key) && !ws[v].before.breaks() {
            v -= 1;
        }
        let aux = v > 0 && is_any(ws, v - 1, &["were", "are"]);
        let subject_end = if aux { v - 1 } else { v };
        if subject_end == 0 || ws[subject_end].before.breaks() && aux {
            continue;
        }
        // the subject: back to the sentence start or a clause break
        let mut s = subject_end;
        while s > 0 && !ws[s].before.stop && subject_end - s < 12 {
            s -= 1;
        }
        // the two halves: `X and Y`, or (headline, no auxiliary) `X, Y`
        let Some(join) = (s + 1..subject_end)
            .find(|&j| is_any(ws, j, &["and"]) || !aux && ws[j].before.comma && !ws[j].before.stop)
        else {
            continue;
        };
        let (left, right) = if ws[join].key == "and" {
            (s..join, join + 1..subject_end)
        } else {
            (s..join, join..subject_end)
        };
        let count = [&left, &right]
            .iter()
            .filter(|r| one_victim(ws, r.start, r.end))
            .count();
        // `A man, a woman and a boy`: a third member
        let joined = |r: &std::ops::Range<usize>| {
            (r.start + 1..r.end).any(|j| ws[j].key == "and" || ws[j].before.comma)
        };
        let third = joined(&left) || joined(&right);
        if count == 2 && !third {
            let fatal = ws[v..k].iter().any(|w| kinds::is_fatal_adverb(&w.key));
            return Some((super::upgrade(ws, k, kind, fatal), s, k + 1));
        }
    }
    None
}
