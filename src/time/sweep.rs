//! Step functions of weighted interval sets: for every day, the count, sum, minimum or maximum of the weights of
//! the members holding on it, as coalesced steps. One sweep over the sorted interval ends, O(n log n) in the number
//! of intervals (a counting sort by day when the days span little), whatever the overlap.
//!
//! ```
//! use tkb::time::{sweep::{Fold, Sweep}, Day, Interval};
//! let days = |a, b| [Interval::new(Day(a), Day(b)).unwrap()];
//! let mut sweep = Sweep::new(Fold::Count, Interval::new(Day(0), Day(10)).unwrap());
//! sweep.add(7i64, &days(2, 6));
//! sweep.add(7i64, &days(4, 8));
//! let steps = sweep.steps().unwrap();
//! let levels: Vec<_> = steps.iter().map(|s| (s.interval.from.0, s.interval.to.0, s.value)).collect();
//! assert_eq!(levels, [(0, 2, Some(0)), (2, 4, Some(1)), (4, 6, Some(2)), (6, 8, Some(1)), (8, 10, Some(0))]);
//! ```

use super::{Day, Interval};
use std::collections::BinaryHeap;

/// What the weights of the members holding on a day are folded into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fold {
    /// How many members hold (weights ignored).
    Count,
    /// The sum of the members' integer weights (a weight with no integer adds nothing).
    Sum,
    /// The least weight; no value on a day when nothing holds.
    Min,
    /// The greatest weight; no value on a day when nothing holds.
    Max,
}

/// A member's weight: ordered for the minimum and maximum, an integer for sums, and counts and sums given back as
/// weights, so one step type serves every fold.
pub trait Weight: Copy + Ord {
    /// The weight as an integer for `Sum`; `None` adds nothing to a sum.
    fn to_int(self) -> Option<i64>;
    /// A count or sum as a weight.
    fn from_int(n: i64) -> Self;
}

impl Weight for i64 {
    fn to_int(self) -> Option<i64> {
        Some(self)
    }
    fn from_int(n: i64) -> i64 {
        n
    }
}

/// Days on which the fold keeps one value. Steps are disjoint, in day order, cover the window without a gap, and no
/// two neighbours have the same value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step<W> {
    /// The days of the step.
    pub interval: Interval,
    /// The value on those days; `None` for the minimum or maximum of nothing.
    pub value: Option<W>,
}

/// A count or sum that leaves 64 bits on some day. Count and sum run in 128 bits, so only a day's final value is
/// checked, never a partial sum in the middle of a day's changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// The first day whose value does not fit.
    pub day: Day,
    /// That value, exactly.
    pub value: i128,
}

/// The members' interval ends inside the window, gathered member by member (on any number of threads, joined
/// with `append`), then swept once by `steps`. Each member's intervals must be disjoint (a coalesced set), so a
/// member is counted once on each day it holds.
#[derive(Clone, Debug)]
pub struct Sweep<W> {
    fold: Fold,
    window: Interval,
    /// Count and sum: the change of the value on each day, summed as members arrive (no event is kept).
    deltas: Deltas,
    /// Min and max: each interval's start and end day with the index of its member's weight.
    starts: Vec<(Day, u32)>,
    ends: Vec<(Day, u32)>,
    weights: Vec<W>,
}

impl<W: Weight> Sweep<W> {
    /// No member yet; the steps will cover `window` (`Interval::ALWAYS` for all time).
    pub fn new(fold: Fold, window: Interval) -> Sweep<W> {
        let deltas = Deltas::new(window.from);
        Sweep { fold, window, deltas, starts: Vec::new(), ends: Vec::new(), weights: Vec::new() }
    }

    /// Adds a member with its weight and its days (disjoint, in any order); days outside the window are ignored.
    pub fn add(&mut self, weight: W, days: &[Interval]) {
        let delta = match self.fold {
            Fold::Count => 1,
            Fold::Sum => match weight.to_int() {
                Some(n) if n != 0 => i128::from(n),
                _ => return,
            },
            Fold::Min | Fold::Max => return self.add_weighted(weight, days),
        };
        for part in days {
            let Some(inside) = part.intersect(&self.window) else { continue };
            self.deltas.add(inside.from, delta);
            if inside.to < self.window.to {
                self.deltas.add(inside.to, -delta);
            }
        }
    }

    fn add_weighted(&mut self, weight: W, days: &[Interval]) {
        let tag = self.weights.len() as u32;
        let mut used = false;
        for inside in days.iter().filter_map(|part| part.intersect(&self.window)) {
            used = true;
            self.starts.push((inside.from, tag));
            if inside.to < self.window.to {
                self.ends.push((inside.to, tag));
            }
        }
        if used {
            self.weights.push(weight);
        }
    }

