//! The distinct keys of one shard: their texts back to back in one arena, each key a `u32` number in order of
//! first appearance, found through a hash table of those numbers (the table holds 4 bytes a key, the arena the
//! text and one end offset). A key is the text of a tuple as the fact file writes it (its cells joined by tabs),
//! and equal texts are equal tuples: every value has one spelling (`value_of`).

use hashbrown::HashTable;
use std::hash::BuildHasher;

/// The hash of a key's text: fixed-seed foldhash, so the same file gives the same shards and row order on every
/// run, whatever the number of threads.
pub fn hash_key(key: &[u8]) -> u64 {
    foldhash::fast::FixedState::with_seed(0x7b6b).hash_one(key)
}

/// The arena is addressed with `u32` offsets: more text than this in one shard is an error, not a wrap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArenaFull;

/// Distinct key texts, numbered in order of first appearance.
#[derive(Debug, Default)]
pub struct Keys {
    text: Vec<u8>,
    /// Key `k` is `text[ends[k - 1]..ends[k]]` (from 0 for the first).
    ends: Vec<u32>,
}

impl Keys {
    /// How many distinct keys.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The text of key `k`.
    pub fn get(&self, k: u32) -> &[u8] {
        let k = k as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.text[start..self.ends[k] as usize]
    }

    fn push(&mut self, key: &[u8]) -> Result<u32, ArenaFull> {
        let end = u32::try_from(self.text.len() + key.len()).map_err(|_| ArenaFull)?;
        self.text.extend_from_slice(key);
        self.ends.push(end);
        Ok(self.ends.len() as u32 - 1)
    }

    /// A table over the keys, for `find` after loading (the loading table is dropped when the shard is built).
    pub fn index(&self) -> HashTable<u32> {
        let mut table = HashTable::with_capacity(self.len());
        for k in 0..self.len() as u32 {
            table.insert_unique(hash_key(self.get(k)), k, |k| hash_key(self.get(*k)));
        }
        table
    }

    /// The number of `key` through `table`, if it is one of the keys.
    pub fn find(&self, table: &HashTable<u32>, hash: u64, key: &[u8]) -> Option<u32> {
        table.find(hash, |k| self.get(*k) == key).copied()
    }

    /// Releases the room reserved for growth: the arena is read-only once loading ends.
    pub fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Keys while loading: the arena and the table that finds a text's number.
#[derive(Debug, Default)]
pub struct Interner {
    pub keys: Keys,
    table: HashTable<u32>,
}

impl Interner {
    /// The number of `key` (whose hash is `hash`), given on first appearance.
    pub fn intern(&mut self, hash: u64, key: &[u8]) -> Result<u32, ArenaFull> {
        if let Some(k) = self.keys.find(&self.table, hash, key) {
            return Ok(k);
        }
        let k = self.keys.push(key)?;
        let keys = &self.keys;
        self.table.insert_unique(hash, k, |k| hash_key(keys.get(*k)));
        Ok(k)
    }

    /// Room for `more` keys of about `bytes` bytes each beyond those held, so a large file grows the arena and
    /// the table once instead of doubling them step by step.
    pub fn reserve(&mut self, more: usize, bytes: usize) {
        self.keys.text.reserve(more * bytes);
        self.keys.ends.reserve(more);
        let keys = &self.keys;
        self.table.reserve(more, |k| hash_key(keys.get(*k)));
    }

    /// The number of keys and bytes of key text held.
    pub fn size(&self) -> (usize, usize) {
        (self.keys.len(), self.keys.text.len())
    }

    /// The keys, without the table.
    pub fn into_keys(mut self) -> Keys {
        self.keys.shrink();
        self.keys
    }
}
