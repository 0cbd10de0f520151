//! Duplicates and sentence reuse, kept up to date as documents are ingested.
//!
//! The engine holds a [`DuplicateIndex`] and a [`ReuseIndex`] (pure, from
//! `veille-story`) in memory. They are built the first time an ingest runs
//! in a process, by streaming the stored documents in id order
//! (`Store::for_each_doc`), then every document a batch adds is fed to both
//! in id order and the decisions are recorded with
//! `Store::record_duplicates`, in a transaction of their own right after the
//! batch's. Documents above the store's `dedup_progress` mark (a run killed
//! between the two transactions, or a store from schema v1) are treated as
//! new while rebuilding, so the recorded groups and links always end up as a
//! replay of the whole store in id order would make them; re-ingesting
//! unchanged documents adds nothing and changes nothing.
//!
//! A group's members are rewritten whenever a batch touches the group: its
//! canonical member (earliest publication, then first ingested) can change
//! when an earlier copy arrives or two groups merge.
//!
//! Read-only commands never build the indexes: groups and links are read
//! from the store, and [`crate::Engine::reuse`] aligns two documents on
//! demand with [`align`].

use crate::stage::{Stage, StageDoc};
use crate::Result;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use veille_model::{AnalysedDoc, DocId, PartialDate, Span};
use veille_store::{DupKind, DupRecord, ReuseRecord, Store, StoredDoc};
use veille_story::dedup::{
    align, DocSketch, DuplicateConfig, DuplicateIndex, PreparedDoc, ReuseConfig, ReuseIndex,
    ReuseKind, Verdict,
};
use veille_text::folded_words;

/// Documents fed to the indexes at a time while rebuilding (sketched in
/// parallel).
const REBUILD_CHUNK: usize = 1000;

/// A document as the indexes need it.
pub(crate) struct NewDoc<'a> {
    pub id: DocId,
    pub published: Option<PartialDate>,
    /// The sentences: together they hold every word of the text.
    pub sentences: Vec<&'a str>,
}

impl<'a> NewDoc<'a> {
    pub fn analysed(id: DocId, doc: &'a AnalysedDoc) -> NewDoc<'a> {
        NewDoc {
            id,
            published: doc.clean.published,
            sentences: doc
                .sentences
                .iter()
                .filter_map(|s| {
                    doc.clean
                        .text
                        .get(s.span.start as usize..s.span.end as usize)
                })
                .collect(),
        }
    }
}

/// The parts of a stored document the indexes need, owned.
struct Owned {
    id: DocId,
    published: Option<PartialDate>,
    text: String,
    sentences: Vec<Span>,
}

impl Owned {
    fn view(&self) -> NewDoc<'_> {
        NewDoc {
            id: self.id,
            published: self.published,
            sentences: self
                .sentences
                .iter()
                .filter_map(|s| self.text.get(s.start as usize..s.end as usize))
                .collect(),
        }
    }
}

/// How a document joined its group: kind, the earlier document, score.
type Joined = (DupKind, DocId, f32);

/// The incremental duplicate and reuse indexes of one store.
pub(crate) struct Dedup {
    dups: DuplicateIndex,
    reuse: ReuseIndex,
    joined: HashMap<DocId, Joined>,
}

impl std::fmt::Debug for Dedup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dedup")
            .field("docs", &self.dups.len())
            .field("duplicates", &self.joined.len())
            .finish()
    }
}

impl Dedup {
    fn new() -> Dedup {
        Dedup {
            dups: DuplicateIndex::new(DuplicateConfig::default())
                .expect("the default duplicate settings are valid"),
            reuse: ReuseIndex::new(ReuseConfig::default()),
            joined: HashMap::new(),
        }
    }

