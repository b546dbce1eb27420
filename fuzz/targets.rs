//! The fuzz targets' bodies, shared by the libFuzzer binaries (`fuzz/fuzz_targets/*.rs`, nightly) and by the
//! corpus replay in `tests/robustness.rs` (stable), so that CI runs exactly what was fuzzed. Each function takes
//! any bytes; a panic (or a failed assertion) is a finding.

use std::collections::BTreeMap;
use std::sync::OnceLock;
use tkb::db::Database;
use tkb::symbol::Symbol;
use tkb::time::IntervalSet;
use tkb::value::Value;

/// A target's name (its corpus folder) and its body.
pub type Target = (&'static str, fn(&[u8]));

/// The targets by name, as the corpus folders are named.
pub const TARGETS: &[Target] =
    &[("parse_load", parse_load), ("tsv", tsv), ("lint_text", lint_text), ("eval_diff", eval_diff)];

/// Decoding, parsing, the REPL's completeness test, loading a kb file and rendering every diagnostic.
pub fn parse_load(data: &[u8]) {
    let text = match tkb::input::decode("fuzz.tkb", data.to_vec()) {
        Ok(text) => text,
        Err(e) => return assert!(e.message.starts_with("fuzz.tkb:"), "a decoding error is located: {}", e.message),
    };
    let parsed = tkb::syntax::parse_program(&text);
    for e in &parsed.errors {
        assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "error span inside the text: {e:?}");
    }
    let _ = tkb::repl::is_complete_input(&text);
    let mut db = Database::default();
    let diags = db.load_kb(vec![("fuzz.tkb".into(), text)]);
    let rendered = tkb::diag::render_diagnostics(&diags, &db.files, false);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    assert!(errors == 0 || rendered.contains("fuzz.tkb:"), "errors are located:\n{rendered}");
}

/// A fact file `p.tsv` loaded undeclared or after a declaration of arity 1 or 2 (first byte), then asked for.
pub fn tsv(data: &[u8]) {
    let Some((&mode, bytes)) = data.split_first() else { return };
    let path = scratch_dir().join("p.tsv");
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    thread_local! {
        /// The kb undeclared and declared with arity 1 and 2, loaded once and cloned for each input.
        static DECLARED: [Database; 3] = ["", "pred p(X) \"\".", "pred p(X, Y) \"\"."].map(|declaration| {
            let mut db = Database::default();
            assert!(db.load_kb(vec![("d.tkb".into(), declaration.into())]).is_empty());
            db
        });
    }
    let mut db = DECLARED.with(|kbs| kbs[usize::from(mode % 3)].clone());
    let to = if mode & 4 == 0 { tkb::tsv::ToColumn::Exclusive } else { tkb::tsv::ToColumn::Inclusive };
    match tkb::tsv::load_tsv(&mut db, &path, to) {
        Err(diags) => {
            let _ = tkb::diag::render_diagnostics(&diags, &db.files, false);
        }
        Ok(_) => {
            let Some(arity) = db.preds.get(&Symbol::from("p")).map(|p| p.arity) else { return };
            let vars: Vec<String> = (0..arity).map(|i| format!("X{i}")).collect();
            let query = if arity == 0 { "?- p.".to_string() } else { format!("?- p({}).", vars.join(", ")) };
            let mut session = tkb::session::Session::new(db, tkb::output::Format::Table);
            let _ = session.execute("q", &query);
        }
    }
}

/// A folder of this process's own for the files the targets write: in memory where there is a `/dev/shm` (writing
/// and truncating a file on disk for every input cost more than loading it).
fn scratch_dir() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = std::path::Path::new("/dev/shm");
        let base = if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() };
        let dir = base.join(format!("tkb-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        dir
    })
}

