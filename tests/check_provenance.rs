//! The confirmation and the provenance of an answer follow every derivation and every part of its period (issue
//! 19, item 6): random small kbs where `r(a)` has several derivations (`r :- p.`, `r :- q.`, `r :- s, t.`) over
//! facts with random days and sources, asked as period and one-day queries, against a day-by-day reference that
//! looks at each derivation on each day.
//!
//! The reference: on a day, a derivation holds when its premises do; it is confirmed when each premise is
//! confirmed that day (`confirm_base`, the base facts' own confirmation, is taken as given); the answer is
//! confirmed on a day when some derivation holding then is; its sources on a day are those of the statements
//! behind the premises of every derivation holding then; and its last confirmation is the latest of its
//! derivations' (each as recent as its least recent premise) on the answer's last day.

use proptest::prelude::*;
use serde_json::Value as Json;
use std::collections::BTreeSet;
use tkb::db::Database;
use tkb::output::Format;
use tkb::session::Session;
use tkb::symbol::Symbol;
use tkb::time::Day;
use tkb::value::{Tuple, Value};

const FIRST: i32 = 738_000;
const SPAN: i32 = 40;
const BASES: [&str; 4] = ["p", "q", "s", "t"];
/// The derivations of `r(a)`, each as the base predicates it needs.
const DERIVATIONS: [&[&str]; 3] = [&["p"], &["q"], &["s", "t"]];

/// A statement of `pred(a)`: base predicate, source, and its time: an interval, or a start (and maybe an end).
#[derive(Clone, Debug)]
struct Statement {
    pred: usize,
    source: usize,
    from: i32,
    to: Option<i32>,
    interval: bool,
}

fn statement() -> impl Strategy<Value = Statement> {
    (0..4usize, 0..4usize, 0..SPAN, prop::option::of(1..20i32), any::<bool>()).prop_map(
        |(pred, source, from, len, interval)| Statement { pred, source, from, to: len.map(|l| from + l), interval },
    )
}

fn day(offset: i32) -> String {
    Day(FIRST + offset).to_string()
}

/// The kb text: four sources published on days of the span, the statements, the three rules.
fn kb(statements: &[Statement], published: &[i32]) -> String {
    let mut text = String::new();
    for (i, p) in published.iter().enumerate() {
        text += &format!("source s{i} {{ doc: \"d.txt\", title: \"t{i}\", published: {}, lines: [1, 2] }}.\n", day(*p));
    }
    for s in statements {
        let cite = format!("cite s{} \"q\"", s.source);
        let pred = BASES[s.pred];
        text += &match (s.interval, s.to) {
            (true, Some(to)) => format!("{pred}(a) @ [{}, {}) {cite} basis stated.\n", day(s.from), day(to)),
            (_, to) => {
                let mut t = format!("{pred}(a) from {} {cite}.\n", day(s.from));
                if let Some(to) = to {
                    t += &format!("{pred}(a) until {} {cite}.\n", day(to));
                }
                t
            }
        };
    }
    text += "r(X) :- p(X).\nr(X) :- q(X).\nr(X) :- s(X), t(X).\n";
    text
}

fn session(text: &str) -> Session {
    let mut db = Database::default();
    let diags = db.load_kb(vec![("kb.tkb".into(), text.into())]);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}\n{text}");
    Session::new(db, Format::Json)
}

fn ask(session: &mut Session, query: &str) -> Json {
    let out = session.execute("q", query);
    assert!(!out.has_errors(), "{query}: {:?}", out.diagnostics);
    out.json.into_iter().next().expect("one result")
}

fn a() -> Tuple {
    [Value::sym("a")].into_iter().collect()
}

/// Whether base predicate `pred(a)` holds on `d`.
fn holds(db: &Database, pred: &str, d: Day) -> bool {
    db.store.validity(Symbol::from(pred), &a()).contains(d)
}

/// The derivations of r(a) that hold on `d`.
fn holding(db: &Database, d: Day) -> Vec<&'static [&'static str]> {
    DERIVATIONS.iter().copied().filter(|preds| preds.iter().all(|p| holds(db, p, d))).collect()
}

/// The sources of the statements behind `pred(a)` on `d`.
fn sources_on(db: &Database, pred: &str, d: Day) -> BTreeSet<String> {
    let Some(facts) = db.store.relation(Symbol::from(pred)).and_then(|r| r.tuples.get(&a())) else {
        return BTreeSet::new();
    };
    facts
        .pieces
        .iter()
        .filter(|piece| piece.interval.contains(d))
        .flat_map(|piece| piece.support.iter())
        .flat_map(|id| db.store.assertion(*id).cites.iter().map(|c| c.source.to_string()))
        .collect()
}

