//! Dated timeline entries: what happened where, who claims what about it,
//! and the sentences that say so.
//!
//! 1. **Items.** Every sentence (and title) that reports an event type
//!    ([`veille_extract::type_sentence`]), a casualty figure or an
//!    accusation/denial is an item, with its own date (the first date
//!    expression of the sentence that is not a period's start) and its place
//!    (the first city-level place it names, else the figure's place words).
//! 2. **Copies.** An item whose sentence is a near copy (word Jaccard ≥
//!    [`COPY_JACCARD`]) of an item of an earlier document it is linked to by
//!    the duplicate stage (a duplicate or sentence reuse) is not a new item:
//!    it is listed as a copy of that one.
//! 3. **Entries.** Items group by (date, place) within a story. An item
//!    without its own date joins, in this order, the latest entry of the same
//!    place dated on or before its document's date, the entry of its
//!    document's first item (no place, no date: the article's main event),
//!    else a new entry at the document's date. An item with a date but no
//!    place joins its document's entry of that date when there is one.
//! 4. **Claims.** An entry's figures are collapsed by (kind, count, victims,
//!    claimant's party, accused party): a figure repeated by wire copies
//!    counts once, the other sentences listed as its copies.

use super::load::{timex_date, DocData};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use veille_extract::{party_of, type_sentence, EventType, SentenceInput};
use veille_model::{PartialDate, Span};
use veille_store::{CasualtyFact, FactVictims, StoredStance};

/// Two sentences sharing this share of their words are copies.
pub const COPY_JACCARD: f64 = 0.6;

/// Where a claim or a sentence was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub doc_id: i64,
    /// The document's source id.
    pub source_id: String,
    /// The sentence index; `None` for the title.
    pub sentence_idx: Option<u32>,
    /// Byte span in the cleaned text (in the title when `sentence_idx` is
    /// `None`): of the figure for a claim, of the sentence otherwise.
    pub span: Span,
    pub published: Option<PartialDate>,
}

/// A supporting sentence and the copies of it other documents carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub source: SourceRef,
    pub text: String,
    pub copies: Vec<SourceRef>,
}

/// A normalised date with how precise it is and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryDate {
    pub value: PartialDate,
    /// `day`, `month`, `year`, `week`, `season`, `partofday`….
    pub granularity: String,
    /// `sentence` (a date phrase of the sentence), `published` or `inferred`
    /// (the document's date: see [`super::DocDate`]).
    pub from: String,
}

/// A place with its coordinates when the gazetteer knows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRef {
    pub name: String,
    /// The entity id, when the place is a recorded entity.
    pub entity: Option<i64>,
    /// ISO country code.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A casualty figure of an entry, counted once however many copies say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimView {
    pub kind: String,
    pub min: u64,
    pub max: Option<u64>,
    pub approximate: bool,
    pub cumulative: bool,
    pub victims: FactVictims,
    pub place: Option<String>,
    /// The claimant as written, and as a party (`Bakou` → `Azerbaijan`).
    pub claimant: Option<String>,
    pub claimant_party: Option<String>,
    pub accused: Option<String>,
    /// The number phrase as written.
    pub figure: String,
    /// The supporting sentence.
    pub sentence: String,
    /// Where the figure is written (its span), first source first.
    pub source: SourceRef,
    pub copies: Vec<SourceRef>,
    /// The figure is the one its document gives for the incident it reports
    /// (`veille_engine::incident_counts`), in the first source or a copy.
    #[serde(default)]
    pub incident: bool,
}

/// An accusation or a denial of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceView {
    pub kind: String,
    pub actor: String,
    pub actor_party: Option<String>,
    pub target: Option<String>,
    pub content: String,
    pub source: SourceRef,
    pub copies: Vec<SourceRef>,
}

