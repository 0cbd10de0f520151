//! Entities and their mentions (`migrations/0004_entities.sql`).
//!
//! [`Store::record_entities`] replaces the mentions of the documents it is
//! given, creates the entities they name (by key; the first canonical name
//! and place data win) and moves the `entity_progress` mark, in one
//! transaction: recording the same documents twice leaves the same rows.

use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::collections::HashMap;
use veille_model::{DocId, PartialDate, Span};

/// An entity as the engine hands it over with a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRecord {
    pub key: String,
    /// `person`, `organisation` or `place`.
    pub kind: String,
    pub canonical: String,
    pub country: Option<String>,
    pub lat: Option<f32>,
    pub lon: Option<f32>,
    pub geonameid: Option<u32>,
    /// `country` or `city`.
    pub precision: Option<String>,
}

/// A mention of an entity in a document, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRecord {
    pub span: Span,
    pub sentence: u32,
    pub surface: String,
    /// `name`, `demonym` or `metonym`.
    pub via: String,
    pub role: Option<String>,
    pub entity: EntityRecord,
}

/// An entity with how often it is mentioned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntitySummary {
    pub id: i64,
    pub key: String,
    pub kind: String,
    pub canonical: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<i64>,
    pub precision: Option<String>,
    /// Documents that mention it.
    pub docs: u64,
    pub mentions: u64,
    /// The distinct ways it is written, most frequent first.
    pub aliases: Vec<String>,
}

/// A mention read back with its document and sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionView {
    pub doc: DocId,
    pub source_id: String,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub span: Span,
    pub surface: String,
    pub via: String,
    pub role: Option<String>,
    /// The index of the sentence in its document, and its text.
    pub sentence: u32,
    pub sentence_text: String,
}

/// Which entities to list.
#[derive(Debug, Clone, Default)]
pub struct EntityQuery {
    pub kind: Option<String>,
    /// Only entities whose canonical name or an alias contains this
    /// (case-insensitive).
    pub name: Option<String>,
    pub limit: Option<usize>,
}

const SUMMARY: &str = "
    SELECT e.id, e.key, e.kind, e.canonical, e.country, e.lat, e.lon, e.geonameid, e.precision,
           COUNT(DISTINCT m.doc_id), COUNT(m.doc_id)
    FROM entities e JOIN entity_mentions m ON m.entity_id = e.id";

