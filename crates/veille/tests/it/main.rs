//! End-to-end tests of the `veille` binary: one test binary for the crate
//! (it saves link time), one module per concern.

mod bad_input;
mod claims;
mod killed_ingest;
mod seeds;
mod views;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace's bundled seed dispatches.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

/// Runs `veille --db DB ARGS…` to completion.
pub fn veille(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veille"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the veille binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `veille docs --json` as (source id, title) pairs sorted by source id.
pub fn listed(db: &Path) -> Vec<(String, Option<String>)> {
    let out = veille(db, &["docs", "--json", "--limit", "1000000"]);
    assert!(out.status.success(), "docs failed: {}", stderr(&out));
    let docs: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("docs --json is JSON");
    let mut v: Vec<(String, Option<String>)> = docs
        .iter()
        .map(|d| {
            (
                d["source_id"].as_str().expect("source_id").to_string(),
                d["title"].as_str().map(str::to_string),
            )
        })
        .collect();
    v.sort();
    v
}
