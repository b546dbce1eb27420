//! Dates written in running text: "September 9, 2021", "10 July 2020", "31.12.2021", "2021-12-14", and the
//! same without a year ("since May 14"), found with one regular expression. A date without a year is resolved
//! against a reference day, the nearest such day being taken.

use crate::time::Day;
use chrono::Datelike;
use regex::Regex;
use std::sync::OnceLock;

/// A date as written: where it stands in the text, and the day it names (`year` none when not written).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Mention {
    /// The day, with a missing year taken from `reference`: the year that puts it nearest to it.
    pub fn resolve(&self, reference: Option<Day>) -> Option<Day> {
        match (self.year, reference) {
            (Some(y), _) => Day::from_ymd(y, self.month, self.day),
            (None, Some(r)) => {
                let year = r.to_date()?.year();
                (year - 1..=year + 1)
                    .filter_map(|y| Day::from_ymd(y, self.month, self.day))
                    .min_by_key(|d| (i64::from(d.0) - i64::from(r.0)).abs())
            }
            (None, None) => None,
        }
    }
}

const MONTH: &str = r"(?P<MONTH>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let month_first = format!(r"{MONTH}\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<my>\d{{4}})\b)?");
        let day_first = format!(
            r"\b(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{}\b,?(?:\s+(?P<dy>\d{{4}})\b)?",
            MONTH.replace("MONTH", "DMONTH")
        );
        let numeric = r"\b(?P<nd>\d{1,2})\.(?P<nm>\d{1,2})\.(?P<ny>\d{4})\b";
        let iso = r"\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b";
        Regex::new(&format!(r"\b{month_first}|{day_first}|{numeric}|{iso}")).expect("the date pattern compiles")
    })
}

fn month_number(name: &str) -> Option<u32> {
    crate::time::month_number(name)
}

/// Every date written in `text`, in order. Impossible days ("February 30") are left out.
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for caps in pattern().captures_iter(text) {
        let whole = caps.get(0).expect("group 0 always matches");
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
        let parts = if let Some(m) = caps.name("MONTH") {
            month_number(m.as_str()).zip(num("md")).map(|(mo, d)| (year("my"), mo, d))
        } else if let Some(m) = caps.name("DMONTH") {
            month_number(m.as_str()).zip(num("dd")).map(|(mo, d)| (year("dy"), mo, d))
        } else if caps.name("nd").is_some() {
            num("nm").zip(num("nd")).map(|(mo, d)| (year("ny"), mo, d))
        } else {
            num("im").zip(num("id")).map(|(mo, d)| (year("iy"), mo, d))
        };
        let Some((year, month, day)) = parts else { continue };
        // A day that exists in some year (a year-less "February 29" is kept).
        let valid = Day::from_ymd(year.unwrap_or(2020), month, day).is_some();
        if valid {
            out.push(Mention { start: whole.start(), end: whole.end(), year, month, day });
        }
    }
    out
}

/// A line that is only a date: "June 15, 2022" (an article's date line).
pub fn whole_line_date(line: &str) -> Option<Day> {
    let trimmed = line.trim();
    let found = mentions(trimmed);
    match found.as_slice() {
        [m] if m.start == 0 && m.end == trimmed.len() && m.year.is_some() => m.resolve(None),
        _ => None,
    }
}

/// "November 2020", "March, 2021": a month and year with no day, as the first and last day of that month, and
/// the byte offset where the words end.
pub fn month_of_year(text: &str) -> Option<(Day, Day, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(&format!(r"\b{MONTH},?\s+(?P<y>\d{{4}})\b")).expect("compiles"));
    let caps = re.captures(text)?;
    let month = month_number(caps.name("MONTH")?.as_str())?;
    let year: i32 = caps.name("y")?.as_str().parse().ok()?;
    let first = Day::from_ymd(year, month, 1)?;
    let next = if month == 12 { Day::from_ymd(year + 1, 1, 1)? } else { Day::from_ymd(year, month + 1, 1)? };
    Some((first, next.offset(-1), caps.get(0)?.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> Vec<String> {
        let reference = Day::from_ymd(2021, 6, 1);
        mentions(text).iter().map(|m| m.resolve(reference).map(|d| d.to_string()).unwrap_or_default()).collect()
    }

    #[test]
    fn the_forms_the_sources_use() {
        assert_eq!(days("Effective September 9, 2021, flights"), ["2021-09-09"]);
        assert_eq!(days("until 31.12.2021 and as of 03.12.2021"), ["2021-12-31", "2021-12-03"]);
        assert_eq!(days("free to leave until 10 July 2020"), ["2020-07-10"]);
        assert_eq!(days("On the 5th of December, 2018, we"), ["2018-12-05"]);
        assert_eq!(days("since May 14, flights; since Dec 15"), ["2021-05-14", "2020-12-15"]);
        assert_eq!(days("in 2021-12-14."), ["2021-12-14"]);
        assert!(days("No. 41, 3,063 KZT, May 2021, 30.04.2015x, February 30, 2021").is_empty());
    }

    #[test]
    fn date_lines_and_months() {
        assert_eq!(whole_line_date("  December 21, 2021 ").map(|d| d.to_string()), Some("2021-12-21".into()));
        assert_eq!(whole_line_date("June 6, 2021 | Business visa"), None);
        let (a, b, _) = month_of_year("quarantine restrictions. November 2020").expect("a month");
        assert_eq!((a.to_string(), b.to_string()), ("2020-11-01".into(), "2020-11-30".into()));
    }
}
