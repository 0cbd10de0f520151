//! A day for a document that has none, from a lower bound and the weekday
//! of its lead.
//!
//! Agency copy often reaches us without a publication day (seed dispatches,
//! pages whose metadata was stripped): "L'Azerbaïdjan a accusé *mercredi*
//! l'Arménie …" cannot be resolved without knowing which week. Two kinds of
//! evidence bound the writing day from below:
//!
//! - every full date the text writes ("le 17 octobre", given its year by
//!   the anchor the text was tagged with): news reports what has happened;
//! - a war's age: a duration followed by a noun of fighting ("en un mois de
//!   combats", "after 44 days of war") counted from the earliest date that
//!   starts a period ("depuis la reprise des combats le 27 septembre").
//!
//! Bounds only ever come from written dates, never from relative ones.
//! [`lead_weekday`] is the first bare weekday of the text (the lead's
//! "mercredi" names the day of the news); [`first_weekday_from`] the first
//! such day on or after the bound. Callers say the result is inferred.

use super::calendar::Ymd;
use super::words::weekday;
use super::{Family, Granularity, IntervalEdge, Timex, TimexKind};
use serde::{Deserialize, Serialize};
use veille_model::{PartialDate, Span};

/// Why a document cannot be older than a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundRule {
    /// The latest full date written in the text.
    LatestFullDate,
    /// The start of a period plus a war's written age.
    StartPlusDuration,
    /// The year after a conflict the text names by its year ("la dernière
    /// guerre de 2020"): see [`super::retrospective_bound`].
    NamedPastConflict,
}

/// The earliest day a document can have been written, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateBound {
    pub not_before: PartialDate,
    pub rule: BoundRule,
    /// The date or duration phrase it rests on.
    pub span: Span,
}

/// Folded nouns of fighting whose length a duration can give.
const WAR_NOUNS: &[&str] = &[
    "combats",
    "guerre",
    "conflit",
    "hostilites",
    "affrontements",
    "fighting",
    "war",
    "conflict",
    "hostilities",
    "clashes",
];

fn full_day(x: &Timex) -> Option<Ymd> {
    if x.family != Family::Absolute
        || x.kind != TimexKind::Date
        || x.granularity != Granularity::Day
        || x.coarsened
    {
        return None;
    }
    x.value.parse().ok().and_then(Ymd::from_partial)
}

/// `P44D`, `P3W`, `P1M`, `P2Y` applied to `from`; `None` for vague ones.
fn add_duration(from: Ymd, value: &str) -> Option<Ymd> {
    let body = value.strip_prefix('P')?;
    if body.starts_with('T') {
        return None;
    }
    let unit = body.chars().last()?;
    let n: i64 = body[..body.len() - unit.len_utf8()].parse().ok()?;
    match unit {
        'D' => Some(from.add_days(n)),
        'W' => Some(from.add_days(7 * n)),
        'M' => Some(from.add_months(i32::try_from(n).ok()?)),
        'Y' => Some(from.add_months(i32::try_from(n.checked_mul(12)?).ok()?)),
        _ => None,
    }
}

/// Words before a date that make it the start of the fighting ("depuis la
/// reprise des combats le 27 septembre", "since the outbreak … on").
const START_WORDS: &[&str] = &["depuis", "reprise", "declenchement", "since", "outbreak"];

/// Whether one of [`START_WORDS`] is among the five words before `span`:
/// the date starts a period ("depuis la reprise des combats le 27
/// septembre") rather than dating an event.
pub fn opens_period(text: &str, span: Span) -> bool {
    let mut from = (span.start as usize).saturating_sub(60);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..span.start as usize).unwrap_or("");
    let words = veille_text::folded_words(before);
    words
        .iter()
        .rev()
        .take(5)
        .any(|w| START_WORDS.contains(&w.as_str()))
}

/// Whether the words right after `span` are "de combats", "of war"….
fn names_war_age(text: &str, span: Span) -> bool {
    let rest = text.get(span.end as usize..).unwrap_or("");
    let mut cut = rest.len().min(60);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let words = veille_text::folded_words(&rest[..cut]);
    matches!(words.first().map(String::as_str), Some("de" | "d" | "of"))
        && words
            .get(1)
            .is_some_and(|w| WAR_NOUNS.contains(&w.as_str()))
}

/// The latest day the text proves it was written on or after; `None` when
/// it writes no full date.
pub fn lower_bound(text: &str, timexes: &[Timex]) -> Option<DateBound> {
    let mut best: Option<(Ymd, BoundRule, Span)> = None;
    let mut consider = |d: Ymd, rule: BoundRule, span: Span| {
        if best.is_none_or(|(b, _, _)| d > b) {
            best = Some((d, rule, span));
        }
    };
    let start = timexes
        .iter()
        .filter(|x| x.interval == Some(IntervalEdge::Start) || opens_period(text, x.span))
        .filter_map(full_day)
        .min();
    for x in timexes {
        if let Some(d) = full_day(x) {
            consider(d, BoundRule::LatestFullDate, x.span);
        } else if let (TimexKind::Duration, Some(s)) = (x.kind, start) {
            if names_war_age(text, x.span) {
                if let Some(d) = add_duration(s, &x.value) {
                    consider(d, BoundRule::StartPlusDuration, x.span);
                }
            }
        }
    }
    best.map(|(d, rule, span)| DateBound {
        not_before: d.partial(),
        rule,
        span,
    })
}

/// The ISO weekday (Monday = 1) of the first bare weekday of the text
/// ("mercredi", "lundi soir"), with its span.
pub fn lead_weekday(text: &str, timexes: &[Timex]) -> Option<(u8, Span)> {
    timexes
        .iter()
        .filter(|x| x.family == Family::Relative)
        .find_map(|x| {
            let written = x.span.get(text)?;
            let first = veille_text::folded_words(written)
                .into_iter()
                .find_map(|w| weekday(&w));
            first.map(|wd| (wd, x.span))
        })
}

/// The first day on or after `bound` (a full date) that is weekday `wd`.
pub fn first_weekday_from(bound: PartialDate, wd: u8) -> Option<PartialDate> {
    let b = Ymd::from_partial(bound)?;
    if !(1..=7).contains(&wd) {
        return None;
    }
    let ahead = (i64::from(wd) - i64::from(b.weekday())).rem_euclid(7);
    Some(b.add_days(ahead).partial())
}
