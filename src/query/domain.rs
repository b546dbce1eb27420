//! The values an argument position can hold, for hints: the constants of its facts and rule heads, and for a
//! rule head's variable, the values of the body columns that bind it (followed through rules, each position once).
//! Unknown (`None`) when some rule binds the position by something not followed (an interval bound, arithmetic,
//! an equality with a variable), or when a predicate is too large to scan for a hint.

use crate::db::Database;
use crate::program::{Arg, Lit};
use crate::symbol::Symbol;
use crate::syntax::CmpOp;
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Predicates with more base tuples than this are not scanned: a hint must never cost more than the answer.
const SCAN_LIMIT: usize = 100_000;

/// One column's values: `None` when they are not known.
type Domain = Option<Arc<BTreeSet<Value>>>;

/// The columns worked out so far for one state of the data, shared by every question asked of it
/// (`Database::derived`): a column's values depend on the facts and rules only, never on the question.
#[derive(Default)]
struct Shared(crate::db::KeptMap<(Symbol, usize), Domain>);

/// Known values per (predicate, column), computed on first use and kept with the data.
pub struct Domains<'d> {
    db: &'d Database,
    shared: Arc<Shared>,
    cache: BTreeMap<(Symbol, usize), Domain>,
}

impl<'d> Domains<'d> {
    pub fn new(db: &'d Database) -> Domains<'d> {
        Domains { db, shared: db.derived(|_| Shared::default()), cache: BTreeMap::new() }
    }

    /// The values column `col` of `pred` can hold; `None` when that is not known.
    pub fn of(&mut self, pred: Symbol, col: usize) -> Option<&BTreeSet<Value>> {
        if !self.cache.contains_key(&(pred, col)) {
            let kept = self.shared.0.get(&(pred, col));
            let domain = kept.unwrap_or_else(|| {
                // Each column from a fresh walk (its own `seen`), so what is kept never depends on what was asked
                // before.
                let mut out = BTreeSet::new();
                let known = collect(self.db, pred, col, &mut BTreeSet::new(), &mut out);
                let domain = known.then(|| Arc::new(out));
                self.shared.0.keep((pred, col), domain.clone());
                domain
            });
            self.cache.insert((pred, col), domain);
        }
        self.cache.get(&(pred, col)).and_then(Option::as_deref)
    }
}

/// Adds the values of `pred`'s column `col` to `out`; false when they cannot all be known.
fn collect(
    db: &Database,
    pred: Symbol,
    col: usize,
    seen: &mut BTreeSet<(Symbol, usize)>,
    out: &mut BTreeSet<Value>,
) -> bool {
    // A position met again through recursion adds nothing its first visit does not.
    if !seen.insert((pred, col)) {
        return true;
    }
    let store = &db.store;
    let relation = store.relation(pred);
    let bulk = store.bulk(pred);
    if relation.map_or(0, |r| r.tuples.len()) + bulk.map_or(0, |b| b.len()) > SCAN_LIMIT {
        return false;
    }
    for tuple in relation.into_iter().flat_map(|r| r.tuples.keys()) {
        out.extend(tuple.get(col).copied());
    }
    if let Some(bulk) = bulk {
        out.extend((0..bulk.len() as u32).filter(|_| col < bulk.arity()).map(|row| bulk.value(row, col)));
    }
    for rule in db.rules.iter().filter(|r| r.head.pred == pred) {
        let known = match rule.head.args.get(col) {
            Some(Arg::Const(c)) => {
                out.insert(*c);
                true
            }
            Some(Arg::Var(v)) => bound_by(db, &rule.body, *v, seen, out),
            None => true,
        };
        if !known {
            return false;
        }
    }
    true
}

/// Adds the values the body can bind slot `v` to: every positive atom's column where it stands, or the constant
/// an equality gives it; false when nothing followed binds it.
fn bound_by(
    db: &Database,
    body: &[Lit],
    v: usize,
    seen: &mut BTreeSet<(Symbol, usize)>,
    out: &mut BTreeSet<Value>,
) -> bool {
    let mut found = false;
    for lit in body {
        match lit {
            Lit::Pos(atom) | Lit::Metric(_, _, _, atom) => {
                for (j, arg) in atom.args.iter().enumerate() {
                    if *arg == Arg::Var(v) {
                        if !collect(db, atom.pred, j, seen, out) {
                            return false;
                        }
                        found = true;
                    }
                }
            }
            Lit::Timed(atom, from, to) if [from, to].contains(&&Arg::Var(v)) && !atom.args.contains(&Arg::Var(v)) => {
                return false
            }
            Lit::Cmp(Arg::Var(x), CmpOp::Eq, Arg::Const(c)) | Lit::Cmp(Arg::Const(c), CmpOp::Eq, Arg::Var(x))
                if *x == v =>
            {
                out.insert(*c);
                found = true;
            }
            _ => {}
        }
    }
    found
}
