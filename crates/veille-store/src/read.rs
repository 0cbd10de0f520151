//! Reading documents back: references, listings, whole documents, streams.
//!
//! Listings and streams show each source id once, in its newest version (the
//! highest store id); [`Store::get_doc`] reads any version by its id.

use crate::codec::decode_offset_map;
use crate::write::BatchId;
use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use veille_model::{
    AnalysedDoc, CleanDoc, DocId, Format, Lang, OffsetMap, Origin, PartialDate, RawDoc, Removal,
    SentenceSpan, Span,
};

/// How a user names a document: a number is a store id if one exists and a
/// source id otherwise; anything else is a source id, or a unique prefix of
/// one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocRef {
    /// Digits only: a store id, falling back to the source id spelled so.
    Number {
        id: DocId,
        text: String,
    },
    SourceId(String),
}

impl DocRef {
    pub fn parse(s: &str) -> DocRef {
        let s = s.trim();
        match s.parse::<i64>() {
            Ok(n) if s.bytes().all(|b| b.is_ascii_digit()) => DocRef::Number {
                id: DocId(n),
                text: s.to_string(),
            },
            _ => DocRef::SourceId(s.to_string()),
        }
    }

    fn text(&self) -> &str {
        match self {
            DocRef::Number { text, .. } | DocRef::SourceId(text) => text,
        }
    }
}

/// Filters and paging of [`Store::list_docs`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocQuery {
    /// Only this language code (`fr`, `en`).
    pub lang: Option<String>,
    /// Published on or after this date. A date known only to the month or
    /// year counts as its first day.
    pub since: Option<PartialDate>,
    /// Published on or before this date (`2020-10` includes all of October).
    pub until: Option<PartialDate>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// One line of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: DocId,
    pub source_id: String,
    pub published: Option<PartialDate>,
    pub lang: String,
    pub title: Option<String>,
    pub site: Option<String>,
    pub format: Format,
    pub n_sentences: u32,
    pub origin: Origin,
}

/// A stored document with everything the store keeps about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDoc {
    pub id: DocId,
    pub source_id: String,
    pub origin: Origin,
    pub format: Format,
    pub url: Option<String>,
    /// The cleaned title.
    pub title: Option<String>,
    /// The title as the source gave it.
    pub source_title: Option<String>,
    pub lead: Option<String>,
    /// The publication date (the source's, else one found in the text).
    pub published: Option<PartialDate>,
    /// The date as the source gave it.
    pub source_published: Option<PartialDate>,
    pub site: Option<String>,
    pub author: Option<String>,
    pub lang: String,
    pub lang_confidence: f32,
    pub lang_hint: Option<String>,
    /// The raw body, as read.
    pub raw: String,
    /// The cleaned text: every span below is a byte range of it.
    pub text: String,
    /// Maps offsets of `text` back to offsets of `raw`.
    pub map: OffsetMap,
    pub removed: Vec<Removal>,
    pub meta: serde_json::Map<String, serde_json::Value>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<SentenceSpan>,
    pub content_hash: String,
    /// When it was written (UTC, RFC 3339 to the second).
    pub ingested_at: String,
    pub batch: Option<BatchId>,
}

impl StoredDoc {
    /// The text of sentence `i`, or `None` past the end.
    pub fn sentence_text(&self, i: usize) -> Option<&str> {
        self.sentences.get(i)?.span.get(&self.text)
    }

    /// The document as the pipeline produced it (the inverse of writing it).
    pub fn into_analysed(self) -> AnalysedDoc {
        AnalysedDoc {
            clean: CleanDoc {
                raw: RawDoc {
                    source_id: self.source_id,
                    origin: self.origin,
                    format: self.format,
                    url: self.url,
                    title: self.source_title,
                    lead: self.lead,
                    body: self.raw,
                    published: self.source_published,
                    site: self.site,
                    author: self.author,
                    lang_hint: self.lang_hint,
                    meta: self.meta,
                },
                title: self.title,
                text: self.text,
                map: self.map,
                published: self.published,
                removed: self.removed,
            },
            lang: Lang {
                code: self.lang,
                confidence: self.lang_confidence,
            },
            paragraphs: self.paragraphs,
            sentences: self.sentences,
            content_hash: self.content_hash,
        }
    }
}

