//! Proof trees, re-derived on demand: evaluation keeps no provenance. A base fact is proved by the statements whose
//! piece of validity contains the day. A derived fact is proved by running each of its rules with the head bound
//! to it, on that one day, and taking the first instance whose premises are all proved; the join reports the
//! bindings of every variable, so each premise is the body atom it instantiates, negated atoms included. In a
//! recursive stratum the instance must use same-stratum premises of smaller height (the semi-naive pass that first
//! derived them, from a re-evaluation of that stratum on the day), so every tree is finite and ends in base facts.

use super::instance_text;
use crate::db::Database;
use crate::eval::days::Days;
use crate::eval::dict::Scratch;
use crate::eval::exec::Exec;
use crate::eval::plan::{plan, Step};
use crate::eval::{extend_within, Delta, Model, Stop};
use crate::program::AssertionId;
use crate::program::{Agg, Arg, AtomPat, Expr, Lit, Rule};
use crate::symbol::Symbol;
use crate::syntax::{AggregateFn, CmpOp, Metric};
use crate::time::{Day, Interval, IntervalSet};
use crate::value::{Tuple, Value};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// How a proved fact holds: stated in the store, or derived by a rule.
#[derive(Clone, Debug, PartialEq)]
pub enum ProofKind {
    /// Statements of the store that make the tuple hold on the day.
    Base {
        /// The statements, by id in the store.
        statements: Vec<AssertionId>,
    },
    /// A rule instance: its premises' proofs, and the negated atoms that do not hold on the day.
    Derived {
        /// The rule's index in the database's rules.
        rule: usize,
        /// The proofs of the body's binding literals (atoms, metric and interval ones included), in body order.
        premises: Vec<Proof>,
        /// The negated atoms, instantiated (`not p(a, _)`), that do not hold on the day.
        absent: Vec<String>,
        /// The body's aggregates, in body order: each one's value on the day and the members that make it.
        aggregates: Vec<AggregateProof>,
    },
}

/// An aggregate of a rule instance on the proof's day: its value, and each member holding that day with the
/// proofs of its premises.
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateProof {
    /// The aggregate as written: `count : { direct_flight(C) }`.
    pub text: String,
    /// Its value on the day (what the rule's instance used).
    pub value: Value,
    /// Each member (a distinct binding of the aggregate's own variables) that holds on the day, as the proofs of
    /// its premises, in body order; members in value order.
    pub members: Vec<Vec<Proof>>,
    /// For each member, whether the value rests on it (`counted`: every member of a count or a sum,
    /// those attaining the value of a min or a max): what the answer's confirmation weighs.
    pub counted: Vec<bool>,
}

/// A proof tree: a fact on a day, and how it holds then.
#[derive(Clone, Debug, PartialEq)]
pub struct Proof {
    /// The predicate of the proved fact.
    pub pred: Symbol,
    /// The proved fact's arguments.
    pub tuple: Tuple,
    /// The day the fact is proved on (for a premise read through a metric window, a day inside the window).
    pub day: Day,
    /// The metric operator a premise was read through, as written (`<-[1d, 29d]`).
    pub via: Option<String>,
    /// The maximal interval around `day` on which the tuple holds.
    pub interval: Interval,
    /// Stated or derived, with the statements or the rule instance.
    pub kind: ProofKind,
}

