//! What the views read of each document of a scope: the stored document,
//! its facts, stances and entity mentions, a date for it and its dated
//! expressions.

use crate::Result;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use veille_extract::{
    first_weekday_from, lead_weekday, lower_bound, opens_period, DateTagger, Granularity,
    IntervalEdge, Timex, TimexKind,
};
use veille_model::{DatePrecision, DocId, PartialDate};
use veille_store::{
    CasualtyFact, DocMention, FactQuery, ScopeDoc, StanceQuery, Store, StoredDoc, StoredStance,
};

/// Where a document's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFrom {
    /// The source's publication date (or one the cleaner found in the page).
    Published,
    /// Guessed from the text and the documents it copies: the first day
    /// named by the lead's weekday on or after the latest day the text
    /// proves ([`veille_extract::lower_bound`]).
    Inferred,
    /// No date at all.
    Unknown,
}

/// A document's date for the views, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    pub date: Option<PartialDate>,
    pub from: DateFrom,
    /// For an inferred date: the evidence, in words.
    pub evidence: Option<String>,
}

/// One document of a scope with everything the views use.
#[derive(Debug, Clone)]
pub(crate) struct DocData {
    pub at: ScopeDoc,
    pub doc: StoredDoc,
    pub date: DocDate,
    /// The date expressions of the text, resolved against `date` (else the
    /// story's month, for years only).
    pub timexes: Vec<Timex>,
    /// Those of the title.
    pub title_timexes: Vec<Timex>,
    pub facts: Vec<CasualtyFact>,
    pub stances: Vec<StoredStance>,
    pub mentions: Vec<DocMention>,
    /// Earlier documents of the scope it copies (duplicate or sentence reuse).
    pub copies_from: Vec<DocId>,
    /// The killed and injured of the incident it reports.
    pub incident: veille_extract::IncidentCounts,
}

impl DocData {
    /// The text a sentence index refers to (`None`: the title) and its span.
    pub fn sentence(&self, idx: Option<u32>) -> Option<(&str, veille_model::Span)> {
        match idx {
            None => {
                let t = self.doc.title.as_deref()?;
                Some((t, veille_model::Span::new(0, t.len())))
            }
            Some(i) => {
                let s = self.doc.sentences.get(i as usize)?.span;
                Some((s.get(&self.doc.text)?, s))
            }
        }
    }
}

/// The month of a date (a day date loses its day).
fn month_of(d: PartialDate) -> PartialDate {
    PartialDate { day: None, ..d }
}

/// Loads the documents of a scope in id order, dating each (an inferred
/// date can rest on the date of an earlier document it copies, so order
/// matters).
pub(crate) fn load(store: &Store, scope: &[ScopeDoc]) -> Result<Vec<DocData>> {
    load_where(store, scope, None)
}

/// [`load`] for the documents with casualty figures only: the others are
/// only dated (a figure's document may take its day from one it copies),
/// from the store's publication day when it has one. What the running
/// tolls need, at a fraction of the reads on a store where most documents
/// state no figure.
pub(crate) fn load_with_figures(store: &Store, scope: &[ScopeDoc]) -> Result<Vec<DocData>> {
    let figures = store.figure_docs()?;
    load_where(store, scope, Some(&figures))
}

/// [`load`] for the stories (and the unclustered documents) where some
/// document has a figure or a stance: contradictions are made of those and
/// looked for within a story, and a story's timeline (which dates its
/// figures) needs all of its documents. The others are only dated, as in
/// [`load_with_figures`].
pub(crate) fn load_with_claims(store: &Store, scope: &[ScopeDoc]) -> Result<Vec<DocData>> {
    let (days, mut with) = store.figure_docs()?;
    with.extend(store.stance_docs()?);
    let stories: HashSet<Option<i64>> = scope
        .iter()
        .filter(|at| with.contains(&at.doc))
        .map(|at| at.story)
        .collect();
    let read: HashSet<DocId> = scope
        .iter()
        .filter(|at| stories.contains(&at.story))
        .map(|at| at.doc)
        .collect();
    load_where(store, scope, Some(&(days, read)))
}