    /// Takes in the members of another sweep of the same fold and window (built on another thread): the steps are
    /// those of both member lists, whatever order they were joined in.
    pub fn append(&mut self, other: Sweep<W>) {
        self.deltas.append(other.deltas);
        let shift = self.weights.len() as u32;
        self.starts.extend(other.starts.iter().map(|(d, t)| (*d, t + shift)));
        self.ends.extend(other.ends.iter().map(|(d, t)| (*d, t + shift)));
        self.weights.extend(other.weights);
    }

    /// The step function over the window: the changes swept once in day order.
    pub fn steps(self) -> Result<Vec<Step<W>>, Overflow> {
        match self.fold {
            Fold::Count | Fold::Sum => self.arithmetic(),
            Fold::Min | Fold::Max => Ok(self.extreme()),
        }
    }

    /// Count and sum: the value on a day is the sum of the changes up to it.
    fn arithmetic(self) -> Result<Vec<Step<W>>, Overflow> {
        let mut out = Levels::new(self.window);
        let mut level = self.deltas.initial;
        for (day, change) in self.deltas.in_day_order() {
            if day > out.at {
                let value = fit(level, out.at)?;
                out.until(day, Some(W::from_int(value)));
            }
            level += change;
        }
        let value = fit(level, out.at)?;
        Ok(out.finish(Some(W::from_int(value))))
    }

    /// Minimum and maximum: the weights are ranked once, and a heap of the ranks holding (stale ones dropped when
    /// they surface) gives each day's extreme.
    fn extreme(self) -> Vec<Step<W>> {
        let mut order: Vec<u32> = (0..self.weights.len() as u32).collect();
        order.sort_unstable_by_key(|k| self.weights[*k as usize]);
        let mut rank = vec![0u32; self.weights.len()];
        let mut distinct: Vec<W> = Vec::new();
        for k in order {
            let w = self.weights[k as usize];
            if distinct.last() != Some(&w) {
                distinct.push(w);
            }
            rank[k as usize] = distinct.len() as u32 - 1;
        }
        // A max-heap of ranks for the maximum; for the minimum the same over reversed ranks.
        let top = distinct.len() as u32;
        let flip = |r: u32| if self.fold == Fold::Max { r } else { top - 1 - r };
        let mut events: Vec<(Day, u32, bool)> = Vec::with_capacity(self.starts.len() + self.ends.len());
        events.extend(self.starts.iter().map(|(d, t)| (*d, flip(rank[*t as usize]), true)));
        events.extend(self.ends.iter().map(|(d, t)| (*d, flip(rank[*t as usize]), false)));
        drop((self.starts, self.ends, rank));
        events.sort_unstable_by_key(|e| e.0);
        let mut holding = vec![0u32; distinct.len()];
        let mut heap: BinaryHeap<u32> = BinaryHeap::new();
        let value = |heap: &mut BinaryHeap<u32>, holding: &[u32]| {
            while heap.peek().is_some_and(|k| holding[*k as usize] == 0) {
                heap.pop();
            }
            heap.peek().map(|k| distinct[flip(*k) as usize])
        };
        let mut out = Levels::new(self.window);
        for (day, k, start) in events {
            if day > out.at {
                out.until(day, value(&mut heap, &holding));
            }
            let count = &mut holding[k as usize];
            if start {
                *count += 1;
                if *count == 1 {
                    heap.push(k);
                }
            } else {
                *count -= 1;
            }
        }
        let last = value(&mut heap, &holding);
        out.finish(last)
    }
}

/// A member starting or stopping to hold on some day: its position in the list given to `changes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// False when the member stops holding (ends come first on a day), true when it starts.
    pub started: bool,
    /// The member's position in the list given to `changes`.
    pub member: u32,
}

/// For each of `days` (sorted, the first days of steps), the members that start or stop holding on it inside
/// `window`: ends first, then starts, each in member order. A member holding when the window opens does not
/// change anything there, and one holding when it closes does not end. Each member's days must be disjoint.
/// O(n log d) for n intervals and d days; asked only by what shows the changes, never by the steps themselves.
pub fn changes<'m>(
    days: &[Day],
    window: Interval,
    members: impl IntoIterator<Item = &'m [Interval]>,
) -> Vec<Vec<Change>> {
    let mut out: Vec<Vec<Change>> = vec![Vec::new(); days.len()];
    let mut note = |day: Day, change: Change| {
        if let Ok(k) = days.binary_search(&day) {
            out[k].push(change);
        }
    };
    for (member, parts) in members.into_iter().enumerate() {
        let member = member as u32;
        for inside in parts.iter().filter_map(|part| part.intersect(&window)) {
            if inside.from > window.from {
                note(inside.from, Change { started: true, member });
            }
            if inside.to < window.to {
                note(inside.to, Change { started: false, member });
            }
        }
    }
    // Members came in order, so a stable sort on the kind leaves each kind in member order.
    out.iter_mut().for_each(|day| day.sort_by_key(|c| c.started));
    out
}

