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
        let (year, month, day) = (number(0..4)? as i32, number(5..7)?, number(8..10)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&day).then(|| Day(days_from_ce(year, month, day)))
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

    /// The day as articles print it, `December 21, 2021`; `None` for an open end.
    pub fn long_date(self) -> Option<String> {
        let date = self.to_date()?;
        Some(format!("{} {}, {}", MONTHS[date.month0() as usize], date.day(), date.year()))
    }
}

/// The months' names, January first: the one month table (the dates articles print, the timeline's axis, which
/// shows their first three letters).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `word` is a month's name or its usual abbreviation, in any case: `december`, `Dec`, `SEPT` (but not
/// `marriage`, which only begins like one): what a number beside it is a date of, not a count.
pub fn is_month_word(word: &str) -> bool {
    word.eq_ignore_ascii_case("sept")
        || MONTHS.iter().any(|m| word.eq_ignore_ascii_case(m) || word.eq_ignore_ascii_case(&m[..3]))
}

/// The month (1-12) a name stands for by its first three letters, any case: `Dec`, `december`, `SEPT.`.
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.len() >= 3 && lower.starts_with(&m[..3].to_ascii_lowercase()))
        .map(|i| i as u32 + 1)
}

/// The day number of a valid date, as chrono counts it (0001-01-01 is day 1), by the civil-from-days arithmetic of
/// H. Hinnant: integer operations only, since fact files parse two dates a line.
fn days_from_ce(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = month as i32;
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // Days from 0000-03-01, less the 306 days from there to 0001-01-01, plus one: chrono's day 1.
    era * 146_097 + day_of_era - 305
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
    fn month_words_are_names_and_their_abbreviations_only() {
        for word in ["December", "dec", "SEPT", "sep", "May", "march", "Mar"] {
            assert!(is_month_word(word), "{word}");
        }
        for word in ["marriage", "decade", "mayor", "ju", "", "septembe"] {
            assert!(!is_month_word(word), "{word}");
        }
    }

    #[test]
    fn parses_real_days_only() {
        assert_eq!(Day::parse("2021-12-14").unwrap().to_string(), "2021-12-14");
        assert!(Day::parse("2021-02-30").is_none());
        assert!(Day::parse("2021-2-3").is_none());
        assert_eq!(Day::parse("2020-02-28").unwrap().succ(), Day::parse("2020-02-29").unwrap());
    }

    #[test]
    fn day_numbers_are_chronos() {
        let mut date = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        while date <= end {
            let text = date.format("%Y-%m-%d").to_string();
            assert_eq!(Day::parse(&text), Some(Day::from_date(date)), "{text}");
            date += chrono::Duration::days(if date.year() > 1890 && date.year() < 2110 { 1 } else { 13 });
        }
        for bad in ["2021-02-29", "2100-02-29", "2021-04-31", "2021-13-01", "2021-00-10", "2021-01-00", "2021-01-32"] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        assert!(Day::parse("2000-02-29").is_some());
    }

    #[test]
    fn open_ends_do_not_move() {
        assert_eq!(Day::MAX.offset(-3), Day::MAX);
        assert_eq!(Day::MIN.offset(3), Day::MIN);
    }
}
