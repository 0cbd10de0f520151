//! Extractive summaries of an event or a story through the store:
//! `veille-story`'s LexRank + MMR over the member documents, in date order.

use super::load::DocData;
use serde::{Deserialize, Serialize};
use veille_model::{PartialDate, Span};
use veille_story::summary::{summarise, SummaryConfig, SummaryInput};

/// A sentence of a summary, with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    pub doc_id: i64,
    pub source_id: String,
    /// The document's date as the views date it (published, else inferred).
    pub date: Option<PartialDate>,
    pub sentence_idx: u32,
    /// Byte span in the document's cleaned text.
    pub span: Span,
    /// Relevance (LexRank, centroid and lead prior).
    pub score: f64,
    /// 0 for the most relevant pick.
    pub rank: usize,
}

/// The `n` most central, least redundant sentences of `docs`, in date
/// order (then document and reading order).
pub(crate) fn build(docs: &[DocData], n: usize) -> Vec<SummarySentence> {
    let inputs: Vec<SummaryInput<'_>> = docs
        .iter()
        .map(|d| SummaryInput {
            id: d.doc.id.0,
            date: d.date.date,
            lang: &d.doc.lang,
            title: d.doc.title.as_deref(),
            text: &d.doc.text,
            sentences: d.doc.sentences.iter().map(|s| s.span).collect(),
        })
        .collect();
    let config = SummaryConfig {
        max_sentences: n,
        // the word budget scales with the sentences asked for
        max_words: 25 * n.max(1),
        ..SummaryConfig::default()
    };
    summarise(&inputs, &config)
        .sentences
        .into_iter()
        .map(|s| {
            let d = &docs[s.doc];
            SummarySentence {
                text: s.span.get(&d.doc.text).unwrap_or("").to_string(),
                doc_id: d.doc.id.0,
                source_id: d.doc.source_id.clone(),
                date: d.date.date,
                sentence_idx: s.sentence as u32,
                span: s.span,
                score: s.score,
                rank: s.rank,
            }
        })
        .collect()
}
