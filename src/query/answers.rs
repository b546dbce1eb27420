//! The answers of a query, kept packed: rows of value ids in answer order, a validity column, and the dictionary
//! that names the ids. An `Answer` is built only when it is read, so two million answers cost a few bytes each
//! until they are written out, one at a time.

use crate::eval::dict::{Dict, Id};
use crate::eval::rel::{Rel, ALWAYS};
use crate::provenance::{Confirmation, SourceRef};
use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use std::sync::Arc;

/// One answer as callers read it: the values of the named variables, the days shown, and its sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The values of the query's named variables, in the order of `QueryResult::vars`.
    pub values: Tuple,
    /// The days shown: the interval around the asked day, the part of the asked period, or every interval.
    pub valid: IntervalSet,
    /// The sources of the statements the answer rests on, on the days shown; empty for uncited facts.
    pub provenance: Vec<SourceRef>,
    /// How far its sources confirm it, when it rests on cited statements.
    pub confirmation: Option<Confirmation>,
}

/// The answers of one query, packed: rows of value ids with their days, and per-answer sources when any.
#[derive(Clone, Debug, Default)]
pub struct Answers {
    arity: usize,
    len: usize,
    rows: Vec<Id>,
    /// Per answer: `ALWAYS`, or an index into `sets`; empty while every answer holds always (closures, plain
    /// Datalog), so those cost only their ids.
    valid: Vec<u32>,
    sets: Vec<IntervalSet>,
    dict: Arc<Dict>,
    /// Values first met by the query itself (interval bounds), with ids after the dictionary's.
    extra: Vec<Value>,
    /// Per answer, when any answer has sources (empty otherwise).
    provenance: Vec<Vec<SourceRef>>,
    /// Per answer, when any answer rests on cited statements (empty otherwise).
    confirmation: Vec<Option<Confirmation>>,
}

impl Answers {
    /// No answer yet, for rows of `arity` ids from `dict`, or from `extra` for ids past the dictionary's.
    pub fn new(arity: usize, dict: Arc<Dict>, extra: Vec<Value>) -> Answers {
        Answers { arity, dict, extra, ..Answers::default() }
    }

    /// Appends an answer (ids of its values, the days shown).
    pub fn push(&mut self, ids: &[Id], shown: IntervalSet) {
        self.rows.extend_from_slice(ids);
        if shown.is_always() {
            self.push_slot(ALWAYS);
        } else {
            self.push_slot(self.sets.len() as u32);
            self.sets.push(shown);
        }
    }

    fn push_slot(&mut self, slot: u32) {
        if slot != ALWAYS && self.valid.is_empty() {
            self.valid = vec![ALWAYS; self.len];
        }
        if !self.valid.is_empty() || slot != ALWAYS {
            self.valid.push(slot);
        }
        self.len += 1;
    }

    fn slot(&self, k: usize) -> u32 {
        self.valid.get(k).copied().unwrap_or(ALWAYS)
    }

    /// The rows of `rel` in value order, each with its whole validity: the answers of a query that is one atom.
    pub fn from_rel(rel: &Rel, dict: Arc<Dict>) -> Answers {
        let mut answers = Answers::new(rel.arity(), dict, Vec::new());
        if !rel.is_timed() && (1..=2).contains(&rel.arity()) {
            // Every row holds always: sorting the rank keys alone gives the rows, with no row numbers carried.
            answers.rows = answers.sorted_ids((0..rel.len() as u32).map(|r| rel.row(r)));
            answers.len = rel.len();
            return answers;
        }
        let order = answers.order((0..rel.len() as u32).map(|r| rel.row(r)), rel.len());
        answers.rows.reserve(rel.len() * rel.arity());
        for r in order {
            answers.rows.extend_from_slice(rel.row(r));
            match rel.slot(r) {
                ALWAYS => answers.push_slot(ALWAYS),
                slot => {
                    answers.push_slot(answers.sets.len() as u32);
                    answers.sets.push(rel.set(slot).clone());
                }
            }
        }
        answers
    }

    /// Sets the sources of every answer, one list per answer in answer order.
    pub fn set_provenance(&mut self, provenance: Vec<Vec<SourceRef>>) {
        self.provenance = provenance;
    }

    /// Sets the confirmation of every answer, one per answer in answer order.
    pub fn set_confirmation(&mut self, confirmation: Vec<Option<Confirmation>>) {
        self.confirmation = confirmation;
    }

    /// How far the sources confirm answer `k`; `None` when it rests on no cited statement.
    pub fn confirmation(&self, k: usize) -> Option<&Confirmation> {
        self.confirmation.get(k).and_then(Option::as_ref)
    }

