//! Named entities by rules and a gazetteer, French and English: persons,
//! organisations and places, with the role words around persons, the
//! country behind demonyms and capitals used for their government, and a
//! grouping key per entity that survives transliteration.
//!
//! ```
//! use veille_extract::entities::{EntityKind, EntityTagger, Via};
//! use veille_model::Span;
//!
//! let text = "Le président azerbaïdjanais Ilham Aliev a visité Barda. Bakou accuse Erevan. M. Aliyev a parlé.";
//! let (_, sentences) = veille_text::SentenceSplitter::for_lang("fr").split(text);
//! let sentences: Vec<Span> = sentences.iter().map(|s| s.span).collect();
//! let found = EntityTagger::new().tag(text, &sentences, "fr");
//! let aliev: Vec<_> = found.iter().filter(|m| m.kind == EntityKind::Person).collect();
//! assert_eq!(aliev[0].canonical, "Ilham Aliev");
//! assert_eq!(aliev[1].key, aliev[0].key); // "M. Aliyev" is the same man
//! assert_eq!(aliev[0].role.map(|r| &text[r.range()]), Some("président azerbaïdjanais"));
//! let barda = found.iter().find(|m| &text[m.span.range()] == "Barda").unwrap();
//! assert_eq!(barda.place.as_ref().unwrap().country, "AZ");
//! let baku = found.iter().find(|m| &text[m.span.range()] == "Bakou").unwrap();
//! assert_eq!((baku.via, baku.key.as_str()), (Via::Metonym, "country:AZ"));
//! ```
//!
//! How it works: each sentence is cut into capitalised runs (with name
//! particles, `M.`-style titles and role words inside them); a run is an
//! organisation by its head or tail word (`ministère`, `Conseil`, `Party`)
//! or as an acronym, a country or a gazetteer place by its folded name, a
//! person by a title or role around it or by having two or more words, a
//! place without coordinates after a locative preposition. The document
//! pass then links short forms to the full names of the same document
//! (`M. Pachinian` → `Nikol Pachinian`, by [`translit_key`] of the last
//! name), picks among same-named places by the countries the document
//! names (Barda in Azerbaijan, not in Russia), and reads a capital that is
//! the subject of a verb as its country's government.
//!
//! Measured: see `reports/entities.md` (`cargo xtask eval entities`).

mod fasthash;
mod gazetteer;
mod learned;
mod lexicon;
mod rules;
mod translit;

#[cfg(test)]
mod tests;

pub use gazetteer::{name_key, Gazetteer, GeoCountry, GeoPlace, GeoRegion, NameRef};
pub use learned::{ModelError, NerModel, NerTrainer, WordContext};
pub use translit::translit_key;

use rules::{Candidate, Found, SentenceRules};
use serde::Serialize;
use std::collections::HashMap;
use veille_model::Span;

/// The kind of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
        }
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        match s {
            "person" => Some(EntityKind::Person),
            "organisation" => Some(EntityKind::Organisation),
            "place" => Some(EntityKind::Place),
            _ => None,
        }
    }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// By its name ("Ilham Aliev", "Barda").
    Name,
    /// By a nationality adjective or demonym ("arménien", "Azerbaijanis").
    Demonym,
    /// By its capital, for its government ("Bakou a refusé").
    Metonym,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Name => "name",
            Via::Demonym => "demonym",
            Via::Metonym => "metonym",
        }
    }
}

/// How precisely a place is located.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Country,
    /// A first-level administrative region, at the mean of its cities.
    Region,
    City,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Country => "country",
            Precision::Region => "region",
            Precision::City => "city",
        }
    }
}

/// Where a place mention is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    /// The GeoNames id of the place or country; 0 for a region (the
    /// gazetteer's regions carry none).
    pub geonameid: u32,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub lat: f32,
    pub lon: f32,
    pub precision: Precision,
}

