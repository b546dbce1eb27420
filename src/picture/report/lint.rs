//! The linter's findings for the report, read through its documented JSON (docs/lint.md): the report calls the
//! linter as a library and reads the JSON `tkb lint --format json` prints (notes hidden, as there), so the report
//! shows exactly what `tkb lint` prints, whatever the linter's internals.

use serde::Deserialize;
use std::path::Path;

/// A source or statement a finding rests on, as `tkb lint --format json` writes it (docs/lint.md).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Related {
    /// What the entry shows.
    pub label: String,
    /// The source's name in the kb.
    pub source: Option<String>,
    /// The corpus document the source cites.
    pub document: Option<String>,
    /// The source's `[first, last]` lines in the document.
    pub lines: Option<[usize; 2]>,
    /// The source's printed date, `YYYY-MM-DD`.
    pub printed: Option<String>,
    /// The source's publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The line the entry points at (1-based); `None` when there is nothing to point at.
    pub line: Option<usize>,
}

/// One finding, as `tkb lint --format json` writes it (docs/lint.md).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Finding {
    /// The stable code (`L0001`...).
    pub code: String,
    /// The code's name.
    pub name: String,
    /// `error`, `warning` or `note`.
    pub severity: String,
    /// The finding, with both disagreeing values.
    pub message: String,
    /// The kb file it concerns; `None` for a finding about the kb as a whole.
    pub file: Option<String>,
    /// The line in that file (1-based).
    pub line: Option<usize>,
    /// What the primary location shows.
    pub label: Option<String>,
    /// The sources it rests on and the statements it compares with, in order.
    pub related: Vec<Related>,
    /// Further explanations, one line each.
    pub notes: Vec<String>,
}

/// The findings, or why there are none to show (the report still renders, and says so).
#[derive(Clone, Debug, PartialEq)]
pub enum Findings {
    /// The linter ran; its findings, possibly none.
    Found(Vec<Finding>),
    /// The linter could not be run or its output not read: the reason, shown in the report.
    Unavailable(String),
}

/// The findings `tkb lint --format json` gives for the kb folder (`None`: the built-in kb) and corpus.
pub fn lint_findings(kb: Option<&Path>, corpus: Option<&Path>) -> Findings {
    match crate::lint::lint_kb(kb, corpus) {
        Ok(mut report) => {
            report.hide_notes();
            parse(&report.json())
        }
        Err(error) => Findings::Unavailable(format!("the linter could not read the kb: {}", error.message)),
    }
}

/// Findings from the linter's JSON; anything else is reported, not guessed at.
pub fn parse(json: &str) -> Findings {
    match serde_json::from_str::<Vec<Finding>>(json) {
        Ok(found) => Findings::Found(found),
        Err(e) => Findings::Unavailable(format!("the linter's output is not its documented JSON: {e}")),
    }
}
