//! Country names, from the kb's `country_name` table: the name shown beside a code (the first the kb states for
//! it), and the code a name or alias stands for (`uk`, `vietnam`, `united_kingdom`), for hints, answers and
//! completion.

use crate::db::Database;
use crate::query::show;
use crate::symbol::Symbol;
use crate::value::Value;
use std::collections::BTreeMap;

/// The country names of a kb: the name shown beside each code, and the code of each name or alias.
#[derive(Clone, Debug, Default)]
pub struct CountryNames {
    /// Each code's first name, by statement order.
    shown: BTreeMap<Value, String>,
    /// Every name and alias, normalised (lower case, `_` as a space), with its code.
    codes: BTreeMap<String, Value>,
}

/// A name as looked up: lower case, underscores and runs of white space as one space.
fn normalise(text: &str) -> String {
    text.to_lowercase().replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

impl CountryNames {
    /// Reads the `country_name` facts of the database; empty when it has none.
    pub fn of(db: &Database) -> CountryNames {
        let mut names = CountryNames::default();
        let Some(relation) = db.store.relation(Symbol::from("country_name")) else { return names };
        let mut first: BTreeMap<Value, (u32, String)> = BTreeMap::new();
        for (tuple, facts) in &relation.tuples {
            let [code @ Value::Sym(_), Value::Sym(name)] = tuple.as_slice() else { continue };
            let order = facts.statements.iter().map(|s| s.0).min().unwrap_or(u32::MAX);
            let entry = first.entry(*code).or_insert((order, name.to_string()));
            if order < entry.0 {
                *entry = (order, name.to_string());
            }
            names.codes.entry(normalise(name)).or_insert(*code);
        }
        names.shown = first.into_iter().map(|(code, (_, name))| (code, name)).collect();
        names
    }

    /// The name shown beside a country code.
    pub fn name(&self, code: &Value) -> Option<&str> {
        self.shown.get(code).map(String::as_str)
    }

    /// The code whose name or alias `text` is, case and `_` aside.
    pub fn code_of(&self, text: &str) -> Option<Value> {
        self.codes.get(&normalise(text)).copied()
    }

    /// True when the kb names no country.
    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// `gb (United Kingdom)`, or the value alone when it is no country.
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

    /// The names of the countries among `values`, by code as shown (`{"VN": "Viet Nam"}`); `None` when there
    /// is none.
    pub fn json(&self, db: &Database, values: &[Value]) -> Option<serde_json::Value> {
        let mut map = serde_json::Map::new();
        for value in values {
            if let (Some(name), true) = (self.name(value), show::is_country(db, value)) {
                map.insert(show::show(db, value), serde_json::Value::from(name));
            }
        }
        (!map.is_empty()).then_some(serde_json::Value::Object(map))
    }
}
