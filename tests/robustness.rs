//! Hostile input through the binary as a user runs it (issue 10): bad dates, bad bytes, huge and deep inputs,
//! overflowing aggregates, broken piped REPL input, unusable history files, inputs that once took quadratic time.
//! Every case checks three things: no panic (no exit 101, no "panicked" on stderr), the documented exit code, and
//! a message located as `file:line:col`. The last test replays the fuzzers' corpora (`fuzz/corpus/*/`) and their
//! regression cases (`fuzz/regressions/*/`) through the same functions the fuzz targets run.

use std::io::Write;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[path = "../fuzz/targets.rs"]
mod targets;

/// The processor time a case may use: ten times what the slowest case needs in a debug build, far less than the
/// quadratic paths these cases pin. Processor time, not wall time, so that a busy machine never fails a case.
const CPU_SECONDS: u64 = 120;

/// A scratch folder of its own for each case, under cargo's scratch space for integration tests (`target/tmp`),
/// emptied first: the same folder each run, so runs do not pile up megabytes of generated input in `/tmp`.
fn scratch(case: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("robustness-{case}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("folder");
    }
    std::fs::write(path, bytes).expect("file written");
}

/// Runs tkb in `dir` with `input` on stdin (no history file unless `env` names one), within `CPU_SECONDS` of
/// processor time: past that the kernel stops it (SIGXCPU), and the case fails naming the limit.
fn tkb(dir: &Path, args: &[&str], input: &[u8], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tkb"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1").env("TKB_HISTORY", "");
    for (k, v) in env {
        command.env(k, v);
    }
    let limit = libc::rlimit { rlim_cur: CPU_SECONDS, rlim_max: CPU_SECONDS + 5 };
    // SAFETY: between fork and exec the child only calls `setrlimit`, which is async-signal-safe.
    unsafe {
        command.pre_exec(move || match libc::setrlimit(libc::RLIMIT_CPU, &limit) {
            0 => Ok(()),
            _ => Err(std::io::Error::last_os_error()),
        });
    }
    let mut child =
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("tkb runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("output");
    let over = out.status.signal() == Some(libc::SIGXCPU) || out.status.signal() == Some(libc::SIGKILL);
    assert!(!over, "tkb {args:?} used more than {CPU_SECONDS} s of processor time");
    out
}

/// The three checks; `located` is the `file:line:col` some message must name (None for a clean success).
fn check(out: &Output, code: i32, located: Option<&str>) -> String {
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let all = format!("{stdout}{stderr}");
    let shown: String = all.chars().take(3000).collect();
    assert_ne!(out.status.code(), Some(101), "a panic:\n{shown}");
    assert!(!stderr.contains("panicked"), "a panic:\n{shown}");
    assert_eq!(out.status.code(), Some(code), "exit code:\n{shown}");
    if let Some(place) = located {
        assert!(all.contains(place), "no message located at {place}:\n{shown}");
    }
    all
}

fn run_script(case: &str, text: impl AsRef<[u8]>, code: i32, located: Option<&str>) -> String {
    let dir = scratch(case);
    write(&dir.join("t.tkb"), text);
    let out = tkb(&dir, &["run", "t.tkb"], b"", &[]);
    check(&out, code, located)
}

