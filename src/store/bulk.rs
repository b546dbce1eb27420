//! The immutable columnar layer under the persistent store, for bulk facts (`--facts` files): no citations, no
//! events, only tuples and the intervals they hold on. One flat column of values (arity per row), and per row a
//! run of coalesced intervals in one flat column. Built once in time linear in the rows plus a sort of each
//! tuple's intervals, shared by every snapshot (bulk facts are known from the start), and indexed by time on first
//! use so that "what holds on day D" skips the rows whose intervals lie elsewhere.

use crate::time::{Day, Interval, IntervalSet};
use crate::value::Value;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The bulk facts of one predicate, from a fact file: distinct tuples, each with its coalesced intervals.
#[derive(Debug, Default)]
pub struct Bulk {
    arity: usize,
    values: Vec<Value>,
    /// Row `r`'s intervals are `intervals[starts[r]..starts[r + 1]]`.
    starts: Vec<u32>,
    intervals: Vec<Interval>,
    by_tuple: OnceLock<FxHashMap<Box<[Value]>, u32>>,
    stab: OnceLock<Stab>,
}

/// Rows by the start of each interval, in blocks that know their latest end: a point lookup scans only the
/// blocks that can reach the day.
#[derive(Debug, Default)]
struct Stab {
    entries: Vec<(Day, Day, u32)>,
    block_end: Vec<Day>,
}

const BLOCK: usize = 64;

impl Bulk {
    /// Groups `(tuple, interval)` lines by tuple, in first-appearance order, and coalesces each tuple's intervals.
    /// `values` holds the lines' tuples back to back.
    pub fn build(arity: usize, values: Vec<Value>, lines: Vec<Interval>) -> Bulk {
        let mut group_of: FxHashMap<&[Value], u32> = FxHashMap::default();
        let mut groups: Vec<u32> = Vec::with_capacity(lines.len());
        let mut firsts: Vec<u32> = Vec::new();
        for k in 0..lines.len() {
            let tuple = &values[k * arity..(k + 1) * arity];
            let next = firsts.len() as u32;
            let g = *group_of.entry(tuple).or_insert(next);
            if g == next {
                firsts.push(k as u32);
            }
            groups.push(g);
        }
        drop(group_of);
        // Counting sort of the lines by group, then each group's intervals coalesced.
        let mut starts = vec![0u32; firsts.len() + 1];
        for g in &groups {
            starts[*g as usize + 1] += 1;
        }
        for g in 0..firsts.len() {
            starts[g + 1] += starts[g];
        }
        let mut fill = starts.clone();
        let mut sorted = vec![Interval::ALWAYS; lines.len()];
        for (k, g) in groups.iter().enumerate() {
            sorted[fill[*g as usize] as usize] = lines[k];
            fill[*g as usize] += 1;
        }
        let mut intervals = Vec::with_capacity(lines.len());
        let mut out_starts = Vec::with_capacity(firsts.len() + 1);
        out_starts.push(0);
        for g in 0..firsts.len() {
            let run = IntervalSet::from_intervals(sorted[starts[g] as usize..starts[g + 1] as usize].iter().copied());
            intervals.extend_from_slice(run.intervals());
            out_starts.push(intervals.len() as u32);
        }
        let mut row_values = Vec::with_capacity(firsts.len() * arity);
        for k in &firsts {
            row_values.extend_from_slice(&values[*k as usize * arity..(*k as usize + 1) * arity]);
        }
        Bulk { arity, values: row_values, starts: out_starts, intervals, ..Bulk::default() }
    }

    /// The number of columns.
    pub fn arity(&self) -> usize {
        self.arity
    }

    /// The number of distinct tuples.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// True when there is no tuple.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values of row `row`.
    pub fn tuple(&self, row: u32) -> &[Value] {
        &self.values[row as usize * self.arity..(row as usize + 1) * self.arity]
    }

    /// The coalesced intervals of row `row`, sorted.
    pub fn intervals(&self, row: u32) -> &[Interval] {
        &self.intervals[self.starts[row as usize] as usize..self.starts[row as usize + 1] as usize]
    }

    /// The validity of row `row`.
    pub fn validity(&self, row: u32) -> IntervalSet {
        // Already coalesced: `from_intervals` only copies.
        IntervalSet::from_intervals(self.intervals(row).iter().copied())
    }

    /// The row of `tuple`, through a hash index built on first use.
    pub fn find(&self, tuple: &[Value]) -> Option<u32> {
        let index = self.by_tuple.get_or_init(|| (0..self.len() as u32).map(|r| (self.tuple(r).into(), r)).collect());
        index.get(tuple).copied()
    }

    /// Every row holding on `day`, with the interval that covers it.
    pub fn holding_on(&self, day: Day) -> impl Iterator<Item = (u32, Interval)> + '_ {
        let stab = self.stab.get_or_init(|| self.stab_index());
        let upto = stab.entries.partition_point(|e| e.0 <= day);
        let blocks = upto.div_ceil(BLOCK);
        (0..blocks).filter(move |b| stab.block_end[*b] > day).flat_map(move |b| {
            let end = ((b + 1) * BLOCK).min(upto);
            stab.entries[b * BLOCK..end]
                .iter()
                .filter(move |e| e.1 > day)
                .map(|e| (e.2, Interval { from: e.0, to: e.1 }))
        })
    }

    fn stab_index(&self) -> Stab {
        let mut entries: Vec<(Day, Day, u32)> = Vec::with_capacity(self.intervals.len());
        for row in 0..self.len() as u32 {
            entries.extend(self.intervals(row).iter().map(|i| (i.from, i.to, row)));
        }
        entries.sort_unstable();
        let block_end = entries.chunks(BLOCK).map(|c| c.iter().map(|e| e.1).max().unwrap_or(Day::MIN)).collect();
        Stab { entries, block_end }
    }
}
