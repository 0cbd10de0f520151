//! What each document claims, kept on ingest: casualty figures with their
//! claimant, quotes with their speaker, accusations and denials.
//!
//! A stage without memory: every document a batch adds is read on the rayon
//! pool by `veille-extract` (the title, then each sentence with the one
//! before it for pronoun speakers), the dates of a figure's sentence are
//! resolved against the document's publication date, and the findings of
//! the batch are recorded with `Store::record_claims` in one transaction
//! that also moves `extract_progress`. Documents above the mark (ingested
//! with `--defer`, before this stage existed, or by a run killed between a
//! batch and its claims) are read when the stage is next loaded, so a killed
//! run re-run gives the same store.
//!
//! The date of a figure is the date phrase the extractor points at
//! (`mercredi`, `le 17 octobre`), else the first calendar date or time of
//! the sentence, resolved against the publication date (`Mardi` in a
//! dispatch of 2020-10-28 is 2020-10-27); failing both, the publication
//! date itself, marked `from: published`.

use crate::stage::{catch_up, Stage, StageDoc};
use crate::{Engine, Result};
use rayon::prelude::*;
use veille_extract::{
    extract_claims, CasualtyClaim, CasualtyKind, Claimant, DateTagger, Family, IntervalEdge,
    SentenceInput, StanceKind, Timex, TimexKind,
};
use veille_model::{AnalysedDoc, DocId, PartialDate, Span};
use veille_store::{
    CasualtyFact, CasualtyRecord, ClaimOrigin, DocClaims, FactDate, FactQuery, FactVictims,
    Located, QuoteQuery, QuoteRecord, StanceQuery, StanceRecord, Store, StoredQuote, StoredStance,
};
use veille_text::fold;

/// The extraction stage.
#[derive(Debug, Default)]
pub(crate) struct Extract {
    dates: DateTagger,
}

impl Extract {
    /// The stage, after reading the stored documents above its mark.
    pub fn load(store: &mut Store) -> Result<Extract> {
        let started = std::time::Instant::now();
        let mut stage = Extract::default();
        let mark = store.extract_progress()?;
        let caught_up = catch_up(store, &mut stage, mark)?;
        if caught_up > 0 {
            tracing::info!(
                caught_up,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "claims extracted from documents stored without them"
            );
        }
        Ok(stage)
    }
}

impl Stage for Extract {
    fn name(&self) -> &'static str {
        "claims"
    }

    fn add(&mut self, store: &mut Store, docs: &[StageDoc<'_>]) -> Result<()> {
        let Some(last) = docs.iter().map(|d| d.id).max() else {
            return Ok(());
        };
        let dates = &self.dates;
        let claims: Vec<DocClaims> = docs
            .par_iter()
            .map(|d| doc_claims(dates, d.id, d.doc))
            .collect();
        store.record_claims(&claims, last)?;
        Ok(())
    }
}

/// One text a document is read in: the title or the cleaned body.
struct Part<'a> {
    text: &'a str,
    /// The sentence index for the body; `None` for the title.
    sentences: Vec<(Option<u32>, Span)>,
}

