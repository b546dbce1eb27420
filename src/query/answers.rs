//! The answers of a query, kept packed: rows of value ids in answer order, a validity column, and the dictionary
//! that names the ids. An `Answer` is built only when it is read, so two million answers cost a few bytes each
//! until they are written out, one at a time.

use crate::eval::dict::{Dict, Id};
use crate::eval::rel::{Rel, ALWAYS};
use crate::provenance::SourceRef;
use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use std::sync::Arc;

/// One answer as callers read it: the values of the named variables, the days shown, and its sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub values: Tuple,
    /// The days shown: the interval around the asked day, the part of the asked period, or every interval.
    pub valid: IntervalSet,
    pub provenance: Vec<SourceRef>,
}

#[derive(Clone, Debug, Default)]
pub struct Answers {
    arity: usize,
    rows: Vec<Id>,
    /// Per answer: `ALWAYS`, or an index into `sets`.
    valid: Vec<u32>,
    sets: Vec<IntervalSet>,
    dict: Arc<Dict>,
    /// Values first met by the query itself (interval bounds), with ids after the dictionary's.
    extra: Vec<Value>,
    /// Per answer, when any answer has sources (empty otherwise).
    provenance: Vec<Vec<SourceRef>>,
}

impl Answers {
    pub fn new(arity: usize, dict: Arc<Dict>, extra: Vec<Value>) -> Answers {
        Answers { arity, dict, extra, ..Answers::default() }
    }

    /// Appends an answer (ids of its values, the days shown).
    pub fn push(&mut self, ids: &[Id], shown: IntervalSet) {
        self.rows.extend_from_slice(ids);
        if shown.is_always() {
            self.valid.push(ALWAYS);
        } else {
            self.valid.push(self.sets.len() as u32);
            self.sets.push(shown);
        }
    }

    /// Appends row `r` of `rel` with its whole validity.
    pub fn push_row(&mut self, rel: &Rel, r: u32) {
        self.rows.extend_from_slice(rel.row(r));
        match rel.slot(r) {
            ALWAYS => self.valid.push(ALWAYS),
            slot => {
                self.valid.push(self.sets.len() as u32);
                self.sets.push(rel.set(slot).clone());
            }
        }
    }

    pub fn set_provenance(&mut self, provenance: Vec<Vec<SourceRef>>) {
        self.provenance = provenance;
    }

    pub fn len(&self) -> usize {
        self.valid.len()
    }

    pub fn is_empty(&self) -> bool {
        self.valid.is_empty()
    }

    fn value(&self, id: Id) -> Value {
        match (id as usize).checked_sub(self.dict.len()) {
            None => self.dict.value(id),
            Some(k) => self.extra[k],
        }
    }

    /// The values of answer `k`.
    pub fn values(&self, k: usize) -> Tuple {
        self.rows[k * self.arity..(k + 1) * self.arity].iter().map(|id| self.value(*id)).collect()
    }

    /// The days shown for answer `k`.
    pub fn valid(&self, k: usize) -> IntervalSet {
        match self.valid[k] {
            ALWAYS => IntervalSet::always(),
            slot => self.sets[slot as usize].clone(),
        }
    }

    pub fn sources(&self, k: usize) -> &[SourceRef] {
        self.provenance.get(k).map(|p| p.as_slice()).unwrap_or(&[])
    }

    pub fn get(&self, k: usize) -> Option<Answer> {
        (k < self.len()).then(|| Answer { values: self.values(k), valid: self.valid(k), provenance: self.sources(k).to_vec() })
    }

    pub fn first(&self) -> Option<Answer> {
        self.get(0)
    }

    /// The answers in value order: each id's rank among the values the answers use, then rows sorted by ranks.
    pub fn sorted_by_value(self) -> Answers {
        let n = self.len();
        if n < 2 || self.arity == 0 {
            return self;
        }
        let mut used = vec![false; self.dict.len() + self.extra.len()];
        for id in &self.rows {
            used[*id as usize] = true;
        }
        let mut by_value: Vec<Id> = (0..used.len() as Id).filter(|id| used[*id as usize]).collect();
        drop(used);
        by_value.sort_unstable_by(|a, b| self.value(*a).cmp(&self.value(*b)));
        let mut rank = vec![0u32; self.dict.len() + self.extra.len()];
        for (r, id) in by_value.iter().enumerate() {
            rank[*id as usize] = r as u32;
        }
        let row = |k: usize| &self.rows[k * self.arity..(k + 1) * self.arity];
        let mut order: Vec<u32> = (0..n as u32).collect();
        if self.arity <= 2 {
            let key = |k: u32| row(k as usize).iter().fold(0u64, |acc, id| (acc << 32) | u64::from(rank[*id as usize]));
            let mut keyed: Vec<(u64, u32)> = order.iter().map(|k| (key(*k), *k)).collect();
            keyed.sort_unstable();
            order = keyed.into_iter().map(|(_, k)| k).collect();
        } else {
            order.sort_unstable_by(|a, b| {
                let (ra, rb) = (row(*a as usize), row(*b as usize));
                ra.iter().map(|id| rank[*id as usize]).cmp(rb.iter().map(|id| rank[*id as usize]))
            });
        }
        let mut out = Answers::new(self.arity, self.dict.clone(), self.extra.clone());
        out.rows.reserve(self.rows.len());
        for k in order {
            out.rows.extend_from_slice(row(k as usize));
            match self.valid[k as usize] {
                ALWAYS => out.valid.push(ALWAYS),
                slot => {
                    out.valid.push(out.sets.len() as u32);
                    out.sets.push(self.sets[slot as usize].clone());
                }
            }
            if let Some(p) = self.provenance.get(k as usize) {
                out.provenance.push(p.clone());
            }
        }
        out
    }

    pub fn iter(&self) -> impl Iterator<Item = Answer> + '_ {
        (0..self.len()).filter_map(|k| self.get(k))
    }
}

impl<'a> IntoIterator for &'a Answers {
    type Item = Answer;
    type IntoIter = Box<dyn Iterator<Item = Answer> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}
