//! `veille timeline`, `summary`, `claims`, `export` and `report` on the
//! seeds: what a reader of the Barda dispatches should find, and exports
//! that other tools can read.

use super::{seeds_dir, stderr, stdout, veille};
use serde_json::Value;
use std::path::Path;

fn ingested() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = veille(tmp.path(), &["ingest", seeds_dir().to_str().expect("path")]);
    assert!(out.status.success(), "ingest failed: {}", stderr(&out));
    tmp
}

fn run_ok(db: &Path, args: &[&str]) -> String {
    let out = veille(db, args);
    assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    stdout(&out)
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&run_ok(db, args)).expect("JSON output")
}

#[test]
fn the_report_reads_as_the_story_of_barda() {
    let db = ingested();
    let report = run_ok(db.path(), &["report"]);
    let at = |needle: &str| {
        report
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the report:\n{report}"))
    };
    // Gandja on 17 October before Barda on the 28th, with both sides
    let gandja = at("**2020-10-17 (day) — Ganja**");
    let barda = at("**2020-10-28 (day) — Barda**");
    assert!(gandja < barda);
    let barda_block = &report[barda..];
    let block_end = barda_block[2..]
        .find("\n- **")
        .map_or(barda_block.len(), |i| i + 2);
    let block = &barda_block[..block_end];
    assert!(
        block.contains("21 civilian killed — le bureau du Procureur général azerbaïdjanais"),
        "{block}"
    );
    assert!(block.contains("at least 70 civilian injured"), "{block}");
    assert!(block.contains("denial by Erevan"), "{block}");
    // the wire copy is cited, not counted again
    assert!(block.contains("also 001\\_770acdc0607464ea"), "{block}");
    // Geneva talks, tolls by claimant, contradictions
    assert!(report.contains("— Geneva** — negotiation"), "{report}");
    assert!(report.contains("### Running tolls by claimant"));
    let contradictions = &report[at("### Contradictions")..];
    assert!(
        contradictions.contains("~100 — des bilans partiels"),
        "{contradictions}"
    );
    assert!(contradictions.contains("90 — les autorités azerbaïdjanaises"));
    assert!(contradictions.contains("~200–999 — unattributed"));
    assert!(contradictions.contains("~5000 — Le président russe Vladimir Poutine"));
    // --out writes the same report
    let file = db.path().join("report.md");
    run_ok(
        db.path(),
        &["report", "--out", file.to_str().expect("path")],
    );
    assert_eq!(std::fs::read_to_string(&file).expect("report file"), report);
}

#[test]
fn the_september_2023_offensive_is_its_own_story() {
    let db = ingested();
    let t = json(db.path(), &["timeline", "--json"]);
    let story_of = |prefix: &str| {
        t.as_array()
            .expect("entries")
            .iter()
            .find(|e| {
                e["sentences"][0]["source"]["source_id"]
                    .as_str()
                    .is_some_and(|s| s.starts_with(prefix))
            })
            .map(|e| e["story"].clone())
    };
    assert_ne!(story_of("004"), story_of("000"));
}