/// Everything `doc` claims, spans into its cleaned text (its title for the
/// findings of the title).
pub(crate) fn doc_claims(dates: &DateTagger, id: DocId, doc: &AnalysedDoc) -> DocClaims {
    let lang = doc.lang.code.as_str();
    let title = doc.clean.title.as_deref().filter(|t| !t.trim().is_empty());
    let mut parts = Vec::with_capacity(2);
    if let Some(t) = title {
        parts.push(Part {
            text: t,
            sentences: vec![(None, Span::new(0, t.len()))],
        });
    }
    parts.push(Part {
        text: &doc.clean.text,
        sentences: doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| (Some(i as u32), s.span))
            .collect(),
    });
    let mut out = DocClaims {
        doc: id,
        casualties: Vec::new(),
        quotes: Vec::new(),
        stances: Vec::new(),
    };
    for part in &parts {
        let mut previous: Option<(&str, Span)> = None;
        for &(idx, span) in &part.sentences {
            let Some(text) = span.get(part.text) else {
                continue;
            };
            let input = SentenceInput {
                text,
                span,
                previous,
                title,
                lang,
            };
            previous = Some((text, span));
            let found = extract_claims(&input);
            let at = ClaimOrigin {
                sentence: idx,
                span,
            };
            let locate = |s: Span| {
                s.get(part.text).map(|t| Located {
                    text: t.to_string(),
                    span: s,
                })
            };
            if !found.casualties.is_empty() {
                let timexes = dates.tag(text, doc.clean.published, lang);
                for c in &found.casualties {
                    out.casualties
                        .push(casualty(c, at, &timexes, doc.clean.published));
                }
            }
            for q in &found.quotes {
                if !span.contains(q.content) {
                    continue;
                }
                out.quotes.push(QuoteRecord {
                    at,
                    speaker: q.speaker.and_then(locate),
                    cue: q.cue.and_then(locate),
                    content: q.content,
                    direct: q.direct,
                });
            }
            for s in &found.stances {
                let Some(actor) = locate(s.actor) else {
                    continue;
                };
                if !span.contains(s.content) {
                    continue;
                }
                out.stances.push(StanceRecord {
                    at,
                    kind: s.kind.as_str().to_string(),
                    actor,
                    target: s.target.and_then(locate),
                    content: s.content,
                });
            }
        }
    }
    out
}

fn located(c: &Option<Claimant>) -> Option<Located> {
    c.as_ref().map(|c| Located {
        text: c.text.clone(),
        span: c.span,
    })
}

/// A figure as the store records it, with its date.
fn casualty(
    c: &CasualtyClaim,
    at: ClaimOrigin,
    timexes: &[Timex],
    published: Option<PartialDate>,
) -> CasualtyRecord {
    CasualtyRecord {
        at,
        span: c.span,
        kind: c.kind.as_str().to_string(),
        min: c.min,
        max: c.max,
        approximate: c.approximate,
        victims: FactVictims {
            category: c.victims.category.map(|v| v.as_str().to_string()),
            side: c.victims.side.clone(),
        },
        place: c.place.clone(),
        date: figure_date(c, at.span, timexes).or_else(|| published.map(published_date)),
        cumulative: c.cumulative,
        implicit: c.implicit,
        claimed_by: located(&c.claimed_by),
        accused: located(&c.accused),
    }
}

/// The date of the sentence that goes with a figure: the one its date
/// phrase points at, else the closest to it; never one read in the figure's
/// own words (timex spans are sentence offsets; the figure's are document
/// offsets).
fn figure_date(c: &CasualtyClaim, sentence: Span, timexes: &[Timex]) -> Option<FactDate> {
    let off = sentence.start;
    let in_doc = |t: &Timex| Span {
        start: t.span.start + off,
        end: t.span.end + off,
    };
    // not the figure itself: "de 2000 à 3000 soldats" is no year
    let calendar = |t: &&Timex| {
        !in_doc(t).overlaps(c.span)
            && matches!(t.kind, TimexKind::Date | TimexKind::Time)
            && t.family != Family::Reference
            && t.value.as_bytes().iter().take(4).all(u8::is_ascii_digit)
            && t.value.len() >= 4
    };
    let pointed = c.date_text.and_then(|d| {
        timexes
            .iter()
            .filter(calendar)
            .find(|t| in_doc(t).overlaps(d))
    });
    // else the date expression closest to the figure
    let t = pointed.or_else(|| {
        timexes
            .iter()
            .filter(calendar)
            .min_by_key(|t| c.span.gap(in_doc(t)))
    })?;
    Some(FactDate {
        value: t.value.clone(),
        granularity: t.granularity.as_str().to_string(),
        from: "sentence".to_string(),
        span: Some(in_doc(t)),
        edge: t.interval.map(|e| {
            match e {
                IntervalEdge::Start => "start",
                IntervalEdge::End => "end",
            }
            .to_string()
        }),
    })
}

fn published_date(d: PartialDate) -> FactDate {
    FactDate {
        value: d.to_string(),
        granularity: d.precision().as_str().to_string(),
        from: "published".to_string(),
        span: None,
        edge: None,
    }
}

/// Which casualty figures [`Engine::facts`] lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactFilter {
    pub kind: Option<CasualtyKind>,
    /// One document, by store id or source id (any version).
    pub doc: Option<String>,
    pub limit: Option<usize>,
}

