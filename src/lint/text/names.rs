//! Country names to codes, from the kb's `country_name(C, "Name")` facts, matched case-insensitively and ignoring
//! a leading "the"; and splitting a printed enumeration ("A, B and C") into names.

use crate::db::Database;
use crate::symbol::Symbol;
use crate::value::Value;
use std::collections::HashMap;

pub struct CountryTable {
    names: HashMap<String, Symbol>,
}

/// Lower case, white space collapsed, surrounding punctuation and a leading "the" removed.
pub fn normalize(name: &str) -> String {
    let trimmed = name.trim_matches(|c: char| c.is_whitespace() || ",.;:*".contains(c));
    let words: Vec<String> = trimmed.split_whitespace().map(str::to_lowercase).collect();
    let words = match words.split_first() {
        Some((first, rest)) if first == "the" && !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
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
        CountryTable { names }
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
        let key = normalize(name);
        if let Some(code) = self.names.get(&key) {
            return Some(*code);
        }
        let bare = key.split(" (").next().unwrap_or(&key);
        self.names.get(normalize(bare).as_str()).copied()
    }
}

/// One name of an enumeration, with its byte offset in the document and its code when it is a country.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    pub text: String,
    pub offset: usize,
    pub code: Option<Symbol>,
}

/// Splits "A, B,C and D." into names. A comma always separates; " and " separates only when every part is a
/// country, so that "Trinidad and Tobago" stays whole. "etc." is not a name.
pub fn split_names(table: &CountryTable, text: &str, base: usize) -> Vec<Name> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split(',') {
        let offset = base + start;
        start += piece.len() + 1;
        let lead = piece.len() - piece.trim_start().len();
        let mut body = piece.trim();
        if let Some(rest) = body.strip_prefix("and ") {
            body = rest;
        }
        let body_offset = offset + lead + (piece.trim().len() - body.len());
        let key = normalize(body);
        if key.is_empty() || key == "etc" {
            continue;
        }
        out.extend(split_and(table, body, body_offset));
    }
    out
}

fn split_and(table: &CountryTable, body: &str, offset: usize) -> Vec<Name> {
    let whole = || vec![Name { text: clean(body), offset, code: table.lookup(body) }];
    if table.lookup(body).is_some() || !body.contains(" and ") {
        return whole();
    }
    let mut parts = Vec::new();
    let mut at = 0;
    for part in body.split(" and ") {
        parts.push(Name { text: clean(part), offset: offset + at, code: table.lookup(part) });
        at += part.len() + " and ".len();
    }
    if parts.iter().all(|p| p.code.is_some()) {
        parts
    } else {
        whole()
    }
}

fn clean(name: &str) -> String {
    name.trim_matches(|c: char| c.is_whitespace() || ",.;:*".contains(c)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> CountryTable {
        let pairs = [("Trinidad and Tobago", "tt"), ("Egypt", "eg"), ("Georgia", "ge"), ("Myanmar", "mm")];
        CountryTable { names: pairs.iter().map(|(n, c)| (normalize(n), Symbol::from(c))).collect() }
    }

    #[test]
    fn names_split_on_commas_and_on_and_between_countries() {
        let names = split_names(&table(), "Trinidad and Tobago, Egypt and Georgia, the Myanmar (Burma).", 0);
        let codes: Vec<_> = names.iter().map(|n| n.code.map(|c| c.to_string())).collect();
        assert_eq!(codes, [Some("tt".into()), Some("eg".into()), Some("ge".into()), Some("mm".into())]);
        assert_eq!(names[2].offset, "Trinidad and Tobago, Egypt and ".len());
    }

    #[test]
    fn unknown_names_stay_whole() {
        let names = split_names(&table(), "Virgin Islands and Narnia, etc.", 0);
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].code, None);
    }
}
