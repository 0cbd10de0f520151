//! Store access for request handlers.
//!
//! An [`Engine`] owns one SQLite connection and is `Send` but not `Sync`.
//! Reads go to a small pool of read-only engines (one per worker thread of
//! the runtime), each behind a `Mutex`, on tokio's blocking pool; a request
//! takes the first idle one, else waits for one in turn. Writes (ingest) go
//! through one writer engine, the only one that loads the derived stages.
//! In WAL mode readers never block the writer nor the writer them.

use crate::ApiError;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use veille_engine::{Engine, EngineConfig};

/// What every handler shares.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    readers: Vec<Mutex<Engine>>,
    next: AtomicUsize,
    writer: Mutex<Engine>,
    token: String,
    data_dir: PathBuf,
}

fn lock(m: &Mutex<Engine>) -> MutexGuard<'_, Engine> {
    // a panic in a handler leaves the engine usable: every write is a
    // transaction that either committed or rolled back
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Opens `readers` read engines and one writer on the store in `data_dir`.
    pub fn open(data_dir: &Path, readers: usize, token: String) -> veille_engine::Result<AppState> {
        let writer = Engine::open(EngineConfig::new(data_dir))?;
        let readers = (0..readers.max(1))
            .map(|_| Engine::open(EngineConfig::new(data_dir)).map(Mutex::new))
            .collect::<veille_engine::Result<Vec<_>>>()?;
        Ok(AppState(Arc::new(Inner {
            readers,
            next: AtomicUsize::new(0),
            writer: Mutex::new(writer),
            token,
            data_dir: data_dir.to_path_buf(),
        })))
    }

    pub fn token(&self) -> &str {
        &self.0.token
    }

    pub fn data_dir(&self) -> &Path {
        &self.0.data_dir
    }

    /// Runs `f` with a read engine on the blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Engine) -> Result<T, ApiError> + Send + 'static,
    {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let n = inner.readers.len();
            let idle = inner.readers.iter().find_map(|r| r.try_lock().ok());
            let engine = match idle {
                Some(e) => e,
                None => lock(&inner.readers[inner.next.fetch_add(1, Ordering::Relaxed) % n]),
            };
            f(&engine)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Runs `f` with the writer engine on the blocking pool.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Engine) -> Result<T, ApiError> + Send + 'static,
    {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || f(&mut lock(&inner.writer)))
            .await
            .map_err(ApiError::internal)?
    }
}
