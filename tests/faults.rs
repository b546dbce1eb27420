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
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("faults-chain-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
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

/// Every command that prints, as argument lists (run from the package root; the REPL reads `input`).
fn printing_commands(script: &Path) -> Vec<(Vec<String>, &'static [u8])> {
    let script = script.to_str().unwrap().to_string();
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        (args(&["query", "direct_flight(C) @ 2021-12-20"]), b""),
        (args(&["query", "--format", "json", "direct_flight(C) @ 2021-12-20"]), b""),
        (args(&["query", "--format", "csv", "direct_flight(C) @ 2021-12-20"]), b""),
        (args(&["query", "--format", "jsonl", "direct_flight(C) @ 2021-12-20"]), b""),
        (args(&["why", "idc_exempt(vn) @ 2021-12-20"]), b""),
        (vec!["run".into(), script], b""),
        (args(&["lint"]), b""),
        (args(&["lint", "--format", "json"]), b""),
        (args(&["explain", "E0109"]), b""),
        (args(&["lint", "--explain", "L0001"]), b""),
        (args(&["draft", "tests/draft/cases/flights_japan_oman.txt", "--against-kb"]), b""),
        (args(&["repl"]), b"?- direct_flight(C) @ 2021-12-20.\n.mode json\n?- direct_flight(C) @ 2021-12-20.\n"),
    ]
}

fn script(name: &str) -> PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("faults-script-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    let path = dir.join("s.tkb");
    std::fs::write(&path, "?- direct_flight(C) @ 2021-12-20.\n?- idc_exempt(C) @ 2021-12-20.\n").expect("script");
    path
}

fn spawn(args: &[String], input: &[u8], stdout: Stdio) -> std::process::Child {
    let mut child = bin()
        .args(args)
        .env("TKB_HISTORY", "")
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    std::io::Write::write_all(&mut stdin, input).expect("input");
    child
}

#[test]
fn every_command_ends_quietly_when_its_reader_is_gone() {
    let script = script("gone");
    for (args, input) in printing_commands(&script) {
        let mut child = spawn(&args, input, Stdio::piped());
        // The reader closes before the first byte (as `| head -c0` would): every write meets a broken pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("ends");
        no_panic(&out);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "tkb {args:?}: {err}");
        assert!(!err.contains("E0201"), "tkb {args:?}: a closed pipe is no error: {err}");
    }
}

#[test]
fn every_command_reports_a_full_disk_and_a_closed_output() {
    let script = script("full");
    for (args, input) in printing_commands(&script) {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full (Linux)");
        let out = spawn(&args, input, Stdio::from(full)).wait_with_output().expect("ends");
        no_panic(&out);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "tkb {args:?}: {err}");
        assert!(err.contains("error[E0201]") && err.contains("No space left"), "tkb {args:?}: {err}");
        let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
        let line = format!("exec '{}' {} >&-", env!("CARGO_BIN_EXE_tkb"), quoted.join(" "));
        let mut closed = Command::new("sh");
        closed.args(["-c", &line]).env("NO_COLOR", "1").env("TKB_HISTORY", "");
        let mut child = closed.stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("runs");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), input).expect("input");
        let out = child.wait_with_output().expect("ends");
        no_panic(&out);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "tkb {args:?} >&-: {err}");
        assert!(err.contains("error[E0201]") && err.contains("standard output is closed"), "tkb {args:?}: {err}");
    }
}

/// Sends SIGINT to a running child.
fn interrupt(child: &std::process::Child) {
    // SAFETY: `kill` only sends a signal to the child we started.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) }, 0, "SIGINT sent");
}

#[test]
fn ctrl_c_stops_a_run_with_e0203_and_keeps_the_answers_already_written() {
    // The closure of a 3,000-edge chain takes far longer than reading the first answer.
    let (kb, facts, script) = chain("ctrl-c", 3000);
    let mut child =
        bin().args(run_args(&kb, &facts, &script)).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("runs");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    for _ in 0..2 {
        reader.read_line(&mut first).expect("the first answer");
    }
    // The first statement's answer was flushed before the second started: it is here, whole, before Ctrl-C.
    assert_eq!(first, "statement,Y,from,to,presumed,sources\n\"edge(0, Y)\",1,,,false,\n");
    interrupt(&child);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut reader, &mut rest).expect("the rest");
    let out = child.wait_with_output().expect("ends");
    no_panic(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("E0203") && err.contains("tc.tkb:4:1"), "{err}");
    assert_eq!(rest, "", "nothing of the stopped statement is written");
}

#[test]
fn a_terminating_signal_keeps_the_answers_already_written() {
    // SIGTERM and SIGHUP end the process as they should on Unix (no handler: a supervisor's stop is not a
    // question), and what was answered before them is already on the pipe, whole.
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let (kb, facts, script) = chain(&format!("signal-{signal}"), 3000);
        let mut child = bin()
            .args(run_args(&kb, &facts, &script))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        for _ in 0..2 {
            reader.read_line(&mut first).expect("the first answer");
        }
        assert_eq!(first, "statement,Y,from,to,presumed,sources\n\"edge(0, Y)\",1,,,false,\n");
        // SAFETY: `kill` only sends a signal to the child we started.
        assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0, "signal sent");
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut reader, &mut rest).expect("the rest");
        let out = child.wait_with_output().expect("ends");
        no_panic(&out);
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(signal), "ended by the signal, not an abort: {:?}", out.status);
        assert_eq!(rest, "", "nothing of the stopped statement is written");
    }
}

