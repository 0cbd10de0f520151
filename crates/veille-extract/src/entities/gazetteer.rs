//! The gazetteer: GeoNames places of 1,000 inhabitants or more, countries
//! with their French and English names, capitals and demonyms, compiled into
//! the binary from `data/gazetteer.tsv.gz` (rebuilt by
//! `scripts/build-gazetteer.py`; GeoNames, CC BY 4.0 — see NOTICE).
//!
//! Names are looked up by their folded words joined by one space (the same
//! tokenizer as the text, so `Saint-Étienne` is `saint etienne`), in a
//! sorted table of 64-bit hashes: 147,293 places and 252 countries make
//! about 1.4 million names, 17 MB of table, decompressed and indexed in
//! about 0.4 s on first use. A lookup hashes the key once (xxh3) and reads
//! one slot of a bucket table (the hash's top bits → its first row), so it
//! touches two cache lines instead of a binary search's twenty: the rules
//! look up every capitalised word and chunk.

use super::fasthash::{hash_str as hash, IdMap};
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

const DATA: &[u8] = include_bytes!("../../data/gazetteer.tsv.gz");

/// A populated place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoPlace {
    pub geonameid: u32,
    pub name: String,
    pub lat: f32,
    pub lon: f32,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub population: u32,
    pub admin1: String,
}

/// A country of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoCountry {
    pub iso: String,
    pub geonameid: u32,
    /// The English short name (`Armenia`).
    pub name: String,
    /// The French short name when ISO 3166 has one (`Arménie`).
    pub name_fr: Option<String>,
    /// The index of its capital in [`Gazetteer::places`].
    pub capital: Option<u32>,
    pub population: u64,
}

/// A first-level administrative region (GeoNames ADM1: "Lorraine",
/// "Bavaria"), located at the mean of its cities' coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoRegion {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub lat: f32,
    pub lon: f32,
    /// How many places of 1,000 inhabitants or more it has.
    pub cities: u32,
}

/// What a folded name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRef {
    Place(u32),
    Country(u32),
    /// A demonym or nationality adjective of a country (`arménienne`).
    Demonym(u32),
    /// A region, by its index in [`Gazetteer::regions`].
    Region(u32),
}

/// The loaded gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    pub places: Vec<GeoPlace>,
    pub countries: Vec<GeoCountry>,
    pub regions: Vec<GeoRegion>,
    by_iso: HashMap<String, u32>,
    /// Hash of a folded one-word demonym → country: looked up for every
    /// word, so a hash map rather than the sorted name table.
    demonyms: IdMap<u32>,
    /// (hash of folded name, reference), sorted by hash.
    names: Vec<(u64, NameRef)>,
    names_index: Buckets,
    /// (hash of the transliteration key, place), sorted, for places of
    /// 5,000 inhabitants or more: `Goubadly` finds `Qubadlı`.
    sounds: Vec<(u64, u32)>,
    sounds_index: Buckets,
    /// The most words a name has.
    max_words: usize,
}

/// Places at least this large are also found by transliteration key.
const SOUND_MIN_POPULATION: u32 = 5_000;

/// The key of a name: its folded words joined by one space.
pub fn name_key(name: &str) -> String {
    veille_text::folded_words(name).join(" ")
}

/// [`name_key`] of folded words already joined by one space: the words
/// themselves when they are plain ASCII letters and digits (tokenising and
/// folding them again changes nothing), else computed.
pub(crate) fn name_key_of_folded(joined: &str) -> std::borrow::Cow<'_, str> {
    let plain = !joined.is_empty()
        && !joined.starts_with(' ')
        && !joined.ends_with(' ')
        && !joined.contains("  ")
        && joined
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ');
    if plain {
        std::borrow::Cow::Borrowed(joined)
    } else {
        std::borrow::Cow::Owned(name_key(joined))
    }
}

/// The first row of each hash prefix in a table sorted by hash: row
/// `starts[h >> shift]` is the first whose hash has `h`'s top bits.
#[derive(Debug, Default)]
struct Buckets {
    starts: Vec<u32>,
    shift: u32,
}

impl Buckets {
    /// The index of `hashes` (sorted), with about one row per bucket.
    fn build(hashes: impl ExactSizeIterator<Item = u64>) -> Buckets {
        let n = hashes.len();
        let bits = (usize::BITS - n.leading_zeros()).clamp(4, 24);
        let shift = 64 - bits;
        let mut starts = vec![0u32; (1 << bits) + 1];
        for (row, h) in hashes.enumerate() {
            // every bucket after this row's counts it as before it
            starts[(h >> shift) as usize + 1] = row as u32 + 1;
        }
        for b in 1..starts.len() {
            starts[b] = starts[b].max(starts[b - 1]);
        }
        Buckets { starts, shift }
    }