#[test]
fn timeline_by_place_summary_and_claims_print_json() {
    let db = ingested();
    let t = json(db.path(), &["timeline", "--place", "Barda", "--json"]);
    let entries = t.as_array().expect("entries");
    assert!(!entries.is_empty());
    assert!(entries.iter().any(|e| e["date"]["value"] == "2020-10-28"));
    for e in entries {
        for s in e["sentences"].as_array().expect("sentences") {
            assert!(s["text"].as_str().expect("text").contains("Barda"), "{s}");
        }
    }
    let stories = json(db.path(), &["stories", "--json"]);
    let id = stories[0]["id"].as_i64().expect("story id").to_string();
    let summary = json(db.path(), &["summary", &id, "-n", "3", "--json"]);
    let picked = summary.as_array().expect("sentences");
    assert!(!picked.is_empty() && picked.len() <= 3);
    assert!(picked.iter().all(|s| s["source_id"].is_string()));
    let tolls = json(db.path(), &["claims", "--json"]);
    assert!(tolls
        .as_array()
        .expect("series")
        .iter()
        .any(|s| s["claimant"] == "Azerbaijan"));
    let c = json(
        db.path(),
        &["claims", "--contradictions", "--story", &id, "--json"],
    );
    assert!(c
        .as_array()
        .expect("contradictions")
        .iter()
        .any(|c| c["kind"] == "figures"));
    let missing = veille(db.path(), &["timeline", "--story", "999"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("no story 999"));
}

fn header_of<R: std::io::Read>(r: &mut csv::Reader<R>) -> Vec<String> {
    r.headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect()
}

#[test]
fn acled_csv_has_acleds_header_and_the_barda_strike() {
    let db = ingested();
    let file = db.path().join("events.csv");
    run_ok(
        db.path(),
        &[
            "export",
            "--format",
            "acled",
            "--out",
            file.to_str().expect("path"),
        ],
    );
    let mut r = csv::Reader::from_path(&file).expect("CSV");
    let header = header_of(&mut r);
    assert_eq!(
        header,
        [
            "event_id_cnty",
            "event_date",
            "time_precision",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "country",
            "location",
            "latitude",
            "longitude",
            "geo_precision",
            "source",
            "notes",
            "fatalities"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    let barda = rows
        .iter()
        .find(|x| &x[8] == "Barda" && &x[1] == "2020-10-28")
        .unwrap_or_else(|| panic!("the Barda row: {rows:?}"));
    assert_eq!(&barda[2], "1", "a known day");
    assert_eq!(&barda[3], "Explosions/Remote violence");
    assert_eq!(&barda[5], "Armenia", "the accused party is actor1");
    assert_eq!(&barda[7], "AZ");
    assert_eq!(&barda[14], "21", "conservative fatalities");
    assert!(
        barda[13].contains("21"),
        "the figures in notes: {}",
        &barda[13]
    );
    let lat: f64 = barda[9].parse().expect("latitude");
    let lon: f64 = barda[10].parse().expect("longitude");
    assert!(
        (40.0..41.0).contains(&lat) && (47.0..48.0).contains(&lon),
        "{lat} {lon}"
    );
}

#[test]
fn facts_csv_geojson_and_jsonl_parse() {
    let db = ingested();
    let csv_text = run_ok(db.path(), &["export", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header = header_of(&mut r);
    assert_eq!(header, veille_export::FACT_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert!(rows.len() > 10);
    assert!(rows.iter().all(|x| x.len() == header.len()));

    let g: Value = serde_json::from_str(&run_ok(db.path(), &["export", "--format", "geojson"]))
        .expect("GeoJSON is JSON");
    assert_eq!(g["type"], "FeatureCollection");
    let features = g["features"].as_array().expect("features");
    assert!(!features.is_empty());
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"]
            .as_array()
            .expect("coordinates");
        let (lon, lat) = (c[0].as_f64().expect("lon"), c[1].as_f64().expect("lat"));
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        assert!(f["properties"]["event_id_cnty"].is_string());
    }

    let lines = run_ok(db.path(), &["export", "--format", "jsonl"]);
    let kinds: Vec<String> = lines
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("each line is JSON");
            v["type"].as_str().expect("type").to_string()
        })
        .collect();
    assert!(kinds.iter().any(|k| k == "event") && kinds.iter().any(|k| k == "fact"));
}

#[test]
fn a_closed_pipe_ends_a_listing_quietly() {
    // `veille claims | head -0`: the reader is gone before the first line
    let db = ingested();
    for args in [&["claims"][..], &["report"], &["facts", "--json"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_veille"))
            .arg("--db")
            .arg(db.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the veille binary runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("veille ends");
        let err = stderr(&out);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