    /// Builds the indexes from the stored documents and records what is
    /// missing for documents above the progress mark.
    pub fn load(store: &mut Store) -> Result<Dedup> {
        let started = std::time::Instant::now();
        let done = store.dedup_progress()?;
        let mut dedup = Dedup::new();
        let mut pending: Vec<Owned> = Vec::with_capacity(REBUILD_CHUNK);
        let mut touched = HashSet::new();
        let mut links = Vec::new();
        let mut last = done;
        let mut flush = |dedup: &mut Dedup, pending: &mut Vec<Owned>| {
            let views: Vec<NewDoc<'_>> = pending.iter().map(Owned::view).collect();
            let new_links = dedup.feed(&views, done);
            for d in views.iter().filter(|d| d.id > done) {
                touched.insert(d.id);
                last = last.max(d.id);
            }
            links.extend(new_links.into_iter().filter(|l| l.doc > done));
            pending.clear();
        };
        store.for_each_doc(|doc: StoredDoc| -> Result<()> {
            pending.push(Owned {
                id: doc.id,
                published: doc.published,
                sentences: doc.sentences.iter().map(|s| s.span).collect(),
                text: doc.text,
            });
            if pending.len() >= REBUILD_CHUNK {
                flush(&mut dedup, &mut pending);
            }
            Ok(())
        })?;
        flush(&mut dedup, &mut pending);
        let touched_count = touched.len();
        if last > done {
            let members = dedup.members_of_groups_touching(&touched);
            store.record_duplicates(&members, &links, last)?;
        }
        tracing::info!(
            docs = dedup.dups.len(),
            caught_up = touched_count,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "duplicate and reuse indexes built"
        );
        Ok(dedup)
    }

    /// Feeds newly stored documents (in id order) to the indexes and records
    /// the groups they touch and the links they make.
    fn add_docs(&mut self, store: &mut Store, docs: &[NewDoc<'_>]) -> Result<()> {
        let Some(last) = docs.iter().map(|d| d.id).max() else {
            return Ok(());
        };
        let links = self.feed(docs, DocId(0));
        let touched: HashSet<DocId> = docs.iter().map(|d| d.id).collect();
        let members = self.members_of_groups_touching(&touched);
        store.record_duplicates(&members, &links, last)?;
        Ok(())
    }

    /// Adds documents to both indexes; the reuse links they make. Documents
    /// up to `known` already have their links recorded: they are only indexed.
    fn feed(&mut self, docs: &[NewDoc<'_>], known: DocId) -> Vec<ReuseRecord> {
        // Each document is tokenised once, in parallel: its sentences' folded
        // words feed both the document sketch and the sentence index.
        let (dups, reuse) = (&self.dups, &self.reuse);
        let prepared: Vec<(DocSketch, PreparedDoc)> = docs
            .par_iter()
            .map(|d| {
                let words: Vec<Vec<String>> = d.sentences.iter().map(|s| folded_words(s)).collect();
                let all: Vec<&str> = words.iter().flatten().map(String::as_str).collect();
                (dups.sketch_words(&all), reuse.prepare_folded(&words))
            })
            .collect();
        let mut sentence_index = Vec::with_capacity(docs.len());
        for (d, (sketch, prepared)) in docs.iter().zip(prepared) {
            sentence_index.push(prepared);
            match self.dups.add_sketch(d.id, d.published, sketch) {
                Verdict::Exact { of } => {
                    self.joined.insert(d.id, (DupKind::Exact, of, 1.0));
                }
                Verdict::Near {
                    of,
                    estimated,
                    verified,
                } => {
                    let score = verified.unwrap_or(estimated);
                    self.joined.insert(d.id, (DupKind::Near, of, score));
                }
                Verdict::New => {}
            }
        }
        // Documents whose links are recorded are only indexed (they come
        // first: ids ascend); the others are searched as one batch.
        let mut new_docs = Vec::new();
        for (d, prepared) in docs.iter().zip(sentence_index) {
            if d.id <= known {
                self.reuse.insert_prepared(d.id, prepared);
            } else {
                new_docs.push((d, prepared));
            }
        }
        let totals: Vec<(DocId, f32)> = new_docs
            .iter()
            .map(|(d, _)| (d.id, d.sentences.len().max(1) as f32))
            .collect();
        let found = self
            .reuse
            .add_batch(new_docs.into_iter().map(|(d, p)| (d.id, p)).collect());
        let mut links = Vec::new();
        for ((doc, total), sources) in totals.into_iter().zip(found) {
            for s in sources {
                links.push(ReuseRecord {
                    doc,
                    source: s.source,
                    sentences: s.sentences() as u32,
                    verbatim: s.verbatim() as u32,
                    share: s.sentences() as f32 / total,
                });
            }
        }
        links
    }

    /// Every member of every group that holds one of `docs`.
    fn members_of_groups_touching(&self, docs: &HashSet<DocId>) -> Vec<DupRecord> {
        let mut out = Vec::new();
        for g in self.dups.groups() {
            if !g.members.iter().any(|m| docs.contains(m)) {
                continue;
            }
            for &m in &g.members {
                let (kind, of, score) = match self.joined.get(&m) {
                    Some(&(kind, of, score)) => (kind, Some(of), Some(score)),
                    None => (DupKind::First, None, None),
                };
                out.push(DupRecord {
                    doc: m,
                    group: g.canonical,
                    kind,
                    of,
                    score,
                });
            }
        }
        out
    }
}

impl Stage for Dedup {
    fn name(&self) -> &'static str {
        "duplicates"
    }

    fn add(&mut self, store: &mut Store, docs: &[StageDoc<'_>]) -> Result<()> {
        let docs: Vec<NewDoc<'_>> = docs.iter().map(|d| NewDoc::analysed(d.id, d.doc)).collect();
        self.add_docs(store, &docs)
    }
}

/// One side of a [`ReuseView`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReuseSide {
    pub id: DocId,
    pub source_id: String,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    /// All sentences of the document.
    pub sentences: usize,
    /// Sentences long enough to take part in the alignment.
    pub eligible: usize,
    /// Sentences aligned with the other document.
    pub reused: usize,
    /// `reused` over `sentences`.
    pub share: f32,
}

/// Sentence `a` of the first document aligned with sentence `b` of the second
/// (0-based indexes, texts included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReusePair {
    pub a: usize,
    pub b: usize,
    pub a_text: String,
    pub b_text: String,
    pub score: f32,
    pub kind: ReuseKind,
}