/// Proves `pred(tuple)` on `day`: `None` when it does not hold then, an error when the request's limits stopped
/// the search (a stopped search is no evidence that there is no proof).
pub fn prove(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Result<Option<Proof>, Stop> {
    let mut prover = Prover::new(db, db.model_for(&[], &[])?);
    let proof = prover.prove_any(pred, tuple, day, 0);
    prover.finish(proof)
}

/// The proofs of the premises of `rule` (a query's body, not a rule of the program) for its first instance whose
/// head is `tuple` and that holds on `day`, in body order: what an answer of the query rests on.
pub fn prove_body(db: &Database, rule: &Rule, tuple: &Tuple, day: Day) -> Result<Option<Vec<Proof>>, Stop> {
    let preds: Vec<(Symbol, usize)> =
        rule.body.iter().flat_map(Lit::atoms).map(|(a, _)| (a.pred, a.args.len())).collect();
    let mut prover = Prover::new(db, db.model_for(&preds, &[])?);
    let premises = prover.instance(rule, tuple, day, None).and_then(|env| prover.premises(&rule.body, &env, day, 0));
    prover.finish(premises)
}

/// The proofs of the premises of an instance of `rule` (its variables bound by `env`) on `day`, in body order,
/// with its aggregates' members; `None` when a premise does not hold. With `provenance::derivations`, the proofs
/// of every instance, not only the first: what the confirmation of a fact with several derivations weighs.
pub fn prove_instance(db: &Database, rule: &Rule, env: &[Option<Value>], day: Day) -> Result<Option<Instance>, Stop> {
    let preds: Vec<(Symbol, usize)> =
        rule.body.iter().flat_map(Lit::atoms).map(|(a, _)| (a.pred, a.args.len())).collect();
    let mut prover = Prover::new(db, db.model_for(&preds, &[])?);
    let found = prover
        .premises(&rule.body, env, day, 0)
        .and_then(|premises| prover.aggregates(rule, env, day, 0).map(|aggregates| (premises, aggregates)));
    prover.finish(found)
}

/// The proofs of an instance's premises and of its aggregates' members.
pub type Instance = (Vec<Proof>, Vec<AggregateProof>);

/// A recursive stratum re-evaluated on one day, with the length of each relation after every pass.
struct Heights {
    model: Model,
    passes: Vec<Vec<(Symbol, u32)>>,
}

impl Heights {
    /// The pass that first derived `pred(ids)` (0 for a base fact), or `None` when it does not hold on the day.
    fn of(&self, pred: Symbol, row: u32) -> usize {
        self.passes.iter().position(|lens| lens.iter().any(|(p, n)| *p == pred && row < *n)).unwrap_or(usize::MAX)
    }
}

struct Prover<'d> {
    db: &'d Database,
    model: Arc<Model>,
    heights: FxHashMap<(usize, Day), Option<Heights>>,
    /// Set when the request's limits stopped a join: every search after it fails, and the proof is an error.
    stopped: Option<Stop>,
}

/// A proof deeper than this is cut (a derived fact is then proved by its statements only, if any): it can only
/// come from a pathological program, and a proof tree nobody can read is no explanation.
const MAX_DEPTH: usize = 200;

