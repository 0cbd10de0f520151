//! Settings of the clusterer, validated once.

use super::link::LinkModel;
use super::scorer::Scorer;
use serde::{Deserialize, Serialize};

/// A setting out of its range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClusterConfigError {
    #[error("{name} must be in {range}, got {value}")]
    OutOfRange {
        name: &'static str,
        range: &'static str,
        value: f64,
    },
}

/// The settings of one level (events or stories).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelConfig {
    /// Minimum score to join an existing cluster.
    pub threshold: f32,
    pub scorer: Scorer,
    /// Days of the index buckets.
    pub bucket_days: i32,
}

/// All settings. `Default` holds the values tuned by `cargo xtask tune clustering`
/// (see `reports/clustering.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterConfig {
    /// Weight of a title word occurrence (a body word counts 1).
    pub title_weight: f32,
    /// Weight of a lead word occurrence.
    pub lead_weight: f32,
    /// Pseudo-documents lacking every term, added to the document count in
    /// IDF (`ln((n + prior) / df)`), so the first documents are not weighted by
    /// a handful of counts.
    pub idf_prior_docs: f32,
    /// Body words read per document.
    pub max_body_words: usize,
    /// Stems kept per document vector.
    pub doc_terms: usize,
    /// Entities kept per document vector.
    pub doc_entities: usize,
    /// Stems kept in an event or story centroid.
    pub centroid_terms: usize,
    /// Entities kept in an event or story centroid.
    pub centroid_entities: usize,
    /// Heaviest keys of a document used to query and to index.
    pub query_keys: usize,
    /// Candidate clusters fully scored per item.
    pub candidates: usize,
    /// Factor of the best single-member cosine in an event's text score
    /// (the score takes the larger of it and the centroid cosine); 0 turns
    /// single link off.
    #[serde(default)]
    pub member_weight: f32,
    /// Titles that must end with one segment ([`super::features::title_tail`])
    /// before it counts as a site's template and is read no more (its words
    /// leave the document's vector and labels drop it); 0 keeps every title
    /// whole.
    #[serde(default = "boilerplate_title_docs")]
    pub boilerplate_title_docs: u32,
    /// The follow-up link of dated documents to events ([`super::link`]).
    #[serde(default = "link_model")]
    pub link: LinkModel,
    pub event: LevelConfig,
    pub story: LevelConfig,
}

const MEMBER_WEIGHT: f32 = 0.0;

/// [`ClusterConfig::boilerplate_title_docs`]: a segment that twenty titles
/// end with is no headline's words.
fn boilerplate_title_docs() -> u32 {
    20
}
const EVENT_DATE_WEIGHT: f32 = 0.0;

/// The follow-up link fitted by `cargo xtask tune clustering --links` on
/// GVA's dev half (see [`super::link`] for the features in this order).
pub(crate) fn link_model() -> LinkModel {
    LinkModel {
        enabled: true,
        weights: [
            -2.110, 5.935, 6.947, -1.158, 4.016, 2.227, 0.661, 1.332, -1.573, -7.435, 1.598, 0.123,
            -6.497, -0.196, -1.803, 2.977,
        ],
        threshold: 0.6,
        max_gap_days: 365,
        rare_df: 5,
    }
}

impl Default for ClusterConfig {
    fn default() -> ClusterConfig {
        ClusterConfig {
            title_weight: 3.0,
            lead_weight: 2.0,
            idf_prior_docs: 50.0,
            max_body_words: 250,
            doc_terms: 60,
            doc_entities: 24,
            centroid_terms: 120,
            centroid_entities: 48,
            query_keys: 20,
            candidates: 24,
            member_weight: MEMBER_WEIGHT,
            boilerplate_title_docs: boilerplate_title_docs(),
            link: link_model(),
            event: LevelConfig {
                threshold: 0.09,
                scorer: Scorer {
                    entity_weight: 0.2,
                    time_scale_days: 3.0,
                    max_gap_days: 60,
                    reuse_weight: 0.8,
                    date_weight: EVENT_DATE_WEIGHT,
                },
                bucket_days: 7,
            },
            story: LevelConfig {
                threshold: 0.10,
                scorer: Scorer {
                    entity_weight: 0.5,
                    time_scale_days: 30.0,
                    max_gap_days: 180,
                    reuse_weight: 0.5,
                    date_weight: 0.0,
                },
                bucket_days: 30,
            },
        }
    }
}

