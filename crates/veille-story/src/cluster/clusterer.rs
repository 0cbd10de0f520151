//! The online two-level clusterer: documents into events, events into stories.

use super::canonical::sorted;
use super::config::{ClusterConfig, ClusterConfigError};
use super::features::{tail_key, title_tail, Analyzer, DocFeatures, FieldWeights};
use super::index::{Accumulator, ClusterIndex, IntMap};
use super::link::{value_agreement, PairSignals, LINK_FEATURES};
use super::scorer::Signals;
use super::sparse::{cosine, normalise, top_k, Centroid, Lookup, SparseVec};
use super::time::DaySpan;
use super::{Assignment, ClusterDoc, DateSpan, EventId, EventView, StoryId, StoryView};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use veille_model::PartialDate;

/// Stems kept per member, to pick the most central title and for single link.
const MEMBER_TERMS: usize = 32;
/// Most recent members of an event compared one by one (single link), so
/// that the cost per candidate stays bounded in large events.
const LINK_MEMBERS: usize = 32;
/// Most recent members of an event the follow-up link compares.
const FOLLOW_UP_MEMBERS: usize = 8;
/// Mentioned days kept in an event's centroid.
const CENTROID_DATES: usize = 16;

/// Documents whose features are computed while the previous ones are
/// assigned ([`Clusterer::add_batch`]).
const PIPELINE_CHUNK: usize = 64;

/// (time, key) order, undated last ([`Clusterer::add_batch`]).
fn sort_for_assignment(docs: &mut [ClusterDoc]) {
    docs.sort_by_cached_key(|d| {
        let t = d.time_span();
        (t.is_none(), t, d.key)
    });
}

/// The features of `docs`, in parallel, in their order.
fn features_of(docs: Vec<ClusterDoc>, weights: FieldWeights) -> Vec<Prepared> {
    docs.into_par_iter()
        .map(|doc| {
            let features = ANALYZER.with(|a| a.borrow_mut().features(&doc, weights));
            Prepared { doc, features }
        })
        .collect()
}

thread_local! {
    /// The analyzer (stemmers and stem cache) of a worker thread.
    static ANALYZER: RefCell<Analyzer> = RefCell::new(Analyzer::default());
}

/// A document with its features, ready for [`Clusterer::add_prepared`].
#[derive(Debug, Clone)]
pub struct Prepared {
    pub doc: ClusterDoc,
    features: DocFeatures,
}

/// A document as remembered by its event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Member {
    key: u64,
    title: String,
    published: Option<PartialDate>,
    terms: SparseVec,
    /// What the follow-up link compares ([`super::link`]); `None` in states
    /// saved before it.
    #[serde(default)]
    link: Option<MemberLink>,
}

/// A member's side of the follow-up link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct MemberLink {
    span: Option<DaySpan>,
    title: SparseVec,
    entities: Vec<u64>,
    ages: Vec<u8>,
    /// Casualty counts of title and lead (`features::casualty_counts`).
    #[serde(default)]
    counts: Vec<u16>,
    /// Keys of the days (with their year) the member names and of its
    /// publication day.
    #[serde(default)]
    days: Vec<u64>,
}

/// One pair the follow-up link scored (or would score): the document, the
/// member of a candidate event, and the pair's features
/// ([`PairSignals::features`]); for fitting the link's weights.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkExample {
    pub doc: u64,
    pub member: u64,
    pub features: [f32; LINK_FEATURES],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Event {
    story: u32,
    members: Vec<Member>,
    terms: Centroid,
    entities: Centroid,
    /// Mentioned days of the members.
    #[serde(default)]
    dates: Centroid,
    span: Option<DaySpan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Story {
    events: Vec<u32>,
    terms: Centroid,
    entities: Centroid,
    span: Option<DaySpan>,
}

/// Everything the clusterer has learnt, serialisable so that an engine can
/// persist it and resume with [`Clusterer::from_state`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterState {
    n_docs: u64,
    #[serde(serialize_with = "sorted")]
    term_df: IntMap<u64, u32>,
    #[serde(serialize_with = "sorted")]
    entity_df: IntMap<u64, u32>,
    events: Vec<Event>,
    stories: Vec<Story>,
    event_index: ClusterIndex,
    story_index: ClusterIndex,
    #[serde(serialize_with = "sorted")]
    doc_event: IntMap<u64, u32>,
    /// How many titles ended with each segment ([`title_tail`]), by key.
    #[serde(serialize_with = "sorted")]
    title_tails: IntMap<u64, u32>,
}

