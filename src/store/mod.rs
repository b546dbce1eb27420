//! The persistent fact store: for each predicate, each tuple's statements and its coalesced validity, on `im`
//! maps so that a copy (a snapshot "as known on" a day, a REPL session before an edit) costs nothing.

mod assertion;
mod pairing;
mod timeline;

pub use assertion::{Assertion, AssertionId, Citation, Origin};
pub use pairing::Piece;
pub use timeline::Timeline;

use crate::symbol::Symbol;
use crate::time::{Day, IntervalSet};
use crate::value::Tuple;
use std::sync::{Arc, OnceLock};

/// One tuple of a predicate: the statements that make it hold and the validity they give, paired into pieces.
#[derive(Clone, Debug, Default)]
pub struct TupleFacts {
    pub statements: im::Vector<AssertionId>,
    pub pieces: Arc<[Piece]>,
    pub validity: IntervalSet,
    /// Whether any statement cites a source: provenance is not searched for bulk facts that cite nothing.
    pub cited: bool,
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
    relations: im::OrdMap<Symbol, Relation>,
}

impl Store {
    pub fn assertion(&self, id: AssertionId) -> &Assertion {
        &self.assertions[id.0 as usize]
    }

    /// Every statement, in the order it was added.
    pub fn assertions(&self) -> impl Iterator<Item = (AssertionId, &Assertion)> {
        self.assertions.iter().enumerate().map(|(i, a)| (AssertionId(i as u32), a))
    }

    pub fn relation(&self, pred: Symbol) -> Option<&Relation> {
        self.relations.get(&pred)
    }

    pub fn predicates(&self) -> impl Iterator<Item = (&Symbol, &Relation)> {
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
        self.assertions.push_back(assertion);
        self.index(&[id]);
        id
    }

    /// Adds many statements at once, pairing each tuple once: the bulk path for large fact files.
    pub fn extend(&mut self, batch: Vec<Assertion>) {
        let first = self.assertions.len() as u32;
        let ids: Vec<AssertionId> = (first..first + batch.len() as u32).map(AssertionId).collect();
        self.assertions.extend(batch);
        self.index(&ids);
    }

    /// Files statements already in `assertions` under their tuples and re-pairs each touched tuple once.
    fn index(&mut self, ids: &[AssertionId]) {
        let mut by_pred: std::collections::BTreeMap<Symbol, std::collections::BTreeMap<Tuple, Vec<AssertionId>>> =
            Default::default();
        for &id in ids {
            let a = &self.assertions[id.0 as usize];
            by_pred.entry(a.pred).or_default().entry(a.tuple.clone()).or_default().push(id);
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
                entry.cited = statements.iter().any(|s| !s.cites.is_empty());
                relation.tuples.insert(tuple, entry);
            }
            self.relations.insert(pred, relation);
        }
    }

    /// The store as known on each publication day: every snapshot shares structure with the one before it and
    /// keeps the full statement vector, so statement ids (and the citations they lead to) are the same in all.
    /// Statements with no reported date (reference tables, fact files) are known from the start.
    pub fn known_snapshots(&self) -> im::OrdMap<Day, Store> {
        let mut by_day: std::collections::BTreeMap<Option<Day>, Vec<AssertionId>> = Default::default();
        for (id, a) in self.assertions() {
            by_day.entry(a.reported).or_default().push(id);
        }
        let mut current = Store { assertions: self.assertions.clone(), relations: im::OrdMap::new() };
        let mut snapshots = im::OrdMap::new();
        for (day, ids) in by_day {
            current.index(&ids);
            snapshots.insert(day.unwrap_or(Day::MIN), current.clone());
        }
        snapshots
    }

    /// The store as known on `day`, from snapshots built with `known_snapshots`.
    pub fn known_on(snapshots: &im::OrdMap<Day, Store>, day: Day) -> Store {
        snapshots.get_prev(&day).map(|(_, store)| store.clone()).unwrap_or_default()
    }
}
