//! Interned strings: predicate names, source names and symbol values. A `Symbol` is one pointer; equal texts
//! share one pointer, so comparing and hashing are pointer operations, while ordering is by text so that sorted
//! output never depends on interning order.
//!
//! Written here rather than taken from a crate: the interner we used (ustr) zeroes a 12 MB table at start-up,
//! which alone took 15% of a 20 ms cold start; this one grows with what it holds.

use rustc_hash::FxHashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

/// A thin pointer to a leaked `Box<str>`: one word, where `&'static str` would be two (and every `Value` with it).
#[derive(Clone, Copy)]
#[allow(clippy::borrowed_box)]
pub struct Symbol(&'static Box<str>);

/// Every interned text, leaked: symbols live as long as the process, like the texts they name.
type Table = FxHashMap<&'static str, &'static Box<str>>;

fn table() -> &'static Mutex<Table> {
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

impl Symbol {
    /// The symbol of `text`, interning it on first use (takes the table's lock).
    #[allow(clippy::borrowed_box)]
    pub fn new(text: &str) -> Symbol {
        // A poisoned lock only means another thread panicked while holding it; the set itself is still sound.
        let mut table = table().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(existing) = table.get(text) {
            return Symbol(existing);
        }
        let leaked: &'static Box<str> = Box::leak(Box::new(Box::from(text)));
        table.insert(leaked, leaked);
        Symbol(leaked)
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
        (self.0 as *const Box<str> as usize).hash(state);
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
