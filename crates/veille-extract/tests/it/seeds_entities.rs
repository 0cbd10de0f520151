//! Entities of the five seed dispatches: the transliteration variants of
//! one person or place share a key, and every place is geocoded to the
//! country it is in.

use crate::seeds_claims::sentences;
use std::collections::BTreeSet;
use std::path::PathBuf;
use veille_extract::entities::{translit_key, EntityKind, EntityTagger, Mention, Precision, Via};

fn seeds() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/seeds")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// (surface, mention) of every seed.
fn mentions() -> Vec<(String, Mention)> {
    let tagger = EntityTagger::new();
    let mut out = Vec::new();
    for text in seeds() {
        for m in tagger.tag(&text, &sentences(&text), "fr") {
            out.push((text[m.span.range()].to_string(), m));
        }
    }
    out
}

fn key_of(all: &[(String, Mention)], surface: &str, kind: EntityKind) -> String {
    all.iter()
        .find(|(s, m)| s == surface && m.kind == kind)
        .map(|(_, m)| m.key.clone())
        .unwrap_or_else(|| panic!("no {kind:?} mention {surface:?}"))
}

#[test]
fn seed_aliases_are_grouped() {
    let all = mentions();
    let person = |s: &str| key_of(&all, s, EntityKind::Person);
    let place = |s: &str| key_of(&all, s, EntityKind::Place);
    assert_eq!(person("Ceyhun Bayramov"), person("Djeyhoun Baïramov"));
    assert_eq!(person("Pachinian"), person("Nikol Pachinian"));
    assert_eq!(person("Aliev"), person("Ilham Aliev"));
    assert_eq!(
        person("Ilham Aliev"),
        format!("per:{}", translit_key("Ilham Aliyev"))
    );
    assert_eq!(person("Poutine"), person("Vladimir Poutine"));
    assert_eq!(place("Choucha"), place("Chucha"));
    assert_eq!(place("Choucha"), "geo:147105"); // Shusha
    assert_eq!(place("Goubadly"), "geo:147305"); // Qubadlı
                                                 // capitals for their governments, demonyms for their countries
    assert_eq!(place("Bakou"), place("Azerbaïdjan"));
    assert_eq!(place("azerbaïdjanaise"), "country:AZ");
    assert_eq!(place("arméniens"), place("Arménie"));
    // one region under its three French names
    assert_eq!(place("Nagorny Karabakh"), place("Haut-Karabakh"));
    assert_eq!(place("Karabakh"), place("Haut-Karabakh"));
}

/// Every place of the seeds with coordinates, and the country it is in
/// (written by hand from the dispatches).
const SEED_PLACES: &[(&str, &str)] = &[
    ("Barda", "AZ"),
    ("Choucha", "AZ"),
    ("Chucha", "AZ"),
    ("Goubadly", "AZ"),
    ("Martouni", "AZ"),
    ("Stepanakert", "AZ"),
    ("Gandja", "AZ"),
    ("Yevlakh", "AZ"),
    ("Bakou", "AZ"),
    ("Erevan", "AM"),
    ("Moscou", "RU"),
    ("Genève", "CH"),
    ("Washington", "US"),
    ("Paris", "FR"),
    ("Ankara", "TR"),
    // the region, by its French names (GeoNames puts it in Azerbaijan)
    ("Nagorny Karabakh", "AZ"),
    ("Haut-Karabakh", "AZ"),
    ("Karabakh", "AZ"),
];

#[test]
fn every_seed_place_is_geocoded_in_its_country() {
    let all = mentions();
    let mut seen = BTreeSet::new();
    for (surface, m) in &all {
        let Some(place) = &m.place else { continue };
        if m.via != Via::Name && m.via != Via::Metonym {
            continue;
        }
        if place.precision == Precision::Country {
            continue;
        }
        let want = SEED_PLACES
            .iter()
            .find(|(s, _)| s == surface)
            .unwrap_or_else(|| panic!("unexpected place {surface:?} → {place:?}"));
        assert_eq!(place.country, want.1, "{surface}");
        seen.insert(surface.as_str());
    }
    let missing: Vec<&str> = SEED_PLACES
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| !seen.contains(s))
        .collect();
    assert!(missing.is_empty(), "not geocoded: {missing:?}");
}
