use crate::dedup::{reuse_view, Dedup, ReuseView};
use crate::ingest::Pipeline;
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
    /// Duplicate and reuse indexes, built at the first ingest of the process.
    dedup: Option<Dedup>,
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
            dedup: None,
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
        // The indexes are built from the store on first use; after a failed
        // run they are dropped and rebuilt from what the store holds.
        let mut dedup = match self.dedup.take() {
            Some(d) => d,
            None => Dedup::load(&mut self.store)?,
        };
        let report = pipeline.run(&mut self.store, &mut dedup, paths, progress)?;
        self.dedup = Some(dedup);
        Ok(report)
    }

    /// Builds the duplicate and reuse indexes from the stored documents now
    /// rather than at the next ingest (and records any document they miss).
    pub fn build_dedup_index(&mut self) -> Result<()> {
        if self.dedup.is_none() {
            self.dedup = Some(Dedup::load(&mut self.store)?);
        }
        Ok(())
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

    pub fn store(&self) -> &Store {
        &self.store
    }
}
