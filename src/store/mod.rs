//! The persistent fact store: for each predicate, each tuple's statements and its coalesced validity, on `im`
//! maps so that a copy (a snapshot "as known on" a day, a REPL session before an edit) costs nothing.

mod assertion;
mod pairing;
mod timeline;

pub use assertion::{Assertion, AssertionId, Citation, Origin};
pub use pairing::Piece;
pub use timeline::Timeline;

use crate::time::{Day, IntervalSet};
use crate::value::Tuple;
use std::sync::{Arc, OnceLock};
use ustr::Ustr;

/// One tuple of a predicate: the statements that make it hold and the validity they give, paired into pieces.
#[derive(Clone, Debug, Default)]
pub struct TupleFacts {
    pub statements: im::Vector<AssertionId>,
    pub pieces: Arc<[Piece]>,
    pub validity: IntervalSet,
}

/// The tuples of one predicate, with a lazily built time index.
#[derive(Clone, Debug, Default)]
pub struct Relation {
    pub tuples: im::OrdMap<Tuple, TupleFacts>,
    timeline: Arc<OnceLock<Timeline>>,
}

impl Relation {
    /// The tuples that hold on `day`, found through the time index: a logarithmic lookup plus the answers.
    pub fn holding_on(&self, day: Day) -> impl Iterator<Item = (&Tuple, &TupleFacts)> + '_ {
        let timeline = self.timeline.get_or_init(|| Timeline::build(&self.tuples));
        timeline.at(day).filter_map(move |t| self.tuples.get_key_value(t))
    }
}

/// All base facts: statements in one persistent vector, tuples by predicate.
#[derive(Clone, Debug, Default)]
pub struct Store {
    assertions: im::Vector<Assertion>,
    relations: im::OrdMap<Ustr, Relation>,
}

impl Store {
    pub fn assertion(&self, id: AssertionId) -> &Assertion {
        &self.assertions[id.0 as usize]
    }

    /// Every statement, in the order it was added.
    pub fn assertions(&self) -> impl Iterator<Item = (AssertionId, &Assertion)> {
        self.assertions.iter().enumerate().map(|(i, a)| (AssertionId(i as u32), a))
    }

    pub fn relation(&self, pred: Ustr) -> Option<&Relation> {
        self.relations.get(&pred)
    }

    pub fn predicates(&self) -> impl Iterator<Item = (&Ustr, &Relation)> {
        self.relations.iter()
    }

    pub fn len(&self) -> usize {
        self.assertions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.assertions.is_empty()
    }

    /// Adds one statement and re-pairs the events of its tuple.
    pub fn insert(&mut self, assertion: Assertion) -> AssertionId {
        let id = AssertionId(self.assertions.len() as u32);
        let (pred, tuple) = (assertion.pred, assertion.tuple.clone());
        self.assertions.push_back(assertion);
        let relation = self.relations.entry(pred).or_default();
        relation.timeline = Arc::default();
        let mut entry = relation.tuples.get(&tuple).cloned().unwrap_or_default();
        entry.statements.push_back(id);
        let statements: Vec<&Assertion> = entry.statements.iter().map(|s| &self.assertions[s.0 as usize]).collect();
        let ids: Vec<AssertionId> = entry.statements.iter().copied().collect();
        entry.pieces = pairing::pair(&ids, &statements).into();
        entry.validity = IntervalSet::from_intervals(entry.pieces.iter().map(|p| p.interval));
        relation.tuples.insert(tuple, entry);
        id
    }

    /// Adds many statements at once, pairing each tuple once: the bulk path for large fact files.
    pub fn extend(&mut self, batch: Vec<Assertion>) {
        let mut touched: std::collections::BTreeMap<(Ustr, Tuple), Vec<AssertionId>> = Default::default();
        for assertion in batch {
            let id = AssertionId(self.assertions.len() as u32);
            touched.entry((assertion.pred, assertion.tuple.clone())).or_default().push(id);
            self.assertions.push_back(assertion);
        }
        let mut by_pred: std::collections::BTreeMap<Ustr, Vec<(Tuple, Vec<AssertionId>)>> = Default::default();
        for ((pred, tuple), ids) in touched {
            by_pred.entry(pred).or_default().push((tuple, ids));
        }
        for (pred, tuples) in by_pred {
            let mut relation = self.relations.get(&pred).cloned().unwrap_or_default();
            relation.timeline = Arc::default();
            for (tuple, ids) in tuples {
                let mut entry = relation.tuples.get(&tuple).cloned().unwrap_or_default();
                entry.statements.extend(ids);
                let all: Vec<AssertionId> = entry.statements.iter().copied().collect();
                let statements: Vec<&Assertion> = all.iter().map(|s| &self.assertions[s.0 as usize]).collect();
                entry.pieces = pairing::pair(&all, &statements).into();
                entry.validity = IntervalSet::from_intervals(entry.pieces.iter().map(|p| p.interval));
                relation.tuples.insert(tuple, entry);
            }
            self.relations.insert(pred, relation);
        }
    }

    /// The store as known on `day`: only statements reported on or before it (and those with no reported date).
    pub fn as_known_on(&self, day: Day) -> Store {
        let mut known = Store::default();
        known.extend(self.assertions.iter().filter(|a| a.reported.is_none_or(|r| r <= day)).cloned().collect());
        known
    }
}
