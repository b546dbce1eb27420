//! Engine benchmarks on generated data: loading interval facts from TSV, point queries through the time index,
//! a temporal join, transitive closure against the `ascent` crate on the same edges, and the cold start of
//! `tkb query` on the built-in kb, and a point query's JSON answer on the built-in kb as `tkb serve` makes it (with
//! the cost of building the country-name table apart). Results are recorded in BENCHMARKS.md.

// `criterion_group!` defines an undocumented public function; it is the harness's, not an API.
#![allow(missing_docs)]
// The `ascent!` macro expands to clones of `Copy` values; that is its code, not ours.
#![allow(clippy::clone_on_copy)]

use ascent::ascent;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tkb::db::Database;
use tkb::query::answer;
use tkb::syntax::{parse_program, Statement};
use tkb::tsv::{load_tsv, ToColumn};

/// A small deterministic generator (SplitMix64), so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn day_text(offset: u64) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).expect("valid");
    (start + chrono::Days::new(offset)).format("%Y-%m-%d").to_string()
}

/// `n` interval facts over 250 three-letter codes (skewed towards the first ones), 1..30 days long, 2015-2025:
/// the shape of the shared workload's flight files.
fn write_intervals(dir: &Path, pred: &str, n: usize, seed: u64, max_len: u64) -> PathBuf {
    let path = dir.join(format!("{pred}.tsv"));
    let mut rng = Rng(seed);
    let mut text = String::with_capacity(n * 32);
    for _ in 0..n {
        let code = (rng.below(250) * rng.below(250)) / 250;
        let len = 1 + rng.below(max_len);
        let start = rng.below(4000);
        let code = format!(
            "{}{}{}",
            (b'A' + (code / 26 / 26 % 26) as u8) as char,
            (b'A' + (code / 26 % 26) as u8) as char,
            (b'A' + (code % 26) as u8) as char
        );
        text += &format!("{code}\t{}\t{}\n", day_text(start), day_text(start + len - 1));
    }
    std::fs::write(&path, text).expect("write bench data");
    path
}

fn loaded(dir: &Path, files: &[&Path]) -> Database {
    let _ = dir;
    let mut db = Database::default();
    for file in files {
        load_tsv(&mut db, file, ToColumn::Inclusive).expect("bench data loads");
    }
    db
}

fn query(db: &Database, text: &str) -> usize {
    let parsed = parse_program(text);
    let Some(Statement::Query(q)) = parsed.statements.first() else { panic!("bench query parses") };
    answer(db, q, 0).expect("bench query answers").answers.len()
}

fn bench_dir() -> PathBuf {
    let dir = std::env::temp_dir().join("tkb-bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    dir
}

fn load_and_point_query(c: &mut Criterion) {
    let dir = bench_dir();
    let mut group = c.benchmark_group("interval_facts");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for n in [10_000usize, 100_000, 1_000_000] {
        let sub = dir.join(format!("n{n}"));
        std::fs::create_dir_all(&sub).expect("dir");
        let flights = write_intervals(&sub, "flight", n, 42, 30);
        group.bench_with_input(BenchmarkId::new("load_tsv", n), &flights, |b, f| {
            b.iter(|| loaded(&sub, &[f]).store.len())
        });
        let db = loaded(&sub, &[&flights]);
        query(&db, "?- flight(C) @ 2020-03-15.");
        group.bench_with_input(BenchmarkId::new("point_query", n), &db, |b, db| {
            b.iter(|| query(db, "?- flight(C) @ 2020-03-15."))
        });
    }
    group.finish();
}

/// 10^6 intervals, each its own tuple (the shared workload's `q1d` shape): loading and the point query through
/// the bulk layer's time index.
fn distinct_tuples(c: &mut Criterion) {
    let dir = bench_dir().join("distinct");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("flight.tsv");
    let mut rng = Rng(99);
    let mut text = String::with_capacity(32_000_000);
    for i in 0..1_000_000u64 {
        let (start, len) = (rng.below(4000), 1 + rng.below(30));
        text += &format!("c{i:07}\t{}\t{}\n", day_text(start), day_text(start + len - 1));
    }
    std::fs::write(&path, text).expect("write bench data");
    let mut group = c.benchmark_group("distinct_tuples");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("load_tsv/1000000", |b| b.iter(|| loaded(&dir, &[&path]).store.len()));
    let db = loaded(&dir, &[&path]);
    query(&db, "?- flight(C) @ 2020-03-15.");
    group.bench_function("point_query/1000000", |b| b.iter(|| query(&db, "?- flight(C) @ 2020-03-15.")));
    group.finish();
}

/// Many statements of one tuple (`from`/`until` pairs): loading must stay linear, 30,000 in under 4x the time
/// of 10,000.
fn one_tuple(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_one_tuple");
    group.sample_size(10);
    for n in [10_000u64, 30_000] {
        let text: String =
            (0..n).map(|i| format!("p(a) from {}.\np(a) until {}.\n", day_text(2 * i), day_text(2 * i + 1))).collect();
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| {
                let mut db = Database::default();
                db.load_kb(vec![("one.tkb".into(), text.clone())]);
                db.store.len()
            })
        });
    }
    group.finish();
}

