//! Read models of a story as a reader needs it: timeline, summaries,
//! contradictions and running tolls (issue #7).
//!
//! Every function reads what the derived stages recorded — documents,
//! casualty figures and stances (`facts.rs`), entities, events and stories,
//! duplicate and reuse links — and computes the view on demand; nothing is
//! written. All types serialise with serde (the CLI's `--json` and the
//! server print them as they are).
//!
//! - [`timeline`]: dated entries (date and granularity, event type with its
//!   ACLED mapping, place with coordinates when known, the figures and
//!   stances attached with their claimants, the supporting sentences with
//!   document and byte span; wire copies collapsed, see [`timeline`]'s module
//!   notes in `timeline.rs`).
//! - [`summary`]: the extractive summary of an event or a story
//!   (`veille-story::summary`), in date order, each sentence with its source.
//! - [`contradictions`] and [`toll_series`]: `veille-extract::contradict`
//!   over the distinct figures and the stances of each story of the scope.
//!
//! Documents without a publication day are dated by [`DocDate`]: a day
//! inferred from the lead's weekday and a lower bound the text proves (its
//! written dates, the war's written age, the day of an earlier document it
//! copies), flagged `inferred`. On the seeds this dates the Barda dispatch
//! 2020-10-28 and the Geneva one 2020-10-30 (the days they report).
//!
//! Cost: a view loads every document of its scope (text, facts, stances,
//! mentions) and re-reads its sentences' event types and dates, so it is
//! meant for a story, an entity or a place; `Scope::All` over a large store
//! reads the whole store. Measured: `veille report` on the five seeds takes
//! 0.07–0.09 s wall (release build, load average 9.5 from other builds);
//! not measured on a large store.

mod claims;
mod export;
mod load;
mod report;
mod summary;
mod timeline;

pub use claims::{range_text, Contradiction, Side, TollPoint, TollSeries};
pub use load::{DateFrom, DocDate};
pub use summary::SummarySentence;
pub use timeline::{
    ClaimView, EntryDate, Evidence, PlaceRef, SourceRef, StanceView, TimelineEntry, COPY_JACCARD,
};

use crate::{Error, Result};
use load::DocData;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use veille_store::{EntityQuery, ScopeDoc, Store};

/// What a view covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", content = "value", rename_all = "snake_case")]
pub enum Scope {
    /// The documents of one story.
    Story(i64),
    /// The sentences naming an entity (by name, alias or transliteration).
    Entity(String),
    /// The sentences naming a place, or figures placed there.
    Place(String),
    /// Every current document.
    All,
}

/// What a summary covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "target", content = "id", rename_all = "snake_case")]
pub enum Target {
    Event(i64),
    Story(i64),
}

/// The documents of a scope and the entities it follows (for entity and
/// place scopes).
struct Resolved {
    docs: Vec<ScopeDoc>,
    entities: HashSet<i64>,
    /// Folded name for place scopes (matches a figure's place words).
    place_name: Option<String>,
}

/// The entities a name designates: any whose name or alias contains it,
/// else whose key holds its transliteration key; places only when asked.
fn entities_named(store: &Store, name: &str, places_only: bool) -> Result<Vec<i64>> {
    let kind = places_only.then(|| "place".to_string());
    let mut q = EntityQuery {
        kind: kind.clone(),
        name: Some(name.to_string()),
        limit: None,
    };
    let mut found = store.list_entities(&q)?;
    if found.is_empty() {
        let key = veille_extract::entities::translit_key(name);
        if !key.is_empty() {
            q.name = Some(key);
            found = store.list_entities(&q)?;
        }
    }
    Ok(found.into_iter().map(|e| e.id).collect())
}

