//! The HTTP API and web UI of veille, served by `veille serve`.
//!
//! ```no_run
//! use veille_server::{serve, ServerConfig};
//! let cfg = ServerConfig::new("./veille-data", "127.0.0.1:8080".parse().unwrap());
//! serve(cfg, |addr, token| eprintln!("listening on {addr}, new token {token:?}")).unwrap();
//! ```
//!
//! - JSON API under `/api/` (one module per resource in `api/`, described by
//!   `/api/openapi.json`); errors are `{"code", "message"}` with the status
//!   that fits (400 bad parameters, 401 missing token, 404 unknown document,
//!   409 ambiguous reference, 415 body type, 422 unreadable article, 500).
//! - Reads are open (the server listens on loopback by default); writes
//!   (`POST /api/ingest`) need `Authorization: Bearer TOKEN`, the token
//!   generated on first start in `DATA_DIR/api-token` (mode 0600).
//! - JSON bodies escape `<`, `>` and `&`, and HTML pages escape every piece
//!   of article text: an article is untrusted input.
//! - Web pages (`ui/`): a search page and a document page, from files
//!   embedded in the binary.
//!
//! Store access: see [`AppState`] (a pool of read engines, one writer).
//! Story and search answers are kept while the store generation is
//! unchanged, at most [`CACHE_BUDGET_BYTES`] (`cache.rs`).

mod api;
mod cache;
mod error;
mod json;
mod state;
pub mod token;
mod ui;

pub use api::{routes, Route, OPENAPI};
pub use cache::BUDGET_BYTES as CACHE_BUDGET_BYTES;
pub use error::ApiError;
pub use json::Json;
pub use state::AppState;
pub use ui::PAGES;

use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Read connections (reader threads) per core by default. With one per
/// core, under a load of new searches (each ~0.45 ms of CPU) ~20% of 2
/// cores sat idle while requests waited; with two, both cores stay busy:
/// `bench serve` "every query new" 1,590–1,802 → 2,080–2,086 req/s
/// (`reports/serve.md`). Each connection keeps its own page cache (~35 MB
/// resident at most).
pub const READERS_PER_CORE: usize = 2;

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub data_dir: PathBuf,
    pub addr: SocketAddr,
    /// Read connections (default: two per core, [`READERS_PER_CORE`]).
    pub readers: usize,
}

impl ServerConfig {
    pub fn new(data_dir: impl Into<PathBuf>, addr: SocketAddr) -> ServerConfig {
        ServerConfig {
            data_dir: data_dir.into(),
            addr,
            readers: READERS_PER_CORE * std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// What can stop the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Engine(#[from] veille_engine::Error),
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

/// The whole application: API, pages, and a JSON 404 for anything else.
pub fn app(state: AppState) -> Router {
    api::router()
        .merge(ui::router())
        .fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                "no_route",
                "no such page or endpoint (see /api/openapi.json)",
            )
        })
        .with_state(state)
}

/// Serves until Ctrl-C. `on_ready` gets the bound address and, when the
/// token was created by this start, the token (to print once).
pub fn serve(
    cfg: ServerConfig,
    on_ready: impl FnOnce(SocketAddr, Option<&str>),
) -> Result<(), ServeError> {
    std::fs::create_dir_all(&cfg.data_dir).map_err(|source| ServeError::Io {
        what: cfg.data_dir.display().to_string(),
        source,
    })?;
    let (token, created) =
        token::load_or_create(&cfg.data_dir).map_err(|source| ServeError::Io {
            what: cfg.data_dir.join(token::TOKEN_FILE).display().to_string(),
            source,
        })?;
    let state = AppState::open(&cfg.data_dir, cfg.readers, token.clone())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServeError::Io {
            what: "tokio runtime".into(),
            source,
        })?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(cfg.addr)
            .await
            .map_err(|source| ServeError::Io {
                what: format!("cannot listen on {}", cfg.addr),
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| ServeError::Io {
            what: "local address".into(),
            source,
        })?;
        on_ready(addr, created.then_some(token.as_str()));
        axum::serve(listener, app(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|source| ServeError::Io {
                what: "serving".into(),
                source,
            })
    })
}