fn temporal_join(c: &mut Criterion) {
    let dir = bench_dir().join("join");
    std::fs::create_dir_all(&dir).expect("dir");
    let flights = write_intervals(&dir, "flight", 100_000, 7, 30);
    let vax = write_intervals(&dir, "vaxpass", 1_000, 8, 365);
    let mut group = c.benchmark_group("temporal_join");
    group.sample_size(10);
    group.bench_function("flight_x_vaxpass_100k", |b| {
        b.iter(|| {
            let db = loaded(&dir, &[&flights, &vax]);
            query(&db, "?- flight(C), vaxpass(C).")
        })
    });
    group.finish();
}

ascent! {
    struct AscentTc;
    relation edge(u32, u32);
    relation path(u32, u32);
    path(x, y) <-- edge(x, y);
    path(x, z) <-- path(x, y), edge(y, z);
}

fn random_edges(m: usize, nodes: u64) -> Vec<(u32, u32)> {
    let mut rng = Rng(10_000);
    let mut seen = std::collections::HashSet::new();
    while seen.len() < m {
        let (x, y) = (rng.below(nodes) as u32, rng.below(nodes) as u32);
        if x != y {
            seen.insert((x, y));
        }
    }
    let mut edges: Vec<_> = seen.into_iter().collect();
    edges.sort();
    edges
}

/// The shared workload's `rand10k` graph when it has been generated (`python3 ../shared/bench/gen_data.py --out
/// /tmp/bench-data`, or `TKB_BENCH_DATA`), so the figures compare with the peers'; else a graph of the same size.
fn tc_edges() -> (Vec<(u32, u32)>, &'static str) {
    let dir = std::env::var("TKB_BENCH_DATA").unwrap_or_else(|_| "/tmp/bench-data".into());
    let shared = std::fs::read_to_string(format!("{dir}/tc/rand10k.tsv")).ok().map(|text| {
        text.lines()
            .filter_map(|l| l.split_once('\t'))
            .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
            .collect::<Vec<(u32, u32)>>()
    });
    match shared {
        Some(edges) if !edges.is_empty() => (edges, "rand10k"),
        _ => (random_edges(10_000, 9_500), "generated_10k"),
    }
}

fn transitive_closure(c: &mut Criterion) {
    let (edges, name) = tc_edges();
    let mut text: String = edges.iter().map(|(x, y)| format!("edge({x}, {y}).\n")).collect();
    text += "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n";
    let mut group = c.benchmark_group(format!("transitive_closure_{name}"));
    group.sample_size(10).measurement_time(Duration::from_secs(30));
    group.bench_function("tkb", |b| {
        b.iter(|| {
            let mut db = Database::default();
            db.load_kb(vec![("tc.tkb".into(), text.clone())]);
            let model = db.model_for(&[], &[]).expect("evaluates");
            model.rel(tkb::symbol::Symbol::from("path")).map(|r| r.len()).unwrap_or(0)
        })
    });
    group.bench_function("ascent", |b| {
        b.iter(|| {
            let mut prog = AscentTc { edge: edges.clone(), ..Default::default() };
            prog.run();
            prog.path.len()
        })
    });
    group.finish();
}

