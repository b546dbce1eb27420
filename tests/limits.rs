//! Limits are values, not process state: sessions in one process, each with its own timeout and budgets, answer
//! side by side (on two threads at once) without seeing each other's limits.

use std::time::Duration;
use tkb::db::Database;
use tkb::diag::Code;
use tkb::eval::interrupt::Limits;
use tkb::output::Format;
use tkb::session::{Outcome, RunSettings, Session};

/// A chain of `n` edges and its transitive closure: `path(n0, X)` has `n` answers, and the model holds about
/// n²/2 tuples of `path`.
fn chain(n: usize) -> String {
    let mut text: String = (0..n).map(|i| format!("edge(n{i}, n{}).\n", i + 1)).collect();
    text += "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n";
    text
}

/// A session over the chain, loaded under the default limits, that answers under `limits` from then on.
fn session(limits: Limits) -> Session {
    let mut session = Session::with_settings(Database::default(), RunSettings::new(Format::Table));
    let loaded = session.execute("<chain>", &chain(120));
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    session.set_limits(limits);
    session
}

fn ask(session: &mut Session) -> Outcome {
    session.start_request();
    session.execute("<query>", "?- path(n0, X).")
}

fn codes(outcome: &Outcome) -> Vec<Code> {
    outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code).collect()
}

#[test]
fn two_sessions_keep_their_own_tuple_budgets_on_two_threads() {
    let tight = Limits { max_tuples: 500, ..Limits::default() };
    let a = std::thread::spawn(move || ask(&mut session(tight)));
    let b = std::thread::spawn(|| ask(&mut session(Limits::default())));
    let (a, b) = (a.join().expect("thread a"), b.join().expect("thread b"));
    assert_eq!(codes(&a), [Code::TupleBudget], "{:?}", a.diagnostics);
    assert!(a.diagnostics[0].message.contains("`path` was growing"), "{}", a.diagnostics[0].message);
    assert!(a.results.is_empty(), "a stopped request answers nothing");
    assert_eq!(codes(&b), []);
    assert_eq!(b.results[0].answers.len(), 120);
}

#[test]
fn a_timeout_belongs_to_its_session_and_to_each_request() {
    let mut late = session(Limits { timeout: Some(Duration::ZERO), ..Limits::default() });
    let mut free = session(Limits::default());
    assert_eq!(codes(&ask(&mut late)), [Code::Timeout]);
    assert_eq!(ask(&mut free).results[0].answers.len(), 120);
    // New limits take effect with the next request, in that session only.
    late.set_limits(Limits::default());
    assert_eq!(ask(&mut late).results[0].answers.len(), 120);
}

#[test]
fn cancelling_one_request_leaves_the_other_session_alone() {
    let mut cancelled = session(Limits::default());
    let mut other = session(Limits::default());
    cancelled.start_request();
    cancelled.db.guard.cancel_handle().cancel();
    let outcome = cancelled.execute("<query>", "?- path(n0, X).");
    assert_eq!(codes(&outcome), [Code::Interrupted]);
    assert_eq!(ask(&mut other).results[0].answers.len(), 120);
    // The next request of the cancelled session starts afresh.
    assert_eq!(ask(&mut cancelled).results[0].answers.len(), 120);
}

#[test]
fn a_request_stopped_before_a_statement_runs_nothing_more() {
    let mut session = session(Limits::default());
    session.start_request();
    session.db.guard.cancel_handle().cancel();
    let outcome = session.execute("<why>", "why path(n0, n100) @ 2021-01-01.\n?- edge(n0, X).");
    assert_eq!(codes(&outcome), [Code::Interrupted], "{:?}", outcome.diagnostics);
    assert!(outcome.output.is_empty(), "{}", outcome.output);
}

#[test]
fn a_stopped_proof_search_is_an_error_not_a_missing_proof() {
    let path = tkb::symbol::Symbol::new("path");
    let tuple: tkb::value::Tuple = ["n0", "n150"].map(|n| tkb::value::Value::Sym(tkb::symbol::Symbol::new(n))).into();
    let day = tkb::time::Day::parse("2021-01-01").expect("a date");
    let chained = || {
        let mut session = Session::new(Database::default(), Format::Table);
        assert!(!session.execute("<chain>", &chain(300)).has_errors());
        session
    };
    let cancel = |session: &mut Session| {
        session.db.guard = Limits::default().start();
        session.db.guard.cancel_handle().cancel();
    };
    // Stopped while the model is evaluated for the search.
    let mut session = chained();
    cancel(&mut session);
    let reversed: tkb::value::Tuple = [tuple[1], tuple[0]].into_iter().collect();
    assert_eq!(tkb::provenance::why_not(&session.db, path, &reversed, day), Err(tkb::eval::Stop::Interrupted));
    assert_eq!(tkb::provenance::prove(&session.db, path, &tuple, day), Err(tkb::eval::Stop::Interrupted));
    // Stopped in the search itself, the model being evaluated already (150 steps: proofs are cut at depth 200).
    let mut session = chained();
    assert!(tkb::provenance::prove(&session.db, path, &tuple, day).expect("no limit").is_some());
    cancel(&mut session);
    assert_eq!(tkb::provenance::prove(&session.db, path, &tuple, day), Err(tkb::eval::Stop::Interrupted));
}
