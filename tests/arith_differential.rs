//! Arithmetic, differentially: random programs whose rules add and subtract days, multiply, divide, take
//! remainders and negate must give the same model in the engine (planned `Calc` steps over packed relations) and
//! in the naive reference (its own 128-bit arithmetic, run once every operand is bound), or both stop with an
//! error (overflow, division by zero); and every derived value must equal the arithmetic done here on plain
//! integers.

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use tkb::db::Database;
use tkb::eval::{evaluate, naive};
use tkb::symbol::Symbol;
use tkb::time::{Day, IntervalSet};
use tkb::value::Value;

/// Rules over `at(X, D)` (a date per name), `n(X, N)` (a number per name) and `span(X) @ [..)`. Each binds or
/// compares with arithmetic, on either side of the comparison, and one chains through another derived predicate.
const TEMPLATES: &[&str] = &[
    "later(X, E) :- at(X, D), n(X, N), E = D + N.",
    "earlier(X, E) :- at(X, D), n(X, N), D - N = E.",
    "gap(X, Y, G) :- at(X, D), at(Y, E), G = E - D, E - D > 0.",
    "close(X, Y) :- at(X, D), at(Y, E), X != Y, D + 3 >= E, E + 3 >= D.",
    "bounded(X, L) :- span(X) @ [S, E), L = E - S - 1.",
    "shifted(X, F) :- later(X, E), F = 10 + E - 2.",
    "inside(X) :- span(X) @ [S, E), at(X, D), D - S >= 0, E - D > 0.",
    "prod(X, P) :- n(X, N), n(X, M), P = N * M - -N.",
    "quot(X, Q, R) :- n(X, N), n(_, M), M != 0, Q = N / M, R = N mod M.",
    "mixed(X, V) :- n(X, N), V = (N + 3) * 2 mod 5 - N / 2 * 3.",
    "zero(X, Q) :- n(X, N), n(Y, M), X != Y, Q = N / (M - N).",
    "huge(X, H) :- n(X, N), H = N * 4611686018427387904.",
];

const NAMES: [&str; 3] = ["a", "b", "c"];
const FIRST: i32 = 738_000;

#[derive(Debug, Clone)]
struct Program {
    rules: Vec<usize>,
    /// (name, day offset) for `at`, (name, number) for `n`, (name, from, to) for `span`.
    at: Vec<(usize, i32)>,
    n: Vec<(usize, i64)>,
    span: Vec<(usize, i32, i32)>,
}

fn program_strategy() -> impl Strategy<Value = Program> {
    (
        prop::collection::vec(any::<bool>(), TEMPLATES.len()),
        prop::collection::vec((0..3usize, 0..20i32), 0..6),
        prop::collection::vec((0..3usize, -10..10i64), 0..4),
        prop::collection::vec((0..3usize, 0..15i32, 1..8i32), 0..4),
    )
        .prop_map(|(mask, at, n, span)| Program {
            rules: (0..TEMPLATES.len()).filter(|&i| mask[i]).collect(),
            at,
            n,
            span: span.into_iter().map(|(x, s, l)| (x, s, s + l)).collect(),
        })
}

fn day(offset: i32) -> String {
    Day(FIRST + offset).to_string()
}

fn source_text(p: &Program) -> String {
    let mut text = String::from("pred at(X, D) \"\". pred n(X, N) \"\". pred span(X) \"\".\n");
    for (x, d) in &p.at {
        text += &format!("at({}, {}).\n", NAMES[*x], day(*d));
    }
    for (x, k) in &p.n {
        text += &format!("n({}, {k}).\n", NAMES[*x]);
    }
    for (x, s, e) in &p.span {
        text += &format!("span({}) @ [{}, {}).\n", NAMES[*x], day(*s), day(*e));
    }
    for r in &p.rules {
        text += TEMPLATES[*r];
        text += "\n";
    }
    text
}

type Facts = BTreeMap<(String, Vec<Value>), IntervalSet>;

const DERIVED: [&str; 12] =
    ["later", "earlier", "gap", "close", "bounded", "shifted", "inside", "prod", "quot", "mixed", "zero", "huge"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn engine_and_naive_agree_on_date_arithmetic(p in program_strategy()) {
        let text = source_text(&p);
        let mut db = Database::default();
        let diags = db.load_kb(vec![("p.tkb".into(), text.clone())]);
        prop_assert!(diags.is_empty(), "generated program is valid: {diags:?}\n{text}");
        let engine = evaluate(&db.store, &db.rules, &db.strata, &db.guard);
        let (model, naive) = match (engine, naive::run(&db.store, &db.rules, &db.strata)) {
            (Ok(model), Ok(naive)) => (model, naive),
            // Both stopped: an overflow or a division by zero, which neither answers with a wrong value.
            (Err(tkb::eval::Stop::Arith { .. }), Err(_)) => return Ok(()),
            (engine, reference) => {
                return Err(TestCaseError::fail(format!(
                    "engine {:?}, reference {:?}\n{text}",
                    engine.map(|_| "ok"),
                    reference.map(|_| "ok")
                )))
            }
        };
        let mut engine = Facts::new();
        let mut reference = Facts::new();
        for pred in DERIVED {
            for (tuple, days) in model.facts(Symbol::from(pred)) {
                if !days.is_empty() {
                    engine.insert((pred.to_string(), tuple.to_vec()), days);
                }
            }
            for (tuple, days) in naive.get(&Symbol::from(pred)).into_iter().flatten() {
                if !days.is_empty() {
                    reference.insert((pred.to_string(), tuple.to_vec()), days.clone());
                }
            }
        }
        prop_assert_eq!(&engine, &reference, "program:\n{}", text);
        // `mixed` by hand, in 128 bits: (N + 3) * 2 mod 5 - N / 2 * 3, truncating.
        if p.rules.contains(&9) {
            let expected: BTreeSet<Vec<Value>> = p.n.iter().map(|(x, k)| {
                let k = i128::from(*k);
                vec![Value::sym(NAMES[*x]), Value::Int(((k + 3) * 2 % 5 - k / 2 * 3) as i64)]
            }).collect();
            let got: BTreeSet<Vec<Value>> =
                engine.keys().filter(|(pred, _)| pred == "mixed").map(|(_, t)| t.clone()).collect();
            prop_assert_eq!(got, expected, "program:\n{}", text);
        }
        // `later` by hand: every (name, date + number) pair, and nothing else.
        if p.rules.contains(&0) {
            let expected: BTreeSet<Vec<Value>> = p.at.iter().flat_map(|(x, d)| {
                p.n.iter().filter(move |(y, _)| y == x).map(move |(_, k)| {
                    vec![Value::sym(NAMES[*x]), Value::Date(Day(FIRST + d + *k as i32))]
                })
            }).collect();
            let got: BTreeSet<Vec<Value>> =
                engine.keys().filter(|(pred, _)| pred == "later").map(|(_, t)| t.clone()).collect();
            prop_assert_eq!(got, expected, "program:\n{}", text);
        }
    }
}
