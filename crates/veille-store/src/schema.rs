//! Opening a store and bringing its schema up to date.
//!
//! The schema version lives in `PRAGMA user_version` (in the database header,
//! so it changes atomically with the tables), and `PRAGMA application_id`
//! marks the file as a veille store. Migration `n` is the file
//! `migrations/NNNN_name.sql`; every pending one runs in its own transaction
//! together with the bump of `user_version`, so a crash mid-migration leaves
//! the previous version intact.

use crate::{Error, Result};
use rusqlite::{Connection, ErrorCode, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The migrations, in order: `MIGRATIONS[i]` brings the schema to version `i + 1`.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "documents",
        include_str!("../migrations/0001_documents.sql"),
    ),
    (
        "duplicates",
        include_str!("../migrations/0002_duplicates.sql"),
    ),
    ("facts", include_str!("../migrations/0003_facts.sql")),
    ("entities", include_str!("../migrations/0004_entities.sql")),
    ("clusters", include_str!("../migrations/0005_clusters.sql")),
    ("search", include_str!("../migrations/0006_search.sql")),
    (
        "search_current",
        include_str!("../migrations/0007_search_current.sql"),
    ),
    (
        "generation",
        include_str!("../migrations/0008_generation.sql"),
    ),
    (
        "region_precision",
        include_str!("../migrations/0009_region_precision.sql"),
    ),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `"veil"` in ASCII, the `application_id` of a veille store.
const APPLICATION_ID: i64 = 0x7665_696c;

/// How long a writer waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Sets the connection pragmas every store runs with.
pub(crate) fn configure(conn: &Connection, on_disk: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if on_disk {
        // Set before the first table exists, else a no-op. 8 KiB pages keep
        // a 5 KB row out of overflow pages but cost the same CPU per write
        // (18.3k vs 18.6k docs per cpu-second) and 55% more disk (8.9 vs
        // 5.7 KB per document), because one such row fills a page.
        conn.pragma_update(None, "page_size", 4096)?;
        // WAL: readers never block the writer; a crash loses at most the
        // uncommitted transaction. NORMAL sync is durable up to the last
        // checkpoint and never corrupts in WAL mode.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        debug_assert!(mode.eq_ignore_ascii_case("wal"), "journal mode {mode}");
        // Checkpoint every 32 MB of WAL (8192 pages of 4 KiB) instead of
        // every 4 MB: a batch of 1,000 documents writes ~6 MB, and
        // checkpointing after each one took 15% of the write time.
        conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
    }
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -32000;",
    )?;
    // Two sets of multi-row span inserts (16 each) plus the other statements.
    conn.set_prepared_statement_cache_capacity(64);
    // Plans that do not look at bound values: otherwise a statement with a
    // `col = ?` term or a `LIMIT ?` is marked to be re-planned when its
    // bindings change, and rusqlite clears the bindings of every statement
    // it puts back in its cache, so each cached statement was compiled
    // again at every use (16% of a search, more of a document read; see
    // `reports/search.md`). The store keeps no ANALYZE statistics, so the
    // values had nothing to tell the planner.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

