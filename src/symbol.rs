//! Interned strings: predicate names, source names and symbol values. A `Symbol` is one pointer; equal texts
//! share one pointer, so comparing and hashing are pointer operations, while ordering is by text so that sorted
//! output never depends on interning order.
//!
//! Written here rather than taken from a crate: the interner we used (ustr) zeroes a 12 MB table at start-up,
//! which alone took 15% of a 20 ms cold start; this one grows with what it holds. Texts live back to back in
//! leaked arena chunks and each symbol's `&str` in a chunk of such references, so a symbol costs its text, 16
//! bytes and its table slot, with no allocation of its own (half a million answers from a fact file intern half a
//! million symbols).

use hashbrown::HashTable;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::{Mutex, OnceLock};

/// A thin pointer to an interned `&'static str`: one word, where `&'static str` would be two (and every `Value`
/// with it).
#[derive(Clone, Copy)]
pub struct Symbol(&'static &'static str);

/// Bytes of text per arena chunk (a longer text gets a chunk of its own).
const TEXT_CHUNK: usize = 64 << 10;
/// References per chunk.
const REF_CHUNK: usize = 4096;

/// Every interned text: the table finds a text's symbol; texts and references are carved from leaked chunks,
/// safely (`split_at_mut` hands out each piece once), and live as long as the process, like the names they are.
#[derive(Default)]
struct Table {
    set: HashTable<Symbol>,
    text: &'static mut [u8],
    refs: &'static mut [&'static str],
}

fn hash_text(text: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(text)
}

impl Table {
    fn store(&mut self, text: &str) -> Symbol {
        let bytes = text.len();
        if self.text.len() < bytes {
            let size = if bytes > TEXT_CHUNK / 4 { bytes } else { TEXT_CHUNK };
            let fresh = Box::leak(vec![0u8; size].into_boxed_slice());
            if bytes > TEXT_CHUNK / 4 {
                return self.reference(store_in(fresh, text).0);
            }
            self.text = fresh;
        }
        let (stored, rest) = store_in(std::mem::take(&mut self.text), text);
        self.text = rest;
        self.reference(stored)
    }

    fn reference(&mut self, text: &'static str) -> Symbol {
        if self.refs.is_empty() {
            self.refs = Box::leak(vec![""; REF_CHUNK].into_boxed_slice());
        }
        let (first, rest) = std::mem::take(&mut self.refs).split_first_mut().expect("a chunk is never empty");
        *first = text;
        self.refs = rest;
        Symbol(first)
    }
}

/// Copies `text` to the front of `chunk`: the copy, and the rest of the chunk.
fn store_in(chunk: &'static mut [u8], text: &str) -> (&'static str, &'static mut [u8]) {
    let (head, rest) = chunk.split_at_mut(text.len());
    head.copy_from_slice(text.as_bytes());
    // The bytes were a `str`'s: always UTF-8.
    (std::str::from_utf8(head).unwrap_or_default(), rest)
}

fn table() -> &'static Mutex<Table> {
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

impl Symbol {
    /// The symbol of `text`, interning it on first use (takes the table's lock).
    pub fn new(text: &str) -> Symbol {
        let hash = hash_text(text);
        // A poisoned lock only means another thread panicked while holding it; the set itself is still sound.
        let mut table = table().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(existing) = table.set.find(hash, |s| s.as_str() == text) {
            return *existing;
        }
        let symbol = table.store(text);
        table.set.insert_unique(hash, symbol, |s| hash_text(s.as_str()));
        symbol
    }

    /// The text the symbol stands for.
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl From<&str> for Symbol {
    fn from(text: &str) -> Symbol {
        Symbol::new(text)
    }
}

impl From<&&str> for Symbol {
    fn from(text: &&str) -> Symbol {
        Symbol::new(text)
    }
}

impl From<&String> for Symbol {
    fn from(text: &String) -> Symbol {
        Symbol::new(text)
    }
}

impl PartialEq for Symbol {
    fn eq(&self, other: &Symbol) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Symbol {}

impl Hash for Symbol {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.0 as *const &str as usize).hash(state);
    }
}

impl PartialOrd for Symbol {
    fn partial_cmp(&self, other: &Symbol) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Symbol {
    fn cmp(&self, other: &Symbol) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::ops::Deref for Symbol {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_are_one_symbol_and_order_by_text() {
        let (a, b) = (Symbol::from("vn"), Symbol::from(&String::from("vn")));
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert!(Symbol::from("b") > Symbol::from("a"));
        assert_ne!(Symbol::from("a"), Symbol::from("b"));
    }
}