impl ClusterState {
    fn new(config: &ClusterConfig) -> ClusterState {
        ClusterState {
            n_docs: 0,
            term_df: IntMap::default(),
            entity_df: IntMap::default(),
            events: Vec::new(),
            stories: Vec::new(),
            event_index: ClusterIndex::new(config.event.bucket_days),
            story_index: ClusterIndex::new(config.story.bucket_days),
            doc_event: IntMap::default(),
            title_tails: IntMap::default(),
        }
    }
}

/// Assigns each document, on arrival, to an event and each event to a story.
///
/// ```
/// use veille_story::{ClusterConfig, ClusterDoc, Clusterer};
/// let mut c = Clusterer::new(ClusterConfig::default()).unwrap();
/// let doc = |key, title: &str| ClusterDoc {
///     key,
///     published: "2020-10-28".parse().ok(),
///     lang: "fr".into(),
///     title: title.into(),
///     ..ClusterDoc::default()
/// };
/// let a = c.add(doc(1, "Des missiles tuent 21 civils à Barda"));
/// let b = c.add(doc(2, "Barda : 21 civils tués par des missiles"));
/// assert!(a.new_event && !b.new_event && a.event == b.event);
/// ```
#[derive(Debug)]
pub struct Clusterer {
    config: ClusterConfig,
    state: ClusterState,
    analyzer: Analyzer,
    acc: Accumulator,
    /// The current item's stems, entities and mentioned days, for cosines.
    lookups: [Lookup; 3],
    /// Document frequencies of the current item's stems and entities.
    dfs: Vec<u32>,
}

impl Clusterer {
    /// An empty clusterer.
    pub fn new(config: ClusterConfig) -> Result<Clusterer, ClusterConfigError> {
        let state = ClusterState::new(&config);
        Clusterer::from_state(config, state)
    }

    /// Resumes from a saved state (the index keeps the bucket sizes it was
    /// built with).
    pub fn from_state(
        config: ClusterConfig,
        state: ClusterState,
    ) -> Result<Clusterer, ClusterConfigError> {
        config.validate()?;
        Ok(Clusterer {
            config,
            state,
            analyzer: Analyzer::default(),
            acc: Accumulator::default(),
            lookups: Default::default(),
            dfs: Vec::new(),
        })
    }

    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    pub fn state(&self) -> &ClusterState {
        &self.state
    }

    pub fn into_state(self) -> ClusterState {
        self.state
    }

    /// Number of documents assigned.
    pub fn len(&self) -> usize {
        self.state.doc_event.len()
    }

    pub fn is_empty(&self) -> bool {
        self.state.doc_event.is_empty()
    }

    /// The event of a document already added.
    pub fn event_of(&self, key: u64) -> Option<EventId> {
        self.state.doc_event.get(&key).map(|&e| EventId(e))
    }

