//! A closed-open interval of days `[from, to)`, either end possibly open.

use super::Day;
use serde::Serialize;
use std::fmt;

/// `[from, to)` with `from < to`; `Day::MIN` / `Day::MAX` mark open ends. Never empty once constructed by `new`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Interval {
    /// First day in the interval (included); `Day::MIN` when open at the start.
    pub from: Day,
    /// First day after the interval (excluded); `Day::MAX` when open at the end.
    pub to: Day,
}

impl Interval {
    /// Every day: both ends open.
    pub const ALWAYS: Interval = Interval { from: Day::MIN, to: Day::MAX };

    /// The interval `[from, to)`, or `None` when it holds no day.
    pub fn new(from: Day, to: Day) -> Option<Interval> {
        (from < to).then_some(Interval { from, to })
    }

    /// The interval holding only `day`.
    pub fn day(day: Day) -> Interval {
        Interval { from: day, to: day.succ() }
    }

    /// True when `from <= day < to`.
    pub fn contains(&self, day: Day) -> bool {
        self.from <= day && day < self.to
    }

    /// The days in both intervals; `None` when they do not overlap.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        Interval::new(self.from.max(other.from), self.to.min(other.to))
    }

    /// Number of days, `None` when an end is open.
    pub fn len_days(&self) -> Option<i64> {
        if self.from.is_open() || self.to.is_open() {
            return None;
        }
        Some(self.to.0 as i64 - self.from.0 as i64)
    }

    /// The `from`/`to` pair as JSON wants it: `null` for an open end.
    pub fn json_ends(&self) -> (Option<String>, Option<String>) {
        let end = |d: Day| (!d.is_open()).then(|| d.to_string());
        (end(self.from), end(self.to))
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}, {})", self.from, self.to)
    }
}

/// The JSON shape of an interval: `{"from": "2020-01-01", "to": null}`.
#[derive(Serialize, Clone, Debug)]
pub struct JsonInterval {
    /// First day (included) as `YYYY-MM-DD`; `None` (JSON `null`) for an open start.
    pub from: Option<String>,
    /// First day after the interval (excluded) as `YYYY-MM-DD`; `None` (JSON `null`) for an open end.
    pub to: Option<String>,
}

impl From<&Interval> for JsonInterval {
    fn from(interval: &Interval) -> Self {
        let (from, to) = interval.json_ends();
        JsonInterval { from, to }
    }
}
