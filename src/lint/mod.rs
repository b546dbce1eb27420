//! The fact-consistency linter, `tkb lint`: checks the kb (and with `--corpus` the documents its sources cite)
//! for counts that do not match their lists, unannounced changes, conflicting sources, date anomalies, numbering
//! gaps, broken provenance and implausible intervals; `--text` runs the count and numbering checks on plain
//! documents without the kb. Each check lives in `checks` (kb) or `text` (documents); `render` turns findings
//! into text or JSON. The linter returns a [`Report`]; the command line (`cli::lint`) prints it and chooses the
//! exit code.

mod checks;
mod context;
mod corpus;
mod finding;
pub mod json;
mod render;
pub(crate) mod text;

pub use finding::{Finding, Place, Related};
pub use text::{lint_texts, DocumentLinter};

use crate::db::Database;
use crate::diag::{Code, Diagnostic, SourceMap};
use context::Ctx;
use corpus::Document;
use std::collections::BTreeMap;
use std::path::Path;

/// What a lint run found, and the texts its findings point into.
pub struct Report {
    /// The findings, sorted as they print (file, line, column, code, message).
    pub findings: Vec<Finding>,
    /// The kb files and documents the findings' places point into.
    pub files: SourceMap,
}

impl Report {
    /// The findings as `tkb lint` prints them (`colour` for a terminal).
    pub fn text(&self, colour: bool) -> String {
        render::text(&self.findings, &self.files, colour, None)
    }

    /// The findings as `tkb lint --format json` prints them (the shape is `json`'s).
    pub fn json(&self) -> String {
        let mut out = Vec::new();
        // Writing to a vector fails only when serializing fails, which these types never do.
        let _ = self.write_json(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Writes the findings as `tkb lint --format json` prints them, one finding at a time.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        json::write(out, &self.findings, &self.files)
    }

    /// The findings as the JSON types, for a reader in the same process (`tkb report`).
    pub fn json_findings(&self) -> Vec<json::FindingJson> {
        self.findings.iter().map(|f| json::FindingJson::new(f, &self.files)).collect()
    }

    /// The findings as text, the summary line counting `hidden` notes that are not shown (`None`: none hidden).
    pub fn text_hiding(&self, colour: bool, hidden: Option<usize>) -> String {
        render::text(&self.findings, &self.files, colour, hidden)
    }

    /// Drops the notes (reminders that change nothing) and says how many there were.
    pub fn hide_notes(&mut self) -> usize {
        let before = self.findings.len();
        self.findings.retain(|f| !f.is_note());
        before - self.findings.len()
    }

    /// Whether the run fails: an error in the kb, or with `deny_warnings` any finding but a note.
    pub fn failing(&self, deny_warnings: bool) -> bool {
        self.findings.iter().any(|f| f.is_error() || (deny_warnings && !f.is_note()))
    }
}

/// Loads the kb (built in, or `--kb`), the documents its sources cite (with `--corpus`), and runs every check.
pub fn lint_kb(kb: Option<&Path>, corpus: Option<&Path>) -> Result<Report, Diagnostic> {
    let files = crate::builtin::kb_files(kb)?;
    if let Some(dir) = corpus {
        if !dir.is_dir() {
            let message = format!("cannot read corpus folder {}: not a folder", dir.display());
            return Err(Diagnostic::error(Code::Io, message));
        }
    }
    let kb_files = files.len();
    let mut db = Database::default();
    let mut findings: Vec<Finding> = db.load_kb(files).iter().map(Finding::from_diagnostic).collect();
    findings.extend(crate::query::hints::rule_bodies(&db).iter().map(Finding::from_diagnostic));
    let docs = match corpus {
        Some(dir) => load_documents(&mut db, dir),
        None => BTreeMap::new(),
    };
    let ctx = Ctx::new(&db, docs, corpus.is_some(), kb_files);
    findings.extend(checks::run_all(&ctx));
    // With the corpus, the documents are read too, as `--text` reads them.
    let from_documents = text::lint_sources(&ctx, &findings);
    findings.extend(from_documents);
    let files = std::mem::take(&mut db.files);
    finding::sort_findings(&mut findings, &files);
    Ok(Report { findings, files })
}

/// Adds every document a source names to the source map. A document that cannot be read is left out; the
/// provenance check reports it against the source.
fn load_documents(db: &mut Database, dir: &Path) -> BTreeMap<String, Document> {
    let names: std::collections::BTreeSet<String> = db.sources.values().filter_map(|s| s.doc.clone()).collect();
    let mut docs = BTreeMap::new();
    for name in names {
        let path = dir.join(&name);
        let Ok(text) = crate::input::read_file(&path) else { continue };
        let file = db.files.add(path.display().to_string(), text);
        docs.insert(name, Document::new(file, db.files.text(file)));
    }
    docs
}
