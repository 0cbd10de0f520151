//! Events and stories wired through ingest: the seeds into a temporary
//! store, the listings the CLI prints, a deferred ingest, a re-open.

use std::collections::HashMap;
use veille_engine::{DocQuery, Engine, EventListing, NoProgress};

mod common;
use common::{ingest, seeds_dir};

/// Seed prefix (`000`) → (event, story), from the `veille events` listing.
fn placement(engine: &Engine) -> HashMap<String, (i64, i64)> {
    engine
        .events(None)
        .expect("events")
        .iter()
        .flat_map(|e| {
            e.documents
                .iter()
                .map(|s| (s[..3].to_string(), (e.event.id, e.event.story)))
        })
        .collect()
}

#[test]
fn seeds_000_and_001_tell_one_event_listed_by_source_ids() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let engine = ingest(tmp.path());
    let at = placement(&engine);
    assert_eq!(at.len(), 5, "every seed is in an event: {at:?}");
    assert_eq!(at["000"].0, at["001"].0, "the Barda strike: {at:?}");

    let events: Vec<EventListing> = engine.events(None).expect("events");
    let barda = events
        .iter()
        .find(|e| e.event.id == at["000"].0)
        .expect("the event of 000");
    assert!(barda
        .documents
        .contains(&"001_770acdc0607464ea".to_string()));
    assert_eq!(barda.event.n_docs as usize, barda.documents.len());
    // the seeds carry no publisher: each counts as its own source
    assert_eq!(barda.event.n_sources, barda.event.n_docs);
    // the most central title, and 000 itself has none
    assert!(!barda.event.label.is_empty());
    let json = serde_json::to_value(barda).expect("json");
    assert_eq!(json["documents"][0], "000_b173b38ccefd84c3", "{json}");
    assert!(json["label"].is_string() && json["n_sources"].is_u64());

    // the story of 000 lists its events in date order, each with documents
    let story = engine.story(at["000"].1).expect("story");
    assert_eq!(
        story.story.n_docs,
        story
            .events
            .iter()
            .map(|e| e.documents.len() as u64)
            .sum::<u64>()
    );
    let firsts: Vec<_> = story.events.iter().map(|e| e.event.first).collect();
    let dated: Vec<_> = firsts.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{firsts:?}");
    // 002 and 003 are dated 2020-10: the span shows it
    assert_eq!(
        story.story.first.map(|d| d.to_string()).as_deref(),
        Some("2020-10")
    );
    assert!(engine.story(999).is_err());
    let stories = engine.stories().expect("stories");
    assert_eq!(
        stories.iter().map(|s| s.n_docs).sum::<u64>(),
        5,
        "{stories:?}"
    );
}

/// The outcome issue 4 asks for: 004 (the 2023 offensive, undated) shares
/// the actors and places of the 2020 war, but names "la dernière guerre de
/// 2020", so it is written on or after 2021-01-01, after the 2020 story
/// (002 and 003 are dated 2020-10) ended.
#[test]
fn seed_004_is_not_in_the_2020_story() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let at = placement(&ingest(tmp.path()));
    assert_eq!(at["000"].1, at["002"].1);
    assert_ne!(at["000"].1, at["004"].1, "{at:?}");
}

#[test]
fn re_ingesting_and_re_opening_change_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut engine = ingest(tmp.path());
    let events = engine.events(None).expect("events");
    let stories = engine.stories().expect("stories");
    let again = engine.ingest(&[seeds_dir()], &NoProgress).expect("ingest");
    assert_eq!(again.added, 0);
    drop(engine);
    // a new process restores the clusterer from the store, adds nothing
    let mut engine = ingest(tmp.path());
    assert_eq!(engine.cluster().expect("cluster").clustered, 0);
    assert_eq!(engine.events(None).expect("events"), events);
    assert_eq!(engine.stories().expect("stories"), stories);
}

#[test]
fn a_deferred_ingest_is_clustered_by_the_cluster_pass_as_ingest_would() {
    let direct = tempfile::tempdir().expect("temp dir");
    let direct = ingest(direct.path());

    let tmp = tempfile::tempdir().expect("temp dir");
    let mut deferred = common::ingest_deferred(tmp.path());
    assert!(deferred.events(None).expect("events").is_empty());
    let report = deferred.cluster().expect("cluster");
    assert_eq!((report.clustered, report.docs), (5, 5));
    assert_eq!(report.stories as usize, direct.stories().expect("s").len());
    assert_eq!(placement(&deferred), placement(&direct));
    assert_eq!(
        deferred.events(None).expect("events"),
        direct.events(None).expect("events")
    );
    // every listed document is a stored one
    let docs = deferred.docs(&DocQuery::default()).expect("docs");
    for d in &docs {
        assert!(deferred.event_of(d.id).expect("event of").is_some());
    }
}