/// One dated entry of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// `None`: nothing dates it (its documents have no date).
    pub date: Option<EntryDate>,
    pub story: Option<i64>,
    pub event: Option<i64>,
    /// The main event type: the most frequent type of its sentences that is
    /// not a statement (accusation, denial), else the most frequent.
    pub event_type: Option<String>,
    /// Every type its sentences report, most frequent first.
    pub event_types: Vec<String>,
    /// ACLED `(event_type, sub_event_type)` of the main type.
    pub acled: Option<(String, String)>,
    pub place: Option<PlaceRef>,
    pub claims: Vec<ClaimView>,
    pub stances: Vec<StanceView>,
    /// The supporting sentences, in document then reading order.
    pub sentences: Vec<Evidence>,
}

impl TimelineEntry {
    /// The first supporting sentence.
    pub fn headline(&self) -> &str {
        self.sentences.first().map_or("", |e| e.text.as_str())
    }
}

/// A sentence that reports something.
struct Item<'a> {
    d: &'a DocData,
    idx: Option<u32>,
    span: Span,
    text: &'a str,
    words: HashSet<String>,
    types: Vec<EventType>,
    facts: Vec<&'a CasualtyFact>,
    stances: Vec<&'a StoredStance>,
    date: Option<(PartialDate, String)>,
    place: Option<PlaceRef>,
}

/// Which sentences the scope keeps (entity and place scopes keep those
/// naming the entity).
pub(crate) type SentenceFilter<'a> = dyn Fn(&DocData, Option<u32>, &str) -> bool + 'a;

fn source_ref(d: &DocData, idx: Option<u32>, span: Span) -> SourceRef {
    SourceRef {
        doc_id: d.doc.id.0,
        source_id: d.doc.source_id.clone(),
        sentence_idx: idx,
        span,
        published: d.doc.published,
    }
}

fn items_of<'a>(d: &'a DocData, keep: &SentenceFilter<'_>) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    let n = d.doc.sentences.len() as u32;
    let indices = std::iter::once(None).chain((0..n).map(Some));
    for idx in indices {
        let Some((text, span)) = d.sentence(idx) else {
            continue;
        };
        if !keep(d, idx, text) {
            continue;
        }
        let previous = idx
            .and_then(|i| i.checked_sub(1))
            .and_then(|p| d.sentence(Some(p)));
        let input = SentenceInput {
            text,
            span,
            previous,
            title: d.doc.title.as_deref(),
            lang: &d.doc.lang,
        };
        // in the order the cues are written: the first one leads ties
        let mut cues = type_sentence(&input);
        cues.sort_by_key(|c| c.span.start);
        let types: Vec<EventType> = cues.into_iter().map(|c| c.event_type).collect();
        // a toll dated by its sentence to an earlier period (`une guerre ayant
        // fait 30.000 morts … les années 1990`) is history, not a figure of this day
        let facts: Vec<&CasualtyFact> = d
            .facts
            .iter()
            .filter(|f| f.sentence_idx == idx && !super::claims::historical(d, f))
            .collect();
        let stances: Vec<&StoredStance> =
            d.stances.iter().filter(|s| s.sentence_idx == idx).collect();
        if types.is_empty() && facts.is_empty() && stances.is_empty() {
            continue;
        }
        let timexes = if idx.is_none() {
            &d.title_timexes
        } else {
            &d.timexes
        };
        let whole = if idx.is_none() {
            text
        } else {
            d.doc.text.as_str()
        };
        // never a figure's own words (`de 2000 à 3000 soldats` is no year)
        let in_figure = |x: &veille_extract::Timex| {
            facts
                .iter()
                .any(|f| f.span.start < x.span.end && x.span.start < f.span.end)
        };
        let date = timexes
            .iter()
            .filter(|x| (idx.is_none() || span.contains(x.span)) && !in_figure(x))
            .find_map(|x| timex_date(whole, x))
            .map(|(v, g)| (v, g.as_str().to_string()));
        let place = place_of(d, idx, text, span).or_else(|| {
            facts
                .iter()
                .find_map(|f| f.place.clone())
                .map(|name| PlaceRef {
                    name,
                    entity: None,
                    country: None,
                    lat: None,
                    lon: None,
                })
        });
        out.push(Item {
            d,
            idx,
            span,
            text,
            words: veille_text::folded_words(text).into_iter().collect(),
            types,
            facts,
            stances,
            date,
            place,
        });
    }
    out
}

