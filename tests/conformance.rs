//! Conformance, feature by feature, to the semantics Soufflé's documentation gives plain Datalog with arithmetic
//! and aggregates (our own cases, written from the documented semantics), and to tkb's temporal reading of them:
//! integer arithmetic and its precedence, aggregates in rules (grouping, empty groups, `_`, nesting, inside
//! expressions, over time), existential atoms, and the tuple budget.

use std::collections::BTreeSet;
use std::process::Command;
use tkb::db::Database;
use tkb::symbol::Symbol;
use tkb::time::Day;
use tkb::value::Value;

/// The program loaded, every derived predicate evaluated: `pred`'s tuples that hold on `day` (any day if none).
fn holds(program: &str, pred: &str, day: Option<&str>) -> BTreeSet<Vec<Value>> {
    let mut db = Database::default();
    let diags = db.load_kb(vec![("c.tkb".into(), program.to_string())]);
    assert!(diags.is_empty(), "{diags:?}\n{program}");
    let model = db.model_for(&[], &[]).expect("evaluates");
    let day = day.map(|d| Day::parse(d).expect("a date"));
    model
        .facts(Symbol::from(pred))
        .into_iter()
        .filter(|(_, days)| day.map_or(!days.is_empty(), |d| days.contains(d)))
        .map(|(t, _)| t.to_vec())
        .collect()
}

fn ints(rows: &[&[i64]]) -> BTreeSet<Vec<Value>> {
    rows.iter().map(|r| r.iter().map(|n| Value::Int(*n)).collect()).collect()
}

fn errors(program: &str) -> Vec<String> {
    let mut db = Database::default();
    db.load_kb(vec![("c.tkb".into(), program.to_string())]).iter().map(|d| d.code.id().to_string()).collect()
}

#[test]
fn arithmetic_has_the_usual_precedence_and_truncates_towards_zero() {
    let program = "n(7). n(-7).
        r(X, A, B, C, D) :- n(X), A = X / 2, B = X mod 2, C = 1 + X * 2 - 3, D = -(X - 1) * (2 + 1).";
    assert_eq!(holds(program, "r", None), ints(&[&[-7, -3, -1, -16, 24], &[7, 3, 1, 12, -18]]));
    // Left to right at one level: 20 / 2 / 5 is 2, 20 - 2 - 5 is 13.
    assert_eq!(holds("s(A, B) :- A = 20 / 2 / 5, B = 20 - 2 - 5.", "s", None), ints(&[&[2, 13]]));
}

#[test]
fn arithmetic_errors_are_located_not_wrong_values() {
    for program in [
        "p(0). q(X) :- p(Y), X = 1 / Y.",
        "p(0). q(X) :- p(Y), X = 1 mod Y.",
        "p(9223372036854775807). q(X) :- p(Y), X = Y + 1.",
    ] {
        let mut db = Database::default();
        assert!(db.load_kb(vec![("c.tkb".into(), program.to_string())]).is_empty());
        let stop = db.model_for(&[], &[]).expect_err("stops");
        assert!(matches!(stop, tkb::eval::Stop::Arith { at, .. } if at.span.start > 0), "{stop:?}");
    }
    assert_eq!(errors("p(1). q(X) :- p(Y), X = Y * 2021-01-01."), ["E0111"], "a date times a number");
}

#[test]
fn count_counts_distinct_bindings_of_the_aggregates_own_variables_wildcards_included() {
    let program = "c(a, 1). c(a, 2). c(b, 1).
        all(N) :- N = count : { c(_, _) }.
        firsts(N) :- N = count : { c(X, _), X != z }.";
    assert_eq!(holds(program, "all", None), ints(&[&[3]]));
    assert_eq!(holds(program, "firsts", None), ints(&[&[3]]), "`_` is a variable of the aggregate too");
}

#[test]
fn an_injected_group_with_no_member_counts_zero_and_has_no_minimum() {
    let program = "w(a). w(b). w(c). v(a, 5). v(a, 7). v(b, 1).
        n(S, N) :- w(S), N = count : { v(S, _) }.
        s(S, T) :- w(S), T = sum X : { v(S, X) }.
        m(S, M) :- w(S), M = min X : { v(S, X) }.";
    let sym = |s: &str| Value::sym(s);
    let rows = |r: &[(&str, i64)]| r.iter().map(|(s, n)| vec![sym(s), Value::Int(*n)]).collect::<BTreeSet<_>>();
    assert_eq!(holds(program, "n", None), rows(&[("a", 2), ("b", 1), ("c", 0)]));
    assert_eq!(holds(program, "s", None), rows(&[("a", 12), ("b", 1), ("c", 0)]));
    assert_eq!(holds(program, "m", None), rows(&[("a", 5), ("b", 1)]), "no minimum of nothing");
    // A minimum over nothing at all leaves the rule without a result.
    assert!(holds("p(1). q(M) :- M = min X : { p(X), X > 5 }.", "q", None).is_empty());
}

