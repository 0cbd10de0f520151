//! Full-text search: the `search_docs` FTS5 table (schema v6) and its
//! queries.
//!
//! The store only keeps and matches *terms*: the engine analyses each
//! document (fold, drop stop words, Snowball stem in the document's language)
//! and hands over the terms of its title and text, space separated. A query
//! is a list of words, each a list of alternative terms (its stems in the
//! languages searched): a document matches when it holds, for every word, at
//! least one of its terms, in its title or text. Hits are ranked by BM25
//! with the title weighted [`TITLE_WEIGHT`] times the text.
//!
//! Why FTS5 and not tantivy: the index lives in the same SQLite file as the
//! documents, so a document and its terms can be written by the same process
//! without a second on-disk format, a second commit protocol or a second
//! lock; filters (language, date, site, newest version) are plain SQL on the
//! `documents` row; and it costs no new dependency (rusqlite's bundled
//! SQLite has FTS5). What FTS5 lacks — a French stemmer and accent folding
//! that matches ours — is done in Rust before the terms reach it.

use crate::read::{corrupt, summary, CURRENT};
use crate::{DocSummary, Result, Store};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use veille_model::{DocId, PartialDate, Span};

/// How much more a title term weighs than a text term in the ranking.
pub const TITLE_WEIGHT: f64 = 4.0;

/// The analysed terms of one document, as the engine computed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    pub doc: DocId,
    /// Terms of the title, space separated.
    pub title: String,
    /// Terms of the cleaned text, space separated.
    pub body: String,
}

/// Filters and paging of [`Store::search`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchFilter {
    /// Only this language code.
    pub lang: Option<String>,
    /// Published on or after this date (a partial date counts as its first day).
    pub since: Option<PartialDate>,
    /// Published on or before this date (`2020-10` includes all of October).
    pub until: Option<PartialDate>,
    /// Only documents of this site (publication name), exactly.
    pub site: Option<String>,
    /// Only documents of this story (`stories.id`, through their event).
    #[serde(default)]
    pub story: Option<i64>,
    /// Only documents that mention this entity (`entities.id`).
    #[serde(default)]
    pub entity: Option<i64>,
    pub limit: usize,
    pub offset: usize,
}

/// The most matches ranked by BM25: a query matching more documents (after
/// the filters) ranks only its newest `RANK_WINDOW` matches, by document id,
/// i.e. ingest order, so a frequent word costs what a rare one does.
/// Measured on 111k documents (`cargo xtask bench search-phases`, loaded
/// machine): BM25 costs ~2–3 µs per match, 76–105 ms for the 49k matches of
/// `france`; the newest-first walk stops after the window, and ranking
/// 1,000 matches costs ~3 ms. The price: among more
/// than 1,000 matches, an older document, however relevant, is not shown
/// (`SearchPage::ranked_newest` says when that happened).
pub const RANK_WINDOW: usize = 1000;

/// A page of hits and how they were ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    /// `Some(n)`: the query matched more than `n` documents and only the
    /// newest `n` were ranked; `None`: every match was ranked.
    pub ranked_newest: Option<usize>,
}

/// What a hit's snippet is cut from: the document's language, title,
/// cleaned text and sentence spans, and nothing else (no raw body, offset
/// map or paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetSource {
    pub id: DocId,
    pub lang: String,
    pub title: Option<String>,
    pub text: String,
    /// Byte spans of the sentences in `text`, in order.
    pub sentences: Vec<Span>,
}

/// One matching document with its BM25 score (higher is better).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub doc: DocSummary,
    pub score: f64,
}

/// The FTS5 `MATCH` expression of a query: each word a parenthesised `OR` of
/// its terms, the words joined by `AND`. Every term is a quoted string, so
/// no character of it is FTS5 syntax; a term that the tokenizer splits
/// (`aujourd'hui`) becomes a phrase, the same split the indexed text got.
/// `None` when no word has a term.
pub fn match_expression(words: &[Vec<String>]) -> Option<String> {
    expression_of(&quoted_terms(words))
}

