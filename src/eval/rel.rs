//! A relation during evaluation: packed rows of value ids, appended and never moved, each with a validity slot.
//!
//! Layout, and why: a row is `arity` consecutive `u32`s in one vector (8 bytes for a pair, where a `Vec<Value>`
//! tuple costs 40 plus its heap). Validity is a parallel column of `u32` slots, `ALWAYS` for a tuple that holds on
//! every day, or an index into an arena of interval sets; so a stratum where no time varies never builds an
//! interval set and runs at plain Datalog speed. Deduplication is a `hashbrown::HashTable` of row numbers hashed
//! by their ids (5 bytes a row). Indexes on bound columns are chained lists: a table from key to the latest row
//! with that key, and a `next` column linking each row to the previous one with the same key, so appending a row
//! extends every index in O(1). Rows appended by one semi-naive pass are contiguous: the delta of a pass is a row
//! range plus the few older rows whose validity grew.

use super::dict::Id;
use super::rowtable::{RowTable, Slot};
use crate::time::IntervalSet;
use hashbrown::HashTable;
use std::hash::Hasher;

/// The validity slot of a tuple that holds on every day.
pub const ALWAYS: u32 = u32::MAX;
/// The end of an index chain.
const END: u32 = u32::MAX;

/// A bit mask of columns: bit `c` set when column `c` is part of the key.
pub fn mask(cols: impl IntoIterator<Item = usize>) -> u64 {
    cols.into_iter().fold(0, |m, c| m | (1 << c))
}

fn hash_ids(ids: impl Iterator<Item = Id>) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for id in ids {
        h.write_u32(id);
    }
    h.finish()
}

/// The 32 bits of a row's hash that the dedup table keeps beside the row number.
fn short_hash(ids: impl Iterator<Item = Id>) -> u32 {
    (hash_ids(ids) >> 32) as u32
}

