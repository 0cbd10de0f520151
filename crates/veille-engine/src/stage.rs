//! Derived stages: what is computed from stored documents and recorded
//! beside them (duplicates and reuse today; claims, entities and clusters
//! plug in the same way).
//!
//! A stage sees every stored document once, in id order: the documents each
//! ingest batch adds, right after the batch's own transaction, or — when the
//! stage was not running (`veille ingest --defer`, a store from an older
//! veille, a run killed between the two transactions) — the documents above
//! its progress mark, when it is next loaded. Each stage records its results
//! and moves its mark in one transaction of its own, so a killed run re-run
//! gives the same store.
//!
//! # Adding a stage
//!
//! 1. A migration with the stage's tables and a progress mark (see
//!    `veille-store`'s "Adding a migration").
//! 2. A module `src/<stage>.rs` with a type implementing [`Stage`] and a
//!    `load(store) -> Result<Self>` that restores its state and calls
//!    [`catch_up`] from its mark.
//! 3. One line in [`load_stages`].

use crate::dedup::Dedup;
use crate::timings::Timed;
use crate::Result;
use veille_model::{AnalysedDoc, DocId};
use veille_store::Store;

/// Stored documents read back per catch-up transaction.
pub(crate) const CATCH_UP_CHUNK: usize = 1000;

/// A document just stored, as a stage sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StageDoc<'a> {
    pub id: DocId,
    pub doc: &'a AnalysedDoc,
}

/// A computation over stored documents that records its results in the
/// store.
pub(crate) trait Stage: Send + std::fmt::Debug {
    /// A short name for logs and reports.
    fn name(&self) -> &'static str;