/// A mention of an entity in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// The name (or demonym) itself, in the text given.
    pub span: Span,
    /// The whole mention as tagged: the name with its courtesy title and,
    /// from the learned tagger, the role words it took in (HIPE-2020's
    /// extent: "M. Ilg", "le conseiller fédéral Motta").
    pub extent: Span,
    /// The index of its sentence among those given.
    pub sentence: usize,
    pub kind: EntityKind,
    pub via: Via,
    /// The entity's grouping key: `country:AM`, `geo:616052` (GeoNames id),
    /// `per:`/`org:`/`loc:` and the [`translit_key`] of the name.
    pub key: String,
    /// The entity's name for display: a person's fullest name in the
    /// document, the gazetteer's name of a place or country.
    pub canonical: String,
    /// A courtesy title before a person's name (`M.`, `Mme`).
    pub title: Option<Span>,
    /// Role words about a person ("président azerbaïdjanais").
    pub role: Option<Span>,
    /// The country of a place, or of a person's role ("ministre arménien").
    pub country: Option<String>,
    pub place: Option<Location>,
}

/// Finds entity mentions in documents. Cheap to build: the gazetteer and
/// the learned model are loaded once per process, on first use.
///
/// By default the learned tagger ([`NerModel::builtin`]) decides the
/// mentions' extents and kinds, with the rules' findings among its
/// features; [`EntityTagger::rules_only`] runs the rules alone.
#[derive(Debug, Clone, Copy)]
pub struct EntityTagger {
    gaz: &'static Gazetteer,
    model: Option<&'static NerModel>,
}

impl Default for EntityTagger {
    fn default() -> Self {
        EntityTagger::new()
    }
}

impl EntityTagger {
    /// Rules, gazetteer and the built-in learned model (when it has weights).
    pub fn new() -> EntityTagger {
        let model = NerModel::builtin();
        EntityTagger {
            gaz: Gazetteer::global(),
            model: (!model.is_empty()).then_some(model),
        }
    }

    /// Rules and gazetteer only.
    pub fn rules_only() -> EntityTagger {
        EntityTagger {
            gaz: Gazetteer::global(),
            model: None,
        }
    }

    /// Rules, gazetteer and this learned model.
    pub fn with_model(model: &'static NerModel) -> EntityTagger {
        EntityTagger {
            gaz: Gazetteer::global(),
            model: Some(model),
        }
    }

    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gaz
    }

    /// Whether a learned model takes part.
    pub fn is_learned(&self) -> bool {
        self.model.is_some()
    }

    /// The rule candidates of each valid sentence, with its words.
    fn sentence_rules<'t>(
        &self,
        text: &'t str,
        sentences: &[Span],
        lang: &'t str,
    ) -> Vec<(usize, Vec<rules::Tok>, Vec<Candidate>)> {
        let mut out = Vec::with_capacity(sentences.len());
        for (i, s) in sentences.iter().enumerate() {
            if s.end as usize > text.len() || s.start > s.end || s.get(text).is_none() {
                continue;
            }
            let toks = rules::words(self.gaz, text, *s);
            let candidates = SentenceRules {
                gaz: self.gaz,
                text,
                lang,
                toks: &toks,
                sentence: i,
            }
            .run();
            out.push((i, toks, candidates));
        }
        out
    }

    /// Calls `f` with the learned tagger's view of each sentence (for training).
    pub(crate) fn with_views(
        &self,
        text: &str,
        sentences: &[Span],
        lang: &str,
        context: Option<&WordContext>,
        mut f: impl FnMut(&learned::SentenceView<'_>),
    ) {
        let per = self.sentence_rules(text, sentences, lang);
        let (toks, cands): (Vec<_>, Vec<_>) = per.into_iter().map(|(_, t, c)| (t, c)).unzip();
        let persons = learned::person_words(&toks, &cands);
        let lower = learned::lowercase_words(&toks);
        for (t, c) in toks.iter().zip(&cands) {
            f(&learned::SentenceView::new(
                self.gaz, text, t, c, &persons, &lower, context,
            ));
        }
    }

    /// The mentions of a document, in text order, given its sentence spans
    /// and language code (`fr`, `en`; others use both languages' rules).
    pub fn tag(&self, text: &str, sentences: &[Span], lang: &str) -> Vec<Mention> {
        self.tag_with_context(text, sentences, lang, None)
    }

    /// [`EntityTagger::tag`] with context ids for the words of `text`, for
    /// a model trained with them ([`NerTrainer::add_document_with_context`]).
    pub fn tag_with_context(
        &self,
        text: &str,
        sentences: &[Span],
        lang: &str,
        context: Option<&WordContext>,
    ) -> Vec<Mention> {
        let per = self.sentence_rules(text, sentences, lang);
        let Some(model) = self.model else {
            let candidates = per.into_iter().flat_map(|(_, _, c)| c).collect();
            return resolve(self.gaz, text, candidates);
        };
        let (mut index, mut toks, mut cands) = (Vec::new(), Vec::new(), Vec::new());
        for (i, t, c) in per {
            index.push(i);
            toks.push(t);
            cands.push(c);
        }
        let persons = learned::person_words(&toks, &cands);
        let lower = learned::lowercase_words(&toks);
        let mut candidates = Vec::new();
        for ((i, t), c) in index.iter().zip(&toks).zip(cands) {
            let view = learned::SentenceView::new(self.gaz, text, t, &c, &persons, &lower, context);
            let spans = model.tag(&view);
            let rules = SentenceRules {
                gaz: self.gaz,
                text,
                lang,
                toks: t,
                sentence: *i,
            };
            candidates.extend(learned::merge(&rules, c, &spans));
        }
        learned::one_sense(text, &mut candidates);
        resolve(self.gaz, text, candidates)
    }
}

