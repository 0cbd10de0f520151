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

use crate::read::{corrupt, date, format, origin, CURRENT};
use crate::{DocSummary, Result, Store};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use veille_model::{DocId, PartialDate};

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
    pub limit: usize,
    pub offset: usize,
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
    let mut parts = Vec::new();
    for word in words {
        let terms: Vec<String> = word
            .iter()
            // control characters (NUL) are no part of a term and SQLite
            // would cut the expression at a NUL
            .map(|t| t.replace(|c: char| c.is_control(), " "))
            .filter(|t| t.chars().any(char::is_alphanumeric))
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect();
        if !terms.is_empty() {
            parts.push(format!("({})", terms.join(" OR ")));
        }
    }
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

fn progress(conn: &rusqlite::Connection) -> Result<DocId> {
    let last: Option<i64> = conn
        .query_row(
            "SELECT last_doc FROM search_progress WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(DocId(last.unwrap_or(0)))
}

impl Store {
    /// Adds documents' terms to the search index and moves the search
    /// progress mark to `done_through`, in one transaction. A document
    /// already indexed is replaced.
    pub fn index_for_search(&mut self, rows: &[SearchRow], done_through: DocId) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut delete = tx.prepare_cached("DELETE FROM search_docs WHERE rowid = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO search_docs (rowid, title, body) VALUES (?1, ?2, ?3)",
            )?;
            let last = progress(&tx)?;
            for r in rows {
                if r.doc <= last {
                    delete.execute([r.doc.0])?;
                }
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

    /// The highest document id whose terms are indexed (`DocId(0)` when none is).
    pub fn search_progress(&self) -> Result<DocId> {
        progress(&self.conn)
    }

    /// The highest stored document id (`DocId(0)` for an empty store).
    pub fn last_doc_id(&self) -> Result<DocId> {
        let id: Option<i64> = self
            .conn
            .query_row("SELECT max(id) FROM documents", [], |r| r.get(0))?;
        Ok(DocId(id.unwrap_or(0)))
    }

    /// Documents (newest version of each source id) that hold every word of
    /// `words` (each a list of alternative terms) and pass `filter`, best
    /// first. An empty query matches nothing.
    pub fn search(&self, words: &[Vec<String>], filter: &SearchFilter) -> Result<Vec<SearchHit>> {
        let Some(expr) = match_expression(words) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT d.id, d.source_id, d.published, d.lang, d.title, d.site, d.format, d.n_sentences,
                    d.origin, d.origin_line, -bm25(search_docs, {TITLE_WEIGHT}, 1.0) AS score
             FROM search_docs JOIN documents d ON d.id = search_docs.rowid
             WHERE search_docs MATCH ?1
               AND {CURRENT}
               AND (?2 IS NULL OR d.lang = ?2)
               AND (?3 IS NULL OR d.published >= ?3)
               AND (?4 IS NULL OR d.published < ?4)
               AND (?5 IS NULL OR d.site = ?5)
             ORDER BY bm25(search_docs, {TITLE_WEIGHT}, 1.0), d.id
             LIMIT ?6 OFFSET ?7"
        );
        // As in `list_docs`: every date starting with `until` sorts below `until~`.
        let until = filter.until.map(|d| format!("{d}~"));
        let limit = i64::try_from(filter.limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(filter.offset).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![
            expr,
            filter.lang,
            filter.since.map(|d| d.to_string()),
            until,
            filter.site,
            limit,
            offset
        ])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            out.push(SearchHit {
                doc: DocSummary {
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
                },
                score: row.get(10)?,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::synthetic;
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
        let ids: Vec<DocId> = store
            .write_batch(&docs)
            .unwrap()
            .iter()
            .map(|o| o.id())
            .collect();
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
        let hits = store.search(&words(&[&["bard"]]), &filter()).unwrap();
        assert_eq!(hits.len(), 2);
        // the title weighs more: the document with "bard" in its title first
        assert_eq!(hits[0].doc.id, ids[0]);
        assert!(hits[0].score > hits[1].score);
        let hits = store
            .search(&words(&[&["bard"], &["offens", "offensive"]]), &filter())
            .unwrap();
        assert_eq!(hits.iter().map(|h| h.doc.id).collect::<Vec<_>>(), [ids[1]]);
        assert!(store
            .search(&words(&[&["bard"], &["stepanakert"]]), &filter())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn filters_by_language_date_and_site() {
        let (store, ids) = store();
        let q = words(&[&["bard", "shell"]]);
        let only = |f: SearchFilter| -> Vec<DocId> {
            store
                .search(&q, &f)
                .unwrap()
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
            .is_empty());
        assert_eq!(
            store.search(&words(&[&["autr"]]), &filter()).unwrap()[0]
                .doc
                .id,
            ids[0]
        );
    }

    #[test]
    fn empty_queries_match_nothing() {
        let (store, _) = store();
        assert!(store.search(&[], &filter()).unwrap().is_empty());
        assert!(store
            .search(&words(&[&["", "!!"]]), &filter())
            .unwrap()
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
