use crate::*;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Writes `n` distinct small articles as JSON Lines.
fn write_corpus(path: &Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let places = [
        "Barda",
        "Gandja",
        "Stepanakert",
        "Erevan",
        "Bakou",
        "Choucha",
        "Martouni",
    ];
    for i in 0..n {
        let place = places[i % places.len()];
        let line = serde_json::json!({
            "id": format!("art-{i}"),
            "title": format!("Dépêche {i} sur {place}"),
            "date": format!("2020-10-{:02}", 1 + i % 28),
            "text": format!(
                "Des tirs ont visé {place} mercredi, a indiqué le ministère ({i}). \
                 Selon les autorités, {} civils ont été tués et {} blessés. \
                 Les deux camps se rejettent la responsabilité de cette attaque numéro {i}.",
                i % 50, i % 70
            ),
        });
        writeln!(f, "{line}").unwrap();
    }
}

/// A run killed in the middle leaves only whole batches; running it again
/// gives exactly the store an uninterrupted run gives.
#[test]
fn killed_ingest_rerun_gives_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    write_corpus(&corpus, 40_000);

    let reference = dir.path().join("reference");
    let out = veille(&reference, &["ingest", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = listed(&reference);
    assert_eq!(expected.len(), 40_000);

    let db = dir.path().join("killed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_veille"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--batch-size", "500", corpus.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once the store exists and has grown, or after a while at most.
    let started = Instant::now();
    let wal = db.join("veille.sqlite-wal");
    while started.elapsed() < Duration::from_secs(20) {
        if std::fs::metadata(&wal)
            .map(|m| m.len() > 512 * 1024)
            .unwrap_or(false)
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let finished_early = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();

    let partial = listed(&db);
    if !finished_early {
        assert!(partial.len() < expected.len(), "the run was interrupted");
    }
    assert!(
        partial.iter().all(|d| expected.binary_search(d).is_ok()),
        "only real documents were stored"
    );

    let out = veille(&db, &["ingest", "--json", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["unchanged"].as_u64().unwrap() as usize,
        partial.len()
    );
    assert_eq!(
        listed(&db),
        expected,
        "re-run gives the same documents, none twice"
    );
}