#[test]
fn bad_dates_point_at_the_date_and_unclosed_intervals_at_the_bracket() {
    let cases = [
        ("p(a) @ 99999-01-01.", "E0003", "the year has 5 digits", "t.tkb:1:8"),
        ("p(a) @ -2021-01-01.", "E0003", "a year cannot be negative", "t.tkb:1:8"),
        ("p(a) @ 2021-1-01.", "E0003", "two digits each", "t.tkb:1:8"),
        ("p(a) from 2021-02-30.", "E0003", "is not a calendar day", "t.tkb:1:11"),
        ("p(a) @ [2021-01-01, 2021-02-01.", "E0001", "this interval is not closed", "t.tkb:1:8"),
        ("?- p(X) @ [2021-01-01, 2021-02-01.", "E0001", "this interval is not closed", "t.tkb:1:11"),
        ("p(a) @ [2021-01-01 2021-02-01).", "E0001", "expected `,`, found `2021-02-01`", "t.tkb:1:20"),
        ("p(a) until x.", "E0001", "expected a date (YYYY-MM-DD), found `x`", "t.tkb:1:12"),
        ("p(a) cite.", "E0001", "expected a source name", "t.tkb:1:10"),
        ("cite s \"q\" { p(X) :- q(X). }", "E0001", "a citation block holds facts only", "t.tkb:1:14"),
    ];
    for (i, (text, code, message, place)) in cases.iter().enumerate() {
        let out = run_script(&format!("date{i}"), text, 3, Some(place));
        assert!(out.contains(code) && out.contains(message), "{text}:\n{out}");
        assert!(!out.contains("expected `.` to end the statement, found `@`"), "{text}:\n{out}");
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let out = run_script("bom", b"\xEF\xBB\xBFp(a).\n?- p(X).\n", 0, None);
    assert!(out.contains("(1 answer)") && !out.contains("E0001"), "{out}");
}

#[test]
fn bytes_that_are_not_utf8_are_located_in_scripts_stdin_kb_folders_and_documents() {
    let latin1 = b"p(a).\nq(b).\n?- cura\xE7ao(X).\n";
    run_script("latin1", latin1, 2, Some("t.tkb:3:8"));
    let dir = scratch("latin1-more");
    let out = tkb(&dir, &["run", "-"], latin1, &[]);
    check(&out, 2, Some("<stdin>:3:8"));
    write(&dir.join("kb/a.tkb"), "p(a).\n");
    write(&dir.join("kb/sub/x.tkb"), latin1);
    let out = tkb(&dir, &["query", "--kb", "kb", "p(X)"], b"", &[]);
    assert!(check(&out, 2, Some("kb/sub/x.tkb:3:8")).contains("E0208"));
    let out = tkb(&dir, &["lint", "--kb", "kb"], b"", &[]);
    check(&out, 2, Some("kb/sub/x.tkb:3:8"));
    write(&dir.join("doc.txt"), latin1);
    let out = tkb(&dir, &["lint", "--text", "doc.txt"], b"", &[]);
    check(&out, 2, Some("doc.txt:3:8"));
}

#[test]
fn ten_thousand_errors_on_one_line_print_a_bounded_report() {
    let atoms: Vec<String> = (0..10_000).map(|i| format!("zz{i}(X)")).collect();
    let out = run_script("errors", format!("?- {}.\n", atoms.join(", ")), 3, Some("t.tkb:1:4"));
    assert!(out.len() < 100_000, "{} bytes of errors", out.len());
    assert!(out.contains("... and 9980 more errors\nerror: aborting due to 10000 previous errors"), "{out}");
    assert!(out.contains("line 1 is 108892 characters long: columns"), "{out}");
}

#[test]
fn wide_rule_bodies_and_deep_nesting_do_not_overflow_the_stack() {
    // 20,000 atoms in one body, each with a fact, evaluated: planning and the join walk it without recursion.
    let body: Vec<String> = (0..20_000).map(|i| format!("p{i}(X)")).collect();
    let facts: String = (0..20_000).map(|i| format!("p{i}(a).\n")).collect();
    let out = run_script("wide", format!("{facts}q(X) :- {}.\n?- q(X).\n", body.join(", ")), 0, None);
    assert!(out.contains("(1 answer)"), "{}", &out[out.len().saturating_sub(300)..]);
    let deep = format!("source s {{ a: {}{} }}.\n", "[".repeat(100_000), "]".repeat(100_000));
    let out = run_script("deep", deep, 3, Some("t.tkb:1:31"));
    assert!(out.contains("E0106") && out.contains("lists nest at most 16 deep") && out.len() < 10_000, "{out}");
    let nots = format!("?- {}p(a).\n", "not ".repeat(100_000));
    run_script("nots", nots, 3, Some("t.tkb:1:"));
}

#[test]
fn a_sum_that_overflows_is_an_error_not_a_wrapped_value() {
    let text = "amount(9223372036854775807) @ [2021-01-01, 2021-03-01).\namount(1) @ [2021-02-01, 2021-04-01).\n\
                ?- S = sum X : { amount(X) } during [2021-01-01, 2021-05-01).\n";
    let out = run_script("sum", text, 3, Some("t.tkb:3:1"));
    assert!(out.contains("E0207") && out.contains("the sum on 2021-02-01 is 9223372036854775808"), "{out}");
    assert!(!out.contains("-9223372036854775808  "), "no wrapped value is shown:\n{out}");
}

#[test]
fn strings_of_any_length_render() {
    let text = format!("long(\"{}\").\n?- long(X).\n", "x".repeat(70_000));
    let out = run_script("long", &text, 0, None);
    assert!(out.contains("(1 answer)"), "{}", &out[out.len().saturating_sub(200)..]);
    let dir = scratch("long-repl");
    write(&dir.join("kb/e.tkb"), "e(a).\n");
    let out = tkb(&dir, &["repl", "--kb", "kb"], text.as_bytes(), &[]);
    assert!(check(&out, 0, None).contains("(1 answer)"));
}

#[test]
fn piped_repl_input_reports_an_unfinished_statement_and_survives_a_bad_line() {
    let dir = scratch("piped");
    write(&dir.join("kb/e.tkb"), "e(a).\n");
    let out = tkb(&dir, &["repl", "--kb", "kb"], b"p(a).\n?- p(X).\nq(b)", &[]);
    let all = check(&out, 0, Some("<repl>:1:5"));
    assert!(all.contains("E0005") && all.contains("(1 answer)"), "{all}");
    let out = tkb(&dir, &["repl", "--kb", "kb"], b"p(a).\nq(\xFF\n?- p(X).\n", &[]);
    let all = check(&out, 0, Some("<stdin>:2:3"));
    assert!(all.contains("E0208") && all.contains("(1 answer)"), "the session goes on after the bad line:\n{all}");
}

#[test]
fn a_history_file_that_never_ends_is_not_read() {
    let dir = scratch("history");
    write(&dir.join("kb/e.tkb"), "e(a).\n");
    write(&dir.join("big"), vec![b'a'; 5 << 20]);
    for history in ["/dev/zero", "big"] {
        let out = tkb(&dir, &["repl", "--kb", "kb"], b"?- e(X).\n", &[("TKB_HISTORY", history)]);
        let all = check(&out, 0, None);
        assert!(all.contains("(1 answer)") && all.contains("history is kept for this session only"), "{all}");
    }
}

#[test]
fn the_text_linter_is_not_quadratic() {
    let dir = scratch("lint-text");
    let numbers: Vec<String> = (1..=150_000).map(|i| i.to_string()).collect();
    write(&dir.join("numbers.txt"), numbers.join(" ") + " countries\n");
    let list: String = (0..150_000).map(|i| format!("- {i} countries:\n")).collect();
    write(&dir.join("lists.txt"), list);
    let numbered: String = (1..=150_000).map(|i| format!("{i}. Germany\n")).collect();
    write(&dir.join("numbered.txt"), numbered);
    for doc in ["numbers.txt", "lists.txt", "numbered.txt"] {
        let out = tkb(&dir, &["lint", "--text", doc], b"", &[]);
        check(&out, 0, None);
    }
}

#[test]
fn the_linter_on_two_megabytes_of_garbage_is_fast_and_bounded() {
    let dir = scratch("lint-garbage");
    // A fixed pseudo-random text over the grammar's characters, so the case is the same on every run.
    let alphabet = b"abcXYZ(),.:-@[]{}\"% \n0123456789?";
    let mut state = 0x2545_f491_u64;
    let garbage: Vec<u8> = (0..2_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[(state % alphabet.len() as u64) as usize]
        })
        .collect();
    write(&dir.join("kb/g.tkb"), garbage);
    let out = tkb(&dir, &["lint", "--kb", "kb"], b"", &[]);
    let all = check(&out, 1, Some("kb/g.tkb:1:"));
    assert!(all.len() < 100_000 && all.contains("previous errors"), "{} bytes", all.len());
}