fn check(
    name: &'static str,
    value: f64,
    ok: bool,
    range: &'static str,
) -> Result<(), ClusterConfigError> {
    if ok {
        Ok(())
    } else {
        Err(ClusterConfigError::OutOfRange { name, range, value })
    }
}

impl LevelConfig {
    fn validate(&self, level: [&'static str; 7]) -> Result<(), ClusterConfigError> {
        let s = &self.scorer;
        check(
            level[0],
            f64::from(self.threshold),
            self.threshold > 0.0 && self.threshold <= 1.0,
            "(0, 1]",
        )?;
        check(
            level[1],
            f64::from(s.entity_weight),
            (0.0..=1.0).contains(&s.entity_weight),
            "[0, 1]",
        )?;
        check(
            level[2],
            f64::from(s.time_scale_days),
            s.time_scale_days > 0.0,
            "(0, inf)",
        )?;
        check(
            level[3],
            f64::from(s.max_gap_days),
            (0..=36_500).contains(&s.max_gap_days),
            "[0, 36500]",
        )?;
        check(
            level[4],
            f64::from(s.reuse_weight),
            (0.0..=1.0).contains(&s.reuse_weight),
            "[0, 1]",
        )?;
        check(
            level[6],
            f64::from(s.date_weight),
            (0.0..=1.0).contains(&s.date_weight),
            "[0, 1]",
        )?;
        check(
            level[5],
            f64::from(self.bucket_days),
            (1..=3650).contains(&self.bucket_days),
            "[1, 3650]",
        )
    }
}

impl ClusterConfig {
    /// Checks every setting's range.
    pub fn validate(&self) -> Result<(), ClusterConfigError> {
        let l = &self.link;
        check(
            "link.threshold",
            f64::from(l.threshold),
            l.threshold > 0.0 && l.threshold < 1.0,
            "(0, 1)",
        )?;
        check(
            "link.max_gap_days",
            f64::from(l.max_gap_days),
            (0..=36_500).contains(&l.max_gap_days),
            "[0, 36500]",
        )?;
        check(
            "link.weights",
            f64::NAN,
            l.weights.iter().all(|w| w.is_finite()),
            "finite numbers",
        )?;
        check(
            "member_weight",
            f64::from(self.member_weight),
            (0.0..=1.0).contains(&self.member_weight),
            "[0, 1]",
        )?;
        for (name, v) in [
            ("title_weight", self.title_weight),
            ("lead_weight", self.lead_weight),
        ] {
            check(name, f64::from(v), v >= 0.0 && v.is_finite(), "[0, inf)")?;
        }
        for (name, v) in [
            ("doc_terms", self.doc_terms),
            ("doc_entities", self.doc_entities),
            ("centroid_terms", self.centroid_terms),
            ("centroid_entities", self.centroid_entities),
            ("query_keys", self.query_keys),
            ("candidates", self.candidates),
        ] {
            check(name, v as f64, (1..=10_000).contains(&v), "[1, 10000]")?;
        }
        self.event.validate([
            "event.threshold",
            "event.scorer.entity_weight",
            "event.scorer.time_scale_days",
            "event.scorer.max_gap_days",
            "event.scorer.reuse_weight",
            "event.bucket_days",
            "event.scorer.date_weight",
        ])?;
        self.story.validate([
            "story.threshold",
            "story.scorer.entity_weight",
            "story.scorer.time_scale_days",
            "story.scorer.max_gap_days",
            "story.scorer.reuse_weight",
            "story.bucket_days",
            "story.scorer.date_weight",
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid_and_bad_values_are_named() {
        assert_eq!(ClusterConfig::default().validate(), Ok(()));
        let mut c = ClusterConfig::default();
        c.event.threshold = 1.5;
        let e = c.validate().expect_err("threshold above 1");
        assert!(
            e.to_string()
                .starts_with("event.threshold must be in (0, 1]"),
            "{e}"
        );
    }
}
