//! Where the gold data and the reports are.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// The folder of learned weights: `$VEILLE_MODELS`, else `target/models` in the
/// workspace. `main` exports it as `VEILLE_MODELS` so the engine code the evals
/// call reads the same weights (`veille_extract::models`).
pub fn models_dir() -> PathBuf {
    match std::env::var_os(veille_extract::models::MODELS_ENV) {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join("target/models"),
    }
}

/// Where `train` writes the weights file `name` (its folder created).
pub fn model_path(name: &str) -> anyhow::Result<PathBuf> {
    let dir = models_dir();
    std::fs::create_dir_all(&dir)
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", dir.display()))?;
    Ok(dir.join(name))
}

/// The shared data folder: `$VEILLE_DATA`, else `../shared/data` beside the workspace.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("VEILLE_DATA") {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join("../shared/data"),
    }
}

/// `data_dir()/sub` if it exists; otherwise prints why the step is skipped
/// and returns `None`.
pub fn require(sub: &str) -> Option<PathBuf> {
    let p = data_dir().join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipping: {} not found (set VEILLE_DATA to the folder holding the shared data sets)",
            p.display()
        );
        None
    }
}

/// Writes `reports/<name>` and says where.
pub fn write_report(name: &str, body: &str) -> anyhow::Result<()> {
    let dir = workspace_root().join("reports");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    std::fs::write(&path, body)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// The hand-written part of a committed report, from the line `heading` to
/// its end: a command that regenerates the measured part of a report keeps
/// what people wrote below it (a copy in the source drifted from the file).
pub fn hand_written(name: &str, heading: &str) -> anyhow::Result<String> {
    use anyhow::Context as _;
    let path = workspace_root().join("reports").join(name);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {} for its hand-written part", path.display()))?;
    let at = if text.starts_with(heading) {
        0
    } else {
        text.find(&format!("\n{heading}\n"))
            .map(|i| i + 1)
            .with_context(|| {
                format!(
                "{}: no line `{heading}`, where its hand-written part starts; restore it from git",
                path.display()
            )
            })?
    };
    Ok(text[at..].to_string())
}

/// Writes `reports/{name}`: the measured part `body`, one blank line, then
/// the hand-written part of the committed file from `heading` on
/// ([`hand_written`]). Returns the whole text written.
pub fn write_report_keeping(name: &str, body: &str, heading: &str) -> anyhow::Result<String> {
    let kept = hand_written(name, heading)?;
    let text = format!("{}\n\n{kept}", body.trim_end_matches('\n'));
    write_report(name, &text)?;
    Ok(text)
}

/// The 1-minute load average (`/proc/loadavg`), to print beside a speed
/// measured on a shared machine; "unknown" elsewhere.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string())
}
