//! Reads of the story pages that cost a fixed number of queries whatever
//! the story's size: a page of the story list, and every reuse link of a
//! story's documents.
//!
//! Measured on the first 4,000 OrangeSum articles (971 stories; 2 cores
//! shared with other builds, so noisy): listing every story's counts to
//! keep 50 read every membership and document row (184 ms cold); a page
//! reads the memberships' index to filter by size, then counts only its
//! own stories. The reuse links of a 111-document story took two queries
//! per document (each re-prepared: the STAT4 build of SQLite plans a bound
//! `WHERE doc_id = ?` at every use); now two queries in all.

use crate::duplicates::{link, LINK_COLUMNS};
use crate::{Result, ReuseLink, Store, StorySummary};
use std::collections::HashMap;
use veille_model::DocId;

/// The reuse links of a story's documents, by document.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct StoryReuse {
    /// Document → the earlier documents it copies, most copied first.
    pub sources: HashMap<DocId, Vec<ReuseLink>>,
    /// Document → the later documents that copy it, most copied first.
    pub reused_by: HashMap<DocId, Vec<ReuseLink>>,
}

/// The documents of story `?1`, as a subquery.
pub(crate) const STORY_DOCS: &str =
    "SELECT m.doc_id FROM events e JOIN event_members m ON m.event_id = e.id
     WHERE e.story_id = ?1";

