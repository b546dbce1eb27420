//! Output faults and evaluation limits, through the binary: a reader that closes early, a full disk, a closed
//! standard output, `--timeout` and `--max-tuples`; and answers already given are written before a later
//! statement fails. Each case checks: no panic, the documented exit code, a located or named message.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tkb"));
    c.env("NO_COLOR", "1");
    c
}

fn no_panic(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "exit 101 is a panic: {err}");
    assert!(!err.contains("panicked"), "panicked: {err}");
}

/// A folder with an empty kb, a chain graph of `n` edges as a fact file, and the closure program as a script.
fn chain(name: &str, n: usize) -> (PathBuf, PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("tkb-faults-{name}-{}", std::process::id()));
    let (kb, facts) = (dir.join("kb"), dir.join("facts"));
    std::fs::create_dir_all(&kb).expect("kb dir");
    std::fs::create_dir_all(&facts).expect("facts dir");
    let edges: String = (0..n).map(|i| format!("{i}\t{}\n", i + 1)).collect();
    std::fs::write(facts.join("edge.tsv"), edges).expect("edges");
    let script = dir.join("tc.tkb");
    std::fs::write(
        &script,
        "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n?- edge(0, Y).\n?- path(X, Y).\n",
    )
    .expect("script");
    (kb, facts, script)
}

fn run_args<'a>(kb: &'a Path, facts: &'a Path, script: &'a Path) -> Vec<&'a str> {
    vec![
        "run",
        "--kb",
        kb.to_str().unwrap(),
        "--facts",
        facts.to_str().unwrap(),
        "--format",
        "csv",
        script.to_str().unwrap(),
    ]
}

#[test]
fn a_reader_that_closes_early_ends_the_run_quietly() {
    let (kb, facts, script) = chain("pipe", 1500);
    let mut child =
        bin().args(run_args(&kb, &facts, &script)).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("one line");
    assert_eq!(first, "statement,Y,from,to,presumed,sources\n");
    // The reader is gone (dropped above): the next write fails with a broken pipe.
    let out = child.wait_with_output().expect("ends");
    no_panic(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a closed pipe is the reader's choice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "nothing to report: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_full_disk_is_one_line_and_exit_2() {
    if !Path::new("/dev/full").exists() {
        panic!("this test needs /dev/full (Linux)");
    }
    let (kb, facts, script) = chain("full", 300);
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full opens");
    let out = bin().args(run_args(&kb, &facts, &script)).stdout(full).output().expect("runs");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("E0201") && err.contains("No space left"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn a_closed_standard_output_is_an_error_not_a_lost_answer() {
    let out = Command::new("sh")
        .args(["-c", &format!("exec '{}' query 'idc_exempt(C) @ 2021-12-20' >&-", env!("CARGO_BIN_EXE_tkb"))])
        .output()
        .expect("runs");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard output is closed"));
}

#[test]
fn a_dev_null_opened_read_write_is_a_sink_not_a_closed_output() {
    // Python's subprocess.DEVNULL, daemons and `1<>/dev/null` open it read-write, as Rust's runtime does for a
    // closed descriptor: only a descriptor closed at start is an error.
    let null = std::fs::OpenOptions::new().read(true).write(true).open("/dev/null").expect("/dev/null opens");
    let out = bin().args(["query", "idc_exempt(C) @ 2021-12-20"]).stdout(null).output().expect("runs");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_timeout_stops_a_long_join_with_exit_4_and_keeps_earlier_answers() {
    // The closure of a 3,000-edge chain has 4.5 million pairs: far more than 50 ms of work.
    let (kb, facts, script) = chain("timeout", 3000);
    let mut args = run_args(&kb, &facts, &script);
    args.splice(1..1, ["--timeout", "50ms"]);
    // Without the timeout the closure would finish and exit 0: the exit code says the run was stopped.
    let out = bin().args(&args).output().expect("runs");
    no_panic(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("E0204") && err.contains("tc.tkb:4:1"), "named and located: {err}");
    // The first query was answered before the second ran out of time: its answer is on standard output.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "statement,Y,from,to,presumed,sources\n\"edge(0, Y)\",1,,,false,\n"
    );
}

#[test]
fn the_tuple_budget_names_the_growing_relation() {
    let (kb, facts, script) = chain("budget", 200);
    let mut args = run_args(&kb, &facts, &script);
    args.splice(1..1, ["--max-tuples", "1000"]);
    let out = bin().args(&args).output().expect("runs");
    no_panic(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("E0205") && err.contains("`path`") && err.contains("1000"), "{err}");
    // Within the budget the same closure answers in full (200 edges: 20,100 pairs).
    let mut args = run_args(&kb, &facts, &script);
    args.splice(1..1, ["--max-tuples", "100000"]);
    let out = bin().args(&args).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    // Two tables (a header and a row, a header and 20,100 rows) separated by an empty line.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2 + 1 + 1 + 20_100);
}
