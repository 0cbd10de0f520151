//! Wall time of each derived stage in this process, so that `veille update
//! --timings` (and `veille ingest --timings`) say where the time goes.
//!
//! [`load_stages`](crate::stage::load_stages) wraps every stage in a
//! [`Timed`]: the time of its `load` (restoring its state and catching up
//! the documents above its mark) and of every later `add` (ingest batches)
//! are summed, and a stage may report a finer breakdown of its own
//! ([`Stage::parts`], e.g. the cluster stage's features / assignment /
//! rows / snapshot / write). Timing costs two `Instant::now()` per batch.

use crate::stage::{Stage, StageDoc};
use crate::Result;
use serde::Serialize;
use std::time::{Duration, Instant};
use veille_store::Store;

/// One part of a stage's work and the wall time it took.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StagePart {
    pub part: &'static str,
    pub ms: f64,
}

/// The wall time of one derived stage in this process.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageTiming {
    pub stage: &'static str,
    /// Restoring the stage's state and catching up the documents above its
    /// mark (all of `veille update`'s work).
    pub load_ms: f64,
    /// Batches added after the load (ingest).
    pub add_ms: f64,
    /// Documents given to `add` after the load.
    pub added_docs: u64,
    /// The stage's own breakdown (over load and adds), when it keeps one.
    pub parts: Vec<StagePart>,
}

impl StageTiming {
    /// Load and adds together.
    pub fn total_ms(&self) -> f64 {
        self.load_ms + self.add_ms
    }
}

/// Milliseconds of a duration, as a float.
pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A stage with the wall time of its load and of its adds.
#[derive(Debug)]
pub(crate) struct Timed {
    stage: Box<dyn Stage>,
    load: Duration,
    add: Duration,
    added_docs: u64,
}

impl Timed {
    /// Loads a stage with `load`, timing it.
    pub fn load<S: Stage + 'static>(
        store: &mut Store,
        load: impl FnOnce(&mut Store) -> Result<S>,
    ) -> Result<Box<dyn Stage>> {
        let started = Instant::now();
        let stage = Box::new(load(store)?);
        let took = started.elapsed();
        tracing::info!(stage = stage.name(), ms = ms(took), "stage loaded");
        Ok(Box::new(Timed {
            stage,
            load: took,
            add: Duration::ZERO,
            added_docs: 0,
        }))
    }
}

impl Stage for Timed {
    fn name(&self) -> &'static str {
        self.stage.name()
    }

    fn add(&mut self, store: &mut Store, docs: &[StageDoc<'_>]) -> Result<()> {
        let started = Instant::now();
        let done = self.stage.add(store, docs);
        self.add += started.elapsed();
        self.added_docs += docs.len() as u64;
        done
    }

    fn parts(&self) -> Vec<(&'static str, Duration)> {
        self.stage.parts()
    }

    fn timing(&self) -> Option<StageTiming> {
        Some(StageTiming {
            stage: self.stage.name(),
            load_ms: ms(self.load),
            add_ms: ms(self.add),
            added_docs: self.added_docs,
            parts: self
                .stage
                .parts()
                .into_iter()
                .map(|(part, d)| StagePart { part, ms: ms(d) })
                .collect(),
        })
    }
}

/// The stage timings as an aligned text table (one line per stage, its
/// parts indented below it).
pub fn timings_table(timings: &[StageTiming]) -> String {
    if timings.is_empty() {
        return "no derived stage ran: nothing new, and every stage had seen every document\n"
            .into();
    }
    let mut out = format!(
        "{:<14} {:>10} {:>10} {:>10}\n",
        "stage", "load s", "add s", "total s"
    );
    for t in timings {
        out += &format!(
            "{:<14} {:>10.2} {:>10.2} {:>10.2}\n",
            t.stage,
            t.load_ms / 1e3,
            t.add_ms / 1e3,
            t.total_ms() / 1e3
        );
        for p in &t.parts {
            out += &format!("  {:<12} {:>32.2}\n", p.part, p.ms / 1e3);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Sleepy(u64);

    impl Stage for Sleepy {
        fn name(&self) -> &'static str {
            "sleepy"
        }
        fn add(&mut self, _: &mut Store, docs: &[StageDoc<'_>]) -> Result<()> {
            self.0 += docs.len() as u64;
            Ok(())
        }
        fn parts(&self) -> Vec<(&'static str, Duration)> {
            vec![("counting", Duration::from_millis(self.0))]
        }
    }

    #[test]
    fn a_timed_stage_reports_its_name_documents_and_parts() {
        let mut store = Store::open_in_memory().unwrap();
        let mut timed = Timed::load(&mut store, |_| Ok(Sleepy(0))).unwrap();
        timed.add(&mut store, &[]).unwrap();
        let t = timed.timing().expect("a timed stage has a timing");
        assert_eq!(t.stage, "sleepy");
        assert_eq!(t.added_docs, 0);
        assert_eq!(
            t.parts,
            vec![StagePart {
                part: "counting",
                ms: 0.0
            }]
        );
        assert!(t.load_ms >= 0.0 && t.add_ms >= 0.0);
        let table = timings_table(&[t]);
        assert!(
            table.lines().nth(1).unwrap().starts_with("sleepy"),
            "{table}"
        );
        assert!(table.contains("  counting"), "{table}");
    }
}
