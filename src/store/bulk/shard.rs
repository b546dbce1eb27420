//! One shard of a bulk relation: the keys whose hash falls in it, and per key its coalesced intervals. Shards are
//! built and finished independently, one per task, so loading uses every core; which shard a key goes to depends
//! on its text alone, so the result is the same whatever the number of threads.

use super::keys::{ArenaFull, Interner, Keys};
use crate::time::Interval;

/// Shards per relation: a power of two, fixed (never the number of threads, so row order never depends on it).
pub const SHARD_BITS: u32 = 8;
/// The number of shards.
pub const SHARDS: usize = 1 << SHARD_BITS;

/// The shard of a key hash: middle bits, which the hash table uses neither for its bucket index (low bits, up
/// to 2^40 buckets) nor for its control bytes (the top 7).
pub fn shard_of(hash: u64) -> usize {
    (hash >> 40) as usize & (SHARDS - 1)
}

/// A shard while lines arrive: the keys seen, and per line its key and interval.
#[derive(Debug, Default)]
pub struct ShardBuilder {
    interner: Interner,
    /// Per line, its key; empty while every line brought a new key (line `k` is then key `k`), which saves four
    /// bytes a line when every tuple is distinct.
    keys_of_lines: Vec<u32>,
    lines: Vec<Interval>,
}

impl ShardBuilder {
    /// Adds one line of a key (hashed to this shard).
    pub fn add(&mut self, hash: u64, key: &[u8], interval: Interval) -> Result<(), ArenaFull> {
        let k = self.interner.intern(hash, key)?;
        let one_key_per_line = self.keys_of_lines.is_empty() && k as usize == self.lines.len();
        if !one_key_per_line {
            if self.keys_of_lines.is_empty() {
                self.keys_of_lines.extend(0..self.lines.len() as u32);
            }
            self.keys_of_lines.push(k);
        }
        self.lines.push(interval);
        Ok(())
    }

    /// Room for `lines` more lines, and for as many new keys as the lines so far suggest they bring.
    pub fn reserve(&mut self, lines: usize) {
        let seen = self.lines.len().max(1);
        let (keys, bytes) = self.interner.size();
        if !self.keys_of_lines.is_empty() {
            self.keys_of_lines.reserve(lines);
        }
        self.lines.reserve(lines);
        let new_keys = (lines as u128 * keys as u128 / seen as u128) as usize;
        self.interner.reserve(new_keys, bytes.div_ceil(keys.max(1)));
    }

    /// The finished shard: each key's lines grouped (a counting sort by key) and coalesced. When every key has one
    /// line, as with ten million distinct tuples, the lines already are the rows and nothing moves.
    pub fn finish(self) -> Shard {
        let keys = self.interner.into_keys();
        let n = keys.len();
        if self.lines.len() == n {
            // Keys are numbered on first appearance, so with as many keys as lines, line k is key k.
            let mut intervals = self.lines;
            intervals.shrink_to_fit();
            return Shard { keys, starts: None, intervals };
        }
        let mut starts = vec![0u32; n + 1];
        for k in &self.keys_of_lines {
            starts[*k as usize + 1] += 1;
        }
        for k in 0..n {
            starts[k + 1] += starts[k];
        }
        let mut fill = starts.clone();
        let mut grouped = vec![Interval::ALWAYS; self.lines.len()];
        for (k, interval) in self.keys_of_lines.iter().zip(&self.lines) {
            grouped[fill[*k as usize] as usize] = *interval;
            fill[*k as usize] += 1;
        }
        drop((fill, self.keys_of_lines, self.lines));
        // Coalesced in place: each run is sorted, then overlapping or touching intervals are merged forward.
        let mut written = 0usize;
        for k in 0..n {
            let (from, to) = (starts[k] as usize, starts[k + 1] as usize);
            grouped[from..to].sort_unstable();
            starts[k] = written as u32;
            for i in from..to {
                let next = grouped[i];
                if written > starts[k] as usize && next.from <= grouped[written - 1].to {
                    grouped[written - 1].to = grouped[written - 1].to.max(next.to);
                } else {
                    grouped[written] = next;
                    written += 1;
                }
            }
        }
        starts[n] = written as u32;
        grouped.truncate(written);
        grouped.shrink_to_fit();
        Shard { keys, starts: Some(starts), intervals: grouped }
    }
}

/// A finished shard: its keys, and each key's coalesced intervals in day order.
#[derive(Debug, Default)]
pub struct Shard {
    /// The distinct keys; key `k` is the shard's row `k`.
    pub keys: Keys,
    /// Row `k`'s intervals are `intervals[starts[k]..starts[k + 1]]`; `None` when every row has one interval,
    /// the `k`-th.
    starts: Option<Vec<u32>>,
    intervals: Vec<Interval>,
}

impl Shard {
    /// The number of rows (distinct keys).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The coalesced intervals of row `k`, sorted.
    pub fn intervals(&self, k: u32) -> &[Interval] {
        let k = k as usize;
        match &self.starts {
            None => std::slice::from_ref(&self.intervals[k]),
            Some(starts) => &self.intervals[starts[k] as usize..starts[k + 1] as usize],
        }
    }

    /// Every interval of every row, with the row: `(row, interval)` in row order.
    pub fn each_interval(&self) -> impl Iterator<Item = (u32, Interval)> + '_ {
        (0..self.len() as u32).flat_map(move |k| self.intervals(k).iter().map(move |i| (k, *i)))
    }

    /// The number of intervals.
    pub fn interval_count(&self) -> usize {
        self.intervals.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::bulk::keys::hash_key;
    use crate::time::Day;

    fn iv(a: i32, b: i32) -> Interval {
        Interval::new(Day(a), Day(b)).expect("non-empty")
    }

    #[test]
    fn lines_of_one_key_are_grouped_and_coalesced() {
        let mut shard = ShardBuilder::default();
        for (key, interval) in [("a", iv(5, 8)), ("b", iv(0, 1)), ("a", iv(1, 5)), ("a", iv(10, 12)), ("a", iv(11, 13))]
        {
            shard.add(hash_key(key.as_bytes()), key.as_bytes(), interval).expect("fits");
        }
        let shard = shard.finish();
        assert_eq!(shard.len(), 2);
        assert_eq!(shard.keys.get(0), b"a");
        assert_eq!(shard.intervals(0), [iv(1, 8), iv(10, 13)]);
        assert_eq!(shard.intervals(1), [iv(0, 1)]);
    }

    #[test]
    fn distinct_keys_keep_their_lines_as_rows() {
        let mut shard = ShardBuilder::default();
        for (key, interval) in [("x", iv(0, 2)), ("y", iv(1, 3))] {
            shard.add(hash_key(key.as_bytes()), key.as_bytes(), interval).expect("fits");
        }
        let shard = shard.finish();
        assert!(shard.starts.is_none());
        assert_eq!(shard.intervals(1), [iv(1, 3)]);
        assert_eq!(shard.each_interval().collect::<Vec<_>>(), [(0, iv(0, 2)), (1, iv(1, 3))]);
    }
}