/// Keeps the newest version of each source id.
pub(crate) const CURRENT: &str =
    "NOT EXISTS (SELECT 1 FROM documents n WHERE n.source_id = d.source_id AND n.id > d.id)";

const DOC_COLUMNS: &str = "d.id, d.source_id, d.origin, d.origin_line, d.format, d.url, d.title, d.source_title,
    d.lead, d.published, d.source_published, d.site, d.author, d.lang, d.lang_confidence, d.lang_hint,
    d.raw, d.text, d.offset_map, d.removed, d.meta, d.content_hash, d.ingested_at, d.batch_id";

const PARAGRAPHS: &str =
    "SELECT byte_start, byte_end FROM paragraphs WHERE doc_id = ?1 ORDER BY idx";
const SENTENCES: &str =
    "SELECT paragraph, byte_start, byte_end FROM sentences WHERE doc_id = ?1 ORDER BY idx";

impl Store {
    /// The store id a user's string names: see [`DocRef`].
    pub fn resolve(&self, reference: &str) -> Result<DocId> {
        self.resolve_ref(&DocRef::parse(reference))
    }

    pub fn resolve_ref(&self, r: &DocRef) -> Result<DocId> {
        let not_found = || Error::DocNotFound {
            query: r.text().to_string(),
        };
        if let DocRef::Number { id, .. } = r {
            let found: Option<i64> = self
                .conn
                .query_row("SELECT id FROM documents WHERE id = ?1", [id.0], |row| {
                    row.get(0)
                })
                .optional()?;
            if let Some(id) = found {
                return Ok(DocId(id));
            }
        }
        let text = r.text();
        if text.is_empty() {
            return Err(not_found());
        }
        if let Some(id) = self.newest_version(text)? {
            return Ok(id);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT source_id FROM documents
             WHERE source_id >= ?1 AND source_id < ?1 || char(1114111) ORDER BY source_id LIMIT 6",
        )?;
        let candidates = stmt
            .query_map([text], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        match candidates.as_slice() {
            [] => Err(not_found()),
            [one] => self.newest_version(one)?.ok_or_else(not_found),
            _ => Err(Error::Ambiguous {
                query: text.to_string(),
                candidates,
            }),
        }
    }

    fn newest_version(&self, source_id: &str) -> Result<Option<DocId>> {
        let id: Option<i64> = self.conn.query_row(
            "SELECT max(id) FROM documents WHERE source_id = ?1",
            [source_id],
            |row| row.get(0),
        )?;
        Ok(id.map(DocId))
    }

    /// Documents (newest version of each source id) matching `q`, ordered by
    /// publication date then id; undated documents come last.
    pub fn list_docs(&self, q: &DocQuery) -> Result<Vec<DocSummary>> {
        let sql = format!(
            "SELECT d.id, d.source_id, d.published, d.lang, d.title, d.site, d.format, d.n_sentences,
                    d.origin, d.origin_line
             FROM documents d
             WHERE {CURRENT}
               AND (?1 IS NULL OR d.lang = ?1)
               AND (?2 IS NULL OR d.published >= ?2)
               AND (?3 IS NULL OR d.published < ?3)
             ORDER BY d.published IS NULL, d.published, d.id
             LIMIT ?4 OFFSET ?5"
        );
        // "~" sorts after the digits and "-": every date that starts with
        // `until` is below `until~`, every later one above.
        let until = q.until.map(|d| format!("{d}~"));
        let limit = q.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = i64::try_from(q.offset).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![
            q.lang,
            q.since.map(|d| d.to_string()),
            until,
            limit,
            offset
        ])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(summary(row)?);
        }
        Ok(out)
    }

    /// Number of documents (newest versions only, as listed).
    pub fn count_docs(&self) -> Result<u64> {
        let n: i64 =
            self.conn
                .query_row("SELECT count(DISTINCT source_id) FROM documents", [], |r| {
                    r.get(0)
                })?;
        Ok(n as u64)
    }

    /// Number of stored document versions.
    pub fn count_versions(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// The documents published on a known day, with that day, and those
    /// with casualty figures, in two statements: what the running tolls
    /// read before loading only the documents that have figures.
    pub fn figure_docs(&self) -> Result<(HashMap<DocId, PartialDate>, HashSet<DocId>)> {
        let mut days = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, published FROM documents WHERE published IS NOT NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if let Some(d) = date(id, r.get(1)?)?.filter(|d| d.day.is_some()) {
                days.insert(DocId(id), d);
            }
        }
        Ok((
            days,
            self.doc_ids("SELECT DISTINCT doc_id FROM casualty_facts")?,
        ))
    }

    /// The documents with stances (accusations, denials): with
    /// [`Store::figure_docs`], those a search for contradictions reads.
    pub fn stance_docs(&self) -> Result<HashSet<DocId>> {
        self.doc_ids("SELECT DISTINCT doc_id FROM stances")
    }

    /// The document ids a one-column query gives.
    fn doc_ids(&self, sql: &str) -> Result<HashSet<DocId>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let ids = stmt
            .query_map([], |r| r.get(0).map(DocId))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Everything stored about document `id` (any version).
    pub fn get_doc(&self, id: DocId) -> Result<StoredDoc> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DOC_COLUMNS} FROM documents d WHERE d.id = ?1"
        ))?;
        let mut doc = match stmt
            .query_row([id.0], |row| Ok(stored_doc(row)))
            .optional()?
        {
            Some(doc) => doc?,
            None => {
                return Err(Error::DocNotFound {
                    query: id.to_string(),
                })
            }
        };
        self.load_spans(&mut doc)?;
        Ok(doc)
    }

    /// Calls `f` with every document (newest version of each source id) in
    /// id order, one at a time, inside one read transaction: memory stays at
    /// one document whatever the size of the store. Stops at `f`'s first
    /// error and returns it.
    ///
    /// Documents, paragraphs and sentences are read by three cursors merged on
    /// the document id (all three tables are ordered by it), not by a query
    /// per document: with the STAT4 build of SQLite a bound `WHERE doc_id = ?`
    /// statement is re-prepared at every use.
    pub fn for_each_doc<E: From<Error>>(
        &self,
        f: impl FnMut(StoredDoc) -> Result<(), E>,
    ) -> Result<(), E> {
        self.for_each_doc_after(DocId(0), f)
    }

    /// [`Store::for_each_doc`] for the documents whose id is above `after`
    /// only: how a derived stage catches up from its progress mark.
    pub fn for_each_doc_after<E: From<Error>>(
        &self,
        after: DocId,
        f: impl FnMut(StoredDoc) -> Result<(), E>,
    ) -> Result<(), E> {
        self.scan_docs(after, -1, f)
    }

    /// The first `limit` documents (newest version of each source id) whose
    /// id is above `after`, in id order: a chunk of a catch-up that writes
    /// between chunks.
    pub fn docs_after(&self, after: DocId, limit: usize) -> Result<Vec<StoredDoc>> {
        let mut out = Vec::new();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.scan_docs(after, limit, |d| -> Result<()> {
            out.push(d);
            Ok(())
        })?;
        Ok(out)
    }

    /// Streams documents above `after`, at most `limit` of them (-1: all).
    fn scan_docs<E: From<Error>>(
        &self,
        after: DocId,
        limit: i64,
        mut f: impl FnMut(StoredDoc) -> Result<(), E>,
    ) -> Result<(), E> {
        let tx = self.conn.unchecked_transaction().map_err(Error::from)?;
        {
            let mut docs = tx
                .prepare(&format!(
                    "SELECT {DOC_COLUMNS} FROM documents d WHERE {CURRENT} AND d.id > ?1 ORDER BY d.id LIMIT ?2"
                ))
                .map_err(Error::from)?;
            let mut paragraphs = tx
                .prepare(
                    "SELECT doc_id, 0, byte_start, byte_end FROM paragraphs WHERE doc_id > ?1 ORDER BY doc_id, idx",
                )
                .map_err(Error::from)?;
            let mut sentences = tx
                .prepare("SELECT doc_id, paragraph, byte_start, byte_end FROM sentences WHERE doc_id > ?1 ORDER BY doc_id, idx")
                .map_err(Error::from)?;
            let mut paragraphs =
                SpanCursor::new(paragraphs.query([after.0]).map_err(Error::from)?)?;
            let mut sentences = SpanCursor::new(sentences.query([after.0]).map_err(Error::from)?)?;
            let mut rows = docs.query([after.0, limit]).map_err(Error::from)?;
            while let Some(row) = rows.next().map_err(Error::from)? {
                let mut doc = stored_doc(row)?;
                paragraphs.take(doc.id.0, |_, span| doc.paragraphs.push(span))?;
                sentences.take(doc.id.0, |paragraph, span| {
                    doc.sentences.push(SentenceSpan { span, paragraph })
                })?;
                f(doc)?;
            }
        }
        // Read-only: ending it either way is the same.
        tx.commit().map_err(Error::from)?;
        Ok(())
    }

    fn load_spans(&self, doc: &mut StoredDoc) -> Result<()> {
        let id = doc.id.0;
        let mut stmt = self.conn.prepare_cached(PARAGRAPHS)?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            doc.paragraphs.push(span(id, row.get(0)?, row.get(1)?)?);
        }
        let mut stmt = self.conn.prepare_cached(SENTENCES)?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            let paragraph = u32::try_from(row.get::<_, i64>(0)?)
                .map_err(|_| corrupt(id, "sentence paragraph"))?;
            doc.sentences.push(SentenceSpan {
                span: span(id, row.get(1)?, row.get(2)?)?,
                paragraph,
            });
        }
        Ok(())
    }
}

