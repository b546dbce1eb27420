//! Golden tests: every `tests/golden/cases/*.tkb` script runs through the real binary against the small kb in
//! `tests/golden/kb`, and every `tests/golden/builtin/*.tkb` against the built-in kb; stdout, stderr and exit code
//! must equal the `.out` file beside it. A first line `% args: ...` adds flags.
//! `UPDATE_EXPECT=1 cargo test --test golden` rewrites the `.out` files.

#[path = "support/update.rs"]
mod update;

use std::path::{Path, PathBuf};
use std::process::Command;

fn run_case(case: &Path, kb: Option<&str>) -> String {
    let text = std::fs::read_to_string(case).expect("readable case");
    let extra: Vec<String> = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("% args:"))
        .map(|a| a.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO_BIN_EXE_tkb"))
        .current_dir(root)
        .arg("run")
        .args(kb.map(|k| vec!["--kb", k]).unwrap_or_default())
        .args(&extra)
        .arg(case.strip_prefix(root).unwrap_or(case))
        .env("NO_COLOR", "1")
        .output()
        .expect("tkb runs");
    format!(
        "{}--- stderr ---\n{}--- exit: {} ---\n",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
        output.status.code().map(|c| c.to_string()).unwrap_or_else(|| "signal".into())
    )
}

#[test]
fn golden_cases() {
    check_folder("tests/golden/cases", Some("tests/golden/kb"), 20);
}

#[test]
fn golden_cases_on_the_builtin_kb() {
    check_folder("tests/golden/builtin", None, 3);
}

fn check_folder(folder: &str, kb: Option<&str>, at_least: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("cases dir").filter_map(|e| e.ok().map(|e| e.path())).collect();
    cases.retain(|p| p.extension().is_some_and(|e| e == "tkb"));
    cases.sort();
    assert!(cases.len() >= at_least, "the golden cases of {folder} are missing");
    let update = update::requested();
    let mut failures = Vec::new();
    for case in &cases {
        let actual = run_case(case, kb);
        let expected_path = case.with_extension("out");
        if update {
            std::fs::write(&expected_path, &actual).expect("write expected");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!("{}:\n--- expected\n{expected}\n--- actual\n{actual}", case.display()));
        }
    }
    assert!(failures.is_empty(), "{} golden case(s) differ:\n{}", failures.len(), failures.join("\n"));
}