fn resolve(store: &Store, scope: &Scope) -> Result<Resolved> {
    Ok(match scope {
        Scope::Story(id) => {
            if store.story(*id)?.is_none() {
                return Err(Error::User(format!(
                    "no story {id}: `veille stories` lists them"
                )));
            }
            Resolved {
                docs: store.scope_docs(Some(*id))?,
                entities: HashSet::new(),
                place_name: None,
            }
        }
        Scope::All => Resolved {
            docs: store.scope_docs(None)?,
            entities: HashSet::new(),
            place_name: None,
        },
        Scope::Entity(name) | Scope::Place(name) => {
            let place = matches!(scope, Scope::Place(_));
            let ids = entities_named(store, name, place)?;
            if ids.is_empty() && !place {
                return Err(Error::User(format!(
                    "no entity named {name:?}: `veille entities` lists them"
                )));
            }
            let mut docs = store.entity_docs(&ids)?;
            let place_name = place.then(|| veille_text::fold(name));
            if place {
                // figures placed there by their own words
                let named: HashSet<i64> = store
                    .casualty_facts(&veille_store::FactQuery::default())?
                    .into_iter()
                    .filter(|f| {
                        f.place.as_deref().map(veille_text::fold).as_deref()
                            == place_name.as_deref()
                    })
                    .map(|f| f.doc_id.0)
                    .collect();
                if !named.is_empty() {
                    let have: HashSet<i64> = docs.iter().map(|d| d.doc.0).collect();
                    let extra: Vec<ScopeDoc> = store
                        .scope_docs(None)?
                        .into_iter()
                        .filter(|d| named.contains(&d.doc.0) && !have.contains(&d.doc.0))
                        .collect();
                    docs.extend(extra);
                    docs.sort_by_key(|d| d.doc);
                }
            }
            Resolved {
                docs,
                entities: ids.into_iter().collect(),
                place_name,
            }
        }
    })
}

/// Whether a sentence belongs to an entity or place scope.
fn sentence_names(r: &Resolved, d: &DocData, idx: Option<u32>, text: &str) -> bool {
    if r.entities.is_empty() && r.place_name.is_none() {
        return true;
    }
    let by_mention = match idx {
        Some(i) => d
            .mentions
            .iter()
            .any(|m| m.sentence == i && r.entities.contains(&m.entity)),
        None => d
            .mentions
            .iter()
            .filter(|m| r.entities.contains(&m.entity))
            .any(|m| text.contains(m.surface.as_str())),
    };
    by_mention
        || r.place_name.as_deref().is_some_and(|p| {
            d.facts.iter().any(|f| {
                f.sentence_idx == idx
                    && f.place.as_deref().map(veille_text::fold).as_deref() == Some(p)
            })
        })
}

/// The dated entries of a scope: by date (undated last), then story.
pub fn timeline(store: &Store, scope: &Scope) -> Result<Vec<TimelineEntry>> {
    let r = resolve(store, scope)?;
    let docs = load::load(store, &r.docs)?;
    let keep = |d: &DocData, idx: Option<u32>, text: &str| sentence_names(&r, d, idx, text);
    Ok(timeline::build(&docs, &keep))
}

/// The `n` sentences that best summarise an event or a story, in date order.
pub fn summary(store: &Store, target: Target, n: usize) -> Result<Vec<SummarySentence>> {
    let docs: Vec<ScopeDoc> = match target {
        Target::Story(id) => resolve(store, &Scope::Story(id))?.docs,
        Target::Event(id) => {
            let docs: Vec<ScopeDoc> = store
                .scope_docs(None)?
                .into_iter()
                .filter(|d| d.event == Some(id))
                .collect();
            if docs.is_empty() {
                return Err(Error::User(format!(
                    "no event {id}: `veille events` lists them"
                )));
            }
            docs
        }
    };
    let docs = load::load(store, &docs)?;
    Ok(summary::build(&docs, n))
}

/// The documents of a scope, loaded, by story (unclustered ones under `None`).
#[cfg(test)]
fn by_story(store: &Store, scope: &Scope) -> Result<BTreeMap<Option<i64>, Vec<DocData>>> {
    Ok(group_by_story(load::load(
        store,
        &resolve(store, scope)?.docs,
    )?))
}

