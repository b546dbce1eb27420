//! `source` and `claim` declarations: each field known, typed and present when required.

use crate::diag::{Code, Diagnostic};
use crate::diag::Origin;
use crate::symbol::Symbol;
use crate::syntax::{Field, FieldValue, Record};
use crate::time::Day;
use crate::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Article,
    Page,
    Reference,
}

/// One article or page of the corpus (or a reference table), as declared.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: Symbol,
    pub kind: SourceKind,
    pub doc: Option<String>,
    pub title: String,
    pub printed: Option<Day>,
    pub published: Option<Day>,
    pub lines: Option<(usize, usize)>,
    pub note: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClaimKind {
    Snapshot,
    Added,
    Removed,
    List,
    Count,
    Numbered,
}

const CLAIM_KINDS: [(&str, ClaimKind); 6] = [
    ("snapshot", ClaimKind::Snapshot),
    ("added", ClaimKind::Added),
    ("removed", ClaimKind::Removed),
    ("list", ClaimKind::List),
    ("count", ClaimKind::Count),
    ("numbered", ClaimKind::Numbered),
];

impl ClaimKind {
    pub fn name(self) -> &'static str {
        CLAIM_KINDS.iter().find(|(_, k)| *k == self).map(|(n, _)| *n).unwrap_or("list")
    }
}

/// What a source asserts about a count or a list, as it states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub name: Symbol,
    pub source: Symbol,
    pub about: Symbol,
    pub kind: ClaimKind,
    pub date: Day,
    pub count: Option<i64>,
    pub members: Vec<Value>,
    pub numbers: Vec<i64>,
    pub quote: String,
    pub origin: Origin,
}

/// Reads fields one by one, collecting every problem instead of stopping at the first.
struct Fields<'a> {
    record: &'a Record,
    file: usize,
    diags: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    fn bad(&mut self, field: &Field, expected: &str) {
        let message = format!("field `{}` of `{}` must be {expected}", field.name, self.record.name);
        self.diags.push(Diagnostic::error(Code::BadRecord, message).at(self.file, field.span, "this value"));
    }

    fn missing(&mut self, name: &str) {
        let kind = if self.record.kind == crate::syntax::RecordKind::Source { "source" } else { "claim" };
        let message = format!("{kind} `{}` has no `{name}` field", self.record.name);
        self.diags.push(Diagnostic::error(Code::BadRecord, message).at(self.file, self.record.span, "declared here"));
    }

    fn get<T>(&mut self, name: &str, expected: &str, read: impl Fn(&FieldValue) -> Option<T>) -> Option<T> {
        let field = self.record.field(name)?;
        let value = read(&field.value);
        if value.is_none() {
            self.bad(field, expected);
        }
        value
    }

    fn require<T>(&mut self, name: &str, expected: &str, read: impl Fn(&FieldValue) -> Option<T>) -> Option<T> {
        if self.record.field(name).is_none() {
            self.missing(name);
            return None;
        }
        self.get(name, expected, read)
    }

    fn only(&mut self, allowed: &[&str]) {
        for field in &self.record.fields {
            if !allowed.contains(&field.name.as_str()) {
                let message = format!("unknown field `{}`; the fields are: {}", field.name, allowed.join(", "));
                self.diags.push(Diagnostic::error(Code::BadRecord, message).at(self.file, field.span, "unknown"));
            }
        }
    }
}

fn text(v: &FieldValue) -> Option<String> {
    match v {
        FieldValue::Str(s) => Some(s.clone()),
        _ => None,
    }
}

fn date(v: &FieldValue) -> Option<Day> {
    match v {
        FieldValue::Date(d) => Some(*d),
        _ => None,
    }
}

fn symbol(v: &FieldValue) -> Option<Symbol> {
    match v {
        FieldValue::Sym(s) => Some(*s),
        _ => None,
    }
}

fn int(v: &FieldValue) -> Option<i64> {
    match v {
        FieldValue::Int(n) => Some(*n),
        _ => None,
    }
}

