//! Timeline entries and their figures as `veille-export` records: one
//! ACLED-shaped event per entry whose type ACLED codes, one fact per
//! distinct figure.
//!
//! - `event_id_cnty`: the place's ISO country code (`XX` when unknown) and
//!   the entry's rank in the timeline (`AZ12`).
//! - `actor1` is the first party blamed in the entry (a figure's accused,
//!   an accusation's target), `actor2` the victims (`Civilians (AZ)` when
//!   civilians of the place's country are the victims).
//! - `fatalities`: the killed figures that articles give as their incident's
//!   (`ClaimView::incident`, read by `veille_extract::incident_counts`, the
//!   rules GVA measures: killed exact 0.825 dev); failing one, every
//!   non-cumulative killed figure of the entry (running tolls are not this
//!   event's). The writer takes the lowest, the others go to `notes` with
//!   their claimants. Why: ACLED keeps one conservative figure of the
//!   event; the lowest of every figure an entry's sentences carry is pulled
//!   down by figures said in passing (a part, `dont 22 civils`; an earlier
//!   attack recalled), while the figure an article leads with is the one it
//!   reports for its incident.
//! - `country` is an ISO 3166 alpha-2 code, not ACLED's country name.

use super::timeline::{ClaimView, TimelineEntry};
use veille_export::{ExportEvent, ExportFact, Figure};
use veille_extract::party_of;

fn entry_id(i: usize, e: &TimelineEntry) -> String {
    let cc = e
        .place
        .as_ref()
        .and_then(|p| p.country.clone())
        .unwrap_or_else(|| "XX".to_string());
    format!("{cc}{}", i + 1)
}

fn victims_text(c: &ClaimView) -> Option<String> {
    match (&c.victims.category, &c.victims.side) {
        (Some(k), Some(s)) => Some(format!("{k} ({s})")),
        (Some(k), None) => Some(k.clone()),
        (None, Some(s)) => Some(s.clone()),
        (None, None) => None,
    }
}

/// The facts of the entries: one per distinct figure, attached to its entry.
pub(crate) fn facts(entries: &[TimelineEntry]) -> Vec<ExportFact> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let event_id = entry_id(i, e);
        for (j, c) in e.claims.iter().enumerate() {
            out.push(ExportFact {
                id: format!("{event_id}.{}", j + 1),
                event_id: Some(event_id.clone()),
                doc_id: c.source.doc_id,
                source: c.source.source_id.clone(),
                published: c.source.published,
                date: e.date.as_ref().map(|d| d.value),
                kind: c.kind.clone(),
                min: c.min,
                max: c.max,
                approximate: c.approximate,
                cumulative: c.cumulative,
                victims: victims_text(c),
                place: c
                    .place
                    .clone()
                    .or_else(|| e.place.as_ref().map(|p| p.name.clone())),
                claimed_by: c.claimant.clone(),
                accused: c.accused.clone(),
                sentence: c.sentence.clone(),
            });
        }
    }
    out
}

/// The killed figures an event's fatalities come from: those its articles
/// give for their incident, else every non-cumulative killed figure.
fn fatality_claims(claims: &[ClaimView]) -> impl Iterator<Item = &ClaimView> {
    let killed = |c: &&ClaimView| c.kind == "killed" && !c.cumulative;
    let incident = claims.iter().filter(killed).any(|c| c.incident);
    claims
        .iter()
        .filter(killed)
        .filter(move |c| c.incident || !incident)
}

/// The ACLED-shaped events of the entries ACLED would code (statements
/// only, such as an accusation without an attack, are left out).
pub(crate) fn events(entries: &[TimelineEntry]) -> Vec<ExportEvent> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let Some((event_type, sub_event_type)) = e.acled.clone() else {
            continue;
        };
        let blamed = e
            .claims
            .iter()
            .filter_map(|c| c.accused.as_deref())
            .chain(
                e.stances
                    .iter()
                    .filter(|s| s.kind == "accusation")
                    .filter_map(|s| s.target.as_deref()),
            )
            .find_map(party_of);
        let country = e.place.as_ref().and_then(|p| p.country.clone());
        let civilians = e
            .claims
            .iter()
            .any(|c| c.victims.category.as_deref() == Some("civilian"));
        let actor2 = civilians.then(|| match &country {
            Some(cc) => format!("Civilians ({cc})"),
            None => "Civilians".to_string(),
        });
        let fatalities: Vec<Figure> = fatality_claims(&e.claims)
            .map(|c| Figure {
                min: c.min,
                max: c.max,
                claimed_by: c.claimant.clone(),
                source: Some(c.source.source_id.clone()),
            })
            .collect();
        let mut sources: Vec<String> = e
            .sentences
            .iter()
            .flat_map(|s| std::iter::once(&s.source).chain(&s.copies))
            .map(|r| r.source_id.clone())
            .collect();
        sources.sort();
        sources.dedup();
        out.push(ExportEvent {
            id: entry_id(i, e),
            date: e.date.as_ref().map(|d| d.value),
            event_type,
            sub_event_type,
            actor1: blamed,
            actor2,
            country,
            location: e.place.as_ref().map(|p| p.name.clone()),
            latitude: e.place.as_ref().and_then(|p| p.lat),
            longitude: e.place.as_ref().and_then(|p| p.lon),
            geo_precision: e
                .place
                .as_ref()
                .and_then(|p| p.lat.map(|_| if p.entity.is_some() { 1 } else { 2 })),
            sources,
            notes: e.headline().to_string(),
            fatalities,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::timeline::SourceRef;
    use veille_model::Span;
    use veille_store::FactVictims;

    fn claim(kind: &str, min: u64, cumulative: bool, incident: bool) -> ClaimView {
        ClaimView {
            kind: kind.to_string(),
            min,
            max: Some(min),
            approximate: false,
            cumulative,
            victims: FactVictims::default(),
            place: None,
            claimant: None,
            claimant_party: None,
            accused: None,
            figure: min.to_string(),
            sentence: String::new(),
            source: SourceRef {
                doc_id: 1,
                source_id: "a".to_string(),
                sentence_idx: Some(0),
                span: Span::new(0, 2),
                published: None,
            },
            copies: Vec::new(),
            incident,
        }
    }

    fn mins(claims: &[ClaimView]) -> Vec<u64> {
        fatality_claims(claims).map(|c| c.min).collect()
    }

    #[test]
    fn an_articles_incident_figure_outranks_figures_said_in_passing() {
        // `400 morts, dont 22 civils`: the part is not the event's toll
        let claims = [
            claim("killed", 400, false, true),
            claim("killed", 22, false, false),
            claim("injured", 5, false, true),
        ];
        assert_eq!(mins(&claims), [400]);
    }

    #[test]
    fn without_an_incident_figure_every_non_cumulative_death_counts() {
        let claims = [
            claim("killed", 21, false, false),
            claim("killed", 5000, true, false),
            claim("killed", 3, false, false),
        ];
        assert_eq!(mins(&claims), [21, 3]);
        // a running toll never counts, incident or not
        assert!(mins(&[claim("killed", 9, true, true)]).is_empty());
    }
}
