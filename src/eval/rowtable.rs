//! The dedup table of a relation: open addressing with linear probing over one `u64` per slot, the row number
//! and 32 bits of the row's hash side by side, at most 13/16 full (at 5/8 a closure of 12.6 million pairs needed
//! 2^25 slots, 268 MB, twice its rows; at 13/16 it fits 2^24, and a lookup that misses still reads about one
//! cache line, since eight slots share one). One cache line answers most lookups without reading the row; the
//! stored hash makes growing the table a pass that never reads a row; and because a slot's address follows from
//! the hash alone, a batch of inserts can prefetch its slots ahead (`prefetch`), so the cache misses of a large
//! relation overlap instead of queueing. Deletion is never needed: relations only grow.

const EMPTY: u64 = u64::MAX;
/// The table grows before it is more than `MAX_FILL` sixteenths full.
const MAX_FILL: usize = 13;

#[derive(Clone, Debug, Default)]
pub struct RowTable {
    slots: Vec<u64>,
    /// log2 of the number of slots (0 while there are none).
    bits: u32,
    len: usize,
}

/// The slot a hash starts probing at: the top bits of a multiplicative mix.
fn home(hash: u32, bits: u32) -> usize {
    if bits == 0 {
        return 0;
    }
    (u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

fn pack(row: u32, hash: u32) -> u64 {
    (u64::from(hash) << 32) | u64::from(row)
}

/// What `insert` found.
pub enum Slot {
    Existing(u32),
    Inserted,
}

impl RowTable {
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// The row with this hash for which `same` holds.
    #[inline]
    pub fn find(&self, hash: u32, same: impl Fn(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = home(hash, self.bits);
        loop {
            let slot = self.slots[at];
            if slot == EMPTY {
                return None;
            }
            if (slot >> 32) as u32 == hash && same(slot as u32) {
                return Some(slot as u32);
            }
            at = (at + 1) & mask;
        }
    }

    /// Finds the row with this hash for which `same` holds, or records `row` (which must be new) under it.
    #[inline]
    pub fn insert(&mut self, hash: u32, row: u32, same: impl Fn(u32) -> bool) -> Slot {
        if (self.len + 1) * 16 > self.slots.len() * MAX_FILL {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = home(hash, self.bits);
        loop {
            let slot = self.slots[at];
            if slot == EMPTY {
                self.slots[at] = pack(row, hash);
                self.len += 1;
                return Slot::Inserted;
            }
            if (slot >> 32) as u32 == hash && same(slot as u32) {
                return Slot::Existing(slot as u32);
            }
            at = (at + 1) & mask;
        }
    }

    /// Makes room for `more` rows without growing again, so that a batch's prefetched slots stay where they are;
    /// an error, and the table as it was, when the system refuses the memory.
    pub fn try_reserve(&mut self, more: usize) -> Result<(), std::collections::TryReserveError> {
        while (self.len + more) * 16 > self.slots.len() * MAX_FILL {
            let mut slots = Vec::new();
            slots.try_reserve_exact(1 << self.next_bits())?;
            slots.resize(1 << self.next_bits(), EMPTY);
            self.rehash(slots);
        }
        Ok(())
    }

    /// Hints the processor to load the slot a hash starts at (a no-op where prefetching is not available).
    #[inline]
    pub fn prefetch(&self, hash: u32) {
        if self.slots.is_empty() {
            return;
        }
        let at = home(hash, self.bits);
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `at` is in bounds, and a prefetch only hints the cache: it never faults or changes memory.
        unsafe {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            _mm_prefetch::<_MM_HINT_T0>(self.slots.as_ptr().add(at) as *const i8);
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = at;
    }

    fn next_bits(&self) -> u32 {
        (self.bits + 1).max(4)
    }

    fn grow(&mut self) {
        self.rehash(vec![EMPTY; 1 << self.next_bits()]);
    }

    /// Moves every slot into `slots` (empty, twice the size), which becomes the table.
    fn rehash(&mut self, slots: Vec<u64>) {
        let bits = self.next_bits();
        let old = std::mem::replace(&mut self.slots, slots);
        self.bits = bits;
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|s| *s != EMPTY) {
            let mut at = home((slot >> 32) as u32, bits);
            while self.slots[at] != EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }
}