/// The sentence-level reuse between two documents, side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReuseView {
    pub a: ReuseSide,
    pub b: ReuseSide,
    pub verbatim: usize,
    pub edited: usize,
    /// Aligned pairs in the order of the first document.
    pub pairs: Vec<ReusePair>,
}

fn sentences(doc: &StoredDoc) -> Vec<&str> {
    (0..doc.sentences.len())
        .filter_map(|i| doc.sentence_text(i))
        .collect()
}

/// Aligns the sentences of two stored documents.
pub(crate) fn reuse_view(a: &StoredDoc, b: &StoredDoc) -> ReuseView {
    let (sa, sb) = (sentences(a), sentences(b));
    let r = align(&sa, &sb, &ReuseConfig::default());
    let side = |d: &StoredDoc, n: usize, eligible: usize| ReuseSide {
        id: d.id,
        source_id: d.source_id.clone(),
        title: d.title.clone(),
        published: d.published,
        sentences: n,
        eligible,
        reused: r.pairs.len(),
        share: r.pairs.len() as f32 / n.max(1) as f32,
    };
    ReuseView {
        a: side(a, sa.len(), r.eligible_a),
        b: side(b, sb.len(), r.eligible_b),
        verbatim: r.verbatim(),
        edited: r.edited(),
        pairs: r
            .pairs
            .iter()
            .map(|p| ReusePair {
                a: p.a,
                b: p.b,
                a_text: sa.get(p.a).copied().unwrap_or_default().to_string(),
                b_text: sb.get(p.b).copied().unwrap_or_default().to_string(),
                score: p.score,
                kind: p.kind,
            })
            .collect(),
    }
}
