//! The persistent fact store: for each predicate, each tuple's statements and its coalesced validity, on `im`
//! maps so that a copy (a snapshot "as known on" a day, a REPL session before an edit) costs nothing.

pub mod bulk;
mod pairing;
mod timeline;

pub use bulk::Bulk;
pub use pairing::Piece;
pub use timeline::Timeline;

use crate::program::{Assertion, AssertionId};
use crate::symbol::Symbol;
use crate::time::{Day, IntervalSet};
use crate::value::Tuple;
use std::sync::{Arc, OnceLock};

/// One tuple of a predicate: the statements that make it hold and the validity they give, paired into pieces.
#[derive(Clone, Debug, Default)]
pub struct TupleFacts {
    /// Every statement of the tuple, in the order added.
    pub statements: im::Vector<AssertionId>,
    /// The validity cut into intervals, each with the statements it rests on (see `pairing`).
    pub pieces: Arc<[Piece]>,
    /// The union of the pieces: the days the tuple holds.
    pub validity: IntervalSet,
    /// Whether any statement cites a source: provenance is not searched for bulk facts that cite nothing.
    pub cited: bool,
}

/// The tuples of one predicate, with a lazily built time index.
#[derive(Clone, Debug, Default)]
pub struct Relation {
    /// Each tuple of the predicate with its statements.
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

/// All base facts: statements in one persistent vector, tuples by predicate, and the bulk facts of fact files in
/// an immutable columnar layer beside them.
#[derive(Clone, Debug, Default)]
pub struct Store {
    assertions: im::Vector<Assertion>,
    relations: im::OrdMap<Symbol, Relation>,
    bulk: im::OrdMap<Symbol, Arc<Bulk>>,
    /// The key positions of functional predicates: a later value of a key ends the earlier one.
    functional: im::OrdMap<Symbol, Arc<[usize]>>,
}

impl Store {
    /// The statement `id`; panics on an id from another store.
    pub fn assertion(&self, id: AssertionId) -> &Assertion {
        &self.assertions[id.0 as usize]
    }

    /// Every statement, in the order it was added.
    pub fn assertions(&self) -> impl Iterator<Item = (AssertionId, &Assertion)> {
        self.assertions.iter().enumerate().map(|(i, a)| (AssertionId(i as u32), a))
    }

    /// The statements of `pred`, by tuple; `None` when no statement has the predicate (bulk facts are apart).
    pub fn relation(&self, pred: Symbol) -> Option<&Relation> {
        self.relations.get(&pred)
    }

    /// The bulk facts of `pred`, if a fact file gave any.
    pub fn bulk(&self, pred: Symbol) -> Option<&Bulk> {
        self.bulk.get(&pred).map(|b| &**b)
    }

    /// The bulk facts of `pred` as the shared layer itself, for answers that outlive this store.
    pub fn bulk_shared(&self, pred: Symbol) -> Option<Arc<Bulk>> {
        self.bulk.get(&pred).cloned()
    }

    /// Adds a fact file's tuples as the bulk layer of `pred` (a second file for the same predicate is merged).
    pub fn add_bulk(&mut self, pred: Symbol, bulk: Bulk) -> Result<(), bulk::ArenaFull> {
        let merged = match self.bulk.get(&pred) {
            None => bulk,
            Some(old) => old.merge(&bulk)?,
        };
        self.bulk.insert(pred, Arc::new(merged));
        Ok(())
    }

    /// Every tuple of `pred` in both layers with its validity (a tuple in both is given twice: callers union).
    pub fn for_each_fact(&self, pred: Symbol, f: &mut dyn FnMut(&[crate::value::Value], &IntervalSet)) {
        if let Some(relation) = self.relations.get(&pred) {
            for (tuple, facts) in &relation.tuples {
                f(tuple, &facts.validity);
            }
        }
        if let Some(bulk) = self.bulk.get(&pred) {
            for row in 0..bulk.len() as u32 {
                f(&bulk.tuple(row), &bulk.validity(row));
            }
        }
    }

    /// The validity of one base tuple, from both layers.
    pub fn validity(&self, pred: Symbol, tuple: &[crate::value::Value]) -> IntervalSet {
        let stated = self.relations.get(&pred).and_then(|r| r.tuples.get(tuple)).map(|f| f.validity.clone());
        let bulk = self.bulk.get(&pred).and_then(|b| b.find(tuple).map(|row| b.validity(row)));
        match (stated, bulk) {
            (Some(a), Some(b)) => a.union(&b),
            (a, b) => a.or(b).unwrap_or_default(),
        }
    }

    /// True when `pred` has base facts in either layer.
    pub fn has_facts(&self, pred: Symbol) -> bool {
        self.relations.contains_key(&pred) || self.bulk.contains_key(&pred)
    }

    /// Every predicate with statements, in name order (bulk facts not included).
    pub fn predicates(&self) -> impl Iterator<Item = (&Symbol, &Relation)> {
        self.relations.iter()
    }

    /// The number of statements (bulk facts not counted).
    pub fn len(&self) -> usize {
        self.assertions.len()
    }

    /// True when there is no statement.
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