impl<'d> Prover<'d> {
    fn new(db: &'d Database, model: Arc<Model>) -> Prover<'d> {
        Prover { db, model, heights: FxHashMap::default(), stopped: None }
    }

    /// What the search found, unless a limit stopped it on the way.
    fn finish<T>(self, found: Option<T>) -> Result<Option<T>, Stop> {
        match self.stopped {
            Some(stop) => Err(stop),
            None => Ok(found),
        }
    }

    fn prove_any(&mut self, pred: Symbol, tuple: &Tuple, day: Day, depth: usize) -> Option<Proof> {
        if self.stopped.is_some() {
            return None;
        }
        if self.db.is_derived(pred) && depth < MAX_DEPTH {
            if let Some(proof) = self.prove_derived(pred, tuple, day, depth) {
                return Some(proof);
            }
        }
        prove_base(self.db, pred, tuple, day)
    }

    fn group_of(&self, pred: Symbol) -> Option<(usize, &[Symbol])> {
        self.db.strata.groups.iter().enumerate().find(|(_, g)| g.contains(&pred)).map(|(i, g)| (i, g.as_slice()))
    }

    fn recursive(&self, group: &[Symbol]) -> bool {
        self.db.rules.iter().any(|r| {
            group.contains(&r.head.pred) && r.body.iter().any(|l| matches!(l, Lit::Pos(a) if group.contains(&a.pred)))
        })
    }

    fn ensure_heights(&mut self, index: usize, group: &[Symbol], day: Day) {
        let (db, model, stopped) = (self.db, &self.model, &mut self.stopped);
        self.heights.entry((index, day)).or_insert_with(|| {
            let within = Days::Some(IntervalSet::from(Interval::day(day)));
            match extend_within(model, db.visible_store(), &db.rules, group, &within, &db.guard) {
                Ok((model, passes)) => Some(Heights { model, passes }),
                Err(stop) => {
                    stopped.get_or_insert(stop);
                    None
                }
            }
        });
    }

    fn prove_derived(&mut self, pred: Symbol, tuple: &Tuple, day: Day, depth: usize) -> Option<Proof> {
        let interval = self.model.validity(pred, tuple).covering(day)?;
        let (index, group) = self.group_of(pred)?;
        let group = group.to_vec();
        let recursive = self.recursive(&group);
        for (rule_id, rule) in self.db.rules.iter().enumerate().filter(|(_, r)| r.head.pred == pred) {
            let Some(env) = self.instance(rule, tuple, day, recursive.then_some((index, group.as_slice()))) else {
                continue;
            };
            let premises = self.premises(&rule.body, &env, day, depth)?;
            let absent = negated_atoms(rule, &env);
            let aggregates = self.aggregates(rule, &env, day, depth)?;
            let kind = ProofKind::Derived { rule: rule_id, premises, absent, aggregates };
            return Some(Proof { pred, tuple: tuple.clone(), day, via: None, interval, kind });
        }
        None
    }

    /// The bindings of the first instance of `rule` with head `tuple` that holds on `day` (in a recursive stratum,
    /// one whose same-stratum premises were derived before the head was).
    fn instance(
        &mut self,
        rule: &Rule,
        tuple: &Tuple,
        day: Day,
        group: Option<(usize, &[Symbol])>,
    ) -> Option<Vec<Option<Value>>> {
        let bound = bound_rule(rule, tuple);
        let plan = plan(&bound, u32::MAX, None, false);
        let heights = match group {
            Some((index, members)) => {
                self.ensure_heights(index, members, day);
                Some(self.heights.get(&(index, day))?.as_ref()?)
            }
            None => None,
        };
        // Probes without an index scan their relation: a proof runs one small join, not worth building indexes.
        let model: &Model = heights.map(|h| &h.model).unwrap_or(&self.model);
        let scratch = Scratch::new(&model.dict);
        let no_delta = Delta::default();
        let exec = Exec::new(&plan, &model.rels, &no_delta, &scratch, &self.db.guard);
        let head_height = match (heights, group) {
            (Some(h), Some(_)) => {
                let ids = h.model.ids(tuple)?;
                let row = h.model.rel(rule.head.pred)?.find(&ids)?;
                h.of(rule.head.pred, row)
            }
            _ => usize::MAX,
        };
        let members: &[Symbol] = group.map(|g| g.1).unwrap_or(&[]);
        let atoms: Vec<Option<Symbol>> =
            plan.steps.iter().map(|s| if let Step::Atom { pred, .. } = s { Some(*pred) } else { None }).collect();
        let bound_slots = plan.bound();
        let mut found = None;
        let start = Days::Some(IntervalSet::from(Interval::day(day)));
        let run = exec.run(start, &mut |f| {
            let earlier = atoms.iter().zip(f.rows).all(|(pred, row)| match (pred, heights) {
                (Some(p), Some(h)) if members.contains(p) => h.of(*p, *row) < head_height,
                _ => true,
            });
            if earlier {
                let env = f.env.iter().zip(&bound_slots).map(|(id, b)| b.then(|| scratch.value(*id)));
                found = Some(env.collect::<Vec<_>>());
            }
            found.is_none()
        });
        // Stopping at the first instance is the receiver's own refusal; anything else is the request's limits.
        match run {
            Err(halt) if found.is_none() => {
                self.stopped.get_or_insert(halt.into_stop(rule.head.pred, &self.db.guard, rule.origin));
                None
            }
            _ => found,
        }
    }

    /// The proofs of the binding literals of `body` under `env`, in body order; `None` if one fails. An atom
    /// read for existence (its other variables occur nowhere else, so the join left them unbound) is proved by
    /// the first of its tuples that holds on the day.
    fn premises(&mut self, body: &[Lit], env: &[Option<Value>], day: Day, depth: usize) -> Option<Vec<Proof>> {
        let mut premises = Vec::new();
        for lit in body.iter().filter(|l| l.binds()) {
            let atom = lit.atom()?;
            let tuple = match atom.ground(env) {
                Some(tuple) => tuple,
                None => self.witness(atom, env, day)?,
            };
            let proof = match lit {
                Lit::Metric(op, lo, hi, _) => {
                    let at = window_day(self.db, &self.model, atom.pred, &tuple, day, (*op, *lo, *hi))?;
                    let mut proof = self.prove_any(atom.pred, &tuple, at, depth + 1)?;
                    proof.via = Some(format!("{}[{}d, {}d]", op.symbol(), lo, hi));
                    proof
                }
                // An interval binding reads a whole interval: prove the premise on the day, or where it starts.
                Lit::Timed(_, from, _) => {
                    let start = match from.value(env) {
                        Some(Value::Date(d)) if !validity_of(self.db, &self.model, atom.pred, &tuple).contains(day) => {
                            d
                        }
                        _ => day,
                    };
                    self.prove_any(atom.pred, &tuple, start, depth + 1)?
                }
                _ => self.prove_any(atom.pred, &tuple, day, depth + 1)?,
            };
            premises.push(proof);
        }
        Some(premises)
    }
}

impl Prover<'_> {
    /// A tuple of `atom` that agrees with the bound arguments and holds on `day`, in value order.
    fn witness(&self, atom: &AtomPat, env: &[Option<Value>], day: Day) -> Option<Tuple> {
        let mut facts = self.model.facts(atom.pred);
        facts.sort_by(|a, b| a.0.cmp(&b.0));
        facts.into_iter().map(|(t, _)| t).find(|t| {
            atom.args.iter().zip(t.iter()).all(|(a, v)| a.value(env).is_none_or(|b| b == *v))
                && validity_of(self.db, &self.model, atom.pred, t).contains(day)
        })
    }

