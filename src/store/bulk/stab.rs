//! Point lookups on a bulk relation ("which rows hold on day D"). The first lookup scans every interval on all
//! cores: for one question that is cheaper than sorting them. From the second lookup on (a REPL, a benchmark
//! loop) an index answers: interval starts in sorted blocks that know their latest end, so a lookup skips every
//! block that cannot reach the day.

use super::Bulk;
use crate::time::{Day, Interval};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

const BLOCK: usize = 64;

/// How many lookups were asked, and the index once one is built.
#[derive(Debug, Default)]
pub struct Lookups {
    asked: AtomicU32,
    index: OnceLock<Stab>,
}

/// Every interval as `(from, to, row)`, sorted, with the latest end of each block of `BLOCK`.
#[derive(Debug, Default)]
struct Stab {
    entries: Vec<(Day, Day, u32)>,
    block_end: Vec<Day>,
}

impl Lookups {
    /// Every row of `bulk` holding on `day` with the interval covering it, in row order.
    pub fn holding_on(&self, bulk: &Bulk, day: Day) -> Vec<(u32, Interval)> {
        if self.index.get().is_none() && self.asked.fetch_add(1, Ordering::Relaxed) == 0 {
            return scan(bulk, day);
        }
        let stab = self.index.get_or_init(|| Stab::build(bulk));
        let mut found = stab.holding_on(day);
        found.par_sort_unstable_by_key(|f| f.0);
        found
    }
}

/// One pass over every row's intervals, a shard per task, the shards joined in row order.
fn scan(bulk: &Bulk, day: Day) -> Vec<(u32, Interval)> {
    let runs: Vec<Vec<(u32, Interval)>> = bulk
        .shards
        .par_iter()
        .zip(&bulk.first)
        .map(|(shard, first)| {
            shard.each_interval().filter(|(_, i)| i.contains(day)).map(|(k, i)| (first + k, i)).collect()
        })
        .collect();
    runs.concat()
}

impl Stab {
    fn build(bulk: &Bulk) -> Stab {
        let mut entries: Vec<(Day, Day, u32)> = Vec::with_capacity(bulk.interval_count());
        entries.extend(bulk.rows().flat_map(|(row, intervals)| intervals.iter().map(move |i| (i.from, i.to, row))));
        entries.par_sort_unstable();
        let block_end = entries.par_chunks(BLOCK).map(|c| c.iter().map(|e| e.1).max().unwrap_or(Day::MIN)).collect();
        Stab { entries, block_end }
    }

    fn holding_on(&self, day: Day) -> Vec<(u32, Interval)> {
        let upto = self.entries.partition_point(|e| e.0 <= day);
        (0..upto.div_ceil(BLOCK))
            .filter(|b| self.block_end[*b] > day)
            .flat_map(|b| {
                let end = ((b + 1) * BLOCK).min(upto);
                self.entries[b * BLOCK..end]
                    .iter()
                    .filter(|e| e.1 > day)
                    .map(|e| (e.2, Interval { from: e.0, to: e.1 }))
            })
            .collect()
    }
}