    /// The number of answers.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there is no answer.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn value(&self, id: Id) -> Value {
        match (id as usize).checked_sub(self.dict.len()) {
            None => self.dict.value(id),
            Some(k) => self.extra[k],
        }
    }

    /// The number of values in each answer (the query's named variables).
    pub fn arity(&self) -> usize {
        self.arity
    }

    /// The value in column `col` of answer `k`.
    pub fn value_at(&self, k: usize, col: usize) -> Value {
        self.value(self.rows[k * self.arity + col])
    }

    /// The values of answer `k`.
    pub fn values(&self, k: usize) -> Tuple {
        self.rows[k * self.arity..(k + 1) * self.arity].iter().map(|id| self.value(*id)).collect()
    }

    /// The days shown for answer `k`.
    pub fn valid(&self, k: usize) -> IntervalSet {
        match self.slot(k) {
            ALWAYS => IntervalSet::always(),
            slot => self.sets[slot as usize].clone(),
        }
    }

    /// The sources of answer `k`; empty when it has none.
    pub fn sources(&self, k: usize) -> &[SourceRef] {
        self.provenance.get(k).map(|p| p.as_slice()).unwrap_or(&[])
    }

    /// Answer `k` unpacked, or `None` past the last.
    pub fn get(&self, k: usize) -> Option<Answer> {
        (k < self.len).then(|| Answer {
            values: self.values(k),
            valid: self.valid(k),
            provenance: self.sources(k).to_vec(),
            confirmation: self.confirmation(k).cloned(),
        })
    }

    /// The first answer, if any (the one answer of a yes/no query).
    pub fn first(&self) -> Option<Answer> {
        self.get(0)
    }

    /// The answers in value order (numbers by value, symbols by text).
    pub fn sorted_by_value(self) -> Answers {
        if self.len < 2 || self.arity == 0 {
            return self;
        }
        let row = |k: usize| &self.rows[k * self.arity..(k + 1) * self.arity];
        let order = self.order((0..self.len).map(row), self.len);
        let mut out = Answers::new(self.arity, self.dict.clone(), self.extra.clone());
        out.rows.reserve(self.rows.len());
        for k in order {
            let k = k as usize;
            out.rows.extend_from_slice(row(k));
            match self.slot(k) {
                ALWAYS => out.push_slot(ALWAYS),
                slot => {
                    out.push_slot(out.sets.len() as u32);
                    out.sets.push(self.sets[slot as usize].clone());
                }
            }
            if let Some(p) = self.provenance.get(k) {
                out.provenance.push(p.clone());
            }
        }
        out
    }

    /// The ids of `rows` (one or two columns, distinct) in value order, packed.
    fn sorted_ids<'r>(&self, rows: impl Iterator<Item = &'r [Id]> + Clone) -> Vec<Id> {
        let (rank, by_value) = self.ranks(rows.clone());
        let arity = self.arity;
        // Up to 65,536 distinct values, a pair of ranks fits in 32 bits: half the memory and half the passes.
        let bits = if by_value.len() <= 1 << 16 { 16 } else { 32 };
        let mut keys: Vec<u64> =
            rows.map(|row| row.iter().fold(0u64, |acc, id| (acc << bits) | u64::from(rank[*id as usize]))).collect();
        drop(rank);
        let mask = (1u64 << bits) - 1;
        let mut ids = Vec::with_capacity(keys.len() * arity);
        let mut unpack = |key: u64| {
            if arity == 2 {
                ids.push(by_value[(key >> bits) as usize]);
            }
            ids.push(by_value[(key & mask) as usize]);
        };
        if bits == 16 {
            let mut short: Vec<u32> = keys.iter().map(|k| *k as u32).collect();
            drop(keys);
            radsort::sort(&mut short);
            short.into_iter().for_each(|k| unpack(u64::from(k)));
        } else {
            radsort::sort(&mut keys);
            keys.into_iter().for_each(unpack);
        }
        ids
    }

    /// For each id the rows use, its rank in value order; and the ids by rank.
    fn ranks<'r>(&self, rows: impl Iterator<Item = &'r [Id]>) -> (Vec<u32>, Vec<Id>) {
        let mut used = vec![false; self.dict.len() + self.extra.len()];
        for row in rows {
            for id in row {
                used[*id as usize] = true;
            }
        }
        let mut by_value: Vec<Id> = (0..used.len() as Id).filter(|id| used[*id as usize]).collect();
        drop(used);
        by_value.sort_unstable_by_key(|id| self.value(*id));
        let mut rank = vec![0u32; self.dict.len() + self.extra.len()];
        for (r, id) in by_value.iter().enumerate() {
            rank[*id as usize] = r as u32;
        }
        (rank, by_value)
    }

    /// The positions of `rows` in value order: each id's rank among the values the rows use, then the rows
    /// sorted by their ranks (a stable radix sort on one integer key for up to two columns).
    fn order<'r>(&self, rows: impl Iterator<Item = &'r [Id]> + Clone, n: usize) -> Vec<u32> {
        let (rank, _) = self.ranks(rows.clone());
        if self.arity <= 2 {
            let key = |row: &[Id]| row.iter().fold(0u64, |acc, id| (acc << 32) | u64::from(rank[*id as usize]));
            let mut keyed: Vec<(u64, u32)> = rows.enumerate().map(|(k, row)| (key(row), k as u32)).collect();
            radsort::sort_by_key(&mut keyed, |p| p.0);
            return keyed.into_iter().map(|(_, k)| k).collect();
        }
        let ranks: Vec<Vec<u32>> = rows.map(|row| row.iter().map(|id| rank[*id as usize]).collect()).collect();
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|a, b| ranks[*a as usize].cmp(&ranks[*b as usize]));
        order
    }

    /// Every answer, unpacked, in order.
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
