//! What documents claim: casualty figures, quotes, accusations and denials
//! (schema v3, `migrations/0003_facts.sql`).
//!
//! The store keeps what the engine's extraction stage found, one document at
//! a time: [`Store::record_claims`] replaces every finding of the given
//! documents and moves the `extract_progress` mark in one transaction, so
//! recording the same documents twice leaves the same rows. Spans are byte
//! offsets into the cleaned text, or into the title for findings of the
//! title (`sentence: None`). Reads join the documents for the source id;
//! the sentence text is sliced in Rust out of its document's text, read once
//! per document (`Store::listing`: `veille quotes --json` on the 36,152
//! OrangeSum documents, 166,535 quotes, was dominated by this per-row cut
//! and an unbuffered writer, see reports/claims.md).
//!
//! Kinds and categories are plain strings here (the store does not know
//! `veille-extract`'s types); the table's `CHECK` constraints hold the lists.

use crate::read::CURRENT;
use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use veille_model::{DocId, PartialDate, Span};

/// A party or a phrase named in the text: its words and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located {
    pub text: String,
    pub span: Span,
}

/// The entity (of the entities stage) a speaker, claimant or actor names:
/// the entity of the mention that overlaps its words most (a demonym such as
/// `arménien` inside `le ministre arménien` does not count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedEntity {
    pub id: i64,
    pub key: String,
    /// `person`, `organisation` or `place`.
    pub kind: String,
    pub name: String,
}

/// When a figure happened, as far as the text or the document says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactDate {
    /// ISO (`2020-10-28`, `2020-10`, `2020`) or a TIMEX3 value with a time
    /// of day (`2020-10-28TEV`).
    pub value: String,
    /// `day`, `month`, `year`, `partofday`, … (the date tagger's names).
    pub granularity: String,
    /// `sentence` (a date of the sentence, resolved against the publication
    /// date) or `published` (the document's date, nothing in the sentence).
    pub from: String,
    /// The date phrase, when read from the sentence.
    pub span: Option<Span>,
    /// `start` or `end` when the date bounds a period (`depuis le 27
    /// septembre` starts a running toll).
    pub edge: Option<String>,
}

/// Who the victims of a figure are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactVictims {
    /// `person`, `civilian`, `military`, `peacekeeper`, `journalist`,
    /// `child`, `police`, `perpetrator`.
    pub category: Option<String>,
    /// A nationality or side as written (`arméniens`).
    pub side: Option<String>,
}

/// Where a finding was read: a sentence of the text, or the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// The sentence index; `None` for the title.
    pub sentence: Option<u32>,
    /// The sentence (or the whole title) in the text it belongs to.
    pub span: Span,
}

/// A casualty or displacement figure to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasualtyRecord {
    pub at: Origin,
    /// The number phrase.
    pub span: Span,
    /// `killed`, `injured`, `missing`, `captured`, `displaced`, `evacuated`.
    pub kind: String,
    pub min: u64,
    pub max: Option<u64>,
    pub approximate: bool,
    pub victims: FactVictims,
    pub place: Option<String>,
    pub date: Option<FactDate>,
    pub cumulative: bool,
    pub implicit: bool,
    pub claimed_by: Option<Located>,
    pub accused: Option<Located>,
}

/// A quote or reported statement to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRecord {
    pub at: Origin,
    pub speaker: Option<Located>,
    pub cue: Option<Located>,
    pub content: Span,
    pub direct: bool,
}

/// An accusation or a denial to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StanceRecord {
    pub at: Origin,
    /// `accusation` or `denial`.
    pub kind: String,
    pub actor: Located,
    pub target: Option<Located>,
    pub content: Span,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocClaims {
    pub doc: DocId,
    pub casualties: Vec<CasualtyRecord>,
    pub quotes: Vec<QuoteRecord>,
    pub stances: Vec<StanceRecord>,
}

/// A stored casualty figure with its document and sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasualtyFact {
    /// The document's source id (a seed's file stem, a JSONL id).
    pub doc: String,
    pub doc_id: DocId,
    pub published: Option<PartialDate>,
    /// The sentence index; `None` when read from the title.
    pub sentence_idx: Option<u32>,
    pub kind: String,
    pub min: u64,
    /// `None` when open-ended (`au moins 70`).
    pub max: Option<u64>,
    pub approximate: bool,
    pub victims: FactVictims,
    pub place: Option<String>,
    pub date: Option<FactDate>,
    pub cumulative: bool,
    pub implicit: bool,
    pub claimed_by: Option<Located>,
    /// The entity the claimant names, when the entities stage found one.
    pub claimed_by_entity: Option<LinkedEntity>,
    pub accused: Option<Located>,
    /// The sentence text (the title for a figure of the title).
    pub sentence: String,
    /// The number phrase, in the cleaned text (in the title when
    /// `sentence_idx` is `None`).
    pub span: Span,
    /// The number phrase's words.
    pub figure: String,
    pub sentence_span: Span,
}