#[test]
fn a_variable_only_the_aggregate_binds_groups_its_members() {
    let program = "v(a, 5). v(a, 7). v(b, 1). top(S, M) :- M = max X : { v(S, X) }.";
    let expected: BTreeSet<Vec<Value>> =
        [("a", 7), ("b", 1)].iter().map(|(s, n)| vec![Value::sym(s), Value::Int(*n)]).collect();
    assert_eq!(holds(program, "top", None), expected);
}

#[test]
fn aggregates_nest_and_stand_in_expressions() {
    let program = "p(1). p(2). p(3).
        below(S) :- S = sum Y : { p(N), Y = count : { p(Z), Z < N } }.
        scaled(T) :- T = count : p(_) * 10 + sum X : p(X).
        many :- count : { p(X) } > 2.";
    assert_eq!(holds(program, "below", None), ints(&[&[3]]), "0 + 1 + 2");
    assert_eq!(holds(program, "scaled", None), ints(&[&[36]]));
    assert_eq!(holds(program, "many", None).len(), 1);
}

#[test]
fn an_aggregate_over_itself_is_an_aggregate_cycle() {
    assert_eq!(errors("p(a). n(N) :- N = count : { n(_) }."), ["E0112"]);
    assert_eq!(errors("p(a). q(X) :- p(X), N = count : { r(X) }, N > 0. r(X) :- q(X)."), ["E0112"]);
}

#[test]
fn an_aggregate_is_a_step_function_of_the_day() {
    let program = "f(a) @ [2021-01-01, 2021-03-01). f(b) @ [2021-02-01, 2021-04-01). n(N) :- N = count : { f(C) }.";
    assert_eq!(holds(program, "n", Some("2020-12-31")), ints(&[&[0]]));
    assert_eq!(holds(program, "n", Some("2021-01-15")), ints(&[&[1]]));
    assert_eq!(holds(program, "n", Some("2021-02-15")), ints(&[&[2]]));
    assert_eq!(holds(program, "n", Some("2021-03-15")), ints(&[&[1]]));
    assert_eq!(holds(program, "n", Some("2021-04-01")), ints(&[&[0]]));
}

#[test]
fn existential_atoms_are_checked_not_enumerated() {
    let facts: String = (0..1001).map(|i| format!("e({i}). ")).collect();
    let program = format!("{facts}\nq :- e(_), e(_), e(_), e(_), e(_).\nr(X) :- e(X), e(_), X < 2.");
    assert_eq!(holds(&program, "q", None).len(), 1);
    assert_eq!(holds(&program, "r", None), ints(&[&[0], &[1]]));
}

/// The budget counts tuples stored, not the rows a join produces: 300 x 300 matches that derive only 300 tuples
/// fit in a budget of 1,000; one that stores more stops, naming the relation that grew.
#[test]
fn the_tuple_budget_counts_stored_tuples_and_names_the_relation_that_grew() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("conformance");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("kb")).expect("a folder");
    let facts: String = (0..300).map(|i| format!("e({i}, 0). ")).collect();
    let path = dir.join("budget.tkb");
    std::fs::write(&path, format!("{facts}\nq(X) :- e(X, Y), e(Z, Y), X != Z.\n?- q(1).\n")).expect("written");
    let run = |budget: &str| {
        Command::new(env!("CARGO_BIN_EXE_tkb"))
            .args(["run", "--kb", dir.join("kb").to_str().expect("utf-8"), "--max-tuples", budget])
            .arg(&path)
            .env("NO_COLOR", "1")
            .output()
            .expect("tkb runs")
    };
    let fits = run("1000");
    assert_eq!(fits.status.code(), Some(0), "{}", String::from_utf8_lossy(&fits.stderr));
    let over = run("500");
    let err = String::from_utf8_lossy(&over.stderr);
    assert_eq!(over.status.code(), Some(4), "{err}");
    assert!(err.contains("E0205") && err.contains("`q` was growing"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
