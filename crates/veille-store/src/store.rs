//! The [`Store`] handle: one SQLite connection to `DIR/veille.sqlite`.

use crate::schema;
use crate::write::BatchId;
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The name of the database file inside a data directory.
pub const DB_FILE: &str = "veille.sqlite";

/// An open veille store: documents, their sentences, and the ingest history.
///
/// A `Store` owns one connection; it is `Send` but not `Sync`. Readers in
/// other threads or processes open their own `Store` on the same directory:
/// in WAL mode they never block the writer.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    /// BM25's document counts of the phrases searched so far.
    pub(crate) phrase_counts: std::cell::RefCell<crate::search::PhraseCounts>,
    /// The batch that `write_batch` attributes documents to.
    pub(crate) batch: Option<BatchId>,
    /// Test hook: abort the process after writing this many documents of a
    /// batch, before its commit (a simulated crash).
    #[cfg(test)]
    pub(crate) abort_after: Option<usize>,
}

impl Store {
    /// Opens the store in data directory `dir`, creating the directory and the
    /// database as needed and applying pending migrations.
    ///
    /// Fails with [`Error::SchemaTooNew`] when a newer veille wrote the store
    /// and [`Error::NotAStore`] when `veille.sqlite` is some other file.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&path, flags)?;
        Store::init(conn, Some(path))
    }

    /// A store that lives in memory and vanishes when dropped (for tests).
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        match schema::configure(&conn, path.is_some()) {
            Err(Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                return Err(Error::NotAStore { path: shown })
            }
            other => other?,
        }
        schema::migrate(&mut conn, &shown)?;
        veille_fts5::register(&conn)?;
        Ok(Store {
            conn,
            path,
            phrase_counts: Default::default(),
            batch: None,
            #[cfg(test)]
            abort_after: None,
        })
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_creates_the_directory_and_reopens() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/veille-data");
        let store = Store::open(&dir).unwrap();
        assert_eq!(store.path(), Some(dir.join(DB_FILE).as_path()));
        assert_eq!(store.schema_version().unwrap(), schema::SCHEMA_VERSION);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(store);
        assert!(Store::open(&dir).is_ok());
    }

    #[test]
    fn refuses_a_file_that_is_no_database() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join(DB_FILE),
            "just some text, long enough to be a header......",
        )
        .unwrap();
        let err = Store::open(tmp.path()).unwrap_err();
        assert!(matches!(err, Error::NotAStore { .. }), "{err}");
    }

    #[test]
    fn refuses_a_data_dir_that_is_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("data");
        std::fs::write(&file, "x").unwrap();
        let err = Store::open(&file).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err}");
    }

    #[test]
    fn refuses_a_store_from_a_newer_veille() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        store.conn.pragma_update(None, "user_version", 99).unwrap();
        drop(store);
        let err = Store::open(tmp.path()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "store schema version 99 is newer than this veille knows ({}); upgrade veille",
                schema::SCHEMA_VERSION
            )
        );
    }

    #[test]
    fn a_second_handle_reads_what_the_first_committed() {
        let tmp = tempfile::tempdir().unwrap();
        let mut writer = Store::open(tmp.path()).unwrap();
        let reader = Store::open(tmp.path()).unwrap();
        let id = writer
            .write_batch(&[crate::fixtures::synthetic("a", 2, 1)])
            .unwrap()[0]
            .id();
        assert_eq!(reader.resolve("a").unwrap(), id);
        // a reader streaming a snapshot does not block the writer
        reader
            .for_each_doc(|_| {
                writer
                    .write_batch(&[crate::fixtures::synthetic("b", 2, 1)])
                    .map(|_| ())
            })
            .unwrap();
        assert_eq!(reader.count_docs().unwrap(), 2);
    }
}