    /// Adds a batch in (time, key) order ([`ClusterDoc::time_span`]), so that
    /// the result does not depend on the order of `docs`; undated documents
    /// come last, open-ended ones after the closed ones starting the same day.
    /// Features are computed in parallel ([`Clusterer::prepare`]), the
    /// assignment is sequential ([`Clusterer::add_prepared`]): the result is
    /// that of calling [`Clusterer::add`] on each document in that order.
    ///
    /// The batch is cut into chunks of [`PIPELINE_CHUNK`] documents, and the
    /// features of the next chunk are computed while the current one is
    /// assigned (`rayon::join`), so that on two cores features and
    /// assignment overlap instead of taking turns.
    pub fn add_batch(&mut self, mut docs: Vec<ClusterDoc>) -> Vec<(u64, Assignment)> {
        sort_for_assignment(&mut docs);
        let weights = self.weights();
        let mut out = Vec::with_capacity(docs.len());
        let mut chunks = Vec::new();
        while docs.len() > PIPELINE_CHUNK {
            let rest = docs.split_off(PIPELINE_CHUNK);
            chunks.push(std::mem::replace(&mut docs, rest));
        }
        chunks.push(docs);
        let mut chunks = chunks.into_iter();
        let mut ready = chunks.next().map(|c| features_of(c, weights));
        while let Some(current) = ready.take() {
            let next = chunks.next();
            let (prepared, ()) = rayon::join(
                || next.map(|c| features_of(c, weights)),
                || {
                    for p in current {
                        out.push((p.doc.key, self.add_prepared(p)));
                    }
                },
            );
            ready = prepared;
        }
        out
    }

    /// Sorts a batch in (time, key) order and computes each
    /// document's features in parallel (rayon; one [`Analyzer`] and its
    /// stem cache per worker thread). Features depend on the document
    /// alone, so this does not read or change the clusterer's state.
    pub fn prepare(&self, mut docs: Vec<ClusterDoc>) -> Vec<Prepared> {
        sort_for_assignment(&mut docs);
        features_of(docs, self.weights())
    }

    fn weights(&self) -> FieldWeights {
        FieldWeights {
            title: self.config.title_weight,
            lead: self.config.lead_weight,
            max_body_words: self.config.max_body_words,
        }
    }

    /// Assigns one document. A key already added keeps its assignment
    /// (returned with `score` 1 and nothing new).
    ///
    /// `score` is that of the event joined, or for a new event the best
    /// score among the candidates that were turned down (0 when none).
    pub fn add(&mut self, doc: ClusterDoc) -> Assignment {
        if let Some(a) = self.known(doc.key) {
            return a;
        }
        let features = self.analyzer.features(&doc, self.weights());
        self.add_prepared(Prepared { doc, features })
    }

    /// The assignment of a key already added (`score` 1, nothing new).
    fn known(&self, key: u64) -> Option<Assignment> {
        let &e = self.state.doc_event.get(&key)?;
        Some(Assignment {
            event: EventId(e),
            story: StoryId(self.state.events[e as usize].story),
            new_event: false,
            new_story: false,
            score: 1.0,
        })
    }

    /// Assigns one document whose features [`Clusterer::prepare`] computed;
    /// the same as [`Clusterer::add`] on the document.
    pub fn add_prepared(&mut self, prepared: Prepared) -> Assignment {
        self.assign(prepared, None)
    }

    /// [`Clusterer::add_prepared`], and the pairs of the document and each
    /// dated member of its candidate events, as the follow-up link sees
    /// them (whether it is enabled or not): what `cargo xtask tune
    /// clustering --links` fits the link's weights on.
    pub fn add_with_link_examples(
        &mut self,
        prepared: Prepared,
        examples: &mut Vec<LinkExample>,
    ) -> Assignment {
        self.assign(prepared, Some(examples))
    }

