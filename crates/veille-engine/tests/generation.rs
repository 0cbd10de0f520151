//! The store generation (schema v9) through the engine: every ingest moves
//! it, whichever connection writes; reads leave it.

mod common;

use veille_engine::{Engine, EngineConfig, NoProgress, SearchFilter, SearchRequest};

fn generation(engine: &Engine) -> u64 {
    engine.store().generation().expect("generation reads")
}

#[test]
fn ingest_moves_the_generation_and_reads_do_not() {
    let tmp = tempfile::tempdir().unwrap();
    let fresh = Engine::open(EngineConfig::new(tmp.path())).unwrap();
    let g0 = generation(&fresh);
    drop(fresh);

    let engine = common::ingest(tmp.path());
    let g1 = generation(&engine);
    assert!(g1 > g0, "ingest with every stage: {g0} -> {g1}");

    // reads of every kind
    let stories = engine.stories().unwrap();
    assert!(!stories.is_empty());
    engine.story(stories[0].id).unwrap();
    engine
        .search(&SearchRequest {
            query: "Barda".into(),
            filter: SearchFilter {
                limit: 10,
                ..SearchFilter::default()
            },
        })
        .unwrap();
    engine.docs(&Default::default()).unwrap();
    assert_eq!(generation(&engine), g1, "a read moved the generation");

    // the same files again store no document but record the ingest run
    // (its batch, listed by the ingest history): that is a write too
    let mut engine = engine;
    engine.ingest(&[common::seeds_dir()], &NoProgress).unwrap();
    assert!(generation(&engine) > g1, "an ingest run is recorded");
}

#[test]
fn another_connection_s_ingest_is_seen() {
    let tmp = tempfile::tempdir().unwrap();
    let reader = Engine::open(EngineConfig::new(tmp.path())).unwrap();
    let g0 = generation(&reader);
    // a second engine on the same directory, as `veille ingest` in another
    // process would open it
    let writer = common::ingest_deferred(tmp.path());
    let g1 = generation(&reader);
    assert!(g1 > g0, "stored by another connection: {g0} -> {g1}");
    drop(writer);
    // the deferred stages run: their results move it too
    let mut updater = Engine::open(EngineConfig::new(tmp.path())).unwrap();
    updater.update().unwrap();
    assert!(generation(&reader) > g1, "update by another connection");
}
