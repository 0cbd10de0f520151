//! What can go wrong while writing.

/// An export failure: the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export")]
    Io(#[from] std::io::Error),
    #[error("cannot write the csv export")]
    Csv(#[from] csv::Error),
    #[error("cannot write the json export")]
    Json(#[from] serde_json::Error),
}

/// `Result` with [`ExportError`].
pub type Result<T> = std::result::Result<T, ExportError>;
