//! The follow-up link: how likely a dated document reports the same
//! incident as one dated member of an event, from the two documents alone.
//!
//! The centroid formula of [`super::Scorer`] decays with time over a few
//! days, so the arrest, the charges and the trial that follow a shooting by
//! weeks start events of their own, and its single text cosine cannot tell
//! two shootings in one city apart. The link is a logistic model over a
//! few signals of the pair, its weights fitted on GVA's dev half
//! (`cargo xtask tune clustering --links`, pairs of a document and the
//! members of its candidate events, labelled by the gold incident):
//!
//! ```text
//! d = ln(1 + days), r = rare names shared (at most 3) / 3
//! p = σ(w · [1, text, title, d, text · e^(−days/7), r,
//!            rarest shared name's ln(N/df)/ln(N), same age given,
//!            only different ages given, text², text · d, r · d, title²,
//!            same casualty count given, only different counts given,
//!            names a day of the member's, three days or more later])
//! ```
//!
//! `text` is the cosine of the two stem vectors, `title` of the title stems
//! alone, a *rare name* an entity key of at most `rare_df` documents so far.
//! An event's link is its best member's `p` (single link: a follow-up names
//! the suspect of one report, not of all). The clusterer uses it for dated
//! documents against events with dated members, and the centroid formula
//! otherwise (undated press, where the model has nothing to learn from).

use serde::{Deserialize, Serialize};

/// Number of pair features (with the bias).
pub const LINK_FEATURES: usize = 16;

/// What is known about a document and one member of an event.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PairSignals {
    /// Cosine of the stem vectors.
    pub text: f32,
    /// Cosine of the title stem vectors.
    pub title: f32,
    /// Days between the two.
    pub gap_days: i32,
    /// Entity keys both name that at most `rare_df` documents named.
    pub rare_shared: u32,
    /// The rarest of those: `ln(N/df)/ln(N)`, 0 when none.
    pub rarest: f32,
    /// Both give ages, and one age is the same.
    pub same_age: bool,
    /// Both give ages, and none is the same.
    pub other_ages: bool,
    /// Both give casualty counts, and one count is the same.
    pub same_count: bool,
    /// Both give casualty counts, and none is the same.
    pub other_counts: bool,
    /// The document names a day the member was published on or names
    /// (counted from three days apart: before that, reports of every
    /// incident of the day name it).
    pub same_day_named: bool,
}

impl PairSignals {
    /// The feature vector the weights apply to.
    pub fn features(&self) -> [f32; LINK_FEATURES] {
        let days = self.gap_days.max(0) as f32;
        [
            1.0,
            self.text,
            self.title,
            days.ln_1p(),
            self.text * (-days / 7.0).exp(),
            self.rare_shared.min(3) as f32 / 3.0,
            self.rarest,
            f32::from(u8::from(self.same_age)),
            f32::from(u8::from(self.other_ages)),
            self.text * self.text,
            self.text * days.ln_1p(),
            self.rare_shared.min(3) as f32 / 3.0 * days.ln_1p(),
            self.title * self.title,
            f32::from(u8::from(self.same_count)),
            f32::from(u8::from(self.other_counts)),
            f32::from(u8::from(self.same_day_named && days >= 3.0)),
        ]
    }
}

/// The link's settings: weights, threshold and window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkModel {
    /// Off: the centroid formula decides alone.
    pub enabled: bool,
    pub weights: [f32; LINK_FEATURES],
    /// A document joins the event of its best link at or above this.
    pub threshold: f32,
    /// Members further apart than this are not compared.
    pub max_gap_days: i32,
    /// A shared entity named by at most this many documents is a rare name.
    pub rare_df: u32,
}

impl LinkModel {
    /// The probability that the pair reports one incident.
    pub fn probability(&self, s: &PairSignals) -> f32 {
        let z: f32 = self
            .weights
            .iter()
            .zip(s.features())
            .map(|(w, x)| w * x)
            .sum();
        logistic(z)
    }
}

/// σ(z), with `z` clamped so that `exp` stays finite.
pub fn logistic(z: f32) -> f32 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

/// `(same value given, only different values given)` of two sorted lists
/// (ages, casualty counts).
pub fn value_agreement<T: Ord>(a: &[T], b: &[T]) -> (bool, bool) {
    if a.is_empty() || b.is_empty() {
        return (false, false);
    }
    let same = a.iter().any(|x| b.binary_search(x).is_ok());
    (same, !same)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn model() -> LinkModel {
        crate::ClusterConfig::default().link
    }

    /// `base` with one signal changed.
    fn with(base: PairSignals, change: impl FnOnce(&mut PairSignals)) -> PairSignals {
        let mut s = base;
        change(&mut s);
        s
    }

    fn pair(text: f32, gap_days: i32) -> PairSignals {
        PairSignals {
            text,
            title: text,
            gap_days,
            ..PairSignals::default()
        }
    }

    #[test]
    fn a_shared_rare_name_links_a_follow_up_weeks_later() {
        let m = model();
        let weeks_later = pair(0.35, 40);
        let named = PairSignals {
            rare_shared: 3,
            rarest: 0.9,
            ..weeks_later
        };
        assert!(m.probability(&weeks_later) < m.threshold);
        assert!(m.probability(&named) >= m.threshold, "{named:?}");
    }

    #[test]
    fn different_ages_part_two_similar_reports() {
        let m = model();
        let close = pair(0.45, 1);
        let same = with(close, |s| s.same_age = true);
        let other = with(close, |s| s.other_ages = true);
        assert!(m.probability(&same) > m.probability(&close));
        assert!(m.probability(&other) < m.probability(&close));
    }

    #[test]
    fn different_counts_part_and_a_named_day_joins() {
        let m = model();
        let close = pair(0.5, 1);
        let other = with(close, |s| s.other_counts = true);
        assert!(m.probability(&other) < m.probability(&close));
        // "the Oct. 2 shooting", a week later
        let later = pair(0.4, 7);
        let named = with(later, |s| s.same_day_named = true);
        assert!(m.probability(&later) < m.threshold);
        assert!(m.probability(&named) >= m.threshold, "{named:?}");
        // the same day: every report of the day names it
        let today = pair(0.4, 0);
        let named_today = with(today, |s| s.same_day_named = true);
        assert_eq!(m.probability(&today), m.probability(&named_today));
    }

    #[test]
    fn ages_agree_only_when_both_give_some() {
        assert_eq!(value_agreement(&[15, 40], &[40]), (true, false));
        assert_eq!(value_agreement(&[15], &[17]), (false, true));
        assert_eq!(value_agreement(&[], &[17]), (false, false));
    }

    proptest! {
        #[test]
        // (near-identical texts months apart are left out: the fitted
        // weights let text · d outweigh d there, and nothing is learnt from
        // such pairs)
        fn probability_is_bounded_and_falls_with_time(
            text in 0.0f32..=0.6, days in 0i32..400, shared in 0u32..5, rarest in 0.0f32..=1.0,
        ) {
            let m = model();
            let s = PairSignals { text, title: text, gap_days: days, rare_shared: shared, rarest, ..PairSignals::default() };
            let p = m.probability(&s);
            prop_assert!((0.0..=1.0).contains(&p));
            let later = PairSignals { gap_days: days + 30, ..s };
            prop_assert!(m.probability(&later) <= p + 1e-6);
        }
    }
}
