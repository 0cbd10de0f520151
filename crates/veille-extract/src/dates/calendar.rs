//! Proleptic Gregorian day arithmetic (days since 1970-01-01), enough for
//! resolving relative dates without a date-time crate.

use veille_model::days_in_month;
use veille_model::PartialDate;

/// A full calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Ymd {
    pub y: i32,
    pub m: u8,
    pub d: u8,
}

impl Ymd {
    pub fn from_partial(p: PartialDate) -> Option<Ymd> {
        Some(Ymd {
            y: p.year,
            m: p.month?,
            d: p.day?,
        })
    }

    pub fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Ymd {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Ymd { y, m, d }
    }

    pub fn add_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n)
    }

    /// ISO weekday, Monday = 1.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7) + 1) as u8
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u8) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Ymd {
            y: thursday.y,
            m: 1,
            d: 1,
        };
        (thursday.y, ((thursday.days() - jan1.days()) / 7 + 1) as u8)
    }

    /// The same day `n` months later (clamped to the month's length).
    pub fn add_months(self, n: i32) -> Ymd {
        let total = self.y * 12 + i32::from(self.m) - 1 + n;
        let (y, m) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
        Ymd {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    pub fn partial(self) -> PartialDate {
        PartialDate {
            year: self.y,
            month: Some(self.m),
            day: Some(self.d),
        }
    }
}

/// A valid full date.
pub(crate) fn ymd(y: i32, m: u8, d: u8) -> Option<Ymd> {
    (d >= 1 && d <= days_in_month(y, m)).then_some(Ymd { y, m, d })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_weekdays_are_right() {
        let d = Ymd {
            y: 2020,
            m: 10,
            d: 29,
        };
        assert_eq!(Ymd::from_days(d.days()), d);
        assert_eq!(d.weekday(), 4);
        assert_eq!(d.add_days(-1).iso(), "2020-10-28");
        assert_eq!(
            Ymd {
                y: 2000,
                m: 3,
                d: 1
            }
            .add_days(-1)
            .iso(),
            "2000-02-29"
        );
        assert_eq!(
            Ymd {
                y: 2014,
                m: 1,
                d: 31
            }
            .weekday(),
            5
        );
        assert_eq!(
            Ymd {
                y: 2003,
                m: 1,
                d: 31
            }
            .iso_week(),
            (2003, 5)
        );
        assert_eq!(
            Ymd {
                y: 2021,
                m: 1,
                d: 1
            }
            .iso_week(),
            (2020, 53)
        );
        assert_eq!(
            Ymd {
                y: 2020,
                m: 1,
                d: 31
            }
            .add_months(1)
            .iso(),
            "2020-02-29"
        );
    }
}
