//! Differential property tests on random small programs: the semi-naive engine must agree with the naive
//! reference evaluator, and interval reasoning must agree with expanding every fact to days and running plain
//! (untimed) Datalog on each day separately.

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use tkb::db::Database;
use tkb::eval::{
    evaluate,
    naive::{evaluate_naive, Relations},
    Model,
};
use tkb::symbol::Symbol;
use tkb::time::{Day, Interval, IntervalSet};
use tkb::value::Value;

/// Rule templates over base predicates b0/2, b1/2, b2/1 and derived d0/2, d1/2, d2/1. Together they cover linear,
/// non-linear and mutual recursion, negation of base and derived predicates, and comparisons; any subset is
/// stratified (d0 never depends on d1 or d2, and only d2 negates derived predicates).
const TEMPLATES: &[&str] = &[
    "d0(X, Y) :- b0(X, Y).",
    "d0(X, Z) :- d0(X, Y), b1(Y, Z).",
    "d0(X, Y) :- d0(Y, X).",
    "d1(X, Y) :- b1(X, Y), not b0(X, Y).",
    "d1(X, Y) :- d0(X, Y), b2(X).",
    "d1(X, Z) :- d1(X, Y), d1(Y, Z).",
    "d2(X) :- b2(X), not d0(X, _).",
    "d2(X) :- d1(X, X).",
    "d2(X) :- b2(X), b0(X, Y), X != Y.",
];

const NAMES: [&str; 3] = ["a", "b", "c"];
const FIRST: i32 = 738_000;
const SPAN: i32 = 12;

/// A base fact: predicate index, argument indexes, and its interval as day offsets (none: always).
type RandomFact = (usize, Vec<usize>, Option<(i32, i32)>);

#[derive(Debug, Clone)]
struct Program {
    rules: Vec<usize>,
    facts: Vec<RandomFact>,
}

fn fact_strategy() -> impl Strategy<Value = RandomFact> {
    let time = prop_oneof![1 => Just(None), 4 => (0..SPAN, 1..6i32).prop_map(|(s, l)| Some((s, s + l)))];
    (0..3usize, prop::collection::vec(0..3usize, 2), time)
}

fn program_strategy() -> impl Strategy<Value = Program> {
    (prop::collection::vec(any::<bool>(), TEMPLATES.len()), prop::collection::vec(fact_strategy(), 0..14))
        .prop_map(|(mask, facts)| Program { rules: (0..TEMPLATES.len()).filter(|&i| mask[i]).collect(), facts })
}

fn day(offset: i32) -> String {
    Day(FIRST + offset).to_string()
}

fn source_text(p: &Program) -> String {
    let mut text = String::new();
    for (pred, args, time) in &p.facts {
        let args: Vec<&str> = if *pred == 2 { vec![NAMES[args[0]]] } else { args.iter().map(|a| NAMES[*a]).collect() };
        text += &format!("b{pred}({})", args.join(", "));
        if let Some((s, e)) = time {
            text += &format!(" @ [{}, {})", day(*s), day(*e));
        }
        text += ".\n";
    }
    // Declare every predicate so programs that never use one still know its arity.
    text += "pred b0(X, Y) \"\". pred b1(X, Y) \"\". pred b2(X) \"\". pred d0(X, Y) \"\". pred d1(X, Y) \"\". pred d2(X) \"\".\n";
    for r in &p.rules {
        text += TEMPLATES[*r];
        text += "\n";
    }
    text
}

fn load(p: &Program) -> Database {
    let mut db = Database::default();
    let diags = db.load_kb(vec![("p.tkb".into(), source_text(p))]);
    assert!(diags.is_empty(), "generated program is valid: {diags:?}\n{}", source_text(p));
    db
}

type Facts = BTreeMap<(Symbol, Vec<Value>), IntervalSet>;

fn derived(model: &Model) -> Facts {
    let mut out = Facts::new();
    for pred in ["d0", "d1", "d2"] {
        for (tuple, days) in model.facts(Symbol::from(pred)) {
            if !days.is_empty() {
                out.insert((Symbol::from(pred), tuple.to_vec()), days);
            }
        }
    }
    out
}

fn derived_naive(rels: &Relations) -> Facts {
    let mut out = Facts::new();
    for pred in ["d0", "d1", "d2"] {
        for (tuple, days) in rels.get(&Symbol::from(pred)).into_iter().flatten() {
            if !days.is_empty() {
                out.insert((Symbol::from(pred), tuple.to_vec()), days.clone());
            }
        }
    }
    out
}

