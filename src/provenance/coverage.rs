//! Coverage: on which days the sources settle a question, so that silence there means "no", and where it only
//! means "no source says".
//!
//! A base predicate is settled on the days its `settled` declarations give; without one, from the first day any of
//! its facts holds or any source stating it was published (nothing is settled before the earliest source), and on
//! every day when no dated source states it (a reference table, the facts of a script or a fact file: the closed
//! world, as they claim no more than they give). Tuples matching an `open` pattern are never settled (with a body,
//! on the days the body holds for them).
//!
//! A derived predicate is settled for a pattern on the days every rule deriving it is (unless it has `settled`
//! declarations of its own, which then say it): a rule is settled on a day
//! when each literal's pattern is (a metric window: on every day of the window), or when one of its literals
//! settles the body false outright (a ground premise whose absence is settled, a negated premise that holds). A
//! query is settled like a rule with its head unbound.
//!
//! An answer that holds can still rest on silence: a derived fact holds through a `not` premise whose absence is
//! not settled on the day. Such an answer is unsettled unless another of its derivations rests on settled
//! ground. `--closed-world` (`Database::closed_world`) settles everything, as before coverage existed.

use super::derivations::{instances, premises, Instance};
use super::instance_text;
use crate::db::Database;
use crate::eval::Model;
use crate::program::{Arg, Lit, PatArg, Rule};
use crate::symbol::Symbol;
use crate::syntax::Metric;
use crate::time::{Day, Interval, IntervalSet};
use crate::value::{Tuple, Value};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::sync::Arc;

/// An atom's arguments as far as they are known: a value, or `None` for any value.
pub type Pattern = Vec<Option<Value>>;

/// Where an answer's silence is not settled: the atom whose absence it rests on, and when the sources settle it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gap {
    /// The atom as the language writes it (`direct_flight(de)`, `visa_free_stay_days(ru, _)`).
    pub atom: String,
    /// The first settled day after the day asked about; `None` when no later day is settled.
    pub settled_from: Option<Day>,
    /// The last settled day before the day asked about, when one is; `None` otherwise.
    pub settled_until: Option<Day>,
}

impl Gap {
    /// `the sources settle direct_flight(de) from 2020-08-28`, or why they never do.
    pub fn describe(&self) -> String {
        match (self.settled_from, self.settled_until) {
            (Some(from), _) => format!("the sources settle {} from {from}", self.atom),
            (None, Some(until)) => format!("the sources settle {} only until {until}", self.atom),
            (None, None) => format!("no source settles {}: silence about it is not \"no\"", self.atom),
        }
    }
}

/// Every open pattern of a database, its body evaluated: the pattern of each binding and the days it is open.
pub type OpenPatterns = Vec<(Symbol, Pattern, IntervalSet)>;

/// The open patterns of one state of the data, per "as known" day: they are the same for every question, so
/// each is evaluated once and kept with the data (`Database::derived`) until it changes.
#[derive(Default)]
struct OpenTables(crate::db::KeptMap<Option<Day>, Arc<OpenPatterns>>);

/// The open patterns of `db` as known on its "as known" day (none under `--closed-world`): kept from an earlier
/// question when there is one. A table whose evaluation the request's limits stopped is used for this request
/// (which fails on that stop) and never kept.
fn open_patterns(db: &Database) -> Arc<OpenPatterns> {
    if db.closed_world {
        return Arc::default();
    }
    let tables = db.derived(|_| OpenTables::default());
    if let Some(kept) = tables.0.get(&db.as_known) {
        return kept;
    }
    let mut open = Vec::new();
    let mut complete = true;
    for decl in &db.declarations.open {
        match &decl.body {
            None => {
                let pattern = decl.pattern.iter().map(|p| if let PatArg::Const(v) = p { Some(*v) } else { None });
                open.push((decl.pred, pattern.collect(), IntervalSet::always()));
            }
            Some(rule) => {
                let Ok(found) = crate::query::bindings(db, rule, crate::syntax::QueryTime::When) else {
                    complete = false;
                    continue;
                };
                for k in 0..found.len() {
                    let values = found.values(k);
                    let pattern = decl.pattern.iter().map(|p| match p {
                        PatArg::Const(v) => Some(*v),
                        PatArg::Any => None,
                        PatArg::Bound(i) => values.get(*i).copied(),
                    });
                    open.push((decl.pred, pattern.collect(), found.valid(k)));
                }
            }
        }
    }
    let open = Arc::new(open);
    if complete {
        tables.0.keep(db.as_known, open.clone());
    }
    open
}

