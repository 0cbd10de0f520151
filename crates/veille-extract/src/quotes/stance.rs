//! Accusations and denials: who accuses whom of what, who denies what.
//!
//! `X a accusé Y de/d'…`, `accusant Y de…`, `X accuses Y of…`, `blamed Y
//! for…` give an accusation whose actor is the verb's subject, target the
//! object and content the rest of the clause. `X a démenti avoir…`, `X
//! denied …`, `rejetant la responsabilité de …` give a denial.

use super::{Stance, StanceKind};
use crate::casualties::claimant::{apposed_claimant, apposition_subject, subject_before};
use crate::numbers::words::{is, is_any, Word};

pub(crate) type Range = (usize, usize);

pub(crate) struct RawStance {
    pub kind: StanceKind,
    pub actor: Option<Range>,
    pub target: Option<Range>,
    pub content: Range,
}

fn is_accuse(k: &str) -> bool {
    matches!(
        k,
        "accuse"
            | "accusent"
            | "accusant"
            | "accusait"
            | "accusaient"
            | "accuser"
            | "accused"
            | "accuses"
            | "accusing"
            | "blamed"
            | "blames"
            | "blaming"
            | "blame"
    )
}

fn is_deny(k: &str) -> bool {
    matches!(
        k,
        "dementi"
            | "dement"
            | "dementent"
            | "dementant"
            | "nie"
            | "nient"
            | "niant"
            | "denied"
            | "denies"
            | "denying"
            | "deny"
            | "rejete"
            | "rejetant"
            | "rejette"
            | "rejected"
            | "rejects"
            | "rejecting"
    )
}

/// Auxiliaries that make the participle after them a passive.
const PASSIVE_AUXILIARIES: &[&str] = &[
    "est", "sont", "ete", "etre", "etait", "etaient", "sera", "seront", "serait", "seraient",
    "fut", "is", "are", "was", "were", "been", "be", "being",
];

/// Whether the word at `i` is the noun `accusé(s)` (a defendant: `les cinq
/// accusés`, `ses co-accusés`, `the accused`) rather than a verb. `l'` and
/// `les` are also object pronouns (`l'accusent`, `il les accuse`): after
/// them only the plural participle `accusés` is the noun.
fn is_noun_use(ws: &[Word], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let plural = matches!(ws[i].key.as_str(), "accuses" | "accusees");
    ws[i - 1].kind == veille_text::TokenKind::Number
        || ws[i].before.hyphen
        || (plural && is(ws, i - 1, "les"))
        || is_any(ws, i - 1, &["des", "aux", "ses", "leurs", "ces", "the"])
        || crate::numbers::lexicon::number_word(&ws[i - 1].key).is_some()
}

/// The agent of a passive, `par X`/`by X` starting at `at`, up to the `de`,
/// `of`, `for` or the clause break after it (at most six words).
fn agent_after(ws: &[Word], at: usize) -> Option<Range> {
    if !is_any(ws, at, &["par", "by"]) {
        return None;
    }
    let s = at + 1;
    let mut e = s;
    while e < ws.len() && e - s < 6 && !ws[e].before.breaks() {
        if is_any(ws, e, &["de", "d'", "of", "for"]) {
            break;
        }
        e += 1;
    }
    (e > s).then_some((s, e))
}

/// Every accusation and denial of a sentence, as word ranges.
pub(crate) fn stances(ws: &[Word]) -> Vec<RawStance> {
    let mut out = Vec::new();
    for i in 0..ws.len() {
        let k = ws[i].key.as_str();
        let kind = if is_accuse(k) {
            StanceKind::Accusation
        } else if is_deny(k) {
            // "rejeter une offre" is not a denial: only a responsibility or a claim
            if matches!(
                k,
                "rejete" | "rejetant" | "rejette" | "rejected" | "rejects" | "rejecting"
            ) && !(is_any(ws, i + 1, &["la", "the", "toute", "any"])
                && is_any(
                    ws,
                    i + 2,
                    &[
                        "responsabilite",
                        "responsibility",
                        "accusations",
                        "allegations",
                        "claims",
                    ],
                ))
            {
                continue;
            }
            StanceKind::Denial
        } else {
            continue;
        };
        if is_noun_use(ws, i) {
            continue;
        }
        // a passive (`a été accusé par Bakou de …`) has its actor after
        // `par`/`by` and its target before: without an agent, no stance
        // `s'étaient rejeté la responsabilité` is reciprocal, not passive
        let passive = i > 0
            && is_any(ws, i - 1, PASSIVE_AUXILIARIES)
            && !(i > 1 && is_any(ws, i - 2, &["s'", "se"]));
        let agent = passive.then(|| agent_after(ws, i + 1)).flatten();
        if passive && agent.is_none() {
            continue;
        }
        let actor = match agent {
            Some(_) => agent,
            None => subject_before(ws, i)
                .or_else(|| apposition_subject(ws, i))
                .or_else(|| apposed_claimant(ws, i)),
        };
        let mut s = agent.map_or(i + 1, |a| a.1);
        while s < ws.len()
            && is_any(
                ws,
                s,
                &[
                    "mercredi",
                    "jeudi",
                    "lundi",
                    "mardi",
                    "vendredi",
                    "samedi",
                    "dimanche",
                    "immediatement",
                    "aussi",
                    "egalement",
                    "also",
                    "again",
                    "publiquement",
                ],
            )
        {
            s += 1;
        }
        if s < ws.len() && is(ws, s, "a") && is(ws, s + 1, "l'") && is(ws, s + 2, "inverse") {
            s += 3;
        }
        let mut target = None;
        let mut content_start = s;
        if agent.is_some() {
            target = subject_before(ws, i - 1);
        } else if kind == StanceKind::Accusation {
            let mut e = s;
            while e < ws.len() && e - s < 8 && !ws[e].before.stop {
                if is_any(ws, e, &["de", "d'", "of", "for"]) {
                    break;
                }
                e += 1;
            }
            if e > s && e < ws.len() && is_any(ws, e, &["de", "d'", "of", "for"]) {
                target = Some((s, e));
                content_start = e;
            }
        }
        let mut content_end = content_start;
        while content_end < ws.len()
            && !ws[content_end].before.stop
            && !(content_end > content_start + 1
                && ws[content_end].before.comma
                && !is_any(ws, content_end, &["et", "and"]))
        {
            content_end += 1;
        }
        if content_end == content_start {
            continue;
        }
        out.push(RawStance {
            kind,
            actor,
            target,
            content: (content_start, content_end),
        });
    }
    out
}

impl Stance {
    pub(crate) fn from_raw(
        r: &RawStance,
        span: &dyn Fn(Range) -> veille_model::Span,
    ) -> Option<Stance> {
        Some(Stance {
            kind: r.kind,
            actor: span(r.actor?),
            target: r.target.map(span),
            content: span(r.content),
        })
    }
}
