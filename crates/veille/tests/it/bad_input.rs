use crate::*;
use std::fs;

/// A directory of broken files next to good ones: every broken file is named
/// with its reason, every good document is stored, the exit status says that
/// some failed, and a second run stores nothing twice.
#[test]
fn bad_files_are_named_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::copy(
        seeds_dir().join("000_b173b38ccefd84c3.txt"),
        input.join("good.txt"),
    )
    .unwrap();
    // Latin-1 is not an error: it is decoded.
    fs::write(
        input.join("latin1.html"),
        b"<html><head><title>Caf\xe9 d\xe9truit</title></head><body><article><p>Le caf\xe9 de la place a \xe9t\xe9 d\xe9truit par un tir mercredi, selon la mairie de la ville.</p><p>Deux personnes ont \xe9t\xe9 bless\xe9es, a indiqu\xe9 la pr\xe9fecture dans un communiqu\xe9.</p></article></body></html>".as_slice(),
    )
    .unwrap();
    fs::write(
        input.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255, 0],
    )
    .unwrap();
    fs::write(input.join("empty.txt"), b"").unwrap();
    fs::write(input.join("huge.txt"), "mot ".repeat(50 * 1024 * 1024 / 4)).unwrap();
    fs::write(
        input.join("articles.jsonl"),
        "{\"id\": \"a1\", \"title\": \"Un titre\", \"text\": \"Un article complet avec une phrase.\"}\n{\"id\": \"a2\", \"text\": \"tronqu\n{\"id\": \"a3\", \"text\": \"Un autre article, intact.\"}\n",
    )
    .unwrap();
    fs::write(
        input.join("feed.rss"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>trunc",
    )
    .unwrap();
    fs::write(
        input.join("crawl.warc"),
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort",
    )
    .unwrap();

    let db = dir.path().join("db");
    let out = veille(&db, &["ingest", "--json", input.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "some inputs failed: exit 1\n{}",
        stderr(&out)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let failures = report["failures"].as_array().unwrap();
    let failed_paths: Vec<String> = failures
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap();
            Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for bad in [
        "binary.txt",
        "empty.txt",
        "huge.txt",
        "articles.jsonl",
        "feed.rss",
        "crawl.warc",
    ] {
        assert!(
            failed_paths.iter().any(|p| p == bad),
            "{bad} not reported: {failures:?}"
        );
    }
    assert!(
        !failed_paths
            .iter()
            .any(|p| p == "good.txt" || p == "latin1.html"),
        "{failures:?}"
    );
    let jsonl = failures
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("articles.jsonl"))
        .unwrap();
    assert_eq!(jsonl["line"], 2, "the truncated line is named");
    for f in failures {
        assert!(!f["reason"].as_str().unwrap().is_empty());
    }
    // The human-readable report goes to stderr with the path.
    assert!(stderr(&out).contains("binary.txt"));

    let docs = listed(&db);
    let ids: Vec<&str> = docs.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(ids, ["a1", "a3", "good", "latin1"], "{docs:?}");
    let latin = veille(&db, &["show", "--json", "latin1"]);
    let doc: serde_json::Value = serde_json::from_slice(&latin.stdout).unwrap();
    assert_eq!(doc["title"], "Café détruit");
    assert!(doc["text"].as_str().unwrap().contains("préfecture"));

    // Run again: nothing lost, nothing duplicated.
    let again = veille(&db, &["ingest", "--json", input.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["added"], 0);
    assert_eq!(report["unchanged"], 4);
    assert_eq!(listed(&db), docs);
}

/// `ingest --contextual` without its models stops before storing anything,
/// naming the missing file and how to build it; a file that is not a model
/// is refused the same way.
#[test]
fn contextual_ingest_without_its_models_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    fs::create_dir(&models).unwrap();
    let db = dir.path().join("db");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_veille"))
            .arg("--db")
            .arg(&db)
            .args(["ingest", "--contextual"])
            .arg(seeds_dir())
            .env("VEILLE_MODELS", &models)
            .output()
            .expect("the veille binary runs")
    };
    let out = run();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("attribution-en-e5.weights.gz"), "{err}");
    assert!(err.contains("train attribution-e5"), "{err}");
    fs::write(models.join("attribution-en-e5.weights.gz"), b"not gzip").unwrap();
    let out = run();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("attribution-en-e5.weights.gz"));
    assert!(!db.exists() || listed(&db).is_empty());
}