/// The coverage of one database, with what it has worked out so far (the analysis is memoized per pattern).
pub struct Coverage<'d> {
    db: &'d Database,
    model: std::cell::OnceCell<Option<Arc<Model>>>,
    /// Every open pattern, its body evaluated: the pattern of each binding and the days it is open.
    open: Arc<OpenPatterns>,
    memo: RefCell<FxHashMap<(Symbol, Pattern), IntervalSet>>,
    active: RefCell<FxHashSet<(Symbol, Pattern)>>,
    answers: RefCell<FxHashMap<(Symbol, Tuple, Day), Vec<Gap>>>,
}

impl<'d> Coverage<'d> {
    /// The coverage of `db`: its declarations, and its open patterns with their bodies evaluated.
    pub fn new(db: &'d Database) -> Coverage<'d> {
        Coverage {
            db,
            model: std::cell::OnceCell::new(),
            open: open_patterns(db),
            memo: RefCell::default(),
            active: RefCell::default(),
            answers: RefCell::default(),
        }
    }

    /// Whether coverage is the closed world: `--closed-world`, where every day is settled.
    pub fn closed(&self) -> bool {
        self.db.closed_world
    }

    /// The days on which the absence of every tuple of `pred` matching `pattern` means it does not hold.
    pub fn settled(&self, pred: Symbol, pattern: &[Option<Value>]) -> IntervalSet {
        if self.closed() {
            return IntervalSet::always();
        }
        let key = (pred, pattern.to_vec());
        if let Some(days) = self.memo.borrow().get(&key) {
            return days.clone();
        }
        // A pattern met again while it is worked out (recursion) adds no gap of its own.
        if !self.active.borrow_mut().insert(key.clone()) {
            return IntervalSet::always();
        }
        let declared = self.db.declarations.settled.iter().any(|s| s.pred == pred);
        let mut days = if self.db.is_derived(pred) && !declared {
            self.db
                .rules
                .iter()
                .filter(|r| r.head.pred == pred)
                .fold(IntervalSet::always(), |acc, rule| acc.intersect(&self.rule_days(rule, pattern)))
        } else {
            self.base_days(pred)
        };
        for (_, _, open) in self.open.iter().filter(|(p, pat, _)| *p == pred && unifies(pat, pattern)) {
            days = days.subtract(open);
        }
        self.active.borrow_mut().remove(&key);
        self.memo.borrow_mut().insert(key, days.clone());
        days
    }

    /// The settled days of a base predicate, ignoring open patterns: its declarations, else from its earliest
    /// source, else (no dated source states it) every day.
    fn base_days(&self, pred: Symbol) -> IntervalSet {
        let declared: Vec<Interval> =
            self.db.declarations.settled.iter().filter(|s| s.pred == pred).map(|s| s.days).collect();
        if !declared.is_empty() {
            return IntervalSet::from_intervals(declared);
        }
        let store = self.db.visible_store();
        let Some(relation) = store.relation(pred) else { return IntervalSet::always() };
        let mut earliest: Option<Day> = None;
        let mut dated = false;
        for facts in relation.tuples.values() {
            let first = facts.validity.intervals().first().map(|i| i.from);
            for id in facts.statements.iter() {
                for cite in &store.assertion(*id).cites {
                    if let Some(published) = self.db.sources.get(&cite.source).and_then(|s| s.published) {
                        dated = true;
                        earliest = Some(earliest.map_or(published, |e| e.min(published)));
                    }
                }
            }
            if let Some(first) = first {
                earliest = Some(earliest.map_or(first, |e| e.min(first)));
            }
        }
        match earliest {
            Some(day) if dated && !day.is_open() => IntervalSet::from(Interval { from: day, to: Day::MAX }),
            _ => IntervalSet::always(),
        }
    }

    /// The days on which a rule settles the absence of heads matching `pattern`.
    fn rule_days(&self, rule: &Rule, pattern: &[Option<Value>]) -> IntervalSet {
        let mut env: Vec<Option<Value>> = vec![None; rule.var_names.len()];
        for (arg, want) in rule.head.args.iter().zip(pattern) {
            match (arg, want) {
                // This rule never derives a head matching the pattern: it leaves nothing open.
                (crate::program::Arg::Const(c), Some(v)) if c != v => return IntervalSet::always(),
                (crate::program::Arg::Var(slot), Some(v)) => match env[*slot] {
                    Some(other) if other != *v => return IntervalSet::always(),
                    _ => env[*slot] = Some(*v),
                },
                _ => {}
            }
        }
        self.body_days(&rule.body, &env, &rule.head.args)
    }

    /// The days on which the absence of instances of `body` (with the variables `env` binds) is settled.
    /// `head` are the head's arguments: a variable that occurs nowhere else is the query's answer, not a
    /// wildcard of the literal it stands in.
    pub fn body_days(&self, body: &[Lit], env: &[Option<Value>], head: &[Arg]) -> IntervalSet {
        if self.closed() {
            return IntervalSet::always();
        }
        let uses = occurrences(body, head, env.len());
        let mut every = IntervalSet::always();
        let mut decided = IntervalSet::empty();
        for lit in body {
            let Some(atom) = lit.atom() else { continue };
            let pattern: Pattern = atom.args.iter().map(|a| a.value(env)).collect();
            let settled = self.settled(atom.pred, &pattern);
            let ground: Option<Tuple> = pattern.iter().copied().collect();
            // Every argument known or a variable of this literal alone: the literal asks whether some tuple
            // matching the pattern holds, which the facts answer.
            let closed = atom.args.iter().all(|a| match a {
                Arg::Const(_) => true,
                Arg::Var(v) => env[*v].is_some() || uses[*v] == 1,
            });
            match lit {
                Lit::Pos(_) | Lit::Timed(..) => {
                    if closed {
                        decided = decided.union(&settled.subtract(&self.matching(atom.pred, &pattern)));
                    }
                    every = every.intersect(&settled);
                }
                Lit::Neg(_) => {
                    if closed {
                        decided = decided.union(&self.matching(atom.pred, &pattern));
                    }
                    every = every.intersect(&settled);
                }
                Lit::Metric(op, lo, hi, _) => {
                    let (lo, hi) = match op {
                        Metric::PastSome | Metric::PastAlways => (*lo, *hi),
                        Metric::FutureSome | Metric::FutureAlways => (-hi, -lo),
                    };
                    if let Some(tuple) = &ground {
                        let absent = settled.subtract(&self.validity(atom.pred, tuple));
                        let false_days = match op {
                            Metric::PastSome | Metric::FutureSome => absent.boxed(lo, hi),
                            Metric::PastAlways | Metric::FutureAlways => absent.diamond(lo, hi),
                        };
                        decided = decided.union(&false_days);
                    }
                    every = every.intersect(&settled.boxed(lo, hi));
                }
                _ => {}
            }
        }
        decided.union(&every)
    }

    /// The days some tuple of `pred` matching `pattern` holds.
    fn matching(&self, pred: Symbol, pattern: &[Option<Value>]) -> IntervalSet {
        if let Some(tuple) = pattern.iter().copied().collect::<Option<Tuple>>() {
            return self.validity(pred, &tuple);
        }
        let fits = |t: &[Value]| t.iter().zip(pattern).all(|(v, p)| p.is_none_or(|p| p == *v));
        let mut out = IntervalSet::empty();
        if self.db.is_derived(pred) {
            if let Some(model) = self.model.get_or_init(|| self.db.model_for(&[], &[]).ok()) {
                for (_, days) in model.facts(pred).iter().filter(|(t, _)| fits(t)) {
                    out = out.union(days);
                }
            }
        } else {
            self.db.visible_store().for_each_fact(pred, &mut |t, days| {
                if fits(t) {
                    out = out.union(days);
                }
            });
        }
        out
    }

    fn validity(&self, pred: Symbol, tuple: &Tuple) -> IntervalSet {
        if !self.db.is_derived(pred) {
            return self.db.visible_store().validity(pred, tuple);
        }
        match self.model.get_or_init(|| self.db.model_for(&[], &[]).ok()) {
            Some(model) => model.validity(pred, tuple),
            None => IntervalSet::empty(),
        }
    }

    /// The gaps of a body's literals on `day` (with the variables `env` binds): for each atom whose absence is not
    /// settled then, the open patterns it meets, or the atom itself with the days its sources settle it.
    pub fn literal_gaps(&self, body: &[Lit], env: &[Option<Value>], day: Day) -> Vec<Gap> {
        let mut gaps = Vec::new();
        for atom in body.iter().filter_map(Lit::atom) {
            let pattern: Pattern = atom.args.iter().map(|a| a.value(env)).collect();
            if self.settled(atom.pred, &pattern).contains(day) {
                continue;
            }
            let open: Vec<&(Symbol, Pattern, IntervalSet)> = self
                .open
                .iter()
                .filter(|(p, pat, days)| *p == atom.pred && unifies(pat, &pattern) && days.contains(day))
                .collect();
            if open.is_empty() || self.db.is_derived(atom.pred) {
                gaps.push(gap_of(self.atom(atom.pred, &pattern), &self.settled(atom.pred, &pattern), day));
            }
            for (pred, pat, days) in open.into_iter().filter(|_| !self.db.is_derived(atom.pred)) {
                gaps.push(gap_of(self.atom(*pred, pat), &days.complement().intersect(&self.base_days(*pred)), day));
            }
        }
        gaps.sort();
        gaps.dedup();
        gaps
    }

    /// Where the absence of `pred(pattern)` on `day` is not settled; `None` when it is.
    pub fn gap(&self, pred: Symbol, pattern: &[Option<Value>], day: Day) -> Option<Gap> {
        let settled = self.settled(pred, pattern);
        if settled.contains(day) {
            return None;
        }
        Some(gap_of(self.atom(pred, pattern), &settled, day))
    }

    /// An atom of a pattern as the language writes it (`visa_free_stay_days(ru, _)`), so that it pastes back
    /// into a query: an upper-case code would read as a variable.
    pub fn atom(&self, pred: Symbol, pattern: &[Option<Value>]) -> String {
        let args: Vec<String> =
            pattern.iter().map(|v| v.map(|v| crate::syntax::write_value(&v)).unwrap_or_else(|| "_".into())).collect();
        crate::program::atom_text(pred, &args)
    }

    /// The gaps a derived fact that holds on `day` rests on: empty when some derivation rests only on settled
    /// silence (or the fact is stated), else the gaps of its first derivation.
    pub fn answer_gaps(&self, pred: Symbol, tuple: &Tuple, day: Day) -> Vec<Gap> {
        if self.closed() || !self.db.is_derived(pred) {
            return Vec::new();
        }
        let key = (pred, tuple.clone(), day);
        if let Some(gaps) = self.answers.borrow().get(&key) {
            return gaps.clone();
        }
        // A fact met again while its own derivation is examined adds nothing.
        self.answers.borrow_mut().insert(key.clone(), Vec::new());
        let found = instances(self.db, pred, tuple, &IntervalSet::from(Interval::day(day)));
        let mut first: Option<Vec<Gap>> = None;
        for instance in &found {
            let gaps = self.instance_gaps(&self.db.rules[instance.rule], instance, day);
            if gaps.is_empty() {
                first = Some(Vec::new());
                break;
            }
            first.get_or_insert(gaps);
        }
        let gaps = first.unwrap_or_default();
        self.answers.borrow_mut().insert(key, gaps.clone());
        gaps
    }

    /// The gaps of one instance of `rule` (a rule of the program, or a query's body) on `day`: its negated atoms
    /// whose absence is not settled, and the gaps of the derived premises it reads.
    pub fn instance_gaps(&self, rule: &Rule, instance: &Instance, day: Day) -> Vec<Gap> {
        let mut gaps = Vec::new();
        for lit in &rule.body {
            // A negated atom rests on an absence; so does an aggregate, whose members are the atoms that hold:
            // one the sources leave unsettled could be missing from its count.
            let read: Vec<&crate::program::AtomPat> = match lit {
                Lit::Neg(atom) => vec![atom],
                Lit::Agg(agg) => agg.body.iter().filter(|l| l.binds()).filter_map(Lit::atom).collect(),
                _ => Vec::new(),
            };
            for atom in read {
                let pattern: Pattern = atom.args.iter().map(|a| a.value(&instance.env)).collect();
                if let Some(gap) = self.gap(atom.pred, &pattern, day) {
                    gaps.push(gap);
                }
            }
        }
        for premise in premises(&rule.body, &instance.env) {
            let at = match premise.lit {
                Lit::Pos(_) => Some(day),
                // A premise read through a window or as an interval: on the latest day it held, up to `day`.
                _ => self
                    .validity(premise.pred, &premise.tuple)
                    .intervals()
                    .iter()
                    .rev()
                    .find(|i| i.from <= day)
                    .map(|i| i.to.offset(-1).min(day)),
            };
            if let Some(at) = at {
                gaps.extend(self.answer_gaps(premise.pred, &premise.tuple, at));
            }
        }
        gaps.sort();
        gaps.dedup();
        gaps
    }

    /// The instance text of an atom of `rule` under `env`, shown.
    pub fn instance_text(&self, atom: &crate::program::AtomPat, env: &[Option<Value>]) -> String {
        instance_text(atom, env)
    }
}

/// The gap of an atom whose settled days are `settled`, asked about on `day`.
pub fn gap_of(atom: String, settled: &IntervalSet, day: Day) -> Gap {
    let settled_from = settled.intervals().iter().find(|i| i.from > day).map(|i| i.from);
    let settled_until =
        settled.intervals().iter().rev().find(|i| i.to <= day && !i.to.is_open()).map(|i| i.to.offset(-1));
    Gap { atom, settled_from, settled_until }
}

/// Whether some tuple matches both patterns.
fn unifies(a: &[Option<Value>], b: &[Option<Value>]) -> bool {
    a.iter().zip(b).all(|(x, y)| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    })
}