fn cold_start(c: &mut Criterion) {
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/tkb");
    if !binary.exists() {
        eprintln!("skipping cold_start: build target/release/tkb first (cargo build --release)");
        return;
    }
    let mut group = c.benchmark_group("cold_start");
    group.sample_size(20);
    group.bench_function("tkb_query_builtin_kb", |b| {
        b.iter(|| {
            let out = std::process::Command::new(&binary)
                .args(["query", "idc_exempt(C) @ 2021-12-20"])
                .output()
                .expect("runs");
            assert!(out.status.success());
            out.stdout.len()
        })
    });
    group.finish();
}

/// A point query on the built-in kb answered as JSON through a session, as `tkb serve` answers `/api/query`; and
/// the country-name table alone, which every JSON answer, CSV and table built afresh before it was kept per kb.
fn json_point_query(c: &mut Criterion) {
    let mut db = Database::default();
    let errors: Vec<_> = db.load_kb(tkb::builtin::builtin_files()).into_iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "the built-in kb loads");
    let mut session = tkb::session::Session::new(db, tkb::output::Format::Json);
    let text = "?- idc_exempt(C) @ 2021-12-20.";
    let answered = session.execute("<query>", text);
    assert!(answered.diagnostics.iter().all(|d| !d.is_error()) && answered.json.len() == 1);
    let mut group = c.benchmark_group("json_answer");
    group.bench_function("point_query_builtin_kb", |b| {
        b.iter(|| {
            session.start_request();
            session.execute("<query>", text).json.len()
        })
    });
    group.bench_function("country_names_table_builtin_kb", |b| {
        b.iter(|| tkb::query::names::CountryNames::of(&session.db).is_empty())
    });
    group.finish();
}

/// The counting allocator against the system allocator it wraps, on threads that each allocate and free small
/// blocks at once (the shape of parallel loading and joins): the cost of `--max-memory`'s accounting.
fn heap_counting(c: &mut Criterion) {
    use std::alloc::{GlobalAlloc, Layout, System};
    fn churn(heap: &'static (dyn GlobalAlloc + Sync), threads: usize) {
        std::thread::scope(|s| {
            for t in 0..threads {
                s.spawn(move || {
                    let mut kept = Vec::with_capacity(64);
                    for i in 0..20_000usize {
                        let layout = Layout::from_size_align(16 + (i + t) % 112, 8).expect("layout");
                        // SAFETY: each block is freed below with the layout it was allocated with.
                        let p = unsafe { heap.alloc(layout) };
                        kept.push((p, layout));
                        if kept.len() == 64 {
                            for (p, layout) in kept.drain(..) {
                                // SAFETY: allocated above by the same allocator with this layout.
                                unsafe { heap.dealloc(p, layout) };
                            }
                        }
                    }
                    for (p, layout) in kept {
                        // SAFETY: as above.
                        unsafe { heap.dealloc(p, layout) };
                    }
                });
            }
        });
    }
    static COUNTING: tkb::memory::Counting = tkb::memory::Counting;
    let mut group = c.benchmark_group("heap_counting");
    for threads in [1usize, 2, 4] {
        group.bench_with_input(BenchmarkId::new("system", threads), &threads, |b, &n| b.iter(|| churn(&System, n)));
        group.bench_with_input(BenchmarkId::new("counting", threads), &threads, |b, &n| b.iter(|| churn(&COUNTING, n)));
    }
    group.finish();
}

criterion_group!(
    benches,
    heap_counting,
    json_point_query,
    load_and_point_query,
    distinct_tuples,
    one_tuple,
    temporal_join,
    transitive_closure,
    cold_start
);
criterion_main!(benches);
