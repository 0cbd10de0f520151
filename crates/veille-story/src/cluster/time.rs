//! Publication dates as day intervals, so that partial dates compare honestly:
//! "2020-10" is the whole of October, and its distance to 2020-10-28 is zero.

use serde::{Deserialize, Serialize};
use veille_model::PartialDate;

/// A closed interval of days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DaySpan {
    pub lo: i32,
    pub hi: i32,
}

impl DaySpan {
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
        (self.lo.max(other.lo) - self.hi.min(other.hi)).max(0)
    }

    /// The smallest interval holding both.
    pub fn union(&self, other: &DaySpan) -> DaySpan {
        DaySpan {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
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
    fn a_month_contains_its_days() {
        let month = DaySpan::of(PartialDate::month(2020, 10).expect("valid"));
        let day = DaySpan::of(PartialDate::day(2020, 10, 28).expect("valid"));
        assert_eq!(month.gap(&day), 0);
        let later = DaySpan::of(PartialDate::day(2020, 11, 5).expect("valid"));
        assert_eq!(month.gap(&later), 5);
        assert_eq!(later.gap(&month), 5);
    }
}
