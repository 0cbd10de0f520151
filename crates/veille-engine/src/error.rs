use std::path::PathBuf;

/// What can go wrong in the engine, split by blame.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user asked for something that is not there or not valid.
    #[error("{0}")]
    User(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] veille_store::Error),
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