/// A cursor over `(doc_id, paragraph, start, end)` rows ordered by doc id,
/// with the row after the last taken one kept aside.
struct SpanCursor<'stmt> {
    rows: rusqlite::Rows<'stmt>,
    pending: Option<(i64, u32, Span)>,
}

impl<'stmt> SpanCursor<'stmt> {
    fn new(rows: rusqlite::Rows<'stmt>) -> Result<SpanCursor<'stmt>> {
        let mut cursor = SpanCursor {
            rows,
            pending: None,
        };
        cursor.advance()?;
        Ok(cursor)
    }

    fn advance(&mut self) -> Result<()> {
        self.pending = match self.rows.next()? {
            Some(row) => {
                let id: i64 = row.get(0)?;
                let paragraph = u32::try_from(row.get::<_, i64>(1)?)
                    .map_err(|_| corrupt(id, "sentence paragraph"))?;
                Some((id, paragraph, span(id, row.get(2)?, row.get(3)?)?))
            }
            None => None,
        };
        Ok(())
    }

    /// Passes the spans of document `id` to `f`, skipping those of lower ids
    /// (older versions).
    fn take(&mut self, id: i64, mut f: impl FnMut(u32, Span)) -> Result<()> {
        while let Some((doc, paragraph, span)) = self.pending {
            if doc > id {
                break;
            }
            if doc == id {
                f(paragraph, span);
            }
            self.advance()?;
        }
        Ok(())
    }
}

/// Decodes a row of `DOC_COLUMNS`, with empty paragraphs and sentences.
fn stored_doc(row: &Row<'_>) -> Result<StoredDoc> {
    let id: i64 = row.get(0)?;
    let map: Vec<u8> = row.get(18)?;
    let removed: Option<String> = row.get(19)?;
    let meta: Option<String> = row.get(20)?;
    let text: String = row.get(17)?;
    let raw: Option<String> = row.get(16)?;
    Ok(StoredDoc {
        id: DocId(id),
        source_id: row.get(1)?,
        origin: origin(id, row.get(2)?, row.get(3)?)?,
        format: format(id, &row.get::<_, String>(4)?)?,
        url: row.get(5)?,
        title: row.get(6)?,
        source_title: row.get(7)?,
        lead: row.get(8)?,
        published: date(id, row.get(9)?)?,
        source_published: date(id, row.get(10)?)?,
        site: row.get(11)?,
        author: row.get(12)?,
        lang: row.get(13)?,
        lang_confidence: row.get::<_, f64>(14)? as f32,
        lang_hint: row.get(15)?,
        raw: raw.unwrap_or_else(|| text.clone()),
        text,
        map: decode_offset_map(&map).ok_or_else(|| corrupt(id, "offset map"))?,
        removed: match removed {
            Some(json) => serde_json::from_str(&json).map_err(|_| corrupt(id, "removals"))?,
            None => Vec::new(),
        },
        meta: match meta {
            Some(json) => serde_json::from_str(&json).map_err(|_| corrupt(id, "meta"))?,
            None => serde_json::Map::new(),
        },
        paragraphs: Vec::new(),
        sentences: Vec::new(),
        content_hash: row.get(21)?,
        ingested_at: row.get(22)?,
        batch: row.get::<_, Option<i64>>(23)?.map(BatchId),
    })
}

pub(crate) fn corrupt(id: i64, what: &str) -> Error {
    Error::Corrupt {
        id,
        what: what.to_string(),
    }
}

pub(crate) fn date(id: i64, s: Option<String>) -> Result<Option<PartialDate>> {
    s.map(|s| s.parse().map_err(|_| corrupt(id, "date")))
        .transpose()
}

pub(crate) fn format(id: i64, s: &str) -> Result<Format> {
    Format::parse(s).ok_or_else(|| corrupt(id, "format"))
}

pub(crate) fn origin(id: i64, path: String, line: Option<i64>) -> Result<Origin> {
    let line = line
        .map(|l| u64::try_from(l).map_err(|_| corrupt(id, "origin line")))
        .transpose()?;
    Ok(Origin { path, line })
}

fn span(id: i64, start: i64, end: i64) -> Result<Span> {
    match (u32::try_from(start), u32::try_from(end)) {
        (Ok(start), Ok(end)) if start <= end => Ok(Span { start, end }),
        _ => Err(corrupt(id, "span")),
    }
}

/// A [`DocSummary`] from a row whose first ten columns are `id, source_id,
/// published, lang, title, site, format, n_sentences, origin, origin_line`.
pub(crate) fn summary(row: &rusqlite::Row<'_>) -> Result<DocSummary> {
    let id: i64 = row.get(0)?;
    Ok(DocSummary {
        id: DocId(id),
        source_id: row.get(1)?,
        published: date(id, row.get(2)?)?,
        lang: row.get(3)?,
        title: row.get(4)?,
        site: row.get(5)?,
        format: format(id, &row.get::<_, String>(6)?)?,
        n_sentences: u32::try_from(row.get::<_, i64>(7)?)
            .map_err(|_| corrupt(id, "sentence count"))?,
        origin: origin(id, row.get(8)?, row.get(9)?)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::synthetic;

    fn dated(source_id: &str, date: Option<&str>, lang: &str) -> AnalysedDoc {
        let mut d = synthetic(source_id, 2, 1);
        d.clean.published = date.map(|s| s.parse().unwrap());
        d.lang.code = lang.into();
        d
    }

    fn ids(docs: &[DocSummary]) -> Vec<&str> {
        docs.iter().map(|d| d.source_id.as_str()).collect()
    }

    #[test]
    fn references_prefer_store_ids_then_source_ids_then_prefixes() {
        let mut store = Store::open_in_memory().unwrap();
        let out = store
            .write_batch(&[
                synthetic("1", 1, 1),
                synthetic("77", 1, 1),
                synthetic("afp-2020-10-28-barda", 1, 1),
                synthetic("afp-2020-10-29-ganja", 1, 1),
            ])
            .unwrap();
        let id = |i: usize| out[i].id();
        assert_eq!(store.resolve("1").unwrap(), id(0));
        assert_eq!(store.resolve("2").unwrap(), id(1)); // store id 2 is source "77"
        assert_eq!(store.resolve("77").unwrap(), id(1)); // no store id 77: the source id
        assert_eq!(store.resolve(" afp-2020-10-28-barda ").unwrap(), id(2));
        assert_eq!(store.resolve("afp-2020-10-29").unwrap(), id(3));
        let err = store.resolve("afp-2020-10").unwrap_err();
        assert!(
            matches!(&err, Error::Ambiguous { candidates, .. } if candidates.len() == 2),
            "{err}"
        );
        assert_eq!(err.blame(), crate::Blame::User);
        for missing in ["", "999", "reuters", "afp-2021"] {
            assert!(
                matches!(store.resolve(missing), Err(Error::DocNotFound { .. })),
                "{missing:?}"
            );
        }
        assert!(matches!(
            store.get_doc(DocId(999)),
            Err(Error::DocNotFound { .. })
        ));
    }

    #[test]
    fn listing_filters_pages_and_orders_by_date_then_id() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write_batch(&[
                dated("undated", None, "fr"),
                dated("oct-15", Some("2020-10-15"), "fr"),
                dated("year", Some("2020"), "fr"),
                dated("nov-01", Some("2020-11-01"), "en"),
                dated("oct", Some("2020-10"), "fr"),
                dated("sep-30", Some("2020-09-30"), "fr"),
            ])
            .unwrap();
        let all = store.list_docs(&DocQuery::default()).unwrap();
        assert_eq!(
            ids(&all),
            ["year", "sep-30", "oct", "oct-15", "nov-01", "undated"]
        );
        assert_eq!(all[1].published.unwrap().to_string(), "2020-09-30");
        assert_eq!(
            (all[1].n_sentences, all[1].format, all[1].origin.line),
            (2, Format::Jsonl, Some(7))
        );

        let q = |since: Option<&str>, until: Option<&str>| DocQuery {
            since: since.map(|s| s.parse().unwrap()),
            until: until.map(|s| s.parse().unwrap()),
            ..DocQuery::default()
        };
        let october = store
            .list_docs(&q(Some("2020-10"), Some("2020-10")))
            .unwrap();
        assert_eq!(ids(&october), ["oct", "oct-15"]);
        let to_oct_15 = store.list_docs(&q(None, Some("2020-10-15"))).unwrap();
        assert_eq!(ids(&to_oct_15), ["year", "sep-30", "oct", "oct-15"]);
        let english = DocQuery {
            lang: Some("en".into()),
            ..DocQuery::default()
        };
        assert_eq!(ids(&store.list_docs(&english).unwrap()), ["nov-01"]);
        let page = DocQuery {
            limit: Some(2),
            offset: 3,
            ..DocQuery::default()
        };
        assert_eq!(ids(&store.list_docs(&page).unwrap()), ["oct-15", "nov-01"]);
        assert_eq!(store.count_docs().unwrap(), 6);
    }

    #[test]
    fn streams_newest_versions_in_id_order_with_their_own_spans() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write_batch(&[
                synthetic("a", 3, 1),
                synthetic("b", 4, 1),
                synthetic("c", 0, 1),
            ])
            .unwrap();
        store
            .write_batch(&[synthetic("a", 9, 2), synthetic("d", 2, 1)])
            .unwrap();
        let mut seen = Vec::new();
        store
            .for_each_doc(|doc| {
                for (i, s) in doc.sentences.iter().enumerate() {
                    assert_eq!(doc.sentence_text(i), s.span.get(&doc.text));
                }
                let expected = store.get_doc(doc.id).unwrap();
                assert_eq!(doc, expected);
                seen.push((doc.source_id, doc.sentences.len(), doc.paragraphs.len()));
                Ok::<_, Error>(())
            })
            .unwrap();
        let want = [("b", 4, 1), ("c", 0, 0), ("a", 9, 3), ("d", 2, 1)];
        assert_eq!(seen, want.map(|(s, n, p)| (s.to_string(), n, p)).to_vec());
    }

    #[test]
    fn streaming_stops_at_the_callers_error() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write_batch(&[synthetic("a", 1, 1), synthetic("b", 1, 1)])
            .unwrap();
        let mut calls = 0;
        let err = store
            .for_each_doc(|doc| {
                calls += 1;
                Err(Error::DocNotFound {
                    query: doc.source_id,
                })
            })
            .unwrap_err();
        assert_eq!((calls, err.to_string().contains("\"a\"")), (1, true));
    }

