//! Building a bulk relation from lines: each piece of a file (parsed on its own thread) sorts its lines into the
//! shards their keys hash to; the builder then feeds every shard its lines, piece by piece in file order, one
//! shard per task; `finish` groups and coalesces each shard the same way. Nothing depends on which thread did
//! what, so the rows come out the same with one thread or many.

use super::keys::ArenaFull;
use super::shard::{shard_of, ShardBuilder, SHARDS};
use super::Bulk;
use crate::time::Interval;
use rayon::prelude::*;

/// One line of a fact file: the text of its tuple, that text's hash, and its interval.
#[derive(Clone, Copy, Debug)]
pub struct KeyLine<'t> {
    /// `hash_key(key)`.
    pub hash: u64,
    /// The tuple's cells as written, joined by tabs.
    pub key: &'t [u8],
    /// The days the line gives the tuple.
    pub interval: Interval,
}

/// The lines of one piece of a file, sorted into shards (in file order within each). Each shard's keys are
/// copied beside its lines while the piece is hot in cache, so the shard that takes them reads one run of bytes
/// instead of reaching into the whole block for each key.
#[derive(Debug)]
pub struct Sorted {
    buckets: Vec<Bucket>,
}

#[derive(Debug, Default)]
struct Bucket {
    /// Per line: the key's hash, the interval, and where its key ends in `text`.
    lines: Vec<(u64, Interval, u32)>,
    text: Vec<u8>,
}

impl Default for Sorted {
    fn default() -> Self {
        Sorted { buckets: (0..SHARDS).map(|_| Bucket::default()).collect() }
    }
}

impl Sorted {
    /// Files a line under its key's shard.
    pub fn push(&mut self, line: KeyLine) {
        let bucket = &mut self.buckets[shard_of(line.hash)];
        bucket.text.extend_from_slice(line.key);
        bucket.lines.push((line.hash, line.interval, bucket.text.len() as u32));
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.buckets.iter().map(|b| b.lines.len()).sum()
    }

    /// True when no line was filed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Bucket {
    fn lines(&self) -> impl Iterator<Item = KeyLine<'_>> {
        let mut start = 0;
        self.lines.iter().map(move |(hash, interval, end)| {
            let key = &self.text[start..*end as usize];
            start = *end as usize;
            KeyLine { hash: *hash, key, interval: *interval }
        })
    }
}

/// A bulk relation while its lines arrive.
#[derive(Debug)]
pub struct BulkBuilder {
    arity: usize,
    shards: Vec<ShardBuilder>,
}

impl BulkBuilder {
    /// No line yet, for tuples of `arity` values.
    pub fn new(arity: usize) -> BulkBuilder {
        BulkBuilder { arity, shards: (0..SHARDS).map(|_| ShardBuilder::default()).collect() }
    }

    /// Adds the lines of consecutive pieces of a file, `pieces` in file order: each shard takes its lines from
    /// every piece in turn, the shards in parallel.
    pub fn add(&mut self, pieces: &[Sorted]) -> Result<(), ArenaFull> {
        self.shards.par_iter_mut().enumerate().try_for_each(|(s, shard)| {
            for piece in pieces {
                for line in piece.buckets[s].lines() {
                    shard.add(line.hash, line.key, line.interval)?;
                }
            }
            Ok(())
        })
    }

    /// Room for about `lines` more lines (an estimate from the file's size), spread over the shards as the lines
    /// so far were, each shard expecting new keys at the rate it has seen them.
    pub fn reserve(&mut self, lines: usize) {
        let per_shard = lines / SHARDS + lines / SHARDS / 8 + 16;
        self.shards.par_iter_mut().for_each(|shard| shard.reserve(per_shard));
    }

    /// The relation: each shard's lines grouped by tuple and coalesced, the shards in parallel.
    pub fn finish(self) -> Bulk {
        let shards = self.shards.into_par_iter().map(ShardBuilder::finish).collect();
        Bulk::new(self.arity, shards)
    }
}
