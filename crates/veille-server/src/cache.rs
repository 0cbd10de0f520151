//! Answers of the story views, kept while the store is unchanged.
//!
//! The views (`veille_engine::views`: timeline, summary, contradictions,
//! tolls) are computed from every document of a story, which takes
//! 0.3–2.8 s for a story of 199 documents on a loaded 2-core machine
//! (`reports/ui.md`); the story page asks for all four at once. An answer
//! is kept with a [`Stamp`] of the store it was computed on, and served
//! again while the stamp is the same: any ingest, by this server or another
//! process, changes the document count and the stages' progress marks, so a
//! stale answer is never served. At most [`CAPACITY`] answers are kept
//! (all dropped when full: the next requests recompute).

use crate::ApiError;
use axum::body::Bytes;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};
use veille_engine::Engine;

/// How many answers are kept, over every store this process serves.
pub const CAPACITY: usize = 256;

/// What the derived views depend on: the stored versions and how far each
/// stage has read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp([i64; 5]);

impl Stamp {
    pub fn of(engine: &Engine) -> Result<Stamp, ApiError> {
        let s = engine.store();
        let e = |r: veille_store::Error| ApiError::from(veille_engine::Error::from(r));
        Ok(Stamp([
            s.count_versions().map_err(e)? as i64,
            s.cluster_progress().map_err(e)?.last_seq as i64,
            s.extract_progress().map_err(e)?.0,
            s.entity_progress().map_err(e)?.0,
            s.dedup_progress().map_err(e)?.0,
        ]))
    }
}

type Key = (PathBuf, String);

static ANSWERS: LazyLock<Mutex<HashMap<Key, (Stamp, Bytes)>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The answer for `key` on the store `engine` reads: the kept one when its
/// stamp is current, else `compute`d and kept.
pub fn get_or_compute(
    engine: &Engine,
    key: Key,
    compute: impl FnOnce() -> Result<Bytes, ApiError>,
) -> Result<Bytes, ApiError> {
    let stamp = Stamp::of(engine)?;
    let lock = || ANSWERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((s, body)) = lock().get(&key) {
        if *s == stamp {
            return Ok(body.clone());
        }
    }
    let body = compute()?;
    let mut map = lock();
    if map.len() >= CAPACITY {
        map.clear();
    }
    map.insert(key, (stamp, body.clone()));
    Ok(body)
}
