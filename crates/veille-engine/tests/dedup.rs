//! Duplicates and reuse wired through ingest: the seeds into a temporary
//! store, re-ingest, planted copies, and a store that missed its records.

use std::path::{Path, PathBuf};
use veille_engine::{DocQuery, DupGroup, DupKind, Engine, EngineConfig, NoProgress, ReuseKind};
use veille_model::{Format, Origin, RawDoc};
use veille_store::{ReuseLink, Store};

mod common;
use common::seeds_dir;

fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("seeds are bundled")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn ingest(dir: &Path, paths: &[PathBuf]) -> Engine {
    let mut engine = Engine::open(EngineConfig::new(dir)).expect("store opens");
    engine.ingest(paths, &NoProgress).expect("ingest runs");
    engine
}

/// Every reuse link of the store, by copying document.
fn all_links(engine: &Engine) -> Vec<ReuseLink> {
    let docs = engine.docs(&DocQuery::default()).expect("listing");
    let mut links: Vec<ReuseLink> = docs
        .iter()
        .flat_map(|d| engine.reuse_sources(d.id).expect("links"))
        .collect();
    links.sort_by_key(|l| (l.doc, l.source));
    links
}

fn id_of(engine: &Engine, prefix: &str) -> veille_model::DocId {
    engine
        .docs(&DocQuery::default())
        .expect("listing")
        .into_iter()
        .find(|d| d.source_id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no document {prefix}"))
        .id
}

#[test]
fn seeds_000_and_001_are_a_reuse_pair_and_nothing_else() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let engine = ingest(tmp.path(), &[seeds_dir()]);
    assert!(engine.dupes().expect("groups").is_empty());

    let (s000, s001) = (id_of(&engine, "000_"), id_of(&engine, "001_"));
    let links = all_links(&engine);
    assert_eq!(links.len(), 1, "{links:?}");
    let l = &links[0];
    // 001 is ingested after 000 and copies from it
    assert_eq!((l.doc, l.source), (s001, s000));
    assert!(l.sentences >= 6, "{l:?}");
    assert!(l.verbatim >= 1 && l.verbatim < l.sentences, "{l:?}");
    assert!(l.share > 0.0 && l.share <= 1.0);
    assert_eq!(engine.reused_by(s000).expect("back links")[0].doc, s001);

    let view = engine
        .reuse("000_b173b38ccefd84c3", &s001.to_string())
        .expect("view");
    assert!(view.pairs.len() >= 6, "{} pairs", view.pairs.len());
    assert!(view.verbatim >= 1 && view.edited >= 1, "{view:?}");
    assert_eq!(view.verbatim + view.edited, view.pairs.len());
    assert_eq!(view.b.reused, view.pairs.len());
    for p in &view.pairs {
        assert!(!p.a_text.is_empty() && !p.b_text.is_empty());
        match p.kind {
            ReuseKind::Verbatim => assert_eq!(p.score, 1.0),
            ReuseKind::Edited => assert!(p.score < 1.0 && p.score >= 0.6, "{p:?}"),
        }
    }
    // the stored link counts what the on-demand alignment finds
    assert_eq!(l.sentences as usize, view.pairs.len());
    assert_eq!(l.verbatim as usize, view.verbatim);
}

#[test]
fn re_ingesting_changes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut engine = ingest(tmp.path(), &[seeds_dir()]);
    let (groups, links) = (engine.dupes().expect("groups"), all_links(&engine));
    // same engine (indexes in memory), then a fresh one (indexes rebuilt)
    let again = engine.ingest(&[seeds_dir()], &NoProgress).expect("ingest");
    assert_eq!(again.added, 0);
    drop(engine);
    let engine = ingest(tmp.path(), &[seeds_dir()]);
    assert_eq!(engine.dupes().expect("groups"), groups);
    assert_eq!(all_links(&engine), links);
}

/// Seed 000 copied with a few words changed, and copied verbatim under
/// another name: one group of three with 000 as canonical.
#[test]
fn planted_copies_form_one_group_with_the_original_as_canonical() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let files = seed_files();
    let original = std::fs::read_to_string(&files[0]).expect("seed");
    let copies = tmp.path().join("copies");
    std::fs::create_dir(&copies).expect("dir");
    std::fs::write(copies.join("zz_exact.txt"), &original).expect("write");
    let edited = original
        .replacen("Barda", "Bardaa", 2)
        .replacen("mercredi", "ce mercredi", 1)
        .replacen("civils", "habitants", 1);
    assert_ne!(edited, original);
    std::fs::write(copies.join("zz_edited.txt"), edited).expect("write");

    let mut engine = ingest(&tmp.path().join("db"), &[seeds_dir()]);
    engine.ingest(&[copies], &NoProgress).expect("ingest");
    let groups: Vec<DupGroup> = engine.dupes().expect("groups");
    assert_eq!(groups.len(), 1, "{groups:?}");
    let g = &groups[0];
    let s000 = id_of(&engine, "000_");
    assert_eq!(g.canonical, s000);
    assert_eq!(g.size, 3);
    let kinds: Vec<(DupKind, Option<veille_model::DocId>)> =
        g.members.iter().map(|m| (m.kind, m.of)).collect();
    assert_eq!(kinds[0], (DupKind::First, None));
    assert!(
        kinds[1..].contains(&(DupKind::Exact, Some(s000))),
        "{kinds:?}"
    );
    assert!(
        g.members
            .iter()
            .any(|m| m.kind == DupKind::Near && m.score.is_some_and(|s| (0.5..1.0).contains(&s))),
        "{g:?}"
    );
}

