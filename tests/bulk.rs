//! Fact files against the same facts stated in a kb, and one thread against two: random facts (repeated tuples,
//! overlapping, touching and open intervals) must give byte-identical answers whichever way they were loaded and
//! however many threads loaded and answered them. Also the progress display, forced on and left to itself.

use proptest::prelude::*;
use std::process::Command;
use tkb::db::Database;
use tkb::output::Format;
use tkb::session::Session;
use tkb::time::Day;

const FIRST: i32 = 738_000;
const NAMES: [&str; 4] = ["a", "b", "c", "d"];

/// A fact `p(NAME, N)` with its bounds as day offsets (`None`: open).
type Fact = (usize, i64, Option<i32>, Option<i32>);

fn fact() -> impl Strategy<Value = Fact> {
    let bound = prop_oneof![1 => Just(None), 6 => (0..30i32).prop_map(Some)];
    (0..NAMES.len(), -2..3i64, bound.clone(), bound).prop_filter("a non-empty interval", |(_, _, from, to)| {
        matches!((from, to), (Some(a), Some(b)) if a < b) || from.is_none() || to.is_none()
    })
}

fn day(offset: i32) -> String {
    Day(FIRST + offset).to_string()
}

fn tsv(facts: &[Fact]) -> String {
    let bound = |b: &Option<i32>| b.map(day).unwrap_or_else(|| "..".into());
    facts.iter().map(|(n, k, from, to)| format!("{}\t{k}\t{}\t{}\n", NAMES[*n], bound(from), bound(to))).collect()
}

fn kb(facts: &[Fact]) -> String {
    let bound = |b: &Option<i32>| b.map(day).unwrap_or_else(|| "..".into());
    facts
        .iter()
        .map(|(n, k, from, to)| format!("p({}, {k}) @ [{}, {}).\n", NAMES[*n], bound(from), bound(to)))
        .collect()
}

fn queries() -> String {
    let mut text = String::new();
    for d in [0, 5, 13, 29, 40] {
        text += &format!("?- p(X, Y) @ {}.\n", day(d));
    }
    text += &format!("?- p(X, Y).\n?- p(a, Y).\n?- p(X, Y) @ [{}, {}).\n", day(3), day(17));
    for agg in ["N = count", "S = sum Y", "M = min Y", "M = max Y", "M = max X"] {
        text += &format!("?- {agg} : {{ p(X, Y) }}.\n?- {agg} : {{ p(X, Y) }} @ [{}, {}).\n", day(4), day(21));
    }
    text + "?- N = count : { p(X, _) }.\n"
}

/// The answers to every query as a table (aggregates with their changes) and as JSON, on `threads` threads.
fn answers(db: impl FnOnce() -> Database + Send, threads: usize) -> (String, String) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool");
    pool.install(|| {
        let db = db();
        let mut table = Session::new(db, Format::Table);
        let shown = table.execute("queries", &queries());
        assert!(!shown.has_errors(), "{:?}", shown.diagnostics);
        let mut json = Session::new(table.db, Format::Json);
        let values = json.execute("queries", &queries()).json;
        (shown.output, serde_json::to_string_pretty(&values).expect("JSON"))
    })
}

fn from_file(dir: &std::path::Path, facts: &[Fact]) -> Database {
    let path = dir.join("p.tsv");
    std::fs::write(&path, tsv(facts)).expect("written");
    let mut db = Database::default();
    tkb::tsv::load_tsv(&mut db, &path, tkb::tsv::ToColumn::Exclusive).expect("the fact file loads");
    db
}

fn from_kb(facts: &[Fact]) -> Database {
    let mut db = Database::default();
    let diags = db.load_kb(vec![("facts.tkb".into(), kb(facts))]);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    db
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn fact_files_answer_as_a_kb_does_on_one_thread_or_two(facts in prop::collection::vec(fact(), 1..40)) {
        let dir = tempdir();
        let stated = answers(|| from_kb(&facts), 1);
        let one = answers(|| from_file(&dir, &facts), 1);
        let two = answers(|| from_file(&dir, &facts), 2);
        prop_assert_eq!(&one, &stated);
        prop_assert_eq!(&two, &one);
    }
}