/// The document pass: short forms, place choice, metonyms, keys.
fn resolve(gaz: &Gazetteer, text: &str, candidates: Vec<Candidate>) -> Vec<Mention> {
    // Countries the document names, by weight.
    let mut countries: HashMap<u32, f32> = HashMap::new();
    for c in &candidates {
        match &c.found {
            Found::Country(i) | Found::Demonym(i) => *countries.entry(*i).or_default() += 1.0,
            Found::Place(p) if p.len() == 1 => {
                if let Some(i) = gaz.country_by_iso(&gaz.place(p[0]).country) {
                    *countries.entry(i).or_default() += 0.5;
                }
            }
            _ => {}
        }
        if let Some(i) = c.role_country {
            *countries.entry(i).or_default() += 1.0;
        }
    }
    let top = countries.values().copied().fold(0.0f32, f32::max).max(1.0);

    // Each candidate's transliteration key, computed once.
    let tkeys: Vec<String> = candidates
        .iter()
        .map(|c| translit_key(&text[c.span.range()]))
        .collect();

    // A name the document uses as a place is not a person elsewhere in it
    // ("au Nagorny Karabakh" … "de Nagorny Karabakh").
    let place_names: std::collections::HashSet<&str> = candidates
        .iter()
        .zip(&tkeys)
        .filter(|(c, _)| matches!(c.found, Found::UnknownPlace | Found::Place(_)))
        .map(|(_, k)| k.as_str())
        .collect();
    let mut candidates = candidates;
    for (c, k) in candidates.iter_mut().zip(&tkeys) {
        if c.found == Found::Person && c.title.is_none() && c.role.is_none() && !c.confident {
            let k = k.as_str();
            let last = k.rsplit(' ').next().unwrap_or("");
            // a name of two words or more that the gazetteer holds as a
            // region (`située non loin de Nagorny Karabakh`)
            let region = || {
                c.words >= 2
                    && gaz
                        .lookup(&gazetteer::name_key(&text[c.span.range()]))
                        .iter()
                        .any(|(_, r)| matches!(r, gazetteer::NameRef::Region(_)))
            };
            if place_names.contains(k)
                || region()
                || (c.words == 1
                    && place_names
                        .iter()
                        .any(|p| p.ends_with(last) && p.len() > last.len()))
            {
                c.found = Found::UnknownPlace;
            }
        }
    }

    // Persons named in full: last-name key → (full key, canonical).
    let mut full: HashMap<String, (String, String)> = HashMap::new();
    let mut persons_single: HashMap<String, String> = HashMap::new();
    for (c, key) in candidates.iter().zip(&tkeys) {
        if c.found != Found::Person {
            continue;
        }
        let name = &text[c.span.range()];
        let key = key.clone();
        if c.words >= 2 {
            let last = key.rsplit(' ').next().unwrap_or(&key).to_string();
            let entry = full
                .entry(last)
                .or_insert_with(|| (key.clone(), name.to_string()));
            if name.len() > entry.1.len() {
                *entry = (key, name.to_string());
            }
        } else {
            persons_single
                .entry(key)
                .or_insert_with(|| name.to_string());
        }
    }

    let mut out = Vec::with_capacity(candidates.len());
    for (c, tkey) in candidates.into_iter().zip(tkeys.iter()) {
        let surface = &text[c.span.range()];
        let known_person =
            c.words == 1 && (full.contains_key(tkey) || persons_single.contains_key(tkey));
        let mut m = Mention {
            span: c.span,
            extent: c.extent,
            sentence: c.sentence,
            kind: EntityKind::Person,
            via: Via::Name,
            key: String::new(),
            canonical: surface.to_string(),
            title: c.title,
            role: c.role,
            country: c.role_country.map(|i| gaz.country(i).iso.clone()),
            place: None,
        };
        let found = match c.found {
            // A capitalised word is the person the document names in full.
            Found::Unknown | Found::Place(_) | Found::SoundsLike(_)
                if known_person && !c.after_locative && !c.confident =>
            {
                Found::Person
            }
            // A name that only sounds like a place is that place when the
            // document names its country ("Goubadly" in a dispatch about
            // Azerbaijan).
            Found::SoundsLike(places) => {
                let near: Vec<u32> = places
                    .into_iter()
                    .filter(|&p| {
                        gaz.country_by_iso(&gaz.place(p).country)
                            .is_some_and(|i| countries.contains_key(&i))
                    })
                    .collect();
                if near.is_empty() {
                    if !c.confident {
                        continue;
                    }
                    Found::UnknownPlace
                } else {
                    Found::Place(near)
                }
            }
            f => f,
        };
        match found {
            Found::Person => {
                if c.words == 1 {
                    if let Some((k, canonical)) = full.get(tkey) {
                        m.key = format!("per:{k}");
                        m.canonical = canonical.clone();
                    }
                } else if let Some((k, canonical)) = full.get(tkey.rsplit(' ').next().unwrap_or(""))
                {
                    // "Ilham Aliev" and "Ilham Aliyev" in one document
                    if k.split(' ').next() == tkey.split(' ').next() {
                        m.key = format!("per:{k}");
                        m.canonical = canonical.clone();
                    }
                }
                if m.key.is_empty() {
                    m.key = format!("per:{tkey}");
                }
            }
            Found::Organisation => {
                m.kind = EntityKind::Organisation;
                m.key = format!("org:{tkey}");
                m.country = None;
            }
            Found::Country(i) | Found::Demonym(i) => {
                let country = gaz.country(i);
                m.kind = EntityKind::Place;
                m.via = if matches!(found, Found::Demonym(_)) {
                    Via::Demonym
                } else {
                    Via::Name
                };
                m.key = format!("country:{}", country.iso);
                m.canonical = country
                    .name_fr
                    .clone()
                    .unwrap_or_else(|| country.name.clone());
                m.country = Some(country.iso.clone());
                m.title = None;
                m.role = None;
                m.place = country.capital.map(|cap| {
                    let p = gaz.place(cap);
                    Location {
                        geonameid: country.geonameid,
                        name: country.name.clone(),
                        country: country.iso.clone(),
                        lat: p.lat,
                        lon: p.lon,
                        precision: Precision::Country,
                    }
                });
            }
            Found::Place(places) => {
                let Some(best) = choose_place(gaz, &places, &countries, top) else {
                    continue;
                };
                let p = gaz.place(best);
                let in_doc = gaz
                    .country_by_iso(&p.country)
                    .is_some_and(|i| countries.contains_key(&i));

                // A lone capitalised word that is some hamlet's name is
                // weak evidence: keep it when the context says place.
                let min_pop = if c.initial { 100_000 } else { 15_000 };
                if c.words == 1
                    && !c.after_locative
                    && !in_doc
                    && p.population < min_pop
                    && !c.confident
                {
                    continue;
                }
                // "en Lorraine" in a dispatch about France: the region, not
                // the Quebec town (whose own name gave Canada its weight)
                let city_weight = country_weight(gaz, &p.country, &countries);
                if let Some((r, _)) =
                    region_named(gaz, surface, &countries).filter(|&(_, w)| w > city_weight)
                {
                    set_region(gaz, &mut m, r);
                    out.push(m);
                    continue;
                }
                m.kind = EntityKind::Place;
                m.title = None;
                m.role = None;
                m.country = Some(p.country.clone());
                m.place = Some(Location {
                    geonameid: p.geonameid,
                    name: p.name.clone(),
                    country: p.country.clone(),
                    lat: p.lat,
                    lon: p.lon,
                    precision: Precision::City,
                });
                match gaz.capital_of(best) {
                    Some(ci) if c.subject_like => {
                        let country = gaz.country(ci);
                        m.via = Via::Metonym;
                        m.key = format!("country:{}", country.iso);
                        m.canonical = country
                            .name_fr
                            .clone()
                            .unwrap_or_else(|| country.name.clone());
                    }
                    _ => {
                        m.key = format!("geo:{}", p.geonameid);
                        m.canonical = p.name.clone();
                    }
                }
            }
            // a region whose country the document names, or whose name has
            // several words ("Ile-de-France"): one word alone is too often
            // something else ("César", "Mon")
            Found::UnknownPlace => match region_named(gaz, surface, &countries) {
                Some((r, w)) if w > 0.0 || gaz.region(r).name.contains([' ', '-']) => {
                    set_region(gaz, &mut m, r)
                }
                _ => {
                    m.kind = EntityKind::Place;
                    m.key = format!("loc:{tkey}");
                    m.title = None;
                    m.role = None;
                    m.country = None;
                }
            },
            Found::Unknown | Found::SoundsLike(_) => continue,
        }
        out.push(m);
    }
    out
}