/// A 128-bit level as a 64-bit value, or the overflow on `day`.
fn fit(level: i128, day: Day) -> Result<i64, Overflow> {
    i64::try_from(level).map_err(|_| Overflow { day, value: level })
}

/// Days a dense run of slots may span (2^20 days, about 2,900 years: 16 MiB of slots at most); changes further
/// out are kept apart and sorted.
const DENSE_SPAN: i64 = 1 << 20;

/// The change of a count or sum per day: a dense run of slots (one per day, grown to cover the days seen, as long
/// as they span at most `DENSE_SPAN`) and, past it, a list sorted at the end. Memory follows the days, not the
/// members: ten million intervals over a few thousand days cost a few thousand slots.
#[derive(Clone, Debug)]
struct Deltas {
    /// Changes on the window's first day (or before): the level the sweep starts from.
    initial: i128,
    first: Day,
    /// Slot `k` is the change on day `lo + k`.
    lo: i64,
    slots: Vec<i128>,
    apart: Vec<(Day, i128)>,
}

impl Deltas {
    fn new(first: Day) -> Deltas {
        Deltas { initial: 0, first, lo: 0, slots: Vec::new(), apart: Vec::new() }
    }

    fn add(&mut self, day: Day, change: i128) {
        if day <= self.first {
            self.initial += change;
            return;
        }
        let d = i64::from(day.0);
        if self.slots.is_empty() {
            self.lo = d;
        }
        let (lo, hi) = (self.lo.min(d), (self.lo + self.slots.len() as i64).max(d + 1));
        if hi - lo > DENSE_SPAN {
            self.apart.push((day, change));
            return;
        }
        if lo < self.lo {
            // Grown by at least its length, so that days arriving in falling order cost amortised O(1) each.
            let room = DENSE_SPAN - (hi - lo);
            let grow = (self.lo - lo) + (self.slots.len() as i64).min(room);
            self.slots.splice(0..0, std::iter::repeat_n(0, grow as usize));
            self.lo -= grow;
        }
        if hi > self.lo + self.slots.len() as i64 {
            self.slots.resize((hi - self.lo) as usize, 0);
        }
        self.slots[(d - self.lo) as usize] += change;
    }

    fn append(&mut self, other: Deltas) {
        self.initial += other.initial;
        for (k, change) in other.slots.into_iter().enumerate() {
            if change != 0 {
                self.add(Day((other.lo + k as i64) as i32), change);
            }
        }
        for (day, change) in other.apart {
            self.add(day, change);
        }
    }

    /// Every day with a non-zero change, in day order, with its change.
    fn in_day_order(mut self) -> impl Iterator<Item = (Day, i128)> {
        self.apart.sort_unstable_by_key(|c| c.0);
        let mut apart: Vec<(Day, i128)> = Vec::with_capacity(self.apart.len());
        for (day, change) in self.apart {
            match apart.last_mut() {
                Some(last) if last.0 == day => last.1 += change,
                _ => apart.push((day, change)),
            }
        }
        let lo = self.lo;
        let dense = self.slots.into_iter().enumerate().map(move |(k, c)| (Day((lo + k as i64) as i32), c));
        merge(dense, apart.into_iter()).filter(|c| c.1 != 0)
    }
}

/// Two day-ordered lists of changes as one, changes of the same day summed.
fn merge(
    a: impl Iterator<Item = (Day, i128)>,
    b: impl Iterator<Item = (Day, i128)>,
) -> impl Iterator<Item = (Day, i128)> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek().copied(), b.peek().copied()) {
        (Some(x), Some(y)) if x.0 == y.0 => {
            a.next();
            b.next();
            Some((x.0, x.1 + y.1))
        }
        (Some(x), Some(y)) => {
            if x.0 < y.0 {
                a.next()
            } else {
                b.next()
            }
        }
        (Some(_), None) => a.next(),
        (None, _) => b.next(),
    })
}

/// The steps being written: the value of the days from `at` is settled when the next change comes.
struct Levels<W> {
    window: Interval,
    at: Day,
    out: Vec<Step<W>>,
}

impl<W: PartialEq + Copy> Levels<W> {
    fn new(window: Interval) -> Levels<W> {
        Levels { window, at: window.from, out: Vec::new() }
    }

    /// The days from `at` up to `day` hold `value` (extending the last step when its value is the same).
    fn until(&mut self, day: Day, value: Option<W>) {
        if day <= self.at {
            return;
        }
        match self.out.last_mut() {
            Some(last) if last.value == value => last.interval.to = day,
            _ => self.out.push(Step { interval: Interval { from: self.at, to: day }, value }),
        }
        self.at = day;
    }

    fn finish(mut self, value: Option<W>) -> Vec<Step<W>> {
        let end = self.window.to;
        self.until(end, value);
        self.out
    }
}

#[cfg(test)]
#[path = "sweep_tests.rs"]
mod tests;
