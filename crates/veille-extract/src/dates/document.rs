//! A document's place in time when its source gives no publication day:
//! the day its text justifies, and the earliest day it can have been
//! written, each with its evidence. The clusterer compares documents in
//! time with these (`veille_story::ClusterDoc::{inferred, not_before}`).
//!
//! - **Day**, strongest first: a full date written with its matching
//!   weekday ([`infer_document_date`], "mercredi 28 octobre 2020"); else the
//!   lead's bare weekday on or after the latest day the text proves
//!   ([`lower_bound`]: written full dates, a war's age; or the first day of
//!   the publication month), as the views date a document. Only for a
//!   document with a publication month or year, and the day must fall
//!   within it: from the text alone, the dated weekdays are too often
//!   background. Measured on RPM2 (French, no publication dates): 9 of 220
//!   documents got a day that way, at least 4 of them a date of the story's
//!   past ("En 2005, Kerviel…" placed on 2007-05-15; two reports of one
//!   event placed on 2006-12-01 and 2009-01-22), and story B³-F1 fell from
//!   0.820 to 0.802.
//! - **Not before**: [`retrospective_bound`] ("depuis la dernière guerre de
//!   2020": on or after 2021-01-01), a text that looks back on a closed
//!   episode. It is never turned into a day: it says the text is later, not
//!   how much later. The bounds of [`lower_bound`] (written dates, a war's
//!   age) only place the lead's weekday: a text that writes "le 17 octobre
//!   2020" is most often written days after it, not "any time after".

use super::bound::{first_weekday_from, lead_weekday, lower_bound, DateBound};
use super::infer::{infer_document_date, InferenceRule};
use super::retro::retrospective_bound;
use super::DateTagger;
use serde::{Deserialize, Serialize};
use veille_model::{DatePrecision, PartialDate, Span};

/// How a day was inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayRule {
    /// A full date written with the weekday the calendar gives it.
    WeekdayWithDate,
    /// The lead's weekday, first on or after a proven lower bound.
    LeadWeekdayAfterBound,
}

/// A day the text justifies, and the phrase it rests on (the dated
/// weekday, or the lead's weekday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredDay {
    pub day: PartialDate,
    pub rule: DayRule,
    pub span: Span,
}

/// What the text says of a document's time (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentTime {
    pub day: Option<InferredDay>,
    pub not_before: Option<DateBound>,
}

/// Whether `day` lies within the partial date `p`.
fn within(day: PartialDate, p: PartialDate) -> bool {
    p.year == day.year && p.month.is_none_or(|m| Some(m) == day.month)
}

/// The time of a document from its `text` (see the module docs). A
/// publication day already says it all: the result is then empty.
pub fn document_time(
    tagger: &DateTagger,
    text: &str,
    published: Option<PartialDate>,
    lang: &str,
) -> DocumentTime {
    if published.is_some_and(|p| p.precision() == DatePrecision::Day) {
        return DocumentTime::default();
    }
    let not_before = retrospective_bound(text);
    let Some(published) = published else {
        return DocumentTime {
            day: None,
            not_before,
        };
    };
    let xs = tagger.tag(text, Some(published), lang);
    let written = lower_bound(text, &xs);
    let dated_weekday = infer_document_date(text, &xs)
        .filter(|(_, e)| e.rule == InferenceRule::WeekdayWithDate)
        .map(|(day, e)| InferredDay {
            day,
            rule: DayRule::WeekdayWithDate,
            span: e.span,
        });
    let month_start = PartialDate {
        day: Some(1),
        month: Some(published.month.unwrap_or(1)),
        ..published
    };
    let from = written.map_or(month_start, |b| b.not_before.max(month_start));
    let lead_day = || {
        let (wd, span) = lead_weekday(text, &xs)?;
        let day = first_weekday_from(from, wd)?;
        Some(InferredDay {
            day,
            rule: DayRule::LeadWeekdayAfterBound,
            span,
        })
    };
    let day = dated_weekday
        .or_else(lead_day)
        .filter(|d| within(d.day, published));
    DocumentTime { day, not_before }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::BoundRule;

    const SEED_004_END: &str = "Le président a accusé jeudi la Russie, dont un contingent est \
        déployé au Karabakh depuis la dernière guerre de 2020, d'avoir failli. À l'automne 2020, \
        l'Azerbaïdjan a libéré plusieurs villes au terme de 44 jours de combats.";

    fn time(text: &str, published: Option<&str>) -> DocumentTime {
        let p = published.and_then(|p| p.parse().ok());
        document_time(&DateTagger::default(), text, p, "fr")
    }

    #[test]
    fn a_retrospective_war_bounds_but_gives_no_day() {
        let t = time(SEED_004_END, None);
        assert_eq!(
            t.day, None,
            "the weekday is not placed after a year's bound"
        );
        let b = t.not_before.expect("a bound");
        assert_eq!(b.not_before.to_string(), "2021-01-01");
        assert_eq!(b.rule, BoundRule::NamedPastConflict);
    }

    #[test]
    fn a_month_of_publication_and_the_lead_weekday_give_a_day() {
        let t = "Les forces poursuivaient lundi leurs affrontements.";
        let d = time(t, Some("2020-10")).day.expect("a day");
        assert_eq!(d.day.to_string(), "2020-10-05");
        assert_eq!(d.rule, DayRule::LeadWeekdayAfterBound);
        assert_eq!(d.span.get(t), Some("lundi"));
        // no bound, no month: no day
        assert_eq!(time(t, None), DocumentTime::default());
    }

    #[test]
    fn a_dated_weekday_wins_and_must_agree_with_the_publication_month() {
        let t = "Mercredi 28 octobre 2020, Barda a été frappée; lundi, rien.";
        let d = time(t, Some("2020-10")).day.expect("a day");
        assert_eq!(
            (d.day.to_string().as_str(), d.rule),
            ("2020-10-28", DayRule::WeekdayWithDate)
        );
        assert_eq!(time(t, Some("2021-03")).day, None);
        // with no publication date the text alone gives no day
        assert_eq!(time(t, None), DocumentTime::default());
        // a publication day needs nothing
        assert_eq!(time(t, Some("2020-10-29")), DocumentTime::default());
    }
}