/// How much the document names a country (by its ISO code): 0 when not.
fn country_weight(gaz: &Gazetteer, iso: &str, countries: &HashMap<u32, f32>) -> f32 {
    gaz.country_by_iso(iso)
        .and_then(|c| countries.get(&c))
        .copied()
        .unwrap_or(0.0)
}

/// The region a name means, if the gazetteer has one by that name: the one
/// in the country the document names most, then the one with most places;
/// with that country's weight in the document (0 when not named).
fn region_named(
    gaz: &Gazetteer,
    surface: &str,
    countries: &HashMap<u32, f32>,
) -> Option<(u32, f32)> {
    gaz.lookup(&name_key(surface))
        .iter()
        .filter_map(|(_, r)| match r {
            NameRef::Region(i) => {
                Some((*i, country_weight(gaz, &gaz.region(*i).country, countries)))
            }
            _ => None,
        })
        .max_by(|&(a, wa), &(b, wb)| {
            wa.total_cmp(&wb)
                .then(gaz.region(a).cities.cmp(&gaz.region(b).cities))
                .then(b.cmp(&a))
        })
}

/// Makes a mention that region: its point, country and key.
fn set_region(gaz: &Gazetteer, m: &mut Mention, region: u32) {
    let r = gaz.region(region);
    m.kind = EntityKind::Place;
    m.via = Via::Name;
    m.title = None;
    m.role = None;
    m.country = Some(r.country.clone());
    m.key = format!("region:{}:{}", r.country, translit_key(&r.name));
    m.canonical = r.name.clone();
    m.place = Some(Location {
        geonameid: 0,
        name: r.name.clone(),
        country: r.country.clone(),
        lat: r.lat,
        lon: r.lon,
        precision: Precision::Region,
    });
}

/// The place a name most likely means in this document: a large place in a
/// country the document names.
fn choose_place(
    gaz: &Gazetteer,
    places: &[u32],
    countries: &HashMap<u32, f32>,
    top: f32,
) -> Option<u32> {
    places.iter().copied().max_by(|&a, &b| {
        let score = |i: u32| {
            let p = gaz.place(i);
            let weight = gaz
                .country_by_iso(&p.country)
                .and_then(|c| countries.get(&c))
                .copied()
                .unwrap_or(0.0);
            (p.population as f32 + 10.0).log10() + 3.0 * weight / top
        };
        score(a).total_cmp(&score(b)).then(b.cmp(&a))
    })
}
