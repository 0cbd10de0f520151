//! Events and stories, kept up to date as documents are ingested.
//!
//! The stage holds `veille-story`'s online [`Clusterer`] (documents into
//! events, events into stories) in memory. After the duplicate stage has
//! recorded a batch's copies, the batch's documents are clustered in
//! (publication date, id) order, each taking the next sequence number, and
//! [`Store::record_clusters`] writes in one transaction the memberships, the
//! rows (label, date span, story) of every event and story the batch touched,
//! and the progress mark. The duplicate and reuse links recorded in the store
//! are the clusterer's reuse signal.
//!
//! # State and restarts
//!
//! The clusterer's state is saved as a snapshot (bincode 1, tagged with a
//! digest of the settings) together with the number of memberships it holds.
//! Encoding it costs time and space that grow with the store, so it is
//! written only when the memberships it lacks reach an eighth of all, and
//! once at the end of a load that had to replay or catch up (never during the
//! catch-up itself: on OrangeSum, 36k documents caught up by `veille update`,
//! snapshots every eighth took 14.4 s of encoding and most of 23.4 s of
//! writes out of the stage's 101 s, measured at load average 13). Loading decodes the snapshot,
//! replays the later memberships in sequence order (the same calls on the
//! same state give the same events, which is checked), then clusters the
//! documents above the progress mark. A killed run re-run therefore gives the
//! same store. A snapshot from other settings (or a replay that diverges)
//! makes the stage start over from the first document.
//!
//! # Labels and spans
//!
//! A label is the title of the member closest to the centroid; when no
//! member has a title, the first sentence of the first member, cut to
//! [`LABEL_CHARS`]. Spans run from the earliest to the latest publication
//! date of the members.

use crate::stage::{catch_up, Stage, StageDoc};
use crate::{Engine, Error, Result};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};
use veille_extract::{document_time, DateTagger, Granularity, TimexKind};
use veille_model::{AnalysedDoc, DocId, PartialDate};
use veille_store::{
    ClusterProgress, ClusterSnapshot, EventDoc, EventRecord, EventSummary, MemberRecord, Store,
    StoryRecord, StorySummary,
};
use veille_story::{
    lead_of, Assignment, ClusterConfig, ClusterDoc, ClusterState, Clusterer, EventId, StoryId,
};

/// Bytes of text read as a document's lead (as in `cargo xtask eval clustering`).
const LEAD_CHARS: usize = 300;
/// Characters of a label taken from a first sentence.
pub(crate) const LABEL_CHARS: usize = 100;
/// A snapshot is written when the memberships it lacks reach
/// `1 / SNAPSHOT_EVERY` of all.
const SNAPSHOT_EVERY: u64 = 8;
/// Whether the duplicate and reuse links recorded in the store are given to
/// the clusterer as its reuse signal. Off: on GVA, 15,094 of the 15,581
/// recorded reuse links (and 65 of the 113 duplicates) join pages of
/// *different* incidents (shared boilerplate: subscription prompts, site
/// footers), and with them on, event B³-F1 through ingest fell to 0.846
/// (precision 0.834) against 0.896 for the library without them
/// (`cargo xtask eval clustering-store`, reports/clustering-store.md).
/// The seeds' 000 and 001 share an event without them.
const USE_COPY_LINKS: bool = false;
/// Memberships replayed per read from the store.
const REPLAY_CHUNK: usize = 500;

/// The store's id of an event or story: the clusterer's dense id plus one.
fn row_id(dense: u32) -> i64 {
    i64::from(dense) + 1
}

/// The snapshot format: the encoding and a digest of the settings.
fn format_of(config: &ClusterConfig) -> String {
    let json = serde_json::to_vec(config).expect("cluster settings serialise");
    let digest = blake3::hash(&json).to_hex();
    format!("bincode1-state2-{}", &digest[..16])
}

/// Places a document without a publication day in time from its text
/// ([`veille_extract::document_time`]): the day the text justifies and the
/// earliest day it can have been written ("depuis la dernière guerre de
/// 2020"). Reads `body`, `published` and `lang`; the same document always
/// gets the same answer, so replays and catch-ups agree.
pub fn place_in_time(doc: &mut ClusterDoc) {
    let t = document_time(&DateTagger::default(), &doc.body, doc.published, &doc.lang);
    doc.inferred = t.day.map(|d| d.day);
    doc.not_before = t.not_before.map(|b| b.not_before);
}