/// The raw-text linter (`tkb lint --text`) on any document, with the built-in kb's country names, rendered as text
/// and as JSON.
pub fn lint_text(data: &[u8]) {
    thread_local! {
        /// The built-in kb's country names, read once: they do not depend on the input.
        static LINTER: tkb::lint::DocumentLinter = tkb::lint::DocumentLinter::new(&tkb::builtin::builtin_database().0);
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = LINTER.with(|linter| linter.lint("doc.txt", text));
    let _ = report.text(false);
    let _ = serde_json::from_str::<serde_json::Value>(&report.json()).expect("the linter's JSON parses");
}

/// Small programs read from the bytes (rules over three base and three derived predicates, facts over three
/// constants with intervals and events; negation, comparisons, metric operators, timed literals and Allen
/// relations) must give the same derived tuples and validity from the engine as from the naive reference
/// evaluator. Where no rule looks at time (no metric operator, timed literal or interval variable), each day must
/// also agree with plain Datalog run on the facts of that day alone (the day-by-day reference). Programs the
/// loader rejects (unsafe, not stratified) are skipped.
pub fn eval_diff(data: &[u8]) {
    let text = program(data);
    let mut db = Database::default();
    if !db.load_kb(vec![("p.tkb".into(), text.clone())]).is_empty() {
        return;
    }
    let store = db.visible_store();
    let fast = tkb::eval::evaluate(store, &db.rules, &db.strata, &db.guard).expect("no limit is set");
    let slow = tkb::eval::naive::evaluate_naive(store, &db.rules, &db.strata);
    for pred in DERIVED.iter().map(|(name, _)| Symbol::from(*name)) {
        let engine: BTreeMap<Vec<Value>, IntervalSet> =
            fast.facts(pred).into_iter().filter(|(_, d)| !d.is_empty()).map(|(t, d)| (t.to_vec(), d)).collect();
        let naive: BTreeMap<Vec<Value>, IntervalSet> = slow
            .get(&pred)
            .into_iter()
            .flatten()
            .filter(|(_, d)| !d.is_empty())
            .map(|(t, d)| (t.to_vec(), d.clone()))
            .collect();
        assert_eq!(engine, naive, "`{pred}` differs for the program:\n{text}");
    }
    if !looks_at_time(&text) {
        day_by_day(&text, &fast, &slow);
    }
}

/// Whether a rule of the generated text reads time: a metric operator, a timed literal or an interval variable.
fn looks_at_time(text: &str) -> bool {
    text.lines().filter(|line| line.contains(":-")).any(|rule| rule.contains('[') || rule.contains(" @ "))
}

/// On every day from before the first bound to after the last, the engine's derived tuples holding that day must
/// be what the naive evaluator derives from that day's base facts loaded without time. Days with the same base
/// facts have the same untimed program, which is loaded and evaluated once.
fn day_by_day(text: &str, fast: &tkb::eval::Model, slow: &tkb::eval::naive::Relations) {
    let rules: String =
        text.lines().filter(|l| l.starts_with("pred ") || l.contains(":-")).map(|l| l.to_string() + "\n").collect();
    let mut evaluated: std::collections::HashMap<String, tkb::eval::naive::Relations> = Default::default();
    for offset in -2..22 {
        let on = tkb::time::Day(738_000 + offset);
        let mut untimed = rules.clone();
        for (pred, _) in BASE {
            for (tuple, days) in slow.get(&Symbol::from(pred)).into_iter().flatten() {
                if days.contains(on) {
                    let args: Vec<String> = tuple.iter().map(|v| v.to_string()).collect();
                    untimed += &format!("{pred}({}).\n", args.join(", "));
                }
            }
        }
        let plain = evaluated.entry(untimed).or_insert_with_key(|untimed| {
            let mut db = Database::default();
            assert!(
                db.load_kb(vec![("day.tkb".into(), untimed.clone())]).is_empty(),
                "the untimed program loads:\n{untimed}"
            );
            tkb::eval::naive::evaluate_naive(db.visible_store(), &db.rules, &db.strata)
        });
        for pred in DERIVED.iter().map(|(name, _)| Symbol::from(*name)) {
            let engine: std::collections::BTreeSet<Vec<Value>> =
                fast.facts(pred).into_iter().filter(|(_, d)| d.contains(on)).map(|(t, _)| t.to_vec()).collect();
            let expected: std::collections::BTreeSet<Vec<Value>> = plain
                .get(&pred)
                .into_iter()
                .flatten()
                .filter(|(_, d)| !d.is_empty())
                .map(|(t, _)| t.to_vec())
                .collect();
            assert_eq!(engine, expected, "`{pred}` on {on} differs from the day-by-day reference for:\n{text}");
        }
    }
}

const BASE: [(&str, usize); 3] = [("b0", 2), ("b1", 2), ("b2", 1)];
const DERIVED: [(&str, usize); 3] = [("d0", 2), ("d1", 2), ("d2", 1)];
const NAMES: [&str; 3] = ["a", "b", "c"];
const VARS: [&str; 4] = ["X", "Y", "Z", "_"];

/// Reads bytes one at a time, zero when they run out, so every input is a program.
struct Bytes<'a>(std::slice::Iter<'a, u8>);

