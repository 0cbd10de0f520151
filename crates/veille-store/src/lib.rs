//! The store of veille: the only crate that knows the on-disk format.
//!
//! A store is a data directory holding one SQLite database, `veille.sqlite`,
//! in WAL mode (readers never block the writer; a killed process loses at
//! most the transaction it was in). Documents are written in batches, one
//! transaction each, and read back by id, by listing, or as a stream.
//!
//! ```
//! use veille_model::{AnalysedDoc, CleanDoc, Format, Lang, OffsetMap, Origin, RawDoc, SentenceSpan, Span};
//! use veille_store::{DocQuery, Outcome, Store};
//!
//! let raw = RawDoc::new("a1", Origin { path: "a1.txt".into(), line: None }, Format::Text, "Barda bombardée.".into());
//! let doc = AnalysedDoc {
//!     clean: CleanDoc { text: raw.body.clone(), raw, title: None, map: OffsetMap::identity(), published: None, removed: vec![] },
//!     lang: Lang { code: "fr".into(), confidence: 0.9 },
//!     paragraphs: vec![Span::new(0, 17)],
//!     sentences: vec![SentenceSpan { span: Span::new(0, 17), paragraph: 0 }],
//!     content_hash: "h1".into(),
//! };
//! let mut store = Store::open_in_memory()?; // Store::open(Path::new("./veille-data")) on disk
//! let batch = store.begin_batch()?;
//! let [Outcome::Added(id)] = store.write_batch(&[doc.clone()])?[..] else { panic!() };
//! assert_eq!(store.write_batch(&[doc])?, vec![Outcome::Unchanged(id)]);
//! store.finish_batch(batch, 1, 1, 1, 0)?;
//!
//! assert_eq!(store.resolve("a1")?, id);
//! let listed = store.list_docs(&DocQuery { lang: Some("fr".into()), ..DocQuery::default() })?;
//! assert_eq!(listed[0].n_sentences, 1);
//! assert_eq!(store.get_doc(id)?.sentence_text(0), Some("Barda bombardée."));
//! # Ok::<(), veille_store::Error>(())
//! ```
//!
//! # Schema
//!
//! Version 1 (`migrations/0001_documents.sql`): `documents` (one row per
//! version of a source document: metadata, raw body, cleaned text, offset
//! map, removals, meta; unique on `(source_id, content_hash)`),
//! `paragraphs` and `sentences` (byte spans of the cleaned text, keyed
//! `(doc_id, idx)`, `WITHOUT ROWID`), `batches` (one per ingest run) and
//! `ingest_errors`. Later stages reference a sentence as `(doc_id, idx)`.
//!
//! Version 2 (`migrations/0002_duplicates.sql`): `dup_members` (one row per
//! document in a duplicate group: the group's canonical id, exact/near/first,
//! the copied document and score), `reuse_links` (document → earlier
//! document it copies sentences from, with counts and share) and
//! `dedup_progress` (the last document both were computed for); see
//! `src/duplicates.rs`.
//!
//! Version 3 (`migrations/0003_facts.sql`): `casualty_facts`, `quotes` and
//! `stances` (what each document claims, keyed `(doc_id, idx)`, spans into
//! the cleaned text or the title) and `extract_progress`; see
//! `src/facts.rs`.
//!
//! Version 4 (`migrations/0004_entities.sql`): `entities` (one row per
//! grouping key: kind, canonical name, country, coordinates, precision),
//! `entity_mentions` (document, byte span, sentence, surface form, how it
//! names the entity, role words) and `entity_progress`; see
//! `src/entities.rs`.
//!
//! Version 5 (`migrations/0005_clusters.sql`): `stories`, `events` (label, date span,
//! story), `event_members` (a document → its event, with the order the
//! clusterer took it), `cluster_state` (a snapshot of the clusterer) and
//! `cluster_progress`; see `src/clusters.rs`.
//!
//! Version 6 (`migrations/0006_search.sql`, numbered by its place in the
//! project plan): `search_docs` (contentless FTS5 over the analysed terms
//! of titles and texts, rowid = document id) and `search_progress`; see
//! `src/search.rs`.
//!
//! # Adding a migration
//!
//! 1. Write `migrations/NNNN_what.sql` with the next number: new tables
//!    (duplicate groups, events, facts…) or `ALTER TABLE`s. Never edit a
//!    migration that has shipped.
//! 2. Append `("what", include_str!("../migrations/NNNN_what.sql"))` to
//!    `MIGRATIONS` in `src/schema.rs`; [`SCHEMA_VERSION`] follows.
//! 3. Put the queries of the new tables in a new module (`src/events.rs`)
//!    with its own `impl Store` block, and its types in the `pub use` below.
//!
//! On open, every migration above the file's `PRAGMA user_version` runs in
//! its own transaction that also bumps the version; a store from a newer
//! veille is refused with [`Error::SchemaTooNew`].
//!
//! # Measured
//!
//! `cargo bench -p veille-store --bench write` (synthetic OrangeSum-sized
//! documents: 2.4 KB of text plus a raw body that differs from it, 20
//! sentences in 5 paragraphs; batches of 1,000; a store on disk of ~240k
//! documents; 2 cores shared with other builds, load average 4–6):
//!
//! | what | figure |
//! |---|---|
//! | `write_batch`, new documents | 7.1k–9.5k docs/s wall; **18.6k docs per cpu-second** |
//! | `write_batch`, unchanged documents | 97k–175k docs/s |
//! | `for_each_doc` | 40k–60k docs/s |
//! | `list_docs` (limit 100) | 0.9 ms |
//! | disk | 5.7 KB per document (raw + text ≈ 5 KB) |
//!
//! What made writes fast: multi-row `INSERT`s for the span tables (16 rows
//! per statement) and a WAL checkpoint every 32 MB instead of every 4 MB;
//! for reads, a merge of three ordered cursors instead of one query per
//! document (SQLite's STAT4 build re-prepares a `WHERE doc_id = ?` query at
//! every use). A raw body identical to the cleaned text is stored once.

mod browse;
mod clusters;
mod codec;
mod duplicates;
mod entities;
mod error;
mod facts;
mod generation;
mod history;
mod read;
mod schema;
mod search;
mod store;
mod story_reads;
mod views;
mod write;

#[cfg(test)]
mod fixtures;

pub use browse::DayCount;
pub use clusters::{
    ClusterProgress, ClusterSnapshot, EventDoc, EventRecord, EventSummary, MemberRecord,
    StoryRecord, StorySummary,
};
pub use duplicates::{DupGroup, DupKind, DupMember, DupRecord, ReuseLink, ReuseRecord};
pub use entities::{EntityQuery, EntityRecord, EntitySummary, MentionRecord, MentionView};
pub use error::{Blame, Error, Result};
pub use facts::LinkedEntity;
pub use facts::{
    CasualtyFact, CasualtyRecord, DocClaims, FactDate, FactQuery, FactVictims, Located,
    Origin as ClaimOrigin, QuoteQuery, QuoteRecord, StanceQuery, StanceRecord, StoredQuote,
    StoredStance,
};
pub use history::{BatchSummary, IngestError};
pub use read::{DocQuery, DocRef, DocSummary, StoredDoc};
pub use schema::SCHEMA_VERSION;
pub use search::{
    match_expression, SearchFilter, SearchHit, SearchPage, SearchRow, SnippetSource, RANK_WINDOW,
    TITLE_WEIGHT,
};
pub use store::{Store, DB_FILE};
pub use story_reads::StoryReuse;
pub use views::{DocMention, ScopeDoc};
pub use write::{BatchId, Outcome};
