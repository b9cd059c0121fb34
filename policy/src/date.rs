//! A small calendar date (proleptic Gregorian), enough for dated parameters, ages and deadlines.
//!
//! Serialised as the string `"YYYY-MM-DD"`. Ordering is chronological.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A validated calendar date between 0001-01-01 and 9999-12-31.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date could not be built or parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateError {
    /// The text is not of the form `YYYY-MM-DD`.
    BadFormat,
    /// Year outside 1..=9999, month outside 1..=12, or no such day in that month.
    OutOfRange,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::BadFormat => f.write_str("date must be written YYYY-MM-DD"),
            DateError::OutOfRange => f.write_str("no such calendar date"),
        }
    }
}

impl std::error::Error for DateError {}

/// True when `year` is a leap year in the Gregorian calendar.
pub const fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Number of days in the given month (1..=12) of `year`; 0 for an invalid month.
pub const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The calendar date in Asia/Shanghai (UTC+8, no daylight saving) of an instant given as
    /// milliseconds since the Unix epoch. The caller reads the clock; this crate has none.
    pub fn shanghai_from_unix_millis(millis: i64) -> Option<Date> {
        const EPOCH_ORDINAL: i64 = 719_162; // 1970-01-01
        let local_days = (millis / 1000 + 8 * 3600).div_euclid(86_400);
        Date::from_ordinal(EPOCH_ORDINAL + local_days)
    }

    /// Builds a date, checking that it exists.
    pub const fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if year == 0 || year > 9999 || month == 0 || month > 12 {
            return Err(DateError::OutOfRange);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::OutOfRange);
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (exactly four, two and two ASCII digits).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError::BadFormat);
        }
        let year = digits(&b[0..4]).ok_or(DateError::BadFormat)?;
        let month = digits(&b[5..7]).ok_or(DateError::BadFormat)?;
        let day = digits(&b[8..10]).ok_or(DateError::BadFormat)?;
        // The digit counts bound the values, so the narrowing casts cannot truncate.
        Date::new(year as u16, month as u8, day as u8)
    }

    /// Parses eight digits `YYYYMMDD` (the form inside a resident ID number).
    pub fn parse_compact(text: &str) -> Result<Date, DateError> {
        let b = text.as_bytes();
        if b.len() != 8 {
            return Err(DateError::BadFormat);
        }
        let year = digits(&b[0..4]).ok_or(DateError::BadFormat)?;
        let month = digits(&b[4..6]).ok_or(DateError::BadFormat)?;
        let day = digits(&b[6..8]).ok_or(DateError::BadFormat)?;
        Date::new(year as u16, month as u8, day as u8)
    }

    /// The year (1..=9999).
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month (1..=12).
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month (1..=31).
    pub const fn day(self) -> u8 {
        self.day
    }

    /// Days since 0001-01-01 (which is day 0).
    pub fn ordinal(self) -> i64 {
        let y = i64::from(self.year) - 1;
        let before_year = y * 365 + y / 4 - y / 100 + y / 400;
        let mut before_month = 0i64;
        for m in 1..self.month {
            before_month += i64::from(days_in_month(self.year, m));
        }
        before_year + before_month + i64::from(self.day) - 1
    }

    /// The date `days` after (or before, if negative) this one; `None` outside years 1..=9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_ordinal(self.ordinal().checked_add(days)?)
    }

    /// Inverse of [`Date::ordinal`].
    pub fn from_ordinal(ordinal: i64) -> Option<Date> {
        if ordinal < 0 {
            return None;
        }
        // Estimate the year, then correct by at most a step either way.
        let mut year = (ordinal * 400 / 146_097 + 1).clamp(1, 9999);
        loop {
            let start = Date {
                year: year as u16,
                month: 1,
                day: 1,
            }
            .ordinal();
            if start > ordinal {
                year -= 1;
                continue;
            }
            let len = if is_leap_year(year as u16) { 366 } else { 365 };
            if ordinal >= start + len {
                year += 1;
                if year > 9999 {
                    return None;
                }
                continue;
            }
            let mut rest = ordinal - start;
            let mut month = 1u8;
            loop {
                let dim = i64::from(days_in_month(year as u16, month));
                if rest < dim {
                    return Some(Date {
                        year: year as u16,
                        month,
                        day: rest as u8 + 1,
                    });
                }
                rest -= dim;
                month += 1;
            }
        }
    }

    /// The same day `months` calendar months later; when that month is shorter, the last day of
    /// that month (2024-01-31 plus one month is 2024-02-29). `None` past year 9999.
    pub fn add_months(self, months: u32) -> Option<Date> {
        let total = u32::from(self.month) - 1 + months;
        let year = u32::from(self.year) + total / 12;
        if year > 9999 {
            return None;
        }
        let year = year as u16;
        let month = (total % 12) as u8 + 1;
        let day = self.day.min(days_in_month(year, month));
        Some(Date { year, month, day })
    }

    /// Completed years from `self` (a birth date) to `on`; negative when `on` is earlier.
    /// A person born on 29 February completes a year on 1 March in common years.
    pub fn years_until(self, on: Date) -> i32 {
        let mut years = i32::from(on.year) - i32::from(self.year);
        if (on.month, on.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for &c in bytes {
        if !c.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(c - b'0');
    }
    Some(value)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(|e| E::custom(format_args!("{e}: {v:?}")))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shanghai_date_turns_at_16_00_utc() {
        // 2026-11-28T15:59:59Z is 23:59:59 in Shanghai; one second later it is the 29th.
        let before = 1_795_881_599_000;
        assert_eq!(
            Date::shanghai_from_unix_millis(before),
            Date::new(2026, 11, 28).ok()
        );
        assert_eq!(
            Date::shanghai_from_unix_millis(before + 1000),
            Date::new(2026, 11, 29).ok()
        );
        assert_eq!(
            Date::shanghai_from_unix_millis(0),
            Date::new(1970, 1, 1).ok()
        );
    }

    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_and_validates() {
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse("1900-02-29"), Err(DateError::OutOfRange));
        assert!(Date::parse("2000-02-29").is_ok());
        assert_eq!(Date::parse("2024-13-01"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse("2024-1-01"), Err(DateError::BadFormat));
        assert_eq!(Date::parse("2024/01/01"), Err(DateError::BadFormat));
        assert_eq!(Date::parse("20240101"), Err(DateError::BadFormat));
        assert_eq!(Date::parse("0000-01-01"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse_compact("19491231"), Ok(d("1949-12-31")));
    }

    #[test]
    fn orders_chronologically() {
        assert!(d("2022-03-31") < d("2022-04-01"));
        assert!(d("2021-12-31") < d("2022-01-01"));
    }

    #[test]
    fn adds_days_across_boundaries() {
        assert_eq!(d("2022-03-31").add_days(1), Some(d("2022-04-01")));
        assert_eq!(d("2024-02-28").add_days(1), Some(d("2024-02-29")));
        assert_eq!(d("2023-12-31").add_days(1), Some(d("2024-01-01")));
        assert_eq!(d("2024-01-01").add_days(-1), Some(d("2023-12-31")));
        assert_eq!(d("0001-01-01").add_days(-1), None);
        assert_eq!(d("0001-01-01").ordinal(), 0);
        for s in [
            "1880-01-01",
            "1949-12-31",
            "2000-02-29",
            "2100-03-01",
            "9999-12-31",
        ] {
            assert_eq!(Date::from_ordinal(d(s).ordinal()), Some(d(s)), "{s}");
        }
        assert_eq!(d("2024-03-01").ordinal() - d("2023-03-01").ordinal(), 366);
    }

    #[test]
    fn adds_months_clamping_to_month_end() {
        assert_eq!(d("2024-01-31").add_months(3), Some(d("2024-04-30")));
        assert_eq!(d("2023-11-30").add_months(3), Some(d("2024-02-29")));
        assert_eq!(d("2024-10-15").add_months(3), Some(d("2025-01-15")));
    }

    #[test]
    fn counts_completed_years() {
        let born = d("2006-06-15");
        assert_eq!(born.years_until(d("2024-06-14")), 17);
        assert_eq!(born.years_until(d("2024-06-15")), 18);
        let leap = d("2004-02-29");
        assert_eq!(leap.years_until(d("2022-02-28")), 17);
        assert_eq!(leap.years_until(d("2022-03-01")), 18);
    }

    #[test]
    fn serde_round_trip() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct W {
            d: Date,
        }
        let w: W = toml::from_str("d = \"2022-04-01\"").unwrap();
        assert_eq!(w.d, d("2022-04-01"));
        assert!(toml::from_str::<W>("d = \"2022-02-30\"").is_err());
    }
}
