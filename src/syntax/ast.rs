//! The spanned syntax tree: what was written, with byte spans, and no meaning attached yet.

use crate::time::{Day, Interval};
use crate::value::Value;
use ustr::Ustr;

/// Byte offsets `[start, end)` into the text the statement came from; lines and columns are computed only when a
/// diagnostic is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TermKind {
    Var(Ustr),
    /// `_`: a fresh variable at each occurrence.
    Wildcard,
    Const(Value),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub kind: TermKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Atom {
    pub pred: Ustr,
    pub args: Vec<Term>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Pos(Atom),
    Neg(Atom),
    Cmp { left: Term, op: CmpOp, right: Term, span: Span },
}

/// Where a fact's time comes from: an explicit set of days, or an event that starts or ends it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FactTime {
    Always,
    During(Interval),
    From(Day),
    Until(Day),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    Effective,
    Decision,
    Published,
    Snapshot,
    Stated,
    Inferred,
}

impl Basis {
    pub const ALL: [(&'static str, Basis); 6] = [
        ("effective", Basis::Effective),
        ("decision", Basis::Decision),
        ("published", Basis::Published),
        ("snapshot", Basis::Snapshot),
        ("stated", Basis::Stated),
        ("inferred", Basis::Inferred),
    ];

    pub fn name(self) -> &'static str {
        Basis::ALL.iter().find(|(_, b)| *b == self).map(|(n, _)| *n).unwrap_or("effective")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cite {
    pub source: Ustr,
    pub quote: Option<String>,
    pub basis: Basis,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub atom: Atom,
    pub time: FactTime,
    pub time_span: Span,
    pub cites: Vec<Cite>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub head: Atom,
    pub body: Vec<Literal>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum QueryTime {
    /// `@ day`: answers holding on that day.
    At(Day),
    /// `@ [a, b)`: answers holding somewhere in the period, restricted to it.
    During(Interval),
    /// No time: every interval where each answer holds.
    When,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub body: Vec<Literal>,
    pub time: QueryTime,
    /// The query as written, for output headers and JSON.
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Why {
    pub atom: Atom,
    pub day: Day,
    pub negated: bool,
    pub span: Span,
}

impl Why {
    /// The atom as written, normalised: `p(a, b)`.
    pub fn atom_text(&self) -> String {
        if self.atom.args.is_empty() {
            return self.atom.pred.to_string();
        }
        let args: Vec<String> = self
            .atom
            .args
            .iter()
            .map(|t| match &t.kind {
                TermKind::Var(v) => v.to_string(),
                TermKind::Wildcard => "_".into(),
                TermKind::Const(c) => c.to_string(),
            })
            .collect();
        format!("{}({})", self.atom.pred, args.join(", "))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Sym(Ustr),
    Str(String),
    Int(i64),
    Date(Day),
    List(Vec<FieldValue>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: Ustr,
    pub value: FieldValue,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Source,
    Claim,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub kind: RecordKind,
    pub name: Ustr,
    pub fields: Vec<Field>,
    pub span: Span,
}

impl Record {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name.as_str() == name)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PredDecl {
    pub name: Ustr,
    pub params: Vec<Ustr>,
    pub meaning: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    Fact(Fact),
    Rule(Rule),
    Query(Query),
    Why(Why),
    Record(Record),
    Pred(PredDecl),
}
