//! An index of a relation on some of its columns, as chained lists: the latest row of each key, and per row the
//! previous row with the same key, so appending a row extends the index in O(1) and never moves a row.
//!
//! A key of one column whose ids are dense (a dictionary gives ids `0..n` in order of first use) is looked up in
//! a plain array indexed by the id: no hash, no comparison, one load. Other keys go through a hash table of rows.

use super::dict::Id;
use hashbrown::HashTable;
use std::hash::Hasher;

/// The end of an index chain.
pub const END: u32 = u32::MAX;

/// A one-column key stays dense while the array it needs is at most this many times the rows, plus a few pages:
/// beyond that (a few rows holding large ids) the hash table is smaller.
const DENSE_SPREAD: usize = 8;
const DENSE_SLACK: usize = 4096;

/// Hashes ids the way every table of a relation does.
pub fn hash_ids(ids: impl Iterator<Item = Id>) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for id in ids {
        h.write_u32(id);
    }
    h.finish()
}

#[derive(Debug, Clone)]
enum Heads {
    /// By the key's id: the latest row with that id, `END` for none.
    Dense(Vec<u32>),
    /// Key -> the latest row with that key.
    Hashed(HashTable<u32>),
}

/// The index of a relation on the columns `cols`.
#[derive(Debug, Clone)]
pub struct Index {
    cols: Vec<usize>,
    heads: Heads,
    /// Row -> the previous row with the same key (`END` for the first).
    next: Vec<u32>,
}

impl Index {
    /// An empty index on `cols` (in column order).
    pub fn new(cols: Vec<usize>) -> Index {
        let heads = if cols.len() == 1 { Heads::Dense(Vec::new()) } else { Heads::Hashed(HashTable::new()) };
        Index { cols, heads, next: Vec::new() }
    }

    /// The number of rows indexed (rows `0..covered()`).
    pub fn covered(&self) -> usize {
        self.next.len()
    }

    /// Makes room for `more` rows in the chains; an error when the system refuses the memory.
    pub fn try_reserve(&mut self, more: usize) -> Result<(), std::collections::TryReserveError> {
        self.next.try_reserve(more)
    }

    /// Indexes rows `covered()..len` of `rows` (packed, `arity` ids each).
    pub fn extend(&mut self, rows: &[Id], arity: usize, len: usize) {
        let from = self.next.len();
        if from >= len {
            return;
        }
        self.next.reserve(len - from);
        if let Heads::Dense(heads) = &mut self.heads {
            let col = self.cols[0];
            let top = (from..len).map(|r| rows[r * arity + col] as usize).max().unwrap_or(0);
            if top < len * DENSE_SPREAD + DENSE_SLACK {
                if heads.len() <= top {
                    heads.resize(top + 1, END);
                }
                for r in from..len {
                    let key = rows[r * arity + col] as usize;
                    self.next.push(std::mem::replace(&mut heads[key], r as u32));
                }
                return;
            }
            // Too sparse for an array: rebuilt as a hash table from the first row.
            self.heads = Heads::Hashed(HashTable::new());
            self.next.clear();
        }
        let Heads::Hashed(heads) = &mut self.heads else { return };
        let cols = &self.cols;
        let key_hash = |r: u32| hash_ids(cols.iter().map(|&c| rows[r as usize * arity + c]));
        for r in self.next.len() as u32..len as u32 {
            let same = |&h: &u32| cols.iter().all(|&c| rows[h as usize * arity + c] == rows[r as usize * arity + c]);
            match heads.entry(key_hash(r), same, |&h| key_hash(h)) {
                hashbrown::hash_table::Entry::Occupied(mut e) => {
                    self.next.push(*e.get());
                    *e.get_mut() = r;
                }
                hashbrown::hash_table::Entry::Vacant(e) => {
                    self.next.push(END);
                    e.insert(r);
                }
            }
        }
    }

    /// The latest row whose key columns equal `key`, or `END`.
    #[inline]
    pub fn head(&self, rows: &[Id], arity: usize, key: &[Id]) -> u32 {
        match &self.heads {
            Heads::Dense(heads) => heads.get(key[0] as usize).copied().unwrap_or(END),
            Heads::Hashed(heads) => {
                let hash = hash_ids(key.iter().copied());
                let cols = &self.cols;
                heads
                    .find(hash, |&h| cols.iter().zip(key).all(|(&c, k)| rows[h as usize * arity + c] == *k))
                    .copied()
                    .unwrap_or(END)
            }
        }
    }

    /// The row before `row` in its chain, or `END`.
    #[inline]
    pub fn next(&self, row: u32) -> u32 {
        self.next[row as usize]
    }

    /// Approximate heap bytes.
    pub fn heap_bytes(&self) -> usize {
        self.next.capacity() * 4
            + match &self.heads {
                Heads::Dense(heads) => heads.capacity() * 4,
                Heads::Hashed(heads) => heads.capacity() * 5,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::{Index, END};

    fn chain(index: &Index, rows: &[u32], arity: usize, key: &[u32]) -> Vec<u32> {
        let mut out = Vec::new();
        let mut at = index.head(rows, arity, key);
        while at != END {
            out.push(at);
            at = index.next(at);
        }
        out
    }

    #[test]
    fn dense_and_hashed_keys_chain_the_same_rows() {
        // Pairs (x, y); the index on column 1 is dense, the one on both columns hashed.
        let rows: Vec<u32> = vec![0, 5, 1, 5, 2, 7, 1, 5];
        let mut by_y = Index::new(vec![1]);
        by_y.extend(&rows, 2, 3);
        by_y.extend(&rows, 2, 4);
        assert_eq!(chain(&by_y, &rows, 2, &[5]), vec![3, 1, 0]);
        assert_eq!(chain(&by_y, &rows, 2, &[7]), vec![2]);
        assert_eq!(chain(&by_y, &rows, 2, &[6]), Vec::<u32>::new());
        assert_eq!(chain(&by_y, &rows, 2, &[99]), Vec::<u32>::new());
        let mut both = Index::new(vec![0, 1]);
        both.extend(&rows, 2, 4);
        assert_eq!(chain(&both, &rows, 2, &[1, 5]), vec![3, 1]);
    }

    #[test]
    fn a_sparse_key_falls_back_to_hashing() {
        let rows: Vec<u32> = vec![3, 4_000_000_000, 3];
        let mut index = Index::new(vec![0]);
        index.extend(&rows, 1, 1);
        index.extend(&rows, 1, 3);
        assert_eq!(chain(&index, &rows, 1, &[3]), vec![2, 0]);
        assert_eq!(chain(&index, &rows, 1, &[4_000_000_000]), vec![1]);
    }
}