/// Day-level dates a document's title and body name, anchored on its
/// publication date, as TIMEX3 values (`2020-10-28`, or `XXXX-10-28` with no
/// anchor): the follow-up link's "names a day of the member's".
pub fn mentioned_dates(
    tagger: &DateTagger,
    title: &str,
    body: &str,
    anchor: Option<PartialDate>,
    lang: &str,
) -> Vec<String> {
    let mut out: Vec<String> = [title, body]
        .iter()
        .flat_map(|t| tagger.tag(t, anchor, lang))
        .filter(|x| {
            // a coarsened day ("le 2 juillet" with no anchor: `XXXX-07-02`)
            // still names its month and day, which is all the clusterer compares
            matches!(x.kind, TimexKind::Date | TimexKind::Time) && x.granularity >= Granularity::Day
        })
        .map(|x| x.value)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What the clusterer needs of a stored document.
fn cluster_doc(store: &Store, id: DocId, doc: &AnalysedDoc) -> Result<ClusterDoc> {
    let text = &doc.clean.text;
    let mut out = ClusterDoc {
        key: id.0 as u64,
        published: doc.clean.published,
        lang: doc.lang.code.clone(),
        title: doc.clean.title.clone().unwrap_or_default(),
        lead: lead_of(text, LEAD_CHARS).to_string(),
        body: text.clone(),
        entities: Vec::new(),
        reuse_links: if USE_COPY_LINKS {
            store
                .copy_links(id)?
                .into_iter()
                .map(|(d, w)| (d.0 as u64, w))
                .collect()
        } else {
            Vec::new()
        },
        mentioned_dates: Vec::new(),
        inferred: None,
        not_before: None,
    };
    out.mentioned_dates = mentioned_dates(
        &DateTagger::default(),
        &out.title,
        &out.body,
        out.published,
        &out.lang,
    );
    place_in_time(&mut out);
    Ok(out)
}

/// The first sentence of a document, cut to [`LABEL_CHARS`] characters.
fn first_sentence(doc: &AnalysedDoc) -> String {
    let s = doc
        .sentences
        .first()
        .and_then(|s| {
            doc.clean
                .text
                .get(s.span.start as usize..s.span.end as usize)
        })
        .unwrap_or(&doc.clean.text);
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= LABEL_CHARS {
        return one_line;
    }
    let cut: String = one_line.chars().take(LABEL_CHARS - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |c| c.0);
    format!("{cut}…")
}

/// The online clusterer of one store.
pub(crate) struct Clusters {
    clusterer: Clusterer,
    format: String,
    /// The last sequence number given.
    seq: u64,
    /// Memberships held by the stored snapshot.
    snapshot_docs: u64,
    /// The highest document processed.
    last_doc: DocId,
    /// Wall time of each part of the work (see [`Part`]).
    spent: [Duration; Part::ALL.len()],
    /// Set while `load` catches up: no snapshot until the end of it.
    catching_up: bool,
}

/// The parts of the cluster stage's work, timed for `veille update --timings`.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// Decoding the snapshot and replaying the memberships it lacks.
    Restore,
    /// Reading documents into `ClusterDoc`s and their features (parallel).
    Features,
    /// Assigning documents to events and stories (sequential).
    Assign,
    /// Labels and spans of the events and stories a batch touched.
    Rows,
    /// Encoding the snapshot.
    Snapshot,
    /// The store transaction.
    Write,
}

impl Part {
    const ALL: [Part; 6] = [
        Part::Restore,
        Part::Features,
        Part::Assign,
        Part::Rows,
        Part::Snapshot,
        Part::Write,
    ];

    fn name(self) -> &'static str {
        match self {
            Part::Restore => "restore",
            Part::Features => "features",
            Part::Assign => "assign",
            Part::Rows => "rows",
            Part::Snapshot => "snapshot",
            Part::Write => "write",
        }
    }
}

impl std::fmt::Debug for Clusters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clusters")
            .field("docs", &self.clusterer.len())
            .field("events", &self.clusterer.n_events())
            .field("stories", &self.clusterer.n_stories())
            .field("seq", &self.seq)
            .finish()
    }
}

/// Why a saved state cannot be used.
enum Stale {
    Settings,
    Undecodable(String),
    Diverged { doc: DocId },
}

impl Clusters {
    /// Runs `f`, adding its wall time to `part`.
    fn timed<T>(&mut self, part: Part, f: impl FnOnce(&mut Self) -> T) -> T {
        let started = Instant::now();
        let out = f(self);
        self.spent[part as usize] += started.elapsed();
        out
    }

