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
use veille_extract::entities::{EntityTagger, Mention, Precision};
use veille_model::{AnalysedDoc, DocId, Span};
use veille_store::{EntityRecord, MentionRecord, Store};

#[derive(Debug)]
pub(crate) struct Entities {
    tagger: EntityTagger,
}

impl Entities {
    /// Loads the gazetteer and records the entities of documents above the
    /// store's `entity_progress` mark.
    pub fn load(store: &mut Store) -> Result<Entities> {
        let started = std::time::Instant::now();
        let mut stage = Entities {
            tagger: EntityTagger::new(),
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
            geonameid: place.map(|p| p.geonameid),
            precision: place.map(|p| match p.precision {
                Precision::Country => "country".to_string(),
                Precision::City => "city".to_string(),
            }),
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
                let mut keys = store.person_keys_ending(name)?;
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
        Ok(())
    }
}
