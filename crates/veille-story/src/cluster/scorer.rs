//! The similarity of an item (a document, or a new event) to a cluster (an
//! event, or a story): one small formula, used at both levels with its own
//! settings.
//!
//! ```text
//! content = (1 - entity_weight) · text + entity_weight · entities   (text alone if
//!           either side has no entity: absence is not dissimilarity)
//! content = content · (1 - date_weight · (1 - dates))              (only when both
//!           sides mention day-level dates: different days lower the score)
//! decay   = 1 / (1 + gap / time_scale_days)        (1 when either is undated)
//! score   = min(1, content · decay + reuse_weight · reuse)    (0 past max_gap_days)
//! ```
//!
//! `text` is the larger of the centroid cosine and `member_weight` times the
//! best cosine to one member (single link, so that a follow-up close to one
//! report is not diluted by the others), `dates` the cosine of the sets of
//! mentioned days ("Wednesday night" resolved against the publication date,
//! "le 2 juillet"): two reports of one incident name its day, and two
//! incidents of one topic a month apart do not.
//! `text` is the cosine of TF-IDF stem vectors, `entities` the cosine of
//! IDF-weighted entity sets, `gap` the days between the date intervals of
//! item and cluster (0 when they overlap), `reuse` the strongest
//! duplicate/reuse link from the item into the cluster's members (0..=1).
//! A hyperbolic decay was chosen over an exponential one because follow-up
//! reports (arrests, funerals, trials) arrive with a long tail of delays;
//! undated items are neutral on time rather than guessed to be "now".

use serde::{Deserialize, Serialize};

/// What is known about an item against one candidate cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signals {
    /// Cosine of the stem vectors, in `[0, 1]`.
    pub text: f32,
    /// Cosine of the entity vectors, in `[0, 1]`; `None` when either side
    /// has no entity, and the text alone then decides.
    pub entities: Option<f32>,
    /// Days between the two date intervals; `None` when either is undated.
    pub gap_days: Option<i32>,
    /// Strongest reuse link into the cluster, in `[0, 1]`.
    pub reuse: f32,
    /// Cosine of the mentioned-day sets; `None` when either side has none.
    pub dates: Option<f32>,
}

/// The settings of the formula above.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scorer {
    pub entity_weight: f32,
    pub time_scale_days: f32,
    pub max_gap_days: i32,
    pub reuse_weight: f32,
    /// Share of the mentioned-day cosine in the content score.
    #[serde(default)]
    pub date_weight: f32,
}

impl Scorer {
    /// The score in `[0, 1]`.
    pub fn score(&self, s: &Signals) -> f32 {
        let decay = match s.gap_days {
            Some(g) if g > self.max_gap_days => return 0.0,
            Some(g) => 1.0 / (1.0 + g as f32 / self.time_scale_days),
            None => 1.0,
        };
        let content = match s.entities {
            Some(e) => (1.0 - self.entity_weight) * s.text + self.entity_weight * e,
            None => s.text,
        };
        let content = match s.dates {
            Some(d) => content * (1.0 - self.date_weight + self.date_weight * d),
            None => content,
        };
        (content * decay + self.reuse_weight * s.reuse).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SCORER: Scorer = Scorer {
        entity_weight: 0.4,
        time_scale_days: 5.0,
        max_gap_days: 30,
        reuse_weight: 0.8,
        date_weight: 0.5,
    };

    fn sig(text: f32, entities: f32, gap_days: Option<i32>, reuse: f32) -> Signals {
        Signals {
            text,
            entities: Some(entities),
            gap_days,
            reuse,
            dates: None,
        }
    }

    #[test]
    fn blends_text_and_entities() {
        let s = SCORER.score(&sig(0.5, 1.0, Some(0), 0.0));
        assert!((s - (0.6 * 0.5 + 0.4)).abs() < 1e-6);
    }

    #[test]
    fn missing_entities_leave_the_text_alone() {
        let s = SCORER.score(&Signals {
            text: 0.5,
            entities: None,
            gap_days: Some(0),
            reuse: 0.0,
            dates: None,
        });
        assert!((s - 0.5).abs() < 1e-6);
    }

    #[test]
    fn different_mentioned_days_lower_the_score_only_when_both_sides_have_them() {
        let base = sig(0.4, 0.4, Some(0), 0.0);
        let same_day = SCORER.score(&Signals {
            dates: Some(1.0),
            ..base
        });
        let other_day = SCORER.score(&Signals {
            dates: Some(0.0),
            ..base
        });
        assert!((same_day - 0.4).abs() < 1e-6, "{same_day}");
        assert!((other_day - 0.2).abs() < 1e-6, "{other_day}");
        assert!((SCORER.score(&base) - 0.4).abs() < 1e-6);
    }

    #[test]
    fn time_decays_and_cuts_off() {
        let same_day = SCORER.score(&sig(0.8, 0.8, Some(0), 0.0));
        let five_days = SCORER.score(&sig(0.8, 0.8, Some(5), 0.0));
        assert!((five_days - same_day / 2.0).abs() < 1e-6);
        assert_eq!(SCORER.score(&sig(1.0, 1.0, Some(31), 0.0)), 0.0);
        assert_eq!(
            SCORER.score(&sig(0.8, 0.8, None, 0.0)),
            same_day,
            "undated is neutral"
        );
    }

    #[test]
    fn reuse_lifts_a_weak_content_match() {
        let without = SCORER.score(&sig(0.1, 0.0, Some(2), 0.0));
        let with = SCORER.score(&sig(0.1, 0.0, Some(2), 0.9));
        assert!(with > without + 0.7);
    }

    proptest! {
        #[test]
        fn score_is_bounded_and_monotone(
            t in 0.0f32..=1.0, e in 0.0f32..=1.0, g in 0i32..60, r in 0.0f32..=1.0, d in 0.0f32..0.5
        ) {
            let s = SCORER.score(&sig(t, e, Some(g), r));
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert!(SCORER.score(&sig((t + d).min(1.0), e, Some(g), r)) >= s);
            prop_assert!(SCORER.score(&sig(t, e, Some(g + 1), r)) <= s);
        }
    }
}
