//! Rendering answers and proofs for people (tables, trees) and programs (JSON, CSV). Every renderer is a pure
//! function of its input: the same answers give byte-identical text.

mod aggregate;
pub mod coverage;
mod csv;
mod diag_json;
pub mod grid;
mod json;
mod proof;
mod proof_json;
pub mod stream;
mod table;
mod write;

pub use self::csv::{render_csv, write_csv};
pub use diag_json::{warnings_json, ErrorJson, WarningJson};
pub use json::{query_json, render_json, with_warnings, write_json, ResultJson};
pub use proof::{render_proof, render_why_not};
pub use proof_json::{holds_json, proof_json, why_not_json};
pub use table::{render_table, write_table};
pub use write::{write_day, write_value, Indented};

use crate::time::{Interval, IntervalSet};

/// How query results are written (`--format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned text columns, with a header and the answer count.
    Table,
    /// One pretty JSON array of every result.
    Json,
    /// One JSON value per line, per result.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// `[2021-12-14, ..)` style, the notation of the language itself.
pub fn show_interval(interval: &Interval) -> String {
    interval.to_string()
}

/// Every interval of the set, joined by ` ∪ `; empty text for the empty set.
pub fn show_set(set: &IntervalSet) -> String {
    set.intervals().iter().map(show_interval).collect::<Vec<_>>().join(" ∪ ")
}
