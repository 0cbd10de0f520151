//! Full-text search wired through ingest: the seeds into a temporary store,
//! queries with accents and other word forms, filters, highlights, and a
//! deferred ingest caught up by `update`.

use veille_engine::{Engine, EngineConfig, NoProgress, SearchFilter, SearchRequest};

mod common;
use common::seeds_dir;

fn request(query: &str) -> SearchRequest {
    SearchRequest {
        query: query.into(),
        filter: SearchFilter {
            limit: 10,
            ..SearchFilter::default()
        },
    }
}

#[test]
fn seeds_are_found_by_folded_and_stemmed_words_with_highlights() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut engine = Engine::open(EngineConfig::new(tmp.path())).expect("store opens");
    engine
        .ingest(&[seeds_dir()], &NoProgress)
        .expect("ingest runs");

    // no accent, another form: "missile" finds "missiles", "azerbaidjan" finds "Azerbaïdjan"
    let res = engine
        .search(&request("missile azerbaidjan barda"))
        .expect("search");
    assert_eq!(res.unindexed, 0);
    assert!(!res.hits.is_empty());
    for hit in &res.hits {
        let doc = engine.doc(&hit.doc.id.to_string()).expect("doc");
        let snippet = hit.snippet.as_ref().expect("a snippet");
        assert_eq!(snippet.span.slice(&doc.text), snippet.text);
        assert!(!snippet.highlights.is_empty());
        for h in &snippet.highlights {
            let word = h.slice(&doc.text).to_lowercase();
            assert!(
                word.starts_with("missil") || word.starts_with("azerba") || word == "barda",
                "highlighted {word:?}"
            );
        }
    }
    // ranked: scores never increase
    assert!(res.hits.windows(2).all(|w| w[0].score >= w[1].score));

    // every word must match
    assert!(engine
        .search(&request("barda xylophone"))
        .expect("search")
        .hits
        .is_empty());
    // a date filter that excludes everything, and one that keeps the 2020 dispatches
    let mut req = request("barda");
    req.filter.since = Some("2030".parse().expect("year"));
    assert!(engine.search(&req).expect("search").hits.is_empty());
    let mut req = request("barda");
    req.filter.lang = Some("en".into());
    assert!(engine.search(&req).expect("search").hits.is_empty());
    req.filter.lang = Some("fr".into());
    assert!(!engine.search(&req).expect("search").hits.is_empty());
    // only stop words: nothing searched
    let res = engine.search(&request("le la de")).expect("search");
    assert!(res.words.is_empty() && res.hits.is_empty());
}

#[test]
fn a_deferred_ingest_is_searchable_after_update() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut engine = common::ingest_deferred(tmp.path());
    let before = engine.search(&request("barda")).expect("search");
    assert!(before.hits.is_empty());
    assert!(before.unindexed >= 5);
    assert!(engine.update().expect("update").contains(&"search"));
    let after = engine.search(&request("barda")).expect("search");
    assert_eq!(after.unindexed, 0);
    assert!(!after.hits.is_empty());
}

#[test]
fn a_bulk_index_build_leaves_one_segment_and_the_same_answers() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut engine = Engine::open(EngineConfig::new(tmp.path())).expect("store opens");
    let mut files: Vec<_> = std::fs::read_dir(seeds_dir())
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    // one ingest per file: the search stage writes one index segment each
    for f in &files {
        engine
            .ingest(std::slice::from_ref(f), &NoProgress)
            .expect("ingest runs");
    }
    assert!(engine.store().search_segments().expect("segments") > 1);
    let before = engine.search(&request("barda missile")).expect("search");
    assert!(!before.hits.is_empty());
    engine.index_search().expect("index");
    assert_eq!(engine.store().search_segments().expect("segments"), 1);
    assert_eq!(
        engine.search(&request("barda missile")).expect("search"),
        before
    );
}