    fn assign(
        &mut self,
        prepared: Prepared,
        mut examples: Option<&mut Vec<LinkExample>>,
    ) -> Assignment {
        let Prepared {
            doc,
            features: mut f,
        } = prepared;
        if let Some(a) = self.known(doc.key) {
            return a;
        }
        let cfg = &self.config;
        let st = &mut self.state;
        st.n_docs += 1;
        // a title segment that enough titles end with is a site's template
        if let Some(tail) = f.title_tail.take() {
            let seen = st.title_tails.entry(tail.key).or_insert(0);
            *seen = seen.saturating_add(1);
            if cfg.boilerplate_title_docs > 0 && *seen >= cfg.boilerplate_title_docs {
                take_out(&mut f.terms, &tail.terms);
                take_out(&mut f.title_terms, &tail.terms);
            }
        }
        // one map probe per key: the updated frequency is kept for the IDF
        let dfs = &mut self.dfs;
        dfs.clear();
        for &(t, _) in &f.terms {
            let df = st.term_df.entry(t).or_insert(0);
            *df += 1;
            dfs.push(*df);
        }
        for &e in &f.entities {
            let df = st.entity_df.entry(e).or_insert(0);
            *df += 1;
            dfs.push(*df);
        }
        let n = st.n_docs as f32 + cfg.idf_prior_docs.max(1.0);
        let idf = |df: u32| (n / df.max(1) as f32).ln();
        let (term_dfs, ent_dfs) = dfs.split_at(f.terms.len());
        let terms: SparseVec = f
            .terms
            .iter()
            .zip(term_dfs)
            .map(|(&(t, c), &df)| (t, (1.0 + c).ln() * idf(df)))
            .collect();
        let terms = normalise(top_k(terms, cfg.doc_terms));
        let ents: SparseVec = f
            .entities
            .iter()
            .zip(ent_dfs)
            .map(|(&e, &df)| (e, idf(df)))
            .collect();
        let ents = normalise(top_k(ents, cfg.doc_entities));
        let dates: SparseVec = normalise(f.dates.iter().map(|&d| (d, 1.0)).collect());
        let title: SparseVec = normalise(
            f.title_terms
                .iter()
                .map(|&(t, c)| {
                    (
                        t,
                        (1.0 + c).ln() * idf(st.term_df.get(&t).copied().unwrap_or(1)),
                    )
                })
                .collect(),
        );
        let [term_lookup, ent_lookup, date_lookup] = &mut self.lookups;
        term_lookup.fill(&terms);
        ent_lookup.fill(&ents);
        date_lookup.fill(&dates);
        let span = doc.time_span();
        let query = query_keys(
            &terms,
            &ents,
            cfg.event.scorer.entity_weight,
            cfg.query_keys,
        );

        // reuse links into events already known
        let mut reuse_events: Vec<(u32, f32)> = Vec::new();
        for &(k, w) in &doc.reuse_links {
            if let Some(&e) = st.doc_event.get(&k) {
                let w = if w.is_finite() {
                    w.clamp(0.0, 1.0)
                } else {
                    0.0
                };
                match reuse_events.iter_mut().find(|r| r.0 == e) {
                    Some(r) => r.1 = r.1.max(w),
                    None => reuse_events.push((e, w)),
                }
            }
        }

        // events
        self.acc.clear();
        let link_on = cfg.link.enabled || examples.is_some();
        let window = if link_on {
            cfg.event.scorer.max_gap_days.max(cfg.link.max_gap_days)
        } else {
            cfg.event.scorer.max_gap_days
        };
        st.event_index
            .accumulate(&query, span, window, &mut self.acc);
        let mut cands = self.acc.top(cfg.candidates);
        cands.extend(reuse_events.iter().map(|r| r.0));
        cands.sort_unstable();
        cands.dedup();
        // rare names of the item, for the link: key → ln(N/df)/ln(N)
        // (none looked up when the link cannot apply: an undated item)
        let n_docs = (st.n_docs as f32).max(2.0);
        let rare: Vec<(u64, f32)> = if link_on && span.is_some() {
            ents.iter()
                .filter_map(|&(e, _)| {
                    let df = *st.entity_df.get(&e)?;
                    (df <= cfg.link.rare_df)
                        .then(|| (e, (n_docs / df.max(1) as f32).ln() / n_docs.ln()))
                })
                .collect()
        } else {
            Vec::new()
        };
        // the best candidate by its margin over its own threshold: the
        // link's for dated items against dated members, else the formula's
        let mut best: Option<(u32, f32, f32)> = None;
        for &c in &cands {
            let ev = &st.events[c as usize];
            let event_gap = gap(span, ev.span);
            // past the formula's window (a candidate only the link's wider
            // one reaches) its score is 0: skip the cosines
            let formula_reaches = event_gap.is_none_or(|g| g <= cfg.event.scorer.max_gap_days);
            let mut text = if formula_reaches {
                ev.terms.cosine_lookup(term_lookup)
            } else {
                0.0
            };
            if formula_reaches && cfg.member_weight > 0.0 && ev.members.len() > 1 {
                let link = ev
                    .members
                    .iter()
                    .rev()
                    .take(LINK_MEMBERS)
                    .map(|m| cosine(&m.terms, &terms))
                    .fold(0.0, f32::max);
                text = text.max(cfg.member_weight * link);
            }
            let s = cfg.event.scorer.score(&Signals {
                text,
                entities: formula_reaches
                    .then(|| entity_cosine(&ev.entities, ent_lookup))
                    .flatten(),
                gap_days: event_gap,
                reuse: reuse_events.iter().find(|r| r.0 == c).map_or(0.0, |r| r.1),
                dates: entity_cosine(&ev.dates, date_lookup),
            });
            let mut link: Option<f32> = None;
            if let (true, Some(item_span)) = (link_on, span) {
                for m in ev.members.iter().rev().take(FOLLOW_UP_MEMBERS) {
                    let Some(ml) = &m.link else { continue };
                    let Some(m_span) = ml.span else { continue };
                    let gap_days = item_span.window_gap(&m_span);
                    if gap_days > cfg.link.max_gap_days {
                        continue;
                    }
                    let mut rare_shared = 0;
                    let mut rarest = 0.0f32;
                    for &(e, r) in &rare {
                        if ml.entities.binary_search(&e).is_ok() {
                            rare_shared += 1;
                            rarest = rarest.max(r);
                        }
                    }
                    let (same_age, other_ages) = value_agreement(&f.ages, &ml.ages);
                    let (same_count, other_counts) = value_agreement(&f.counts, &ml.counts);
                    let same_day_named = f.days.iter().any(|d| ml.days.binary_search(d).is_ok());
                    let pair = PairSignals {
                        text: term_lookup.cosine(&m.terms),
                        title: cosine(&ml.title, &title),
                        gap_days,
                        rare_shared,
                        rarest,
                        same_age,
                        other_ages,
                        same_count,
                        other_counts,
                        same_day_named,
                    };
                    if let Some(out) = examples.as_deref_mut() {
                        out.push(LinkExample {
                            doc: doc.key,
                            member: m.key,
                            features: pair.features(),
                        });
                    }
                    let p = cfg.link.probability(&pair);
                    link = Some(link.map_or(p, |l: f32| l.max(p)));
                }
            }
            let formula = (s, s / cfg.event.threshold);
            let (score, margin) = match link {
                Some(p) if cfg.link.enabled => {
                    let linked = (p, p / cfg.link.threshold);
                    // copied text is evidence the link does not read
                    let reused = reuse_events.iter().any(|r| r.0 == c);
                    if reused && formula.1 > linked.1 {
                        formula
                    } else {
                        linked
                    }
                }
                _ => formula,
            };
            if best.is_none_or(|b| margin > b.2) {
                best = Some((c, score, margin));
            }
        }
        let best_score = best.map_or(0.0, |b| b.1);
        let joined = best.filter(|b| b.2 >= 1.0).map(|b| b.0);

        let (event, new_event) = match joined {
            Some(e) => (e, false),
            None => {
                st.events.push(Event {
                    story: u32::MAX,
                    members: Vec::new(),
                    terms: Centroid::default(),
                    entities: Centroid::default(),
                    dates: Centroid::default(),
                    span: None,
                });
                ((st.events.len() - 1) as u32, true)
            }
        };

        // stories: a new event looks for one, an existing event keeps its own
        let (story, new_story) = if new_event {
            let story_query = query_keys(
                &terms,
                &ents,
                cfg.story.scorer.entity_weight,
                cfg.query_keys,
            );
            self.acc.clear();
            st.story_index.accumulate(
                &story_query,
                span,
                cfg.story.scorer.max_gap_days,
                &mut self.acc,
            );
            let mut scands = self.acc.top(cfg.candidates);
            let reuse_stories: Vec<(u32, f32)> = reuse_events
                .iter()
                .map(|&(e, w)| (st.events[e as usize].story, w))
                .collect();
            scands.extend(reuse_stories.iter().map(|r| r.0));
            scands.sort_unstable();
            scands.dedup();
            let mut sbest: Option<(u32, f32)> = None;
            for &c in &scands {
                let sto = &st.stories[c as usize];
                let s = cfg.story.scorer.score(&Signals {
                    text: sto.terms.cosine_lookup(term_lookup),
                    entities: entity_cosine(&sto.entities, ent_lookup),
                    gap_days: gap(span, sto.span),
                    reuse: reuse_stories
                        .iter()
                        .filter(|r| r.0 == c)
                        .map(|r| r.1)
                        .fold(0.0, f32::max),
                    dates: None,
                });
                if sbest.is_none_or(|b| s > b.1) {
                    sbest = Some((c, s));
                }
            }
            match sbest.filter(|b| b.1 >= cfg.story.threshold) {
                Some((s, _)) => (s, false),
                None => {
                    st.stories.push(Story {
                        events: Vec::new(),
                        terms: Centroid::default(),
                        entities: Centroid::default(),
                        span: None,
                    });
                    ((st.stories.len() - 1) as u32, true)
                }
            }
        } else {
            (st.events[event as usize].story, false)
        };

        // update the event
        let ev = &mut st.events[event as usize];
        ev.story = story;
        ev.terms.add(&terms, cfg.centroid_terms);
        ev.entities.add(&ents, cfg.centroid_entities);
        ev.dates.add(&dates, CENTROID_DATES);
        ev.span = union(ev.span, span);
        ev.members.push(Member {
            key: doc.key,
            title: doc.title,
            published: doc.published,
            terms: top_k(terms.clone(), MEMBER_TERMS),
            link: Some(MemberLink {
                span,
                title,
                // sorted: `top_k` returns the vector in key order
                entities: ents.iter().map(|&(e, _)| e).collect(),
                ages: f.ages,
                counts: f.counts,
                days: {
                    let mut days = f.days.clone();
                    days.extend(
                        doc.published
                            .and_then(|p| super::features::day_key(&p.to_string())),
                    );
                    days.sort_unstable();
                    days.dedup();
                    days
                },
            }),
        });
        for &(k, _) in &query {
            st.event_index.insert(k, span, event);
        }
        st.doc_event.insert(doc.key, event);

        // update the story
        let sto = &mut st.stories[story as usize];
        if new_event {
            sto.events.push(event);
        }
        sto.terms.add(&terms, cfg.centroid_terms);
        sto.entities.add(&ents, cfg.centroid_entities);
        sto.span = union(sto.span, span);
        for &(k, _) in &query {
            st.story_index.insert(k, span, story);
        }

        Assignment {
            event: EventId(event),
            story: StoryId(story),
            new_event,
            new_story,
            score: best_score,
        }
    }