    #[test]
    fn a_raw_body_equal_to_the_text_is_stored_once_and_read_back() {
        let mut store = Store::open_in_memory().unwrap();
        let mut doc = synthetic("same", 2, 1);
        doc.clean.raw.body = doc.clean.text.clone();
        let id = store.write_batch(std::slice::from_ref(&doc)).unwrap()[0].id();
        let raw: Option<String> = store
            .conn
            .query_row("SELECT raw FROM documents WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(raw, None);
        assert_eq!(store.get_doc(id).unwrap().into_analysed(), doc);
    }

    #[test]
    fn a_corrupt_row_is_an_internal_error_naming_the_document() {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.write_batch(&[synthetic("a", 1, 1)]).unwrap()[0].id();
        store
            .conn
            .execute("UPDATE documents SET offset_map = x'ff'", [])
            .unwrap();
        let err = store.get_doc(id).unwrap_err();
        assert_eq!(err.blame(), crate::Blame::Internal);
        assert_eq!(
            err.to_string(),
            format!("document {id}: corrupt offset map")
        );
    }

    #[test]
    fn doc_refs_parse_numbers_and_source_ids() {
        assert_eq!(
            DocRef::parse(" 42 "),
            DocRef::Number {
                id: DocId(42),
                text: "42".into()
            }
        );
        for s in ["-3", "+3", "4a", "99999999999999999999", "x"] {
            assert_eq!(DocRef::parse(s), DocRef::SourceId(s.into()), "{s}");
        }
    }
}
