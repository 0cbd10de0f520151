//! Claims wired through ingest: the seeds into a temporary store, re-ingest,
//! a deferred ingest caught up by `update`, and a store written without the
//! extraction stage (an older veille, a run killed between the two
//! transactions).

use std::path::PathBuf;
use veille_engine::{
    CasualtyFact, CasualtyKind, Engine, EngineConfig, FactFilter, NoProgress, QuoteFilter,
    StanceFilter, StanceKind,
};
use veille_model::{Format, Origin, RawDoc};
use veille_store::Store;

mod common;
use common::{ingest, seeds_dir};

/// Everything recorded, as comparable JSON (store ids left out: they are
/// the same here, but the comparison should not depend on it).
fn everything(engine: &Engine) -> String {
    let facts = engine.facts(&FactFilter::default()).expect("facts");
    let quotes = engine.quotes(&QuoteFilter::default()).expect("quotes");
    let stances = engine.stances(&StanceFilter::default()).expect("stances");
    serde_json::to_string(&(facts, quotes, stances)).expect("json")
}

#[test]
fn the_barda_strike_is_read_with_its_claimant_from_seed_000() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let engine = ingest(tmp.path());
    let of_000 = FactFilter {
        doc: Some("000_b173b38ccefd84c3".into()),
        ..FactFilter::default()
    };
    let facts = engine.facts(&of_000).expect("facts");
    let claimed = |f: &&CasualtyFact| {
        f.claimed_by
            .as_ref()
            .is_some_and(|c| c.text.contains("Procureur général azerbaïdjanais"))
    };
    let killed = facts
        .iter()
        .filter(claimed)
        .find(|f| f.kind == "killed" && f.min == 21)
        .unwrap_or_else(|| panic!("21 killed, claimed by the prosecutor: {facts:#?}"));
    assert_eq!(killed.max, Some(21));
    assert_eq!(killed.victims.category.as_deref(), Some("civilian"));
    assert!(killed.sentence.contains("tuant 21 civils"));
    let injured = facts
        .iter()
        .filter(claimed)
        .find(|f| f.kind == "injured")
        .expect("the injured of the same sentence");
    assert_eq!((injured.min, injured.max), (70, None));
    // the figures of the same sentence slice back to their words
    let doc = engine.doc("000_b173b38ccefd84c3").expect("doc");
    for f in &facts {
        let text = match f.sentence_idx {
            Some(_) => doc.text.as_str(),
            None => doc.title.as_deref().expect("title"),
        };
        assert_eq!(f.span.slice(text), f.figure);
        assert_eq!(f.sentence_span.slice(text), f.sentence);
    }

    let killed_only = engine
        .facts(&FactFilter {
            kind: Some(CasualtyKind::Killed),
            ..FactFilter::default()
        })
        .expect("facts");
    assert!(!killed_only.is_empty());
    assert!(killed_only.iter().all(|f| f.kind == "killed"));

    let denials = engine
        .stances(&StanceFilter {
            kind: Some(StanceKind::Denial),
            ..StanceFilter::default()
        })
        .expect("stances");
    assert!(
        denials
            .iter()
            .any(|s| s.actor.text == "Erevan"
                && s.content.text.starts_with("avoir mené cette attaque")),
        "{denials:#?}"
    );
}

#[test]
fn re_ingesting_and_updating_change_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut engine = ingest(tmp.path());
    let before = everything(&engine);
    assert!(before.len() > 100);
    engine
        .ingest(&[seeds_dir()], &NoProgress)
        .expect("ingest runs");
    engine.update().expect("update");
    assert_eq!(everything(&engine), before);
    assert!(!engine.claims_pending().expect("pending"));
}

#[test]
fn a_deferred_ingest_is_caught_up_by_update_to_the_same_claims() {
    let direct = tempfile::tempdir().expect("temp dir");
    let direct = ingest(direct.path());

    let tmp = tempfile::tempdir().expect("temp dir");
    let mut deferred = common::ingest_deferred(tmp.path());
    assert!(deferred.claims_pending().expect("pending"));
    assert!(deferred
        .facts(&FactFilter::default())
        .expect("facts")
        .is_empty());
    assert!(deferred.update().expect("update").contains(&"claims"));
    assert!(!deferred.claims_pending().expect("pending"));
    assert_eq!(everything(&deferred), everything(&direct));
}

#[test]
fn documents_stored_without_the_stage_are_caught_up_when_it_loads() {
    let direct = tempfile::tempdir().expect("temp dir");
    let direct = ingest(direct.path());

    // the documents written straight to the store, as a run killed after
    // the batch's transaction and before the claims' would leave them
    let tmp = tempfile::tempdir().expect("temp dir");
    let engine = Engine::open(EngineConfig::new(tmp.path())).expect("open");
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("seeds")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let docs: Vec<_> = files
        .iter()
        .map(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).expect("stem");
            let origin = Origin {
                path: p.display().to_string(),
                line: None,
            };
            let body = std::fs::read_to_string(p).expect("seed");
            engine.analyse(RawDoc::new(stem, origin, Format::Text, body))
        })
        .collect();
    drop(engine);
    Store::open(tmp.path())
        .expect("store")
        .write_batch(&docs)
        .expect("write");
    let mut engine = Engine::open(EngineConfig::new(tmp.path())).expect("open");
    assert!(engine.claims_pending().expect("pending"));
    engine.update().expect("update");
    assert_eq!(everything(&engine), everything(&direct));
}

#[test]
fn speakers_are_linked_to_entities_and_found_by_their_names() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let engine = ingest(tmp.path());
    let quotes = engine.quotes(&QuoteFilter::default()).expect("quotes");
    let linked: Vec<_> = quotes
        .iter()
        .filter(|q| q.speaker_entity.is_some())
        .collect();
    assert!(!linked.is_empty(), "no speaker linked: {quotes:#?}");
    for q in &linked {
        let e = q.speaker_entity.as_ref().expect("linked");
        // the entity's name finds the quote, whatever the speaker's words
        let by_name = engine
            .quotes(&QuoteFilter {
                speaker: Some(e.name.clone()),
                ..QuoteFilter::default()
            })
            .expect("quotes");
        assert!(
            by_name
                .iter()
                .any(|f| f.doc_id == q.doc_id && f.speaker == q.speaker),
            "{} does not find {:?}",
            e.name,
            q.speaker
        );
    }
    // a name nobody has finds nothing
    let none = engine
        .quotes(&QuoteFilter {
            speaker: Some("Zzyzx Qwerty".into()),
            ..QuoteFilter::default()
        })
        .expect("quotes");
    assert!(none.is_empty());
}
