use crate::ingest::Pipeline;
use crate::{EngineConfig, Error, IngestReport, Progress, Result};
use std::path::PathBuf;
use veille_model::{AnalysedDoc, RawDoc};
use veille_store::{DocQuery, DocSummary, Store, StoredDoc};
use veille_text::{Analyser, Cleaner};

/// The facade of veille: one store, the pipeline stages, and the queries the
/// binary and the server need.
#[derive(Debug)]
pub struct Engine {
    cfg: EngineConfig,
    store: Store,
    cleaner: Cleaner,
    analyser: Analyser,
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
        pipeline.run(&mut self.store, paths, progress)
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
