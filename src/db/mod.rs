//! The database: declarations, base facts, rules and their stratification, with the evaluated model cached until
//! the next change. Statements enter here, checked, whether they come from kb files, scripts or the REPL.

mod complete_claims;
mod derived;
mod load;
mod snapshot_claims;
mod stated_counts;

pub use derived::{Derived, KeptMap};
pub use load::{pred_declaration, Request};

use crate::diag::SourceMap;
use crate::eval::{self, Model, Stop};
use crate::program::{Claim, Declarations, PredInfo, Rule, Source, Strata};

/// The fewest base tuples under a goal for which the database answers it by demand (see `Database::demand`).
pub const DEMAND_MIN_TUPLES: usize = 10_000;
use crate::store::Store;
use crate::symbol::Symbol;
use crate::time::Day;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The checked program and its facts: the stage every question starts from. The evaluated model is the next
/// stage; it is cached here per "as known" day and handed out as an immutable `Arc<Model>`, so nothing ever holds
/// a borrow of the cache: `model_for` takes it, extends it and gives it back before returning, and evaluation
/// never calls back into the database.
#[derive(Default, Clone)]
pub struct Database {
    /// Every text loaded (kb files, scripts, queries), by index, for locating diagnostics.
    pub files: SourceMap,
    /// The source records (articles and references), by name.
    pub sources: BTreeMap<Symbol, Source>,
    /// The claim records (counts, lists, snapshots), in the order written.
    pub claims: Vec<Claim>,
    /// Every predicate declared or used, with its arity and meaning.
    pub preds: BTreeMap<Symbol, PredInfo>,
    /// The base facts with their statements and validity.
    pub store: Store,
    /// The checked rules, in the order written.
    pub rules: Vec<Rule>,
    /// The rules' predicates in evaluation order.
    pub strata: Strata,
    /// The declarations about predicates: coverage (`settled`, `open`), `functional`, `constraint`, `regime`.
    pub declarations: Declarations,
    /// Silence means "no" on every day (`--closed-world`): coverage declarations are not consulted.
    pub closed_world: bool,
    /// The day up to which statements count ("as known on"); `None`: everything.
    pub as_known: Option<Day>,
    /// Answer only on the days the sources confirm (`--confirmed-only`, the REPL's `.confirmed on`).
    pub confirmed_only: bool,
    /// The limits of the request being answered, in force (its deadline running): every evaluation for it stops
    /// when this says so. The session starts a new one for each request (`Session::start_request`).
    pub guard: crate::eval::interrupt::Guard,
    /// The store as known on `as_known`, when one is set.
    known: Option<Store>,
    /// The store as known on each publication day, built on first use of "as known" and kept until the data
    /// changes: switching the "as known" day is a lookup, not a reload.
    snapshots: Option<im::OrdMap<Day, Store>>,
    models: RefCell<BTreeMap<Option<Day>, Arc<Model>>>,
    /// Tables computed from the data (the country names), kept until it changes.
    derived: Derived,
}

impl Database {
    /// Forgets what was computed from the data after any change to it.
    fn changed(&mut self) {
        self.models.get_mut().clear();
        self.derived = Derived::default();
        self.snapshots = None;
        if self.as_known.is_some() {
            let day = self.as_known;
            self.as_known = None;
            self.set_as_known(day);
        }
    }

    /// The table of type `T` computed from the data by `make`, made once and kept until the data changes.
    pub fn derived<T: std::any::Any + Send + Sync>(&self, make: impl FnOnce(&Database) -> T) -> Arc<T> {
        self.derived.get(|| make(self))
    }

    /// The store as known on the session's "as known" day (all of it when none is set).
    pub fn visible_store(&self) -> &Store {
        self.known.as_ref().unwrap_or(&self.store)
    }

    /// The model with the strata that `preds` depend on evaluated (every stratum when `preds` is empty) and the
    /// base relations of `preds` loaded.
    pub fn model_for(&self, preds: &[(Symbol, usize)], probes: &[(Symbol, u64)]) -> Result<Arc<Model>, Stop> {
        // Taken out of the cache while it is extended, so that `make_mut` changes it in place.
        let cached = self.models.borrow_mut().remove(&self.as_known);
        let refused = |pred| self.guard.out_of_memory(pred);
        let mut model = match cached {
            Some(model) => model,
            None => {
                let mut model = Model::default();
                model.load_bases(self.visible_store(), &self.rules).map_err(refused)?;
                Arc::new(model)
            }
        };
        // Only the strata these predicates depend on: a question about base facts evaluates no rule at all.
        let wanted: Vec<Symbol> = if preds.is_empty() {
            self.strata.groups.iter().flatten().copied().collect()
        } else {
            preds.iter().map(|p| p.0).collect()
        };
        let missing = |m: &Model| {
            preds.iter().any(|(p, _)| !m.rels.contains_key(p))
                || probes.iter().any(|(p, mask)| m.rels.get(p).is_some_and(|r| !r.has_index(*mask)))
                || self
                    .strata
                    .groups
                    .iter()
                    .enumerate()
                    .any(|(i, g)| !m.done.contains(&i) && g.iter().any(|p| wanted.contains(p)))
        };
        if missing(&model) {
            let m = Arc::make_mut(&mut model);
            for (pred, arity) in preds {
                m.load_base(self.visible_store(), *pred, *arity).map_err(refused)?;
            }
            // A stopped evaluation leaves the model incomplete: it is dropped, not cached.
            eval::extend(m, &self.rules, &self.strata, &wanted, &self.guard)?;
            for (pred, mask) in probes {
                if let Some(rel) = m.rels.get_mut(pred) {
                    rel.ensure_index(*mask);
                }
            }
        }
        self.models.borrow_mut().insert(self.as_known, model.clone());
        Ok(model)
    }

