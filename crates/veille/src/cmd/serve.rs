//! `veille serve`: the HTTP API and web UI on the store.

use anyhow::Result;
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use veille_server::{serve, ServerConfig};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (loopback by default: reads are open to whoever can connect)
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Read connections to the store (default: two per core)
    #[arg(long)]
    readers: Option<usize>,
    /// Print the listening address as JSON on stdout once ready
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let mut cfg = ServerConfig::new(db, args.addr);
    if let Some(n) = args.readers {
        cfg.readers = n.max(1);
    }
    let json = args.json;
    let token_file = db.join(veille_server::token::TOKEN_FILE);
    serve(cfg, |addr, new_token| {
        if let Some(t) = new_token {
            eprintln!(
                "api token for writes (shown once, kept in {}): {t}",
                token_file.display()
            );
        }
        if json {
            // inside the server's callback: no `?`, the line is for a
            // supervisor that reads it
            println!(
                "{}",
                serde_json::json!({ "listening": format!("http://{addr}") })
            );
        } else {
            eprintln!("veille listening on http://{addr} (Ctrl-C to stop)");
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