/// Which quotes [`Engine::quotes`] lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteFilter {
    /// Speakers whose words contain this, ignoring case and accents
    /// (`erevan` finds `Érevan`).
    pub speaker: Option<String>,
    pub doc: Option<String>,
    pub limit: Option<usize>,
}

/// Which accusations and denials [`Engine::stances`] lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StanceFilter {
    pub kind: Option<StanceKind>,
    pub doc: Option<String>,
    pub limit: Option<usize>,
}

impl Engine {
    fn doc_id(&self, doc: &Option<String>) -> Result<Option<DocId>> {
        Ok(doc
            .as_deref()
            .map(|d| self.store().resolve(d))
            .transpose()?)
    }

    /// Casualty figures with their claimant and sentence, in document then
    /// reading order (the newest version of each document unless one is
    /// named).
    pub fn facts(&self, f: &FactFilter) -> Result<Vec<CasualtyFact>> {
        Ok(self.store().casualty_facts(&FactQuery {
            kind: f.kind.map(|k| k.as_str().to_string()),
            doc: self.doc_id(&f.doc)?,
            limit: f.limit,
        })?)
    }

    /// The casualty figures of a story (`stories.id`): its documents
    /// oldest first (undated first), each one's figures in reading order,
    /// at most `limit`; one read of the store whatever the story's size.
    pub fn story_facts(
        &self,
        story: i64,
        kind: Option<CasualtyKind>,
        limit: Option<usize>,
    ) -> Result<Vec<CasualtyFact>> {
        Ok(self
            .store()
            .story_casualty_facts(story, kind.map(|k| k.as_str().to_string()), limit)?)
    }

    /// Quotes and reported statements with their speaker. `speaker` matches
    /// the speaker's words (case and accents ignored) or, when the speaker is
    /// linked to an entity, any name or alias of that entity.
    pub fn quotes(&self, f: &QuoteFilter) -> Result<Vec<StoredQuote>> {
        let doc = self.doc_id(&f.doc)?;
        self.quotes_by(f.speaker.as_deref(), f.limit, |limit| {
            Ok(self.store().quotes(&QuoteQuery {
                speaker: None,
                doc,
                limit,
            })?)
        })
    }

