use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

impl DatePrecision {
    pub fn as_str(&self) -> &'static str {
        match self {
            DatePrecision::Year => "year",
            DatePrecision::Month => "month",
            DatePrecision::Day => "day",
        }
    }
}

/// A calendar date of which only the year, or the year and month, may be known
/// ("2020", "2020-10", "2020-10-28"). Serialised as that ISO string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a string is not a [`PartialDate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(pub String);

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {:?}",
            self.0
        )
    }
}

impl std::error::Error for DateParseError {}

impl PartialDate {
    pub fn day(year: i32, month: u8, day: u8) -> Option<PartialDate> {
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month))
            .contains(&day)
            .then_some(())?;
        Some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    pub fn month(year: i32, month: u8) -> Option<PartialDate> {
        (1..=12).contains(&month).then_some(())?;
        Some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }
}

/// Number of days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateParseError;

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and also accepts a longer
    /// RFC 3339 timestamp whose first ten characters are a date.
    fn from_str(s: &str) -> Result<PartialDate, DateParseError> {
        let err = || DateParseError(s.to_string());
        let s = s.trim();
        let head = s.get(..10.min(s.len())).ok_or_else(err)?;
        let mut parts = head.split('-');
        let year: i32 = parts
            .next()
            .filter(|y| y.len() == 4)
            .and_then(|y| y.parse().ok())
            .ok_or_else(err)?;
        let month = match parts.next() {
            None => {
                return (s.len() == 4)
                    .then(|| PartialDate::year(year))
                    .ok_or_else(err)
            }
            Some(m) => m.parse::<u8>().map_err(|_| err())?,
        };
        match parts.next() {
            None if s.len() == 7 => PartialDate::month(year, month).ok_or_else(err),
            Some(d) if d.len() == 2 => {
                let day = d.parse::<u8>().map_err(|_| err())?;
                let rest = &s[10..];
                if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
                    return Err(err());
                }
                PartialDate::day(year, month, day).ok_or_else(err)
            }
            _ => Err(err()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PartialDate, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            "2020".parse::<PartialDate>().unwrap().precision(),
            DatePrecision::Year
        );
        assert_eq!(
            "2020-10".parse::<PartialDate>().unwrap(),
            PartialDate::month(2020, 10).unwrap()
        );
        let d: PartialDate = "2020-10-28T09:00:00Z".parse().unwrap();
        assert_eq!(d.to_string(), "2020-10-28");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2020-13",
            "2021-02-29",
            "20-10-01",
            "2020-1",
            "2020-10-28x",
            "",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
        assert!("2020-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn orders_by_calendar() {
        let a: PartialDate = "2020-10".parse().unwrap();
        let b: PartialDate = "2020-10-01".parse().unwrap();
        assert!(a < b);
    }
}
