//! Duplicate groups and sentence-reuse links (schema v2,
//! `migrations/0002_duplicates.sql`).
//!
//! The store only keeps what the engine's incremental indexes decided:
//! [`Store::record_duplicates`] writes the members of the groups a batch
//! touched, the reuse links of its new documents and the progress mark in
//! one transaction, with upserts, so recording the same decisions twice
//! leaves the same rows. Reads join the documents for ids and titles.

use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use veille_model::{DocId, PartialDate};

/// How a document entered its duplicate group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DupKind {
    /// It was new when added; later documents copied it.
    First,
    /// Same normalised text as an earlier document.
    Exact,
    /// Shingle sets similar to an earlier document.
    Near,
}

impl DupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DupKind::First => "first",
            DupKind::Exact => "exact",
            DupKind::Near => "near",
        }
    }

    fn parse(id: i64, s: &str) -> Result<DupKind> {
        match s {
            "first" => Ok(DupKind::First),
            "exact" => Ok(DupKind::Exact),
            "near" => Ok(DupKind::Near),
            other => Err(corrupt(id, format!("duplicate kind {other:?}"))),
        }
    }
}

/// The membership of one document in a duplicate group, as recorded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DupRecord {
    pub doc: DocId,
    /// The canonical member of the group.
    pub group: DocId,
    pub kind: DupKind,
    /// The earlier document it copies (`None` for [`DupKind::First`]).
    pub of: Option<DocId>,
    /// 1 for exact, the shingle Jaccard for near, `None` for first.
    pub score: Option<f32>,
}

/// Document `doc` copies sentences from the earlier document `source`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReuseRecord {
    pub doc: DocId,
    pub source: DocId,
    pub sentences: u32,
    pub verbatim: u32,
    /// `sentences` over all sentences of `doc`.
    pub share: f32,
}

/// A member of a duplicate group, with what a listing shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupMember {
    pub id: DocId,
    pub source_id: String,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub kind: DupKind,
    pub of: Option<DocId>,
    pub score: Option<f32>,
}

/// A group of duplicates: its canonical member and all members in id order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupGroup {
    pub canonical: DocId,
    pub source_id: String,
    pub title: Option<String>,
    pub size: usize,
    pub members: Vec<DupMember>,
}

/// One edge of the reuse graph, with the other document's id and title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReuseLink {
    /// The document that copies.
    pub doc: DocId,
    /// The earlier document copied from.
    pub source: DocId,
    /// Source id and title of the other end (the source for
    /// [`Store::reuse_sources`], the copier for [`Store::reused_by`]).
    pub other_source_id: String,
    pub other_title: Option<String>,
    pub sentences: u32,
    pub verbatim: u32,
    pub share: f32,
}

const UPSERT_MEMBER: &str = "INSERT INTO dup_members (doc_id, group_id, kind, of_doc, score)
    VALUES (?1, ?2, ?3, ?4, ?5)
    ON CONFLICT (doc_id) DO UPDATE SET group_id = excluded.group_id,
        kind = excluded.kind, of_doc = excluded.of_doc, score = excluded.score";

const UPSERT_LINK: &str =
    "INSERT INTO reuse_links (doc_id, source_doc_id, sentences, verbatim, share)
    VALUES (?1, ?2, ?3, ?4, ?5)
    ON CONFLICT (doc_id, source_doc_id) DO UPDATE SET sentences = excluded.sentences,
        verbatim = excluded.verbatim, share = excluded.share";

pub(crate) const LINK_COLUMNS: &str =
    "l.doc_id, l.source_doc_id, d.source_id, d.title, l.sentences, \
     l.verbatim, l.share";

fn corrupt(id: i64, what: String) -> Error {
    Error::Corrupt { id, what }
}

fn count(id: i64, v: i64, what: &str) -> Result<u32> {
    u32::try_from(v).map_err(|_| corrupt(id, format!("{what} count {v}")))
}