/// Plain Datalog on one day: base facts that hold that day, rules to a fixpoint, stratum by stratum.
fn untimed(p: &Program, on: i32) -> BTreeSet<(String, Vec<usize>)> {
    let holds = |t: &Option<(i32, i32)>| t.is_none_or(|(s, e)| s <= on && on < e);
    let mut db: BTreeSet<(String, Vec<usize>)> = p
        .facts
        .iter()
        .filter(|f| holds(&f.2))
        .map(|(pred, args, _)| (format!("b{pred}"), if *pred == 2 { vec![args[0]] } else { args.clone() }))
        .collect();
    let has = |db: &BTreeSet<(String, Vec<usize>)>, p: &str, a: &[usize]| db.contains(&(p.to_string(), a.to_vec()));
    let strata: [&[usize]; 3] = [&[0, 1, 2], &[3, 4, 5], &[6, 7, 8]];
    for stratum in strata {
        loop {
            let mut new = Vec::new();
            for &r in stratum.iter().filter(|r| p.rules.contains(r)) {
                for x in 0..3 {
                    for y in 0..3 {
                        for z in 0..3 {
                            let fire = match r {
                                0 => has(&db, "b0", &[x, y]).then(|| ("d0", vec![x, y])),
                                1 => (has(&db, "d0", &[x, y]) && has(&db, "b1", &[y, z])).then(|| ("d0", vec![x, z])),
                                2 => has(&db, "d0", &[y, x]).then(|| ("d0", vec![x, y])),
                                3 => (has(&db, "b1", &[x, y]) && !has(&db, "b0", &[x, y])).then(|| ("d1", vec![x, y])),
                                4 => (has(&db, "d0", &[x, y]) && has(&db, "b2", &[x])).then(|| ("d1", vec![x, y])),
                                5 => (has(&db, "d1", &[x, y]) && has(&db, "d1", &[y, z])).then(|| ("d1", vec![x, z])),
                                6 => (has(&db, "b2", &[x]) && !(0..3).any(|w| has(&db, "d0", &[x, w])))
                                    .then(|| ("d2", vec![x])),
                                7 => has(&db, "d1", &[x, x]).then(|| ("d2", vec![x])),
                                8 => {
                                    (has(&db, "b2", &[x]) && has(&db, "b0", &[x, y]) && x != y).then(|| ("d2", vec![x]))
                                }
                                _ => None,
                            };
                            if let Some((pred, args)) = fire {
                                if !has(&db, pred, &args) {
                                    new.push((pred.to_string(), args));
                                }
                            }
                        }
                    }
                }
            }
            if new.is_empty() {
                break;
            }
            db.extend(new);
        }
    }
    db.into_iter().filter(|(p, _)| p.starts_with('d')).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn seminaive_agrees_with_naive(p in program_strategy()) {
        let db = load(&p);
        let store = db.visible_store();
        let fast = derived(&evaluate(store, &db.rules, &db.strata, &db.guard).expect("evaluates"));
        let slow = derived_naive(&evaluate_naive(store, &db.rules, &db.strata));
        prop_assert_eq!(fast, slow, "program:\n{}", source_text(&p));
    }

    #[test]
    fn intervals_agree_with_day_by_day(p in program_strategy()) {
        let db = load(&p);
        let model = derived(&evaluate(db.visible_store(), &db.rules, &db.strata, &db.guard).expect("evaluates"));
        // Days before, across and after every fact: outside the span nothing changes any more.
        for on in -2..SPAN + 8 {
            let expected = untimed(&p, on);
            let actual: BTreeSet<(String, Vec<usize>)> = model
                .iter()
                .filter(|(_, days)| days.contains(Day(FIRST + on)))
                .map(|((pred, tuple), _)| {
                    let args = tuple.iter().map(|v| NAMES.iter().position(|n| Value::sym(n) == *v).unwrap_or(9)).collect();
                    (pred.to_string(), args)
                })
                .collect();
            prop_assert_eq!(&actual, &expected, "day {} of program:\n{}", on, source_text(&p));
        }
    }

    #[test]
    fn coalescing_matches_day_sets(parts in prop::collection::vec((0..40i32, 1..10i32), 0..8), cut in (0..40i32, 1..15i32)) {
        let set = IntervalSet::from_intervals(parts.iter().filter_map(|(s, l)| Interval::new(Day(*s), Day(s + l))));
        let days: BTreeSet<i32> = parts.iter().flat_map(|(s, l)| *s..s + l).collect();
        for d in -1..52 {
            prop_assert_eq!(set.contains(Day(d)), days.contains(&d));
        }
        // Coalesced: no two parts touch.
        prop_assert!(set.intervals().windows(2).all(|w| w[0].to < w[1].from));
        let hole = IntervalSet::from(Interval::new(Day(cut.0), Day(cut.0 + cut.1)).expect("non-empty"));
        let rest = set.subtract(&hole);
        for d in -1..52 {
            let in_hole = cut.0 <= d && d < cut.0 + cut.1;
            prop_assert_eq!(rest.contains(Day(d)), days.contains(&d) && !in_hole);
        }
    }

    #[test]
    fn parser_never_panics(text in "[a-zA-Z0-9_(),.:\\-?@\\[\\]\"% \n{}=<>!]{0,80}") {
        let _ = tkb::syntax::parse_program(&text);
        let mut db = Database::default();
        let _ = db.load_kb(vec![("fuzz.tkb".into(), text)]);
    }
}

