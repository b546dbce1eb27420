//! A calendar day as a plain integer, so that interval arithmetic is integer arithmetic.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A day, counted from 0001-01-01 (day 1). `Day::MIN` and `Day::MAX` stand for the open ends of intervals and are
/// never printed as dates.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Day(pub i32);

impl Day {
    /// The open start: before every real day.
    pub const MIN: Day = Day(i32::MIN);
    /// The open end: after every real day.
    pub const MAX: Day = Day(i32::MAX);

    /// The day of a calendar date; `None` when the date does not exist (month 13, February 30).
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
        NaiveDate::from_ymd_opt(y, m, d).map(Day::from_date)
    }

    /// The day of a chrono date.
    pub fn from_date(date: NaiveDate) -> Day {
        Day(date.num_days_from_ce())
    }

    /// Parses `YYYY-MM-DD`; `None` for anything else, including days that do not exist (2021-02-30). Reads the
    /// digits directly (chrono still validates the day): a format-string parse dominated loading fact files.
    pub fn parse(text: &str) -> Option<Day> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| {
            bytes[range].iter().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Day::from_ymd(year as i32, month, day)
    }

    /// True for `Day::MIN` and `Day::MAX`, the open ends, which are no real day.
    pub fn is_open(self) -> bool {
        self == Day::MIN || self == Day::MAX
    }

    /// The day `n` days later (earlier for negative `n`); the open ends stay where they are.
    pub fn offset(self, n: i32) -> Day {
        if self.is_open() {
            return self;
        }
        Day(self.0.saturating_add(n).clamp(i32::MIN + 1, i32::MAX - 1))
    }

    /// The next day; an open end stays open.
    pub fn succ(self) -> Day {
        self.offset(1)
    }

    /// The calendar date of a real day; `None` for an open end (or a day number chrono cannot represent).
    pub fn to_date(self) -> Option<NaiveDate> {
        if self.is_open() {
            return None;
        }
        NaiveDate::from_num_days_from_ce_opt(self.0)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_date() {
            Some(date) => write!(f, "{}", date.format("%Y-%m-%d")),
            None if *self == Day::MIN => f.write_str(".."),
            None if *self == Day::MAX => f.write_str(".."),
            None => write!(f, "day#{}", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_days_only() {
        assert_eq!(Day::parse("2021-12-14").unwrap().to_string(), "2021-12-14");
        assert!(Day::parse("2021-02-30").is_none());
        assert!(Day::parse("2021-2-3").is_none());
        assert_eq!(Day::parse("2020-02-28").unwrap().succ(), Day::parse("2020-02-29").unwrap());
    }

    #[test]
    fn open_ends_do_not_move() {
        assert_eq!(Day::MAX.offset(-3), Day::MAX);
        assert_eq!(Day::MIN.offset(3), Day::MIN);
    }
}