fn confirmed_on(db: &Database, preds: &[&str], d: Day) -> bool {
    preds.iter().all(|p| tkb::provenance::confirm_base(db, Symbol::from(*p), &a(), d).is_some_and(|c| !c.presumed))
}

/// The last confirmation of a derivation on `d`: as recent as its least recent premise.
fn last_confirmed(db: &Database, preds: &[&str], d: Day) -> Option<Day> {
    let each: Vec<Option<Day>> = preds
        .iter()
        .map(|p| tkb::provenance::confirm_base(db, Symbol::from(*p), &a(), d).and_then(|c| c.last_confirmed))
        .collect();
    if each.iter().all(Option::is_none) {
        return None;
    }
    each.into_iter().flatten().min()
}

fn days_of(answer: &Json) -> Vec<Day> {
    let mut out = Vec::new();
    for part in answer["valid"].as_array().into_iter().flatten() {
        let from = part["from"].as_str().and_then(Day::parse).unwrap_or(Day(FIRST - 5));
        let to = part["to"].as_str().and_then(Day::parse).unwrap_or(Day(FIRST + SPAN + 25));
        let mut d = from;
        while d < to {
            out.push(d);
            d = d.succ();
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// A period answer cites the sources of every derivation on every day of its period.
    #[test]
    fn period_answers_cite_every_derivation_and_every_part(
        statements in prop::collection::vec(statement(), 1..7),
        published in prop::collection::vec(0..SPAN, 4),
        (from, len) in (0..SPAN, 1..30i32),
    ) {
        let text = kb(&statements, &published);
        let mut session = session(&text);
        let query = format!("?- r(a) @ [{}, {}).", day(from), day(from + len));
        let result = ask(&mut session, &query);
        let db = &session.db;
        let Some(answer) = result["answers"].as_array().and_then(|a| a.first()) else { return Ok(()) };
        let cited: BTreeSet<String> =
            answer["provenance"].as_array().into_iter().flatten().filter_map(|s| s["source"].as_str().map(String::from)).collect();
        let mut expected = BTreeSet::new();
        for d in days_of(answer) {
            for derivation in holding(db, d) {
                for pred in derivation {
                    expected.extend(sources_on(db, pred, d));
                }
            }
        }
        prop_assert_eq!(cited, expected, "{}\n{}", text, query);
    }

    /// A one-day answer is presumed only when no derivation holding that day is confirmed, and it was last
    /// confirmed when its most recently confirmed derivation was.
    #[test]
    fn one_day_answers_take_the_best_derivation(
        statements in prop::collection::vec(statement(), 1..7),
        published in prop::collection::vec(0..SPAN, 4),
        at in 0..SPAN + 10,
    ) {
        let text = kb(&statements, &published);
        let mut session = session(&text);
        let query = format!("?- r(a) @ {}.", day(at));
        let result = ask(&mut session, &query);
        let db = &session.db;
        let d = Day(FIRST + at);
        let derivations = holding(db, d);
        let answer = result["answers"].as_array().and_then(|a| a.first());
        prop_assert_eq!(answer.is_some(), !derivations.is_empty(), "{}", text);
        let Some(answer) = answer else { return Ok(()) };
        let confirmed = derivations.iter().any(|preds| confirmed_on(db, preds, d));
        prop_assert_eq!(answer["presumed"].as_bool(), Some(!confirmed), "{}\n{}", text, query);
        let best = derivations.iter().filter_map(|preds| last_confirmed(db, preds, d)).max();
        let shown = answer["last_confirmed"].as_str().and_then(Day::parse);
        prop_assert_eq!(shown, best, "{}\n{}", text, query);
    }

    /// With `--confirmed-only`, a period answer keeps exactly the days on which some derivation is confirmed.
    #[test]
    fn confirmed_only_keeps_the_days_some_derivation_confirms(
        statements in prop::collection::vec(statement(), 1..7),
        published in prop::collection::vec(0..SPAN, 4),
        (from, len) in (0..SPAN, 1..30i32),
    ) {
        let text = kb(&statements, &published);
        let mut session = session(&text);
        session.db.confirmed_only = true;
        let query = format!("?- r(a) @ [{}, {}).", day(from), day(from + len));
        let result = ask(&mut session, &query);
        let db = &session.db;
        let kept: Vec<Day> = result["answers"].as_array().and_then(|a| a.first()).map(days_of).unwrap_or_default();
        let expected: Vec<Day> = (from..from + len)
            .map(|o| Day(FIRST + o))
            .filter(|d| holding(db, *d).iter().any(|preds| confirmed_on(db, preds, *d)))
            .collect();
        prop_assert_eq!(kept, expected, "{}\n{}", text, query);
    }
}