fn line_range(v: &FieldValue) -> Option<(usize, usize)> {
    match v {
        FieldValue::List(items) => match items.as_slice() {
            [FieldValue::Int(a), FieldValue::Int(b)] if *a >= 1 && a <= b => Some((*a as usize, *b as usize)),
            _ => None,
        },
        _ => None,
    }
}

pub fn check_source(record: &Record, file: usize) -> Result<Source, Vec<Diagnostic>> {
    let mut f = Fields { record, file, diags: Vec::new() };
    f.only(&["doc", "title", "printed", "published", "lines", "note", "kind"]);
    let kind = match f.get("kind", "article, page or reference", symbol).as_deref() {
        None | Some("article") => SourceKind::Article,
        Some("page") => SourceKind::Page,
        Some("reference") => SourceKind::Reference,
        Some(_) => {
            let field = record.field("kind").expect("read above");
            f.bad(field, "article, page or reference");
            SourceKind::Article
        }
    };
    let reference = kind == SourceKind::Reference;
    let title = f.require("title", "a string", text);
    let (doc, published, lines) = if reference {
        (
            f.get("doc", "a string", text),
            f.get("published", "a date", date),
            f.get("lines", "[first, last]", line_range),
        )
    } else {
        let doc = f.require("doc", "a string naming a corpus file", text);
        let published = f.require("published", "a date", date);
        (doc, published, f.require("lines", "[first, last] with 1 <= first <= last", line_range))
    };
    let printed = f.get("printed", "a date", date);
    let note = f.get("note", "a string", text);
    if !f.diags.is_empty() {
        return Err(f.diags);
    }
    let origin = Origin { file, span: record.span };
    let title = title.unwrap_or_default();
    Ok(Source { name: record.name, kind, doc, title, printed, published, lines, note, origin })
}

fn member(v: &FieldValue) -> Option<Value> {
    match v {
        FieldValue::Sym(s) => Some(Value::Sym(*s)),
        FieldValue::Str(s) => Some(Value::sym(s)),
        FieldValue::Int(n) => Some(Value::Int(*n)),
        _ => None,
    }
}

fn list<T>(item: fn(&FieldValue) -> Option<T>) -> impl Fn(&FieldValue) -> Option<Vec<T>> {
    move |v| match v {
        FieldValue::List(items) => items.iter().map(item).collect(),
        _ => None,
    }
}

pub fn check_claim(record: &Record, file: usize) -> Result<Claim, Vec<Diagnostic>> {
    let mut f = Fields { record, file, diags: Vec::new() };
    f.only(&["source", "about", "kind", "date", "count", "members", "numbers", "quote"]);
    let source = f.require("source", "a source name", symbol);
    let about = f.require("about", "a predicate or topic name", symbol);
    let kind_name = f.require("kind", "snapshot, added, removed, list, count or numbered", symbol);
    let kind = kind_name.and_then(|k| CLAIM_KINDS.iter().find(|(n, _)| *n == k.as_str()).map(|(_, k)| *k));
    if let (Some(_), None) = (kind_name, kind) {
        let field = record.field("kind").expect("read above");
        f.bad(field, "snapshot, added, removed, list, count or numbered");
    }
    let date = f.require("date", "a date", date);
    let count = f.get("count", "an integer", int);
    let members = f.get("members", "a list of codes or strings", list(member)).unwrap_or_default();
    let numbers = f.get("numbers", "a list of integers", list(int)).unwrap_or_default();
    let quote = f.require("quote", "a string", text);
    if !f.diags.is_empty() {
        return Err(f.diags);
    }
    let origin = Origin { file, span: record.span };
    let (Some(source), Some(about), Some(kind), Some(date), Some(quote)) = (source, about, kind, date, quote) else {
        return Err(vec![Diagnostic::error(Code::BadRecord, "incomplete claim").at(file, record.span, "here")]);
    };
    Ok(Claim { name: record.name, source, about, kind, date, count, members, numbers, quote, origin })
}
