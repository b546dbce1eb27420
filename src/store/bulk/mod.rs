//! The immutable columnar layer under the persistent store, for bulk facts (`--facts` files): no citations, no
//! events, only tuples and the intervals they hold on. Rows are distinct tuples kept as the text the file gave
//! them (cells joined by tabs) in shard arenas, each with its coalesced intervals; values are made only when a row
//! is read. Built in parallel (`build`), shared by every snapshot (bulk facts are known from the start), and
//! indexed by time only when point lookups repeat (`stab`).

mod build;
pub mod cells;
mod keys;
mod shard;
mod stab;

pub use build::{BulkBuilder, KeyLine, Sorted};
pub use keys::{hash_key, ArenaFull};

use crate::time::{Day, Interval, IntervalSet};
use crate::value::{Tuple, Value};
use hashbrown::HashTable;
use rayon::prelude::*;
use shard::{shard_of, Shard};
use std::sync::OnceLock;

/// The bulk facts of one predicate: distinct tuples, each with its coalesced intervals. Row numbers run shard
/// by shard, in each shard in order of first appearance in the file.
#[derive(Debug, Default)]
pub struct Bulk {
    arity: usize,
    shards: Vec<Shard>,
    /// Shard `s` holds rows `first[s]..first[s + 1]`.
    first: Vec<u32>,
    /// Per shard, a table of its keys, built on the first `find`.
    by_key: Vec<OnceLock<HashTable<u32>>>,
    stab: stab::Lookups,
}

impl Bulk {
    fn new(arity: usize, shards: Vec<Shard>) -> Bulk {
        let mut first = vec![0u32];
        for shard in &shards {
            first.push(first[first.len() - 1] + shard.len() as u32);
        }
        let by_key = shards.iter().map(|_| OnceLock::new()).collect();
        Bulk { arity, shards, first, by_key, stab: stab::Lookups::default() }
    }

    /// The number of columns.
    pub fn arity(&self) -> usize {
        self.arity
    }

    /// The number of distinct tuples.
    pub fn len(&self) -> usize {
        self.first.last().copied().unwrap_or(0) as usize
    }

    /// True when there is no tuple.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of intervals over all rows.
    pub fn interval_count(&self) -> usize {
        self.shards.iter().map(Shard::interval_count).sum()
    }

    fn locate(&self, row: u32) -> (&Shard, u32) {
        let s = self.first.partition_point(|f| *f <= row) - 1;
        (&self.shards[s], row - self.first[s])
    }

    /// The text of row `row`: its cells as the file wrote them, joined by tabs.
    pub fn key(&self, row: u32) -> &str {
        let (shard, k) = self.locate(row);
        // Keys are slices of lines checked to be UTF-8, cut at tabs.
        std::str::from_utf8(shard.keys.get(k)).unwrap_or_default()
    }

    /// The values of row `row`.
    pub fn tuple(&self, row: u32) -> Tuple {
        self.tuple_of(self.key(row))
    }

    fn tuple_of(&self, key: &str) -> Tuple {
        if self.arity == 0 {
            return Tuple::new();
        }
        key.split('\t').map(cells::value_of).collect()
    }

    /// The value in column `col` of row `row`.
    pub fn value(&self, row: u32, col: usize) -> Value {
        self.key(row).split('\t').nth(col).map(cells::value_of).unwrap_or(Value::Int(0))
    }

    /// The coalesced intervals of row `row`, sorted.
    pub fn intervals(&self, row: u32) -> &[Interval] {
        let (shard, k) = self.locate(row);
        shard.intervals(k)
    }

    /// The validity of row `row`.
    pub fn validity(&self, row: u32) -> IntervalSet {
        // Already coalesced: `from_intervals` only copies.
        IntervalSet::from_intervals(self.intervals(row).iter().copied())
    }

    /// Every row with its intervals, in row order, without locating rows one by one.
    pub fn rows(&self) -> impl Iterator<Item = (u32, &[Interval])> + '_ {
        self.shards
            .iter()
            .zip(&self.first)
            .flat_map(|(shard, first)| (0..shard.len() as u32).map(move |k| (first + k, shard.intervals(k))))
    }

    /// The rows split in runs of about equal size (whole shards), for work spread over threads.
    pub fn row_runs(&self) -> impl IndexedParallelIterator<Item = std::ops::Range<u32>> + '_ {
        self.first.par_windows(2).map(|w| w[0]..w[1])
    }

    /// The row of `tuple`, through per-shard tables built on first use.
    pub fn find(&self, tuple: &[Value]) -> Option<u32> {
        if tuple.len() != self.arity {
            return None;
        }
        let key: Vec<String> = tuple.iter().map(Value::to_string).collect();
        let key = key.join("\t");
        let hash = hash_key(key.as_bytes());
        let s = shard_of(hash);
        let shard = self.shards.get(s)?;
        let table = self.by_key[s].get_or_init(|| shard.keys.index());
        shard.keys.find(table, hash, key.as_bytes()).map(|k| self.first[s] + k)
    }

    /// Every row holding on `day`, with the interval that covers it, in row order: a scan of every interval on
    /// all cores the first time, through a time index from the second lookup on.
    pub fn holding_on(&self, day: Day) -> Vec<(u32, Interval)> {
        self.stab.holding_on(self, day)
    }

    /// Keys and intervals of both bulk layers as one (a second fact file for the same predicate).
    pub fn merge(&self, other: &Bulk) -> Result<Bulk, ArenaFull> {
        let mut builder = BulkBuilder::new(self.arity);
        for part in [self, other] {
            let mut sorted = Sorted::default();
            for (row, intervals) in part.rows() {
                let key = part.key(row).as_bytes();
                let hash = hash_key(key);
                for interval in intervals {
                    sorted.push(KeyLine { hash, key, interval: *interval });
                }
            }
            builder.add(&[sorted])?;
        }
        Ok(builder.finish())
    }
}
