//! Golden tests of `tkb lint`, run through the real binary as users run it.
//!
//! - `tests/lint/fixtures/<check>/<case>/`: a small kb (`*.tkb`), optionally a `corpus/` folder and an `args`
//!   file (the arguments after `tkb lint`; by default `--kb .`, plus `--corpus corpus` when that folder exists).
//!   The case runs in its own folder; stdout, stderr and the exit code must equal the `expected` file beside it.
//!   A `pass_*` case must find nothing; a `fail_*` case must report one of its check's codes.
//! - `tests/lint/text/*.out`: `--text` on each document of the shared corpus.
//! - `tests/lint/real_kb.out`: the built-in kb with `--corpus`, the complete list of findings (notes hidden).
//! - `tests/lint/real_kb.summary`: the reviewed count of each code on the built-in kb (notes included), which the
//!   real run must match; it is written by hand, never by `UPDATE_EXPECT`.
//!
//! The last two need the corpus (`../shared/corpus`, or `TKB_CORPUS`) and fail without it.
//! `UPDATE_EXPECT=1 cargo test --test lint` rewrites every expected file.

#[path = "support/update.rs"]
mod update;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn update() -> bool {
    update::requested()
}

/// Runs `tkb lint ARGS` in `dir`; stdout, stderr and the exit code as one text.
fn run(dir: &Path, args: &[String]) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_tkb"))
        .current_dir(dir)
        .arg("lint")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("tkb runs");
    let code = output.status.code().unwrap_or(-1);
    let text = format!(
        "{}--- stderr ---\n{}--- exit: {code} ---\n",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    (text, code)
}

/// Compares with (or, under UPDATE_EXPECT, writes) the expected file; a difference is returned, not panicked.
fn compare(expected_path: &Path, actual: &str) -> Option<String> {
    if update() {
        std::fs::write(expected_path, actual).expect("write expected");
        return None;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    (expected != actual).then(|| format!("{}:\n--- expected\n{expected}--- actual\n{actual}", expected_path.display()))
}

fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// The codes each check folder's failing cases must report.
fn codes_of(check: &str) -> &'static [&'static str] {
    match check {
        "count-mismatch" => &["L0001"],
        "unannounced-change" => &["L0002"],
        "conflict" => &["L0003", "L0004", "L0005"],
        "date-anomaly" => &["L0006", "L0007", "L0008"],
        "numbering-gap" => &["L0009"],
        "provenance" => &["L0010", "L0011", "L0012"],
        "interval-sanity" => &["L0013", "L0014"],
        "anticipating-list" => &["L0015"],
        "supersession" => &["L0017"],
        "constraint" => &["L0018"],
        "regime" => &["L0019"],
        "listed-twice" => &["L0020"],
        "two-totals" => &["L0021"],
        "count-without-list" => &["L0022", "L0023"],
        _ => &[],
    }
}

fn case_args(case: &Path) -> Vec<String> {
    match std::fs::read_to_string(case.join("args")) {
        Ok(text) => text.split_whitespace().map(String::from).collect(),
        Err(_) => {
            let mut args = vec!["--kb".to_string(), ".".to_string()];
            if case.join("corpus").is_dir() {
                args.extend(["--corpus".to_string(), "corpus".to_string()]);
            }
            args
        }
    }
}

/// What is wrong with a case's output beyond its golden file: a passing case that finds something, a failing
/// case that does not report its check.
fn shape_problem(check: &str, case: &str, output: &str, code: i32) -> Option<String> {
    let clean = output.contains("tkb lint: 0 errors, 0 warnings") && code == 0;
    if case.starts_with("pass_") && !clean {
        return Some(format!("{check}/{case} should find nothing:\n{output}"));
    }
    let reported =
        codes_of(check).iter().any(|c| output.contains(&format!("[{c}/")) || output.contains(&format!("\"{c}\"")));
    if case.starts_with("fail_") && !reported {
        return Some(format!("{check}/{case} should report one of {:?}:\n{output}", codes_of(check)));
    }
    None
}

