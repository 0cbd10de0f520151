//! The incident a stored document reports: its killed and injured, read by
//! `veille_extract::incident_counts` (default rules, the ones the GVA
//! evaluation measures: killed exact 0.825 dev / 0.823 test, injured 0.703 /
//! 0.707, reports/claims.md) over the cleaned title and sentences.
//!
//! Read when asked (`veille show`, the views), not stored: the document's
//! text and sentences are in the store, the function reads at most 15
//! sentences, and a stored copy could not go stale when the rules change.

use veille_extract::{IncidentCounts, IncidentRules};
use veille_store::{CasualtyFact, StoredDoc};

/// The killed and injured of the incident `doc` reports, with the figure
/// (or rule) each count comes from.
pub fn incident_counts(doc: &StoredDoc) -> IncidentCounts {
    let title = doc.title.as_deref().filter(|t| !t.trim().is_empty());
    veille_extract::incident_counts(
        title,
        &doc.text,
        &doc.sentences,
        &doc.lang,
        IncidentRules::default(),
    )
}

/// Whether `f` is the figure one of the counts of `counts` comes from
/// (same kind, same span, title or body alike).
pub(crate) fn is_incident_figure(counts: &IncidentCounts, f: &CasualtyFact) -> bool {
    counts.evidence.iter().any(|e| {
        e.count > 0
            && e.kind.as_str() == f.kind
            && e.span == Some(f.span)
            && e.in_title == f.sentence_idx.is_none()
    })
}