fn group_by_story(docs: Vec<DocData>) -> BTreeMap<Option<i64>, Vec<DocData>> {
    let mut out: BTreeMap<Option<i64>, Vec<DocData>> = BTreeMap::new();
    for d in docs {
        out.entry(d.at.story).or_default().push(d);
    }
    out
}

/// Claims that disagree within each story of the scope: figures whose
/// ranges do not overlap, accusations met by denials, different parties
/// blamed. Contradictions are looked for within a story, never across.
pub fn contradictions(store: &Store, scope: &Scope) -> Result<Vec<Contradiction>> {
    // made of figures and stances: documents with neither are not read
    let docs = load::load_with_claims(store, &resolve(store, scope)?.docs)?;
    Ok(group_by_story(docs)
        .iter()
        .flat_map(|(story, docs)| claims::contradictions(*story, docs))
        .collect())
}

/// Each claimant's running toll over time, per story of the scope.
pub fn toll_series(store: &Store, scope: &Scope) -> Result<Vec<TollSeries>> {
    // a series is made of figures alone: documents without any are not read
    let docs = load::load_with_figures(store, &resolve(store, scope)?.docs)?;
    Ok(group_by_story(docs)
        .iter()
        .flat_map(|(story, docs)| claims::toll_series(*story, docs))
        .collect())
}

/// The timeline of a scope as export records: ACLED-shaped events (entries
/// whose type ACLED codes) and one fact per distinct figure.
pub fn export_records(
    store: &Store,
    scope: &Scope,
) -> Result<(
    Vec<veille_export::ExportEvent>,
    Vec<veille_export::ExportFact>,
)> {
    let entries = timeline(store, scope)?;
    Ok((export::events(&entries), export::facts(&entries)))
}

/// A readable Markdown report of every story: its timeline, summary,
/// running tolls by claimant and contradictions.
pub fn report(store: &Store, summary_sentences: usize) -> Result<String> {
    report::markdown(store, summary_sentences)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, EngineConfig, NoProgress};
    use std::path::Path;

    /// The running tolls read only the documents with figures, and give
    /// what reading every document gives: here the seeds (undated, so each
    /// is dated from its text and the documents it copies) after a dated
    /// dispatch without any figure whose sentences a seed repeats.
    #[test]
    fn tolls_and_contradictions_from_the_documents_they_need_are_those_of_every_document() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
        let tmp = tempfile::tempdir().expect("temp dir");
        // published on a day and ingested first: the seed that copies its
        // sentences may take its day from it
        let extra = tmp.path().join("extra.jsonl");
        let text = "Un journaliste de l'AFP présent à Barda a vu des magasins et bâtiments \
                    détruits, le sol jonché de débris, tandis que des habitants se \
                    rassemblaient pour constater les dégâts. Plusieurs voitures carbonisées \
                    étaient visibles, ainsi qu'une marre de sang.";
        let line = serde_json::json!({"id": "no-figure", "date": "2020-11-04", "text": text});
        std::fs::write(&extra, format!("{line}\n")).expect("write");
        let mut engine = Engine::open(EngineConfig::new(tmp.path().join("db"))).expect("open");
        engine.ingest(&[extra, seeds], &NoProgress).expect("ingest");
        let store = engine.store();
        let all = by_story(store, &Scope::All).expect("load");
        let loaded: usize = all.values().map(Vec::len).sum();
        let expected: Vec<TollSeries> = all
            .iter()
            .flat_map(|(story, docs)| claims::toll_series(*story, docs))
            .collect();
        let (_, with) = store.figure_docs().expect("figure docs");
        assert!(with.len() < loaded, "a document without figures: {with:?}");
        assert!(!expected.is_empty());
        assert_eq!(toll_series(store, &Scope::All).expect("series"), expected);
        // contradictions read only the stories with figures or stances
        let expected: Vec<Contradiction> = all
            .iter()
            .flat_map(|(story, docs)| claims::contradictions(*story, docs))
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(
            contradictions(store, &Scope::All).expect("contradictions"),
            expected
        );
    }
}
