//! Publication dates as day intervals, so that partial dates compare honestly:
//! "2020-10" is the whole of October, and its distance to 2020-10-28 is zero.
//!
//! An interval may be **open-ended**, `[lo, ∞)`: a document whose text looks
//! back on everything before `lo` as a closed episode ("depuis la dernière
//! guerre de 2020": on or after 2021-01-01) and says nothing more of its
//! date. [`DaySpan::gap`] is the smallest distance the evidence allows (65
//! days from 2020-10-28, 0 from 2023-09-20); the clusterer then treats an
//! open interval **strictly** ([`DaySpan::window_gap`]): at distance 0 of
//! what reaches its first day, and outside every window of what ended
//! before it (the text itself calls that period over). When an open interval
//! joins a closed one ([`DaySpan::merge`]) it adds its first possible day:
//! a cluster's span stays the hull of what is known.

use serde::{Deserialize, Serialize};
use veille_model::PartialDate;

/// A closed interval of days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DaySpan {
    pub lo: i32,
    pub hi: i32,
}

/// The `hi` of an open-ended interval.
pub const OPEN_END: i32 = i32::MAX;

impl DaySpan {
    /// `[lo, ∞)`: on or after day `lo`.
    pub fn open_from(lo: i32) -> DaySpan {
        DaySpan { lo, hi: OPEN_END }
    }

    /// Whether the interval has no last day.
    pub fn is_open(&self) -> bool {
        self.hi == OPEN_END
    }

    /// The days a partial date may stand for.
    pub fn of(d: PartialDate) -> DaySpan {
        match (d.month, d.day) {
            (Some(m), Some(day)) => {
                let x = days_from_civil(d.year, m, day);
                DaySpan { lo: x, hi: x }
            }
            (Some(m), None) => DaySpan {
                lo: days_from_civil(d.year, m, 1),
                hi: days_from_civil(d.year, m, days_in_month(d.year, m)),
            },
            _ => DaySpan {
                lo: days_from_civil(d.year, 1, 1),
                hi: days_from_civil(d.year, 12, 31),
            },
        }
    }

    /// Days between the two intervals (0 when they overlap).
    pub fn gap(&self, other: &DaySpan) -> i32 {
        self.lo
            .max(other.lo)
            .saturating_sub(self.hi.min(other.hi))
            .max(0)
    }

    /// The distance the scorer uses: [`DaySpan::gap`] between closed
    /// intervals; with an open one, 0 when they overlap and `i32::MAX` (past
    /// every window) when they do not.
    pub fn window_gap(&self, other: &DaySpan) -> i32 {
        let g = self.gap(other);
        if g > 0 && (self.is_open() || other.is_open()) {
            i32::MAX
        } else {
            g
        }
    }

    /// The smallest interval holding both.
    pub fn union(&self, other: &DaySpan) -> DaySpan {
        DaySpan {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    /// A cluster's span after a member joins: the union of closed intervals;
    /// an open one adds only its first day to a closed one (it is known to
    /// be no earlier, not to reach infinity); two open ones stay open from
    /// the earlier bound.
    pub fn merge(&self, other: &DaySpan) -> DaySpan {
        let first_day = |s: &DaySpan| DaySpan { lo: s.lo, hi: s.lo };
        match (self.is_open(), other.is_open()) {
            (false, false) | (true, true) => self.union(other),
            (true, false) => other.union(&first_day(self)),
            (false, true) => self.union(&first_day(other)),
        }
    }

    /// The interval `[lo, hi]` narrowed to start no earlier than `bound`,
    /// unless that would empty it (a bound later than the interval
    /// contradicts it, and the interval, from the source, wins).
    pub fn not_before(&self, bound: i32) -> DaySpan {
        if bound <= self.hi {
            DaySpan {
                lo: self.lo.max(bound),
                hi: self.hi,
            }
        } else {
            *self
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i32::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i32::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            days_from_civil(2020, 10, 28) - days_from_civil(2020, 10, 1),
            27
        );
        assert_eq!(
            days_from_civil(2021, 1, 1) - days_from_civil(2020, 1, 1),
            366
        );
    }

    #[test]
    fn an_open_interval_is_as_close_as_its_first_day_allows() {
        let open = DaySpan::open_from(days_from_civil(2021, 1, 1));
        let oct28 = DaySpan::of(PartialDate::day(2020, 10, 28).expect("valid"));
        let sep23 = DaySpan::of(PartialDate::day(2023, 9, 20).expect("valid"));
        assert_eq!(open.gap(&oct28), 65);
        assert_eq!(oct28.gap(&open), 65);
        assert_eq!(open.gap(&sep23), 0);
        assert_eq!(open.gap(&DaySpan::open_from(0)), 0);
        // strictly: what ended before the bound is out of every window
        assert_eq!(open.window_gap(&oct28), i32::MAX);
        assert_eq!(oct28.window_gap(&open), i32::MAX);
        assert_eq!(open.window_gap(&sep23), 0);
        assert_eq!(oct28.window_gap(&sep23), oct28.gap(&sep23));
        // merged into a closed span, it adds its first day only
        let m = oct28.merge(&open);
        assert!(!m.is_open());
        assert_eq!((m.lo, m.hi), (oct28.lo, open.lo));
        assert_eq!(open.merge(&oct28), m);
        assert!(open.merge(&DaySpan::open_from(5)).is_open());
        // a bound narrows a month, and is ignored when it contradicts it
        let month = DaySpan::of(PartialDate::month(2020, 10).expect("valid"));
        assert_eq!(month.not_before(oct28.lo).lo, oct28.lo);
        assert_eq!(month.not_before(open.lo), month);
    }

    #[test]
    fn a_month_contains_its_days() {
        let month = DaySpan::of(PartialDate::month(2020, 10).expect("valid"));
        let day = DaySpan::of(PartialDate::day(2020, 10, 28).expect("valid"));
        assert_eq!(month.gap(&day), 0);
        let later = DaySpan::of(PartialDate::day(2020, 11, 5).expect("valid"));
        assert_eq!(month.gap(&later), 5);
        assert_eq!(later.gap(&month), 5);
    }
}
