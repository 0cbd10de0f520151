//! Each claimant's running toll over time.

use super::{
    part_of_longer_count, part_of_sentence_figure, party_of, restated_heading, ClaimRecord,
};
use crate::casualties::{CasualtyKind, VictimCategory};
use serde::Serialize;
use veille_model::PartialDate;

/// One figure of a claimant's series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesPoint {
    pub published: Option<PartialDate>,
    pub min: u64,
    pub max: Option<u64>,
    pub approximate: bool,
    pub doc_id: i64,
    /// Index of the claim in the input.
    pub claim: usize,
}

/// The running tolls one claimant gave for one kind and victim category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimantSeries {
    /// The claimant's party ([`party_of`]), `unattributed` when none is named.
    pub claimant: String,
    /// The claimant as first written.
    pub claimant_text: String,
    pub kind: CasualtyKind,
    pub victims: Option<VictimCategory>,
    /// The victims' side as a party (`arméniens` → Armenia), when said.
    pub side: Option<String>,
    /// Where the tolls count ([`ClaimRecord::scope`]): the world's and
    /// France's tolls of one claimant are two series.
    pub scope: Option<String>,
    /// The setting the tolls count in ([`ClaimRecord::setting`]): a
    /// claimant's care-home and hospital tolls are two series.
    pub setting: Option<&'static str>,
    /// In publication order (undated last), repeated figures kept once per
    /// date (wire copies report the same toll).
    pub points: Vec<SeriesPoint>,
}

/// The series of each claimant's running tolls
/// ([`ClaimRecord::is_running_toll`], not [`part_of_longer_count`], not
/// [`part_of_sentence_figure`], not an increment or a count of the last days
/// ([`ClaimRecord::is_increment`], [`ClaimRecord::runs_from_last_days`]), not
/// a heading restating its paragraph ([`restated_heading`])), one per
/// claimant party, kind, victim category, side, scope and setting, sorted
/// by those.
pub fn claimant_series(claims: &[ClaimRecord]) -> Vec<ClaimantSeries> {
    let mut out: Vec<ClaimantSeries> = Vec::new();
    for (i, r) in claims.iter().enumerate() {
        let c = &r.claim;
        if !r.is_running_toll()
            || r.is_increment()
            || r.runs_from_last_days()
            || part_of_longer_count(claims, i)
            || part_of_sentence_figure(claims, i)
            || restated_heading(claims, i)
        {
            continue;
        }
        let text = c.claimed_by.as_ref().map(|x| x.text.clone());
        let party = text
            .as_deref()
            .and_then(party_of)
            .unwrap_or_else(|| "unattributed".to_string());
        let point = SeriesPoint {
            published: r.published,
            min: c.min,
            max: c.max,
            approximate: c.approximate,
            doc_id: r.doc_id,
            claim: i,
        };
        let category = c.victims.category;
        let side = c.victims.side.as_deref().and_then(party_of);
        let setting = r.setting();
        match out.iter_mut().find(|s| {
            s.claimant == party
                && s.kind == c.kind
                && s.victims == category
                && s.side == side
                && s.scope == r.scope
                && s.setting == setting
        }) {
            Some(s) => {
                let repeat = s.points.iter().any(|p| {
                    p.published == point.published && p.min == point.min && p.max == point.max
                });
                if !repeat {
                    s.points.push(point);
                }
            }
            None => out.push(ClaimantSeries {
                claimant: party,
                claimant_text: text.unwrap_or_else(|| "unattributed".to_string()),
                kind: c.kind,
                victims: category,
                side,
                scope: r.scope.clone(),
                setting,
                points: vec![point],
            }),
        }
    }
    for s in &mut out {
        // undated last, then by date, then by figure
        s.points
            .sort_by_key(|p| (p.published.is_none(), p.published, p.min, p.doc_id));
    }
    out.sort_by(|a, b| {
        (
            &a.claimant,
            a.kind.as_str(),
            format!("{:?}", a.victims),
            &a.side,
            &a.scope,
            a.setting,
        )
            .cmp(&(
                &b.claimant,
                b.kind.as_str(),
                format!("{:?}", b.victims),
                &b.side,
                &b.scope,
                b.setting,
            ))
    });
    out
}