impl Bytes<'_> {
    fn next(&mut self, below: usize) -> usize {
        self.0.next().map_or(0, |b| usize::from(*b) % below)
    }

    fn more(&self) -> bool {
        self.0.len() > 0
    }
}

/// The program's text: a declaration of every predicate, then facts and rules as the bytes choose them.
fn program(data: &[u8]) -> String {
    let mut bytes = Bytes(data.iter());
    let mut text = String::new();
    for (name, arity) in BASE.iter().chain(&DERIVED) {
        let params: Vec<&str> = ["A", "B"][..*arity].to_vec();
        text += &format!("pred {name}({}) \"\".\n", params.join(", "));
    }
    let mut statements = 0;
    while bytes.more() && statements < 24 {
        statements += 1;
        if bytes.next(3) == 0 {
            text += &rule(&mut bytes);
        } else {
            text += &fact(&mut bytes);
        }
        text += "\n";
    }
    text
}

fn day(offset: usize) -> String {
    tkb::time::Day(738_000 + offset as i32).to_string()
}

fn fact(bytes: &mut Bytes) -> String {
    let (pred, arity) = BASE[bytes.next(3)];
    let args: Vec<&str> = (0..arity).map(|_| NAMES[bytes.next(3)]).collect();
    let (start, length) = (bytes.next(12), 1 + bytes.next(6));
    let time = match bytes.next(8) {
        0 => String::new(),
        1 => format!(" from {}", day(start)),
        2 => format!(" until {}", day(start)),
        3 => format!(" @ {}", day(start)),
        _ => format!(" @ [{}, {})", day(start), day(start + length)),
    };
    format!("{pred}({}){time}.", args.join(", "))
}

/// A rule whose head is a derived predicate and whose body has one to three literals.
fn rule(bytes: &mut Bytes) -> String {
    let (head, arity) = DERIVED[bytes.next(3)];
    let head_args: Vec<&str> = (0..arity).map(|_| VARS[bytes.next(3)]).collect();
    let body: Vec<String> = (0..1 + bytes.next(3)).map(|_| literal(bytes)).collect();
    format!("{head}({}) :- {}.", head_args.join(", "), body.join(", "))
}

fn atom(bytes: &mut Bytes) -> String {
    let (pred, arity) = if bytes.next(2) == 0 { BASE[bytes.next(3)] } else { DERIVED[bytes.next(3)] };
    let args: Vec<&str> = (0..arity)
        .map(|_| match bytes.next(6) {
            k @ 0..=3 => VARS[k],
            k => NAMES[k - 4],
        })
        .collect();
    format!("{pred}({})", args.join(", "))
}

/// Interval variables bound by a timed literal, in two pairs.
const BOUNDS: [(&str, &str); 2] = [("S", "E"), ("T", "U")];

fn literal(bytes: &mut Bytes) -> String {
    match bytes.next(10) {
        0 => format!("not {}", atom(bytes)),
        1 => format!("{} != {}", VARS[bytes.next(3)], VARS[bytes.next(3)]),
        2 => {
            let op = ["<-", "[-", "<+", "[+"][bytes.next(4)];
            let lo = bytes.next(3);
            format!("{op}[{lo}d, {}d] {}", lo + bytes.next(4), atom(bytes))
        }
        3 => {
            let (from, to) = BOUNDS[bytes.next(2)];
            format!("{} @ [{from}, {to})", atom(bytes))
        }
        4 => {
            let relation = tkb::syntax::Allen::ALL[bytes.next(13)].0;
            format!("[S, E) {relation} [T, U)")
        }
        5 => format!("{} < {}", ["S", "E"][bytes.next(2)], ["T", "U"][bytes.next(2)]),
        _ => atom(bytes),
    }
}