    fn fresh(config: ClusterConfig) -> Clusters {
        Clusters {
            format: format_of(&config),
            clusterer: Clusterer::new(config).expect("the default cluster settings are valid"),
            seq: 0,
            snapshot_docs: 0,
            last_doc: DocId(0),
            spent: Default::default(),
            catching_up: false,
        }
    }

    /// Restores the clusterer from the store (snapshot, then replay), then
    /// clusters the documents above the progress mark.
    pub fn load(store: &mut Store) -> Result<Clusters> {
        let started = Instant::now();
        let config = ClusterConfig::default();
        let (mut clusters, replayed) = match Clusters::restore(store, config.clone())? {
            Ok((mut restored, replayed)) => {
                restored.spent[Part::Restore as usize] += started.elapsed();
                (restored, replayed)
            }
            Err(why) => {
                match why {
                    Stale::Settings => {
                        tracing::info!("cluster settings changed: clustering every document again")
                    }
                    Stale::Undecodable(e) => tracing::warn!(
                        error = %e,
                        "cluster snapshot does not decode: clustering every document again"
                    ),
                    Stale::Diverged { doc } => tracing::warn!(
                        doc = %doc,
                        "replayed clusters differ from the recorded ones: clustering every document again"
                    ),
                }
                store.clear_clusters()?;
                (Clusters::fresh(config), 0)
            }
        };
        let after = clusters.last_doc;
        clusters.catching_up = true;
        let caught_up = catch_up(store, &mut clusters, after);
        clusters.catching_up = false;
        let caught_up = caught_up?;
        if clusters.seq > clusters.snapshot_docs && (replayed > 0 || caught_up > 0) {
            clusters.record(store, &[], &[], &[], true)?;
        }
        tracing::info!(
            docs = clusters.clusterer.len(),
            events = clusters.clusterer.n_events(),
            stories = clusters.clusterer.n_stories(),
            replayed,
            caught_up,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "clusters loaded"
        );
        Ok(clusters)
    }

    /// The clusterer as the store last left it, and the number of
    /// memberships replayed; `Err` when the saved state is unusable.
    fn restore(
        store: &Store,
        config: ClusterConfig,
    ) -> Result<std::result::Result<(Clusters, u64), Stale>> {
        let progress = store.cluster_progress()?;
        let mut clusters = Clusters::fresh(config.clone());
        if let Some(snap) = store.cluster_snapshot()? {
            if snap.format != clusters.format {
                return Ok(Err(Stale::Settings));
            }
            let state: ClusterState = match bincode::deserialize(&snap.state) {
                Ok(s) => s,
                Err(e) => return Ok(Err(Stale::Undecodable(e.to_string()))),
            };
            clusters.clusterer =
                Clusterer::from_state(config, state).expect("the default settings are valid");
            clusters.seq = snap.docs;
            clusters.snapshot_docs = snap.docs;
        }
        let missing = store.cluster_members_after(clusters.seq)?;
        let replayed = missing.len() as u64;
        for chunk in missing.chunks(REPLAY_CHUNK) {
            for m in chunk {
                let doc = store.get_doc(m.doc)?.into_analysed();
                let a = clusters.clusterer.add(cluster_doc(store, m.doc, &doc)?);
                if row_id(a.event.0) != m.event || m.seq != clusters.seq + 1 {
                    return Ok(Err(Stale::Diverged { doc: m.doc }));
                }
                clusters.seq = m.seq;
            }
        }
        if clusters.seq != progress.last_seq {
            return Ok(Err(Stale::Diverged {
                doc: progress.last_doc,
            }));
        }
        clusters.last_doc = progress.last_doc;
        Ok(Ok((clusters, replayed)))
    }