/// Words after which a place name is where something happened (`à Barda`,
/// `ayant visé Barda`), not a government speaking (`Bakou a démenti`).
const LOCATIVES: &[&str] = &[
    "a", "au", "aux", "sur", "dans", "de", "d", "du", "pres", "vers", "vise", "visee", "in", "at",
    "near", "outside",
];

/// The first GeoNames place (not a country) a sentence names after a
/// locative word; for the title, one the document names whose words it holds.
fn place_of(d: &DocData, idx: Option<u32>, text: &str, span: Span) -> Option<PlaceRef> {
    let m = d.mentions.iter().find(|m| {
        let local = match idx {
            Some(i) => m.sentence == i && span.contains(m.span),
            None => false,
        };
        let in_title = idx.is_none() && text.contains(m.surface.as_str());
        m.kind == "place"
            && m.key.starts_with("geo:")
            && m.via == "name"
            && (in_title
                || (local && {
                    let before = d
                        .doc
                        .text
                        .get(span.start as usize..m.span.start as usize)
                        .unwrap_or("");
                    veille_text::folded_words(before)
                        .last()
                        .is_some_and(|w| LOCATIVES.contains(&w.as_str()))
                }))
    })?;
    Some(PlaceRef {
        name: m.canonical.clone(),
        entity: Some(m.entity),
        country: m.country.clone(),
        lat: m.lat,
        lon: m.lon,
    })
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let inter = a.intersection(b).count() as f64;
    let union = (a.len() + b.len()) as f64 - inter;
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

/// A place's grouping key: its folded name (a recorded entity and a
/// figure's place words meet).
fn place_key(p: &Option<PlaceRef>) -> Option<String> {
    p.as_ref().map(|p| veille_text::fold(&p.name))
}

/// An entry under construction: its items (index into the item list) and
/// the copies of each.
struct Group {
    story: Option<i64>,
    event: Option<i64>,
    date: Option<EntryDate>,
    place: Option<PlaceRef>,
    items: Vec<usize>,
}

/// The timeline of the documents `docs` (already in scope), sorted by date
/// (undated last), then story, then first document.
pub(crate) fn build(docs: &[DocData], keep: &SentenceFilter<'_>) -> Vec<TimelineEntry> {
    let mut items: Vec<Item<'_>> = Vec::new();
    let mut copies: Vec<Vec<usize>> = Vec::new();
    let mut copy_of: Vec<Option<usize>> = Vec::new();
    let by_doc: HashMap<i64, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.doc.id.0, i))
        .collect();
    let mut items_of_doc: HashMap<i64, Vec<usize>> = HashMap::new();
    for d in docs {
        let linked: HashSet<i64> = d
            .copies_from
            .iter()
            .filter(|x| by_doc.contains_key(&x.0))
            .map(|x| x.0)
            .collect();
        // the items of the linked documents, in list order
        let mut earlier: Vec<usize> = linked
            .iter()
            .filter_map(|id| items_of_doc.get(id))
            .flatten()
            .copied()
            .collect();
        earlier.sort_unstable();
        for it in items_of(d, keep) {
            let original = earlier.iter().copied().find(|&j| {
                copy_of[j].is_none()
                    && items[j].words.len() >= 5
                    && jaccard(&items[j].words, &it.words) >= COPY_JACCARD
            });
            items_of_doc
                .entry(d.doc.id.0)
                .or_default()
                .push(items.len());
            if let Some(j) = original {
                copies[j].push(items.len());
            }
            copy_of.push(original);
            copies.push(Vec::new());
            items.push(it);
        }
    }

    let mut groups: Vec<Group> = Vec::new();
    // the groups of each story, in creation order: every search below is
    // within the item's story
    let mut of_story: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
    // the group of each document's first item, and of each (doc, date)
    let mut doc_main: HashMap<i64, usize> = HashMap::new();
    for i in 0..items.len() {
        if copy_of[i].is_some() {
            continue;
        }
        let it = &items[i];
        let d = it.d;
        let story = d.at.story;
        let doc_date = d.date.date;
        let own = it.date.clone().map(|(value, granularity)| EntryDate {
            value,
            granularity,
            from: "sentence".to_string(),
        });
        let key = place_key(&it.place);
        // a sentence of running tolls only is not about the article's event
        let toll_only = !it.facts.is_empty() && it.facts.iter().all(|f| f.cumulative);
        // the groups of the item's story, in creation order
        let story_groups: &[usize] = of_story.get(&story).map_or(&[], Vec::as_slice);
        let in_story = || story_groups.iter().map(|&j| (j, &groups[j]));
        let first = |found: Option<(usize, &Group)>| found.map(|(j, _)| j);
        let found = match (&own, &key) {
            (_, None) if toll_only => {
                let day = own.as_ref().map(|x| x.value).or(doc_date);
                first(in_story().find(|(_, g)| {
                    g.place.is_none()
                        && g.date.as_ref().map(|x| x.value) == day
                        && g.items.iter().all(|&j| {
                            let f = &items[j].facts;
                            !f.is_empty() && f.iter().all(|f| f.cumulative)
                        })
                }))
            }
            (Some(date), Some(k)) => first(in_story().find(|(_, g)| {
                place_key(&g.place).as_ref() == Some(k)
                    && g.date.as_ref().map(|x| x.value) == Some(date.value)
            })),
            (Some(date), None) => first(in_story().find(|(_, g)| {
                g.date.as_ref().map(|x| x.value) == Some(date.value)
                    && g.items.iter().any(|&j| items[j].d.doc.id == d.doc.id)
            }))
            .or_else(|| {
                first(in_story().find(|(_, g)| {
                    g.place.is_none() && g.date.as_ref().map(|x| x.value) == Some(date.value)
                }))
            }),
            (None, Some(k)) => first(
                in_story()
                    .filter(|(_, g)| place_key(&g.place).as_ref() == Some(k))
                    .filter(|(_, g)| match (&g.date, doc_date) {
                        (Some(gd), Some(dd)) => gd.value <= dd,
                        (None, None) => true,
                        _ => false,
                    })
                    .max_by_key(|(_, g)| g.date.as_ref().map(|x| x.value)),
            ),
            (None, None) => doc_main.get(&d.doc.id.0).copied(),
        };
        let g = match found {
            Some(g) => g,
            None => {
                let date = own.or_else(|| {
                    doc_date.map(|value| EntryDate {
                        value,
                        granularity: value.precision().as_str().to_string(),
                        from: match d.date.from {
                            super::DateFrom::Inferred => "inferred",
                            _ => "published",
                        }
                        .to_string(),
                    })
                });
                groups.push(Group {
                    story,
                    event: d.at.event,
                    date,
                    place: it.place.clone(),
                    items: Vec::new(),
                });
                of_story.entry(story).or_default().push(groups.len() - 1);
                groups.len() - 1
            }
        };
        groups[g].items.push(i);
        if !toll_only {
            doc_main.entry(d.doc.id.0).or_insert(g);
        }
    }

    let mut out: Vec<TimelineEntry> = groups
        .into_iter()
        .map(|g| entry(g, &items, &copies))
        .collect();
    out.sort_by(|a, b| {
        let key = |e: &TimelineEntry| {
            (
                e.date.is_none(),
                e.date.as_ref().map(|d| d.value),
                e.story,
                e.sentences.first().map(|s| s.source.doc_id),
            )
        };
        key(a).cmp(&key(b))
    });
    out
}