/// Every input of every fuzz corpus and regression folder, through the function its target runs.
#[test]
fn fuzz_corpora_replay() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    for (name, target) in targets::TARGETS {
        let corpus = files(&root.join("corpus").join(name));
        assert!(!corpus.is_empty(), "fuzz/corpus/{name} is missing or empty");
        for path in corpus.iter().chain(&files(&root.join("regressions").join(name))) {
            // A file the running fuzzer has just replaced by a smaller one is gone: only that may be skipped.
            let data = match std::fs::read(path) {
                Ok(data) => data,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => panic!("cannot read {}: {e}", path.display()),
            };
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                panic!("fuzz target {name} fails on {}", path.display());
            }
        }
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// Found by the eval_diff fuzzer: two atoms that could each be read for existence, each counting on the other to
/// bind `X`, were both made checks, and the head was written with `X` unbound: a wrong answer when the kb had a
/// constant, a panic in the answer table when it had none. Either atom may be a check, not both.
#[test]
fn two_existence_checks_never_leave_a_head_variable_unbound() {
    let program = "pred b(A, B) \"\".\npred c(A, B) \"\".\npred d(A) \"\".\nd(X) :- b(X, Z), c(_, X).\n";
    let out = run_script("exists-empty", format!("{program}?- d(X).\n"), 0, None);
    assert!(out.contains("(0 answers)"), "{out}");
    let out = run_script("exists-other", format!("{program}pred e(A) \"\".\ne(a).\n?- d(X).\n"), 0, None);
    assert!(out.contains("(0 answers)"), "{out}");
    let facts = "b(a, 1).\nb(k, 2).\nc(9, a).\nc(8, m).\n";
    let out = run_script("exists-facts", format!("{program}{facts}?- d(X).\n"), 0, None);
    assert!(out.contains("(1 answer)") && out.contains("\na "), "only `a` is in both: {out}");
}
