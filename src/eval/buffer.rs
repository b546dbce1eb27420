//! What a join derives in one semi-naive pass before it is applied to the relation: packed head rows and, per
//! row, `ALWAYS` or an index into its interval sets. The days column stays empty while every row holds always,
//! so a plain Datalog pass buffers only ids. Buffers of pieces of one join, appended in the pieces' order, are
//! the buffer of the whole join.

use super::dict::Id;
use super::rel::{Rel, ALWAYS};
use crate::time::IntervalSet;
use std::collections::TryReserveError;

/// Derived head rows with their days, in the order the join found them.
pub struct Buffer {
    /// The number of ids in a row.
    pub arity: usize,
    len: usize,
    /// The rows, `arity` ids each.
    pub ids: Vec<Id>,
    days: Vec<u32>,
    sets: Vec<IntervalSet>,
}

impl Buffer {
    /// An empty buffer of rows of `arity` ids.
    pub fn new(arity: usize) -> Buffer {
        Buffer { arity, len: 0, ids: Vec::new(), days: Vec::new(), sets: Vec::new() }
    }

    /// Appends a row holding on `days` (`None`: every day); an error, and nothing buffered, when the system
    /// refuses the memory for it.
    pub fn push(&mut self, head: &[Id], days: Option<&IntervalSet>) -> Result<(), TryReserveError> {
        self.ids.try_reserve(head.len())?;
        if days.is_some() || !self.days.is_empty() {
            self.days.try_reserve(self.len + 1 - self.days.len())?;
        }
        self.ids.extend_from_slice(head);
        match days {
            None if self.days.is_empty() => {}
            None => self.days.push(ALWAYS),
            Some(set) => {
                // The first row with days: the rows before it hold always.
                self.days.resize(self.len, ALWAYS);
                self.days.push(self.sets.len() as u32);
                self.sets.push(set.clone());
            }
        }
        self.len += 1;
        Ok(())
    }

    /// Appends every row of `other`, after this buffer's.
    pub fn append(&mut self, other: Buffer) -> Result<(), TryReserveError> {
        self.ids.try_reserve(other.ids.len())?;
        if !self.days.is_empty() || !other.days.is_empty() {
            self.days.try_reserve(self.len + other.len - self.days.len())?;
            // The rows before the first with days hold always, in either buffer.
            self.days.resize(self.len, ALWAYS);
            let base = self.sets.len() as u32;
            self.days.extend(other.days.iter().map(|d| if *d == ALWAYS { ALWAYS } else { d + base }));
            self.days.resize(self.len + other.len, ALWAYS);
        }
        self.sets.extend(other.sets);
        self.ids.extend_from_slice(&other.ids);
        self.len += other.len;
        Ok(())
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The ids of row `k`.
    pub fn row(&self, k: usize) -> &[Id] {
        &self.ids[k * self.arity..(k + 1) * self.arity]
    }

    /// The days of row `k`; `None`: every day.
    pub fn days(&self, k: usize) -> Option<&IntervalSet> {
        match self.days.get(k) {
            None | Some(&ALWAYS) => None,
            Some(slot) => Some(&self.sets[*slot as usize]),
        }
    }

    /// Drops the rows that add nothing: a row buffered twice keeps one copy with the union of its days, and a
    /// row whose days `rel` holds already goes. Run only when the buffer would pass the tuple budget. An error,
    /// and the buffer as it was, when the system refuses the memory for the compacted copy.
    pub fn compact(&mut self, rel: Option<&Rel>) -> Result<(), TryReserveError> {
        let mut first: rustc_hash::FxHashMap<&[Id], usize> = rustc_hash::FxHashMap::default();
        let mut kept: Vec<(usize, Option<IntervalSet>)> = Vec::new();
        for k in 0..self.len {
            let row = self.row(k);
            let days = self.days(k).cloned();
            match first.get(row) {
                Some(&at) => {
                    let merged = match (&kept[at].1, days) {
                        (Some(a), Some(b)) => Some(a.union(&b)),
                        _ => None,
                    };
                    kept[at].1 = merged;
                }
                None => {
                    first.insert(row, kept.len());
                    kept.push((k, days));
                }
            }
        }
        let held = |row: &[Id], days: &Option<IntervalSet>| {
            let Some(r) = rel.and_then(|rel| rel.find(row).map(|r| (rel, r))) else { return false };
            let have = r.0.validity(r.1);
            days.as_ref().map_or(have.is_always(), |d| d.subtract(&have).is_empty())
        };
        let mut out = Buffer::new(self.arity);
        for (k, days) in kept {
            let row = self.row(k);
            if !held(row, &days) {
                out.push(row, days.as_ref())?;
            }
        }
        *self = out;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Buffer;
    use crate::time::{Day, Interval, IntervalSet};

    fn days(from: i32, to: i32) -> IntervalSet {
        IntervalSet::from(Interval { from: Day(738_000 + from), to: Day(738_000 + to) })
    }

    fn rows(b: &Buffer) -> Vec<(Vec<u32>, Option<IntervalSet>)> {
        (0..b.len()).map(|k| (b.row(k).to_vec(), b.days(k).cloned())).collect()
    }

    #[test]
    fn pieces_appended_in_order_are_the_whole() {
        let input: Vec<(u32, Option<IntervalSet>)> =
            vec![(1, None), (2, Some(days(0, 3))), (3, None), (4, None), (5, Some(days(5, 9))), (6, None)];
        let mut whole = Buffer::new(1);
        input.iter().for_each(|(id, d)| whole.push(&[*id], d.as_ref()).expect("memory"));
        for cut in 0..=input.len() {
            for cut2 in cut..=input.len() {
                let mut parts = [Buffer::new(1), Buffer::new(1), Buffer::new(1)];
                for (k, (id, d)) in input.iter().enumerate() {
                    let part = if k < cut {
                        0
                    } else if k < cut2 {
                        1
                    } else {
                        2
                    };
                    parts[part].push(&[*id], d.as_ref()).expect("memory");
                }
                let [mut a, b, c] = parts;
                a.append(b).expect("memory");
                a.append(c).expect("memory");
                assert_eq!(rows(&a), rows(&whole), "cut at {cut} and {cut2}");
            }
        }
    }
}