    /// Declares `pred` functional with the key positions `key` and pairs its tuples again: from now on a later
    /// value of a key ends the earlier one on its start day.
    pub fn set_functional(&mut self, pred: Symbol, key: &[usize]) {
        self.functional.insert(pred, key.into());
        if let Some(relation) = self.relations.get(&pred) {
            let ids: Vec<AssertionId> = relation.tuples.values().flat_map(|f| f.statements.iter().copied()).collect();
            let mut relation = relation.clone();
            let tuples: Vec<Tuple> = relation.tuples.keys().cloned().collect();
            for tuple in tuples {
                if let Some(facts) = relation.tuples.get_mut(&tuple) {
                    facts.statements = im::Vector::new();
                }
            }
            self.relations.insert(pred, relation);
            self.index(&ids);
        }
    }

    /// The key positions of `pred` when it is functional.
    pub fn functional_key(&self, pred: Symbol) -> Option<&[usize]> {
        self.functional.get(&pred).map(|k| &**k)
    }

    /// Files statements already in `assertions` under their tuples and re-pairs each touched tuple once (for a
    /// functional predicate, every tuple of each touched key).
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
            let functional = self.functional.get(&pred).cloned();
            for (tuple, ids) in &tuples {
                let mut entry = relation.tuples.get(tuple).cloned().unwrap_or_default();
                entry.statements.extend(ids.iter().copied());
                // A tuple of a predicate that is not functional is paired on its own, as it is filed.
                if functional.is_none() {
                    self.pair_entry(&mut entry, &[]);
                }
                relation.tuples.insert(tuple.clone(), entry);
            }
            // A functional predicate's tuples are paired by key, with the others of their key.
            if let Some(key) = functional {
                self.pair_keys(&mut relation, &key, tuples.keys());
            }
            self.relations.insert(pred, relation);
        }
    }

    /// Pairs one tuple's statements into pieces, cut on the days in `cuts`; returns where its runs start.
    fn pair_tuple(
        &self,
        relation: &mut Relation,
        tuple: &Tuple,
        cuts: &[(Day, AssertionId)],
    ) -> Vec<(Day, AssertionId)> {
        let Some(mut entry) = relation.tuples.get(tuple).cloned() else { return Vec::new() };
        let starts = self.pair_entry(&mut entry, cuts);
        relation.tuples.insert(tuple.clone(), entry);
        starts
    }

    /// Pairs a tuple's statements into its pieces, validity and citation flag; returns where its runs start.
    fn pair_entry(&self, entry: &mut TupleFacts, cuts: &[(Day, AssertionId)]) -> Vec<(Day, AssertionId)> {
        let all: Vec<AssertionId> = entry.statements.iter().copied().collect();
        let statements: Vec<&Assertion> = all.iter().map(|s| &self.assertions[s.0 as usize]).collect();
        let paired = pairing::pair_cut(&all, &statements, cuts);
        entry.pieces = paired.pieces.into();
        entry.validity = IntervalSet::from_intervals(entry.pieces.iter().map(|p| p.interval));
        entry.cited = statements.iter().any(|s| !s.cites.is_empty());
        paired.starts
    }

    /// Pairs every tuple sharing a key with a touched tuple: each value's runs are cut where another value's start,
    /// again until no cut changes (a cut can turn a later restatement into a start, which cuts the others).
    fn pair_keys<'t>(&self, relation: &mut Relation, key: &[usize], touched: impl Iterator<Item = &'t Tuple>) {
        let project =
            |t: &Tuple| -> Vec<crate::value::Value> { key.iter().filter_map(|k| t.get(*k).copied()).collect() };
        let keys: std::collections::BTreeSet<Vec<crate::value::Value>> = touched.map(project).collect();
        let mut groups: std::collections::BTreeMap<Vec<crate::value::Value>, Vec<Tuple>> = Default::default();
        for tuple in relation.tuples.keys() {
            let k = project(tuple);
            if keys.contains(&k) {
                groups.entry(k).or_default().push(tuple.clone());
            }
        }
        for members in groups.values() {
            let mut cuts: Vec<Vec<(Day, AssertionId)>> = vec![Vec::new(); members.len()];
            let rounds =
                members.iter().map(|t| relation.tuples.get(t).map_or(0, |f| f.statements.len())).sum::<usize>();
            for _ in 0..=rounds + 1 {
                let starts: Vec<Vec<(Day, AssertionId)>> =
                    members.iter().zip(&cuts).map(|(t, c)| self.pair_tuple(relation, t, c)).collect();
                let next: Vec<Vec<(Day, AssertionId)>> = (0..members.len())
                    .map(|i| {
                        let mut c: Vec<(Day, AssertionId)> = starts
                            .iter()
                            .enumerate()
                            .filter(|(j, _)| *j != i)
                            .flat_map(|(_, s)| s.iter().copied())
                            .collect();
                        c.sort();
                        c.dedup();
                        c
                    })
                    .collect();
                if next == cuts {
                    break;
                }
                cuts = next;
            }
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
        let mut current = Store {
            assertions: self.assertions.clone(),
            relations: im::OrdMap::new(),
            bulk: self.bulk.clone(),
            functional: self.functional.clone(),
        };
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
