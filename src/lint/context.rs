//! What every check reads: the loaded database, the corpus documents (when `--corpus` was given) and helpers
//! that turn a source or a statement into the places and related entries a finding shows.

use super::corpus::{find_quote, Document};
use super::finding::{first_line, Place, Related};
use crate::db::Database;
use crate::diag::Origin;
use crate::program::Source;
use crate::symbol::Symbol;
use crate::value::{Tuple, Value};
use std::collections::BTreeMap;

pub struct Ctx<'a> {
    pub db: &'a Database,
    /// Corpus documents by the name sources give in `doc`; empty without `--corpus`.
    pub docs: BTreeMap<String, Document>,
    /// Whether `--corpus` was given: only then can quotes and line ranges be checked.
    pub with_corpus: bool,
    /// The kb files are the first `kb_files` files of the source map.
    pub kb_files: usize,
}

impl<'a> Ctx<'a> {
    pub fn new(db: &'a Database, docs: BTreeMap<String, Document>, with_corpus: bool, kb_files: usize) -> Ctx<'a> {
        Ctx { db, docs, with_corpus, kb_files }
    }

    pub fn source(&self, name: Symbol) -> Option<&'a Source> {
        self.db.sources.get(&name)
    }

    pub fn published(&self, name: Symbol) -> Option<crate::time::Day> {
        self.source(name).and_then(|s| s.published)
    }

    /// The document of a source, when the corpus is loaded and has it.
    pub fn document(&self, source: &Source) -> Option<&Document> {
        source.doc.as_ref().and_then(|d| self.docs.get(d))
    }

    /// A kb statement as the primary place of a finding: its first line.
    pub fn kb_place(&self, origin: Origin, label: impl Into<String>) -> Place {
        let span = first_line(self.db.files.text(origin.file), origin.span);
        Place { file: origin.file, span, label: label.into() }
    }

    /// A source as a related entry: its document, lines and dates, and with the corpus the place of `quote` in
    /// its lines (or its first line when the quote is absent or not found).
    pub fn related_source(&self, name: Symbol, quote: Option<&str>, label: impl Into<String>) -> Related {
        let label = label.into();
        let Some(source) = self.source(name) else {
            return Related { label, source: Some(name.to_string()), ..Related::default() };
        };
        let place = self.document(source).and_then(|doc| {
            let (first, last) = source.lines?;
            let text = self.db.files.text(doc.file);
            let within = doc.lines_span(text, first, last);
            let at = quote.and_then(|q| find_quote(text, within, q));
            let span = at.unwrap_or_else(|| doc.lines_span(text, first, first));
            Some(Place { file: doc.file, span, label: label.clone() })
        });
        Related {
            label,
            source: Some(name.to_string()),
            document: source.doc.clone(),
            lines: source.lines,
            printed: source.printed,
            published: source.published,
            place,
        }
    }

    /// Another kb statement a finding compares with (a second claim, the other fact), with its source's dates.
    pub fn related_statement(&self, origin: Origin, source: Option<Symbol>, label: impl Into<String>) -> Related {
        let label = label.into();
        let mut related = match source {
            Some(name) => self.related_source(name, None, label.clone()),
            None => Related { label: label.clone(), ..Related::default() },
        };
        related.place = Some(self.kb_place(origin, label));
        related
    }

    /// A value as users read it: country codes in upper case.
    pub fn show(&self, value: &Value) -> String {
        crate::query::show::show(self.db, value)
    }

    pub fn show_all(&self, values: &[Value]) -> String {
        values.iter().map(|v| self.show(v)).collect::<Vec<_>>().join(", ")
    }

    /// `pred(a, b)` with shown values.
    pub fn show_atom(&self, pred: Symbol, tuple: &Tuple) -> String {
        crate::query::show::show_atom(self.db, pred, tuple)
    }
}
