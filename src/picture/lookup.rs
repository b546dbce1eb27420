//! What pictures look up in the kb besides answers: a country's name, and the quotes a source gives.

use crate::db::Database;
use crate::query::names::CountryNames;
use crate::symbol::Symbol;
use crate::value::{Tuple, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Country names (from their one home, `query::names`) and quotes by source, read once from the store.
#[derive(Default)]
pub struct Lookup {
    names: Arc<CountryNames>,
    /// For each source, the tuples its citations support and the quote given, in statement order.
    quotes: BTreeMap<Symbol, Vec<(Tuple, String)>>,
}

impl Lookup {
    /// Takes the kb's country names and reads every citation's quote from the store.
    pub fn new(db: &Database) -> Lookup {
        let mut lookup = Lookup { names: CountryNames::of(db), ..Lookup::default() };
        for (_, a) in db.store.assertions() {
            for cite in &a.cites {
                if let Some(quote) = &cite.quote {
                    lookup.quotes.entry(cite.source).or_default().push((a.tuple.clone(), quote.clone()));
                }
            }
        }
        lookup
    }

    /// The name of a country code (`vn` → "Viet Nam", the first name the kb states for it), `None` for anything
    /// that is not a country.
    pub fn name(&self, value: &Value) -> Option<&str> {
        self.names.name(value)
    }

    /// The quote `source` gives for a fact about `values`: the first whose tuple contains all of them, else the
    /// source's first quote.
    pub fn quote(&self, source: &str, values: &[Value]) -> Option<&str> {
        let quotes = self.quotes.get(&Symbol::from(source))?;
        let about = quotes.iter().find(|(tuple, _)| values.iter().all(|v| tuple.contains(v)));
        about.or(quotes.first()).map(|(_, q)| q.as_str())
    }
}