    /// Clusters a batch (ids ascending) and records it.
    fn add_docs(&mut self, store: &mut Store, docs: &[StageDoc<'_>]) -> Result<()> {
        let Some(last) = docs.iter().map(|d| d.id).max() else {
            return Ok(());
        };
        // a document already clustered keeps its place (and its sequence number)
        let prepared = self.timed(Part::Features, |c| -> Result<_> {
            let input = docs
                .iter()
                .filter(|d| c.clusterer.event_of(d.id.0 as u64).is_none())
                .map(|d| cluster_doc(store, d.id, d.doc))
                .collect::<Result<Vec<_>>>()?;
            Ok(c.clusterer.prepare(input))
        })?;
        let assigned: Vec<(u64, Assignment)> = self.timed(Part::Assign, |c| {
            prepared
                .into_iter()
                .map(|p| (p.doc.key, c.clusterer.add_prepared(p)))
                .collect()
        });
        let mut members = Vec::with_capacity(assigned.len());
        let mut events = BTreeSet::new();
        let mut stories = BTreeSet::new();
        for (key, a) in &assigned {
            self.seq += 1;
            members.push(MemberRecord {
                doc: DocId(*key as i64),
                event: row_id(a.event.0),
                seq: self.seq,
                score: a.score,
            });
            events.insert(a.event);
            stories.insert(a.story);
        }
        self.last_doc = self.last_doc.max(last);
        let batch: HashMap<u64, &AnalysedDoc> =
            docs.iter().map(|d| (d.id.0 as u64, d.doc)).collect();
        let (event_rows, story_rows) = self.timed(Part::Rows, |c| -> Result<_> {
            let event_rows = events
                .into_iter()
                .map(|e| c.event_row(store, &batch, e))
                .collect::<Result<Vec<_>>>()?;
            let story_rows = stories
                .into_iter()
                .map(|s| c.story_row(store, &batch, s))
                .collect::<Result<Vec<_>>>()?;
            Ok((event_rows, story_rows))
        })?;
        let snapshot =
            !self.catching_up && (self.seq - self.snapshot_docs) * SNAPSHOT_EVERY >= self.seq;
        self.record(store, &story_rows, &event_rows, &members, snapshot)
    }

    /// Writes rows, memberships, the mark and (when asked) a snapshot.
    fn record(
        &mut self,
        store: &mut Store,
        stories: &[StoryRecord],
        events: &[EventRecord],
        members: &[MemberRecord],
        snapshot: bool,
    ) -> Result<()> {
        let snap = snapshot.then(|| {
            self.timed(Part::Snapshot, |c| ClusterSnapshot {
                format: c.format.clone(),
                docs: c.seq,
                state: bincode::serialize(c.clusterer.state())
                    .expect("the clusterer state encodes"),
            })
        });
        let progress = ClusterProgress {
            last_doc: self.last_doc,
            last_seq: self.seq,
        };
        self.timed(Part::Write, |_| {
            store.record_clusters(stories, events, members, snap.as_ref(), progress)
        })?;
        if snap.is_some() {
            self.snapshot_docs = self.seq;
        }
        Ok(())
    }

    fn event_row(
        &self,
        store: &Store,
        batch: &HashMap<u64, &AnalysedDoc>,
        id: EventId,
    ) -> Result<EventRecord> {
        let v = self.clusterer.event(id).expect("an assigned event exists");
        Ok(EventRecord {
            id: row_id(id.0),
            story: row_id(v.story.0),
            label: label_or_first_sentence(store, batch, v.label, &v.members)?,
            first: v.span.map(|s| s.first),
            last: v.span.map(|s| s.last),
        })
    }

    fn story_row(
        &self,
        store: &Store,
        batch: &HashMap<u64, &AnalysedDoc>,
        id: StoryId,
    ) -> Result<StoryRecord> {
        let v = self.clusterer.story(id).expect("an assigned story exists");
        Ok(StoryRecord {
            id: row_id(id.0),
            label: label_or_first_sentence(store, batch, v.label, &v.members)?,
            first: v.span.map(|s| s.first),
            last: v.span.map(|s| s.last),
        })
    }
}

/// `label`, or when it is empty (no member has a title) the first sentence
/// of the first member.
fn label_or_first_sentence(
    store: &Store,
    batch: &HashMap<u64, &AnalysedDoc>,
    label: String,
    members: &[u64],
) -> Result<String> {
    if !label.is_empty() {
        return Ok(label);
    }
    let Some(&first) = members.first() else {
        return Ok(label);
    };
    Ok(match batch.get(&first) {
        Some(doc) => first_sentence(doc),
        None => first_sentence(&store.get_doc(DocId(first as i64))?.into_analysed()),
    })
}

impl Stage for Clusters {
    fn name(&self) -> &'static str {
        "clusters"
    }

    fn add(&mut self, store: &mut Store, docs: &[StageDoc<'_>]) -> Result<()> {
        self.add_docs(store, docs)
    }

    fn parts(&self) -> Vec<(&'static str, Duration)> {
        Part::ALL
            .iter()
            .map(|&p| (p.name(), self.spent[p as usize]))
            .collect()
    }
}

/// An event as `veille events` lists it: the row, and its documents by
/// source id (in date order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventListing {
    #[serde(flatten)]
    pub event: EventSummary,
    pub documents: Vec<String>,
}

