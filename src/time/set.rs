//! Coalesced sets of intervals: the validity of a fact. Joins intersect them, negation subtracts them.

use super::{Day, Interval};
use smallvec::SmallVec;
use std::fmt;

/// A set of days kept as sorted, disjoint, non-adjacent intervals (coalesced: `[a,b)` and `[b,c)` are one
/// interval `[a,c)`). Every constructor and operation keeps that form, so two equal sets compare equal.
#[derive(Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct IntervalSet {
    parts: SmallVec<[Interval; 2]>,
}

impl IntervalSet {
    /// The set of no day: the validity of a fact that never holds.
    pub fn empty() -> IntervalSet {
        IntervalSet::default()
    }

    /// The set of every day: the validity of a timeless fact.
    pub fn always() -> IntervalSet {
        IntervalSet::from(Interval::ALWAYS)
    }

    /// Coalesces any intervals, in any order, overlapping or not.
    pub fn from_intervals(intervals: impl IntoIterator<Item = Interval>) -> IntervalSet {
        let mut all: SmallVec<[Interval; 2]> = intervals.into_iter().collect();
        all.sort_unstable();
        let mut parts: SmallVec<[Interval; 2]> = SmallVec::new();
        for next in all {
            match parts.last_mut() {
                Some(last) if next.from <= last.to => last.to = last.to.max(next.to),
                _ => parts.push(next),
            }
        }
        IntervalSet { parts }
    }

    /// True when the set holds no day.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// True for the set of every day.
    pub fn is_always(&self) -> bool {
        self.parts.len() == 1 && self.parts[0] == Interval::ALWAYS
    }

    /// The coalesced intervals, sorted by start.
    pub fn intervals(&self) -> &[Interval] {
        &self.parts
    }

    /// True when `day` is in the set.
    pub fn contains(&self, day: Day) -> bool {
        self.covering(day).is_some()
    }

    /// The maximal interval of the set that contains `day`.
    pub fn covering(&self, day: Day) -> Option<Interval> {
        let at = self.parts.partition_point(|i| i.to <= day);
        self.parts.get(at).filter(|i| i.contains(day)).copied()
    }

    /// The days in either set.
    pub fn union(&self, other: &IntervalSet) -> IntervalSet {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        IntervalSet::from_intervals(self.parts.iter().chain(other.parts.iter()).copied())
    }

    /// Adds `other` in place; returns the part of `other` that was not already in the set (the new days), which
    /// semi-naive evaluation propagates as the delta.
    pub fn absorb(&mut self, other: &IntervalSet) -> IntervalSet {
        let fresh = other.subtract(self);
        if !fresh.is_empty() {
            *self = self.union(&fresh);
        }
        fresh
    }

    /// The days in both sets (a join of two facts holds on the intersection of their validities).
    pub fn intersect(&self, other: &IntervalSet) -> IntervalSet {
        // Both lists are sorted: a merge walk visits each interval once.
        let (mut i, mut j) = (0, 0);
        let mut parts = SmallVec::new();
        while i < self.parts.len() && j < other.parts.len() {
            let (a, b) = (self.parts[i], other.parts[j]);
            if let Some(both) = a.intersect(&b) {
                parts.push(both);
            }
            if a.to < b.to {
                i += 1;
            } else {
                j += 1;
            }
        }
        IntervalSet { parts }
    }

    /// The days of the set that fall within `window`.
    pub fn restrict(&self, window: &Interval) -> IntervalSet {
        self.intersect(&IntervalSet::from(*window))
    }

    /// True when some day of the set falls within `window`.
    pub fn overlaps(&self, window: &Interval) -> bool {
        self.parts.iter().any(|i| i.intersect(window).is_some())
    }

    /// The days of `self` not in `other` (negation subtracts the validity of the negated fact).
    pub fn subtract(&self, other: &IntervalSet) -> IntervalSet {
        if other.is_empty() || self.is_empty() {
            return self.clone();
        }
        self.intersect(&other.complement())
    }

    /// Every day not in the set, up to the open ends.
    pub fn complement(&self) -> IntervalSet {
        let mut parts = SmallVec::new();
        let mut from = Day::MIN;
        for part in &self.parts {
            if let Some(gap) = Interval::new(from, part.from) {
                parts.push(gap);
            }
            from = part.to;
        }
        if let Some(tail) = Interval::new(from, Day::MAX) {
            parts.push(tail);
        }
        IntervalSet { parts }
    }

    /// Every day `d` such that some day of the set lies in `[d - hi, d - lo]`: "held at some time in the last
    /// `lo..=hi` days". Used by the past diamond operator; the future one passes negated offsets.
    pub fn diamond(&self, lo: i32, hi: i32) -> IntervalSet {
        IntervalSet::from_intervals(self.parts.iter().filter_map(|i| Interval::new(i.from.offset(lo), i.to.offset(hi))))
    }

    /// Every day `d` such that every day of `[d - hi, d - lo]` is in the set: "held throughout". The dual of
    /// `diamond`: not (somewhere in the window, not held).
    pub fn boxed(&self, lo: i32, hi: i32) -> IntervalSet {
        self.complement().diamond(lo, hi).complement()
    }
}

impl From<Interval> for IntervalSet {
    fn from(interval: Interval) -> Self {
        let mut parts = SmallVec::new();
        parts.push(interval);
        IntervalSet { parts }
    }
}

impl fmt::Debug for IntervalSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for IntervalSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.parts.iter().map(|i| i.to_string()).collect();
        write!(f, "{{{}}}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(a: i32, b: i32) -> Interval {
        Interval::new(Day(a), Day(b)).unwrap()
    }

    #[test]
    fn coalesces_adjacent_and_overlapping() {
        let s = IntervalSet::from_intervals([iv(5, 7), iv(1, 3), iv(3, 4), iv(6, 9)]);
        assert_eq!(s.intervals(), &[iv(1, 4), iv(5, 9)]);
    }

    #[test]
    fn subtract_and_complement() {
        let s = IntervalSet::from(iv(1, 10));
        let hole = IntervalSet::from(iv(3, 5));
        assert_eq!(s.subtract(&hole).intervals(), &[iv(1, 3), iv(5, 10)]);
        assert_eq!(IntervalSet::empty().complement(), IntervalSet::always());
    }

    #[test]
    fn diamond_and_box_windows() {
        // held on days 10..12: some time in the last 0..2 days covers days 10..14.
        let s = IntervalSet::from(iv(10, 12));
        assert_eq!(s.diamond(0, 2).intervals(), &[iv(10, 14)]);
        // held throughout the last 0..1 days: days 11 only (10 and 11 both held).
        assert_eq!(s.boxed(0, 1).intervals(), &[iv(11, 12)]);
    }
}