    /// The rows of `table` (sorted by hash) whose hash is `h`.
    fn rows<T>(&self, table: &[(u64, T)], h: u64) -> std::ops::Range<usize> {
        let b = (h >> self.shift) as usize;
        let (lo, hi) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        let bucket = &table[lo..hi];
        let start = lo + bucket.partition_point(|(x, _)| *x < h);
        let end = lo + bucket.partition_point(|(x, _)| *x <= h);
        start..end
    }
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, loaded on first use.
    pub fn global() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut text = String::new();
            libflate::gzip::Decoder::new(DATA)
                .and_then(|mut d| d.read_to_string(&mut text))
                .expect("the gazetteer compiled into the binary is valid gzip UTF-8");
            Gazetteer::parse(&text)
        })
    }

    /// Parses the TSV form (see `scripts/build-gazetteer.py`); malformed
    /// lines are skipped.
    pub fn parse(text: &str) -> Gazetteer {
        let mut g = Gazetteer {
            places: Vec::new(),
            countries: Vec::new(),
            regions: Vec::new(),
            by_iso: HashMap::new(),
            demonyms: IdMap::default(),
            names: Vec::new(),
            names_index: Buckets::default(),
            sounds: Vec::new(),
            sounds_index: Buckets::default(),
            max_words: 1,
        };
        let mut capital_ids: Vec<(u32, u32)> = Vec::new();
        let mut place_by_id: HashMap<u32, u32> = HashMap::new();
        let mut pending_demonyms: Vec<(String, String)> = Vec::new();
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            match f.first().copied() {
                Some("C") if f.len() >= 8 => {
                    let idx = g.countries.len() as u32;
                    g.countries.push(GeoCountry {
                        iso: f[1].to_string(),
                        geonameid: f[2].parse().unwrap_or(0),
                        name: f[3].to_string(),
                        name_fr: (!f[4].is_empty()).then(|| f[4].to_string()),
                        capital: None,
                        population: f[6].parse().unwrap_or(0),
                    });
                    g.by_iso.insert(f[1].to_string(), idx);
                    if let Ok(cap) = f[5].parse::<u32>() {
                        capital_ids.push((idx, cap));
                    }
                    let names = f[7].split('|').filter(|n| !n.is_empty());
                    for n in std::iter::once(f[3])
                        .chain(std::iter::once(f[4]))
                        .chain(names)
                    {
                        g.add_name(n, NameRef::Country(idx));
                    }
                }
                Some("P") if f.len() >= 9 => {
                    let (Ok(id), Ok(lat), Ok(lon)) = (
                        f[1].parse::<u32>(),
                        f[3].parse::<f32>(),
                        f[4].parse::<f32>(),
                    ) else {
                        continue;
                    };
                    let idx = g.places.len() as u32;
                    g.places.push(GeoPlace {
                        geonameid: id,
                        name: f[2].to_string(),
                        lat,
                        lon,
                        country: f[5].to_string(),
                        population: f[6].parse().unwrap_or(0),
                        admin1: f[7].to_string(),
                    });
                    place_by_id.insert(id, idx);
                    let big = g.places[idx as usize].population >= SOUND_MIN_POPULATION;
                    for n in std::iter::once(f[2]).chain(f[8].split('|').filter(|n| !n.is_empty()))
                    {
                        g.add_name(n, NameRef::Place(idx));
                        if big {
                            g.sounds.push((hash(&super::translit_key(n)), idx));
                        }
                    }
                }
                Some("R") if f.len() >= 6 => {
                    let (Ok(lat), Ok(lon)) = (f[3].parse::<f32>(), f[4].parse::<f32>()) else {
                        continue;
                    };
                    let idx = g.regions.len() as u32;
                    g.regions.push(GeoRegion {
                        name: f[2].to_string(),
                        country: f[1].to_string(),
                        lat,
                        lon,
                        cities: f[5].parse().unwrap_or(0),
                    });
                    g.add_name(f[2], NameRef::Region(idx));
                    // the press names of a region (`Haut-Karabakh`, `Crimée`)
                    for n in f.get(6).into_iter().flat_map(|n| n.split('|')) {
                        if !n.is_empty() {
                            g.add_name(n, NameRef::Region(idx));
                        }
                    }
                }
                Some("D") if f.len() >= 4 => {
                    for form in f[3].split('|').filter(|n| !n.is_empty()) {
                        pending_demonyms.push((f[1].to_string(), form.to_string()));
                    }
                }
                _ => {}
            }
        }
        for (country, id) in capital_ids {
            g.countries[country as usize].capital = place_by_id.get(&id).copied();
        }
        for (iso, form) in pending_demonyms {
            if let Some(&c) = g.by_iso.get(&iso) {
                g.add_name(&form, NameRef::Demonym(c));
                let key = name_key(&form);
                if !key.contains(' ') {
                    g.demonyms.insert(hash(&key), c);
                }
            }
        }
        g.names.sort_unstable_by_key(|(h, r)| (*h, order(r)));
        g.names.dedup();
        g.sounds.sort_unstable();
        g.sounds.dedup();
        g.names_index = Buckets::build(g.names.iter().map(|(h, _)| *h));
        g.sounds_index = Buckets::build(g.sounds.iter().map(|(h, _)| *h));
        g
    }

    fn add_name(&mut self, name: &str, r: NameRef) {
        let key = name_key(name);
        if key.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        self.names.push((hash(&key), r));
    }

    /// The most words a gazetteer name has.
    pub fn max_words(&self) -> usize {
        self.max_words.min(6)
    }

    /// Everything a name key (see [`name_key`]) can refer to: countries
    /// first, then demonyms, then places.
    pub fn lookup(&self, key: &str) -> &[(u64, NameRef)] {
        &self.names[self.names_index.rows(&self.names, hash(key))]
    }

    /// Places of 5,000 inhabitants or more whose name has this
    /// transliteration key (see [`super::translit_key`]).
    pub fn places_sounding(&self, translit_key: &str) -> Vec<u32> {
        self.sounds[self.sounds_index.rows(&self.sounds, hash(translit_key))]
            .iter()
            .map(|(_, p)| *p)
            .collect()
    }

    /// The country of a one-word demonym, by its folded form.
    pub fn demonym(&self, folded: &str) -> Option<u32> {
        self.demonyms.get(&hash(folded)).copied()
    }

    pub fn country(&self, idx: u32) -> &GeoCountry {
        &self.countries[idx as usize]
    }

    pub fn place(&self, idx: u32) -> &GeoPlace {
        &self.places[idx as usize]
    }

    pub fn region(&self, idx: u32) -> &GeoRegion {
        &self.regions[idx as usize]
    }

    /// The country with an ISO code.
    pub fn country_by_iso(&self, iso: &str) -> Option<u32> {
        self.by_iso.get(iso).copied()
    }

    /// The country whose capital is this place.
    pub fn capital_of(&self, place: u32) -> Option<u32> {
        let p = self.place(place);
        let c = self.country_by_iso(&p.country)?;
        (self.country(c).capital == Some(place)).then_some(c)
    }
}

