//! Raw-text mode, `tkb lint --text FILE...`: without the kb's claims, finds stated counts of countries and the
//! lists that go with them in plain documents, maps names through the kb's country table, and reports count
//! mismatches (L0001) and numbering gaps (L0009) with their line numbers.

pub(crate) mod document;
pub(crate) mod names;
pub(crate) mod scan;

use super::checks::numbering::Numbering;
use super::finding::{sort_findings, Finding, Place, Related};
use super::Report;
use crate::db::Database;
use crate::diag::{Code, Diagnostic, SourceMap};
use document::{List, Stated};
use names::CountryTable;
use std::collections::BTreeSet;
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
    let doc = Doc { file, name: &name };
    let reading = document::read(files.text(file), table);
    let mut findings = Vec::new();
    for stated in &reading.stated {
        findings.extend(check_stated(&doc, stated));
    }
    for list in &reading.numbered {
        findings.extend(check_numbering(&doc, list, None));
    }
    findings
}

/// `tkb lint --text` on one document given as text, with the country names of `kb`: for tests and fuzzing.
pub fn lint_document(kb: &Database, name: &str, text: &str) -> Report {
    let mut files = SourceMap::default();
    let mut findings = lint_one(&CountryTable::from_db(kb), &mut files, name.to_string(), text.to_string());
    sort_findings(&mut findings, &files);
    Report { findings, files }
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

struct Doc<'a> {
    file: usize,
    name: &'a str,
}

impl Doc<'_> {
    fn related(&self, list: &List, label: String) -> Related {
        let first = list.entries.first().map(|e| e.line).unwrap_or(0);
        let last = list.entries.last().map(|e| e.line).unwrap_or(first);
        let span = list.span();
        let head = crate::syntax::Span {
            start: span.start,
            end: list.entries.first().map(|e| e.span.end).unwrap_or(span.end),
        };
        Related {
            label: label.clone(),
            document: Some(self.name.to_string()),
            lines: Some((first, last)),
            place: Some(Place { file: self.file, span: if first == last { span } else { head }, label }),
            ..Related::default()
        }
    }
}

fn check_stated(doc: &Doc, stated: &Stated) -> Vec<Finding> {
    let Some(list) = stated.list.as_ref().filter(|l| l.is_countries()) else { return Vec::new() };
    let mut out = Vec::new();
    let size = list.size() as i64;
    if size != stated.count {
        let message = format!("the text states {} countries but lists {size}", stated.count);
        let mut finding = Finding::new(Code::CountMismatch, message)
            .at(doc.file, stated.span, format!("{} stated", stated.count))
            .with(doc.related(list, format!("{size} listed{}", lines_of(list))));
        finding = add_list_notes(finding, list, stated.count);
        out.push(finding);
    }
    if list.numbered {
        out.extend(check_numbering(doc, list, Some(stated)));
    }
    out
}

/// " on lines 7-12" for a list of several lines, nothing for an inline one.
fn lines_of(list: &List) -> String {
    match (list.entries.first(), list.entries.last()) {
        (Some(a), Some(b)) if a.line != b.line => format!(" on lines {}-{}", a.line, b.line),
        _ => String::new(),
    }
}

fn add_list_notes(mut finding: Finding, list: &List, count: i64) -> Finding {
    let unknown: Vec<&str> = list.names().filter(|n| n.code.is_none()).map(|n| n.text.as_str()).collect();
    if !unknown.is_empty() {
        finding = finding.note(format!("not a known country name (counted as listed): {}", unknown.join(", ")));
    }
    let mut seen = BTreeSet::new();
    let twice: BTreeSet<String> =
        list.names().filter_map(|n| n.code).filter(|c| !seen.insert(*c)).map(|c| c.to_uppercase()).collect();
    if !twice.is_empty() {
        finding = finding.note(format!("listed twice: {}", twice.into_iter().collect::<Vec<_>>().join(", ")));
    }
    if !list.numbered && list.size() as i64 > count && count >= 0 {
        let extra: Vec<&str> = list.names().skip(count as usize).map(|n| n.text.as_str()).collect();
        finding = finding.note(format!("items beyond the first {count}: {}", extra.join(", ")));
    }
    finding
}

/// L0009 for a numbered list, with a note for each gap saying between which lines it falls.
fn check_numbering(doc: &Doc, list: &List, stated: Option<&Stated>) -> Option<Finding> {
    let numbers: Vec<i64> = list.entries.iter().filter_map(|e| e.number).collect();
    let numbering = Numbering::analyse(&numbers, stated.map(|s| s.count));
    if numbering.is_clean() {
        return None;
    }
    let message = format!("the numbered list {} ({})", numbering.describe(), numbering.size());
    let span = list.entries.first().map(|e| e.span).unwrap_or_default();
    let mut finding = Finding::new(Code::NumberingGap, message).at(doc.file, span, numbering.size());
    if let Some(s) = stated {
        let label = format!("{} stated", s.count);
        finding = finding.with(Related {
            label: label.clone(),
            document: Some(doc.name.to_string()),
            lines: Some((s.line, s.line)),
            place: Some(Place { file: doc.file, span: s.span, label }),
            ..Related::default()
        });
    }
    let entries: Vec<(i64, usize)> = list.entries.iter().filter_map(|e| e.number.map(|n| (n, e.line))).collect();
    for note in numbering.gap_notes(&entries) {
        finding = finding.note(note);
    }
    Some(finding)
}