/// A fresh folder under cargo's scratch space for integration tests (`target/tmp`), emptied first: the same names
/// each run, so runs do not pile up fact files (every proptest case writes one) in the system's temporary folder.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("bulk-{}", NEXT.fetch_add(1, Ordering::SeqCst)));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// A fact file of `n` distinct codes: several blocks and many pieces, so threads really split the work.
fn big_facts(n: usize) -> std::path::PathBuf {
    let dir = tempdir();
    let mut text = String::with_capacity(n * 32);
    for i in 0..n {
        let from = (i * 7919) % 300;
        text += &format!("c{:07}\t{}\t{}\n", i % (n / 3), day(from as i32), day((from + 1 + i % 40) as i32));
    }
    std::fs::write(dir.join("flight.tsv"), text).expect("written");
    std::fs::create_dir_all(dir.join("kb")).expect("an empty kb");
    dir
}

fn tkb(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let facts = dir.to_string_lossy().into_owned();
    let kb = dir.join("kb").to_string_lossy().into_owned();
    Command::new(env!("CARGO_BIN_EXE_tkb"))
        .args(["query", "--kb", &kb, "--facts", &facts])
        .args(args)
        .output()
        .expect("tkb runs")
}

#[test]
fn the_binary_answers_the_same_on_one_thread_or_two() {
    // 400,000 lines (about 12 MB): two blocks, a dozen pieces.
    let dir = big_facts(400_000);
    for query in [format!("flight(C) @ {}", day(150)), "N = count : { flight(C) }".to_string()] {
        let one = tkb(&dir, &["--threads", "1", "--format", "csv", &query]);
        let two = tkb(&dir, &["--threads", "2", "--format", "csv", &query]);
        assert_eq!(one.status.code(), Some(0), "{}", String::from_utf8_lossy(&one.stderr));
        assert!(one.stdout.len() > 1000, "{query}: {} bytes", one.stdout.len());
        assert!(one.stdout == two.stdout, "{query}: one thread and two differ");
    }
}

/// 100 chains of 100 nodes as `edge.tsv`, and the closure's rules in the kb: passes of thousands of new pairs
/// (joins split into pieces) and 495,000 answers (CSV written in chunks on both threads).
fn closure() -> std::path::PathBuf {
    let dir = tempdir();
    std::fs::create_dir_all(dir.join("kb")).expect("an empty kb");
    let mut edges = String::new();
    for chain in 0..100 {
        for k in 0..99 {
            edges += &format!("{}\t{}\n", chain * 1000 + k, chain * 1000 + k + 1);
        }
    }
    std::fs::write(dir.join("edge.tsv"), edges).expect("written");
    let rules = "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n";
    std::fs::write(dir.join("kb").join("tc.tkb"), rules).expect("written");
    dir
}

#[test]
fn a_closure_answers_the_same_on_one_thread_or_two() {
    let dir = closure();
    let one = tkb(&dir, &["--threads", "1", "--format", "csv", "path(X, Y)"]);
    let two = tkb(&dir, &["--threads", "2", "--format", "csv", "path(X, Y)"]);
    assert_eq!(one.status.code(), Some(0), "{}", String::from_utf8_lossy(&one.stderr));
    let text = String::from_utf8_lossy(&one.stdout);
    assert_eq!(text.lines().count(), 1 + 100 * 99 * 100 / 2, "a header and every pair once");
    assert!(text.lines().nth(1).is_some_and(|l| l.starts_with("\"path(X, Y)\",0,1,")), "value order first");
    assert!(one.stdout == two.stdout, "one thread and two differ");
}

#[test]
fn evaluation_shows_the_relation_being_derived_only_when_asked_or_on_a_terminal() {
    let dir = closure();
    let forced = tkb(&dir, &["--progress", "always", "--format", "csv", "path(3000, Y)"]);
    let piped = tkb(&dir, &["--format", "csv", "path(3000, Y)"]);
    let stderr = String::from_utf8_lossy(&forced.stderr);
    assert!(stderr.contains("deriving path (pass ") && stderr.contains(" tuples"), "{stderr}");
    assert_eq!(forced.stdout, piped.stdout, "progress never reaches standard output");
    assert!(piped.stderr.is_empty(), "nothing when piped: {}", String::from_utf8_lossy(&piped.stderr));
}

#[test]
fn progress_shows_on_standard_error_only_when_asked_or_on_a_terminal() {
    let dir = big_facts(30_000);
    let query = format!("flight(C) @ {}", day(150));
    let forced = tkb(&dir, &["--progress", "always", "--format", "csv", &query]);
    let piped = tkb(&dir, &["--format", "csv", &query]);
    let stderr = String::from_utf8_lossy(&forced.stderr);
    assert!(stderr.contains("loading flight.tsv") && stderr.contains("30,000 rows"), "{stderr}");
    assert_eq!(forced.stdout, piped.stdout, "progress never reaches standard output");
    assert!(piped.stderr.is_empty(), "nothing when piped: {}", String::from_utf8_lossy(&piped.stderr));
}