fn same(a: &[Id], b: &[Id]) -> bool {
    // Rows are a few ids long: a plain loop beats a call to memcmp.
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[derive(Debug, Default, Clone)]
struct Index {
    cols: Vec<usize>,
    /// Key -> the latest row with that key.
    heads: HashTable<u32>,
    /// Row -> the previous row with the same key (`END` for the first).
    next: Vec<u32>,
}

/// A relation of one arity: rows of ids with their validities, deduplicated, with indexes built on demand.
#[derive(Debug, Default, Clone)]
pub struct Rel {
    arity: usize,
    len: u32,
    rows: Vec<Id>,
    valid: Vec<u32>,
    sets: Vec<IntervalSet>,
    table: RowTable,
    indexes: Vec<(u64, Index)>,
}

/// What adding days to a tuple changed.
pub enum Added {
    /// A new row: all its days are new.
    New(u32),
    /// An existing row whose validity grew by these days.
    Grown(u32, IntervalSet),
    /// The tuple already held every one of those days.
    Unchanged,
}

impl Rel {
    /// An empty relation of `arity` columns.
    pub fn new(arity: usize) -> Rel {
        Rel { arity, ..Rel::default() }
    }

    /// The number of columns.
    pub fn arity(&self) -> usize {
        self.arity
    }

    /// The number of rows (distinct tuples).
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when the relation has no row.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The ids of row `r`.
    pub fn row(&self, r: u32) -> &[Id] {
        let at = r as usize * self.arity;
        &self.rows[at..at + self.arity]
    }

    /// The validity slot of a row: `ALWAYS`, or an index for `set`.
    pub fn slot(&self, r: u32) -> u32 {
        self.valid[r as usize]
    }

    /// The interval set in a validity slot other than `ALWAYS`.
    pub fn set(&self, slot: u32) -> &IntervalSet {
        &self.sets[slot as usize]
    }

    /// A row's validity as a set (allocation-free for `ALWAYS` rows only in the sense of a small inline set).
    pub fn validity(&self, r: u32) -> IntervalSet {
        match self.slot(r) {
            ALWAYS => IntervalSet::always(),
            slot => self.sets[slot as usize].clone(),
        }
    }

    /// True when some row holds on only some days.
    pub fn is_timed(&self) -> bool {
        !self.sets.is_empty()
    }

    /// The row holding exactly these ids, if any.
    pub fn find(&self, row: &[Id]) -> Option<u32> {
        let short = short_hash(row.iter().copied());
        let (rows, arity) = (&self.rows, self.arity);
        self.table.find(short, |r| same(&rows[r as usize * arity..(r as usize + 1) * arity], row))
    }

    /// Hints the cache to load where `row` would be found: call a few rows ahead of `add` in a batch.
    #[inline]
    pub fn prefetch(&self, row: &[Id]) {
        self.table.prefetch(short_hash(row.iter().copied()));
    }

    /// Adds `days` (`None`: every day) to the tuple `row`.
    pub fn add(&mut self, row: &[Id], days: Option<&IntervalSet>) -> Added {
        debug_assert_eq!(row.len(), self.arity);
        let short = short_hash(row.iter().copied());
        let Rel { rows, table, arity, len, .. } = self;
        let arity = *arity;
        match table.insert(short, *len, |r| same(&rows[r as usize * arity..(r as usize + 1) * arity], row)) {
            Slot::Existing(r) => self.grow(r, days),
            Slot::Inserted => {
                let r = *len;
                rows.extend_from_slice(row);
                *len += 1;
                let slot = match days {
                    None => ALWAYS,
                    Some(set) if set.is_always() => ALWAYS,
                    Some(set) => {
                        self.sets.push(set.clone());
                        (self.sets.len() - 1) as u32
                    }
                };
                self.valid.push(slot);
                Added::New(r)
            }
        }
    }

    fn grow(&mut self, r: u32, days: Option<&IntervalSet>) -> Added {
        let slot = self.valid[r as usize];
        if slot == ALWAYS {
            return Added::Unchanged;
        }
        let current = &mut self.sets[slot as usize];
        let fresh = match days {
            None => IntervalSet::always().subtract(current),
            Some(days) => days.subtract(current),
        };
        if fresh.is_empty() {
            return Added::Unchanged;
        }
        let merged = current.union(&fresh);
        if merged.is_always() {
            self.valid[r as usize] = ALWAYS;
        } else {
            *current = merged;
        }
        Added::Grown(r, fresh)
    }

    /// Makes room for `more` rows (an upper bound: a pass's buffered rows, duplicates included), so that the
    /// row columns grow once per pass; an error when the system refuses the memory (which the caller reports as
    /// the memory budget, rather than the process aborting).
    pub fn try_reserve(&mut self, more: usize) -> Result<(), std::collections::TryReserveError> {
        self.rows.try_reserve(more * self.arity)?;
        self.valid.try_reserve(more)?;
        // Grown before a batch, so the slots it prefetches are where its rows go; at most one doubling, since
        // duplicates would over-size it.
        self.table.try_reserve(more.min(self.len as usize + 1))?;
        for (_, index) in &mut self.indexes {
            index.next.try_reserve(more)?;
        }
        Ok(())
    }

    /// Builds (or extends to every row) the index on `mask`. Call before a pass that probes it.
    pub fn ensure_index(&mut self, mask: u64) {
        let Rel { rows, indexes, arity, len, .. } = self;
        let arity = *arity;
        let k = match indexes.iter().position(|(m, _)| *m == mask) {
            Some(k) => k,
            None => {
                let cols = (0..arity).filter(|c| mask & (1 << c) != 0).collect();
                indexes.push((mask, Index { cols, ..Index::default() }));
                indexes.len() - 1
            }
        };
        let index = &mut indexes[k].1;
        let key_hash = |r: u32, cols: &[usize]| hash_ids(cols.iter().map(|&c| rows[r as usize * arity + c]));
        for r in index.next.len() as u32..*len {
            let hash = key_hash(r, &index.cols);
            let cols = &index.cols;
            let same = |&h: &u32| cols.iter().all(|&c| rows[h as usize * arity + c] == rows[r as usize * arity + c]);
            let entry = index.heads.entry(hash, same, |&h| key_hash(h, cols));
            match entry {
                hashbrown::hash_table::Entry::Occupied(mut e) => {
                    index.next.push(*e.get());
                    *e.get_mut() = r;
                }
                hashbrown::hash_table::Entry::Vacant(e) => {
                    index.next.push(END);
                    e.insert(r);
                }
            }
        }
    }

    /// True when the index on `mask` exists and covers every row.
    pub fn has_index(&self, mask: u64) -> bool {
        self.indexes.iter().any(|(m, i)| *m == mask && i.next.len() == self.len as usize)
    }

    /// The latest row whose `mask` columns equal `key` (then follow `next_in`), or `None`. The index must have been
    /// ensured; a missing index finds nothing rather than everything.
    pub fn probe(&self, mask: u64, key: &[Id]) -> Chain {
        let Some((_, index)) = self.indexes.iter().find(|(m, _)| *m == mask) else { return Chain::EMPTY };
        let hash = hash_ids(key.iter().copied());
        let (rows, arity) = (&self.rows, self.arity);
        let head = index
            .heads
            .find(hash, |&h| index.cols.iter().zip(key).all(|(&c, k)| rows[h as usize * arity + c] == *k))
            .copied();
        Chain { index: self.indexes.iter().position(|(m, _)| *m == mask).unwrap_or(0) as u32, at: head.unwrap_or(END) }
    }

    /// The row after `chain.at` in its chain, advancing it; `None` at the end.
    pub fn next_in(&self, chain: &mut Chain) -> Option<u32> {
        if chain.at == END {
            return None;
        }
        let r = chain.at;
        let index = &self.indexes[chain.index as usize].1;
        // Rows appended after the index was extended are not in it: a chain only ever holds indexed rows.
        chain.at = index.next[r as usize];
        Some(r)
    }

    /// Every row's tuple of ids and validity, in row order.
    pub fn iter(&self) -> impl Iterator<Item = (&[Id], IntervalSet)> + '_ {
        (0..self.len).map(move |r| (self.row(r), self.validity(r)))
    }

    /// Approximate heap bytes, for the tuple budget's accounting and the benchmarks.
    pub fn heap_bytes(&self) -> usize {
        self.rows.capacity() * 4
            + self.valid.capacity() * 4
            + self.table.capacity() * 8
            + self.indexes.iter().map(|(_, i)| i.next.capacity() * 4 + i.heads.capacity() * 5).sum::<usize>()
    }
}

/// A position in an index chain.
#[derive(Clone, Copy, Debug)]
pub struct Chain {
    index: u32,
    at: u32,
}

impl Chain {
    const EMPTY: Chain = Chain { index: 0, at: END };
}
