//! Guessing a document's date from its text when the source gives none, or
//! only a month ("date 2020-10").
//!
//! Evidence, strongest first: a weekday written with a full date whose
//! calendar agrees ("mercredi 28 octobre 2020": the writer looked at the
//! calendar, and news is written on or just after the day it reports); then
//! the latest explicit full date. Relative expressions are never evidence:
//! they are what the inferred date is for.

use super::calendar::Ymd;
use super::{Family, Granularity, Timex, TimexKind};
use serde::{Deserialize, Serialize};
use veille_model::{PartialDate, Span};

/// Why a date was inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InferenceRule {
    /// The latest full date written with a weekday that matches the calendar.
    WeekdayWithDate,
    /// The latest full date written in the text.
    LatestFullDate,
}

/// The expression an inferred document date rests on. An inferred date is
/// never a publication date the source gave: keep them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub span: Span,
    pub rule: InferenceRule,
}

const WEEKDAYS: &[(&str, u8)] = &[
    ("lundi", 1),
    ("mardi", 2),
    ("mercredi", 3),
    ("jeudi", 4),
    ("vendredi", 5),
    ("samedi", 6),
    ("dimanche", 7),
    ("monday", 1),
    ("tuesday", 2),
    ("wednesday", 3),
    ("thursday", 4),
    ("friday", 5),
    ("saturday", 6),
    ("sunday", 7),
];

/// The best document date the text supports, from `timexes` found in `text`
/// (tag it with the month-only anchor, if any, so that "le 28 octobre" gets
/// its year). `None` when no explicit full date is written.
pub fn infer_document_date(text: &str, timexes: &[Timex]) -> Option<(PartialDate, Evidence)> {
    let mut best: Option<(Ymd, Evidence)> = None;
    for x in timexes {
        if x.family != Family::Absolute
            || x.kind != TimexKind::Date
            || x.granularity != Granularity::Day
            || x.coarsened
        {
            continue;
        }
        let Some(day) = x.value.parse().ok().and_then(Ymd::from_partial) else {
            continue;
        };
        let Some(written) = x.span.get(text) else {
            continue;
        };
        let rule = if names_weekday(written) == Some(day.weekday()) {
            InferenceRule::WeekdayWithDate
        } else {
            InferenceRule::LatestFullDate
        };
        let better = match &best {
            None => true,
            Some((d, e)) => match (rule, e.rule) {
                (InferenceRule::WeekdayWithDate, InferenceRule::LatestFullDate) => true,
                (InferenceRule::LatestFullDate, InferenceRule::WeekdayWithDate) => false,
                _ => day > *d,
            },
        };
        if better {
            best = Some((day, Evidence { span: x.span, rule }));
        }
    }
    best.map(|(d, e)| (d.partial(), e))
}

fn names_weekday(written: &str) -> Option<u8> {
    let lower = written.to_lowercase();
    lower.split(|c: char| !c.is_alphabetic()).find_map(|w| {
        WEEKDAYS
            .iter()
            .find(|(name, _)| *name == w)
            .map(|(_, n)| *n)
    })
}
