//! The English attribution model with contextual word vectors
//! (`veille_extract::quotes::contextual`), opt-in: `veille ingest
//! --contextual`. PolNeAR dev source F1 0.753 against 0.724 for the default
//! learned model (reports/claims.md), at some 600 to 900 words per second
//! for the encoder on two cores: ingesting 100 GVA articles went from 137
//! to 1.7 documents per second. French is untouched (it has no training
//! data and keeps the rules).

use crate::error::{Error, Result};
use veille_e5::{Encoder, Pooling};
use veille_extract::models;
use veille_extract::quotes::contextual::{install, ContextualModel, WordVectorSource};

/// Pieces per encoder window: what the model was trained with.
const WINDOW: usize = 128;

/// multilingual-e5-small as a source of word vectors, one sentence per call.
#[derive(Debug)]
struct E5Vectors(Encoder);

impl WordVectorSource for E5Vectors {
    fn dim(&self) -> usize {
        self.0.dim()
    }

    fn word_vectors(&self, _sentence: &str, words: &[&str]) -> Option<Vec<f32>> {
        if words.is_empty() {
            return Some(Vec::new());
        }
        match self.0.word_vectors(&[words.to_vec()], Pooling::Mean) {
            Ok(v) => Some(v.data),
            Err(e) => {
                tracing::warn!("contextual vectors unavailable for a sentence: {e}");
                None
            }
        }
    }
}

/// Loads the contextual attribution model and the encoder from
/// `$VEILLE_MODELS` and makes them what English sentences use for the rest
/// of the process.
pub fn use_contextual_attribution() -> Result<()> {
    let dir = std::env::var_os(models::MODELS_ENV).ok_or_else(|| {
        Error::User(format!(
            "--contextual needs {} naming the folder of learned models",
            models::MODELS_ENV
        ))
    })?;
    let dir = std::path::PathBuf::from(dir);
    let file = dir.join(ContextualModel::FILE);
    let bytes = std::fs::read(&file).map_err(|e| {
        Error::User(format!(
            "{}: {e} (build it with `cargo run --release -p xtask -- train attribution-e5`)",
            file.display()
        ))
    })?;
    let model = ContextualModel::from_gz(&bytes)
        .map_err(|e| Error::User(format!("{}: {e}", file.display())))?;
    let mut encoder = Encoder::load(&veille_e5::model_path(&dir))
        .map_err(|e| Error::User(format!("the contextual model's encoder: {e}")))?;
    encoder.set_window(WINDOW);
    // documents are extracted in parallel: one encoder thread each
    veille_e5::set_threads(1);
    install(model, Box::new(E5Vectors(encoder)));
    Ok(())
}
