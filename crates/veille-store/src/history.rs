//! Reading the ingest history back: batches and the errors they met.

use crate::write::BatchId;
use crate::{Result, Store};
use serde::{Deserialize, Serialize};

/// One ingest run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSummary {
    pub id: BatchId,
    /// UTC, RFC 3339 to the second.
    pub started_at: String,
    /// `None` while running, or when the process died before finishing.
    pub finished_at: Option<String>,
    pub inputs: u64,
    pub added: u64,
    pub unchanged: u64,
    pub failed: u64,
}

/// An input, or a line of one, that could not be ingested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestError {
    pub batch: BatchId,
    pub path: String,
    pub line: Option<u64>,
    pub reason: String,
}

impl Store {
    /// The most recent batches first, at most `limit`.
    pub fn batches(&self, limit: usize) -> Result<Vec<BatchSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, started_at, finished_at, inputs, added, unchanged, failed
             FROM batches ORDER BY id DESC LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map([limit], |r| {
            let count = |i: usize| r.get::<_, i64>(i).map(|n| n.max(0) as u64);
            Ok(BatchSummary {
                id: BatchId(r.get(0)?),
                started_at: r.get(1)?,
                finished_at: r.get(2)?,
                inputs: count(3)?,
                added: count(4)?,
                unchanged: count(5)?,
                failed: count(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The errors recorded for a batch, in the order they were met.
    pub fn ingest_errors(&self, batch: BatchId) -> Result<Vec<IngestError>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT path, line, reason FROM ingest_errors WHERE batch_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([batch.0], |r| {
            Ok(IngestError {
                batch,
                path: r.get(0)?,
                line: r.get::<_, Option<i64>>(1)?.map(|l| l.max(0) as u64),
                reason: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::synthetic;

    #[test]
    fn batches_list_newest_first_with_their_errors() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store.begin_batch().unwrap();
        store.write_batch(&[synthetic("a", 1, 1)]).unwrap();
        store
            .record_error(first, "x.jsonl", Some(4), "invalid json")
            .unwrap();
        store
            .record_error(first, "y.html", None, "unreadable")
            .unwrap();
        store.finish_batch(first, 2, 1, 0, 2).unwrap();
        let second = store.begin_batch().unwrap();

        let batches = store.batches(10).unwrap();
        assert_eq!(batches.len(), 2);
        assert_eq!(
            (batches[0].id, batches[0].finished_at.is_none()),
            (second, true)
        );
        assert_eq!(
            (
                batches[1].inputs,
                batches[1].added,
                batches[1].unchanged,
                batches[1].failed
            ),
            (2, 1, 0, 2)
        );
        assert_eq!(store.batches(1).unwrap().len(), 1);

        let errors = store.ingest_errors(first).unwrap();
        let got: Vec<_> = errors
            .iter()
            .map(|e| (e.path.as_str(), e.line, e.reason.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("x.jsonl", Some(4), "invalid json"),
                ("y.html", None, "unreadable")
            ]
        );
        assert!(store.ingest_errors(second).unwrap().is_empty());
    }
}
