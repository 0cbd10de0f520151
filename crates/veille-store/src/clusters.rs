//! Events and stories (migration `0005_clusters.sql`).
//!
//! The store keeps what the engine's online clusterer decided, never decides
//! itself: [`Store::record_clusters`] writes, in one transaction, the rows of
//! the events and stories a batch touched (upserts: labels and spans change
//! as documents join), the new memberships, optionally a snapshot of the
//! clusterer's state, and the progress mark. Recording the same decisions
//! twice leaves the same rows, so a killed run re-run gives the same store.
//!
//! The snapshot is an opaque blob (the engine encodes it) with a `format`
//! string naming the encoding and settings; it holds the memberships up to
//! its `docs` sequence number, and [`Store::cluster_members_after`] gives the
//! later ones to replay.
//!
//! Reads join `documents` for source ids, titles and publishers. A
//! document's *source* is its publisher (`site`); a document without one
//! counts as a source of its own, so `n_sources` never undercounts.

use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use veille_model::{DocId, PartialDate};

/// An event's row: its label, date span and story.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub id: i64,
    pub story: i64,
    pub label: String,
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
}

/// A story's row.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRecord {
    pub id: i64,
    pub label: String,
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
}

/// A document's event, the order the clusterer took it in and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemberRecord {
    pub doc: DocId,
    pub event: i64,
    pub seq: u64,
    pub score: f32,
}

/// Where the cluster stage stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterProgress {
    /// The highest document id processed (`DocId(0)` when none is).
    pub last_doc: DocId,
    /// The last sequence number given (0 when none is).
    pub last_seq: u64,
}

impl Default for ClusterProgress {
    fn default() -> ClusterProgress {
        ClusterProgress {
            last_doc: DocId(0),
            last_seq: 0,
        }
    }
}

/// A saved state of the clusterer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterSnapshot {
    /// The encoding and settings the blob was written with.
    pub format: String,
    /// The memberships it holds: `seq` 1 to `docs`.
    pub docs: u64,
    pub state: Vec<u8>,
}

/// An event as listed: label, span, story, counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: i64,
    pub story: i64,
    pub label: String,
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
    pub n_docs: u64,
    /// Distinct publishers (a document without one counts as its own).
    pub n_sources: u64,
}

/// A story as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySummary {
    pub id: i64,
    pub label: String,
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
    pub n_events: u64,
    pub n_docs: u64,
    /// Distinct publishers (a document without one counts as its own).
    pub n_sources: u64,
}

/// A member document of an event, as a listing shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDoc {
    pub event: i64,
    pub id: DocId,
    pub source_id: String,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub site: Option<String>,
    /// The score it joined its event with.
    pub score: f32,
}

const UPSERT_STORY: &str = "INSERT INTO stories (id, label, first_date, last_date)
    VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (id) DO UPDATE SET label = excluded.label,
        first_date = excluded.first_date, last_date = excluded.last_date";

const UPSERT_EVENT: &str = "INSERT INTO events (id, story_id, label, first_date, last_date)
    VALUES (?1, ?2, ?3, ?4, ?5)
    ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id, label = excluded.label,
        first_date = excluded.first_date, last_date = excluded.last_date";

const UPSERT_MEMBER: &str = "INSERT INTO event_members (doc_id, event_id, seq, score)
    VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (doc_id) DO UPDATE SET event_id = excluded.event_id, seq = excluded.seq,
        score = excluded.score";

/// The publisher a document counts as.
const SOURCE_KEY: &str = "coalesce('site:' || d.site, 'doc:' || d.source_id)";

fn corrupt(id: i64, what: String) -> Error {
    Error::Corrupt { id, what }
}

fn date(id: i64, s: Option<String>) -> Result<Option<PartialDate>> {
    s.map(|s| {
        s.parse::<PartialDate>()
            .map_err(|_| corrupt(id, format!("date {s:?}")))
    })
    .transpose()
}

fn seq_of(v: u64) -> Result<i64> {
    i64::try_from(v).map_err(|_| Error::OutOfRange {
        what: "cluster sequence",
        value: v,
    })
}

/// `column = ?1` when `id` is given, else a condition every row meets.
/// `?1 IS NULL OR column = ?1` made SQLite scan every event membership
/// even for one story (31 ms a call on 4,000 OrangeSum documents, growing
/// with the store; 0.5–2 ms with the plain equality).
fn only(column: &str, id: Option<i64>) -> String {
    match id {
        Some(_) => format!("{column} = ?1"),
        None => "?1 IS NULL".into(),
    }
}