/// [`match_expression`] of terms already quoted by [`quoted_terms`].
fn expression_of(quoted: &[Vec<String>]) -> Option<String> {
    let parts: Vec<String> = quoted
        .iter()
        .map(|terms| format!("({})", terms.join(" OR ")))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// Each word's terms as quoted FTS5 phrases, words without a term left out:
/// the phrases of [`match_expression`], in their order in it.
fn quoted_terms(words: &[Vec<String>]) -> Vec<Vec<String>> {
    words
        .iter()
        .map(|word| {
            word.iter()
                // control characters (NUL) are no part of a term and SQLite
                // would cut the expression at a NUL
                .map(|t| t.replace(|c: char| c.is_control(), " "))
                .filter(|t| t.chars().any(char::is_alphanumeric))
                .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                .collect::<Vec<_>>()
        })
        .filter(|terms| !terms.is_empty())
        .collect()
}

/// The most phrase counts a store keeps (~100 bytes each); beyond, they are
/// all dropped and counted again as queries need them.
const MAX_KEPT_COUNTS: usize = 100_000;

/// How many indexed documents hold each phrase, as counted at one store
/// generation: BM25's document frequencies, kept between queries (FTS5's
/// `bm25()` walked each phrase's whole doclist at every query to count
/// them; see `veille_fts5`).
#[derive(Debug, Default)]
pub(crate) struct PhraseCounts {
    generation: Option<u64>,
    counts: std::collections::HashMap<String, i64>,
}

fn progress(conn: &rusqlite::Connection) -> Result<DocId> {
    let last: Option<i64> = conn
        .prepare_cached("SELECT last_doc FROM search_progress WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(DocId(last.unwrap_or(0)))
}

impl Store {
    /// Adds documents' terms to the search index and moves the search
    /// progress mark to `done_through`, in one transaction. A document
    /// already indexed is replaced.
    ///
    /// The index holds only the newest version of each source id (the
    /// `CURRENT` filter of the document listing, applied once here rather
    /// than to every match of every query): a document with a newer version
    /// is not indexed, and indexing a document removes its older versions.
    pub fn index_for_search(&mut self, rows: &[SearchRow], done_through: DocId) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut delete = tx.prepare_cached("DELETE FROM search_docs WHERE rowid = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO search_docs (rowid, title, body) VALUES (?1, ?2, ?3)",
            )?;
            let mut current = tx.prepare_cached(&format!(
                "SELECT {CURRENT} FROM documents d WHERE d.id = ?1"
            ))?;
            let mut older = tx.prepare_cached(
                "DELETE FROM search_docs WHERE rowid IN (
                     SELECT o.id FROM documents d JOIN documents o ON o.source_id = d.source_id
                     WHERE d.id = ?1 AND o.id < d.id)",
            )?;
            let last = progress(&tx)?;
            for r in rows {
                if r.doc <= last {
                    delete.execute([r.doc.0])?;
                }
                let is_current: Option<bool> =
                    current.query_row([r.doc.0], |row| row.get(0)).optional()?;
                if is_current != Some(true) {
                    continue;
                }
                older.execute([r.doc.0])?;
                insert.execute(params![r.doc.0, r.title, r.body])?;
            }
            tx.execute(
                "INSERT INTO search_progress (id, last_doc) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET last_doc = max(last_doc, excluded.last_doc)",
                [done_through.0],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The [`SnippetSource`] of document `id` (any version).
    pub fn snippet_source(&self, id: DocId) -> Result<SnippetSource> {
        let mut doc = self
            .conn
            .prepare_cached("SELECT lang, title, text FROM documents WHERE id = ?1")?;
        let (lang, title, text) = doc
            .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .ok_or_else(|| crate::Error::DocNotFound {
                query: id.to_string(),
            })?;
        let mut spans = self.conn.prepare_cached(
            "SELECT byte_start, byte_end FROM sentences WHERE doc_id = ?1 ORDER BY idx",
        )?;
        let mut sentences = Vec::new();
        let mut rows = spans.query([id.0])?;
        while let Some(r) = rows.next()? {
            let (start, end) = (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?);
            match (u32::try_from(start), u32::try_from(end)) {
                (Ok(start), Ok(end)) if start <= end => sentences.push(Span { start, end }),
                _ => return Err(corrupt(id.0, "sentence span")),
            }
        }
        Ok(SnippetSource {
            id,
            lang,
            title,
            text,
            sentences,
        })
    }

    /// The [`SnippetSource`]s of `ids` (any version), in the order of
    /// `ids`, in two statements whatever their number (one for the
    /// documents, one for their sentence spans) instead of two per hit.
    pub fn snippet_sources(&self, ids: &[DocId]) -> Result<Vec<SnippetSource>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = id_list(ids.iter().map(|d| d.0));
        let mut docs = self.conn.prepare_cached(
            "SELECT id, lang, title, text FROM documents
             WHERE id IN (SELECT value FROM json_each(?1))",
        )?;
        let mut found: std::collections::HashMap<i64, SnippetSource> =
            std::collections::HashMap::with_capacity(ids.len());
        let mut rows = docs.query([&list])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            found.insert(
                id,
                SnippetSource {
                    id: DocId(id),
                    lang: r.get(1)?,
                    title: r.get(2)?,
                    text: r.get(3)?,
                    sentences: Vec::new(),
                },
            );
        }
        drop(rows);
        let mut spans = self.conn.prepare_cached(
            "SELECT doc_id, byte_start, byte_end FROM sentences
             WHERE doc_id IN (SELECT value FROM json_each(?1)) ORDER BY doc_id, idx",
        )?;
        let mut rows = spans.query([&list])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let (start, end) = (r.get::<_, i64>(1)?, r.get::<_, i64>(2)?);
            let Some(doc) = found.get_mut(&id) else {
                continue;
            };
            match (u32::try_from(start), u32::try_from(end)) {
                (Ok(start), Ok(end)) if start <= end => doc.sentences.push(Span { start, end }),
                _ => return Err(corrupt(id, "sentence span")),
            }
        }
        ids.iter()
            .map(|id| {
                found
                    .get(&id.0)
                    .cloned()
                    .ok_or_else(|| crate::Error::DocNotFound {
                        query: id.to_string(),
                    })
            })
            .collect()
    }

    /// How many segments the FTS5 index is made of. Every write
    /// transaction adds one (FTS5's automerge folds them by fours); a query
    /// walks the doclists of every segment, so fewer is cheaper: on
    /// OrangeSum (36k documents) a new three-word query's match and rank
    /// went from ~1.2 ms to ~0.6 ms when 7 segments became one
    /// (`reports/search.md`). Read from FTS5's structure record (id 10 of
    /// `search_docs_data`: a 4-byte cookie, an optional 4-byte version
    /// mark, then varints: levels, segments…); 0 for an empty index.
    pub fn search_segments(&self) -> Result<usize> {
        let block: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT block FROM search_docs_data WHERE id = 10")?
            .query_row([], |r| r.get(0))
            .optional()?;
        let Some(block) = block else {
            return Ok(0);
        };
        // FTS5_STRUCTURE_V2 (SQLite ≥ 3.45) after the cookie
        let mut at = if block.get(4..8) == Some(&[0xff, 0, 0, 1][..]) {
            8
        } else {
            4
        };
        let levels = sqlite_varint(&block, &mut at);
        let segments = sqlite_varint(&block, &mut at);
        match (levels, segments) {
            (Some(_), Some(n)) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
            _ => Err(corrupt(10, "search index structure")),
        }
    }

    /// Merges the FTS5 index into one segment (FTS5's `optimize`): the
    /// answers do not change, only the cost of walking the doclists. It
    /// rewrites the whole index: 0.6 s for OrangeSum's 36k documents.
    pub fn optimize_search_index(&mut self) -> Result<()> {
        self.conn.execute(
            "INSERT INTO search_docs(search_docs) VALUES ('optimize')",
            [],
        )?;
        Ok(())
    }

    /// The highest document id whose terms are indexed (`DocId(0)` when none is).
    pub fn search_progress(&self) -> Result<DocId> {
        progress(&self.conn)
    }

    /// The highest stored document id (`DocId(0)` for an empty store).
    pub fn last_doc_id(&self) -> Result<DocId> {
        // prepared once per connection: compiling it cost 5% of a search
        let id: Option<i64> = self
            .conn
            .prepare_cached("SELECT max(id) FROM documents")?
            .query_row([], |r| r.get(0))?;
        Ok(DocId(id.unwrap_or(0)))
    }

    /// Documents (newest version of each source id) that hold every word of
    /// `words` (each a list of alternative terms) and pass `filter`, best
    /// first. An empty query matches nothing.
    ///
    /// One walk of the FTS5 doclists backwards by rowid collects the newest
    /// [`RANK_WINDOW`] matches (and one more, to tell whether the window
    /// cut anything) with their BM25 scores; they are sorted here and only
    /// the page kept is read from `documents`, in one statement. (It was
    /// two walks: one to find the window's oldest match, one to rank from
    /// it.) The index holds only the newest version of each source id (see
    /// [`Store::index_for_search`]), so no per-match version check is needed.
    pub fn search(&self, words: &[Vec<String>], filter: &SearchFilter) -> Result<SearchPage> {
        self.search_window(words, filter, RANK_WINDOW)
    }

    /// How many indexed documents hold each of `phrases` (quoted FTS5
    /// phrases): kept from earlier queries while the store's generation is
    /// the same, else counted (one walk of the phrase's doclist) and kept.
    fn phrase_counts(&self, phrases: &[String]) -> Result<Vec<i64>> {
        let generation = self.generation()?;
        let mut kept = self.phrase_counts.borrow_mut();
        if kept.generation != Some(generation) || kept.counts.len() > MAX_KEPT_COUNTS {
            kept.counts.clear();
            kept.generation = Some(generation);
        }
        let mut out = Vec::with_capacity(phrases.len());
        for p in phrases {
            let n = match kept.counts.get(p) {
                Some(n) => *n,
                None => {
                    let n: i64 = self
                        .conn
                        .prepare_cached(
                            "SELECT count(*) FROM search_docs WHERE search_docs MATCH ?1",
                        )?
                        .query_row([p], |r| r.get(0))?;
                    kept.counts.insert(p.clone(), n);
                    n
                }
            };
            out.push(n);
        }
        Ok(out)
    }

    /// [`Store::search`] ranking at most the newest `window` (≥ 1) matches.
    fn search_window(
        &self,
        words: &[Vec<String>],
        filter: &SearchFilter,
        window: usize,
    ) -> Result<SearchPage> {
        let quoted = quoted_terms(words);
        let Some(expr) = expression_of(&quoted) else {
            return Ok(SearchPage {
                hits: Vec::new(),
                ranked_newest: None,
            });
        };
        let phrases: Vec<String> = quoted.into_iter().flatten().collect();
        let counts = veille_fts5::counts_blob(&self.phrase_counts(&phrases)?);
        let filters = filter_sql(filter);
        // As in `list_docs`: every date starting with `until` sorts below `until~`.
        let until = filter.until.map(|d| format!("{d}~"));
        let since = filter.since.map(|d| d.to_string());
        let bind = |stmt: &mut rusqlite::Statement<'_>| -> Result<()> {
            stmt.raw_bind_parameter(1, &expr)?;
            stmt.raw_bind_parameter(2, &counts)?;
            for (name, value) in [
                (":lang", filter.lang.as_deref()),
                (":since", since.as_deref()),
                (":until", until.as_deref()),
                (":site", filter.site.as_deref()),
            ] {
                if let Some(i) = stmt.parameter_index(name)? {
                    stmt.raw_bind_parameter(i, value)?;
                }
            }
            for (name, value) in [(":story", filter.story), (":entity", filter.entity)] {
                if let Some(i) = stmt.parameter_index(name)? {
                    stmt.raw_bind_parameter(i, value)?;
                }
            }
            Ok(())
        };
        let window = window.max(1);
        // the newest `window` matches and one more (to know whether the
        // window cut anything), each with its score, in one walk of the
        // doclists, newest first; filters apply before the window
        let mut newest = self.conn.prepare_cached(&format!(
            "SELECT rowid, veille_bm25(search_docs, ?2, {TITLE_WEIGHT}, 1.0) FROM search_docs
             WHERE search_docs MATCH ?1 {filters}
             ORDER BY rowid DESC LIMIT {}",
            window + 1
        ))?;
        bind(&mut newest)?;
        let mut ranked: Vec<(f64, i64)> = Vec::new();
        let mut rows = newest.raw_query();
        while let Some(row) = rows.next()? {
            ranked.push((row.get(1)?, row.get(0)?));
        }
        drop(rows);
        let cut = ranked.len() > window;
        ranked.truncate(window);
        // best first: FTS5's bm25 is lower for better matches; then by id
        ranked.sort_by(|a, b| {
            a.0.partial_cmp(&b.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
        });
        let page: Vec<(f64, i64)> = ranked
            .into_iter()
            .skip(filter.offset)
            .take(filter.limit)
            .collect();
        let mut hits = self.summaries(&page.iter().map(|p| p.1).collect::<Vec<_>>())?;
        for (hit, (rank, _)) in hits.iter_mut().zip(&page) {
            hit.score = -rank;
        }
        Ok(SearchPage {
            hits,
            ranked_newest: cut.then_some(window),
        })
    }

    /// The [`DocSummary`] of each of `ids` as a hit of score 0, in the order
    /// of `ids`: one statement for the whole page.
    fn summaries(&self, ids: &[i64]) -> Result<Vec<SearchHit>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.source_id, d.published, d.lang, d.title, d.site, d.format,
                    d.n_sentences, d.origin, d.origin_line
             FROM documents d WHERE d.id IN (SELECT value FROM json_each(?1))",
        )?;
        let mut found = std::collections::HashMap::with_capacity(ids.len());
        let mut rows = stmt.query([id_list(ids.iter().copied())])?;
        while let Some(row) = rows.next()? {
            let doc = summary(row)?;
            let id = doc.id.0;
            found.insert(id, doc);
        }
        // an indexed document is never deleted without its index row, but
        // skip rather than fail if one were
        Ok(ids
            .iter()
            .filter_map(|id| found.get(id).cloned())
            .map(|doc| SearchHit { doc, score: 0.0 })
            .collect())
    }
}

