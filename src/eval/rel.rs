//! A relation during evaluation: tuples in insertion order (their index is their id), each with its validity and,
//! for derived tuples, when and by which rule each part of it was first derived. Hash indexes on any set of
//! columns are built on first use and extended as tuples are appended.

use crate::time::IntervalSet;
use crate::value::{Tuple, Value};
use indexmap::IndexMap;
use rustc_hash::{FxBuildHasher, FxHashMap};
use smallvec::SmallVec;

/// The days a derivation added to a tuple, the rule that derived them and the semi-naive iteration it ran in.
/// A premise used for those days was always derived in an earlier iteration, so following births from an answer
/// down to base facts always ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Birth {
    pub days: IntervalSet,
    pub rule: u32,
    pub iteration: u32,
}

pub type Key = SmallVec<[Value; 2]>;

#[derive(Default, Debug)]
struct Index {
    map: FxHashMap<Key, SmallVec<[u32; 2]>>,
    upto: usize,
}

#[derive(Default, Debug)]
pub struct Rel {
    pub tuples: IndexMap<Tuple, IntervalSet, FxBuildHasher>,
    pub births: Vec<SmallVec<[Birth; 1]>>,
    indexes: FxHashMap<u64, Index>,
}

/// A bit mask of columns: bit `c` set when column `c` is part of the key.
pub fn mask(cols: impl IntoIterator<Item = usize>) -> u64 {
    cols.into_iter().fold(0, |m, c| m | (1 << c))
}

fn key_of(tuple: &Tuple, mask: u64) -> Key {
    tuple.iter().enumerate().filter(|(c, _)| mask & (1 << c) != 0).map(|(_, v)| *v).collect()
}

impl Rel {
    pub fn len(&self) -> usize {
        self.tuples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tuples.is_empty()
    }

    pub fn get(&self, tuple: &Tuple) -> Option<&IntervalSet> {
        self.tuples.get(tuple)
    }

    pub fn entry(&self, id: u32) -> (&Tuple, &IntervalSet) {
        self.tuples.get_index(id as usize).expect("ids come from this relation")
    }

    /// Adds days to a tuple; returns its id and the days that are new.
    pub fn add(&mut self, tuple: Tuple, days: &IntervalSet) -> (u32, IntervalSet) {
        // One hash lookup whether the tuple is new or not: this is the hottest line of evaluation.
        match self.tuples.entry(tuple) {
            indexmap::map::Entry::Occupied(mut entry) => {
                let fresh = entry.get_mut().absorb(days);
                (entry.index() as u32, fresh)
            }
            indexmap::map::Entry::Vacant(entry) => {
                let id = entry.index() as u32;
                entry.insert(days.clone());
                self.births.push(SmallVec::new());
                (id, days.clone())
            }
        }
    }

    /// Makes sure the index on `mask` covers every tuple; call before a pass that probes it. A key of every column
    /// needs no index: the relation's own map finds the tuple.
    pub fn ensure_index(&mut self, mask: u64) {
        if self.is_full(mask) {
            return;
        }
        let index = self.indexes.entry(mask).or_default();
        for id in index.upto..self.tuples.len() {
            let (tuple, _) = self.tuples.get_index(id).expect("in range");
            index.map.entry(key_of(tuple, mask)).or_default().push(id as u32);
        }
        index.upto = self.tuples.len();
    }

    /// True when `mask` covers every column of this relation's tuples.
    fn is_full(&self, mask: u64) -> bool {
        self.tuples.first().is_some_and(|(t, _)| mask == (1u64 << t.len()) - 1)
    }

    /// The ids of tuples whose `mask` columns equal `key`. The index must have been ensured.
    pub fn probe(&self, mask: u64, key: &[Value]) -> Probe<'_> {
        if self.is_full(mask) {
            return match self.tuples.get_index_of(key) {
                Some(id) => Probe::One([id as u32]),
                None => Probe::Many(&[]),
            };
        }
        Probe::Many(
            self.indexes.get(&mask).and_then(|index| index.map.get(key)).map(|ids| ids.as_slice()).unwrap_or(&[]),
        )
    }
}

/// The ids a probe found: one, from a lookup of the whole tuple, or a slice of an index.
pub enum Probe<'a> {
    One([u32; 1]),
    Many(&'a [u32]),
}

impl Probe<'_> {
    pub fn ids(&self) -> &[u32] {
        match self {
            Probe::One(id) => id,
            Probe::Many(ids) => ids,
        }
    }
}
