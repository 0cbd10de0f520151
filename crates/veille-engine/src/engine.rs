use crate::dedup::{reuse_view, ReuseView};
use crate::ingest::Pipeline;
use crate::stage::{any_behind, load_stages, IngestStages, Stage};
use crate::{EngineConfig, Error, IngestReport, Progress, Result};
use std::path::PathBuf;
use veille_model::DocId;
use veille_model::{AnalysedDoc, RawDoc};
use veille_store::{DocQuery, DocSummary, DupGroup, ReuseLink, Store, StoredDoc};
use veille_text::{Analyser, Cleaner};

/// The facade of veille: one store, the pipeline stages, and the queries the
/// binary and the server need.
#[derive(Debug)]
pub struct Engine {
    cfg: EngineConfig,
    store: Store,
    cleaner: Cleaner,
    analyser: Analyser,
    /// The derived stages (duplicate and reuse indexes, …), loaded at the
    /// first ingest of the process that runs them.
    stages: Option<Vec<Box<dyn Stage>>>,
}

impl Engine {
    /// Opens (creating if needed) the store in `cfg.data_dir`.
    pub fn open(cfg: EngineConfig) -> Result<Engine> {
        std::fs::create_dir_all(&cfg.data_dir).map_err(|source| Error::Io {
            path: cfg.data_dir.clone(),
            source,
        })?;
        let store = Store::open(&cfg.data_dir)?;
        Ok(Engine {
            cfg,
            store,
            cleaner: Cleaner::default(),
            analyser: Analyser::default(),
            stages: None,
        })
    }

    pub fn config(&self) -> &EngineConfig {
        &self.cfg
    }

    /// Ingests files, directories (recursively) and `-` (stdin).
    pub fn ingest(&mut self, paths: &[PathBuf], progress: &dyn Progress) -> Result<IngestReport> {
        let pipeline = Pipeline {
            cfg: &self.cfg,
            cleaner: &self.cleaner,
            analyser: &self.analyser,
        };
        if !self.cfg.derive_on_ingest {
            // Stages loaded earlier in this process would miss these
            // documents: drop them, the next load catches up from the store.
            self.stages = None;
            return pipeline.run(
                &mut self.store,
                &mut IngestStages::Deferred,
                paths,
                progress,
            );
        }
        // The stages are loaded from the store when a batch first adds a
        // document; after a failed run they are dropped and reloaded from
        // what the store holds.
        let mut stages = IngestStages::Lazy(self.stages.take());
        let report = pipeline.run(&mut self.store, &mut stages, paths, progress)?;
        let mut stages = stages.into_loaded();
        if stages.is_none() && any_behind(&self.store)? {
            // nothing new, but an earlier run left a stage behind
            stages = Some(load_stages(&mut self.store)?);
        }
        self.stages = stages;
        Ok(report)
    }

    /// Brings every derived stage up to date with the stored documents
    /// (after `ingest --defer`, or to build the indexes ahead of an ingest);
    /// the names of the stages, in pipeline order.
    pub fn update(&mut self) -> Result<Vec<&'static str>> {
        if self.stages.is_none() {
            self.stages = Some(load_stages(&mut self.store)?);
        }
        Ok(self.stages.iter().flatten().map(|s| s.name()).collect())
    }

    /// The wall time of each derived stage loaded by this process (load and
    /// catch-up, then ingest batches), in pipeline order; empty before the
    /// stages are loaded.
    pub fn stage_timings(&self) -> Vec<crate::StageTiming> {
        self.stages
            .iter()
            .flatten()
            .filter_map(|s| s.timing())
            .collect()
    }

    /// The duplicate groups of the store, largest first.
    pub fn dupes(&self) -> Result<Vec<DupGroup>> {
        Ok(self.store.duplicate_groups()?)
    }

    /// The sentences two documents (store ids or source ids) share, aligned.
    pub fn reuse(&self, a: &str, b: &str) -> Result<ReuseView> {
        let (a, b) = (self.doc(a)?, self.doc(b)?);
        Ok(reuse_view(&a, &b))
    }

    /// The earlier documents `doc` copies sentences from, most copied first.
    pub fn reuse_sources(&self, doc: DocId) -> Result<Vec<ReuseLink>> {
        Ok(self.store.reuse_sources(doc)?)
    }

    /// The later documents that copy sentences from `doc`, most copied first.
    pub fn reused_by(&self, doc: DocId) -> Result<Vec<ReuseLink>> {
        Ok(self.store.reused_by(doc)?)
    }

    /// Cleans and analyses one document without storing it.
    pub fn analyse(&self, raw: RawDoc) -> AnalysedDoc {
        Pipeline {
            cfg: &self.cfg,
            cleaner: &self.cleaner,
            analyser: &self.analyser,
        }
        .analyse(raw)
    }

    pub fn docs(&self, q: &DocQuery) -> Result<Vec<DocSummary>> {
        Ok(self.store.list_docs(q)?)
    }

    /// A document by store id or source id.
    pub fn doc(&self, reference: &str) -> Result<StoredDoc> {
        let id = self.store.resolve(reference)?;
        Ok(self.store.get_doc(id)?)
    }

    /// Entities with their document counts and aliases, most mentioned first.
    pub fn entities(
        &self,
        q: &veille_store::EntityQuery,
    ) -> Result<Vec<veille_store::EntitySummary>> {
        Ok(self.store.list_entities(q)?)
    }

    /// Entities named, or written, `name` (case-insensitive substring), else
    /// those whose key holds its transliteration key (`Aliyev` finds the
    /// `Aliev` of the store), most mentioned first.
    pub fn find_entities(
        &self,
        name: &str,
        limit: usize,
    ) -> Result<Vec<veille_store::EntitySummary>> {
        let mut q = veille_store::EntityQuery {
            kind: None,
            name: Some(name.to_string()),
            limit: Some(limit),
        };
        let found = self.store.list_entities(&q)?;
        if !found.is_empty() {
            return Ok(found);
        }
        let key = veille_extract::entities::translit_key(name);
        if key.is_empty() {
            return Ok(found);
        }
        q.name = Some(key);
        Ok(self.store.list_entities(&q)?)
    }

    /// The mentions of an entity (by id) with their sentences.
    pub fn entity_mentions(
        &self,
        entity: i64,
        limit: usize,
    ) -> Result<Vec<veille_store::MentionView>> {
        Ok(self.store.entity_mentions(entity, limit)?)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for the crate's own writers (search index rebuilds).
    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}