    /// Number of events.
    pub fn n_events(&self) -> usize {
        self.state.events.len()
    }

    /// Number of stories.
    pub fn n_stories(&self) -> usize {
        self.state.stories.len()
    }

    /// A label without the segment of a site's title template
    /// ([`ClusterConfig::boilerplate_title_docs`]).
    fn without_template(&self, title: String) -> String {
        let n = self.config.boilerplate_title_docs;
        match title_tail(&title) {
            Some((sep, at))
                if n > 0
                    && self
                        .state
                        .title_tails
                        .get(&tail_key(&title[at..]))
                        .is_some_and(|&c| c >= n) =>
            {
                title[..sep].trim_end().to_string()
            }
            _ => title,
        }
    }

    /// Every event, in id order, with its label, date span and documents.
    pub fn events(&self) -> Vec<EventView> {
        (0..self.state.events.len())
            .filter_map(|i| self.event(EventId(i as u32)))
            .collect()
    }

    /// One event with its label, date span and documents (`None` past the
    /// last id). Costs a pass over its members, not over all events.
    pub fn event(&self, id: EventId) -> Option<EventView> {
        let ev = self.state.events.get(id.0 as usize)?;
        Some(EventView {
            id,
            story: StoryId(ev.story),
            label: self.without_template(central_title(ev.members.iter(), &ev.terms)),
            span: date_span(ev.members.iter()),
            members: ev.members.iter().map(|m| m.key).collect(),
        })
    }

