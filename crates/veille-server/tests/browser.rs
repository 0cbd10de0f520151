//! The story page in a real browser: headless Chromium loads it from a
//! server on loopback (the seeds ingested, plus an article carrying markup),
//! runs its scripts, and the test reads the DOM Chromium ends with: the
//! timeline shows the Barda entry, the claims table is filled, the map has
//! its places, and the hostile title stays text. It then writes a screenshot
//! to `reports/ui-story.png` when `VEILLE_WRITE_REPORTS=1` (else to a temporary folder).
//!
//! Chromium is driven through its own headless switches (`--dump-dom`,
//! `--screenshot`), with no WebDriver server to run. Without Chromium
//! (`chromium` on PATH, or `VEILLE_CHROMIUM`) the test says so and passes:
//! `scripts/install-test-deps.sh` installs it (Debian package `chromium`).
//! About 10 s of wall time, most of it Chromium starting twice.

use std::path::{Path, PathBuf};
use std::process::Command;
use veille_engine::{Engine, EngineConfig, NoProgress};
use veille_server::{app, AppState};

/// An article whose title and text carry markup.
const HOSTILE: &str = r#"{"id": "hostile", "published": "2020-10-29",
  "title": "<img src=x onerror=\"document.body.dataset.pwned=1\"> Barda sous les tirs",
  "text": "<script>document.body.dataset.pwned=1</script> Barda a de nouveau été visée, selon Bakou: 4 civils ont été tués."}"#;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VEILLE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Serves the app on a loopback port from a background thread.
fn serve(state: AppState) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let l = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(l, app(state)).await.unwrap();
        });
    });
    format!("http://{addr}")
}

/// Runs headless Chromium on `url` with `args`, in a profile of its own.
fn run_chromium(bin: &Path, profile: &Path, args: &[String], url: &str) -> String {
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            // time for the page's fetches and scripts, as virtual time
            "--virtual-time-budget=15000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The part of `dom` from the element with id `id` to the next `</section>`.
fn section<'a>(dom: &'a str, id: &str) -> &'a str {
    let at = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in the page"));
    let rest = &dom[at..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn story_page_in_headless_chromium() {
    let Some(bin) = chromium() else {
        eprintln!(
            "SKIPPED story_page_in_headless_chromium: no chromium on PATH \
             (scripts/install-test-deps.sh installs it, or set VEILLE_CHROMIUM)"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let hostile = tmp.path().join("hostile.json");
    std::fs::write(&hostile, HOSTILE).unwrap();
    let mut engine = Engine::open(EngineConfig::new(&data)).expect("store opens");
    engine
        .ingest(&[seeds, hostile], &NoProgress)
        .expect("ingest runs");
    // the story with the most documents: the seeds' Barda story
    let story = engine
        .stories()
        .unwrap()
        .into_iter()
        .max_by_key(|s| s.n_docs)
        .expect("a story");
    drop(engine);
    let base = serve(AppState::open(&data, 2, "unused-token".into()).unwrap());
    let url = format!("{base}/story/{}", story.id);

    // The screenshot goes to reports/ only when asked (VEILLE_WRITE_REPORTS=1), so a test run
    // leaves the tree clean.
    let shot = if std::env::var_os("VEILLE_WRITE_REPORTS").is_some() {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../reports/ui-story.png")
    } else {
        tmp.path().join("ui-story.png")
    };
    let dom = std::thread::scope(|s| {
        let dom = s.spawn(|| {
            run_chromium(
                &bin,
                &tmp.path().join("profile-dom"),
                &["--dump-dom".into()],
                &url,
            )
        });
        let png = s.spawn(|| {
            run_chromium(
                &bin,
                &tmp.path().join("profile-shot"),
                &[
                    "--window-size=1280,2400".into(),
                    format!("--screenshot={}", shot.display()),
                ],
                &url,
            )
        });
        png.join().unwrap();
        dom.join().unwrap()
    });

    // every part loaded (the script marks the body when all are done)
    assert!(
        dom.contains("data-ready=\"1\""),
        "page did not finish: {dom}"
    );
    assert!(!dom.contains("class=\"error\""), "a part failed: {dom}");
    // the hostile article's markup never ran nor became elements
    assert!(!dom.contains("data-pwned"), "markup ran");
    assert!(!dom.contains("<img src=\"x\""), "markup became an element");

    let timeline = section(&dom, "timeline");
    let entries = timeline.matches("<li>").count();
    assert!(entries > 0, "empty timeline");
    let barda = timeline
        .split("<li>")
        .skip(1)
        .find(|e| e.contains("Barda"))
        .expect("the timeline shows a Barda entry");
    // the entry links to its sentence in its document
    assert!(barda.contains("href=\"/doc/"), "{barda}");

    let claims = section(&dom, "claims-box");
    assert!(claims.contains("id=\"claims-table\""), "no claims table");
    let rows = claims.matches("<tr").count();
    assert!(rows > 5, "claims table has {rows} rows");
    assert!(
        claims.contains("?hl="),
        "figures do not link to their sentence"
    );

    let map = section(&dom, "map-box");
    assert!(
        map.matches("class=\"place\"").count() >= 3,
        "map without places"
    );
    let chart = section(&dom, "chart-box");
    assert!(chart.contains("<polyline") || chart.contains("class=\"point\""));

    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "bad PNG");
}