fn claim_key(
    f: &CasualtyFact,
) -> (
    String,
    u64,
    Option<u64>,
    FactVictims,
    Option<String>,
    Option<String>,
) {
    let party = |l: &Option<veille_store::Located>| l.as_ref().and_then(|x| party_of(&x.text));
    (
        f.kind.clone(),
        f.min,
        f.max,
        f.victims.clone(),
        party(&f.claimed_by),
        party(&f.accused),
    )
}

fn entry(g: Group, items: &[Item<'_>], copies: &[Vec<usize>]) -> TimelineEntry {
    let mut counts: Vec<(EventType, usize)> = Vec::new();
    let mut claims: Vec<(ClaimView, _)> = Vec::new();
    let mut stances: Vec<StanceView> = Vec::new();
    let mut sentences = Vec::new();
    for &i in &g.items {
        let it = &items[i];
        let copy_refs: Vec<SourceRef> = copies[i]
            .iter()
            .map(|&c| source_ref(items[c].d, items[c].idx, items[c].span))
            .collect();
        for t in &it.types {
            match counts.iter_mut().find(|(x, _)| x == t) {
                Some(c) => c.1 += 1,
                None => counts.push((*t, 1)),
            }
        }
        // the facts of this item and of its copies, collapsed
        let all_facts = std::iter::once(i)
            .chain(copies[i].iter().copied())
            .flat_map(|j| items[j].facts.iter().map(move |f| (j, *f)));
        for (j, f) in all_facts {
            let key = claim_key(f);
            let at = source_ref(items[j].d, f.sentence_idx, f.span);
            let incident = crate::incident::is_incident_figure(&items[j].d.incident, f);
            match claims.iter_mut().find(|(_, k)| *k == key) {
                Some((c, _)) => {
                    c.copies.push(at);
                    c.incident |= incident;
                }
                None => claims.push((
                    ClaimView {
                        kind: f.kind.clone(),
                        min: f.min,
                        max: f.max,
                        approximate: f.approximate,
                        cumulative: f.cumulative,
                        victims: f.victims.clone(),
                        place: f.place.clone(),
                        claimant: f.claimed_by.as_ref().map(|x| x.text.clone()),
                        claimant_party: key.4.clone(),
                        accused: f.accused.as_ref().map(|x| x.text.clone()),
                        figure: f.figure.clone(),
                        sentence: f.sentence.clone(),
                        source: at,
                        copies: Vec::new(),
                        incident,
                    },
                    key,
                )),
            }
        }
        let all_stances = std::iter::once(i)
            .chain(copies[i].iter().copied())
            .flat_map(|j| items[j].stances.iter().map(move |s| (j, *s)));
        for (j, s) in all_stances {
            let at = source_ref(items[j].d, s.sentence_idx, s.sentence_span);
            let party = party_of(&s.actor.text);
            let target = s.target.as_ref().map(|t| t.text.clone());
            let same = stances.iter_mut().find(|x| {
                x.kind == s.kind
                    && x.actor_party == party
                    && x.target.as_deref().and_then(party_of)
                        == target.as_deref().and_then(party_of)
                    && x.source.doc_id != at.doc_id
            });
            match same {
                Some(x) => x.copies.push(at),
                None => stances.push(StanceView {
                    kind: s.kind.clone(),
                    actor: s.actor.text.clone(),
                    actor_party: party,
                    target,
                    content: s.content.text.clone(),
                    source: at,
                    copies: Vec::new(),
                }),
            }
        }
        sentences.push(Evidence {
            source: source_ref(it.d, it.idx, it.span),
            text: it.text.to_string(),
            copies: copy_refs,
        });
    }
    // most frequent first; ties in the order first written
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let statement = |t: EventType| matches!(t, EventType::Accusation | EventType::Denial);
    let main = counts
        .iter()
        .find(|(t, _)| !statement(*t))
        .or(counts.first())
        .map(|(t, _)| *t);
    TimelineEntry {
        date: g.date,
        story: g.story,
        event: g.event,
        event_type: main.map(|t| t.as_str().to_string()),
        event_types: counts.iter().map(|(t, _)| t.as_str().to_string()).collect(),
        acled: main
            .and_then(EventType::acled)
            .map(|(a, b)| (a.to_string(), b.to_string())),
        place: g.place,
        claims: claims.into_iter().map(|(c, _)| c).collect(),
        stances,
        sentences,
    }
}
