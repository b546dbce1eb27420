//! The kb's country names as the raw-text reader looks them up: the names and aliases and the way names are
//! compared come from the one home of country names (`query::names`: `CountryNames`, `key`); this keeps the
//! reader's index over them (the longest name and every first word, so that most list items of prose are
//! decided without building a key) and its rules of its own: a bracket is left out only when it ends the
//! printed name ("Myanmar (Burma)", but not "Egypt (daily) and the UAE"), and initials with full stops are the
//! name's abbreviation ("U.S.A." is "USA", "the U.K." is "UK").

use crate::db::Database;
use crate::query::names::{key, CountryNames};
use crate::symbol::Symbol;
use crate::value::Value;
use std::collections::HashMap;

pub struct CountryTable {
    names: HashMap<String, Symbol>,
    /// The longest name in bytes: a longer text is no name, whatever it says.
    longest: usize,
    /// The first word of every name: a text whose first word is none of them is no name (most list items of
    /// prose are decided here, without building their key).
    first_words: std::collections::HashSet<String>,
}

impl CountryTable {
    /// The names and aliases of the kb's `country_name` facts, each with the code `query::names` gives it.
    pub fn from_db(db: &Database) -> CountryTable {
        let names = CountryNames::of(db);
        let pairs = names.keys().filter_map(|(k, code)| match code {
            Value::Sym(code) => Some((k.to_string(), code)),
            _ => None,
        });
        CountryTable::new(pairs.collect())
    }

    fn new(names: HashMap<String, Symbol>) -> CountryTable {
        let longest = names.keys().map(String::len).max().unwrap_or(0);
        let first_words = names
            .keys()
            .filter_map(|n| n.split(' ').next())
            .map(|w| w.trim_matches(|c: char| ",.;:*".contains(c)).to_string())
            .collect();
        CountryTable { names, longest, first_words }
    }

    /// Whether `name` may be a name of the table, from its first word (after "the").
    fn may_name(&self, name: &str) -> bool {
        let mut words = name.split_whitespace().map(|w| w.trim_matches(|c: char| ",.;:*".contains(c)));
        let first = match words.next() {
            Some(w) if w.eq_ignore_ascii_case("the") => words.next().unwrap_or(w),
            Some(w) => w,
            None => return false,
        };
        self.first_words.contains(first) || self.first_words.contains(&first.to_lowercase())
    }

    /// A table of the given `(name, code)` pairs, for tests that need no kb.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> CountryTable {
        CountryTable::new(pairs.iter().map(|(n, c)| (key(n), Symbol::from(*c))).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every name (by its `key`) with its code, in no particular order: for matching names inside running text.
    pub fn entries(&self) -> impl Iterator<Item = (&str, Symbol)> + '_ {
        self.names.iter().map(|(name, code)| (name.as_str(), *code))
    }

    /// The code of a printed name; a trailing parenthesis ("Myanmar (Burma)") is tried without it too.
    pub fn lookup(&self, name: &str) -> Option<Symbol> {
        if let Some(initials) = undotted(name) {
            return self.names.get(&key(&initials)).copied();
        }
        // "the " and a bracket may make a printed name longer than any name of the table, but not much.
        if name.len() > 2 * self.longest + 16 || !self.may_name(name) {
            return None;
        }
        let k = key(name);
        if k.is_empty() {
            return None;
        }
        if let Some(code) = self.names.get(&k) {
            return Some(*code);
        }
        // Only a bracket that ends the name is left out: "Egypt (daily) and the UAE" is not Egypt.
        let bare = k.strip_suffix(')').and_then(|b| b.rfind(" (").map(|p| &k[..p]))?;
        self.names.get(key(bare).as_str()).copied()
    }
}

/// "U.S.A." as "USA", "the U.K" as "UK": capitals each followed by a full stop (the last one's may be missing),
/// two at least; `None` for anything else.
fn undotted(name: &str) -> Option<String> {
    let t = name.trim().trim_end_matches([',', ';', ':', '*']);
    let t = t.strip_prefix("the ").or_else(|| t.strip_prefix("The ")).unwrap_or(t).trim();
    if !t.contains('.') || t.len() > 16 {
        return None;
    }
    let mut initials = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_uppercase() {
            return None;
        }
        initials.push(c);
        match chars.next() {
            Some('.') => {}
            None => break,
            Some(_) => return None,
        }
    }
    (initials.chars().count() >= 2).then_some(initials)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_in_any_case_with_or_without_the() {
        let table = CountryTable::from_pairs(&[("United Kingdom", "gb"), ("Myanmar", "mm")]);
        assert_eq!(table.lookup("the United Kingdom,"), Some(Symbol::from("gb")));
        assert_eq!(table.lookup("UNITED KINGDOM"), Some(Symbol::from("gb")));
        assert_eq!(table.lookup("the Myanmar (Burma)."), Some(Symbol::from("mm")));
        assert_eq!(table.lookup("the"), None);
        assert_eq!(table.lookup("Myanmar (Burma) and the United Kingdom (daily)"), None);
        let korea = CountryTable::from_pairs(&[("Korea, Republic of", "kr")]);
        assert_eq!(korea.lookup("Korea, Republic of"), Some(Symbol::from("kr")));
        assert_eq!(table.lookup(""), None);
        let short = CountryTable::from_pairs(&[("USA", "us"), ("UK", "gb")]);
        assert_eq!(short.lookup("U.S.A."), Some(Symbol::from("us")));
        assert_eq!(short.lookup("the U.K.,"), Some(Symbol::from("gb")));
        assert_eq!(short.lookup("U.K"), Some(Symbol::from("gb")));
        assert_eq!(short.lookup("U.S."), None);
        assert_eq!(short.lookup("U.KK."), None);
        assert_eq!(short.lookup("A."), None);
    }
}
