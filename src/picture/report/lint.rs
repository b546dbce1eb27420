//! The linter's findings for the report, in the shape of its documented JSON (docs/lint.md): the report calls the
//! linter as a library and takes its findings as the JSON types `tkb lint --format json` serializes (notes
//! hidden, as there), so the report shows exactly what `tkb lint` prints, whatever the linter's internals.

use std::path::Path;

/// One finding and a place it rests on, as `tkb lint --format json` writes them: the linter's own serde types
/// (`lint::json`, the one definition of that JSON).
pub use crate::lint::json::{FindingJson as Finding, RelatedJson as Related};

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
            Findings::Found(report.json_findings())
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