impl Store {
    /// Replaces the mentions of `docs`, creating the entities they name,
    /// and marks every document up to `done_through` as processed, in one
    /// transaction.
    pub fn record_entities(
        &mut self,
        docs: &[(DocId, Vec<MentionRecord>)],
        done_through: DocId,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut ids: HashMap<String, i64> = HashMap::new();
            let mut delete = tx.prepare_cached("DELETE FROM entity_mentions WHERE doc_id = ?1")?;
            let mut insert_entity = tx.prepare_cached(
                "INSERT INTO entities (key, kind, canonical, country, lat, lon, geonameid, precision)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (key) DO NOTHING",
            )?;
            let mut find = tx.prepare_cached("SELECT id FROM entities WHERE key = ?1")?;
            let mut insert_mention = tx.prepare_cached(
                "INSERT OR REPLACE INTO entity_mentions
                 (doc_id, byte_start, byte_end, entity_id, sentence, surface, via, role)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (doc, mentions) in docs {
                delete.execute([doc.0])?;
                for m in mentions {
                    let e = &m.entity;
                    let id = match ids.get(&e.key) {
                        Some(&id) => id,
                        None => {
                            insert_entity.execute(params![
                                e.key,
                                e.kind,
                                e.canonical,
                                e.country,
                                e.lat.map(f64::from),
                                e.lon.map(f64::from),
                                e.geonameid,
                                e.precision
                            ])?;
                            let id: i64 = find.query_row([&e.key], |r| r.get(0))?;
                            ids.insert(e.key.clone(), id);
                            id
                        }
                    };
                    insert_mention.execute(params![
                        doc.0,
                        m.span.start,
                        m.span.end,
                        id,
                        m.sentence,
                        m.surface,
                        m.via,
                        m.role
                    ])?;
                }
            }
            tx.execute(
                "INSERT INTO entity_progress (id, last_doc) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET last_doc = max(last_doc, excluded.last_doc)",
                [done_through.0],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The highest document id whose entities are recorded (`DocId(0)` when
    /// none is).
    pub fn entity_progress(&self) -> Result<DocId> {
        let last: Option<i64> = self
            .conn
            .query_row(
                "SELECT last_doc FROM entity_progress WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(DocId(last.unwrap_or(0)))
    }

    /// The keys of every person entity (the entity stage indexes them by last
    /// name once, instead of a `LIKE` scan per mention).
    pub fn person_keys(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key FROM entities WHERE kind = 'person'")?;
        let keys = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(keys)
    }

    /// Entities, most mentioned documents first.
    pub fn list_entities(&self, q: &EntityQuery) -> Result<Vec<EntitySummary>> {
        let mut sql = format!("{SUMMARY} WHERE 1 = 1");
        let mut args: Vec<String> = Vec::new();
        if let Some(kind) = &q.kind {
            args.push(kind.clone());
            sql.push_str(&format!(" AND e.kind = ?{}", args.len()));
        }
        if let Some(name) = &q.name {
            args.push(format!("%{}%", name.replace(['%', '_'], "")));
            let n = args.len();
            sql.push_str(&format!(
                " AND (e.canonical LIKE ?{n} OR e.key LIKE ?{n} OR e.id IN
                   (SELECT entity_id FROM entity_mentions WHERE surface LIKE ?{n}))"
            ));
        }
        sql.push_str(
            " GROUP BY e.id ORDER BY COUNT(DISTINCT m.doc_id) DESC, COUNT(m.doc_id) DESC, e.id",
        );
        if let Some(limit) = q.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let mut out = stmt
            .query_map(
                rusqlite::params_from_iter(args.iter()),
                crate::browse::entity_row,
            )?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let mut aliases = self.conn.prepare_cached(
            "SELECT surface FROM entity_mentions WHERE entity_id = ?1
             GROUP BY surface ORDER BY COUNT(*) DESC, surface LIMIT 12",
        )?;
        for e in &mut out {
            e.aliases = aliases
                .query_map([e.id], |r| r.get::<_, String>(0))?
                .collect::<std::result::Result<Vec<_>, _>>()?;
        }
        Ok(out)
    }

    /// The mentions of an entity, by document then position, with their
    /// sentences.
    pub fn entity_mentions(&self, entity: i64, limit: usize) -> Result<Vec<MentionView>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.doc_id, d.source_id, d.title, d.published, m.byte_start, m.byte_end,
                    m.surface, m.via, m.role, m.sentence,
                    CAST(substr(CAST(d.text AS BLOB), s.byte_start + 1, s.byte_end - s.byte_start) AS TEXT)
             FROM entity_mentions m
             JOIN documents d ON d.id = m.doc_id
             LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence
             WHERE m.entity_id = ?1
             ORDER BY m.doc_id, m.byte_start LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![entity, limit as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, i64>(9)?,
                    r.get::<_, Option<String>>(10)?,
                ))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(
                    doc,
                    source_id,
                    title,
                    published,
                    start,
                    end,
                    surface,
                    via,
                    role,
                    sentence,
                    text,
                )| {
                    let published = match published {
                        Some(p) => Some(p.parse::<PartialDate>().map_err(|_| Error::Corrupt {
                            id: doc,
                            what: format!("publication date {p:?}"),
                        })?),
                        None => None,
                    };
                    Ok(MentionView {
                        doc: DocId(doc),
                        source_id,
                        title,
                        published,
                        span: Span::new(start as usize, end as usize),
                        surface,
                        via,
                        role,
                        sentence: sentence as u32,
                        sentence_text: text.unwrap_or_default(),
                    })
                },
            )
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::synthetic;

    fn record(surface: &str, key: &str, kind: &str, start: usize) -> MentionRecord {
        MentionRecord {
            span: Span::new(start, start + surface.len()),
            sentence: 0,
            surface: surface.into(),
            via: "name".into(),
            role: None,
            entity: EntityRecord {
                key: key.into(),
                kind: kind.into(),
                canonical: surface.into(),
                country: Some("AZ".into()),
                lat: Some(40.37),
                lon: Some(47.12),
                geonameid: Some(587057),
                precision: Some("city".into()),
            },
        }
    }

    #[test]
    fn entities_round_trip_and_re_recording_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let ids: Vec<DocId> = store
            .write_batch(&[synthetic("a", 2, 1), synthetic("b", 2, 2)])
            .unwrap()
            .iter()
            .map(|o| o.id())
            .collect();
        let docs = vec![
            (
                ids[0],
                vec![
                    record("Barda", "geo:587057", "place", 0),
                    record("Aliev", "per:aliev", "person", 10),
                ],
            ),
            (ids[1], vec![record("Bərdə", "geo:587057", "place", 3)]),
        ];
        store.record_entities(&docs, ids[1]).unwrap();
        store.record_entities(&docs, ids[1]).unwrap();
        assert_eq!(store.entity_progress().unwrap(), ids[1]);
        let all = store.list_entities(&EntityQuery::default()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(
            (all[0].key.as_str(), all[0].docs, all[0].mentions),
            ("geo:587057", 2, 2)
        );
        assert_eq!(all[0].aliases.len(), 2);
        let found = store
            .list_entities(&EntityQuery {
                name: Some("bərdə".into()),
                ..EntityQuery::default()
            })
            .unwrap();
        assert_eq!(found.len(), 1);
        let mentions = store.entity_mentions(all[0].id, 10).unwrap();
        assert_eq!(mentions.len(), 2);
        assert_eq!(mentions[0].doc, ids[0]);
        assert!(!mentions[0].sentence_text.is_empty());
        assert_eq!(store.person_keys().unwrap(), vec!["per:aliev".to_string()]);
    }
}