    /// The query's answers by demand, when that pays: its first atom over a derived predicate with a constant
    /// argument is the goal, the goal's stratum is not evaluated yet, and the base facts it rests on number at
    /// least `DEMAND_MIN_TUPLES` (below that a full evaluation is cheap, and kept for the next question). Returns
    /// the demand model and the query with the goal reading the adorned predicate; `None` to evaluate in full.
    pub fn demand(&self, rule: &Rule) -> Result<Option<(Arc<Model>, Rule)>, Stop> {
        use crate::program::{Arg, AtomPat, Lit};
        let goal = rule.body.iter().enumerate().find_map(|(k, lit)| match lit {
            Lit::Pos(a) if self.is_derived(a.pred) && a.args.iter().any(|x| matches!(x, Arg::Const(_))) => Some((k, a)),
            _ => None,
        });
        let Some((k, atom)) = goal else { return Ok(None) };
        let evaluated = |m: &Model| {
            self.strata.groups.iter().enumerate().any(|(i, g)| g.contains(&atom.pred) && m.done.contains(&i))
        };
        if self.models.borrow().get(&self.as_known).is_some_and(|m| evaluated(m)) {
            return Ok(None);
        }
        let store = self.visible_store();
        let size =
            |p: &Symbol| store.relation(*p).map_or(0, |r| r.tuples.len()) + store.bulk(*p).map_or(0, |b| b.len());
        let cone: usize = crate::program::dependencies(&self.rules, &[atom.pred]).iter().map(size).sum();
        if cone < DEMAND_MIN_TUPLES {
            return Ok(None);
        }
        let args: Vec<Option<crate::value::Value>> =
            atom.args.iter().map(|a| if let Arg::Const(c) = a { Some(*c) } else { None }).collect();
        let also: Vec<(Symbol, usize)> = rule
            .body
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .flat_map(|(_, l)| l.atoms())
            .map(|(a, _)| (a.pred, a.args.len()))
            .collect();
        let names: Vec<Symbol> = also.iter().map(|(p, _)| *p).collect();
        let Some(demand) = crate::program::magic::rewrite(&self.rules, atom.pred, &args, &names) else {
            return Ok(None);
        };
        let Some(model) = eval::demand::evaluate(store, &demand, &also, &self.guard)? else { return Ok(None) };
        let mut asked = rule.clone();
        asked.body[k] = Lit::Pos(AtomPat { pred: demand.answer, args: atom.args.clone() });
        Ok(Some((Arc::new(model), asked)))
    }

    /// Adds a fact file's tuples to the store's bulk layer (merged with an earlier file's for the same predicate).
    pub fn add_bulk(&mut self, pred: Symbol, bulk: crate::store::Bulk) -> Result<(), crate::store::bulk::ArenaFull> {
        self.store.add_bulk(pred, bulk)?;
        self.changed();
        Ok(())
    }

    /// Sets the "as known" day; the model is re-derived from the store as known then, the snapshots stay.
    pub fn set_as_known(&mut self, day: Option<Day>) {
        if self.as_known == day && (day.is_none() || self.known.is_some()) {
            return;
        }
        self.as_known = day;
        self.known = day.map(|day| {
            let snapshots = self.snapshots.get_or_insert_with(|| self.store.known_snapshots());
            Store::known_on(snapshots, day)
        });
    }

    /// Whether a rule derives `pred`.
    pub fn is_derived(&self, pred: Symbol) -> bool {
        self.rules.iter().any(|r| r.head.pred == pred)
    }

    /// Whether any statement that `preds` rest on (directly, or through the rules deriving them) cites a source.
    /// When none does, answers have no provenance to find and the search for it is skipped.
    pub fn rests_on_citations(&self, preds: &[Symbol]) -> bool {
        let store = self.visible_store();
        crate::program::dependencies(&self.rules, preds)
            .into_iter()
            .any(|pred| store.relation(pred).is_some_and(|r| r.tuples.values().any(|f| f.cited)))
    }

    /// Whether `pred` is a question rather than a fact about the world: derived over the domain of the questions
    /// a command asks (`tkb check`'s travellers), its meaning marked `[question]`. Whole-kb views (the report)
    /// leave such predicates out; queries answer them like any other.
    pub fn is_question(&self, pred: Symbol) -> bool {
        self.preds.get(&pred).and_then(|p| p.meaning.as_deref()).is_some_and(|m| m.contains("[question]"))
    }

    /// Whether `pred` is declared, has facts or is derived: a name the kb knows.
    pub fn known_predicate(&self, pred: Symbol) -> bool {
        self.preds.contains_key(&pred) || self.store.has_facts(pred) || self.is_derived(pred)
    }
}
