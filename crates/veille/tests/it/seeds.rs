use crate::*;

#[test]
fn seeds_ingest_once_and_show_clean_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let seeds = seeds_dir();
    let first = veille(&db, &["ingest", "--json", seeds.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(report["added"], 5);
    assert_eq!(report["unchanged"], 0);

    let again = veille(&db, &["ingest", "--json", seeds.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        report["added"], 0,
        "re-ingesting the same content is a no-op"
    );
    assert_eq!(report["unchanged"], 5);
    assert_eq!(listed(&db).len(), 5);

    // A document is reachable by its source id (the file stem) and by its store id.
    let show = veille(&db, &["show", "004_989597bee5541ff8"]);
    assert!(show.status.success(), "{}", stderr(&show));
    let text = stdout(&show);
    assert!(text
        .starts_with("Le cessez-le-feu tient bon au Karabakh, les pourparlers se poursuivent\n"));
    assert!(!text.contains("Photo: AA"));
    assert!(!text.contains("AliyevAliev"));
    assert!(text.contains("Le président Aliev a présenté"));

    let json = veille(&db, &["show", "--json", "002_1ecbdd966da1c296"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["published"], "2020-10");
    assert_eq!(doc["lang"], "fr");
    assert!(!doc["text"].as_str().unwrap().contains(" date 2020-10"));
    let id = doc["id"].as_i64().unwrap().to_string();
    let by_id = veille(&db, &["show", "--json", &id]);
    let same: serde_json::Value = serde_json::from_slice(&by_id.stdout).unwrap();
    assert_eq!(same["source_id"], "002_1ecbdd966da1c296");

    let s001 = stdout(&veille(&db, &["show", "001_770acdc0607464ea"]));
    assert!(!s001.contains("Dernières nouvelles"));
}

#[test]
fn unknown_document_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let out = veille(&db, &["show", "nope"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("veille ingest"), "{}", stderr(&out));
    veille(&db, &["ingest", seeds_dir().to_str().unwrap()]);
    let out = veille(&db, &["show", "no-such-id"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no-such-id"), "{}", stderr(&out));
}

#[test]
fn stdin_articles_are_distinct_documents() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    for text in [
        "Première dépêche sur Barda.\n",
        "Seconde dépêche sur Gandja.\n",
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_veille"))
            .arg("--db")
            .arg(&db)
            .args(["ingest", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
    }
    let docs = listed(&db);
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert!(docs.iter().all(|d| d.0.starts_with("stdin-")));
}

/// A place resolved to a region (an ADM1 located at the mean of its cities)
/// is stored with its point: stores of schema v4–v8 refused the precision
/// `region`, and the first article naming one stopped the ingest.
#[test]
fn a_region_is_stored_with_its_point() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("orages.txt");
    std::fs::write(
        &file,
        "Orages dans l'Est\n\nLa France a été touchée par les orages. \
         Les pompiers sont intervenus en Lorraine toute la nuit.\n",
    )
    .unwrap();
    let out = veille(&db, &["ingest", file.to_str().unwrap()]);
    assert!(out.status.success(), "ingest failed: {}", stderr(&out));
    let out = veille(&db, &["entities", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entities: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let lorraine = entities
        .iter()
        .find(|e| {
            e["canonical"]
                .as_str()
                .is_some_and(|c| c.contains("Lorraine"))
        })
        .unwrap_or_else(|| panic!("Lorraine among {entities:#?}"));
    assert_eq!(lorraine["precision"], "region", "{lorraine:#}");
    assert!(lorraine["lat"]
        .as_f64()
        .is_some_and(|lat| (48.0..50.0).contains(&lat)));
}
