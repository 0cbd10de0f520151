//! Story views on the seeds through the real ingest: the timeline, the
//! contradictions and the running tolls the report prints.

use veille_engine::views::{self, Scope, TimelineEntry};

mod common;
use common::ingest;

fn day(e: &TimelineEntry) -> Option<String> {
    e.date.as_ref().map(|d| d.value.to_string())
}

fn place(e: &TimelineEntry) -> Option<&str> {
    e.place.as_ref().map(|p| p.name.as_str())
}

#[test]
fn the_timeline_has_barda_on_the_28th_with_both_sides_and_gandja_before() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let engine = ingest(tmp.path());
    let t = views::timeline(engine.store(), &Scope::All).expect("timeline");
    let barda = t
        .iter()
        .position(|e| day(e).as_deref() == Some("2020-10-28") && place(e) == Some("Barda"))
        .unwrap_or_else(|| panic!("a Barda entry on 2020-10-28: {t:#?}"));
    let e = &t[barda];
    assert_eq!(e.event_type.as_deref(), Some("shelling"));
    // the 1990s war's 30,000 dead are history, not a toll of October 2020
    assert!(
        !t.iter()
            .flat_map(|e| &e.claims)
            .any(|c| c.kind == "killed" && c.min == 30_000),
        "a historical toll listed as a claim of the timeline"
    );
    let prosecutor = |kind: &str, min: u64| {
        e.claims.iter().any(|c| {
            c.kind == kind
                && c.min == min
                && c.claimant
                    .as_deref()
                    .is_some_and(|x| x.contains("Procureur"))
        })
    };
    assert!(prosecutor("killed", 21), "21 killed: {:#?}", e.claims);
    assert!(
        prosecutor("injured", 70),
        "at least 70 injured: {:#?}",
        e.claims
    );
    // the wire copy of seed 001 repeats the prosecutor's figure: counted once
    let c21 = e
        .claims
        .iter()
        .find(|c| {
            c.kind == "killed"
                && c.min == 21
                && c.claimant
                    .as_deref()
                    .is_some_and(|x| x.contains("Procureur"))
        })
        .expect("the figure");
    assert_eq!(c21.source.source_id, "000_b173b38ccefd84c3");
    assert!(c21
        .copies
        .iter()
        .any(|r| r.source_id == "001_770acdc0607464ea"));
    // Armenia's denial
    assert!(
        e.stances
            .iter()
            .any(|s| s.kind == "denial" && s.actor_party.as_deref() == Some("Armenia")),
        "{:#?}",
        e.stances
    );
    // the Gandja strike of 17 October comes earlier
    let gandja = t
        .iter()
        .position(|e| day(e).as_deref() == Some("2020-10-17") && place(e) == Some("Ganja"))
        .unwrap_or_else(|| panic!("a Gandja entry on 2020-10-17: {t:#?}"));
    assert!(gandja < barda);
    // Geneva talks
    assert!(
        t.iter()
            .any(|e| place(e) == Some("Geneva") && e.event_type.as_deref() == Some("negotiation")),
        "{t:#?}"
    );
    // every supporting sentence slices back to its document
    for e in &t {
        for s in &e.sentences {
            let doc = engine.doc(&s.source.source_id).expect("doc");
            let text = match s.source.sentence_idx {
                Some(_) => doc.text.as_str(),
                None => doc.title.as_deref().unwrap_or(""),
            };
            assert_eq!(s.source.span.get(text), Some(s.text.as_str()));
        }
    }
}

#[test]
fn contradictions_list_the_disagreeing_tolls() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let engine = ingest(tmp.path());
    let c = views::contradictions(engine.store(), &Scope::All).expect("contradictions");
    let pair = |x: &str, y: &str| {
        c.iter().any(|k| {
            k.kind == "figures"
                && ((k.a.says == x && k.b.says == y) || (k.a.says == y && k.b.says == x))
        })
    };
    assert!(pair("90", "~100"), "90 vs ~100 civilians: {c:#?}");
    assert!(
        pair("~1120", "~200–999"),
        "plusieurs centaines vs ~1,120: {c:#?}"
    );
    assert!(
        pair("~5000", "~200–999"),
        "plusieurs centaines vs ~5,000: {c:#?}"
    );
    assert!(pair("~1120", "~5000"), "~1,120 vs ~5,000: {c:#?}");
    assert!(c.iter().any(|k| k.kind == "accusation_denied"));
}

#[test]
fn tolls_are_series_per_claimant_and_summaries_cite_their_sources() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let engine = ingest(tmp.path());
    let s = views::toll_series(engine.store(), &Scope::All).expect("series");
    let az = s
        .iter()
        .find(|s| s.claimant == "Azerbaijan" && s.kind == "killed")
        .unwrap_or_else(|| panic!("Azerbaijan's toll: {s:#?}"));
    assert_eq!(az.points[0].min, 90);
    // a scope is a country code in the JSON, its name for a reader
    let scoped = s
        .iter()
        .find(|s| s.scope.as_deref() == Some("AZ"))
        .unwrap_or_else(|| panic!("a toll counted in Azerbaijan: {s:#?}"));
    assert_eq!(scoped.scope_name.as_deref(), Some("Azerbaijan"));
    assert!(
        scoped.what().ends_with(" in Azerbaijan"),
        "{}",
        scoped.what()
    );
    let story = engine.store().stories().expect("stories")[0].id;
    let sum = views::summary(engine.store(), views::Target::Story(story), 4).expect("summary");
    assert!(!sum.is_empty() && sum.len() <= 4);
    for w in sum.windows(2) {
        assert!(w[0].date.is_none() || w[1].date.is_none() || w[0].date <= w[1].date);
    }
    for x in &sum {
        let doc = engine.doc(&x.source_id).expect("doc");
        assert_eq!(x.span.get(&doc.text), Some(x.text.as_str()));
    }
    assert!(views::timeline(engine.store(), &Scope::Story(9999)).is_err());
}
