//! JSON answers of the read endpoints, kept while the store is unchanged.
//!
//! The story reads (list, detail, documents with reuse, places, facts and
//! quotes, the views) and search are computed from many rows — a view of a
//! story of 199 documents took 0.3–2.8 s on a loaded 2-core machine
//! (`reports/ui.md`) — and the story page asks for all of them at once. An
//! answer is kept with the store generation it was computed at
//! ([`veille_store::Store::generation`], one primary-key read, moved by
//! every write of any connection or process in the write's transaction) and
//! served again while the generation is the same. The generation is read
//! *before* the answer is computed, so a write committing in between leaves
//! the answer tagged as older and it is recomputed: a stale answer is never
//! served. Errors (a 404, a bad parameter) are never kept.
//!
//! Bounded: the kept bodies plus their keys and a fixed [`ENTRY_OVERHEAD`]
//! each stay under [`BUDGET_BYTES`] (64 MiB), the least recently used
//! going first; an answer above [`MAX_ANSWER_BYTES`] (4 MiB) is served but
//! not kept, so no single answer empties the cache.
//!
//! Measured (`cargo run --release -p xtask -- bench ui 4000 3`, `bench serve
//! 5`; load average 10–12 on 2 cores shared with other builds, noisy): kept
//! story answers 3,400–17,700 req/s under wrk, repeated searches
//! 3,900–14,900 req/s; a miss costs 11–56 ms for the story list, detail,
//! documents, places and facts, 0.3–2.2 s for a big story's views, and a
//! new search ~100 ms p50 under load (165 req/s).

use crate::json::{json_response, to_escaped};
use crate::{ApiError, AppState};
use axum::body::Bytes;
use axum::response::Response;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};
use veille_engine::Engine;

/// The most bytes kept over every store this process serves.
pub const BUDGET_BYTES: usize = 64 << 20;
/// Answers larger than this are not kept.
pub const MAX_ANSWER_BYTES: usize = 4 << 20;
/// What an entry costs besides its body and key (map slots, the LRU index).
pub const ENTRY_OVERHEAD: usize = 128;

/// Which store, and which answer (the normalised request).
pub type Key = (PathBuf, String);

#[derive(Debug)]
struct Entry {
    generation: u64,
    body: Bytes,
    /// Its place in [`Lru::order`].
    used: u64,
}

/// Kept answers with a byte budget, least recently used evicted first.
#[derive(Debug)]
pub(crate) struct Lru {
    budget: usize,
    entries: HashMap<Key, Entry>,
    /// Last use → key, oldest first.
    order: BTreeMap<u64, Key>,
    clock: u64,
    bytes: usize,
}

fn cost(key: &Key, body: &Bytes) -> usize {
    body.len() + key.1.len() + key.0.as_os_str().len() + ENTRY_OVERHEAD
}

impl Lru {
    pub(crate) fn new(budget: usize) -> Lru {
        Lru {
            budget,
            entries: HashMap::new(),
            order: BTreeMap::new(),
            clock: 0,
            bytes: 0,
        }
    }

    /// The body kept for `key` at `generation`; an entry of another
    /// generation is dropped.
    pub(crate) fn get(&mut self, key: &Key, generation: u64) -> Option<Bytes> {
        let entry = self.entries.get_mut(key)?;
        if entry.generation != generation {
            self.remove(key);
            return None;
        }
        self.clock += 1;
        self.order.remove(&entry.used);
        entry.used = self.clock;
        self.order.insert(self.clock, key.clone());
        Some(entry.body.clone())
    }

    /// Keeps `body` for `key` at `generation`, evicting the least recently
    /// used answers to stay within the budget. Too large an answer is not
    /// kept.
    pub(crate) fn put(&mut self, key: Key, generation: u64, body: Bytes) {
        self.remove(&key);
        let size = cost(&key, &body);
        if body.len() > MAX_ANSWER_BYTES || size > self.budget {
            return;
        }
        while self.bytes + size > self.budget {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            self.remove(&oldest);
        }
        self.clock += 1;
        self.order.insert(self.clock, key.clone());
        self.bytes += size;
        self.entries.insert(
            key,
            Entry {
                generation,
                body,
                used: self.clock,
            },
        );
    }