    /// Every story, in id order, with its label, date span, events and documents.
    pub fn stories(&self) -> Vec<StoryView> {
        (0..self.state.stories.len())
            .filter_map(|i| self.story(StoryId(i as u32)))
            .collect()
    }

    /// One story with its label, date span, events and documents (`None`
    /// past the last id). Costs a pass over its members.
    pub fn story(&self, id: StoryId) -> Option<StoryView> {
        let events = &self.state.events;
        let sto = self.state.stories.get(id.0 as usize)?;
        let members = || {
            sto.events
                .iter()
                .flat_map(|&e| events[e as usize].members.iter())
        };
        Some(StoryView {
            id,
            label: self.without_template(central_title(members(), &sto.terms)),
            span: date_span(members()),
            events: sto.events.iter().map(|&e| EventId(e)).collect(),
            members: members().map(|m| m.key).collect(),
        })
    }
}

/// `terms` less `tail`'s weights (both sorted by stem hash), stems left
/// with no weight dropped.
fn take_out(terms: &mut Vec<(u64, f32)>, tail: &[(u64, f32)]) {
    for &(h, w) in tail {
        if let Ok(i) = terms.binary_search_by_key(&h, |e| e.0) {
            terms[i].1 -= w;
        }
    }
    terms.retain(|e| e.1 > 1e-6);
}