impl Store {
    /// Stories of at least `min_docs` documents (at least 1), in the order
    /// of [`Store::stories`] (latest first), skipping `offset`, at most
    /// `limit`: the same page as filtering and slicing `stories()`.
    pub fn story_page(
        &self,
        min_docs: u64,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<StorySummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id FROM stories s
             WHERE (SELECT count(*) FROM events e JOIN event_members m ON m.event_id = e.id
                    WHERE e.story_id = s.id) >= ?1
             ORDER BY s.last_date IS NULL, s.last_date DESC, s.id
             LIMIT ?2 OFFSET ?3",
        )?;
        let ids = stmt
            .query_map(
                rusqlite::params![
                    i64::try_from(min_docs.max(1)).unwrap_or(i64::MAX),
                    i64::try_from(limit).unwrap_or(i64::MAX),
                    i64::try_from(offset).unwrap_or(i64::MAX)
                ],
                |r| r.get::<_, i64>(0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.story(id)?);
        }
        Ok(out)
    }

    /// Every reuse link into or out of a document of `story`, grouped by
    /// that document, each list ordered as [`Store::reuse_sources`] and
    /// [`Store::reused_by`] order theirs.
    pub fn story_reuse(&self, story: i64) -> Result<StoryReuse> {
        let mut out = StoryReuse::default();
        // (the document's column, the other end, the tie-break order)
        for (key, shown, into_sources) in [
            ("l.doc_id", "l.source_doc_id", true),
            ("l.source_doc_id", "l.doc_id", false),
        ] {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {LINK_COLUMNS} FROM reuse_links l JOIN documents d ON d.id = {shown}
                 WHERE {key} IN ({STORY_DOCS})
                 ORDER BY {key}, l.sentences DESC, {shown}"
            ))?;
            let mut rows = stmt.query([story])?;
            while let Some(row) = rows.next()? {
                let l = link(row)?;
                let (map, doc) = if into_sources {
                    (&mut out.sources, l.doc)
                } else {
                    (&mut out.reused_by, l.source)
                };
                map.entry(doc).or_default().push(l);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{stored, synthetic};
    use crate::{ClusterProgress, EventRecord, MemberRecord, ReuseRecord, Store, StoryRecord};
    use veille_model::{DocId, PartialDate};

    /// Three stories of 3, 2 and 1 documents over six documents, with
    /// reuse links inside story 1 and across stories 1 and 2.
    fn store() -> (Store, Vec<DocId>) {
        let mut store = Store::open_in_memory().unwrap();
        let docs: Vec<_> = (0..6)
            .map(|i| synthetic(&format!("d{i}"), 2 + i, 1))
            .collect();
        let ids = stored(&mut store, &docs);
        let day = |d: &str| Some(d.parse::<PartialDate>().unwrap());
        let stories = [
            (1, "2020-10-01", 3usize),
            (2, "2020-10-05", 2),
            (3, "2020-09-01", 1),
        ];
        let mut members = Vec::new();
        let mut next = 0;
        for (story, _, n) in stories {
            for _ in 0..n {
                members.push(MemberRecord {
                    doc: ids[next],
                    event: story * 10,
                    seq: next as u64 + 1,
                    score: 1.0,
                });
                next += 1;
            }
        }
        let story_rows: Vec<StoryRecord> = stories
            .iter()
            .map(|(id, last, _)| StoryRecord {
                id: *id,
                label: format!("s{id}"),
                first: day("2020-09-01"),
                last: day(last),
            })
            .collect();
        let events: Vec<EventRecord> = stories
            .iter()
            .map(|(id, last, _)| EventRecord {
                id: id * 10,
                story: *id,
                label: format!("e{id}"),
                first: day("2020-09-01"),
                last: day(last),
            })
            .collect();
        let progress = ClusterProgress {
            last_doc: ids[5],
            last_seq: 6,
        };
        store
            .record_clusters(&story_rows, &events, &members, None, progress)
            .unwrap();
        let link = |doc: usize, source: usize, sentences: u32| ReuseRecord {
            doc: ids[doc],
            source: ids[source],
            sentences,
            verbatim: sentences,
            share: 0.5,
        };
        store
            .record_duplicates(
                &[],
                &[link(1, 0, 1), link(2, 0, 2), link(2, 1, 1), link(3, 2, 2)],
                ids[5],
            )
            .unwrap();
        (store, ids)
    }

    #[test]
    fn a_page_is_the_slice_of_the_whole_list() {
        let (store, _) = store();
        let all = store.stories().unwrap();
        assert_eq!(all.len(), 3);
        for min_docs in [0, 1, 2, 3, 4] {
            for (limit, offset) in [(50, 0), (1, 0), (1, 1), (2, 1), (5, 3)] {
                let expected: Vec<_> = all
                    .iter()
                    .filter(|s| s.n_docs >= min_docs)
                    .skip(offset)
                    .take(limit)
                    .cloned()
                    .collect();
                assert_eq!(
                    store.story_page(min_docs, limit, offset).unwrap(),
                    expected,
                    "min_docs {min_docs}, limit {limit}, offset {offset}"
                );
            }
        }
        // latest first: story 2 (Oct 5) before story 1 (Oct 1)
        let ids: Vec<i64> = store
            .story_page(1, 50, 0)
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, [2, 1, 3]);
    }

    #[test]
    fn a_story_s_reuse_is_every_document_s_links() {
        let (store, ids) = store();
        for story in 1..=3 {
            let reuse = store.story_reuse(story).unwrap();
            let docs = store.story_doc_ids(story).unwrap();
            for doc in &docs {
                let sources = store.reuse_sources(*doc).unwrap();
                let by = store.reused_by(*doc).unwrap();
                assert_eq!(reuse.sources.get(doc).cloned().unwrap_or_default(), sources);
                assert_eq!(reuse.reused_by.get(doc).cloned().unwrap_or_default(), by);
            }
            // nothing about documents of other stories
            assert!(reuse
                .sources
                .keys()
                .chain(reuse.reused_by.keys())
                .all(|d| docs.contains(d)));
        }
        // the link across stories shows on both sides
        let s1 = store.story_reuse(1).unwrap();
        assert_eq!(s1.reused_by[&ids[2]][0].doc, ids[3]);
        let s2 = store.story_reuse(2).unwrap();
        assert_eq!(s2.sources[&ids[3]][0].source, ids[2]);
        // most copied first
        assert_eq!(s1.sources[&ids[2]][0].source, ids[0]);
    }
}
