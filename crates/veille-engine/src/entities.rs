//! The entity stage: every stored document's persons, organisations and
//! places (`veille-extract`'s [`EntityTagger`]), recorded with
//! `Store::record_entities` right after each ingest batch, documents
//! tagged in parallel.
//!
//! Inside a document the tagger links short forms to full names; across
//! documents, a person named only by a last name ("M. Aliev") joins the
//! person entity of that last name when there is exactly one
//! (`per:ilham aliev`), among the entities already stored and the documents
//! of the same batch before it.

use crate::stage::{catch_up, Stage, StageDoc};
use crate::Result;
use rayon::prelude::*;
use std::collections::HashMap;
use veille_extract::entities::{EntityTagger, Mention};
use veille_model::{AnalysedDoc, DocId, Span};
use veille_store::{EntityRecord, MentionRecord, Store};

#[derive(Debug)]
pub(crate) struct Entities {
    tagger: EntityTagger,
    /// Full person keys by their last name key (`aliev` → `per:ilham aliev`),
    /// read from the store on first need and kept up to date batch by batch:
    /// a lookup per short-form mention, not a scan of the entities table
    /// (that scan was most of the stage's time on OrangeSum).
    by_last_name: Option<HashMap<String, Vec<String>>>,
}

/// The last name key of a full person key (`per:ilham aliev` → `aliev`).
fn last_name_of(key: &str) -> Option<&str> {
    key.strip_prefix("per:")?
        .rsplit_once(' ')
        .map(|(_, last)| last)
}

impl Entities {
    /// Loads the gazetteer and records the entities of documents above the
    /// store's `entity_progress` mark.
    pub fn load(store: &mut Store) -> Result<Entities> {
        let started = std::time::Instant::now();
        let mut stage = Entities {
            tagger: EntityTagger::new(),
            by_last_name: None,
        };
        let mark = store.entity_progress()?;
        let fed = catch_up(store, &mut stage, mark)?;
        tracing::info!(
            caught_up = fed,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "entity stage loaded"
        );
        Ok(stage)
    }
}

/// The mentions of one document.
pub(crate) fn tag(tagger: &EntityTagger, doc: &AnalysedDoc) -> Vec<Mention> {
    let spans: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
    tagger.tag(&doc.clean.text, &spans, &doc.lang.code)
}

fn record(text: &str, m: &Mention) -> MentionRecord {
    let place = m.place.as_ref();
    MentionRecord {
        span: m.span,
        sentence: m.sentence as u32,
        surface: text[m.span.range()].to_string(),
        via: m.via.as_str().to_string(),
        role: m.role.and_then(|r| text.get(r.range())).map(str::to_string),
        entity: EntityRecord {
            key: m.key.clone(),
            kind: m.kind.as_str().to_string(),
            canonical: m.canonical.clone(),
            country: m.country.clone(),
            lat: place.map(|p| p.lat),
            lon: place.map(|p| p.lon),
            // a region has no GeoNames id in the gazetteer (0)
            geonameid: place.and_then(|p| (p.geonameid != 0).then_some(p.geonameid)),
            precision: place.map(|p| p.precision.as_str().to_string()),
        },
    }
}

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn add(&mut self, store: &mut Store, docs: &[StageDoc<'_>]) -> Result<()> {
        let Some(last) = docs.iter().map(|d| d.id).max() else {
            return Ok(());
        };
        let tagger = &self.tagger;
        let tagged: Vec<(DocId, Vec<MentionRecord>)> = docs
            .par_iter()
            .map(|d| {
                let text = &d.doc.clean.text;
                (
                    d.id,
                    tag(tagger, d.doc).iter().map(|m| record(text, m)).collect(),
                )
            })
            .collect();
        let mut batch_full: HashMap<String, (String, String)> = HashMap::new();
        let mut resolved = Vec::with_capacity(tagged.len());
        for (id, mut mentions) in tagged {
            for m in &mut mentions {
                let e = &mut m.entity;
                let Some(name) = e.key.strip_prefix("per:").map(str::to_string) else {
                    continue;
                };
                let name = name.as_str();
                if let Some((_, last_name)) = name.rsplit_once(' ') {
                    batch_full
                        .entry(last_name.to_string())
                        .or_insert_with(|| (e.key.clone(), e.canonical.clone()));
                    continue;
                }
                if self.by_last_name.is_none() {
                    let mut map: HashMap<String, Vec<String>> = HashMap::new();
                    for key in store.person_keys()? {
                        if let Some(last) = last_name_of(&key) {
                            map.entry(last.to_string()).or_default().push(key.clone());
                        }
                    }
                    self.by_last_name = Some(map);
                }
                let by_last = self.by_last_name.as_ref().expect("filled above");
                let mut keys = by_last.get(name).cloned().unwrap_or_default();
                if let Some((k, _)) = batch_full.get(name) {
                    if !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
                if let [only] = &keys[..] {
                    e.key = only.clone();
                    if let Some((_, canonical)) = batch_full.get(name) {
                        e.canonical = canonical.clone();
                    }
                }
            }
            resolved.push((id, mentions));
        }
        store.record_entities(&resolved, last)?;
        if let Some(map) = &mut self.by_last_name {
            // every full person key now stored, as person_keys() would read it
            for m in resolved.iter().flat_map(|(_, ms)| ms) {
                let key = &m.entity.key;
                if m.entity.kind != "person" {
                    continue;
                }
                if let Some(last) = last_name_of(key) {
                    let keys = map.entry(last.to_string()).or_default();
                    if !keys.contains(key) {
                        keys.push(key.clone());
                    }
                }
            }
        }
        Ok(())
    }
}