fn order(r: &NameRef) -> (u8, u32) {
    match *r {
        NameRef::Country(i) => (0, i),
        NameRef::Demonym(i) => (1, i),
        NameRef::Place(i) => (2, i),
        NameRef::Region(i) => (3, i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(g: &Gazetteer, name: &str) -> Vec<(String, String)> {
        g.lookup(&name_key(name))
            .iter()
            .filter_map(|(_, r)| match r {
                NameRef::Place(i) => Some((g.place(*i).name.clone(), g.place(*i).country.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_compiled_gazetteer_knows_the_alternate_names() {
        let g = Gazetteer::global();
        assert!(g.places.len() > 100_000);
        assert!(places(g, "Choucha").contains(&("Shusha".into(), "AZ".into())));
        assert!(places(g, "Bakou").contains(&("Baku".into(), "AZ".into())));
        assert!(places(g, "Erevan").contains(&("Yerevan".into(), "AM".into())));
        assert!(places(g, "Stepanakert").contains(&("Khankendi".into(), "AZ".into())));
        let qubadli: Vec<&str> = g
            .places_sounding(&crate::entities::translit_key("Goubadly"))
            .into_iter()
            .map(|p| g.place(p).name.as_str())
            .collect();
        assert!(qubadli.contains(&"Qubadlı"), "{qubadli:?}");
        let barda = places(g, "Barda");
        assert!(barda.contains(&("Barda".into(), "AZ".into())));
        assert!(barda.contains(&("Barda".into(), "RU".into())));
    }

    #[test]
    fn big_cities_keep_their_french_names() {
        // beyond a dozen shorter spellings (scripts/build-gazetteer.py,
        // --max-names-big): Bruxelles was Brussels' 23rd
        let g = Gazetteer::global();
        for (fr, name, iso) in [
            ("Bruxelles", "Brussels", "BE"),
            ("Londres", "London", "GB"),
            ("Varsovie", "Warsaw", "PL"),
            ("La Havane", "Havana", "CU"),
            ("Copenhague", "Copenhagen", "DK"),
            ("Le Caire", "Cairo", "EG"),
        ] {
            assert!(
                places(g, fr).contains(&(name.into(), iso.into())),
                "{fr}: {:?}",
                places(g, fr)
            );
        }
    }

    #[test]
    fn countries_have_french_names_capitals_and_demonyms() {
        let g = Gazetteer::global();
        let am = g.country_by_iso("AM").unwrap();
        assert_eq!(g.country(am).name_fr.as_deref(), Some("Arménie"));
        let cap = g.country(am).capital.unwrap();
        assert_eq!(g.place(cap).name, "Yerevan");
        assert_eq!(g.capital_of(cap), Some(am));
        for (name, r) in [
            ("Arménie", NameRef::Country(am)),
            ("arméniennes", NameRef::Demonym(am)),
            ("Armenian", NameRef::Demonym(am)),
        ] {
            assert!(
                g.lookup(&name_key(name)).iter().any(|(_, x)| *x == r),
                "{name}"
            );
        }
        let us = g.country_by_iso("US").unwrap();
        assert!(g
            .lookup(&name_key("Etats-Unis"))
            .iter()
            .any(|(_, x)| *x == NameRef::Country(us)));
    }

    proptest::proptest! {
        #[test]
        fn name_key_of_folded_is_name_key(words in proptest::collection::vec("[a-z0-9éèï'’ -]{1,8}", 1..4)) {
            let joined = words.iter().map(|w| veille_text::fold(w)).collect::<Vec<_>>().join(" ");
            let (fast, slow) = (name_key_of_folded(&joined).into_owned(), name_key(&joined));
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn regions_have_a_point_in_their_country() {
        let g = Gazetteer::global();
        let lorraine: Vec<&GeoRegion> = g
            .lookup(&name_key("Lorraine"))
            .iter()
            .filter_map(|(_, r)| match r {
                NameRef::Region(i) => Some(g.region(*i)),
                _ => None,
            })
            .collect();
        assert_eq!(lorraine.len(), 1, "{lorraine:?}");
        let r = lorraine[0];
        assert_eq!(r.country, "FR");
        // Metz and Nancy lie at 49.1 N 6.2 E and 48.7 N 6.2 E
        assert!(
            (48.0..50.0).contains(&r.lat) && (5.0..7.5).contains(&r.lon),
            "{r:?}"
        );
        assert!(g.regions.len() > 3000);
    }

    #[test]
    fn regions_of_conflict_answer_to_their_press_names() {
        let g = Gazetteer::global();
        let region = |name: &str| -> Vec<(String, String)> {
            g.lookup(&name_key(name))
                .iter()
                .filter_map(|(_, r)| match r {
                    NameRef::Region(i) => {
                        Some((g.region(*i).name.clone(), g.region(*i).country.clone()))
                    }
                    _ => None,
                })
                .collect()
        };
        let karabakh = vec![("Nagorno-Karabakh".to_string(), "AZ".to_string())];
        for name in ["Haut-Karabakh", "Nagorny Karabakh", "Karabakh"] {
            assert_eq!(region(name), karabakh, "{name}");
        }
        assert_eq!(region("Crimée"), vec![("Crimea".into(), "UA".into())]);
        assert_eq!(region("Darfour"), vec![("Darfur".into(), "SD".into())]);
        // a region with press names in a line of the file
        let g = Gazetteer::parse("R\tAZ\tNagorno-Karabakh\t39.8\t46.9\t3\tHaut-Karabakh|Artsakh\n");
        assert_eq!(g.regions.len(), 1);
        assert_eq!(g.lookup(&name_key("Artsakh")).len(), 1);
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let g = Gazetteer::parse(
            "P\tx\tBad\nP\t1\tGood\t1.0\t2.0\tFR\t10\t11\tBon\nC\nD\tZZ\tfr\tzz\nR\tFR\tNord\tx\t1\t2\nR\tFR\tSud\t1\t2\n",
        );
        assert_eq!(g.places.len(), 1);
        assert_eq!(places(&g, "Bon"), vec![("Good".into(), "FR".into())]);
        assert!(g.regions.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in "[CPD\\t|a-z0-9.\\n-]{0,200}") {
            let _ = Gazetteer::parse(&s);
        }
    }
}
