//! Reads for the story views (timeline, summaries, contradictions, exports):
//! which documents a scope holds and which entities each sentence names.
//!
//! Nothing here is written: the views are computed from what the derived
//! stages recorded (facts, entities, clusters, duplicates).

use crate::read::CURRENT;
use crate::{Result, Store};
use serde::Serialize;
use veille_model::{DocId, Span};

/// An entity named in a document, with what the store knows of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocMention {
    pub entity: i64,
    /// The grouping key (`country:AZ`, `geo:587057`, `per:…`).
    pub key: String,
    /// `person`, `organisation` or `place`.
    pub kind: String,
    pub canonical: String,
    /// ISO country code, when known.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// `country` or `city` for places.
    pub precision: Option<String>,
    pub sentence: u32,
    pub span: Span,
    pub surface: String,
    /// `name`, `demonym` or `metonym`.
    pub via: String,
}

/// A document of a scope, with its event and story when clustered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScopeDoc {
    pub doc: DocId,
    pub event: Option<i64>,
    pub story: Option<i64>,
}

const SCOPE_SELECT: &str = "SELECT d.id, e.id, e.story_id FROM documents d
     LEFT JOIN event_members m ON m.doc_id = d.id
     LEFT JOIN events e ON e.id = m.event_id";

impl Store {
    /// The entities named in `doc`, in text order.
    pub fn doc_mentions(&self, doc: DocId) -> Result<Vec<DocMention>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.kind, e.canonical, e.country, e.lat, e.lon, e.precision,
                    m.sentence, m.byte_start, m.byte_end, m.surface, e.key, m.via
             FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
             WHERE m.doc_id = ?1 ORDER BY m.byte_start, e.id",
        )?;
        let rows = stmt.query_map([doc.0], |r| {
            let (s, e): (i64, i64) = (r.get(8)?, r.get(9)?);
            Ok(DocMention {
                entity: r.get(0)?,
                kind: r.get(1)?,
                canonical: r.get(2)?,
                country: r.get(3)?,
                lat: r.get(4)?,
                lon: r.get(5)?,
                precision: r.get(6)?,
                sentence: r.get::<_, i64>(7)?.clamp(0, u32::MAX as i64) as u32,
                span: Span::new(s.max(0) as usize, e.max(s).max(0) as usize),
                surface: r.get(10)?,
                key: r.get(11)?,
                via: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The current documents of a story (every story when `None`), in id
    /// order, with their event and story; unclustered documents are listed
    /// only when `story` is `None`.
    pub fn scope_docs(&self, story: Option<i64>) -> Result<Vec<ScopeDoc>> {
        // one story: its members through the story index, not a scan of
        // every document (sqlite3 shell, 4,000 OrangeSum documents, a story
        // of 111, loaded machine: 63–184 ms scanning, 17 ms so)
        let scope = match story {
            Some(_) => format!("d.id IN ({})", crate::story_reads::STORY_DOCS),
            None => "?1 IS NULL".into(),
        };
        let sql = format!("{SCOPE_SELECT} WHERE {CURRENT} AND {scope} ORDER BY d.id");
        self.scope_rows(&sql, story)
    }

    /// The current documents that mention any of `entities`, in id order.
    pub fn entity_docs(&self, entities: &[i64]) -> Result<Vec<ScopeDoc>> {
        let mut out = Vec::new();
        let sql = format!(
            "{SCOPE_SELECT} WHERE {CURRENT} AND d.id IN
                 (SELECT doc_id FROM entity_mentions WHERE entity_id = ?1) ORDER BY d.id"
        );
        for &e in entities {
            out.extend(self.scope_rows(&sql, Some(e))?);
        }
        out.sort_by_key(|d| d.doc);
        out.dedup_by_key(|d| d.doc);
        Ok(out)
    }

    fn scope_rows(&self, sql: &str, arg: Option<i64>) -> Result<Vec<ScopeDoc>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([arg], |r| {
            Ok(ScopeDoc {
                doc: DocId(r.get(0)?),
                event: r.get(1)?,
                story: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