/// An event of a story, with its documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryEvent {
    #[serde(flatten)]
    pub event: EventSummary,
    /// In date order (undated first), then id.
    pub documents: Vec<EventDoc>,
}

/// A story with its events in date order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryDetail {
    #[serde(flatten)]
    pub story: StorySummary,
    /// By first date (undated last), then id.
    pub events: Vec<StoryEvent>,
}

/// What a `veille cluster` pass did and what the store holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterReport {
    /// Documents clustered by this pass.
    pub clustered: u64,
    /// Documents clustered in all.
    pub docs: u64,
    pub events: u64,
    pub stories: u64,
}

impl Engine {
    /// Brings the derived stages up to date, clustering every document not
    /// yet in an event.
    pub fn cluster(&mut self) -> Result<ClusterReport> {
        let before = self.store().cluster_progress()?.last_seq;
        self.update()?;
        let after = self.store().cluster_progress()?.last_seq;
        let stories = self.store().stories()?;
        Ok(ClusterReport {
            clustered: after.saturating_sub(before),
            docs: after,
            events: stories.iter().map(|s| s.n_events).sum(),
            stories: stories.len() as u64,
        })
    }

    /// Events, latest first, with their documents' source ids; only those
    /// of `story` when given.
    pub fn events(&self, story: Option<i64>) -> Result<Vec<EventListing>> {
        let store = self.store();
        let mut docs = store.event_docs(story)?;
        Ok(store
            .events(story)?
            .into_iter()
            .map(|event| EventListing {
                documents: docs
                    .remove(&event.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| d.source_id)
                    .collect(),
                event,
            })
            .collect())
    }

    /// Stories, latest first.
    pub fn stories(&self) -> Result<Vec<StorySummary>> {
        Ok(self.store().stories()?)
    }

    /// One story with its events in date order and their documents.
    pub fn story(&self, id: i64) -> Result<StoryDetail> {
        let store = self.store();
        let story = store.story(id)?.ok_or_else(|| {
            Error::User(format!(
                "no story {id} (`veille stories` lists them; `veille cluster` builds them)"
            ))
        })?;
        let mut docs = store.event_docs(Some(id))?;
        let mut events: Vec<StoryEvent> = store
            .events(Some(id))?
            .into_iter()
            .map(|event| StoryEvent {
                documents: docs.remove(&event.id).unwrap_or_default(),
                event,
            })
            .collect();
        events.sort_by(|a, b| {
            (a.event.first.is_none(), a.event.first, a.event.id).cmp(&(
                b.event.first.is_none(),
                b.event.first,
                b.event.id,
            ))
        });
        Ok(StoryDetail { story, events })
    }

