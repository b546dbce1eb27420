//! `source` and `claim` declarations: each field known, typed and present when required.

use crate::diag::Origin;
use crate::diag::{Code, Diagnostic};
use crate::symbol::Symbol;
use crate::syntax::{Field, FieldValue, Record};
use crate::time::Day;
use crate::value::Value;

/// What a source is (`kind:` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// An article of the corpus (the default).
    Article,
    /// A page of the corpus.
    Page,
    /// A table outside the corpus (ISO 3166 and the like): `doc` and `lines` optional, quotes not required.
    Reference,
}

/// One article or page of the corpus (or a reference table), as declared.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The name citations use.
    pub name: Symbol,
    /// Article, page or reference.
    pub kind: SourceKind,
    /// The corpus file name; `None` only for a reference.
    pub doc: Option<String>,
    /// The title, as printed.
    pub title: String,
    /// The date printed with the article; `None` when none is printed.
    pub printed: Option<Day>,
    /// The publication date tkb uses (the reported time); `None` only for a reference.
    pub published: Option<Day>,
    /// The article's lines in the corpus file, `(first, last)`, 1-based, both included; `None` only for a reference.
    pub lines: Option<(usize, usize)>,
    /// Why `published` differs from `printed`, or how it was found when nothing is printed.
    pub note: Option<String>,
    /// Where the record was written.
    pub origin: Origin,
}

/// What a claim asserts (`kind:` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClaimKind {
    /// The full list of members on `date`.
    Snapshot,
    /// Members that start on `date`.
    Added,
    /// Members that stop on `date`.
    Removed,
    /// A list given for information, not asserted.
    List,
    /// A count with no list.
    Count,
    /// A numbered list, checked for gaps in its numbers.
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
    /// The kind as written.
    pub fn name(self) -> &'static str {
        CLAIM_KINDS.iter().find(|(_, k)| *k == self).map(|(n, _)| *n).unwrap_or("list")
    }
}

/// What a source asserts about a count or a list, as it states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The claim's name.
    pub name: Symbol,
    /// The name of the source that makes the claim.
    pub source: Symbol,
    /// The predicate (or topic) the claim speaks of.
    pub about: Symbol,
    /// What the claim asserts.
    pub kind: ClaimKind,
    /// The day the claim speaks of.
    pub date: Day,
    /// The count the source states; `None` when it states none.
    pub count: Option<i64>,
    /// The items as listed, in the source's order: codes, or strings for items that map to no code.
    pub members: Vec<Value>,
    /// The item numbers as printed (for `Numbered`); empty otherwise.
    pub numbers: Vec<i64>,
    /// A verbatim quote locating the claim in the source.
    pub quote: String,
    /// The source presents the list as complete (`complete: true`): a member it leaves out stops holding on its
    /// date.
    pub complete: bool,
    /// Where the record was written.
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

fn boolean(v: &FieldValue) -> Option<bool> {
    match v {
        FieldValue::Sym(s) if s.as_str() == "true" => Some(true),
        FieldValue::Sym(s) if s.as_str() == "false" => Some(false),
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

/// Checks a `source` record: known fields only, each of its type, the required ones present (fewer for a
/// reference). Every problem is reported, not just the first.
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

/// Checks a `claim` record: known fields only, each of its type, `source`, `about`, `kind`, `date` and `quote`
/// present. Whether the source exists is checked when the claim is added to the database.
pub fn check_claim(record: &Record, file: usize) -> Result<Claim, Vec<Diagnostic>> {
    let mut f = Fields { record, file, diags: Vec::new() };
    f.only(&["source", "about", "kind", "date", "count", "members", "numbers", "quote", "complete"]);
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
    let complete = f.get("complete", "true or false", boolean).unwrap_or(false);
    if !f.diags.is_empty() {
        return Err(f.diags);
    }
    let origin = Origin { file, span: record.span };
    let (Some(source), Some(about), Some(kind), Some(date), Some(quote)) = (source, about, kind, date, quote) else {
        return Err(vec![Diagnostic::error(Code::BadRecord, "incomplete claim").at(file, record.span, "here")]);
    };
    Ok(Claim { name: record.name, source, about, kind, date, count, members, numbers, quote, complete, origin })
}
