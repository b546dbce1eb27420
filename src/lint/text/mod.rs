//! Raw-text mode, `tkb lint --text FILE...`: without the kb's claims, reads plain documents as people write news
//! (`document`: counts in digits and words, lists in every form, which list each count speaks of), maps names
//! through the kb's country table, and reports what contradicts itself (`findings`): count mismatches (L0001),
//! numbering gaps (L0009), names listed twice (L0020), two totals for one list (L0021), and counts whose list
//! cannot be found (L0022, a note).

mod blocks;
mod counts;
pub(crate) mod document;
mod findings;
mod inline;
mod items;
mod kinds;
mod link;
pub(crate) mod list;
pub(crate) mod names;
pub(crate) mod numbers;
pub(crate) mod reading;
pub(crate) mod scan;
pub(crate) mod sentences;
mod sources;
mod words;

pub use counts::NounKind;
pub(super) use sources::lint_sources;

use super::finding::{sort_findings, Finding};
use super::Report;
use crate::db::Database;
use crate::diag::{Code, Diagnostic, SourceMap};
use findings::Doc;
use names::CountryTable;
use std::path::{Path, PathBuf};

/// Reads every document (an unreadable one is a usage error, exit 2) and lints it.
pub fn lint_texts(kb: Option<&Path>, paths: &[PathBuf]) -> Result<Report, Diagnostic> {
    let table = country_table(kb)?;
    let mut files = SourceMap::default();
    let mut findings = Vec::new();
    for path in paths {
        let text = crate::input::read_file(path)?;
        findings.extend(lint_one(&table, &mut files, path.display().to_string(), text));
    }
    sort_findings(&mut findings, &files);
    Ok(Report { findings, files })
}

/// The findings of one document, which is added to `files`.
fn lint_one(table: &CountryTable, files: &mut SourceMap, name: String, text: String) -> Vec<Finding> {
    let file = files.add(name.clone(), text);
    let reading = document::read(files.text(file), table);
    findings::check(&Doc { file, name: &name }, &reading)
}

/// `tkb lint --text` on documents given as text, with the country names of one kb read once (they depend on the
/// kb only, and reading them costs more than linting a short document): for tests and fuzzing.
pub struct DocumentLinter {
    table: CountryTable,
}

impl DocumentLinter {
    /// A linter with the country names of `kb`.
    pub fn new(kb: &Database) -> DocumentLinter {
        DocumentLinter { table: CountryTable::from_db(kb) }
    }

    /// The report on one document.
    pub fn lint(&self, name: &str, text: &str) -> Report {
        let mut files = SourceMap::default();
        let mut findings = lint_one(&self.table, &mut files, name.to_string(), text.to_string());
        sort_findings(&mut findings, &files);
        Report { findings, files }
    }
}

/// The country names of the kb (built in, or `--kb`); a kb that does not load cleanly still lends its names.
fn country_table(kb: Option<&Path>) -> Result<CountryTable, Diagnostic> {
    let files = crate::builtin::kb_files(kb)?;
    let mut db = Database::default();
    let _ = db.load_kb(files);
    let table = CountryTable::from_db(&db);
    if table.is_empty() {
        let message = "the kb has no `country_name` facts to read country names from";
        return Err(Diagnostic::error(Code::Io, message));
    }
    Ok(table)
}