/// The SQLite varint at `*at` of `b` (big-endian groups of 7 bits, the high
/// bit set on every byte but the last, the ninth byte whole), moving `*at`
/// past it; `None` when `b` ends first.
fn sqlite_varint(b: &[u8], at: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    for i in 0..9 {
        let byte = *b.get(*at)?;
        *at += 1;
        if i == 8 {
            return Some((v << 8) | u64::from(byte));
        }
        v = (v << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// `ids` as a JSON array, for `IN (SELECT value FROM json_each(?))`: one
/// statement text whatever the number of ids.
fn id_list(ids: impl Iterator<Item = i64>) -> String {
    let mut out = String::from("[");
    for (i, id) in ids.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&id.to_string());
    }
    out.push(']');
    out
}

/// The `AND …` conditions of `filter` on a `search_docs` row, with named
/// parameters; empty without filters, so that an unfiltered query touches
/// no other table per match.
fn filter_sql(filter: &SearchFilter) -> String {
    let mut doc = Vec::new();
    if filter.lang.is_some() {
        doc.push("d.lang = :lang");
    }
    if filter.since.is_some() {
        doc.push("d.published >= :since");
    }
    if filter.until.is_some() {
        doc.push("d.published < :until");
    }
    if filter.site.is_some() {
        doc.push("d.site = :site");
    }
    let mut sql = String::new();
    if !doc.is_empty() {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM documents d INDEXED BY documents_search_filter
                          WHERE d.id = search_docs.rowid AND {})",
            doc.join(" AND ")
        ));
    }
    if filter.story.is_some() {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM event_members m JOIN events e ON e.id = m.event_id
                          WHERE m.doc_id = search_docs.rowid AND e.story_id = :story)",
        );
    }
    if filter.entity.is_some() {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM entity_mentions em
                          WHERE em.entity_id = :entity AND em.doc_id = search_docs.rowid)",
        );
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{stored, synthetic};
    use proptest::prelude::*;

    fn words(q: &[&[&str]]) -> Vec<Vec<String>> {
        q.iter()
            .map(|w| w.iter().map(|t| t.to_string()).collect())
            .collect()
    }

    fn filter() -> SearchFilter {
        SearchFilter {
            limit: 10,
            ..SearchFilter::default()
        }
    }

    /// A store with three documents and their hand-made terms.
    fn store() -> (Store, Vec<DocId>) {
        let mut store = Store::open_in_memory().unwrap();
        let mut docs = vec![
            synthetic("a", 2, 1),
            synthetic("b", 2, 1),
            synthetic("c", 2, 1),
        ];
        docs[0].clean.published = Some("2020-10-04".parse().unwrap());
        docs[1].clean.published = Some("2023-09-19".parse().unwrap());
        docs[2].lang.code = "en".into();
        docs[2].clean.published = None;
        let ids = stored(&mut store, &docs);
        let rows = vec![
            SearchRow {
                doc: ids[0],
                title: "bard bombard".into(),
                body: "missil tomb sur bard".into(),
            },
            SearchRow {
                doc: ids[1],
                title: "offens".into(),
                body: "bard cit offens azerbaidjan".into(),
            },
            SearchRow {
                doc: ids[2],
                title: "shell".into(),
                body: "shell hit stepanakert".into(),
            },
        ];
        store.index_for_search(&rows, ids[2]).unwrap();
        (store, ids)
    }

    #[test]
    fn every_word_must_match_one_of_its_terms() {
        let (store, ids) = store();
        let hits = store.search(&words(&[&["bard"]]), &filter()).unwrap().hits;
        assert_eq!(hits.len(), 2);
        // the title weighs more: the document with "bard" in its title first
        assert_eq!(hits[0].doc.id, ids[0]);
        assert!(hits[0].score > hits[1].score);
        let hits = store
            .search(&words(&[&["bard"], &["offens", "offensive"]]), &filter())
            .unwrap()
            .hits;
        assert_eq!(hits.iter().map(|h| h.doc.id).collect::<Vec<_>>(), [ids[1]]);
        assert!(store
            .search(&words(&[&["bard"], &["stepanakert"]]), &filter())
            .unwrap()
            .hits
            .is_empty());
    }

    /// FTS5's own `bm25()` of every match of `expr`, as hit scores.
    fn fts5_scores(store: &Store, expr: &str) -> Vec<(DocId, f64)> {
        let mut stmt = store
            .conn
            .prepare(&format!(
                "SELECT rowid, -bm25(search_docs, {TITLE_WEIGHT}, 1.0) FROM search_docs
                 WHERE search_docs MATCH ?1 ORDER BY rowid"
            ))
            .unwrap();
        let rows = stmt
            .query_map([expr], |r| Ok((DocId(r.get(0)?), r.get(1)?)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    }

    #[test]
    fn scores_are_fts5_bm25_and_follow_the_index_as_it_changes() {
        let (mut store, ids) = store();
        let q = words(&[&["bard", "shell"], &["cit", "tomb"]]);
        let expr = match_expression(&q).unwrap();
        let ours = |store: &Store| -> Vec<(DocId, f64)> {
            let mut hits: Vec<(DocId, f64)> = store
                .search(&q, &filter())
                .unwrap()
                .hits
                .iter()
                .map(|h| (h.doc.id, h.score))
                .collect();
            hits.sort_by_key(|h| h.0);
            hits
        };
        let before = ours(&store);
        assert_eq!(before.len(), 2);
        assert_eq!(before, fts5_scores(&store, &expr));
        // a new document holding the terms changes their counts: the kept
        // counts must not outlive the index they were counted on
        let more = stored(&mut store, &[synthetic("d", 2, 1)]);
        store
            .index_for_search(
                &[SearchRow {
                    doc: more[0],
                    title: "bard".into(),
                    body: "bard cit cit shell".into(),
                }],
                more[0],
            )
            .unwrap();
        let after = ours(&store);
        assert_eq!(after.len(), 3);
        assert_eq!(after, fts5_scores(&store, &expr));
        // the same document scores otherwise once the counts moved
        assert_eq!(after[0].0, ids[0]);
        assert_ne!(after[0].1, before[0].1);
    }

    #[test]
    fn filters_by_language_date_and_site() {
        let (store, ids) = store();
        let q = words(&[&["bard", "shell"]]);
        let only = |f: SearchFilter| -> Vec<DocId> {
            store
                .search(&q, &f)
                .unwrap()
                .hits
                .iter()
                .map(|h| h.doc.id)
                .collect()
        };
        let en = only(SearchFilter {
            lang: Some("en".into()),
            ..filter()
        });
        assert_eq!(en, [ids[2]]);
        let october = only(SearchFilter {
            since: Some("2020-10".parse().unwrap()),
            until: Some("2020-10".parse().unwrap()),
            ..filter()
        });
        assert_eq!(october, [ids[0]]);
        let after = only(SearchFilter {
            since: Some("2021".parse().unwrap()),
            ..filter()
        });
        assert_eq!(after, [ids[1]]);
        assert!(only(SearchFilter {
            site: Some("nowhere".into()),
            ..filter()
        })
        .is_empty());
    }

    #[test]
    fn reindexing_a_document_replaces_its_terms_and_progress_only_grows() {
        let (mut store, ids) = store();
        assert_eq!(store.search_progress().unwrap(), ids[2]);
        store
            .index_for_search(
                &[SearchRow {
                    doc: ids[0],
                    title: String::new(),
                    body: "autr".into(),
                }],
                ids[0],
            )
            .unwrap();
        assert_eq!(store.search_progress().unwrap(), ids[2]);
        assert!(store
            .search(&words(&[&["missil"]]), &filter())
            .unwrap()
            .hits
            .is_empty());
        assert_eq!(
            store.search(&words(&[&["autr"]]), &filter()).unwrap().hits[0]
                .doc
                .id,
            ids[0]
        );
    }

    fn ids(hits: &[SearchHit]) -> Vec<DocId> {
        hits.iter().map(|h| h.doc.id).collect()
    }

    #[test]
    fn only_the_newest_version_of_a_document_is_found() {
        let mut store = Store::open_in_memory().unwrap();
        let old = store.write_batch(&[synthetic("a", 1, 1)]).unwrap()[0].id();
        let row = |doc| SearchRow {
            doc,
            title: String::new(),
            body: "bard".into(),
        };
        store.index_for_search(&[row(old)], old).unwrap();
        assert_eq!(
            ids(&store.search(&words(&[&["bard"]]), &filter()).unwrap().hits),
            [old]
        );
        let new = store.write_batch(&[synthetic("a", 1, 2)]).unwrap()[0].id();
        store.index_for_search(&[row(new)], new).unwrap();
        assert_eq!(
            ids(&store.search(&words(&[&["bard"]]), &filter()).unwrap().hits),
            [new]
        );
        // re-indexing the old version does not bring it back
        store.index_for_search(&[row(old)], old).unwrap();
        assert_eq!(
            ids(&store.search(&words(&[&["bard"]]), &filter()).unwrap().hits),
            [new]
        );
    }

    #[test]
    fn a_frequent_query_ranks_only_its_newest_matches() {
        let (store, ids_) = store();
        let q = words(&[&["bard", "shell"]]);
        let all = store.search_window(&q, &filter(), 3).unwrap();
        assert_eq!(all.ranked_newest, None);
        assert_eq!(all.hits.len(), 3);
        // a window of 2: the oldest match is left out, the ranking says so
        let newest = store.search_window(&q, &filter(), 2).unwrap();
        assert_eq!(newest.ranked_newest, Some(2));
        let mut got = ids(&newest.hits);
        got.sort();
        assert_eq!(got, [ids_[1], ids_[2]]);
        // filters apply before the window: two French matches fit in it
        let fr = SearchFilter {
            lang: Some("fr".into()),
            ..filter()
        };
        let page = store.search_window(&q, &fr, 2).unwrap();
        assert_eq!((page.ranked_newest, page.hits.len()), (None, 2));
        // paging walks the ranked window
        let second = SearchFilter {
            offset: 1,
            ..filter()
        };
        assert_eq!(
            ids(&store.search_window(&q, &second, 3).unwrap().hits),
            ids(&all.hits)[1..]
        );
    }

    #[test]
    fn filters_by_story_and_entity() {
        let (store, ids_) = store();
        store
            .conn
            .execute_batch(&format!(
                "INSERT INTO stories (id, label) VALUES (7, 's'), (8, 't');
                 INSERT INTO events (id, story_id, label) VALUES (1, 7, 'e'), (2, 8, 'f');
                 INSERT INTO event_members (doc_id, event_id, seq, score) VALUES ({a}, 1, 1, 0), ({b}, 2, 2, 0);
                 INSERT INTO entities (id, key, kind, canonical) VALUES (5, 'loc:bard', 'place', 'Barda');
                 INSERT INTO entity_mentions (doc_id, byte_start, byte_end, entity_id, sentence, surface, via)
                     VALUES ({b}, 0, 5, 5, 0, 'Barda', 'name');",
                a = ids_[0].0,
                b = ids_[1].0
            ))
            .unwrap();
        let q = words(&[&["bard"]]);
        let only = |f: SearchFilter| ids(&store.search(&q, &f).unwrap().hits);
        assert_eq!(
            only(SearchFilter {
                story: Some(7),
                ..filter()
            }),
            [ids_[0]]
        );
        assert_eq!(
            only(SearchFilter {
                story: Some(8),
                ..filter()
            }),
            [ids_[1]]
        );
        assert_eq!(
            only(SearchFilter {
                entity: Some(5),
                ..filter()
            }),
            [ids_[1]]
        );
        assert!(only(SearchFilter {
            story: Some(7),
            entity: Some(5),
            ..filter()
        })
        .is_empty());
        assert!(only(SearchFilter {
            story: Some(99),
            ..filter()
        })
        .is_empty());
    }

    #[test]
    fn snippet_sources_hold_the_text_and_sentences() {
        let (store, ids_) = store();
        let s = store.snippet_source(ids_[0]).unwrap();
        assert_eq!(s.sentences.len(), 2);
        assert!(s.sentences.iter().all(|sp| sp.get(&s.text).is_some()));
        assert!(store.snippet_source(DocId(999)).is_err());
    }

    #[test]
    fn snippet_sources_are_each_hit_s_snippet_source_in_order() {
        let (store, ids_) = store();
        let order = [ids_[2], ids_[0], ids_[1]];
        let batch = store.snippet_sources(&order).unwrap();
        let one: Vec<SnippetSource> = order
            .iter()
            .map(|id| store.snippet_source(*id).unwrap())
            .collect();
        assert_eq!(batch, one);
        assert!(store.snippet_sources(&[]).unwrap().is_empty());
        assert!(store.snippet_sources(&[ids_[0], DocId(999)]).is_err());
    }

    #[test]
    fn optimizing_merges_the_segments_and_keeps_the_answers() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.search_segments().unwrap(), 0);
        let docs: Vec<_> = (0..3).map(|i| synthetic(&format!("d{i}"), 1, 1)).collect();
        let ids = stored(&mut store, &docs);
        // one transaction each: one segment each
        for (i, id) in ids.iter().enumerate() {
            let row = SearchRow {
                doc: *id,
                title: format!("t{i}"),
                body: format!("bard w{i}"),
            };
            store.index_for_search(&[row], *id).unwrap();
        }
        assert_eq!(store.search_segments().unwrap(), 3);
        let before = store.search(&words(&[&["bard"]]), &filter()).unwrap();
        store.optimize_search_index().unwrap();
        assert_eq!(store.search_segments().unwrap(), 1);
        assert_eq!(
            store.search(&words(&[&["bard"]]), &filter()).unwrap(),
            before
        );
        assert_eq!(before.hits.len(), 3);
    }

    #[test]
    fn sqlite_varints_decode() {
        let mut at = 0;
        let b = [0x05, 0x81, 0x00, 0x82, 0x80, 0x01];
        assert_eq!(sqlite_varint(&b, &mut at), Some(5));
        assert_eq!(sqlite_varint(&b, &mut at), Some(128));
        assert_eq!(sqlite_varint(&b, &mut at), Some((2 << 14) + 1));
        assert_eq!(at, 6);
        assert_eq!(sqlite_varint(&b, &mut at), None);
        assert_eq!(sqlite_varint(&[0xff; 9], &mut 0), Some(u64::MAX));
    }

    #[test]
    fn empty_queries_match_nothing() {
        let (store, _) = store();
        assert!(store.search(&[], &filter()).unwrap().hits.is_empty());
        assert!(store
            .search(&words(&[&["", "!!"]]), &filter())
            .unwrap()
            .hits
            .is_empty());
        assert_eq!(match_expression(&words(&[&[]])), None);
    }

    proptest! {
        /// Whatever the terms hold, the expression is valid FTS5 syntax: the
        /// query runs (it may match nothing) instead of failing.
        #[test]
        fn any_terms_make_a_valid_query(terms in proptest::collection::vec(proptest::collection::vec(".{0,12}", 0..4), 0..4)) {
            let (store, _) = store();
            prop_assert!(store.search(&terms, &filter()).is_ok());
        }
    }
}