    fn remove(&mut self, key: &Key) {
        if let Some(old) = self.entries.remove(key) {
            self.order.remove(&old.used);
            self.bytes -= cost(key, &old.body);
        }
    }

    /// The bytes accounted for (bodies, keys, overhead).
    #[cfg(test)]
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

static ANSWERS: LazyLock<Mutex<Lru>> = LazyLock::new(|| Mutex::new(Lru::new(BUDGET_BYTES)));

fn answers() -> std::sync::MutexGuard<'static, Lru> {
    ANSWERS.lock().unwrap_or_else(|e| e.into_inner())
}

/// The answer for `key` on the store `engine` reads: the kept one when its
/// generation is current, else `compute`d (and kept when it succeeds).
pub fn get_or_compute(
    engine: &Engine,
    key: Key,
    compute: impl FnOnce() -> Result<Bytes, ApiError>,
) -> Result<Bytes, ApiError> {
    // read before computing: see the module docs
    let generation = engine
        .store()
        .generation()
        .map_err(|e| ApiError::from(veille_engine::Error::from(e)))?;
    if let Some(body) = answers().get(&key, generation) {
        return Ok(body);
    }
    let body = compute()?;
    answers().put(key, generation, body.clone());
    Ok(body)
}

/// Serves `answer` (computed with a read engine) as escaped JSON, or its
/// kept body for `key` (the normalised request) while the store is
/// unchanged.
pub(crate) async fn kept<T, F>(
    state: &AppState,
    key: String,
    answer: F,
) -> Result<Response, ApiError>
where
    T: Serialize,
    F: FnOnce(&Engine) -> Result<T, ApiError> + Send + 'static,
{
    let dir = state.data_dir().to_path_buf();
    let body = state
        .read(move |e| {
            get_or_compute(e, (dir, key), || {
                let value = answer(e)?;
                Ok(Bytes::from(to_escaped(&value).map_err(ApiError::internal)?))
            })
        })
        .await?;
    Ok(json_response(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        (PathBuf::from("/d"), s.to_string())
    }

    fn body(n: usize) -> Bytes {
        Bytes::from(vec![b'x'; n])
    }

    #[test]
    fn an_answer_of_another_generation_is_not_served() {
        let mut lru = Lru::new(1 << 20);
        lru.put(key("a"), 3, body(10));
        assert_eq!(lru.get(&key("a"), 3).unwrap().len(), 10);
        assert!(lru.get(&key("a"), 4).is_none());
        // and it is gone, not kept beside the new one
        assert_eq!((lru.len(), lru.bytes()), (0, 0));
        assert!(lru.get(&key("a"), 3).is_none());
    }

    #[test]
    fn the_least_recently_used_go_first_and_the_budget_holds() {
        let one = cost(&key("a"), &body(100));
        let mut lru = Lru::new(3 * one);
        lru.put(key("a"), 1, body(100));
        lru.put(key("b"), 1, body(100));
        lru.put(key("c"), 1, body(100));
        assert_eq!(lru.bytes(), 3 * one);
        // a is used, so b is the oldest when d comes
        assert!(lru.get(&key("a"), 1).is_some());
        lru.put(key("d"), 1, body(100));
        assert!(lru.get(&key("b"), 1).is_none());
        for k in ["a", "c", "d"] {
            assert!(lru.get(&key(k), 1).is_some(), "{k}");
        }
        assert!(lru.bytes() <= 3 * one);
        // a bigger answer evicts as many as it needs
        lru.put(key("e"), 1, body(250));
        assert!(lru.bytes() <= 3 * one, "{}", lru.bytes());
        assert!(lru.get(&key("e"), 1).is_some());
        // replacing an answer does not count it twice
        lru.put(key("e"), 2, body(250));
        assert_eq!(lru.len(), lru.order.len());
        assert!(lru.bytes() <= 3 * one);
    }

    #[test]
    fn too_large_an_answer_is_not_kept() {
        let mut lru = Lru::new(BUDGET_BYTES);
        lru.put(key("small"), 1, body(10));
        lru.put(key("huge"), 1, body(MAX_ANSWER_BYTES + 1));
        assert!(lru.get(&key("huge"), 1).is_none());
        assert!(lru.get(&key("small"), 1).is_some());
    }
}