    /// Processes newly stored documents (ids ascending, all above the
    /// stage's progress mark) and records the results and the new mark in
    /// one transaction.
    fn add(&mut self, store: &mut Store, docs: &[StageDoc<'_>]) -> Result<()>;

    /// The stage's own breakdown of its wall time so far (what
    /// `veille update --timings` prints under the stage), if it keeps one.
    fn parts(&self) -> Vec<(&'static str, std::time::Duration)> {
        Vec::new()
    }

    /// The stage's timing, when it is wrapped in [`Timed`].
    fn timing(&self) -> Option<crate::timings::StageTiming> {
        None
    }
}

/// Every derived stage, loaded (and caught up) in pipeline order, each
/// timed ([`Timed`]).
pub(crate) fn load_stages(store: &mut Store) -> Result<Vec<Box<dyn Stage>>> {
    let stages: Vec<Box<dyn Stage>> = vec![
        Timed::load(store, Dedup::load)?,
        Timed::load(store, crate::extract::Extract::load)?,
        Timed::load(store, crate::entities::Entities::load)?,
        Timed::load(store, crate::cluster::Clusters::load)?,
        Timed::load(store, crate::search::SearchIndexer::load)?,
    ];
    Ok(stages)
}

/// The stages an ingest feeds, loaded from the store only when a batch
/// adds a document: re-reading inputs the store already holds (a folder
/// scanned again, a feed polled again) costs no index build (the duplicate
/// and reuse indexes of a 36k-document store take seconds to build).
pub(crate) enum IngestStages {
    /// `ingest --defer`: nothing is fed; `veille update` catches up.
    Deferred,
    /// Loaded on first need (or kept from an earlier ingest of this process).
    Lazy(Option<Vec<Box<dyn Stage>>>),
}

impl IngestStages {
    /// Feeds the documents a batch added (already stored). Loading catches
    /// every stage up from the store, this batch included, so a stage
    /// loaded here is not fed the batch a second time.
    pub fn feed(&mut self, store: &mut Store, added: &[StageDoc<'_>]) -> Result<()> {
        match self {
            IngestStages::Deferred => {}
            IngestStages::Lazy(Some(stages)) => {
                for stage in stages.iter_mut() {
                    stage.add(store, added)?;
                }
            }
            IngestStages::Lazy(slot @ None) if !added.is_empty() => {
                *slot = Some(load_stages(store)?);
            }
            IngestStages::Lazy(None) => {}
        }
        Ok(())
    }

    /// The loaded stages, if any batch needed them.
    pub fn into_loaded(self) -> Option<Vec<Box<dyn Stage>>> {
        match self {
            IngestStages::Deferred => None,
            IngestStages::Lazy(stages) => stages,
        }
    }
}

/// Whether some stage has not seen every stored document (a run killed
/// between a batch and its stages, `ingest --defer`, an older store).
pub(crate) fn any_behind(store: &Store) -> Result<bool> {
    let last = store.last_doc_id()?;
    let marks = [
        store.dedup_progress()?,
        store.extract_progress()?,
        store.entity_progress()?,
        store.cluster_progress()?.last_doc,
        store.search_progress()?,
    ];
    Ok(marks.iter().any(|&m| m < last))
}

/// Feeds `stage` every stored document above `after`, a chunk at a time;
/// the number of documents fed.
pub(crate) fn catch_up(store: &mut Store, stage: &mut dyn Stage, mut after: DocId) -> Result<u64> {
    let mut fed = 0;
    loop {
        let chunk = store.docs_after(after, CATCH_UP_CHUNK)?;
        let Some(last) = chunk.last().map(|d| d.id) else {
            return Ok(fed);
        };
        let docs: Vec<(DocId, AnalysedDoc)> = chunk
            .into_iter()
            .map(|d| (d.id, d.into_analysed()))
            .collect();
        let views: Vec<StageDoc<'_>> = docs
            .iter()
            .map(|(id, doc)| StageDoc { id: *id, doc })
            .collect();
        stage.add(store, &views)?;
        fed += views.len() as u64;
        after = last;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use veille_model::{Format, Origin, RawDoc};

    /// A stage that records the ids it sees.
    #[derive(Debug, Default)]
    struct Seen(Vec<DocId>);

    impl Stage for Seen {
        fn name(&self) -> &'static str {
            "seen"
        }
        fn add(&mut self, _: &mut Store, docs: &[StageDoc<'_>]) -> Result<()> {
            self.0.extend(docs.iter().map(|d| d.id));
            Ok(())
        }
    }

    fn stored(store: &mut Store, n: usize) -> Vec<DocId> {
        let engine_cfg = crate::EngineConfig::new("unused");
        let pipeline = crate::ingest::Pipeline {
            cfg: &engine_cfg,
            cleaner: &veille_text::Cleaner::default(),
            analyser: &veille_text::Analyser::default(),
        };
        let docs: Vec<AnalysedDoc> = (0..n)
            .map(|i| {
                let mut raw = RawDoc::new(
                    format!("doc-{i}"),
                    Origin {
                        path: "test".into(),
                        line: Some(i as u64 + 1),
                    },
                    Format::Text,
                    format!("Le texte numéro {i} parle de Barda. Une deuxième phrase."),
                );
                raw.title = Some(format!("Titre {i}"));
                pipeline.analyse(raw)
            })
            .collect();
        store
            .write_batch(&docs)
            .unwrap()
            .into_iter()
            .map(|o| o.id())
            .collect()
    }

    #[test]
    fn catch_up_feeds_every_document_above_the_mark_once_in_order() {
        let mut store = Store::open_in_memory().unwrap();
        let ids = stored(&mut store, 2 * CATCH_UP_CHUNK + 7);
        let mut stage = Seen::default();
        let fed = catch_up(&mut store, &mut stage, ids[4]).unwrap();
        assert_eq!(fed as usize, ids.len() - 5);
        assert_eq!(stage.0, ids[5..].to_vec());
        assert_eq!(
            catch_up(&mut store, &mut stage, *ids.last().unwrap()).unwrap(),
            0
        );
    }
}
