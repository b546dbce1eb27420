//! The days a partial match holds on, as a join carries them: `Always` costs nothing to copy or intersect, so a
//! join over facts that hold on every day never touches an interval set.

use super::rel::{Rel, ALWAYS};
use crate::time::{Day, Interval, IntervalSet};

/// The days a partial match holds on: every day, or a set of days.
#[derive(Clone, Debug, PartialEq)]
pub enum Days {
    /// Every day, kept without an interval set.
    Always,
    /// These days; never the set of every day when built by `from_set`.
    Some(IntervalSet),
}

impl Days {
    /// `Always` for the set of every day, else the set itself.
    pub fn from_set(set: IntervalSet) -> Days {
        if set.is_always() {
            Days::Always
        } else {
            Days::Some(set)
        }
    }

    /// The days as an interval set.
    pub fn to_set(&self) -> IntervalSet {
        match self {
            Days::Always => IntervalSet::always(),
            Days::Some(set) => set.clone(),
        }
    }

    /// The set, or `None` for `Always`.
    pub fn as_set(&self) -> Option<&IntervalSet> {
        match self {
            Days::Always => None,
            Days::Some(set) => Some(set),
        }
    }

    /// These days and a row's validity, or `None` when they share no day.
    pub fn meet_row(&self, rel: &Rel, row: u32) -> Option<Days> {
        match (self, rel.slot(row)) {
            (days, ALWAYS) => Some(days.clone()),
            (Days::Always, slot) => Some(Days::Some(rel.set(slot).clone())),
            (Days::Some(days), slot) => Some(Days::Some(days.intersect(rel.set(slot)))).filter(|d| !d.is_empty()),
        }
    }

    /// These days and `other`, or `None` when they share no day.
    pub fn meet(&self, other: &IntervalSet) -> Option<Days> {
        match self {
            Days::Always => Some(Days::from_set(other.clone())).filter(|d| !d.is_empty()),
            Days::Some(days) => Some(Days::Some(days.intersect(other))).filter(|d| !d.is_empty()),
        }
    }

    /// These days less `blocked` (a negated atom's validity), or `None` when no day is left.
    pub fn minus(&self, blocked: &IntervalSet) -> Option<Days> {
        if blocked.is_empty() {
            return Some(self.clone());
        }
        Some(Days::Some(self.to_set().subtract(blocked))).filter(|d| !d.is_empty())
    }

    /// True when no day is left.
    pub fn is_empty(&self) -> bool {
        matches!(self, Days::Some(set) if set.is_empty())
    }

    /// Only the interval around `day`, or `None` when the days miss it: a point query carries no more than that.
    pub fn around(self, day: Day) -> Option<Days> {
        match &self {
            Days::Always => Some(self),
            Days::Some(set) => set.covering(day).map(|i| Days::from_set(IntervalSet::from(i))),
        }
    }

    /// These days within `window`, or `None` when they miss it.
    pub fn restrict(self, window: &Interval) -> Option<Days> {
        self.meet(&IntervalSet::from(*window))
    }
}