/// Documents written without their duplicate records (a store from schema
/// v1, or a run killed between the two transactions) are caught up when
/// the indexes are built.
#[test]
fn documents_missing_their_records_are_caught_up() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let analyser = Engine::open(EngineConfig::new(tmp.path().join("scratch"))).expect("open");
    let docs: Vec<_> = seed_files()
        .iter()
        .map(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).expect("stem");
            let body = std::fs::read_to_string(p).expect("seed");
            let origin = Origin {
                path: p.display().to_string(),
                line: None,
            };
            analyser.analyse(RawDoc::new(stem, origin, Format::Text, body))
        })
        .collect();
    let db = tmp.path().join("db");
    Store::open(&db)
        .expect("store")
        .write_batch(&docs)
        .expect("write");

    let mut engine = Engine::open(EngineConfig::new(&db)).expect("open");
    let s001 = id_of(&engine, "001_");
    assert!(engine.reuse_sources(s001).expect("links").is_empty());
    assert!(engine.update().expect("update").contains(&"duplicates"));
    let links = engine.reuse_sources(s001).expect("links");
    assert_eq!(links.len(), 1, "{links:?}");
    assert!(links[0].sentences >= 6);
    assert_eq!(links[0].source, id_of(&engine, "000_"));
}

#[test]
fn a_deferred_ingest_is_caught_up_by_update_to_the_same_records() {
    let direct = tempfile::tempdir().expect("temp dir");
    let direct = ingest(direct.path(), &[seeds_dir()]);

    let tmp = tempfile::tempdir().expect("temp dir");
    let mut deferred = common::ingest_deferred(tmp.path());
    assert!(all_links(&deferred).is_empty(), "deferred: no links yet");
    assert!(deferred.update().expect("update").contains(&"duplicates"));

    let key = |e: &Engine| -> Vec<(String, String, u32, u32)> {
        let name = |id| e.store().get_doc(id).expect("doc").source_id;
        all_links(e)
            .into_iter()
            .map(|l| (name(l.doc), name(l.source), l.sentences, l.verbatim))
            .collect()
    };
    let links = key(&deferred);
    assert!(!links.is_empty());
    assert_eq!(links, key(&direct));
}

/// Reading again inputs the store holds builds no index: no stage is
/// loaded (`stage_timings` lists the loaded ones), and the records stay.
#[test]
fn re_ingesting_unchanged_inputs_loads_no_stage() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let engine = ingest(tmp.path(), &[seeds_dir()]);
    let links = all_links(&engine);
    drop(engine);
    let mut engine = Engine::open(EngineConfig::new(tmp.path())).expect("open");
    let again = engine.ingest(&[seeds_dir()], &NoProgress).expect("ingest");
    assert_eq!((again.added, again.unchanged), (0, 5));
    assert!(engine.stage_timings().is_empty(), "a stage was loaded");
    assert_eq!(all_links(&engine), links);
}

/// An ingest that adds nothing still catches up stages an earlier run left
/// behind (here `--defer`; a run killed between a batch and its stages is
/// the same state), so a re-run ends with the store a full run makes.
#[test]
fn an_unchanged_ingest_catches_up_stages_left_behind() {
    let direct = tempfile::tempdir().expect("temp dir");
    let links = all_links(&ingest(direct.path(), &[seeds_dir()])).len();
    let tmp = tempfile::tempdir().expect("temp dir");
    drop(common::ingest_deferred(tmp.path()));
    let mut engine = Engine::open(EngineConfig::new(tmp.path())).expect("open");
    assert!(all_links(&engine).is_empty());
    let again = engine.ingest(&[seeds_dir()], &NoProgress).expect("ingest");
    assert_eq!(again.added, 0);
    assert!(!engine.stage_timings().is_empty(), "stages left behind");
    assert_eq!(all_links(&engine).len(), links);
    assert!(links > 0);
}
