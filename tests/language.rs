//! The language as people type it, through the binary: hints and their exit codes, `tkb explain` for every code,
//! JSON error objects, scripts that stop (across files too), rule bodies checked after fact files load, and the
//! REPL reading a question without `?-`. (The hints' texts and places are golden cases in tests/golden.)

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tkb(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tkb"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("tkb runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder under the temporary directory holding `files` (name, text).
fn folder(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("language-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("a file is written");
    }
    dir
}

#[test]
fn hints_warn_and_keep_exit_code_zero() {
    let o = tkb(&["query", "direct_flight(uk) @ 2021-10-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).ends_with("no\n"), "{}", out(&o));
    let hint = "warning[W0102/unknown-constant]: `uk` is not a known value of direct_flight/1; did you mean gb (United Kingdom)?";
    assert!(err(&o).contains(hint), "{}", err(&o));
    let o = tkb(&["query", "direct_flight(GB) @ 2021-10-01"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(err(&o).contains("warning[W0101/variable-spells-constant]") && err(&o).contains("gb (United Kingdom)"));
}

#[test]
fn errors_behind_a_silent_answer_exit_3() {
    let o = tkb(&["why", "zzz(a) @ 2021-01-01"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(err(&o).contains("error[E0109/unknown-predicate]: unknown predicate `zzz`"), "{}", err(&o));
    let o = tkb(&["why", "not zzz(a) @ 2021-01-01"]);
    assert_eq!(o.status.code(), Some(3));
    let o = tkb(&["query", "direct_flight(C) @ 2021-10-01, C != gb"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(err(&o).contains("write `?- direct_flight(C), C != gb @ 2021-10-01.`"), "{}", err(&o));
    assert!(out(&o).is_empty());
}

#[test]
fn explain_knows_every_code() {
    for id in ["E0001", "E0006", "E0109", "E0111", "E0206", "W0101", "W0102", "W0103", "W0104", "L0016"] {
        let info = tkb::diag::Code::lookup(id).unwrap_or_else(|| panic!("{id} is in the table of codes"));
        let o = tkb(&["explain", id]);
        assert_eq!(o.status.code(), Some(0), "{}", info.id);
        assert!(out(&o).starts_with(&format!("{} ({})", info.id, info.name)), "{}", out(&o));
        assert!(
            out(&o).contains("Example:") && out(&o).contains("Fix:"),
            "{} explains with an example and a fix",
            info.id
        );
    }
    let o = tkb(&["explain", "unknown-constant"]);
    assert!(out(&o).starts_with("W0102 (unknown-constant)"));
    let o = tkb(&["explain", "X9999"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_failed_query_is_a_json_error_object() {
    let o = tkb(&["query", "--format", "json", "zzz(X)"]);
    assert_eq!(o.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_str(&out(&o)).expect("one JSON document");
    let error = &json["error"];
    assert_eq!(error["code"], "E0109");
    assert_eq!(error["message"], "unknown predicate `zzz`");
    assert_eq!(
        (error["file"].as_str(), error["line"].as_u64(), error["column"].as_u64()),
        (Some("<query>"), Some(1), Some(4))
    );
}

#[test]
fn scripts_are_checked_whole_before_any_runs() {
    let dir = folder("scripts", &[("a.tkb", "p(a).\n?- p(X).\n"), ("b.tkb", "?- p(X).\n?- q(X).\n")]);
    let (a, b) = (dir.join("a.tkb"), dir.join("b.tkb"));
    let kb = format!("{}/tests/golden/kb", env!("CARGO_MANIFEST_DIR"));
    let o = tkb(&["run", "--kb", &kb, a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(out(&o).is_empty(), "the error in b.tkb stops a.tkb too: {}", out(&o));
    assert!(err(&o).contains("b.tkb:2:4"), "{}", err(&o));
    let o = tkb(&["run", "--keep-going", "--kb", &kb, a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(out(&o).matches("(1 answer)").count(), 2, "{}", out(&o));
    // b.tkb's facts come after a.tkb's query: what a script defines later is not known to an earlier query.
    let c = dir.join("c.tkb");
    std::fs::write(&c, "?- r(X).\nr(a).\n").expect("written");
    let o = tkb(&["run", "--kb", &kb, c.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "a query before any fact of its predicate: {}", err(&o));
}

#[test]
fn rule_bodies_are_checked_once_fact_files_are_in() {
    let kb = folder("kb-tc", &[("tc.tkb", "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n")]);
    let facts = folder("facts-tc", &[("edge.tsv", "a\tb\nb\tc\n")]);
    let o = tkb(&["query", "--kb", kb.to_str().unwrap(), "--facts", facts.to_str().unwrap(), "path(a, X)"]);
    assert_eq!(o.status.code(), Some(0), "edge has facts from a fact file: {}", err(&o));
    assert!(out(&o).contains("(2 answers)"), "{}", out(&o));
    let o = tkb(&["query", "--kb", kb.to_str().unwrap(), "path(a, X)"]);
    assert_eq!(o.status.code(), Some(3), "without the fact file, edge is unknown");
    assert!(err(&o).contains("unknown predicate `edge`") && err(&o).contains("tc.tkb:1:15"), "{}", err(&o));
}

#[test]
fn the_repl_asks_what_reads_as_a_question() {
    let history = std::env::temp_dir().join(format!("tkb-language-history-{}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tkb"))
        .args(["repl", "--kb", "tests/repl/kb"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TKB_HISTORY", &history)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tkb runs");
    let input = "direct_flight(vn) @ 2021-12-20.\nzzz(a) :- nothing(a).\n?- country(C)\n.help add\n";
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("written");
    let o = child.wait_with_output().expect("tkb ends");
    let text = out(&o);
    assert!(text.starts_with("note: read as a question (`?-` assumed)"), "{text}");
    assert!(text.contains("?- direct_flight(vn) @ 2021-12-20\nyes  [2021-12-14, ..)"), "{text}");
    assert!(text.contains("unknown predicate `nothing`"), "the REPL checks rule bodies too: {text}");
    assert!(text.contains("the unfinished `?- country(C)` was dropped") && text.contains(".add STATEMENT"), "{text}");
    assert_eq!(o.status.code(), Some(0), "the REPL goes on after errors");
    let _ = std::fs::remove_file(history);
}
