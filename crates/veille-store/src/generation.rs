//! The store generation: a counter that moves whenever what a read returns
//! may have changed.
//!
//! Schema v8 (`migrations/0008_generation.sql`) keeps it in the one-row
//! table `generation`, bumped by triggers on the documents, the ingest
//! batches and errors, stories and events, and every derived stage's
//! progress mark, inside the transaction of the write. A reader that kept
//! an answer computed at generation `g` may serve it again while
//! [`Store::generation`] still returns `g`: one primary-key read, whoever
//! wrote (this connection, another one, another process).
//!
//! Keep the generation read *before* computing an answer: a write that
//! commits in between then leaves the answer tagged with the older
//! generation, so it is recomputed, never served stale.

use crate::{Result, Store};

impl Store {
    /// The store's generation: equal on two calls when nothing that reads
    /// return was written in between (by any connection).
    pub fn generation(&self) -> Result<u64> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT n FROM generation WHERE id = 1")?;
        let n: i64 = stmt.query_row([], |r| r.get(0))?;
        Ok(n as u64)
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::synthetic;
    use crate::{ClusterProgress, DocQuery, Store};
    use veille_model::DocId;

    fn two_docs(store: &mut Store) -> DocId {
        let batch = store.begin_batch().unwrap();
        let out = store
            .write_batch(&[synthetic("a", 3, 1), synthetic("b", 2, 1)])
            .unwrap();
        store.finish_batch(batch, 2, 2, 2, 0).unwrap();
        out[1].id()
    }

    #[test]
    fn writes_move_the_generation_and_reads_do_not() {
        let mut store = Store::open_in_memory().unwrap();
        let g0 = store.generation().unwrap();
        let last = two_docs(&mut store);
        let g1 = store.generation().unwrap();
        assert!(g1 > g0, "ingest: {g0} -> {g1}");

        // reads leave it where it is
        store.list_docs(&DocQuery::default()).unwrap();
        store.get_doc(last).unwrap();
        store.stories().unwrap();
        store.dedup_progress().unwrap();
        assert_eq!(store.generation().unwrap(), g1);

        // every stage's record moves it, even with no result (its mark moves)
        let mut g = g1;
        let mut moved = |store: &Store, what: &str| {
            let now = store.generation().unwrap();
            assert!(now > g, "{what}: {g} -> {now}");
            g = now;
        };
        store.record_duplicates(&[], &[], last).unwrap();
        moved(&store, "dedup");
        store.record_claims(&[], last).unwrap();
        moved(&store, "claims");
        store.record_entities(&[], last).unwrap();
        moved(&store, "entities");
        store.index_for_search(&[], last).unwrap();
        moved(&store, "search");
        let progress = ClusterProgress {
            last_doc: last,
            last_seq: 2,
        };
        store
            .record_clusters(&[], &[], &[], None, progress)
            .unwrap();
        moved(&store, "clusters");
        store.clear_clusters().unwrap();
        moved(&store, "clearing the clusters");
    }

    #[test]
    fn a_rolled_back_write_leaves_it() {
        let mut store = Store::open_in_memory().unwrap();
        let g0 = store.generation().unwrap();
        let tx = store.conn.transaction().unwrap();
        tx.execute(
            "INSERT INTO stories (id, label) VALUES (1, 'rolled back')",
            [],
        )
        .unwrap();
        drop(tx); // rolls back
        assert_eq!(store.generation().unwrap(), g0);
    }

    #[test]
    fn another_connection_sees_the_move() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = Store::open(dir.path()).unwrap();
        let reader = Store::open(dir.path()).unwrap();
        let g0 = reader.generation().unwrap();
        two_docs(&mut writer);
        assert!(reader.generation().unwrap() > g0);
        assert_eq!(
            reader.generation().unwrap(),
            writer.generation().unwrap(),
            "one counter for every connection"
        );
    }

    /// A stage added later records its mark in a `*_progress` table: it
    /// must move the generation on insert, update and delete, else a kept
    /// answer would outlive the stage's new results.
    #[test]
    fn every_progress_table_is_watched() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn
            .prepare(
                "SELECT t.name,
                    (SELECT group_concat(DISTINCT upper(substr(g.sql, instr(upper(g.sql), 'AFTER ') + 6, 6)))
                     FROM sqlite_schema g
                     WHERE g.type = 'trigger' AND g.tbl_name = t.name
                       AND g.sql LIKE '%UPDATE generation SET n = n + 1%')
                 FROM sqlite_schema t
                 WHERE t.type = 'table' AND (t.name LIKE '%\\_progress' ESCAPE '\\'
                    OR t.name IN ('documents', 'stories', 'events', 'batches'))
                 ORDER BY t.name",
            )
            .unwrap();
        let rows: Vec<(String, Option<String>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(rows.len() >= 9, "{rows:?}");
        for (table, ops) in rows {
            let ops = ops.unwrap_or_default();
            for op in ["INSERT", "UPDATE", "DELETE"] {
                assert!(ops.contains(op), "{table}: no generation trigger on {op}");
            }
        }
    }
}
