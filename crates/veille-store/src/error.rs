//! The store's errors, split by blame as the engine and the HTTP edge need
//! them: the user's (a document that is not there, an ambiguous reference, a
//! store from a newer veille), ours (SQLite failures, rows that do not decode)
//! and the machine's (a data directory that cannot be created).

use std::path::PathBuf;

/// Who is to blame for an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blame {
    /// The request names something that is not there or not usable: show the
    /// message, no bug to report.
    User,
    /// A bug or a damaged database.
    Internal,
    /// The file system.
    Io,
}

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No document matches a user's reference.
    #[error("no document {query:?} (give a store id or a source id)")]
    DocNotFound { query: String },
    /// A user's reference matches several documents.
    #[error("{query:?} matches several source ids: {}", candidates.join(", "))]
    Ambiguous {
        query: String,
        /// Some of the matching source ids (at most a handful).
        candidates: Vec<String>,
    },
    /// The database was written by a newer veille.
    #[error(
        "store schema version {found} is newer than this veille knows ({known}); upgrade veille"
    )]
    SchemaTooNew { found: i64, known: i64 },
    /// The file is an SQLite database but not a veille store, or no database.
    #[error("{path}: not a veille store")]
    NotAStore { path: PathBuf },
    /// SQLite failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A value does not serialise to JSON: a bug.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// A stored value does not decode: a bug or a damaged database.
    #[error("document {id}: corrupt {what}")]
    Corrupt { id: i64, what: String },
    /// A value does not fit its column (a line number above `i64::MAX`).
    #[error("{what} {value} does not fit the store")]
    OutOfRange { what: &'static str, value: u64 },
    /// A schema migration would leave the store inconsistent: a bug of
    /// that migration. Nothing was changed by it (its transaction rolled
    /// back); the store stays at the previous version.
    #[error(
        "schema migration {version} ({name}) failed: {reason}; the store is unchanged at version {}, please report this",
        version - 1
    )]
    Migration {
        version: i64,
        name: &'static str,
        reason: String,
    },
    /// The data directory cannot be created or read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn blame(&self) -> Blame {
        match self {
            Error::DocNotFound { .. }
            | Error::Ambiguous { .. }
            | Error::SchemaTooNew { .. }
            | Error::NotAStore { .. } => Blame::User,
            Error::Sqlite(_)
            | Error::Json(_)
            | Error::Corrupt { .. }
            | Error::Migration { .. }
            | Error::OutOfRange { .. } => Blame::Internal,
            Error::Io { .. } => Blame::Io,
        }
    }

    /// A stable snake_case code for APIs (`doc_not_found`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Error::DocNotFound { .. } => "doc_not_found",
            Error::Ambiguous { .. } => "ambiguous_reference",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotAStore { .. } => "not_a_store",
            Error::Sqlite(_) => "sqlite",
            Error::Json(_) => "json",
            Error::Corrupt { .. } => "corrupt_row",
            Error::Migration { .. } => "migration_failed",
            Error::OutOfRange { .. } => "out_of_range",
            Error::Io { .. } => "io",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
