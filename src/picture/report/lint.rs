//! The linter's findings for the report, read through its documented JSON (docs/lint.md): `tkb report` runs
//! `tkb lint --format json` as a child process of the same binary, so the report shows exactly what `tkb lint`
//! prints, whatever the linter's internals.

use serde::Deserialize;
use std::path::Path;

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Related {
    pub label: String,
    pub source: Option<String>,
    pub document: Option<String>,
    pub lines: Option<[usize; 2]>,
    pub printed: Option<String>,
    pub published: Option<String>,
    pub line: Option<usize>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Finding {
    pub code: String,
    pub name: String,
    pub severity: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub label: Option<String>,
    pub related: Vec<Related>,
    pub notes: Vec<String>,
}

/// The findings, or why there are none to show (the report still renders, and says so).
#[derive(Clone, Debug, PartialEq)]
pub enum Findings {
    Found(Vec<Finding>),
    Unavailable(String),
}

/// Runs this binary's `lint --format json` on the same kb and corpus.
pub fn lint_findings(kb: Option<&Path>, corpus: Option<&Path>) -> Findings {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return Findings::Unavailable(format!("cannot find the tkb binary to run the linter: {e}")),
    };
    let mut command = std::process::Command::new(exe);
    command.args(["lint", "--format", "json"]);
    if let Some(kb) = kb {
        command.arg("--kb").arg(kb);
    }
    if let Some(corpus) = corpus {
        command.arg("--corpus").arg(corpus);
    }
    match command.output() {
        Ok(out) => parse(&String::from_utf8_lossy(&out.stdout)),
        Err(e) => Findings::Unavailable(format!("cannot run the linter: {e}")),
    }
}

/// Findings from the linter's JSON; anything else is reported, not guessed at.
pub fn parse(json: &str) -> Findings {
    match serde_json::from_str::<Vec<Finding>>(json) {
        Ok(found) => Findings::Found(found),
        Err(e) => Findings::Unavailable(format!("the linter's output is not its documented JSON: {e}")),
    }
}