/// How many times each variable slot occurs in the body and the head (an aggregate's body included).
fn occurrences(body: &[Lit], head: &[Arg], slots: usize) -> Vec<usize> {
    let mut args: Vec<Arg> = head.to_vec();
    body_args(body, &mut args);
    let mut uses = vec![0; slots];
    for arg in args {
        if let Arg::Var(v) = arg {
            if let Some(n) = uses.get_mut(v) {
                *n += 1;
            }
        }
    }
    uses
}

/// Every argument the literals of `body` write, in order.
fn body_args(body: &[Lit], out: &mut Vec<Arg>) {
    for lit in body {
        match lit {
            Lit::Pos(a) | Lit::Neg(a) | Lit::Metric(_, _, _, a) => out.extend(a.args.iter().copied()),
            Lit::Timed(a, from, to) => out.extend(a.args.iter().chain([from, to]).copied()),
            Lit::Cmp(l, _, r) => out.extend([*l, *r]),
            Lit::Allen(l, _, r) => out.extend([l.0, l.1, r.0, r.1]),
            Lit::Calc(l, _, r) => out.extend(l.args().into_iter().chain(r.args())),
            Lit::Agg(agg) => {
                out.push(Arg::Var(agg.result));
                body_args(&agg.body, out);
            }
        }
    }
}
