//! `veille facts`, `veille quotes` and `veille stances` on the seeds.

use super::{seeds_dir, stderr, stdout, veille};
use serde_json::Value;

fn ingested() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = veille(tmp.path(), &["ingest", seeds_dir().to_str().expect("path")]);
    assert!(out.status.success(), "ingest failed: {}", stderr(&out));
    tmp
}

fn json(db: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let out = veille(db, args);
    assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

#[test]
fn facts_json_gives_the_barda_figures_with_the_prosecutor_as_claimant() {
    let db = ingested();
    let facts = json(db.path(), &["facts", "--json"]);
    let barda: Vec<&Value> = facts
        .iter()
        .filter(|f| {
            f["doc"] == "000_b173b38ccefd84c3"
                && f["claimed_by"]["text"]
                    .as_str()
                    .is_some_and(|c| c.contains("Procureur général azerbaïdjanais"))
        })
        .collect();
    let killed = barda
        .iter()
        .find(|f| f["kind"] == "killed")
        .unwrap_or_else(|| panic!("no killed figure claimed by the prosecutor: {facts:#?}"));
    assert_eq!(
        (killed["min"].as_u64(), killed["max"].as_u64()),
        (Some(21), Some(21))
    );
    assert_eq!(killed["victims"]["category"], "civilian");
    assert!(killed["sentence"]
        .as_str()
        .expect("sentence")
        .contains("tuant 21 civils et en blessant au moins 70"));
    let injured = barda
        .iter()
        .find(|f| f["kind"] == "injured")
        .expect("injured figure");
    assert_eq!(injured["min"].as_u64(), Some(70));
    assert!(injured["max"].is_null(), "at least 70 is open-ended");
    for f in &facts {
        for key in [
            "doc",
            "kind",
            "min",
            "max",
            "victims",
            "place",
            "date",
            "claimed_by",
            "accused",
            "sentence",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        assert!(f["span"]["start"].as_u64() <= f["span"]["end"].as_u64());
    }

    let killed_only = json(db.path(), &["facts", "--kind", "killed", "--json"]);
    assert!(!killed_only.is_empty() && killed_only.len() < facts.len());
    assert!(killed_only.iter().all(|f| f["kind"] == "killed"));
    let of_one = json(
        db.path(),
        &["facts", "--doc", "004_989597bee5541ff8", "--json"],
    );
    assert!(!of_one.is_empty());
    assert!(of_one.iter().all(|f| f["doc"] == "004_989597bee5541ff8"));
}

#[test]
fn facts_csv_has_a_header_and_one_row_per_figure() {
    let db = ingested();
    let n = json(db.path(), &["facts", "--json"]).len();
    let out = veille(db.path(), &["facts", "--csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let header = r.headers().expect("header").clone();
    assert_eq!(&header[0], "doc");
    assert!(header.iter().any(|h| h == "claimed_by"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), n);
    let min = header.iter().position(|h| h == "min").expect("min column");
    assert!(rows.iter().any(|row| &row[min] == "21"));
}

#[test]
fn quotes_and_stances_name_their_speakers() {
    let db = ingested();
    let all = json(db.path(), &["quotes", "--json"]);
    assert!(!all.is_empty());
    // case and accents are ignored
    let poutine = json(db.path(), &["quotes", "--speaker", "POUTINE", "--json"]);
    assert!(!poutine.is_empty() && poutine.len() < all.len());
    for q in &poutine {
        assert!(q["speaker"]["text"]
            .as_str()
            .expect("speaker")
            .contains("Poutine"));
    }
    let denials = json(db.path(), &["stances", "--kind", "denial", "--json"]);
    assert!(
        denials.iter().any(|s| s["actor"]["text"] == "Erevan"),
        "{denials:#?}"
    );
    let table = veille(db.path(), &["facts", "--kind", "killed"]);
    assert!(stdout(&table).contains("000_b173b38ccefd84c3"));
}

#[test]
fn show_gives_the_incident_counts_and_the_figure_they_come_from() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let line = serde_json::json!({
        "id": "memphis",
        "title": "Two killed in Memphis shooting",
        "text": "Two men were killed and a woman was also shot on Saturday night. \
                 She survived. Police said 40 people have been shot in the city since May.",
        "lang": "en"
    });
    let file = tmp.path().join("memphis.jsonl");
    std::fs::write(&file, format!("{line}\n")).expect("write");
    let db = tmp.path().join("db");
    let ingest = veille(&db, &["ingest", file.to_str().expect("path")]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let out = veille(&db, &["show", "--json", "memphis"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let inc = &doc["incident"];
    assert_eq!(
        (inc["killed"].as_u64(), inc["injured"].as_u64()),
        (Some(2), Some(1)),
        "{inc}"
    );
    assert_eq!(inc["evidence"][0]["rule"], "figure");
    assert_eq!(inc["evidence"][0]["in_title"], true);
    assert_eq!(inc["evidence"][1]["rule"], "survivor");
    let text = stdout(&veille(&db, &["show", "memphis"]));
    assert!(
        text.contains("incident   killed 2 (`Two killed`), injured 1 (a victim who lived)"),
        "{text}"
    );
}