/// Applies every pending migration; refuses a store from a newer veille or a
/// database that is not a store.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let (version, app_id) = match read_header(conn) {
        Ok(v) => v,
        Err(Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)))
            if e.code == ErrorCode::NotADatabase =>
        {
            return Err(Error::NotAStore {
                path: path.to_path_buf(),
            })
        }
        Err(e) => return Err(e),
    };
    if version > 0 && app_id != APPLICATION_ID {
        return Err(Error::NotAStore {
            path: path.to_path_buf(),
        });
    }
    if version == 0 && app_id == 0 && has_foreign_tables(conn)? {
        return Err(Error::NotAStore {
            path: path.to_path_buf(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    // A migration may rebuild a table (SQLite cannot alter a constraint):
    // with foreign keys on, dropping the old table would delete the rows
    // that reference it. They are off while migrating (the pragma is a
    // no-op inside a transaction, hence here) and every key is checked
    // before each migration commits.
    conn.pragma_update(None, "foreign_keys", false)?;
    let applied = apply(conn, version);
    conn.pragma_update(None, "foreign_keys", true)?;
    applied
}

/// Applies the migrations above `version`, each in its own transaction.
fn apply(conn: &mut Connection, version: i64) -> Result<()> {
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(Error::Migration {
                version: i as i64 + 1,
                name,
                reason: format!("{broken} rows break a foreign key"),
            });
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    Ok(())
}

fn read_header(conn: &Connection) -> Result<(i64, i64)> {
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    Ok((version, app_id))
}

/// Whether an unversioned database already holds tables (someone else's file).
fn has_foreign_tables(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'",
        [],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_bring_a_new_database_to_the_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        configure(&conn, false).unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(
            read_header(&conn).unwrap(),
            (SCHEMA_VERSION, APPLICATION_ID)
        );
        // a second run is a no-op
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN
                 ('documents', 'paragraphs', 'sentences', 'batches', 'ingest_errors',
                  'dup_members', 'reuse_links', 'dedup_progress')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 8);
    }

    /// A store left at v8 (places could not be regions) holding an entity
    /// and its mention.
    fn v8_store_with_a_mention() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        configure(&conn, false).unwrap();
        for (_, sql) in &MIGRATIONS[..8] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 8).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO documents (id, source_id, origin, format, lang, lang_confidence,
                                    text, offset_map, n_sentences, content_hash, ingested_at)
                 VALUES (1, 'a', 'a.txt', 'text', 'fr', 1.0, 'Barda', x'', 1, 'h', '2026-12-02');
             INSERT INTO entities (id, key, kind, canonical, precision)
                 VALUES (7, 'geo:587057', 'place', 'Barda', 'city');
             INSERT INTO entity_mentions (doc_id, byte_start, byte_end, entity_id, sentence, surface, via)
                 VALUES (1, 0, 5, 7, 0, 'Barda', 'name');",
        )
        .unwrap();
        let region = conn.execute(
            "INSERT INTO entities (key, kind, canonical, precision) VALUES ('geo:1', 'place', 'Lorraine', 'region')",
            [],
        );
        assert!(region.is_err(), "v8 refuses a region: the bug v9 mends");
        conn
    }

    #[test]
    fn v9_lets_a_place_be_a_region_and_keeps_every_mention() {
        let mut conn = v8_store_with_a_mention();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(read_header(&conn).unwrap().0, SCHEMA_VERSION);
        conn.execute(
            "INSERT INTO entities (key, kind, canonical, precision) VALUES ('geo:1', 'place', 'Lorraine', 'region')",
            [],
        )
        .unwrap();
        let kept: (i64, String) = conn
            .query_row(
                "SELECT m.entity_id, e.canonical FROM entity_mentions m JOIN entities e ON e.id = m.entity_id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(kept, (7, "Barda".to_string()));
        let bad = conn.execute(
            "INSERT INTO entities (key, kind, canonical, precision) VALUES ('geo:2', 'place', 'X', 'street')",
            [],
        );
        assert!(bad.is_err(), "the precision is still checked");
        // foreign keys are on again, and still bind mentions to entities
        let on: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(on, 1);
        conn.execute("DELETE FROM entities WHERE id = 7", [])
            .unwrap();
        let left: i64 = conn
            .query_row("SELECT count(*) FROM entity_mentions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "deleting an entity cascades to its mentions");
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new("x")).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn, Path::new("x")).unwrap_err();
        assert!(
            matches!(err, Error::SchemaTooNew { found, known } if found == SCHEMA_VERSION + 1 && known == SCHEMA_VERSION),
            "{err}"
        );
        assert_eq!(err.blame(), crate::Blame::User);
    }

    #[test]
    fn refuses_someone_elses_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
        let err = migrate(&mut conn, Path::new("other.sqlite")).unwrap_err();
        assert!(matches!(err, Error::NotAStore { .. }), "{err}");
    }
}
