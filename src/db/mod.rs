//! The database: declarations, base facts, rules and their stratification, with the evaluated model cached until
//! the next change. Statements enter here, checked, whether they come from kb files, scripts or the REPL.

mod load;
mod snapshot_claims;
mod stated_counts;

pub use load::Request;

use crate::diag::SourceMap;
use crate::eval::{self, Model};
use crate::program::{Claim, PredInfo, Rule, Source, Strata};
use crate::store::Store;
use crate::symbol::Symbol;
use crate::time::Day;
use crate::value::Value;
use std::cell::{RefCell, RefMut};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Database {
    pub files: SourceMap,
    pub sources: BTreeMap<Symbol, Source>,
    pub claims: Vec<Claim>,
    pub preds: BTreeMap<Symbol, PredInfo>,
    pub store: Store,
    pub rules: Vec<Rule>,
    pub strata: Strata,
    /// The day up to which statements count ("as known on"); `None`: everything.
    pub as_known: Option<Day>,
    model: RefCell<Option<Model>>,
    /// The store as known on each publication day, built on first use of "as known" and kept until the data
    /// changes: switching the "as known" day is a lookup, not a reload.
    snapshots: RefCell<Option<im::OrdMap<Day, Store>>>,
}

impl Database {
    /// Forgets what was computed from the data after any change to it.
    fn changed(&mut self) {
        *self.model.get_mut() = None;
        *self.snapshots.get_mut() = None;
    }

    /// The store as known on the session's "as known" day (all of it when none is set).
    pub fn visible_store(&self) -> std::borrow::Cow<'_, Store> {
        match self.as_known {
            None => std::borrow::Cow::Borrowed(&self.store),
            Some(day) => {
                let mut snapshots = self.snapshots.borrow_mut();
                let snapshots = snapshots.get_or_insert_with(|| self.store.known_snapshots());
                std::borrow::Cow::Owned(Store::known_on(snapshots, day))
            }
        }
    }

    /// The model, evaluated on first use after a change, with the base relations of `preds` added and the
    /// indexes `probes` built: everything a join over those predicates needs.
    pub fn model_for(&self, preds: &[Symbol], probes: &[(Symbol, u64)]) -> RefMut<'_, Model> {
        let mut slot = self.model.borrow_mut();
        if slot.as_ref().is_some_and(|m| m.interrupted) {
            *slot = None;
        }
        let model = slot.get_or_insert_with(|| Model {
            rels: eval::base_relations(&self.visible_store(), &self.rules),
            ..Model::default()
        });
        // Only the strata these predicates depend on: a question about base facts evaluates no rule at all.
        let wanted: Vec<Symbol> =
            if preds.is_empty() { self.strata.groups.iter().flatten().copied().collect() } else { preds.to_vec() };
        eval::extend(model, &self.rules, &self.strata, &wanted);
        for pred in preds {
            if !model.rels.contains_key(pred) {
                model.rels.insert(*pred, eval::base_relation(&self.visible_store(), *pred));
            }
        }
        for (pred, mask) in probes {
            model.rels.entry(*pred).or_default().ensure_index(*mask);
        }
        RefMut::map(slot, |m| m.as_mut().expect("set above"))
    }

    /// Adds base statements in bulk (from fact files), each tuple paired once.
    pub fn add_batch(&mut self, batch: Vec<crate::store::Assertion>) {
        self.store.extend(batch);
        self.changed();
    }

    /// Sets the "as known" day; the model is re-derived, the snapshots stay.
    pub fn set_as_known(&mut self, day: Option<Day>) {
        if self.as_known != day {
            self.as_known = day;
            *self.model.get_mut() = None;
        }
    }

    pub fn is_derived(&self, pred: Symbol) -> bool {
        self.rules.iter().any(|r| r.head.pred == pred)
    }

    /// True for symbols that are country codes: members of the `country/1` relation. They print in upper case.
    pub fn is_country(&self, value: &Value) -> bool {
        let country = Symbol::from("country");
        match value {
            Value::Sym(_) => {
                self.store.relation(country).is_some_and(|r| r.tuples.contains_key(&smallvec::smallvec![*value]))
            }
            _ => false,
        }
    }

    /// A value as users see it: country codes in upper case, strings quoted when they would not read as names.
    pub fn show(&self, value: &Value) -> String {
        match value {
            Value::Sym(s) if self.is_country(value) => s.to_uppercase(),
            other => other.to_string(),
        }
    }

    /// A ground atom as users see it: `pred(A, b)`, or `pred` with no arguments.
    pub fn show_atom(&self, pred: Symbol, values: &[Value]) -> String {
        let args: Vec<String> = values.iter().map(|v| self.show(v)).collect();
        crate::program::atom_text(pred, &args)
    }

    /// Whether any statement that `preds` rest on (directly, or through the rules deriving them) cites a source.
    /// When none does, answers have no provenance to find and the search for it is skipped.
    pub fn rests_on_citations(&self, preds: &[Symbol]) -> bool {
        let mut seen: std::collections::BTreeSet<Symbol> = Default::default();
        let mut pending: Vec<Symbol> = preds.to_vec();
        let store = self.visible_store();
        while let Some(pred) = pending.pop() {
            if !seen.insert(pred) {
                continue;
            }
            if store.relation(pred).is_some_and(|r| r.tuples.values().any(|f| f.cited)) {
                return true;
            }
            for rule in self.rules.iter().filter(|r| r.head.pred == pred) {
                pending.extend(rule.body.iter().filter_map(|l| l.atom().map(|a| a.pred)));
            }
        }
        false
    }

    pub fn known_predicate(&self, pred: Symbol) -> bool {
        self.preds.contains_key(&pred) || self.store.relation(pred).is_some() || self.is_derived(pred)
    }
}
