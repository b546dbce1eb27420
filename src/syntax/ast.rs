//! The spanned syntax tree: what was written, with byte spans, and no meaning attached yet.

use crate::symbol::Symbol;
use crate::time::{Day, Interval};
use crate::value::Value;

pub use crate::diag::Span;

#[derive(Clone, Debug, PartialEq)]
pub enum TermKind {
    Var(Symbol),
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
    pub pred: Symbol,
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

/// `+` or `-` in a date expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
}

impl ArithOp {
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
        }
    }
}

/// `S + 30`, `E - 1`, `E - S`: a term, then terms added or subtracted, left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub first: Term,
    pub rest: Vec<(ArithOp, Term)>,
    pub span: Span,
}

/// The metric temporal operators (Google Mangle's notation): `<-` held at some time in the past window, `[-`
/// held throughout it, `<+` and `[+` the same towards the future. Windows are in days, `lo <= hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    PastSome,
    PastAlways,
    FutureSome,
    FutureAlways,
}

impl Metric {
    pub const ALL: [(&'static str, Metric); 4] = [
        ("<-", Metric::PastSome),
        ("[-", Metric::PastAlways),
        ("<+", Metric::FutureSome),
        ("[+", Metric::FutureAlways),
    ];

    pub fn symbol(self) -> &'static str {
        Metric::ALL.iter().find(|(_, m)| *m == self).map(|(s, _)| *s).unwrap_or("<-")
    }
}

/// Allen's thirteen relations between two closed-open intervals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allen {
    Before,
    After,
    Meets,
    MetBy,
    Overlaps,
    OverlappedBy,
    During,
    Contains,
    Starts,
    StartedBy,
    Finishes,
    FinishedBy,
    Equals,
}

impl Allen {
    pub const ALL: [(&'static str, Allen); 13] = [
        ("before", Allen::Before),
        ("after", Allen::After),
        ("meets", Allen::Meets),
        ("met_by", Allen::MetBy),
        ("overlaps", Allen::Overlaps),
        ("overlapped_by", Allen::OverlappedBy),
        ("during", Allen::During),
        ("contains", Allen::Contains),
        ("starts", Allen::Starts),
        ("started_by", Allen::StartedBy),
        ("finishes", Allen::Finishes),
        ("finished_by", Allen::FinishedBy),
        ("equals", Allen::Equals),
    ];
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Pos(Atom),
    Neg(Atom),
    Cmp {
        left: Term,
        op: CmpOp,
        right: Term,
        span: Span,
    },
    /// A comparison with arithmetic on at least one side: `D = S + 30`, `E - S > 14`.
    Calc {
        left: Expr,
        op: CmpOp,
        right: Expr,
        span: Span,
    },
    /// `<-[0d, 14d] p(X)` and the other metric operators.
    Metric {
        op: Metric,
        lo: i32,
        hi: i32,
        atom: Atom,
        span: Span,
    },
    /// `p(X) @ [S, E)`: binds S and E to each maximal interval of p(X), whatever the day.
    Timed {
        atom: Atom,
        from: Term,
        to: Term,
        span: Span,
    },
    /// `[S1, E1) during [S2, E2)`: an Allen relation between two intervals given by their bounds.
    Allen {
        left: (Term, Term),
        rel: Allen,
        right: (Term, Term),
        span: Span,
    },
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
    pub source: Symbol,
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

/// An aggregate asked over time: `N = count : { body }` or `S = sum X : { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregate {
    pub result: Symbol,
    pub function: AggregateFn,
    /// The variable summed, or minimised / maximised (none for count).
    pub over: Option<Symbol>,
    pub body: Vec<Literal>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggregateFn {
    Count,
    Sum,
    Min,
    Max,
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
    /// Set for aggregate queries; `body` is then the aggregate's body.
    pub aggregate: Option<Aggregate>,
    pub time: QueryTime,
    /// `as known DATE`: answer with only what was published by then.
    pub as_known: Option<Day>,
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
    Sym(Symbol),
    Str(String),
    Int(i64),
    Date(Day),
    List(Vec<FieldValue>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: Symbol,
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
    pub name: Symbol,
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
    pub name: Symbol,
    pub params: Vec<Symbol>,
    pub meaning: String,
    pub span: Span,
}

/// `as known 2021-09-01.` (or `as known now.`): the "as known" day of the following queries.
#[derive(Clone, Debug, PartialEq)]
pub struct AsKnown {
    pub day: Option<Day>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    AsKnown(AsKnown),
    Fact(Fact),
    Rule(Rule),
    Query(Query),
    Why(Why),
    Record(Record),
    Pred(PredDecl),
}

impl Statement {
    /// Where the statement stands in its text.
    pub fn span(&self) -> Span {
        match self {
            Statement::AsKnown(s) => s.span,
            Statement::Fact(s) => s.span,
            Statement::Rule(s) => s.span,
            Statement::Query(s) => s.span,
            Statement::Why(s) => s.span,
            Statement::Record(s) => s.span,
            Statement::Pred(s) => s.span,
        }
    }
}