pub(crate) fn link(row: &rusqlite::Row<'_>) -> Result<ReuseLink> {
    let doc: i64 = row.get(0)?;
    Ok(ReuseLink {
        doc: DocId(doc),
        source: DocId(row.get(1)?),
        other_source_id: row.get(2)?,
        other_title: row.get(3)?,
        sentences: count(doc, row.get(4)?, "reused sentence")?,
        verbatim: count(doc, row.get(5)?, "verbatim sentence")?,
        share: row.get::<_, f64>(6)? as f32,
    })
}

fn date(id: i64, s: Option<String>) -> Result<Option<PartialDate>> {
    s.map(|s| {
        s.parse::<PartialDate>()
            .map_err(|_| corrupt(id, format!("date {s:?}")))
    })
    .transpose()
}

impl Store {
    /// Records duplicate memberships and reuse links, and marks every
    /// document up to `done_through` as processed, in one transaction.
    pub fn record_duplicates(
        &mut self,
        members: &[DupRecord],
        links: &[ReuseRecord],
        done_through: DocId,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut upsert = tx.prepare_cached(UPSERT_MEMBER)?;
            for m in members {
                upsert.execute(params![
                    m.doc.0,
                    m.group.0,
                    m.kind.as_str(),
                    m.of.map(|d| d.0),
                    m.score.map(f64::from)
                ])?;
            }
            let mut upsert = tx.prepare_cached(UPSERT_LINK)?;
            for l in links {
                upsert.execute(params![
                    l.doc.0,
                    l.source.0,
                    i64::from(l.sentences),
                    i64::from(l.verbatim),
                    f64::from(l.share)
                ])?;
            }
            tx.execute(
                "INSERT INTO dedup_progress (id, last_doc) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET last_doc = max(last_doc, excluded.last_doc)",
                [done_through.0],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The highest document id whose duplicates and reuse are recorded
    /// (`DocId(0)` when none is).
    pub fn dedup_progress(&self) -> Result<DocId> {
        let last: Option<i64> = self
            .conn
            .query_row(
                "SELECT last_doc FROM dedup_progress WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(DocId(last.unwrap_or(0)))
    }

    /// Every duplicate group, largest first, then by canonical id; members
    /// in id order.
    pub fn duplicate_groups(&self) -> Result<Vec<DupGroup>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.group_id, m.doc_id, d.source_id, d.title, d.published, m.kind,
                    m.of_doc, m.score
             FROM dup_members m JOIN documents d ON d.id = m.doc_id
             ORDER BY m.group_id, m.doc_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut groups: Vec<DupGroup> = Vec::new();
        while let Some(row) = rows.next()? {
            let group = DocId(row.get(0)?);
            let id: i64 = row.get(1)?;
            let kind: String = row.get(5)?;
            let member = DupMember {
                id: DocId(id),
                source_id: row.get(2)?,
                title: row.get(3)?,
                published: date(id, row.get(4)?)?,
                kind: DupKind::parse(id, &kind)?,
                of: row.get::<_, Option<i64>>(6)?.map(DocId),
                score: row.get::<_, Option<f64>>(7)?.map(|s| s as f32),
            };
            match groups.last_mut() {
                Some(g) if g.canonical == group => g.members.push(member),
                _ => groups.push(DupGroup {
                    canonical: group,
                    source_id: String::new(),
                    title: None,
                    size: 0,
                    members: vec![member],
                }),
            }
        }
        for g in &mut groups {
            g.size = g.members.len();
            let canonical = g
                .members
                .iter()
                .find(|m| m.id == g.canonical)
                .ok_or_else(|| {
                    corrupt(
                        g.canonical.0,
                        "duplicate group without its canonical".into(),
                    )
                })?;
            g.source_id = canonical.source_id.clone();
            g.title = canonical.title.clone();
        }
        groups.sort_by(|a, b| b.size.cmp(&a.size).then(a.canonical.cmp(&b.canonical)));
        Ok(groups)
    }

    /// The earlier documents `doc` copies sentences from, most copied first.
    pub fn reuse_sources(&self, doc: DocId) -> Result<Vec<ReuseLink>> {
        self.links("l.source_doc_id", "l.doc_id", "l.source_doc_id", doc)
    }

    /// The later documents that copy sentences from `doc`, most copied first.
    pub fn reused_by(&self, doc: DocId) -> Result<Vec<ReuseLink>> {
        self.links("l.doc_id", "l.source_doc_id", "l.doc_id", doc)
    }

    /// Reuse links whose `key` column is `doc`, joined to the document on
    /// `shown` (the other end), ordered by copied sentences then `order`.
    fn links(&self, shown: &str, key: &str, order: &str, doc: DocId) -> Result<Vec<ReuseLink>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LINK_COLUMNS} FROM reuse_links l JOIN documents d ON d.id = {shown}
             WHERE {key} = ?1 ORDER BY l.sentences DESC, {order}"
        ))?;
        let mut rows = stmt.query([doc.0])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(link(row)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::synthetic;

    fn three() -> (Store, Vec<DocId>) {
        let mut store = Store::open_in_memory().unwrap();
        let ids = store
            .write_batch(&[
                synthetic("a", 2, 1),
                synthetic("b", 2, 2),
                synthetic("c", 3, 3),
            ])
            .unwrap()
            .iter()
            .map(|o| o.id())
            .collect();
        (store, ids)
    }

    #[test]
    fn records_groups_and_links_and_rewrites_them_idempotently() {
        let (mut store, ids) = three();
        assert_eq!(store.dedup_progress().unwrap(), DocId(0));
        let members = [
            DupRecord {
                doc: ids[0],
                group: ids[0],
                kind: DupKind::First,
                of: None,
                score: None,
            },
            DupRecord {
                doc: ids[1],
                group: ids[0],
                kind: DupKind::Exact,
                of: Some(ids[0]),
                score: Some(1.0),
            },
        ];
        let links = [ReuseRecord {
            doc: ids[2],
            source: ids[0],
            sentences: 2,
            verbatim: 1,
            share: 2.0 / 3.0,
        }];
        for _ in 0..2 {
            store.record_duplicates(&members, &links, ids[2]).unwrap();
        }
        assert_eq!(store.dedup_progress().unwrap(), ids[2]);
        let groups = store.duplicate_groups().unwrap();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].canonical, ids[0]);
        assert_eq!(groups[0].source_id, "a");
        assert_eq!(groups[0].size, 2);
        assert_eq!(groups[0].members[1].kind, DupKind::Exact);
        assert_eq!(groups[0].members[1].of, Some(ids[0]));
        let l = store.reuse_sources(ids[2]).unwrap();
        assert_eq!(l.len(), 1);
        assert_eq!((l[0].source, l[0].sentences, l[0].verbatim), (ids[0], 2, 1));
        assert_eq!(l[0].other_source_id, "a");
        let back = store.reused_by(ids[0]).unwrap();
        assert_eq!(back[0].doc, ids[2]);
        assert_eq!(back[0].other_source_id, "c");
        assert!(store.reuse_sources(ids[0]).unwrap().is_empty());

        // the canonical changes when an earlier copy joins: rows are updated
        let moved = DupRecord {
            group: ids[1],
            ..members[0]
        };
        let second = DupRecord {
            group: ids[1],
            ..members[1]
        };
        store
            .record_duplicates(&[moved, second], &[], ids[1])
            .unwrap();
        let groups = store.duplicate_groups().unwrap();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].canonical, ids[1]);
        // progress never goes back
        assert_eq!(store.dedup_progress().unwrap(), ids[2]);
    }

    #[test]
    fn a_group_without_its_canonical_is_reported_corrupt() {
        let (mut store, ids) = three();
        let r = DupRecord {
            doc: ids[1],
            group: ids[0],
            kind: DupKind::Near,
            of: Some(ids[0]),
            score: Some(0.7),
        };
        store.record_duplicates(&[r], &[], ids[1]).unwrap();
        assert!(matches!(
            store.duplicate_groups().unwrap_err(),
            Error::Corrupt { .. }
        ));
    }
}
