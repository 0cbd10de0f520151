//! Read queries for browsing (the web UI and its API): how many documents a
//! story gets each day (sparklines), the documents of a story, the
//! entities a story names (its map), and one entity by id.
//!
//! Every query is one SQL statement over the indexed membership and mention
//! tables, so a page costs the same whatever the store's size; counts are
//! within the story, not store-wide.

use crate::{EntitySummary, Result, Store};
use rusqlite::OptionalExtension;
use serde::Serialize;
use std::collections::HashMap;
use veille_model::DocId;

/// Documents published on one day (`YYYY-MM-DD`; the first seven or four
/// characters for documents dated only to the month or year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub day: String,
    pub docs: u64,
}

/// The columns of an entity summary without its aliases, counted over the
/// mentions the query joins.
const ENTITY_COLUMNS: &str =
    "e.id, e.key, e.kind, e.canonical, e.country, e.lat, e.lon, e.geonameid, e.precision,
     COUNT(DISTINCT m.doc_id), COUNT(m.doc_id)";

/// An [`EntitySummary`] from the columns of the entity queries (this
/// module's and `entities.rs`'s), aliases left empty.
pub(crate) fn entity_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntitySummary> {
    Ok(EntitySummary {
        id: r.get(0)?,
        key: r.get(1)?,
        kind: r.get(2)?,
        canonical: r.get(3)?,
        country: r.get(4)?,
        lat: r.get(5)?,
        lon: r.get(6)?,
        geonameid: r.get(7)?,
        precision: r.get(8)?,
        docs: r.get::<_, i64>(9)? as u64,
        mentions: r.get::<_, i64>(10)? as u64,
        aliases: Vec::new(),
    })
}

impl Store {
    /// For each story of `stories`, its dated documents per day, in day
    /// order. Undated documents are not counted; a story without a dated
    /// document is absent from the map.
    pub fn story_daily(&self, stories: &[i64]) -> Result<HashMap<i64, Vec<DayCount>>> {
        let mut out: HashMap<i64, Vec<DayCount>> = HashMap::new();
        if stories.is_empty() {
            return Ok(out);
        }
        let list = stories
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.story_id, d.published, COUNT(*)
             FROM event_members m JOIN events e ON e.id = m.event_id
                  JOIN documents d ON d.id = m.doc_id
             WHERE e.story_id IN ({list}) AND d.published IS NOT NULL
             GROUP BY e.story_id, d.published
             ORDER BY e.story_id, d.published"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let story: i64 = r.get(0)?;
            let day: String = r.get(1)?;
            out.entry(story).or_default().push(DayCount {
                // a stored date is `YYYY[-MM[-DD]]`, possibly with a time
                day: day.chars().take(10).collect(),
                docs: r.get::<_, i64>(2)? as u64,
            });
        }
        // dates with different times of day fall on one day: merge them
        for days in out.values_mut() {
            days.dedup_by(|b, a| {
                if a.day == b.day {
                    a.docs += b.docs;
                    true
                } else {
                    false
                }
            });
        }
        Ok(out)
    }

    /// The ids of a story's documents, oldest first (undated first).
    pub fn story_doc_ids(&self, story: i64) -> Result<Vec<DocId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id FROM event_members m JOIN events e ON e.id = m.event_id
                  JOIN documents d ON d.id = m.doc_id
             WHERE e.story_id = ?1
             ORDER BY d.published IS NOT NULL, d.published, d.id",
        )?;
        let rows = stmt.query_map([story], |r| Ok(DocId(r.get(0)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The entities a story's documents name (only `kind` when given), the
    /// most documents of the story first; `docs` and `mentions` count
    /// within the story, `aliases` is left empty.
    pub fn story_entities(
        &self,
        story: i64,
        kind: Option<&str>,
        limit: usize,
    ) -> Result<Vec<EntitySummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENTITY_COLUMNS}
             FROM events ev JOIN event_members em ON em.event_id = ev.id
                  JOIN entity_mentions m ON m.doc_id = em.doc_id
                  JOIN entities e ON e.id = m.entity_id
             WHERE ev.story_id = ?1 AND (?2 IS NULL OR e.kind = ?2)
             GROUP BY e.id
             ORDER BY COUNT(DISTINCT m.doc_id) DESC, COUNT(m.doc_id) DESC, e.id
             LIMIT ?3"
        ))?;
        let rows = stmt.query_map(rusqlite::params![story, kind, limit as i64], entity_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One entity by id with its store-wide counts and aliases, or `None`.
    pub fn entity(&self, id: i64) -> Result<Option<EntitySummary>> {
        let found = self
            .conn
            .query_row(
                &format!(
                    "SELECT {ENTITY_COLUMNS} FROM entities e
                     JOIN entity_mentions m ON m.entity_id = e.id
                     WHERE e.id = ?1 GROUP BY e.id"
                ),
                [id],
                entity_row,
            )
            .optional()?;
        let Some(mut e) = found else {
            return Ok(None);
        };
        let mut aliases = self.conn.prepare_cached(
            "SELECT surface FROM entity_mentions WHERE entity_id = ?1
             GROUP BY surface ORDER BY COUNT(*) DESC, surface LIMIT 12",
        )?;
        e.aliases = aliases
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(e))
    }
}
