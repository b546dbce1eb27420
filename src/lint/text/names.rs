//! Country names to codes, from the kb's `country_name(C, "Name")` facts, matched case-insensitively and ignoring
//! a leading "the" and a trailing bracket ("Myanmar (Burma)").

use crate::db::Database;
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

/// Lower case, white space collapsed, surrounding punctuation and a leading "the" removed.
pub fn normalize(name: &str) -> String {
    let trimmed = name.trim_matches(|c: char| c.is_whitespace() || ",.;:*".contains(c));
    let mut words = trimmed.split_whitespace().peekable();
    if words.peek().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        let the = words.next();
        if words.peek().is_none() {
            return the.map(str::to_lowercase).unwrap_or_default();
        }
    }
    // One string for the whole name: this runs for every item of every list.
    let mut out = String::with_capacity(trimmed.len());
    for (k, word) in words.enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

impl CountryTable {
    pub fn from_db(db: &Database) -> CountryTable {
        let mut names = HashMap::new();
        if let Some(relation) = db.store.relation(Symbol::from("country_name")) {
            for (tuple, _) in relation.tuples.iter() {
                if let [Value::Sym(code), Value::Sym(name)] = tuple.as_slice() {
                    names.insert(normalize(name), *code);
                }
            }
        }
        CountryTable::new(names)
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
        CountryTable::new(pairs.iter().map(|(n, c)| (normalize(n), Symbol::from(*c))).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every name (normalized) with its code, in no particular order: for matching names inside running text.
    pub fn entries(&self) -> impl Iterator<Item = (&str, Symbol)> + '_ {
        self.names.iter().map(|(name, code)| (name.as_str(), *code))
    }

    /// The code of a printed name; a trailing parenthesis ("Myanmar (Burma)") is tried without it too.
    pub fn lookup(&self, name: &str) -> Option<Symbol> {
        // "the " and a bracket may make a printed name longer than any name of the table, but not much.
        if name.len() > 2 * self.longest + 16 || !self.may_name(name) {
            return None;
        }
        let key = normalize(name);
        if key.is_empty() {
            return None;
        }
        if let Some(code) = self.names.get(&key) {
            return Some(*code);
        }
        // Only a bracket that ends the name is left out: "Egypt (daily) and the UAE" is not Egypt.
        let bare = key.strip_suffix(')').and_then(|k| k.rfind(" (").map(|p| &key[..p]))?;
        self.names.get(normalize(bare).as_str()).copied()
    }
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
    }
}
