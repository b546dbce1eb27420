//! The time index of a relation: for every day on which some tuple starts or stops holding, the persistent set
//! of tuples holding from that day on. Consecutive sets share structure, so the index costs about one set plus
//! the changes; "what holds on day D" is one logarithmic lookup.

use super::TupleFacts;
use crate::time::Day;
use crate::value::Tuple;
use std::collections::BTreeMap;

/// For each day on which the relation changes, the tuples holding from that day until the next change.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    steps: im::OrdMap<Day, im::OrdSet<Tuple>>,
}

impl Timeline {
    /// Indexes the validity of every tuple.
    pub fn build(tuples: &im::OrdMap<Tuple, TupleFacts>) -> Timeline {
        let mut changes: BTreeMap<Day, (Vec<&Tuple>, Vec<&Tuple>)> = BTreeMap::new();
        for (tuple, facts) in tuples {
            for interval in facts.validity.intervals() {
                changes.entry(interval.from).or_default().0.push(tuple);
                if interval.to != Day::MAX {
                    changes.entry(interval.to).or_default().1.push(tuple);
                }
            }
        }
        let mut current = im::OrdSet::new();
        let mut steps = im::OrdMap::new();
        for (day, (starts, ends)) in changes {
            for tuple in ends {
                current.remove(tuple);
            }
            for tuple in starts {
                current.insert(tuple.clone());
            }
            steps.insert(day, current.clone());
        }
        Timeline { steps }
    }

    /// The tuples holding on `day` (empty before the first change).
    pub fn at(&self, day: Day) -> impl Iterator<Item = &Tuple> {
        self.steps.get_prev(&day).into_iter().flat_map(|(_, set)| set.iter())
    }
}