fn load_where(
    store: &Store,
    scope: &[ScopeDoc],
    only: Option<&(HashMap<DocId, PartialDate>, HashSet<DocId>)>,
) -> Result<Vec<DocData>> {
    let tagger = DateTagger::default();
    let mut story_month: HashMap<i64, Option<PartialDate>> = HashMap::new();
    let mut dated: HashMap<DocId, PartialDate> = HashMap::new();
    let mut out = Vec::with_capacity(scope.len());
    for at in scope {
        let skip = only.is_some_and(|(_, with)| !with.contains(&at.doc));
        if let Some(day) = only
            .filter(|_| skip)
            .and_then(|(days, _)| days.get(&at.doc))
        {
            // what `date_of` gives a document published on a known day
            dated.insert(at.doc, *day);
            continue;
        }
        let doc = store.get_doc(at.doc)?;
        let context = match at.story {
            Some(s) => *match story_month.entry(s) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(store.story(s)?.and_then(|s| s.first).map(month_of))
                }
            },
            None => None,
        };
        let copies_from: Vec<DocId> = store
            .copy_links(at.doc)?
            .into_iter()
            .map(|(d, _)| d)
            .filter(|d| *d < at.doc)
            .collect();
        let copied_day = copies_from
            .iter()
            .filter_map(|d| dated.get(d))
            .max()
            .copied();
        let date = date_of(&tagger, &doc, context, copied_day);
        if let Some(d) = date.date.filter(|d| d.day.is_some()) {
            dated.insert(at.doc, d);
        }
        if skip {
            continue;
        }
        let anchor = date.date.or(context);
        let timexes = tagger.tag(&doc.text, anchor, &doc.lang);
        let title_timexes = doc
            .title
            .as_deref()
            .map(|t| tagger.tag(t, anchor, &doc.lang))
            .unwrap_or_default();
        let facts = store.casualty_facts(&FactQuery {
            doc: Some(at.doc),
            ..FactQuery::default()
        })?;
        let stances = store.stances(&StanceQuery {
            doc: Some(at.doc),
            ..StanceQuery::default()
        })?;
        let mentions = store.doc_mentions(at.doc)?;
        let incident = crate::incident::incident_counts(&doc);
        out.push(DocData {
            at: *at,
            doc,
            incident,
            date,
            timexes,
            title_timexes,
            facts,
            stances,
            mentions,
            copies_from,
        });
    }
    Ok(out)
}

/// The date of a document: its publication day, else a day inferred from a
/// lower bound (the text's written dates, its war's age, the day of a
/// document it copies) and its lead's weekday, else whatever part of the
/// publication date is known. `context` (the story's month) only gives
/// years to day-and-month phrases.
pub(crate) fn date_of(
    tagger: &DateTagger,
    doc: &StoredDoc,
    context: Option<PartialDate>,
    copied_day: Option<PartialDate>,
) -> DocDate {
    let published = doc.published;
    if published.is_some_and(|p| p.precision() == DatePrecision::Day) {
        return DocDate {
            date: published,
            from: DateFrom::Published,
            evidence: None,
        };
    }
    let fallback = DocDate {
        date: published,
        from: if published.is_some() {
            DateFrom::Published
        } else {
            DateFrom::Unknown
        },
        evidence: None,
    };
    let xs = tagger.tag(&doc.text, published.or(context), &doc.lang);
    let mut bound = lower_bound(&doc.text, &xs).map(|b| {
        let why = b.span.get(&doc.text).unwrap_or("").to_string();
        (b.not_before, format!("{why:?}"))
    });
    if let Some(c) = copied_day {
        if bound.as_ref().is_none_or(|(b, _)| c > *b) {
            bound = Some((c, "the day of a document it copies".to_string()));
        }
    }
    // a month of publication bounds too
    if let Some(p) = published {
        let first = PartialDate {
            day: Some(1),
            month: Some(p.month.unwrap_or(1)),
            ..p
        };
        if bound.as_ref().is_none_or(|(b, _)| first > *b) {
            bound = Some((first, format!("published {p}")));
        }
    }
    let (Some((not_before, why)), Some((wd, wd_span))) = (bound, lead_weekday(&doc.text, &xs))
    else {
        return fallback;
    };
    let Some(day) = first_weekday_from(not_before, wd) else {
        return fallback;
    };
    // the inferred day must agree with what the publication date says
    let agrees = published
        .is_none_or(|p| p.year == day.year && p.month.is_none_or(|m| Some(m) == day.month));
    if !agrees {
        return fallback;
    }
    DocDate {
        date: Some(day),
        from: DateFrom::Inferred,
        evidence: Some(format!(
            "the lead's {:?} on or after {not_before} ({why})",
            wd_span.get(&doc.text).unwrap_or("")
        )),
    }
}

/// The date an expression of `text` gives its sentence: a day or month,
/// with its time of day if any (not a period's start, not one the anchor was
/// too coarse for; not a year, season or week, which in news are mostly
/// background: "la guerre de 2020", "en 1994"), as a calendar date and its
/// granularity.
pub(crate) fn timex_date(text: &str, x: &Timex) -> Option<(PartialDate, Granularity)> {
    if !matches!(x.kind, TimexKind::Date | TimexKind::Time)
        || x.coarsened
        || x.interval == Some(IntervalEdge::Start)
        || x.granularity < Granularity::Month
        || x.granularity == Granularity::Week
        || opens_period(text, x.span)
    {
        return None;
    }
    let v = x.value.as_str();
    let date = v
        .get(..10)
        .and_then(|s| s.parse().ok())
        .or_else(|| v.get(..7).and_then(|s| s.parse().ok()))
        .or_else(|| v.get(..4).and_then(|s| s.parse().ok()))?;
    Some((date, x.granularity))
}