/// A stored quote or reported statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredQuote {
    pub doc: String,
    pub doc_id: DocId,
    pub published: Option<PartialDate>,
    pub sentence_idx: Option<u32>,
    pub speaker: Option<Located>,
    /// The entity the speaker names, when the entities stage found one (a
    /// pronoun speaker resolved to the previous sentence's included).
    pub speaker_entity: Option<LinkedEntity>,
    pub cue: Option<Located>,
    /// What is said.
    pub content: Located,
    pub direct: bool,
    pub sentence: String,
    pub sentence_span: Span,
}

/// A stored accusation or denial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredStance {
    pub doc: String,
    pub doc_id: DocId,
    pub published: Option<PartialDate>,
    pub sentence_idx: Option<u32>,
    pub kind: String,
    pub actor: Located,
    /// The entity the actor names, when the entities stage found one.
    pub actor_entity: Option<LinkedEntity>,
    pub target: Option<Located>,
    pub content: Located,
    pub sentence: String,
    pub sentence_span: Span,
}

/// Which casualty figures to list. By default, those of the newest version
/// of every document, in document then reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactQuery {
    /// Only this kind (`killed`, …).
    pub kind: Option<String>,
    /// Only this document (any version).
    pub doc: Option<DocId>,
    pub limit: Option<usize>,
}

/// Which quotes to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteQuery {
    /// Speakers whose words contain this (ASCII case-insensitive).
    pub speaker: Option<String>,
    pub doc: Option<DocId>,
    pub limit: Option<usize>,
}

/// Which accusations and denials to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StanceQuery {
    /// `accusation` or `denial`.
    pub kind: Option<String>,
    pub doc: Option<DocId>,
    pub limit: Option<usize>,
}

const INSERT_FACT: &str = "INSERT INTO casualty_facts (doc_id, idx, sentence_idx, sent_start,
    sent_end, byte_start, byte_end, kind, min, max, approximate, victim_category, victim_side,
    place, date, date_granularity, date_from, date_start, date_end, date_edge, cumulative,
    implicit, claimed_by, claimed_start, claimed_end, accused, accused_start, accused_end)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
    ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)";

const INSERT_QUOTE: &str = "INSERT INTO quotes (doc_id, idx, sentence_idx, sent_start, sent_end,
    speaker, speaker_start, speaker_end, cue, cue_start, cue_end, content_start, content_end,
    direct) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

const INSERT_STANCE: &str = "INSERT INTO stances (doc_id, idx, sentence_idx, sent_start,
    sent_end, kind, actor, actor_start, actor_end, target, target_start, target_end,
    content_start, content_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
    ?13, ?14)";

fn count(what: &'static str, v: u64) -> Result<i64> {
    i64::try_from(v).map_err(|_| Error::OutOfRange { what, value: v })
}

fn corrupt(id: i64, what: String) -> Error {
    Error::Corrupt { id, what }
}

/// `(text, start, end)` columns of an optional located phrase.
fn located_cols(l: &Option<Located>) -> (Option<&str>, Option<u32>, Option<u32>) {
    match l {
        Some(l) => (Some(l.text.as_str()), Some(l.span.start), Some(l.span.end)),
        None => (None, None, None),
    }
}

/// Reads a span from two columns, checking it is a real span.
fn span_at(row: &rusqlite::Row<'_>, a: usize, id: i64, what: &str) -> Result<Span> {
    let (s, e): (i64, i64) = (row.get(a)?, row.get(a + 1)?);
    match (u32::try_from(s), u32::try_from(e)) {
        (Ok(s), Ok(e)) if s <= e => Ok(Span { start: s, end: e }),
        _ => Err(corrupt(id, format!("{what} span {s}..{e}"))),
    }
}

fn opt_located(row: &rusqlite::Row<'_>, a: usize, id: i64, what: &str) -> Result<Option<Located>> {
    let text: Option<String> = row.get(a)?;
    let start: Option<i64> = row.get(a + 1)?;
    match (text, start) {
        (Some(text), Some(_)) => Ok(Some(Located {
            text,
            span: span_at(row, a + 1, id, what)?,
        })),
        (None, None) => Ok(None),
        _ => Err(corrupt(id, format!("{what} without its span"))),
    }
}

fn parse_date(id: i64, s: Option<String>) -> Result<Option<PartialDate>> {
    s.map(|s| {
        s.parse::<PartialDate>()
            .map_err(|_| corrupt(id, format!("date {s:?}")))
    })
    .transpose()
}

fn sentence_idx(id: i64, v: Option<i64>) -> Result<Option<u32>> {
    v.map(|v| u32::try_from(v).map_err(|_| corrupt(id, format!("sentence index {v}"))))
        .transpose()
}

/// The words of `span` (document offsets) within the sentence at `sentence`.
fn cut(id: i64, sentence: &str, at: Span, span: Span, what: &str) -> Result<String> {
    (at.contains(span))
        .then(|| {
            sentence
                .get(span.start as usize - at.start as usize..span.end as usize - at.start as usize)
        })
        .flatten()
        .map(str::to_string)
        .ok_or_else(|| corrupt(id, format!("{what} span outside its sentence")))
}

/// The common `WHERE` of the listings: current versions unless one document
/// is asked for.
/// Which documents a listing reads.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// The newest version of every document.
    Current,
    /// This document (any version).
    Doc(DocId),
    /// The documents of this story (`stories.id`), in the order of
    /// [`Store::story_doc_ids`].
    Story(i64),
}