/// The query keys of an item: its heaviest stems and entities, each weighted
/// by its channel's share of the score.
fn query_keys(terms: &SparseVec, ents: &SparseVec, entity_weight: f32, n: usize) -> SparseVec {
    let mut q: SparseVec = terms
        .iter()
        .map(|&(t, w)| (t, w * (1.0 - entity_weight)))
        .chain(ents.iter().map(|&(e, w)| (e, w * entity_weight)))
        .collect();
    q.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    q.truncate(n);
    q
}

/// The cosine of a cluster's and an item's keys; `None` when either has none.
fn entity_cosine(cluster: &Centroid, item: &Lookup) -> Option<f32> {
    (!cluster.terms().is_empty() && !item.is_empty()).then(|| cluster.cosine_lookup(item))
}

fn gap(a: Option<DaySpan>, b: Option<DaySpan>) -> Option<i32> {
    Some(a?.window_gap(&b?))
}

fn union(a: Option<DaySpan>, b: Option<DaySpan>) -> Option<DaySpan> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.merge(&b)),
        (a, b) => a.or(b),
    }
}

/// The title of the member closest to the centroid (the first on ties).
fn central_title<'a>(members: impl Iterator<Item = &'a Member>, centroid: &Centroid) -> String {
    let mut best: Option<(&str, f32)> = None;
    for m in members {
        let s = centroid.cosine(&m.terms);
        if !m.title.trim().is_empty() && best.is_none_or(|b| s > b.1) {
            best = Some((m.title.trim(), s));
        }
    }
    best.map_or_else(String::new, |b| b.0.to_string())
}

fn date_span<'a>(members: impl Iterator<Item = &'a Member>) -> Option<DateSpan> {
    let mut span: Option<DateSpan> = None;
    for d in members.filter_map(|m| m.published) {
        span = Some(match span {
            None => DateSpan { first: d, last: d },
            Some(s) => DateSpan {
                first: s.first.min(d),
                last: s.last.max(d),
            },
        });
    }
    span
}