    /// The aggregates of `rule`'s instance `env` on `day`: each one's value and its members that day.
    fn aggregates(
        &mut self,
        rule: &Rule,
        env: &[Option<Value>],
        day: Day,
        depth: usize,
    ) -> Option<Vec<AggregateProof>> {
        let mut out = Vec::new();
        for agg in rule.body.iter().filter_map(|l| if let Lit::Agg(a) = l { Some(a) } else { None }) {
            let value = env.get(agg.result).copied().flatten()?;
            let (mut members, mut counted) = (Vec::new(), Vec::new());
            for member in self.members(rule, agg, env, day) {
                counted.push(self::counted(agg, &member, Some(value)));
                members.push(self.premises(&agg.body, &member, day, depth + 1)?);
            }
            out.push(AggregateProof { text: agg.text.clone(), value, members, counted });
        }
        Some(out)
    }

    /// The bindings of an aggregate's members that hold on `day`, with its group as in `env`, in value order.
    fn members(&mut self, rule: &Rule, agg: &Agg, env: &[Option<Value>], day: Day) -> Vec<Vec<Option<Value>>> {
        let group: Vec<usize> = agg.inject.iter().chain(&agg.grouped).copied().collect();
        let mut body: Vec<Lit> = group
            .iter()
            .filter_map(|v| env[*v].map(|value| Lit::Cmp(Arg::Var(*v), CmpOp::Eq, Arg::Const(value))))
            .collect();
        body.extend(agg.body.iter().cloned());
        let slots: Vec<usize> = agg.local.iter().chain(&group).copied().collect();
        let head = AtomPat { pred: Symbol::from("?member"), args: slots.iter().map(|v| Arg::Var(*v)).collect() };
        let member_rule =
            Rule { head, body, var_names: rule.var_names.clone(), text: String::new(), origin: rule.origin };
        let plan = plan(&member_rule, u32::MAX, None, false);
        let scratch = Scratch::new(&self.model.dict);
        let no_delta = Delta::default();
        let exec = Exec::new(&plan, &self.model.rels, &no_delta, &scratch, &self.db.guard);
        let bound = plan.bound();
        let mut found: Vec<Vec<Option<Value>>> = Vec::new();
        let start = Days::Some(IntervalSet::from(Interval::day(day)));
        let run = exec.run(start, &mut |f| {
            let member: Vec<Option<Value>> =
                f.env.iter().zip(&bound).map(|(id, b)| b.then(|| scratch.value(*id))).collect();
            found.push(member);
            true
        });
        if let Err(halt) = run {
            self.stopped.get_or_insert(halt.into_stop(rule.head.pred, &self.db.guard, rule.origin));
        }
        let key = |m: &Vec<Option<Value>>| agg.local.iter().map(|v| m[*v]).collect::<Vec<_>>();
        found.sort_by_key(key);
        found.dedup_by(|a, b| key(a) == key(b));
        found
    }
}

