//! Store access for request handlers.
//!
//! An [`Engine`] owns one SQLite connection and is `Send` but not `Sync`.
//! Reads go to reader threads, each owning one read-only engine, through
//! one queue: a request sends its read and awaits the answer, and the
//! first idle thread takes it. (It was engines behind mutexes used from
//! tokio's blocking pool: a request queued behind a busy engine while
//! another sat idle, then a condition variable shared by as many blocking
//! threads as requests in flight; under new searches the dedicated threads
//! serve 1.2–1.35× more, `reports/serve.md`.) Writes (ingest) go
//! through one writer engine, the only one that loads the derived stages.
//! In WAL mode readers never block the writer nor the writer them.

use crate::ApiError;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use veille_engine::{Engine, EngineConfig};

/// What every handler shares.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

/// A read to run on a reader thread.
type Job = Box<dyn FnOnce(&Engine) + Send>;

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

struct Inner {
    /// Reads queued for the reader threads (each owns one engine).
    jobs: std::sync::mpsc::Sender<Job>,
    writer: Mutex<Engine>,
    token: String,
    data_dir: PathBuf,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // a panic in a handler leaves the engine usable: every write is a
    // transaction that either committed or rolled back
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Opens `readers` read engines and one writer on the store in `data_dir`.
    pub fn open(data_dir: &Path, readers: usize, token: String) -> veille_engine::Result<AppState> {
        let writer = Engine::open(EngineConfig::new(data_dir))?;
        let readers = (0..readers.max(1))
            .map(|_| Engine::open(EngineConfig::new(data_dir)))
            .collect::<veille_engine::Result<Vec<_>>>()?;
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for engine in readers {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name("veille-reader".into())
                .spawn(move || loop {
                    let job = match lock(&queue).recv() {
                        Ok(job) => job,
                        // the state is gone: no more reads
                        Err(_) => return,
                    };
                    // a panicking read drops its answer channel (the request
                    // gets an internal error); the thread goes on
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&engine)));
                })
                .map_err(|e| {
                    veille_engine::Error::from(veille_store::Error::Io {
                        path: data_dir.to_path_buf(),
                        source: e,
                    })
                })?;
        }
        Ok(AppState(Arc::new(Inner {
            jobs,
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
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.0
            .jobs
            .send(Box::new(move |e: &Engine| {
                let _ = tx.send(f(e));
            }))
            .map_err(|_| ApiError::internal("the reader threads are gone"))?;
        rx.await
            .map_err(|_| ApiError::internal("a read failed (see the server's log)"))?
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

    fn state(readers: usize) -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), readers, "t".into()).unwrap();
        (dir, state)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_reads_at_once_are_all_served_by_the_reader_threads() {
        let (_dir, state) = state(2);
        let mut all = Vec::new();
        for i in 0..64u64 {
            let state = state.clone();
            all.push(tokio::spawn(async move {
                state
                    .read(move |e| {
                        let n = e.store().count_docs().map_err(ApiError::internal)?;
                        let name = std::thread::current().name().map(str::to_string);
                        Ok((i, n, name))
                    })
                    .await
            }));
        }
        for (i, h) in all.into_iter().enumerate() {
            let (j, n, name) = h.await.unwrap().unwrap();
            assert_eq!((j, n), (i as u64, 0));
            assert_eq!(name.as_deref(), Some("veille-reader"));
        }
    }

    #[tokio::test]
    async fn a_panicking_read_is_an_error_and_the_readers_go_on() {
        let (_dir, state) = state(1);
        let r: Result<(), ApiError> = state.read(|_| panic!("a handler failed")).await;
        assert!(r.is_err());
        // the one reader thread is still there
        let n = state
            .read(|e| e.store().count_docs().map_err(ApiError::internal))
            .await
            .unwrap();
        assert_eq!(n, 0);
    }
}