impl Scope {
    fn of(doc: Option<DocId>) -> Scope {
        doc.map_or(Scope::Current, Scope::Doc)
    }

    /// The condition on `x` (the listed table) and `d` (its document).
    fn condition(self, params: &mut Vec<rusqlite::types::Value>) -> String {
        match self {
            Scope::Doc(d) => {
                params.push(d.0.into());
                format!("x.doc_id = ?{}", params.len())
            }
            Scope::Current => CURRENT.to_string(),
            Scope::Story(story) => {
                params.push(story.into());
                format!(
                    "x.doc_id IN (SELECT m.doc_id FROM events e
                                  JOIN event_members m ON m.event_id = e.id
                                  WHERE e.story_id = ?{})",
                    params.len()
                )
            }
        }
    }

    /// The order of the rows: by document, then reading order.
    fn order(self) -> &'static str {
        match self {
            Scope::Story(_) => "d.published IS NOT NULL, d.published, x.doc_id, x.idx",
            Scope::Current | Scope::Doc(_) => "x.doc_id, x.idx",
        }
    }
}

fn limit_clause(limit: Option<usize>) -> String {
    limit.map_or_else(String::new, |n| format!(" LIMIT {n}"))
}

impl Store {
    /// Replaces the recorded claims of each of `docs` and marks every
    /// document up to `done_through` as processed, in one transaction.
    pub fn record_claims(&mut self, docs: &[DocClaims], done_through: DocId) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut clear = [
                tx.prepare_cached("DELETE FROM casualty_facts WHERE doc_id = ?1")?,
                tx.prepare_cached("DELETE FROM quotes WHERE doc_id = ?1")?,
                tx.prepare_cached("DELETE FROM stances WHERE doc_id = ?1")?,
            ];
            let mut fact = tx.prepare_cached(INSERT_FACT)?;
            let mut quote = tx.prepare_cached(INSERT_QUOTE)?;
            let mut stance = tx.prepare_cached(INSERT_STANCE)?;
            for d in docs {
                for c in &mut clear {
                    c.execute([d.doc.0])?;
                }
                for (i, f) in d.casualties.iter().enumerate() {
                    let (by, by_s, by_e) = located_cols(&f.claimed_by);
                    let (acc, acc_s, acc_e) = located_cols(&f.accused);
                    let date = f.date.as_ref();
                    fact.execute(params![
                        d.doc.0,
                        i as i64,
                        f.at.sentence,
                        f.at.span.start,
                        f.at.span.end,
                        f.span.start,
                        f.span.end,
                        f.kind,
                        count("casualty count", f.min)?,
                        f.max.map(|m| count("casualty count", m)).transpose()?,
                        f.approximate,
                        f.victims.category,
                        f.victims.side,
                        f.place,
                        date.map(|d| &d.value),
                        date.map(|d| &d.granularity),
                        date.map(|d| &d.from),
                        date.and_then(|d| d.span).map(|s| s.start),
                        date.and_then(|d| d.span).map(|s| s.end),
                        date.and_then(|d| d.edge.as_ref()),
                        f.cumulative,
                        f.implicit,
                        by,
                        by_s,
                        by_e,
                        acc,
                        acc_s,
                        acc_e,
                    ])?;
                }
                for (i, q) in d.quotes.iter().enumerate() {
                    let (sp, sp_s, sp_e) = located_cols(&q.speaker);
                    let (cue, cue_s, cue_e) = located_cols(&q.cue);
                    quote.execute(params![
                        d.doc.0,
                        i as i64,
                        q.at.sentence,
                        q.at.span.start,
                        q.at.span.end,
                        sp,
                        sp_s,
                        sp_e,
                        cue,
                        cue_s,
                        cue_e,
                        q.content.start,
                        q.content.end,
                        q.direct,
                    ])?;
                }
                for (i, s) in d.stances.iter().enumerate() {
                    let (t, t_s, t_e) = located_cols(&s.target);
                    stance.execute(params![
                        d.doc.0,
                        i as i64,
                        s.at.sentence,
                        s.at.span.start,
                        s.at.span.end,
                        s.kind,
                        s.actor.text,
                        s.actor.span.start,
                        s.actor.span.end,
                        t,
                        t_s,
                        t_e,
                        s.content.start,
                        s.content.end,
                    ])?;
                }
            }
            tx.execute(
                "INSERT INTO extract_progress (id, last_doc) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET last_doc = max(last_doc, excluded.last_doc)",
                [done_through.0],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The highest document id whose claims are recorded (`DocId(0)` when
    /// none is).
    pub fn extract_progress(&self) -> Result<DocId> {
        let last: Option<i64> = self
            .conn
            .query_row(
                "SELECT last_doc FROM extract_progress WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(DocId(last.unwrap_or(0)))
    }

    /// Casualty figures, in document then reading order.
    pub fn casualty_facts(&self, q: &FactQuery) -> Result<Vec<CasualtyFact>> {
        self.facts_in(Scope::of(q.doc), q.kind.clone(), q.limit)
    }

    /// The casualty figures of a story's documents (only `kind` when
    /// given), at most `limit`: the documents in the order of
    /// [`Store::story_doc_ids`], each one's figures in reading order, the
    /// same list as asking [`Store::casualty_facts`] document by document,
    /// in one statement.
    pub fn story_casualty_facts(
        &self,
        story: i64,
        kind: Option<String>,
        limit: Option<usize>,
    ) -> Result<Vec<CasualtyFact>> {
        self.facts_in(Scope::Story(story), kind, limit)
    }

    fn facts_in(
        &self,
        scope: Scope,
        kind: Option<String>,
        limit: Option<usize>,
    ) -> Result<Vec<CasualtyFact>> {
        let kind = kind.map(|k| ("x.kind =", k.into()));
        self.listing(
            Columns {
                table: "casualty_facts",
                cols: "x.byte_start, x.byte_end, x.kind, x.min, x.max, x.approximate,
             x.victim_category, x.victim_side, x.place, x.date, x.date_granularity,
             x.date_from, x.date_start, x.date_end, x.date_edge, x.cumulative, x.implicit,
             x.claimed_by, x.claimed_start, x.claimed_end, x.accused, x.accused_start,
             x.accused_end",
                link: ("x.claimed_start", "x.claimed_end"),
            },
            scope,
            kind,
            limit,
            |row, h| {
                let id = h.id;
                let span = span_at(row, 6, id, "figure")?;
                let to_u64 = |v: i64| {
                    u64::try_from(v).map_err(|_| corrupt(id, format!("casualty count {v}")))
                };
                let min: i64 = row.get(9)?;
                let max: Option<i64> = row.get(10)?;
                let date = match row.get::<_, Option<String>>(15)? {
                    None => None,
                    Some(value) => Some(FactDate {
                        value,
                        granularity: row.get::<_, Option<String>>(16)?.unwrap_or_default(),
                        from: row.get::<_, Option<String>>(17)?.unwrap_or_default(),
                        span: row
                            .get::<_, Option<i64>>(18)?
                            .map(|_| span_at(row, 18, id, "date"))
                            .transpose()?,
                        edge: row.get(20)?,
                    }),
                };
                Ok(CasualtyFact {
                    figure: h.cut(span, "figure")?,
                    kind: row.get(8)?,
                    min: to_u64(min)?,
                    max: max.map(to_u64).transpose()?,
                    approximate: row.get(11)?,
                    victims: FactVictims {
                        category: row.get(12)?,
                        side: row.get(13)?,
                    },
                    place: row.get(14)?,
                    date,
                    cumulative: row.get(21)?,
                    implicit: row.get(22)?,
                    claimed_by: opt_located(row, 23, id, "claimant")?,
                    claimed_by_entity: h.entity.clone(),
                    accused: opt_located(row, 26, id, "accused")?,
                    span,
                    doc: h.doc,
                    doc_id: DocId(id),
                    published: h.published,
                    sentence_idx: h.sentence_idx,
                    sentence: h.sentence,
                    sentence_span: h.at,
                })
            },
        )
    }

    /// Quotes and reported statements, in document then reading order.
    pub fn quotes(&self, q: &QuoteQuery) -> Result<Vec<StoredQuote>> {
        self.quotes_in(Scope::of(q.doc), q.speaker.as_deref(), q.limit)
    }

    /// The quotes of a story's documents (speaker words holding `speaker`
    /// when given), at most `limit`: the same list as asking
    /// [`Store::quotes`] document by document in the order of
    /// [`Store::story_doc_ids`], in one statement.
    pub fn story_quotes(
        &self,
        story: i64,
        speaker: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<StoredQuote>> {
        self.quotes_in(Scope::Story(story), speaker, limit)
    }

    fn quotes_in(
        &self,
        scope: Scope,
        speaker: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<StoredQuote>> {
        let speaker = speaker.map(|s| ("x.speaker LIKE", format!("%{}%", like_escape(s)).into()));
        self.listing(
            Columns {
                table: "quotes",
                cols: "x.speaker, x.speaker_start, x.speaker_end, x.cue, x.cue_start, x.cue_end,
             x.content_start, x.content_end, x.direct",
                link: ("x.speaker_start", "x.speaker_end"),
            },
            scope,
            speaker,
            limit,
            |row, h| {
                let content = span_at(row, 12, h.id, "content")?;
                Ok(StoredQuote {
                    speaker: opt_located(row, 6, h.id, "speaker")?,
                    speaker_entity: h.entity.clone(),
                    cue: opt_located(row, 9, h.id, "cue")?,
                    content: h.located(content, "content")?,
                    direct: row.get(14)?,
                    doc: h.doc,
                    doc_id: DocId(h.id),
                    published: h.published,
                    sentence_idx: h.sentence_idx,
                    sentence: h.sentence,
                    sentence_span: h.at,
                })
            },
        )
    }

    /// Accusations and denials, in document then reading order.
    pub fn stances(&self, q: &StanceQuery) -> Result<Vec<StoredStance>> {
        let kind = q.kind.clone().map(|k| ("x.kind =", k.into()));
        self.listing(
            Columns {
                table: "stances",
                cols: "x.kind, x.actor, x.actor_start, x.actor_end, x.target, x.target_start,
             x.target_end, x.content_start, x.content_end",
                link: ("x.actor_start", "x.actor_end"),
            },
            Scope::of(q.doc),
            kind,
            q.limit,
            |row, h| {
                let content = span_at(row, 13, h.id, "content")?;
                Ok(StoredStance {
                    kind: row.get(6)?,
                    actor: Located {
                        text: row.get(7)?,
                        span: span_at(row, 8, h.id, "actor")?,
                    },
                    actor_entity: h.entity.clone(),
                    target: opt_located(row, 10, h.id, "target")?,
                    content: h.located(content, "content")?,
                    doc: h.doc,
                    doc_id: DocId(h.id),
                    published: h.published,
                    sentence_idx: h.sentence_idx,
                    sentence: h.sentence,
                    sentence_span: h.at,
                })
            },
        )
    }

    /// The one listing of the three tables: rows of `table` in the scope of
    /// `doc` (current versions when `None`), with one more condition when
    /// given (`("x.kind =", value)`), in document then reading order. Each
    /// row's first six columns are the common head ([`Head`]); `cols` follow
    /// from column 6 and `decode` reads them. The text (or title) of each
    /// document is read once, when its first row comes, and every sentence
    /// is sliced out of it here rather than in SQL: cutting the sentence
    /// with `substr` per row loaded the whole text for each row. The phrase
    /// between the `link` columns (speaker, claimant, actor) is linked to
    /// the entity whose mention overlaps it most ([`LinkedEntity`]).
    fn listing<T>(
        &self,
        Columns {
            table,
            cols,
            link: (link_start, link_end),
        }: Columns<'_>,
        scope: Scope,
        condition: Option<(&str, rusqlite::types::Value)>,
        limit: Option<usize>,
        mut decode: impl FnMut(&rusqlite::Row<'_>, Head) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut filter = scope.condition(&mut args);
        if let Some((column, value)) = condition {
            args.push(value);
            let escape = if column.ends_with("LIKE") {
                " ESCAPE '\\'"
            } else {
                ""
            };
            filter.push_str(&format!(" AND {column} ?{}{escape}", args.len()));
        }
        let sql = format!(
            "SELECT x.doc_id, d.source_id, d.published, x.sentence_idx, x.sent_start, x.sent_end,
                    {cols},
                    (SELECT m.entity_id FROM entity_mentions m
                     WHERE m.doc_id = x.doc_id AND x.sentence_idx IS NOT NULL
                       AND m.via <> 'demonym'
                       AND m.byte_start < {link_end} AND {link_start} < m.byte_end
                     ORDER BY min(m.byte_end, {link_end}) - max(m.byte_start, {link_start}) DESC,
                              m.byte_start
                     LIMIT 1)
             FROM {table} x JOIN documents d ON d.id = x.doc_id
             WHERE {filter} ORDER BY {}{}",
            scope.order(),
            limit_clause(limit)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut texts = self
            .conn
            .prepare_cached("SELECT title, text FROM documents WHERE id = ?1")?;
        let link_col = stmt.column_count() - 1;
        let mut entity = self
            .conn
            .prepare_cached("SELECT id, key, kind, canonical FROM entities WHERE id = ?1")?;
        let mut entities: HashMap<i64, LinkedEntity> = HashMap::new();
        let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
        // the texts of the document of the current rows: (id, title, text)
        let mut current: Option<(i64, Option<String>, String)> = None;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            if current.as_ref().is_none_or(|c| c.0 != id) {
                let (title, text) = texts.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                current = Some((id, title, text));
            }
            let (_, title, text) = current.as_ref().expect("read above");
            let at = span_at(row, 4, id, "sentence")?;
            let sentence_idx = sentence_idx(id, row.get(3)?)?;
            let whole = match sentence_idx {
                Some(_) => text.as_str(),
                None => title.as_deref().unwrap_or_default(),
            };
            let sentence = whole
                .get(at.start as usize..at.end as usize)
                .ok_or_else(|| corrupt(id, format!("sentence span {}..{}", at.start, at.end)))?
                .to_string();
            let entity = match row.get::<_, Option<i64>>(link_col)? {
                None => None,
                Some(e) => Some(match entities.get(&e) {
                    Some(l) => l.clone(),
                    None => {
                        let l = entity.query_row([e], |r| {
                            Ok(LinkedEntity {
                                id: r.get(0)?,
                                key: r.get(1)?,
                                kind: r.get(2)?,
                                name: r.get(3)?,
                            })
                        })?;
                        entities.insert(e, l.clone());
                        l
                    }
                }),
            };
            let head = Head {
                entity,
                id,
                doc: row.get(1)?,
                published: parse_date(id, row.get(2)?)?,
                sentence_idx,
                at,
                sentence,
            };
            out.push(decode(row, head)?);
        }
        Ok(out)
    }
}

/// What a listing reads: the table, its own columns (read from column 6
/// on), and the start and end columns of the phrase linked to an entity.
struct Columns<'a> {
    table: &'a str,
    cols: &'a str,
    link: (&'a str, &'a str),
}

/// The columns every listing starts with: the document, the sentence and
/// its text.
struct Head {
    id: i64,
    doc: String,
    published: Option<PartialDate>,
    sentence_idx: Option<u32>,
    /// The sentence span (the whole title for a finding of the title).
    at: Span,
    sentence: String,
    /// The entity the row's speaker, claimant or actor names.
    entity: Option<LinkedEntity>,
}

impl Head {
    /// The words of `span` (document offsets), which must lie in the sentence.
    fn cut(&self, span: Span, what: &str) -> Result<String> {
        cut(self.id, &self.sentence, self.at, span, what)
    }

    fn located(&self, span: Span, what: &str) -> Result<Located> {
        Ok(Located {
            text: self.cut(span, what)?,
            span,
        })
    }
}

/// Escapes `%`, `_` and the escape character for a `LIKE … ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::synthetic;
    use proptest::prelude::*;

    fn store_with(docs: &[veille_model::AnalysedDoc]) -> (Store, Vec<DocId>) {
        let mut store = Store::open_in_memory().unwrap();
        let ids = store
            .write_batch(docs)
            .unwrap()
            .iter()
            .map(|o| o.id())
            .collect();
        (store, ids)
    }

    /// The span of the first occurrence of `needle` in sentence `i` of a
    /// synthetic document, in document offsets.
    fn find(doc: &veille_model::AnalysedDoc, i: usize, needle: &str) -> (Origin, Span) {
        let s = doc.sentences[i].span;
        let at = s.slice(&doc.clean.text).find(needle).unwrap() + s.start as usize;
        (
            Origin {
                sentence: Some(i as u32),
                span: s,
            },
            Span::new(at, at + needle.len()),
        )
    }

    fn claims(doc: &veille_model::AnalysedDoc, id: DocId) -> DocClaims {
        let (at, figure) = find(doc, 1, "frappes");
        let (_, speaker) = find(doc, 1, "les forces arméniennes");
        let (_, cue) = find(doc, 1, "ont annoncé");
        let (_, content) = find(doc, 1, "des frappes près de Stepanakert");
        let title = doc.clean.title.as_deref().unwrap();
        let title_at = Origin {
            sentence: None,
            span: Span::new(0, title.len()),
        };
        DocClaims {
            doc: id,
            casualties: vec![
                CasualtyRecord {
                    at,
                    span: figure,
                    kind: "killed".into(),
                    min: 21,
                    max: Some(21),
                    approximate: false,
                    victims: FactVictims {
                        category: Some("civilian".into()),
                        side: Some("arméniens".into()),
                    },
                    place: Some("Stepanakert".into()),
                    date: Some(FactDate {
                        value: "2020-10-28".into(),
                        granularity: "day".into(),
                        from: "published".into(),
                        span: None,
                        edge: None,
                    }),
                    cumulative: false,
                    implicit: false,
                    claimed_by: Some(Located {
                        text: "les forces arméniennes".into(),
                        span: speaker,
                    }),
                    accused: None,
                },
                CasualtyRecord {
                    at: title_at,
                    span: Span::new(0, 5),
                    kind: "injured".into(),
                    min: 70,
                    max: None,
                    approximate: true,
                    victims: FactVictims::default(),
                    place: None,
                    date: None,
                    cumulative: true,
                    implicit: false,
                    claimed_by: None,
                    accused: Some(Located {
                        text: "Titre".into(),
                        span: Span::new(0, 5),
                    }),
                },
            ],
            quotes: vec![QuoteRecord {
                at,
                speaker: Some(Located {
                    text: "les forces arméniennes".into(),
                    span: speaker,
                }),
                cue: Some(Located {
                    text: "ont annoncé".into(),
                    span: cue,
                }),
                content,
                direct: false,
            }],
            stances: vec![StanceRecord {
                at,
                kind: "denial".into(),
                actor: Located {
                    text: "les forces arméniennes".into(),
                    span: speaker,
                },
                target: None,
                content,
            }],
        }
    }

    #[test]
    fn records_claims_and_reads_them_back_with_their_sentence() {
        let docs = [synthetic("a", 3, 1), synthetic("b", 2, 1)];
        let (mut store, ids) = store_with(&docs);
        assert_eq!(store.extract_progress().unwrap(), DocId(0));
        let c = claims(&docs[0], ids[0]);
        // recording twice leaves the same rows
        for _ in 0..2 {
            store
                .record_claims(std::slice::from_ref(&c), ids[1])
                .unwrap();
        }
        assert_eq!(store.extract_progress().unwrap(), ids[1]);
        let facts = store.casualty_facts(&FactQuery::default()).unwrap();
        assert_eq!(facts.len(), 2);
        let f = &facts[0];
        assert_eq!((f.doc.as_str(), f.doc_id), ("a", ids[0]));
        assert_eq!((f.kind.as_str(), f.min, f.max), ("killed", 21, Some(21)));
        assert_eq!(f.sentence_idx, Some(1));
        assert_eq!(
            f.sentence,
            docs[0].sentences[1].span.slice(&docs[0].clean.text)
        );
        assert_eq!(f.figure, "frappes");
        assert_eq!(f.victims.side.as_deref(), Some("arméniens"));
        assert_eq!(
            f.claimed_by.as_ref().unwrap().text,
            "les forces arméniennes"
        );
        assert_eq!(f.date.as_ref().unwrap().value, "2020-10-28");
        // a figure of the title slices the title
        let t = &facts[1];
        assert_eq!((t.sentence_idx, t.max, t.cumulative), (None, None, true));
        assert_eq!(t.sentence, "Titre a");
        assert_eq!(t.figure, "Titre");

        let killed = FactQuery {
            kind: Some("killed".into()),
            ..FactQuery::default()
        };
        assert_eq!(store.casualty_facts(&killed).unwrap().len(), 1);
        let of_b = FactQuery {
            doc: Some(ids[1]),
            ..FactQuery::default()
        };
        assert!(store.casualty_facts(&of_b).unwrap().is_empty());

        let quotes = store.quotes(&QuoteQuery::default()).unwrap();
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].content.text, "des frappes près de Stepanakert");
        assert_eq!(quotes[0].cue.as_ref().unwrap().text, "ont annoncé");
        let by = |s: &str| {
            store
                .quotes(&QuoteQuery {
                    speaker: Some(s.into()),
                    ..QuoteQuery::default()
                })
                .unwrap()
                .len()
        };
        assert_eq!(by("FORCES"), 1);
        assert_eq!(by("forces%"), 0, "LIKE wildcards are escaped");
        assert_eq!(by("russes"), 0);
        let stances = store.stances(&StanceQuery::default()).unwrap();
        assert_eq!(stances.len(), 1);
        assert_eq!(stances[0].kind, "denial");
        assert_eq!(stances[0].content.text, "des frappes près de Stepanakert");

        // a document recorded with nothing loses its old rows
        let empty = DocClaims {
            doc: ids[0],
            casualties: vec![],
            quotes: vec![],
            stances: vec![],
        };
        store.record_claims(&[empty], ids[0]).unwrap();
        assert!(store
            .casualty_facts(&FactQuery::default())
            .unwrap()
            .is_empty());
        assert!(store.quotes(&QuoteQuery::default()).unwrap().is_empty());
        // progress never goes back
        assert_eq!(store.extract_progress().unwrap(), ids[1]);
    }

    /// A story's items read one document at a time, in the story's
    /// document order, until `limit`: what the API did before the
    /// one-statement reads.
    fn in_turn<T>(
        store: &Store,
        story: i64,
        limit: Option<usize>,
        read: impl Fn(DocId, Option<usize>) -> Result<Vec<T>>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for doc in store.story_doc_ids(story).unwrap() {
            let left = limit.map(|l: usize| l.saturating_sub(out.len()));
            if left == Some(0) {
                break;
            }
            out.extend(read(doc, left).unwrap());
        }
        out
    }

    #[test]
    fn a_story_s_facts_in_one_statement_are_its_documents_facts_in_turn() {
        use crate::{ClusterProgress, EventRecord, MemberRecord, StoryRecord};
        // four documents; story 1 holds the first three, dated so that
        // their order (undated first, then by date) is not the id order
        let mut docs: Vec<_> = (0..4).map(|i| synthetic(&format!("d{i}"), 3, 1)).collect();
        docs[0].clean.published = Some("2020-10-05".parse().unwrap());
        docs[1].clean.published = Some("2020-10-01".parse().unwrap());
        docs[2].clean.published = None;
        let (mut store, ids) = store_with(&docs);
        let all: Vec<DocClaims> = docs
            .iter()
            .zip(&ids)
            .map(|(d, id)| claims(d, *id))
            .collect();
        store.record_claims(&all, ids[3]).unwrap();
        let day = |d: &str| Some(d.parse::<PartialDate>().unwrap());
        let story = |id: i64| StoryRecord {
            id,
            label: format!("s{id}"),
            first: day("2020-10-01"),
            last: day("2020-10-05"),
        };
        let event = |id: i64, story: i64| EventRecord {
            id,
            story,
            label: format!("e{id}"),
            first: day("2020-10-01"),
            last: day("2020-10-05"),
        };
        let members: Vec<MemberRecord> = [(0, 10), (1, 11), (2, 10), (3, 20)]
            .iter()
            .enumerate()
            .map(|(seq, (doc, event))| MemberRecord {
                doc: ids[*doc],
                event: *event,
                seq: seq as u64 + 1,
                score: 1.0,
            })
            .collect();
        store
            .record_clusters(
                &[story(1), story(2)],
                &[event(10, 1), event(11, 1), event(20, 2)],
                &members,
                None,
                ClusterProgress {
                    last_doc: ids[3],
                    last_seq: 4,
                },
            )
            .unwrap();
        for (story, kind) in [(1, None), (1, Some("injured")), (2, None), (9, None)] {
            for limit in [None, Some(0), Some(1), Some(3), Some(100)] {
                // what the API did: one listing per document, in turn
                let expected = in_turn(&store, story, limit, |doc, left| {
                    store.casualty_facts(&FactQuery {
                        kind: kind.map(str::to_string),
                        doc: Some(doc),
                        limit: left,
                    })
                });
                let got = store
                    .story_casualty_facts(story, kind.map(str::to_string), limit)
                    .unwrap();
                assert_eq!(
                    got, expected,
                    "story {story}, kind {kind:?}, limit {limit:?}"
                );
            }
        }
        // quotes likewise, with and without a speaker's words
        for (story, speaker) in [
            (1, None),
            (1, Some("arméniennes")),
            (1, Some("nul")),
            (9, None),
        ] {
            for limit in [None, Some(0), Some(1), Some(2), Some(100)] {
                let expected = in_turn(&store, story, limit, |doc, left| {
                    store.quotes(&QuoteQuery {
                        speaker: speaker.map(str::to_string),
                        doc: Some(doc),
                        limit: left,
                    })
                });
                let got = store.story_quotes(story, speaker, limit).unwrap();
                assert_eq!(
                    got, expected,
                    "story {story}, speaker {speaker:?}, limit {limit:?}"
                );
            }
        }
        assert_eq!(store.story_quotes(1, None, None).unwrap().len(), 3);
        // the order is the story's document order, not the id order
        let docs_of_1: Vec<DocId> = store
            .story_casualty_facts(1, None, None)
            .unwrap()
            .iter()
            .map(|f| f.doc_id)
            .collect();
        assert_eq!(docs_of_1, [ids[2], ids[2], ids[1], ids[1], ids[0], ids[0]]);
    }

    #[test]
    fn speakers_link_to_the_entity_whose_mention_overlaps_most() {
        let docs = [synthetic("a", 3, 1)];
        let (mut store, ids) = store_with(&docs);
        let c = claims(&docs[0], ids[0]);
        store
            .record_claims(std::slice::from_ref(&c), ids[0])
            .unwrap();
        let speaker = c.quotes[0].speaker.as_ref().unwrap().span;
        let entity = |key: &str, kind: &str| crate::EntityRecord {
            key: key.into(),
            kind: kind.into(),
            canonical: key.to_uppercase(),
            country: None,
            lat: None,
            lon: None,
            geonameid: None,
            precision: None,
        };
        let mention = |span: Span, via: &str, e| crate::MentionRecord {
            span,
            sentence: 1,
            surface: "x".into(),
            via: via.into(),
            role: None,
            entity: e,
        };
        // `arméniennes` (a demonym, the last word) and `forces arméniennes`
        let demonym = Span::new(
            speaker.end as usize - "arméniennes".len(),
            speaker.end as usize,
        );
        let forces = Span::new(speaker.start as usize + "les ".len(), speaker.end as usize);
        store
            .record_entities(
                &[(
                    ids[0],
                    vec![
                        mention(demonym, "demonym", entity("armenie", "place")),
                        mention(forces, "name", entity("forces armeniennes", "organisation")),
                    ],
                )],
                ids[0],
            )
            .unwrap();
        let q = store.quotes(&QuoteQuery::default()).unwrap();
        let e = q[0].speaker_entity.as_ref().unwrap();
        assert_eq!(
            (e.key.as_str(), e.kind.as_str()),
            ("forces armeniennes", "organisation")
        );
        let f = store.casualty_facts(&FactQuery::default()).unwrap();
        assert_eq!(f[0].claimed_by_entity.as_ref().map(|e| e.id), Some(e.id));
        // the title's figure has no entity: mentions are of the text
        assert_eq!(f[1].claimed_by_entity, None);
        let s = store.stances(&StanceQuery::default()).unwrap();
        assert_eq!(s[0].actor_entity.as_ref().map(|e| e.id), Some(e.id));
    }

    #[test]
    fn listings_show_the_newest_version_of_a_document_unless_one_is_named() {
        let old = synthetic("a", 3, 1);
        let new = synthetic("a", 3, 2);
        let (mut store, ids) = store_with(&[old.clone(), new.clone()]);
        store
            .record_claims(&[claims(&old, ids[0]), claims(&new, ids[1])], ids[1])
            .unwrap();
        let all = store.casualty_facts(&FactQuery::default()).unwrap();
        assert!(all.iter().all(|f| f.doc_id == ids[1]));
        let of_old = FactQuery {
            doc: Some(ids[0]),
            ..FactQuery::default()
        };
        assert_eq!(store.casualty_facts(&of_old).unwrap().len(), 2);
    }

    #[test]
    fn a_span_outside_its_sentence_is_reported_corrupt() {
        let doc = synthetic("a", 3, 1);
        let (mut store, ids) = store_with(std::slice::from_ref(&doc));
        let mut c = claims(&doc, ids[0]);
        c.quotes[0].content = Span::new(0, doc.clean.text.len());
        store.record_claims(&[c], ids[0]).unwrap();
        assert!(matches!(
            store.quotes(&QuoteQuery::default()).unwrap_err(),
            Error::Corrupt { .. }
        ));
    }

    proptest! {
        /// Any span on char boundaries of a sentence of multibyte text reads
        /// back as the same words (the byte cut in SQL matches Rust's).
        #[test]
        fn spans_slice_back(a in 0usize..200, b in 0usize..200) {
            let doc = synthetic("a", 2, 1);
            let (mut store, ids) = store_with(std::slice::from_ref(&doc));
            let s = doc.sentences[1].span;
            let text = s.slice(&doc.clean.text);
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (x, y) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let (x, y) = (x.min(y), x.max(y));
            let content = Span::new(s.start as usize + x, s.start as usize + y);
            let mut c = claims(&doc, ids[0]);
            c.quotes[0].content = content;
            store.record_claims(&[c], ids[0]).unwrap();
            let q = store.quotes(&QuoteQuery::default()).unwrap();
            prop_assert_eq!(q[0].content.text.as_str(), &text[x..y]);
            prop_assert_eq!(q[0].sentence.as_str(), text);
        }
    }
}