/// Checks one proof node and everything under it: a base leaf holds on its day; a rule node is an instance of
/// its rule (one binding of the variables gives the head and every positive premise, in body order), every
/// negated atom of that instance holds on no matching tuple that day, and every comparison holds.
fn check_proof(db: &Database, model: &Model, proof: &tkb::provenance::Proof) -> Result<(), String> {
    use tkb::program::{Arg, Lit};
    use tkb::provenance::ProofKind;
    let holds = |pred: Symbol, tuple: &[Value], day: Day| {
        model.validity(pred, tuple).contains(day) || db.visible_store().validity(pred, tuple).contains(day)
    };
    if !holds(proof.pred, &proof.tuple, proof.day) {
        return Err(format!("{}{:?} does not hold on {}", proof.pred, proof.tuple, proof.day));
    }
    let ProofKind::Derived { rule, premises, .. } = &proof.kind else { return Ok(()) };
    let rule = &db.rules[*rule];
    let mut env: Vec<Option<Value>> = vec![None; rule.var_names.len()];
    let mut unify = |args: &[Arg], tuple: &[Value]| -> bool {
        args.iter().zip(tuple).all(|(a, v)| match a {
            Arg::Const(c) => c == v,
            Arg::Var(s) => *env[*s].get_or_insert(*v) == *v,
        })
    };
    if !unify(&rule.head.args, &proof.tuple) {
        return Err(format!("head of `{}` does not give {:?}", rule.text, proof.tuple));
    }
    let binding: Vec<&Lit> = rule.body.iter().filter(|l| l.binds()).collect();
    if binding.len() != premises.len() {
        return Err(format!("`{}` has {} premises, the proof {}", rule.text, binding.len(), premises.len()));
    }
    for (lit, premise) in binding.iter().zip(premises) {
        let atom = lit.atom().expect("binding literals read an atom");
        if atom.pred != premise.pred || !unify(&atom.args, &premise.tuple) {
            return Err(format!(
                "premise {}{:?} is not an instance of {:?} in `{}`",
                premise.pred, premise.tuple, atom, rule.text
            ));
        }
        if matches!(lit, Lit::Pos(_)) && premise.day != proof.day {
            return Err(format!("premise {} proved on {} for a node on {}", premise.pred, premise.day, proof.day));
        }
        check_proof(db, model, premise)?;
    }
    let value = |a: &Arg| match a {
        Arg::Const(c) => Some(*c),
        Arg::Var(s) => env[*s],
    };
    for lit in &rule.body {
        match lit {
            Lit::Neg(atom) => {
                let wild = |a: &Arg| matches!(a, Arg::Var(s) if rule.var_names[*s].as_str() == "_");
                let blocked = model
                    .facts(atom.pred)
                    .into_iter()
                    .chain(
                        db.visible_store()
                            .relation(atom.pred)
                            .into_iter()
                            .flat_map(|r| r.tuples.iter().map(|(t, f)| (t.clone(), f.validity.clone()))),
                    )
                    .any(|(tuple, days)| {
                        days.contains(proof.day)
                            && atom.args.iter().zip(&tuple).all(|(a, v)| wild(a) || value(a) == Some(*v))
                    });
                if blocked {
                    return Err(format!("`not {:?}` fails in the instance of `{}` on {}", atom, rule.text, proof.day));
                }
            }
            Lit::Cmp(l, op, r) => {
                let (Some(a), Some(b)) = (value(l), value(r)) else { return Err("comparison unbound".into()) };
                if !tkb::eval::compare(a, *op, b) {
                    return Err(format!("comparison fails in `{}`", rule.text));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every derived fact, on every day it holds in the span, has a proof whose leaves hold on their day and
    /// whose rule nodes are valid instances of their rules.
    #[test]
    fn every_proof_is_a_valid_derivation(p in program_strategy()) {
        let db = load(&p);
        let model = db.model_for(&[], &[]).expect("evaluates");
        for ((pred, tuple), days) in derived(&model) {
            for on in -1..SPAN + 6 {
                let day = Day(FIRST + on);
                if !days.contains(day) {
                    continue;
                }
                let tuple: tkb::value::Tuple = tuple.iter().copied().collect();
                let proof = tkb::provenance::prove(&db, pred, &tuple, day).expect("no limit is set");
                prop_assert!(proof.is_some(), "no proof of {}{:?} on {}:\n{}", pred, tuple, day, source_text(&p));
                let checked = check_proof(&db, &model, proof.as_ref().expect("checked"));
                prop_assert!(checked.is_ok(), "{}\nprogram:\n{}", checked.unwrap_err(), source_text(&p));
            }
        }
    }
}
