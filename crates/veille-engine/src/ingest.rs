//! The ingest pipeline: sources → clean → analyse → store.
//!
//! A reader thread walks the inputs and streams raw documents in chunks over a
//! bounded channel; the calling thread cleans and analyses each chunk on the
//! rayon pool and writes it to the store in one transaction. A bad file or
//! line becomes a [`Failure`] and the run goes on; a killed run leaves every
//! committed batch in place, and re-running it adds only what is missing.
//! After each batch the documents it added go to every derived stage
//! (duplicates and reuse, …; see `stage.rs`), unless the stages are deferred.

use crate::sources::{self, SourceConfig, SourceError};
use crate::stage::{IngestStages, StageDoc};
use crate::{EngineConfig, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use veille_model::{AnalysedDoc, RawDoc};
use veille_store::{BatchId, Outcome, Store};
use veille_text::{Analyser, Cleaner};

/// An input that could not be ingested, or a part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub reason: String,
}

impl From<&SourceError> for Failure {
    fn from(e: &SourceError) -> Failure {
        Failure {
            path: e.path().display().to_string(),
            line: e.line(),
            reason: e.reason(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.path, l, self.reason),
            None => write!(f, "{}: {}", self.path, self.reason),
        }
    }
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    /// Inputs (files or stdin) that were opened.
    pub inputs: u64,
    /// Documents stored for the first time (or as a new version).
    pub added: u64,
    /// Documents whose exact content was already stored: nothing written.
    pub unchanged: u64,
    /// Bytes of document text read.
    pub bytes: u64,
    pub failures: Vec<Failure>,
    #[serde(serialize_with = "as_secs")]
    pub elapsed: Duration,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Told how an ingest run goes, for a progress bar.
pub trait Progress: Sync {
    /// `docs` more documents were processed, holding `bytes` bytes of text.
    fn advance(&self, docs: u64, bytes: u64);
    /// An input or a part of it failed.
    fn failed(&self, failure: &Failure);
}

/// A [`Progress`] that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn advance(&self, _: u64, _: u64) {}
    fn failed(&self, _: &Failure) {}
}

/// What the analysing thread hands the writer.
enum Analysed {
    Docs(Vec<AnalysedDoc>, u64),
    Failed(Failure),
    Opened,
}

/// Stores analysed chunks in order, one transaction each, then feeds the
/// documents each one added to the derived stages (each records its results
/// in a transaction of its own right after).
fn write_all(
    store: &mut Store,
    stages: &mut IngestStages,
    batch: BatchId,
    rx: mpsc::Receiver<Analysed>,
    progress: &dyn Progress,
) -> Result<IngestReport> {
    let mut report = IngestReport::default();
    for msg in rx {
        match msg {
            Analysed::Opened => report.inputs += 1,
            Analysed::Failed(f) => {
                progress.failed(&f);
                store.record_error(batch, &f.path, f.line, &f.reason)?;
                report.failures.push(f);
            }
            Analysed::Docs(docs, bytes) => {
                let mut added = Vec::new();
                for (doc, outcome) in docs.iter().zip(store.write_batch(&docs)?) {
                    match outcome {
                        Outcome::Added(id) => {
                            report.added += 1;
                            added.push(StageDoc { id, doc });
                        }
                        Outcome::Unchanged(_) => report.unchanged += 1,
                    }
                }
                stages.feed(store, &added)?;
                report.bytes += bytes;
                progress.advance(docs.len() as u64, bytes);
            }
        }
    }
    Ok(report)
}

enum Chunk {
    Docs(Vec<RawDoc>),
    Failed(Failure),
    Opened,
}

pub(crate) struct Pipeline<'a> {
    pub cfg: &'a EngineConfig,
    pub cleaner: &'a Cleaner,
    pub analyser: &'a Analyser,
}

impl Pipeline<'_> {
    /// Cleans and analyses one raw document.
    pub fn analyse(&self, mut raw: RawDoc) -> AnalysedDoc {
        for field in &self.cfg.drop_fields {
            raw.meta.remove(field);
        }
        self.analyser.analyse(self.cleaner.clean(raw))
    }

    pub fn run(
        &self,
        store: &mut Store,
        stages: &mut IngestStages,
        paths: &[PathBuf],
        progress: &dyn Progress,
    ) -> Result<IngestReport> {
        let started = Instant::now();
        let batch = store.begin_batch()?;
        let batch_size = self.cfg.batch_size.max(1);
        let source_cfg = self.cfg.sources.clone();
        let paths = paths.to_vec();
        let (tx, rx) = mpsc::sync_channel::<Chunk>(4);
        let reader = std::thread::spawn(move || read_all(&paths, &source_cfg, batch_size, &tx));
        // Three stages overlap: the reader thread parses, this thread analyses
        // a chunk on the rayon pool while the writer thread stores the one
        // before and feeds it to the duplicate and reuse indexes.
        let (wtx, wrx) = mpsc::sync_channel::<Analysed>(1);
        let mut report = std::thread::scope(|scope| {
            let writer = scope.spawn(|| write_all(store, stages, batch, wrx, progress));
            for chunk in rx {
                let msg = match chunk {
                    Chunk::Opened => Analysed::Opened,
                    Chunk::Failed(f) => Analysed::Failed(f),
                    Chunk::Docs(raws) => {
                        let bytes: u64 = raws.iter().map(|d| d.body.len() as u64).sum();
                        let docs: Vec<AnalysedDoc> =
                            raws.into_par_iter().map(|raw| self.analyse(raw)).collect();
                        Analysed::Docs(docs, bytes)
                    }
                };
                if wtx.send(msg).is_err() {
                    break; // the writer stopped on an error: it is returned below
                }
            }
            drop(wtx);
            // A panic in the writer is a bug.
            writer.join().expect("store writer thread panicked")
        })?;
        // The reader only ends by running out of inputs (or a closed channel);
        // a panic there is a bug.
        reader.join().expect("source reader thread panicked");
        report.elapsed = started.elapsed();
        store.finish_batch(
            batch,
            report.inputs,
            report.added,
            report.unchanged,
            report.failures.len() as u64,
        )?;
        Ok(report)
    }
}

/// Reads every input in order and sends its documents in chunks.
fn read_all(
    paths: &[PathBuf],
    cfg: &SourceConfig,
    batch_size: usize,
    tx: &mpsc::SyncSender<Chunk>,
) {
    let mut pending = Vec::with_capacity(batch_size);
    for input in sources::discover(paths) {
        let input = match input {
            Ok(i) => i,
            Err(e) => {
                if tx.send(Chunk::Failed(Failure::from(&e))).is_err() {
                    return;
                }
                continue;
            }
        };
        if tx.send(Chunk::Opened).is_err() {
            return;
        }
        for doc in sources::read_input(&input, cfg) {
            let msg = match doc {
                Ok(doc) => {
                    pending.push(doc);
                    if pending.len() < batch_size {
                        continue;
                    }
                    Chunk::Docs(std::mem::replace(
                        &mut pending,
                        Vec::with_capacity(batch_size),
                    ))
                }
                Err(e) => Chunk::Failed(Failure::from(&e)),
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    }
    if !pending.is_empty() {
        let _ = tx.send(Chunk::Docs(pending));
    }
}