#[test]
fn fixtures() {
    let base = root().join("tests/lint/fixtures");
    let mut failures = Vec::new();
    let mut counts: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for check_dir in subdirs(&base) {
        let check = check_dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        for case in subdirs(&check_dir) {
            let name = case.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let (output, code) = run(&case, &case_args(&case));
            failures.extend(compare(&case.join("expected"), &output));
            failures.extend(shape_problem(&check, &name, &output, code));
            let entry = counts.entry(check.clone()).or_default();
            entry.0 += usize::from(name.starts_with("pass_"));
            entry.1 += usize::from(name.starts_with("fail_"));
        }
    }
    for check in [
        "count-mismatch",
        "unannounced-change",
        "conflict",
        "date-anomaly",
        "numbering-gap",
        "provenance",
        "interval-sanity",
        "anticipating-list",
        "supersession",
        "constraint",
        "regime",
        "listed-twice",
        "two-totals",
        "count-without-list",
    ] {
        let (pass, fail) = counts.get(check).copied().unwrap_or_default();
        if pass < 3 || fail < 3 {
            failures.push(format!("{check} needs at least 3 passing and 3 failing cases ({pass} and {fail})"));
        }
    }
    assert!(failures.is_empty(), "{} lint fixture problem(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_linter_code_is_explained() {
    for n in (1..=16).chain(20..=23) {
        let code = format!("L{n:04}");
        let (output, status) = run(root(), &["--explain".to_string(), code.clone()]);
        assert_eq!(status, 0, "{code}: {output}");
        assert!(output.starts_with(&code) && output.contains("Example") && output.contains("Fix"), "{output}");
    }
}

/// The corpus folder. Missing, it fails the test that needs it: a golden that cannot be checked must not pass.
fn corpus() -> PathBuf {
    let dir = std::env::var_os("TKB_CORPUS").map(PathBuf::from).unwrap_or_else(|| root().join("../shared/corpus"));
    assert!(
        dir.is_dir(),
        "no corpus at {}: the corpus goldens need ../shared/corpus beside the project (or TKB_CORPUS)",
        dir.display()
    );
    dir
}

/// Paths as the goldens show them: relative to the crate root when the corpus is the shared one.
fn shown(path: &Path) -> String {
    path.strip_prefix(root()).map(|p| p.display().to_string()).unwrap_or_else(|_| path.display().to_string())
}

#[test]
fn text_mode_on_the_corpus() {
    let dir = corpus();
    let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    docs.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    docs.sort();
    let mut failures = Vec::new();
    for doc in &docs {
        let stem = doc.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let (output, _) = run(root(), &["--text".to_string(), shown(doc)]);
        failures.extend(compare(&root().join(format!("tests/lint/text/{stem}.out")), &output));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_real_kb_against_the_corpus() {
    let dir = corpus();
    let (output, _) = run(root(), &["--corpus".to_string(), shown(&dir)]);
    if let Some(difference) = compare(&root().join("tests/lint/real_kb.out"), &output) {
        panic!("{difference}");
    }
}

/// `tests/lint/real_kb.summary`: the reviewed count of each code on the real kb, checked against the real run.
#[test]
fn the_real_kb_summary_counts_every_finding() {
    let dir = corpus();
    let args = ["--corpus".to_string(), shown(&dir), "--notes".to_string(), "--format".to_string(), "json".to_string()];
    let output = Command::new(env!("CARGO_BIN_EXE_tkb")).current_dir(root()).arg("lint").args(&args).output();
    let findings: serde_json::Value =
        serde_json::from_slice(&output.expect("tkb runs").stdout).expect("the findings as JSON");
    let mut actual: std::collections::BTreeMap<String, usize> = Default::default();
    for finding in findings.as_array().expect("an array") {
        let key = format!("{} {}", finding["code"].as_str().unwrap_or("?"), finding["name"].as_str().unwrap_or("?"));
        *actual.entry(key).or_default() += 1;
    }
    let summary = std::fs::read_to_string(root().join("tests/lint/real_kb.summary")).expect("the summary");
    let mut stated: std::collections::BTreeMap<String, usize> = Default::default();
    let mut total = None;
    for line in summary.lines().filter(|l| !l.starts_with('#') && !l.starts_with(' ')) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["total", n] => total = n.parse::<usize>().ok(),
            [code, name, n, ..] if code.starts_with('L') => {
                stated.insert(format!("{code} {name}"), n.parse().expect("a count"));
            }
            _ => {}
        }
    }
    assert_eq!(stated, actual, "tests/lint/real_kb.summary is out of date: review it against the run");
    assert_eq!(total, Some(actual.values().sum::<usize>()), "the summary's total");
}
