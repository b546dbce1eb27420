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
        if self.arity == 2 {
            return sorted_pairs(rows, &rank, &by_value);
        }
        let mut keys: Vec<u32> = rows.map(|row| rank[row[0] as usize]).collect();
        drop(rank);
        radsort::sort(&mut keys);
        keys.into_iter().map(|key| by_value[key as usize]).collect()
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

/// Distinct pairs of ids in the order of their values' ranks, packed: counted into one bucket per first value
/// (its rank), each bucket's second values sorted on their own (on every core), so the sort needs one pair per
/// row and a counter per value; a radix sort of 64-bit keys needed the keys twice beside the result (200 MB more
/// for a closure of 12.6 million pairs).
fn sorted_pairs<'r>(rows: impl Iterator<Item = &'r [Id]> + Clone, rank: &[u32], by_value: &[Id]) -> Vec<Id> {
    use rayon::prelude::*;
    let mut start = vec![0u32; by_value.len() + 1];
    for row in rows.clone() {
        start[rank[row[0] as usize] as usize + 1] += 1;
    }
    for k in 1..start.len() {
        start[k] += start[k - 1];
    }
    let mut pairs = vec![[0u32; 2]; start[by_value.len()] as usize];
    let mut fill = start.clone();
    for row in rows {
        let bucket = rank[row[0] as usize] as usize;
        pairs[fill[bucket] as usize] = [row[0], rank[row[1] as usize]];
        fill[bucket] += 1;
    }
    drop(fill);
    let mut buckets: Vec<&mut [[u32; 2]]> = Vec::with_capacity(by_value.len());
    let mut rest = pairs.as_mut_slice();
    for k in 0..by_value.len() {
        let (bucket, after) = rest.split_at_mut((start[k + 1] - start[k]) as usize);
        buckets.push(bucket);
        rest = after;
    }
    buckets.into_par_iter().with_min_len(64).for_each(|bucket| {
        // One first value per bucket, distinct rows: the second ranks are distinct, so an unstable sort is exact.
        bucket.sort_unstable_by_key(|pair| pair[1]);
        bucket.iter_mut().for_each(|pair| pair[1] = by_value[pair[1] as usize]);
    });
    pairs.into_flattened()
}

impl<'a> IntoIterator for &'a Answers {
    type Item = Answer;
    type IntoIter = Box<dyn Iterator<Item = Answer> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::Answers;
    use crate::eval::dict::Dict;
    use crate::eval::rel::Rel;
    use crate::value::Value;
    use std::sync::Arc;

    /// Rows of one or two columns, interned in an order unlike their values', come out in value order on one
    /// thread and on two.
    #[test]
    fn a_relation_reads_in_value_order_whatever_the_threads() {
        let mut dict = Dict::default();
        let values: Vec<Value> =
            [7, 3, 11, 1, 5].into_iter().map(Value::Int).chain(["b", "a"].map(Value::sym)).collect();
        let ids: Vec<u32> = values.iter().map(|v| dict.intern(*v)).collect();
        let dict = Arc::new(dict);
        let mut pairs = Rel::new(2);
        let mut singles = Rel::new(1);
        let mut want = Vec::new();
        for (a, x) in ids.iter().enumerate() {
            singles.add(&[*x], None).expect("room for a test row");
            for (b, y) in ids.iter().enumerate() {
                if (a * 3 + b) % 4 != 0 {
                    pairs.add(&[*x, *y], None).expect("room for a test row");
                    want.push(vec![values[a], values[b]]);
                }
            }
        }
        want.sort();
        let mut single: Vec<Vec<Value>> = values.iter().map(|v| vec![*v]).collect();
        single.sort();
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool");
            let (got, got_single) = pool.install(|| {
                let read = |a: &Answers| (0..a.len()).map(|k| a.values(k).to_vec()).collect::<Vec<_>>();
                (read(&Answers::from_rel(&pairs, dict.clone())), read(&Answers::from_rel(&singles, dict.clone())))
            });
            assert_eq!(got, want, "{threads} threads");
            assert_eq!(got_single, single, "{threads} threads");
        }
    }
}