#[test]
fn ctrl_c_stops_work_that_polls_nothing_and_a_second_press_exits_at_once() {
    // Linting two megabytes of garbage takes seconds, none of it in a join.
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("faults-lint-ctrl-c");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("kb")).expect("kb dir");
    let garbage: String = (0..200_000).map(|i| format!("p{i}(a, b @ . q(")).collect();
    std::fs::write(dir.join("kb/g.tkb"), garbage).expect("kb");
    for presses in [1, 2] {
        let child = bin()
            .args(["lint", "--kb", dir.join("kb").to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        std::thread::sleep(std::time::Duration::from_millis(300));
        for _ in 0..presses {
            interrupt(&child);
        }
        let out = child.wait_with_output().expect("ends");
        no_panic(&out);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{presses} press(es): {err}");
        assert!(err.contains("error[E0203]"), "{presses} press(es): {err}");
        assert!(out.stdout.is_empty(), "the report was not written: {}", String::from_utf8_lossy(&out.stdout));
    }
}

/// Runs the binary with its address space capped (as `prlimit --as` does), so that the system refuses memory.
fn capped(args: &[&str], bytes: u64) -> Output {
    use std::os::unix::process::CommandExt;
    let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
    let mut command = bin();
    command.args(args);
    // SAFETY: between fork and exec the child only calls `setrlimit`, which is async-signal-safe.
    unsafe {
        command.pre_exec(move || match libc::setrlimit(libc::RLIMIT_AS, &limit) {
            0 => Ok(()),
            _ => Err(std::io::Error::last_os_error()),
        });
    }
    command.output().expect("runs")
}

#[test]
fn a_memory_cap_is_e0209_naming_the_relation_never_an_abort() {
    use std::os::unix::process::ExitStatusExt;
    // The closure of a 6,000-edge chain has 18 million pairs: far more than the cap leaves room for.
    let (kb, facts, script) = chain("memory", 6000);
    let args = run_args(&kb, &facts, &script);
    // The binary itself maps a good part of the smaller caps; each still leaves room to load and to answer the
    // first query. Whatever the cap, the process must end by itself with E0209, never by a signal (an abort).
    for cap in [600_000_000_u64, 750_000_000, 900_000_000] {
        let out = capped(&args, cap);
        no_panic(&out);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.signal(), None, "cap {cap}: killed by a signal (an abort?): {err}");
        assert_eq!(out.status.code(), Some(4), "cap {cap}: {err}");
        assert!(err.contains("E0209") && err.contains("`path` was growing"), "cap {cap}: {err}");
        // The first query was answered before the closure ran out of room: its answer is kept.
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "statement,Y,from,to,presumed,sources\n\"edge(0, Y)\",1,,,false,\n",
            "cap {cap}"
        );
    }
    // The same with an explicit budget, far below any cap.
    let mut args = run_args(&kb, &facts, &script);
    args.splice(1..1, ["--max-memory", "64M"]);
    let out = bin().args(&args).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("E0209") && err.contains("64.0 MiB"), "{err}");
}

#[test]
fn a_bad_memory_size_is_a_usage_error() {
    let out = bin().args(["query", "--max-memory", "lots", "direct_flight(C)"]).output().expect("runs");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a size"));
}

#[test]
fn every_command_reports_a_missing_or_undecodable_file() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("faults-files");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("kb")).expect("scratch");
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Cura\xe7ao p(a).\n").expect("latin-1 text");
    std::fs::write(dir.join("kb/bad.tkb"), b"p(\xff).\n").expect("latin-1 kb");
    let (bad, kb, missing) = (latin1.to_str().unwrap(), dir.join("kb"), dir.join("missing.tkb"));
    let (kb, missing) = (kb.to_str().unwrap(), missing.to_str().unwrap());
    let cases: Vec<Vec<&str>> = vec![
        vec!["run", bad],
        vec!["run", missing],
        vec!["query", "--kb", kb, "p(X)"],
        vec!["why", "--kb", missing, "p(a) @ 2021-01-01"],
        vec!["lint", "--kb", kb],
        vec!["lint", "--text", bad],
        vec!["lint", "--text", missing],
        // (`tkb draft` reads text that is not UTF-8 on purpose, replacing the bytes and saying so in the draft.)
        vec!["draft", missing],
        vec!["timeline", "--kb", kb, "p(X)", "-o", "/tmp/never.svg"],
        vec!["report", "--kb", kb, "-o", "/tmp/never-report"],
        vec!["run", "--facts", missing, "-"],
    ];
    for args in cases {
        let out = bin().args(&args).stdin(Stdio::null()).output().expect("runs");
        no_panic(&out);
        let err = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        assert!(matches!(code, Some(2) | Some(3)), "tkb {args:?}: exit {code:?}: {err}");
        assert!(err.contains("E0208") || err.contains("E0201") || err.contains("error"), "tkb {args:?}: {err}");
    }
}