fn count(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

impl Store {
    /// Records stories, events and memberships, an optional snapshot of the
    /// clusterer and the progress mark, in one transaction. The mark never
    /// goes back.
    pub fn record_clusters(
        &mut self,
        stories: &[StoryRecord],
        events: &[EventRecord],
        members: &[MemberRecord],
        snapshot: Option<&ClusterSnapshot>,
        progress: ClusterProgress,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut upsert = tx.prepare_cached(UPSERT_STORY)?;
            for s in stories {
                upsert.execute(params![
                    s.id,
                    s.label,
                    s.first.map(|d| d.to_string()),
                    s.last.map(|d| d.to_string())
                ])?;
            }
            let mut upsert = tx.prepare_cached(UPSERT_EVENT)?;
            for e in events {
                upsert.execute(params![
                    e.id,
                    e.story,
                    e.label,
                    e.first.map(|d| d.to_string()),
                    e.last.map(|d| d.to_string())
                ])?;
            }
            let mut upsert = tx.prepare_cached(UPSERT_MEMBER)?;
            for m in members {
                upsert.execute(params![
                    m.doc.0,
                    m.event,
                    seq_of(m.seq)?,
                    f64::from(m.score)
                ])?;
            }
            if let Some(s) = snapshot {
                tx.execute(
                    "INSERT INTO cluster_state (id, format, docs, state) VALUES (1, ?1, ?2, ?3)
                     ON CONFLICT (id) DO UPDATE SET format = excluded.format,
                         docs = excluded.docs, state = excluded.state",
                    params![s.format, seq_of(s.docs)?, s.state],
                )?;
            }
            tx.execute(
                "INSERT INTO cluster_progress (id, last_doc, last_seq) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET last_doc = max(last_doc, excluded.last_doc),
                     last_seq = max(last_seq, excluded.last_seq)",
                params![progress.last_doc.0, seq_of(progress.last_seq)?],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Where the cluster stage stands.
    pub fn cluster_progress(&self) -> Result<ClusterProgress> {
        let row: Option<(i64, i64)> = self
            .conn
            .query_row(
                "SELECT last_doc, last_seq FROM cluster_progress WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(
            row.map_or_else(ClusterProgress::default, |(d, s)| ClusterProgress {
                last_doc: DocId(d),
                last_seq: count(s),
            }),
        )
    }

    /// The saved state of the clusterer, if any.
    pub fn cluster_snapshot(&self) -> Result<Option<ClusterSnapshot>> {
        Ok(self
            .conn
            .query_row(
                "SELECT format, docs, state FROM cluster_state WHERE id = 1",
                [],
                |r| {
                    Ok(ClusterSnapshot {
                        format: r.get(0)?,
                        docs: count(r.get(1)?),
                        state: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// The memberships after sequence number `seq`, in sequence order: what
    /// a snapshot holding `seq` documents lacks.
    pub fn cluster_members_after(&self, seq: u64) -> Result<Vec<MemberRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, event_id, seq, score FROM event_members WHERE seq > ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([seq_of(seq)?], |r| {
            Ok(MemberRecord {
                doc: DocId(r.get(0)?),
                event: r.get(1)?,
                seq: count(r.get(2)?),
                score: r.get::<_, f64>(3)? as f32,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forgets every event, story, membership, snapshot and the progress
    /// mark (the clusterer's settings changed: it starts over).
    pub fn clear_clusters(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM event_members; DELETE FROM events; DELETE FROM stories;
             DELETE FROM cluster_state; DELETE FROM cluster_progress;",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Events with their counts, latest first (by last date, undated last,
    /// then id); only those of `story` when given.
    pub fn events(&self, story: Option<i64>) -> Result<Vec<EventSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT e.id, e.story_id, e.label, e.first_date, e.last_date,
                    count(m.doc_id), count(DISTINCT {SOURCE_KEY})
             FROM events e JOIN event_members m ON m.event_id = e.id
                  JOIN documents d ON d.id = m.doc_id
             WHERE {}
             GROUP BY e.id
             ORDER BY e.last_date IS NULL, e.last_date DESC, e.id",
            only("e.story_id", story)
        ))?;
        let mut rows = stmt.query([story])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            out.push(EventSummary {
                id,
                story: r.get(1)?,
                label: r.get(2)?,
                first: date(id, r.get(3)?)?,
                last: date(id, r.get(4)?)?,
                n_docs: count(r.get(5)?),
                n_sources: count(r.get(6)?),
            });
        }
        Ok(out)
    }

    /// Stories with their counts, latest first (by last date, undated last,
    /// then id).
    pub fn stories(&self) -> Result<Vec<StorySummary>> {
        self.story_rows(None)
    }

    /// One story, or `None` when there is no such id.
    pub fn story(&self, id: i64) -> Result<Option<StorySummary>> {
        Ok(self.story_rows(Some(id))?.pop())
    }

    fn story_rows(&self, only_id: Option<i64>) -> Result<Vec<StorySummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT s.id, s.label, s.first_date, s.last_date, count(DISTINCT e.id),
                    count(m.doc_id), count(DISTINCT {SOURCE_KEY})
             FROM stories s JOIN events e ON e.story_id = s.id
                  JOIN event_members m ON m.event_id = e.id
                  JOIN documents d ON d.id = m.doc_id
             WHERE {}
             GROUP BY s.id
             ORDER BY s.last_date IS NULL, s.last_date DESC, s.id",
            only("s.id", only_id)
        ))?;
        let mut rows = stmt.query([only_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            out.push(StorySummary {
                id,
                label: r.get(1)?,
                first: date(id, r.get(2)?)?,
                last: date(id, r.get(3)?)?,
                n_events: count(r.get(4)?),
                n_docs: count(r.get(5)?),
                n_sources: count(r.get(6)?),
            });
        }
        Ok(out)
    }

    /// The member documents of events, by event id; each event's documents
    /// in date order (undated first), then id. `None` gives every event's.
    pub fn event_docs(&self, story: Option<i64>) -> Result<HashMap<i64, Vec<EventDoc>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT m.event_id, d.id, d.source_id, d.title, d.published, d.site, m.score
             FROM event_members m JOIN documents d ON d.id = m.doc_id
                  JOIN events e ON e.id = m.event_id
             WHERE {}
             ORDER BY m.event_id, d.published IS NOT NULL, d.published, d.id",
            only("e.story_id", story)
        ))?;
        let mut rows = stmt.query([story])?;
        let mut out: HashMap<i64, Vec<EventDoc>> = HashMap::new();
        while let Some(r) = rows.next()? {
            let event: i64 = r.get(0)?;
            let id: i64 = r.get(1)?;
            out.entry(event).or_default().push(EventDoc {
                event,
                id: DocId(id),
                source_id: r.get(2)?,
                title: r.get(3)?,
                published: date(id, r.get(4)?)?,
                site: r.get(5)?,
                score: r.get::<_, f64>(6)? as f32,
            });
        }
        Ok(out)
    }

    /// The earlier documents `doc` copies, with a weight in `[0, 1]`: the
    /// document it duplicates (its score, 1 when exact) and those it copies
    /// sentences from (the share of its sentences), by document id.
    pub fn copy_links(&self, doc: DocId) -> Result<Vec<(DocId, f32)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT of_doc, coalesce(score, 1.0) FROM dup_members
             WHERE doc_id = ?1 AND of_doc IS NOT NULL
             UNION ALL
             SELECT source_doc_id, share FROM reuse_links WHERE doc_id = ?1
             ORDER BY 1, 2",
        )?;
        let rows = stmt.query_map([doc.0], |r| {
            Ok((DocId(r.get(0)?), r.get::<_, f64>(1)?.clamp(0.0, 1.0) as f32))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The event (and its story) of a document, when it is clustered.
    pub fn event_of(&self, doc: DocId) -> Result<Option<(i64, i64)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT e.id, e.story_id FROM event_members m JOIN events e ON e.id = m.event_id
                 WHERE m.doc_id = ?1",
                [doc.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::synthetic;

    fn store_with(n: usize) -> (Store, Vec<DocId>) {
        let mut store = Store::open_in_memory().unwrap();
        let docs: Vec<_> = (0..n)
            .map(|i| synthetic(&format!("s{i}"), 2, i as u32))
            .collect();
        let ids = store
            .write_batch(&docs)
            .unwrap()
            .iter()
            .map(|o| o.id())
            .collect();
        (store, ids)
    }

    fn day(s: &str) -> Option<PartialDate> {
        s.parse().ok()
    }

    #[test]
    fn records_clusters_idempotently_and_lists_them_with_counts() {
        let (mut store, ids) = store_with(3);
        assert_eq!(
            store.cluster_progress().unwrap(),
            ClusterProgress::default()
        );
        assert!(store.cluster_snapshot().unwrap().is_none());
        let stories = [StoryRecord {
            id: 1,
            label: "la guerre".into(),
            first: day("2020-10-27"),
            last: day("2020-10-28"),
        }];
        let events = [
            EventRecord {
                id: 1,
                story: 1,
                label: "frappe".into(),
                first: day("2020-10-28"),
                last: day("2020-10-28"),
            },
            EventRecord {
                id: 2,
                story: 1,
                label: "négociations".into(),
                first: day("2020-10-27"),
                last: day("2020-10-27"),
            },
        ];
        let members = [
            MemberRecord {
                doc: ids[0],
                event: 1,
                seq: 1,
                score: 0.0,
            },
            MemberRecord {
                doc: ids[1],
                event: 1,
                seq: 2,
                score: 0.4,
            },
            MemberRecord {
                doc: ids[2],
                event: 2,
                seq: 3,
                score: 0.05,
            },
        ];
        let snap = ClusterSnapshot {
            format: "test-1".into(),
            docs: 2,
            state: vec![1, 2, 3],
        };
        let progress = ClusterProgress {
            last_doc: ids[2],
            last_seq: 3,
        };
        for _ in 0..2 {
            store
                .record_clusters(&stories, &events, &members, Some(&snap), progress)
                .unwrap();
        }
        assert_eq!(store.cluster_progress().unwrap(), progress);
        assert_eq!(store.cluster_snapshot().unwrap(), Some(snap));
        let after = store.cluster_members_after(2).unwrap();
        assert_eq!(after, vec![members[2]]);

        let listed = store.events(None).unwrap();
        assert_eq!(listed.len(), 2);
        // latest first
        assert_eq!((listed[0].id, listed[0].n_docs), (1, 2));
        // the synthetic documents share a publisher
        assert_eq!(listed[0].n_sources, 1);
        assert_eq!(listed[1].label, "négociations");
        let s = store.stories().unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].n_events, s[0].n_docs, s[0].n_sources), (2, 3, 1));
        assert_eq!(store.story(1).unwrap().unwrap().label, "la guerre");
        assert_eq!(store.story(9).unwrap(), None);
        let docs = store.event_docs(Some(1)).unwrap();
        assert_eq!(
            docs[&1]
                .iter()
                .map(|d| d.source_id.as_str())
                .collect::<Vec<_>>(),
            ["s0", "s1"]
        );
        assert_eq!(store.event_of(ids[2]).unwrap(), Some((2, 1)));

        // a label changes as documents join; progress never goes back
        let relabelled = EventRecord {
            label: "frappe sur Barda".into(),
            ..events[0].clone()
        };
        store
            .record_clusters(
                &[],
                &[relabelled],
                &[],
                None,
                ClusterProgress {
                    last_doc: ids[0],
                    last_seq: 1,
                },
            )
            .unwrap();
        assert_eq!(store.cluster_progress().unwrap(), progress);
        assert_eq!(store.events(Some(1)).unwrap()[0].label, "frappe sur Barda");

        store.clear_clusters().unwrap();
        assert!(store.events(None).unwrap().is_empty());
        assert_eq!(
            store.cluster_progress().unwrap(),
            ClusterProgress::default()
        );
    }

    #[test]
    fn a_bad_stored_date_is_reported_corrupt() {
        let (mut store, ids) = store_with(1);
        let story = StoryRecord {
            id: 1,
            label: "x".into(),
            first: None,
            last: None,
        };
        let event = EventRecord {
            id: 1,
            story: 1,
            label: "x".into(),
            first: None,
            last: None,
        };
        let member = MemberRecord {
            doc: ids[0],
            event: 1,
            seq: 1,
            score: 0.0,
        };
        store
            .record_clusters(
                &[story],
                &[event],
                &[member],
                None,
                ClusterProgress::default(),
            )
            .unwrap();
        store
            .conn
            .execute("UPDATE events SET first_date = 'soon' WHERE id = 1", [])
            .unwrap();
        assert!(matches!(
            store.events(None).unwrap_err(),
            Error::Corrupt { .. }
        ));
    }
}
