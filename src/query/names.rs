//! The one home of country names, read from the kb's `country_name(C, "Name")` facts: the name shown beside a
//! code (the first the kb states for it, its ISO short name), and the code that a name or alias stands for
//! (`uk`, `vietnam`, `united_kingdom`, "the United Kingdom", "Myanmar (Burma)"). Hints, answers (tables, JSON),
//! completion, the linter's raw-text reader, drafting and the report's pages all read names through here, and
//! every name is compared through [`key`], so that one spelling matches everywhere or nowhere.

use crate::db::Database;
use crate::query::show;
use crate::symbol::Symbol;
use crate::value::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The country names of a kb: the name shown beside each code, and the code of each name or alias.
#[derive(Clone, Debug, Default)]
pub struct CountryNames {
    /// Each code's first name, by statement order.
    shown: BTreeMap<Value, String>,
    /// Every name and alias by its [`key`], with its code (the first statement's, when two codes share a name).
    codes: BTreeMap<String, Value>,
    /// Every name and alias as the kb writes it, with its code, in name order.
    written: Vec<(String, Value)>,
}

/// A name as names are compared: lower case; underscores, line breaks and runs of white space as one space;
/// surrounding white space and punctuation (`,.;:*`) and a leading "the" removed. `The United_Kingdom.` and
/// `united kingdom` have the same key.
pub fn key(text: &str) -> String {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || ",.;:*".contains(c));
    let words: Vec<String> = trimmed
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let words = match words.split_first() {
        Some((first, rest)) if first == "the" && !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

impl CountryNames {
    /// The country names of the database: read from its `country_name` facts once and kept until its data
    /// changes (every answer shows names, so no answer builds the table); empty when it has none.
    pub fn of(db: &Database) -> Arc<CountryNames> {
        db.derived(CountryNames::read)
    }

    /// Reads the `country_name` facts of the database.
    fn read(db: &Database) -> CountryNames {
        let mut names = CountryNames::default();
        let Some(relation) = db.store.relation(Symbol::from("country_name")) else { return names };
        let mut first: BTreeMap<Value, (u32, String)> = BTreeMap::new();
        let mut by_key: BTreeMap<String, (u32, Value)> = BTreeMap::new();
        for (tuple, facts) in &relation.tuples {
            let [code @ Value::Sym(_), Value::Sym(name)] = tuple.as_slice() else { continue };
            let order = facts.statements.iter().map(|s| s.0).min().unwrap_or(u32::MAX);
            let entry = first.entry(*code).or_insert((order, name.to_string()));
            if order < entry.0 {
                *entry = (order, name.to_string());
            }
            let entry = by_key.entry(key(name)).or_insert((order, *code));
            if order < entry.0 {
                *entry = (order, *code);
            }
            names.written.push((name.to_string(), *code));
        }
        names.shown = first.into_iter().map(|(code, (_, name))| (code, name)).collect();
        names.codes = by_key.into_iter().map(|(k, (_, code))| (k, code)).collect();
        names.written.sort();
        names
    }

    /// The name shown beside a country code.
    pub fn name(&self, code: &Value) -> Option<&str> {
        self.shown.get(code).map(String::as_str)
    }

    /// The code whose name or alias `text` is (compared by [`key`]); a trailing parenthesis, as in
    /// "Myanmar (Burma)", is tried without it too.
    pub fn code_of(&self, text: &str) -> Option<Value> {
        let k = key(text);
        if let Some(code) = self.codes.get(&k) {
            return Some(*code);
        }
        let bare = k.split(" (").next().unwrap_or(&k);
        self.codes.get(&key(bare)).copied()
    }

    /// Every name and alias by its [`key`], with its code: for finding names in running text.
    pub fn keys(&self) -> impl Iterator<Item = (&str, Value)> {
        self.codes.iter().map(|(k, code)| (k.as_str(), *code))
    }

    /// Every name and alias as the kb writes it, with its code, in name order: for completion.
    pub fn written(&self) -> impl Iterator<Item = (&str, Value)> {
        self.written.iter().map(|(name, code)| (name.as_str(), *code))
    }

    /// True when the kb names no country.
    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// `gb (United Kingdom)`, or the value alone when it is no country: how hints name a suggested value.
    pub fn describe(&self, value: &Value) -> String {
        match self.name(value) {
            Some(name) => format!("{value} ({name})"),
            None => value.to_string(),
        }
    }

    /// Every code with its name, in code order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &str)> {
        self.shown.iter().map(|(code, name)| (code, name.as_str()))
    }
}

impl CountryNames {
    /// For each answer column of `result`, whether some answer holds a country code there: such a column is
    /// followed by the countries' names in tables.
    pub fn columns(&self, db: &Database, result: &super::QueryResult) -> Vec<bool> {
        let mut named = vec![false; result.vars.len()];
        if self.is_empty() {
            return named;
        }
        for k in 0..result.answers.len() {
            for (col, value) in result.answers.values(k).iter().enumerate() {
                if !named[col] && self.name(value).is_some() && show::is_country(db, value) {
                    named[col] = true;
                }
            }
            if named.iter().all(|n| *n) {
                break;
            }
        }
        named
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn one_key_for_every_spelling_of_a_name() {
        for spelling in
            ["United Kingdom", "united_kingdom", "The United  Kingdom.", " the united kingdom, ", "UNITED\nKingdom"]
        {
            assert_eq!(key(spelling), "united kingdom", "{spelling:?}");
        }
        assert_eq!(key("The"), "the", "a lone `the` is a word, not an article");
        assert_eq!(key("Myanmar (Burma)"), "myanmar (burma)");
    }
}
