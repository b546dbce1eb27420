//! A relation during evaluation: packed rows of value ids, appended and never moved, each with a validity slot.
//!
//! Layout, and why: a row is `arity` consecutive `u32`s in one vector (8 bytes for a pair, where a `Vec<Value>`
//! tuple costs 40 plus its heap). Validity is a parallel column of `u32` slots, `ALWAYS` for a tuple that holds on
//! every day, or an index into an arena of interval sets; so a stratum where no time varies never builds an
//! interval set and runs at plain Datalog speed, and the column itself is left empty until some row needs a set
//! (a closure of 12 million pairs saves 48 MB). Deduplication is `rowtable` (row numbers with 32 bits of their
//! hash). Indexes on bound columns are chained lists (`index`), so appending a row extends every index in O(1).
//! Rows appended by one semi-naive pass are contiguous: the delta of a pass is a row range plus the few older rows
//! whose validity grew.

use super::dict::Id;
use super::index::{hash_ids, Index, END};
use super::rowtable::{RowTable, Slot};
use crate::time::IntervalSet;
use std::collections::TryReserveError;

/// The validity slot of a tuple that holds on every day.
pub const ALWAYS: u32 = u32::MAX;

/// A bit mask of columns: bit `c` set when column `c` is part of the key.
pub fn mask(cols: impl IntoIterator<Item = usize>) -> u64 {
    cols.into_iter().fold(0, |m, c| m | (1 << c))
}

/// The 32 bits of a row's hash that the dedup table keeps beside the row number.
fn short_hash(ids: impl Iterator<Item = Id>) -> u32 {
    (hash_ids(ids) >> 32) as u32
}

fn same(a: &[Id], b: &[Id]) -> bool {
    // Rows are a few ids long: a plain loop beats a call to memcmp.
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A relation of one arity: rows of ids with their validities, deduplicated, with indexes built on demand.
#[derive(Debug, Default, Clone)]
pub struct Rel {
    arity: usize,
    len: u32,
    rows: Vec<Id>,
    /// Per row, `ALWAYS` or an index into `sets`; empty while every row holds always.
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
    #[inline]
    pub fn slot(&self, r: u32) -> u32 {
        self.valid.get(r as usize).copied().unwrap_or(ALWAYS)
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

    /// Adds `days` (`None`: every day) to the tuple `row`. Room is asked of the system before anything changes:
    /// when it refuses, the relation is as it was and the caller reports the memory budget, never an abort.
    pub fn add(&mut self, row: &[Id], days: Option<&IntervalSet>) -> Result<Added, TryReserveError> {
        debug_assert_eq!(row.len(), self.arity);
        let timed = days.is_some_and(|set| !set.is_always());
        // The first timed row of a relation that held always builds the validity column, one slot per row: the
        // one growth here that is not amortized, so it is asked for only when the row is really new.
        let first_timed = timed && self.valid.is_empty() && self.find(row).is_none();
        if first_timed {
            self.valid.try_reserve_exact(self.len as usize + 1)?;
        } else if !self.valid.is_empty() {
            self.valid.try_reserve(1)?;
        }
        if timed {
            self.sets.try_reserve(1)?;
        }
        self.rows.try_reserve(self.arity)?;
        self.table.try_reserve(1)?;
        let short = short_hash(row.iter().copied());
        let Rel { rows, table, arity, len, .. } = self;
        let arity = *arity;
        Ok(match table.insert(short, *len, |r| same(&rows[r as usize * arity..(r as usize + 1) * arity], row)) {
            Slot::Existing(r) => self.grow(r, days),
            Slot::Inserted => {
                let r = *len;
                rows.extend_from_slice(row);
                *len += 1;
                match days {
                    Some(set) if timed => {
                        if self.valid.is_empty() {
                            self.valid.resize(r as usize, ALWAYS);
                        }
                        self.valid.push(self.sets.len() as u32);
                        self.sets.push(set.clone());
                    }
                    _ if self.valid.is_empty() => {}
                    _ => self.valid.push(ALWAYS),
                }
                Added::New(r)
            }
        })
    }

    fn grow(&mut self, r: u32, days: Option<&IntervalSet>) -> Added {
        let slot = self.slot(r);
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
    pub fn try_reserve(&mut self, more: usize) -> Result<(), TryReserveError> {
        self.rows.try_reserve(more * self.arity)?;
        if !self.valid.is_empty() {
            self.valid.try_reserve(more)?;
        }
        // Grown before a batch, so the slots it prefetches are where its rows go; at most one doubling, since
        // duplicates would over-size it.
        self.table.try_reserve(more.min(self.len as usize + 1))?;
        for (_, index) in &mut self.indexes {
            index.try_reserve(more)?;
        }
        Ok(())
    }

    /// Builds (or extends to every row) the index on `mask`. Call before a pass that probes it.
    pub fn ensure_index(&mut self, mask: u64) {
        let k = match self.index_of(mask) {
            Some(k) => k,
            None => {
                let cols = (0..self.arity).filter(|c| mask & (1 << c) != 0).collect();
                self.indexes.push((mask, Index::new(cols)));
                self.indexes.len() - 1
            }
        };
        self.indexes[k].1.extend(&self.rows, self.arity, self.len as usize);
    }

    /// The position of the index on `mask` among this relation's indexes, if it was built.
    pub fn index_of(&self, mask: u64) -> Option<usize> {
        self.indexes.iter().position(|(m, _)| *m == mask)
    }

    /// True when the index on `mask` exists and covers every row.
    pub fn has_index(&self, mask: u64) -> bool {
        self.indexes.iter().any(|(m, i)| *m == mask && i.covered() == self.len as usize)
    }

    /// The latest row whose `mask` columns equal `key` (then follow `next_in`), or `None`. The index must have been
    /// ensured; a missing index finds nothing rather than everything.
    pub fn probe(&self, mask: u64, key: &[Id]) -> Chain {
        match self.index_of(mask) {
            Some(k) => self.probe_at(k, key),
            None => Chain::EMPTY,
        }
    }

    /// `probe` through the index at position `k` (see `index_of`).
    #[inline]
    pub fn probe_at(&self, k: usize, key: &[Id]) -> Chain {
        Chain { index: k as u32, at: self.indexes[k].1.head(&self.rows, self.arity, key) }
    }

    /// The row after `chain.at` in its chain, advancing it; `None` at the end.
    #[inline]
    pub fn next_in(&self, chain: &mut Chain) -> Option<u32> {
        if chain.at == END {
            return None;
        }
        let r = chain.at;
        // Rows appended after the index was extended are not in it: a chain only ever holds indexed rows.
        chain.at = self.indexes[chain.index as usize].1.next(r);
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
            + self.indexes.iter().map(|(_, i)| i.heap_bytes()).sum::<usize>()
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