    /// The event and story of a document, when it is clustered.
    pub fn event_of(&self, doc: DocId) -> Result<Option<(i64, i64)>> {
        Ok(self.store().event_of(doc)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use veille_model::{Format, Origin, RawDoc};

    const TOPICS: [&str; 3] = [
        "Des missiles ont frappé Barda, tuant des civils près du Karabakh",
        "Les ministres se retrouvent à Moscou pour négocier une trêve",
        "La récolte de blé en Beauce bat tous les records cette année",
    ];

    /// `n` documents on three topics over a few weeks, stored.
    fn stored(store: &mut Store, n: usize, from: usize) -> Vec<(DocId, AnalysedDoc)> {
        let engine_cfg = crate::EngineConfig::new("unused");
        let pipeline = crate::ingest::Pipeline {
            cfg: &engine_cfg,
            cleaner: &veille_text::Cleaner::default(),
            analyser: &veille_text::Analyser::default(),
        };
        let docs: Vec<AnalysedDoc> = (from..from + n)
            .map(|i| {
                let topic = TOPICS[i % 3];
                let mut raw = RawDoc::new(
                    format!("doc-{i}"),
                    Origin {
                        path: "test".into(),
                        line: Some(i as u64 + 1),
                    },
                    Format::Jsonl,
                    format!("{topic}. {topic}, selon le rapport {i}."),
                );
                raw.title = (i % 4 != 0).then(|| format!("{topic} ({i})"));
                // three topics, four months apart
                raw.published =
                    veille_model::PartialDate::day(2020, 1 + 4 * (i % 3) as u8, 1 + (i % 20) as u8);
                pipeline.analyse(raw)
            })
            .collect();
        let ids = store.write_batch(&docs).unwrap();
        ids.into_iter().map(|o| o.id()).zip(docs).collect()
    }

    fn feed(c: &mut Clusters, store: &mut Store, docs: &[(DocId, AnalysedDoc)]) {
        let views: Vec<StageDoc<'_>> = docs
            .iter()
            .map(|(id, doc)| StageDoc { id: *id, doc })
            .collect();
        c.add(store, &views).unwrap();
    }

    #[test]
    fn a_reload_replays_what_the_snapshot_lacks_to_the_same_state() {
        let mut store = Store::open_in_memory().unwrap();
        let mut c = Clusters::load(&mut store).unwrap();
        let first = stored(&mut store, 30, 0);
        feed(&mut c, &mut store, &first);
        // fed twice: nothing changes
        feed(&mut c, &mut store, &first);
        let second = stored(&mut store, 3, 30);
        assert_eq!(store.cluster_snapshot().unwrap().map(|s| s.docs), Some(30));
        // 3 more of 33: below an eighth, no new snapshot
        feed(&mut c, &mut store, &second);
        assert_eq!(store.cluster_snapshot().unwrap().map(|s| s.docs), Some(30));
        assert_eq!(store.cluster_progress().unwrap().last_seq, 33);
        assert!(c.clusterer.n_events() >= 3, "{c:?}");

        let reloaded = Clusters::load(&mut store).unwrap();
        assert_eq!(reloaded.clusterer.state(), c.clusterer.state());
        assert_eq!(reloaded.seq, 33);
        // the load wrote a snapshot holding everything, encoded as before
        let snap = store.cluster_snapshot().unwrap().unwrap();
        assert_eq!(snap.docs, 33);
        assert_eq!(snap.state, bincode::serialize(c.clusterer.state()).unwrap());
        // labels: a title when a member has one, else a first sentence
        let events = store.events(None).unwrap();
        assert_eq!(events.len(), c.clusterer.n_events());
        assert!(events.iter().all(|e| !e.label.is_empty()));
    }

    #[test]
    fn a_snapshot_from_other_settings_starts_over_to_the_same_clusters() {
        let mut store = Store::open_in_memory().unwrap();
        let mut c = Clusters::load(&mut store).unwrap();
        let docs = stored(&mut store, 12, 0);
        feed(&mut c, &mut store, &docs);
        let events = store.events(None).unwrap();
        let snap = store.cluster_snapshot().unwrap().unwrap();
        let other = ClusterSnapshot {
            format: "bincode1-state1-other".into(),
            ..snap
        };
        store
            .record_clusters(
                &[],
                &[],
                &[],
                Some(&other),
                store.cluster_progress().unwrap(),
            )
            .unwrap();
        let again = Clusters::load(&mut store).unwrap();
        assert_eq!(again.clusterer.state(), c.clusterer.state());
        assert_eq!(store.events(None).unwrap(), events);
        assert_eq!(store.cluster_snapshot().unwrap().unwrap().format, c.format);
    }

    #[test]
    fn an_undecodable_snapshot_starts_over_to_the_same_clusters() {
        let mut store = Store::open_in_memory().unwrap();
        let mut c = Clusters::load(&mut store).unwrap();
        let docs = stored(&mut store, 9, 0);
        feed(&mut c, &mut store, &docs);
        let events = store.events(None).unwrap();
        let snap = store.cluster_snapshot().unwrap().unwrap();
        for state in [
            Vec::new(),
            vec![0xff; 7],
            snap.state[..snap.state.len() / 2].to_vec(),
        ] {
            let bad = ClusterSnapshot {
                state,
                ..snap.clone()
            };
            let progress = store.cluster_progress().unwrap();
            store
                .record_clusters(&[], &[], &[], Some(&bad), progress)
                .unwrap();
            let again = Clusters::load(&mut store).unwrap();
            assert_eq!(again.clusterer.state(), c.clusterer.state());
            assert_eq!(store.events(None).unwrap(), events);
        }
    }

    #[test]
    fn first_sentences_are_cut_at_a_word() {
        let mut store = Store::open_in_memory().unwrap();
        let (_, doc) = stored(&mut store, 1, 0).pop().unwrap();
        let s = first_sentence(&doc);
        assert!(s.starts_with("Des missiles"), "{s}");
        let mut long = doc.clone();
        long.clean.text = "mot ".repeat(80);
        long.sentences.clear();
        let s = first_sentence(&long);
        assert!(s.ends_with('…') && s.chars().count() <= LABEL_CHARS, "{s}");
        assert!(s.trim_end_matches('…').ends_with("mot"), "{s}");
    }
}
