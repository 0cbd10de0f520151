//! Store access for request handlers.
//!
//! An [`Engine`] owns one SQLite connection and is `Send` but not `Sync`.
//! Reads go to a small pool of read-only engines on tokio's blocking pool:
//! a request takes any idle engine, else waits until one is given back
//! (not for one engine in particular: a request queued behind a busy
//! engine while another sat idle left ~20% of 2 cores unused under a load
//! of new searches, `reports/serve.md`). Writes (ingest) go
//! through one writer engine, the only one that loads the derived stages.
//! In WAL mode readers never block the writer nor the writer them.

use crate::ApiError;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use veille_engine::{Engine, EngineConfig};

/// What every handler shares.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    readers: Pool<Engine>,
    writer: Mutex<Engine>,
    token: String,
    data_dir: PathBuf,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // a panic in a handler leaves the engine usable: every write is a
    // transaction that either committed or rolled back
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Idle read engines; a taken engine comes back when its [`Lent`] drops,
/// also when the request panics.
#[derive(Debug)]
struct Pool<T> {
    idle: Mutex<Vec<T>>,
    given_back: Condvar,
}

impl<T> Pool<T> {
    fn new(engines: Vec<T>) -> Pool<T> {
        Pool {
            idle: Mutex::new(engines),
            given_back: Condvar::new(),
        }
    }

    /// An idle engine, waiting for one if all are lent.
    fn take(&self) -> Lent<'_, T> {
        let mut idle = lock(&self.idle);
        loop {
            if let Some(engine) = idle.pop() {
                return Lent {
                    pool: self,
                    engine: Some(engine),
                };
            }
            idle = self
                .given_back
                .wait(idle)
                .unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// A read engine out of its [`Pool`].
struct Lent<'p, T> {
    pool: &'p Pool<T>,
    engine: Option<T>,
}

impl<T> std::ops::Deref for Lent<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.engine
            .as_ref()
            .expect("an engine is lent until dropped")
    }
}

impl<T> Drop for Lent<'_, T> {
    fn drop(&mut self) {
        if let Some(engine) = self.engine.take() {
            lock(&self.pool.idle).push(engine);
            self.pool.given_back.notify_one();
        }
    }
}

impl AppState {
    /// Opens `readers` read engines and one writer on the store in `data_dir`.
    pub fn open(data_dir: &Path, readers: usize, token: String) -> veille_engine::Result<AppState> {
        let writer = Engine::open(EngineConfig::new(data_dir))?;
        let readers = (0..readers.max(1))
            .map(|_| Engine::open(EngineConfig::new(data_dir)))
            .collect::<veille_engine::Result<Vec<_>>>()?;
        Ok(AppState(Arc::new(Inner {
            readers: Pool::new(readers),
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
        tokio::task::spawn_blocking(move || f(&inner.readers.take()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn every_request_gets_an_idle_engine_and_gives_it_back() {
        // two engines, eight threads: never more than two lent at once,
        // each thread served, every engine back at the end
        let pool = Pool::new(vec![0usize, 1]);
        let lent = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..50 {
                        let e = pool.take();
                        let now = lent.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        assert!(*e < 2);
                        std::thread::yield_now();
                        lent.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert!(most.load(Ordering::SeqCst) <= 2);
        let mut idle = lock(&pool.idle).clone();
        idle.sort_unstable();
        assert_eq!(idle, [0, 1]);
    }

    #[test]
    fn an_engine_comes_back_when_its_request_panics() {
        let pool = Pool::new(vec![7]);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _e = pool.take();
            panic!("a handler failed");
        }));
        assert!(r.is_err());
        assert_eq!(*pool.take(), 7);
    }
}