    /// [`Engine::quotes`] of a story (`stories.id`): its documents oldest
    /// first (undated first), each one's quotes in reading order, at most
    /// `limit`; one read of the store whatever the story's size.
    pub fn story_quotes(
        &self,
        story: i64,
        speaker: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<StoredQuote>> {
        self.quotes_by(speaker, limit, |limit| {
            Ok(self.store().story_quotes(story, None, limit)?)
        })
    }

    /// The quotes `read` gives (asked for at most `limit` when no speaker
    /// is given, else all of them), kept when their speaker is `speaker`.
    fn quotes_by(
        &self,
        speaker: Option<&str>,
        limit: Option<usize>,
        read: impl Fn(Option<usize>) -> Result<Vec<StoredQuote>>,
    ) -> Result<Vec<StoredQuote>> {
        let Some(speaker) = speaker else {
            return read(limit);
        };
        let name = fold(speaker);
        let all = read(None)?;
        // the entities written or named so (`Aliyev` finds `Aliev`, an alias
        // finds its entity): a speaker linked to one of them matches
        let named: std::collections::HashSet<i64> = self
            .find_entities(speaker, 50)?
            .iter()
            .map(|e| e.id)
            .collect();
        Ok(all
            .into_iter()
            .filter(|q| {
                q.speaker
                    .as_ref()
                    .is_some_and(|s| fold(&s.text).contains(&name))
                    || q.speaker_entity
                        .as_ref()
                        .is_some_and(|e| named.contains(&e.id))
            })
            .take(limit.unwrap_or(usize::MAX))
            .collect())
    }

    /// Accusations and denials.
    pub fn stances(&self, f: &StanceFilter) -> Result<Vec<StoredStance>> {
        Ok(self.store().stances(&StanceQuery {
            kind: f.kind.map(|k| k.as_str().to_string()),
            doc: self.doc_id(&f.doc)?,
            limit: f.limit,
        })?)
    }

    /// Whether stored documents wait for their claims to be read (ingested
    /// with `--defer`): `veille update` reads them.
    pub fn claims_pending(&self) -> Result<bool> {
        let mark = self.store().extract_progress()?;
        Ok(!self.store().docs_after(mark, 1)?.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use veille_model::{Format, Origin, RawDoc};

    fn analysed(title: &str, body: &str, published: Option<PartialDate>) -> AnalysedDoc {
        let mut raw = RawDoc::new(
            "t",
            Origin {
                path: "t".into(),
                line: None,
            },
            Format::Jsonl,
            body.to_string(),
        );
        raw.title = Some(title.to_string());
        raw.published = published;
        raw.lang_hint = Some("fr".into());
        veille_text::Analyser::default().analyse(veille_text::Cleaner::default().clean(raw))
    }

    #[test]
    fn figures_carry_their_claimant_sentence_and_a_date_resolved_against_the_publication() {
        let doc = analysed(
            "Barda sous les missiles",
            "Selon le bureau du Procureur général azerbaïdjanais, cette frappe a visé un \
             quartier commerçant, tuant 21 civils et en blessant au moins 70. Mardi, Bakou \
             avait déjà accusé l'Arménie d'être responsable de la mort de cinq civils.",
            PartialDate::day(2020, 10, 28),
        );
        let c = doc_claims(&DateTagger::default(), DocId(1), &doc);
        let text = &doc.clean.text;
        let killed: Vec<&CasualtyRecord> =
            c.casualties.iter().filter(|f| f.kind == "killed").collect();
        assert!(killed.iter().any(|f| f.min == 21 && f.max == Some(21)));
        let injured = c.casualties.iter().find(|f| f.kind == "injured").unwrap();
        assert_eq!((injured.min, injured.max), (70, None));
        let by = injured.claimed_by.as_ref().unwrap();
        assert!(by.text.contains("Procureur"), "{}", by.text);
        assert_eq!(by.span.slice(text), by.text);
        // every span slices back into its sentence
        for f in &c.casualties {
            assert!(f.at.span.contains(f.span));
            assert_eq!(
                f.at.sentence.map(|i| doc.sentences[i as usize].span),
                Some(f.at.span)
            );
        }
        // no date in the first sentence: the publication date
        let d21 = killed.iter().find(|f| f.min == 21).unwrap();
        let date = d21.date.as_ref().unwrap();
        assert_eq!(
            (date.value.as_str(), date.from.as_str()),
            ("2020-10-28", "published")
        );
        // "Mardi" before a dispatch of Wednesday 28 October is the 27th
        let five = killed.iter().find(|f| f.min == 5).unwrap();
        let date = five.date.as_ref().unwrap();
        assert_eq!(
            (date.value.as_str(), date.from.as_str()),
            ("2020-10-27", "sentence")
        );
        assert_eq!(date.span.unwrap().slice(text), "Mardi");
        // the accusation is kept as a stance
        assert!(c
            .stances
            .iter()
            .any(|s| s.kind == "accusation" && s.actor.text == "Bakou"));
    }

    #[test]
    fn a_figure_is_not_its_own_date() {
        let doc = analysed(
            "Bilan",
            "Les deux camps disent avoir tué de 2000 à 3000 soldats ennemis.",
            PartialDate::month(2020, 10),
        );
        let c = doc_claims(&DateTagger::default(), DocId(1), &doc);
        let f = c.casualties.iter().find(|f| f.min == 2000).unwrap();
        let date = f.date.as_ref().unwrap();
        assert_eq!(
            (date.value.as_str(), date.from.as_str()),
            ("2020-10", "published")
        );
    }

    #[test]
    fn a_document_without_figures_gives_nothing_but_its_statements() {
        let doc = analysed(
            "Réunion",
            "« Nous voulons la paix », a déclaré le ministre. Le temps était clair.",
            None,
        );
        let c = doc_claims(&DateTagger::default(), DocId(1), &doc);
        assert!(c.casualties.is_empty());
        let q = c.quotes.iter().find(|q| q.direct).unwrap();
        assert_eq!(
            q.content.slice(&doc.clean.text).trim(),
            "Nous voulons la paix"
        );
        assert_eq!(q.speaker.as_ref().unwrap().text, "le ministre");
    }
}
