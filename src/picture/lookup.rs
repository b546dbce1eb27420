//! What pictures look up in the kb besides answers: a country's name, and the quotes a source gives.

use crate::db::Database;
use crate::symbol::Symbol;
use crate::value::{Tuple, Value};
use std::collections::BTreeMap;

/// Country names and quotes by source, read once from the store.
#[derive(Default)]
pub struct Lookup {
    names: BTreeMap<Value, String>,
    /// For each source, the tuples its citations support and the quote given, in statement order.
    quotes: BTreeMap<Symbol, Vec<(Tuple, String)>>,
}

impl Lookup {
    /// Reads the country names and every citation's quote from the store.
    pub fn new(db: &Database) -> Lookup {
        let mut lookup = Lookup::default();
        let country_name = Symbol::from("country_name");
        // The first name stated for a code is its ISO short name (countries.tkb lists that one first).
        let mut first: BTreeMap<Value, (crate::program::AssertionId, String)> = BTreeMap::new();
        for (id, a) in db.store.assertions() {
            if a.pred == country_name && a.tuple.len() == 2 {
                let name = a.tuple[1].to_string();
                first.entry(a.tuple[0]).or_insert((id, name));
            }
            for cite in &a.cites {
                if let Some(quote) = &cite.quote {
                    lookup.quotes.entry(cite.source).or_default().push((a.tuple.clone(), quote.clone()));
                }
            }
        }
        lookup.names = first.into_iter().map(|(code, (_, name))| (code, name)).collect();
        lookup
    }

    /// The name of a country code (`vn` → "Viet Nam"), `None` for anything that is not a country.
    pub fn name(&self, value: &Value) -> Option<&str> {
        self.names.get(value).map(String::as_str)
    }

    /// The quote `source` gives for a fact about `values`: the first whose tuple contains all of them, else the
    /// source's first quote.
    pub fn quote(&self, source: &str, values: &[Value]) -> Option<&str> {
        let quotes = self.quotes.get(&Symbol::from(source))?;
        let about = quotes.iter().find(|(tuple, _)| values.iter().all(|v| tuple.contains(v)));
        about.or(quotes.first()).map(|(_, q)| q.as_str())
    }
}