fn prove_base(db: &Database, pred: Symbol, tuple: &Tuple, day: Day) -> Option<Proof> {
    let store = db.visible_store();
    let interval = store.validity(pred, tuple).covering(day)?;
    let mut statements: Vec<AssertionId> = store
        .relation(pred)
        .and_then(|r| r.tuples.get(tuple))
        .map(|facts| {
            facts.pieces.iter().filter(|p| p.interval.contains(day)).flat_map(|p| p.support.iter().copied()).collect()
        })
        .unwrap_or_default();
    statements.sort();
    statements.dedup();
    Some(Proof { pred, tuple: tuple.clone(), day, via: None, interval, kind: ProofKind::Base { statements } })
}

/// The rule with its head bound to `tuple`: equalities first, so the planner binds the head's variables first.
pub(super) fn bound_rule(rule: &Rule, tuple: &Tuple) -> Rule {
    let mut body: Vec<Lit> =
        rule.head.args.iter().zip(tuple).map(|(arg, value)| Lit::Cmp(*arg, CmpOp::Eq, Arg::Const(*value))).collect();
    body.extend(rule.body.iter().cloned());
    Rule { body, ..rule.clone() }
}

/// The day inside the window of `day` on which the premise held: the latest for the past operators, the earliest
/// for the future ones.
fn window_day(
    db: &Database,
    model: &Model,
    pred: Symbol,
    tuple: &Tuple,
    day: Day,
    (op, lo, hi): (Metric, i32, i32),
) -> Option<Day> {
    let (from, to) = match op {
        Metric::PastSome | Metric::PastAlways => (day.offset(-hi), day.offset(-lo).succ()),
        Metric::FutureSome | Metric::FutureAlways => (day.offset(lo), day.offset(hi).succ()),
    };
    let window = Interval::new(from, to)?;
    let held = validity_of(db, model, pred, tuple).restrict(&window);
    match op {
        Metric::PastSome | Metric::PastAlways => held.intervals().last().map(|i| i.to.offset(-1)),
        Metric::FutureSome | Metric::FutureAlways => held.intervals().first().map(|i| i.from),
    }
}

/// The validity of a fact: derived predicates from the model (which holds their base facts too), base ones from
/// the store.
pub(super) fn validity_of(db: &Database, model: &Model, pred: Symbol, tuple: &Tuple) -> IntervalSet {
    if db.is_derived(pred) {
        model.validity(pred, tuple)
    } else {
        db.visible_store().validity(pred, tuple)
    }
}

/// The rule's negated atoms, instantiated with the bindings of the proof, for display (`not p(a, _)`).
fn negated_atoms(rule: &Rule, env: &[Option<Value>]) -> Vec<String> {
    rule.body
        .iter()
        .filter_map(|l| if let Lit::Neg(a) = l { Some(a) } else { None })
        .map(|atom| format!("not {}", instance_text(atom, env)))
        .collect()
}

/// Whether an aggregate's value rests on a member (its bindings in `env`) when the value is `value`: a count or a
/// sum on every member; a least or greatest value only on the members that attain it, since the others do not
/// change it (as a rule's `not` of a stricter level is an absence, not a premise). A member whose value cannot be
/// read here (an expression rather than a variable) is counted, which can only make the answer more presumed.
pub fn counted(agg: &Agg, env: &[Option<Value>], value: Option<Value>) -> bool {
    match (agg.function, &agg.over, value) {
        (AggregateFn::Min | AggregateFn::Max, Some(Expr::Arg(arg)), Some(value)) => {
            arg.value(env).is_none_or(|own| own == value)
        }
        _ => true,
    }
}
