//! The binary as a user runs it: the built-in kb from any directory, output formats, stdin scripts, fact files,
//! and the documented exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tkb(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tkb"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .env("NO_COLOR", "1")
        .output()
        .expect("tkb runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn manifest(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn builtin_kb_answers_from_any_directory() {
    let out = tkb(&["query", "direct_flight(C) @ 2021-12-25"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("VN  Viet Nam") && text.contains("[2021-12-14, ..)"), "{text}");
    assert!(text.contains("001_339fd5bf1127cb2d.txt"), "answers cite their documents: {text}");
}

#[test]
fn json_output_follows_the_schema() {
    let out = tkb(&["query", "--format", "json", "?- direct_flight(vn) @ 2021-12-25."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["query"], "direct_flight(vn) @ 2021-12-25");
    let answer = &json["answers"][0];
    assert_eq!(answer["valid"][0]["from"], "2021-12-14");
    assert!(answer["valid"][0]["to"].is_null());
    let source = &answer["provenance"][0];
    for key in ["source", "doc", "lines", "title", "published"] {
        assert!(!source[key].is_null(), "provenance item has {key}: {source}");
    }
}

#[test]
fn scripts_run_from_stdin_in_order() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tkb"))
        .args(["run", "--kb", &manifest("tests/golden/kb"), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let script = "p(a).\n?- p(X).\np(b).\n?- p(X).\n";
    child.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    let text = stdout(&out);
    assert_eq!(text.matches("(1 answer)").count(), 1, "first query sees one fact: {text}");
    assert_eq!(text.matches("(2 answers)").count(), 1, "second sees both: {text}");
}

#[test]
fn fact_files_load_with_intervals() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("facts");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("flight.tsv"), "AAA\t2020-03-01\t2020-03-31\nBBB\t2020-04-01\t2020-04-30\n")
        .expect("write");
    let out = tkb(&[
        "query",
        "--kb",
        &manifest("tests/golden/kb"),
        "--facts",
        dir.to_str().expect("utf8"),
        "--tsv-to",
        "inclusive",
        "flight(C) @ 2020-03-31",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("AAA  [2020-03-01, 2020-04-01)"), "{}", stdout(&out));
    std::fs::write(dir.join("flight.tsv"), "AAA\t2020-03-01\t2020-03-31\nBBB\tx\n").expect("write");
    let bad =
        tkb(&["query", "--kb", &manifest("tests/golden/kb"), "--facts", dir.to_str().expect("utf8"), "flight(C)"]);
    assert_eq!(bad.status.code(), Some(3));
    assert!(stderr(&bad).contains("E0202"), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("flight.tsv:2:1"), "located: {}", stderr(&bad));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn exit_codes_are_documented_ones() {
    assert_eq!(tkb(&["query", "p(X)", "--bogus"]).status.code(), Some(2), "unknown flag");
    assert_eq!(tkb(&["run", "/nonexistent/script.tkb"]).status.code(), Some(2), "unreadable file");
    let bad_date = tkb(&["query", "--as-known", "2021-13-01", "p(X)"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(stderr(&bad_date).contains("is not a date"), "{}", stderr(&bad_date));
    let program = tkb(&["query", "direct_flight(C @ 2021"]);
    assert_eq!(program.status.code(), Some(3), "malformed query");
    assert!(stderr(&program).contains("<query>:1:"), "located: {}", stderr(&program));
    assert_eq!(tkb(&["run", "--kb", "/nonexistent/kb", "x.tkb"]).status.code(), Some(2), "unreadable kb");
}

#[test]
fn a_broken_kb_folder_is_reported_with_locations() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("badkb");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("a.tkb"), "ok(a).\nbroken(a b).\nalso(X) :- not ok(X).\n").expect("write");
    let out = tkb(&["query", "--kb", dir.to_str().expect("utf8"), "ok(X)"]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains("a.tkb:2:10") && err.contains("E0001"), "{err}");
    assert!(err.contains("E0102"), "both errors in one pass: {err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn why_prints_a_proof_down_to_cited_statements() {
    let out = tkb(&["why", "direct_flight(vn) @ 2021-12-25"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("direct_flight(vn)  holds [2021-12-14, ..)"), "{text}");
    assert!(text.contains("cites s001_"), "{text}");
}

#[test]
fn output_is_deterministic() {
    let a = tkb(&["query", "--format", "json", "direct_flight(C) @ 2021-12-25"]);
    let b = tkb(&["query", "--format", "json", "direct_flight(C) @ 2021-12-25"]);
    assert_eq!(a.stdout, b.stdout);
}
