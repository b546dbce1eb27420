//! The spanned syntax tree: what was written, with byte spans, and no meaning attached yet.

use crate::symbol::Symbol;
use crate::time::{Day, Interval};
use crate::value::Value;

pub use crate::diag::Span;

/// What a term is: a variable, `_`, or a constant.
#[derive(Clone, Debug, PartialEq)]
pub enum TermKind {
    /// A named variable (upper case or `_Name`).
    Var(Symbol),
    /// `_`: a fresh variable at each occurrence.
    Wildcard,
    /// A constant: a symbol, string, integer or date.
    Const(Value),
}

/// An argument of an atom, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// What the term is.
    pub kind: TermKind,
    /// Where the term was written.
    pub span: Span,
}

/// `pred(args...)`: a predicate applied to terms; `p` alone has no arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Atom {
    /// The predicate's name.
    pub pred: Symbol,
    /// The arguments, in order; empty for a nullary atom.
    pub args: Vec<Term>,
    /// Where the atom was written, predicate and arguments.
    pub span: Span,
}

/// A comparison operator between terms or expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// An arithmetic operator: `+`, `-`, `*`, `/` (truncating towards zero) or `mod` (the remainder, with the sign
/// of the dividend). `%` is the comment sign, never an operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`: integer division, truncating towards zero.
    Div,
    /// `mod`: the remainder of `/`, with the sign of the dividend.
    Mod,
}

impl ArithOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
            ArithOp::Mod => "mod",
        }
    }

    /// How tightly the operator binds: `*`, `/` and `mod` before `+` and `-`.
    pub fn precedence(self) -> u8 {
        match self {
            ArithOp::Add | ArithOp::Sub => 1,
            ArithOp::Mul | ArithOp::Div | ArithOp::Mod => 2,
        }
    }
}

/// What an arithmetic expression is: a term, a negation, an operation on two expressions, or an aggregate.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A variable or a constant.
    Term(Term),
    /// `-E`: unary minus.
    Neg(Box<Expr>),
    /// `A op B`.
    Bin(Box<Expr>, ArithOp, Box<Expr>),
    /// `count : { body }`, `sum X : { body }`...: the aggregate's value, per group and day.
    Agg(Box<AggregateCall>),
}

/// `S + 30`, `(E - S) * 2`, `-N`, `count : { p(X) }`: an arithmetic expression, with the usual precedence (unary
/// minus, then `*`, `/`, `mod`, then `+`, `-`, each left to right) and parentheses.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where the whole expression was written.
    pub span: Span,
}

impl Expr {
    /// The term of an expression that is a lone term.
    pub fn as_term(&self) -> Option<&Term> {
        match &self.kind {
            ExprKind::Term(t) => Some(t),
            _ => None,
        }
    }

    /// Every term of the expression outside aggregates, left to right.
    pub fn terms(&self) -> Vec<&Term> {
        let mut out = Vec::new();
        self.visit(&mut |e| {
            if let ExprKind::Term(t) = &e.kind {
                out.push(t);
            }
        });
        out
    }

    /// The aggregates of the expression (not those nested inside them), left to right.
    pub fn aggregates(&self) -> Vec<&AggregateCall> {
        let mut out = Vec::new();
        self.visit(&mut |e| {
            if let ExprKind::Agg(a) = &e.kind {
                out.push(a.as_ref());
            }
        });
        out
    }

    fn visit<'e>(&'e self, f: &mut dyn FnMut(&'e Expr)) {
        f(self);
        match &self.kind {
            ExprKind::Term(_) | ExprKind::Agg(_) => {}
            ExprKind::Neg(e) => e.visit(f),
            ExprKind::Bin(a, _, b) => {
                a.visit(f);
                b.visit(f);
            }
        }
    }

    /// The expression as written, normalised: `S + 30`, `(A + B) * 2`.
    pub fn show(&self) -> String {
        self.show_in(0)
    }

    fn show_in(&self, outer: u8) -> String {
        match &self.kind {
            ExprKind::Term(t) => t.show(),
            ExprKind::Neg(e) => format!("-{}", e.show_in(3)),
            ExprKind::Agg(a) => a.show(),
            ExprKind::Bin(a, op, b) => {
                let p = op.precedence();
                let text = format!("{} {} {}", a.show_in(p), op.symbol(), b.show_in(p + 1));
                if p < outer {
                    format!("({text})")
                } else {
                    text
                }
            }
        }
    }
}

/// An aggregate used as a value inside a rule or query body: `count : { body }`, `sum E : { body }`, `min E : {
/// body }`, `max E : { body }`. Its value is a step function of the day, per group (the variables it shares with
/// the rest of the rule).
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateCall {
    /// Which aggregate.
    pub function: AggregateFn,
    /// The expression summed, minimised or maximised (none for count).
    pub over: Option<Expr>,
    /// The literals whose bindings are aggregated.
    pub body: Vec<Literal>,
    /// Where the aggregate was written.
    pub span: Span,
}

impl AggregateCall {
    /// The aggregate as written, on one line.
    pub fn show(&self) -> String {
        let over = self.over.as_ref().map(|e| format!(" {}", e.show())).unwrap_or_default();
        format!("{}{over} : {{ ... }}", self.function.name())
    }
}

impl Term {
    /// The term as written: a variable's name, `_`, or the constant.
    pub fn show(&self) -> String {
        match &self.kind {
            TermKind::Var(v) => v.to_string(),
            TermKind::Wildcard => "_".to_string(),
            TermKind::Const(c) => c.to_string(),
        }
    }
}

/// The metric temporal operators (Google Mangle's notation): `<-` held at some time in the past window, `[-`
/// held throughout it, `<+` and `[+` the same towards the future. Windows are in days, `lo <= hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// `<-`: held on some day of the past window.
    PastSome,
    /// `[-`: held on every day of the past window.
    PastAlways,
    /// `<+`: held on some day of the future window.
    FutureSome,
    /// `[+`: held on every day of the future window.
    FutureAlways,
}

impl Metric {
    /// Each operator as written, with its meaning.
    pub const ALL: [(&'static str, Metric); 4] = [
        ("<-", Metric::PastSome),
        ("[-", Metric::PastAlways),
        ("<+", Metric::FutureSome),
        ("[+", Metric::FutureAlways),
    ];

    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        Metric::ALL.iter().find(|(_, m)| *m == self).map(|(s, _)| *s).unwrap_or("<-")
    }
}

/// Allen's thirteen relations between two closed-open intervals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allen {
    /// The left interval ends before the right one starts, at least one day between them: `e1 < s2`.
    Before,
    /// The left interval starts after the right one ends (the converse of `Before`).
    After,
    /// The left interval ends exactly where the right one starts: `e1 = s2`.
    Meets,
    /// The right interval ends exactly where the left one starts (the converse of `Meets`).
    MetBy,
    /// They overlap, the left one starting and ending first.
    Overlaps,
    /// They overlap, the right one starting and ending first (the converse of `Overlaps`).
    OverlappedBy,
    /// The left interval lies strictly inside the right one (both ends differ).
    During,
    /// The right interval lies strictly inside the left one (the converse of `During`).
    Contains,
    /// Same start, the left interval ending first.
    Starts,
    /// Same start, the right interval ending first (the converse of `Starts`).
    StartedBy,
    /// Same end, the left interval starting later.
    Finishes,
    /// Same end, the right interval starting later (the converse of `Finishes`).
    FinishedBy,
    /// Same start and same end.
    Equals,
}

impl Allen {
    /// Each relation as written (`met_by`, `overlapped_by`...), with its meaning.
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

/// One literal of a rule or query body.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// An atom that must hold.
    Pos(Atom),
    /// `not p(...)`: an atom that must not hold (its validity is subtracted).
    Neg(Atom),
    /// A comparison of two plain terms: `X != Y`, `D < 2021-12-01`.
    Cmp {
        /// The left-hand term.
        left: Term,
        /// The operator.
        op: CmpOp,
        /// The right-hand term.
        right: Term,
        /// Where the comparison was written.
        span: Span,
    },
    /// A comparison with arithmetic (or an aggregate) on at least one side: `D = S + 30`, `E - S > 14`,
    /// `N = count : { p(X) }`.
    Calc {
        /// The left-hand expression.
        left: Expr,
        /// The operator.
        op: CmpOp,
        /// The right-hand expression.
        right: Expr,
        /// Where the comparison was written.
        span: Span,
    },
    /// `<-[0d, 14d] p(X)` and the other metric operators.
    Metric {
        /// Which of the four operators.
        op: Metric,
        /// The near end of the window, in days (`lo <= hi`).
        lo: i32,
        /// The far end of the window, in days, included.
        hi: i32,
        /// The atom the operator looks at.
        atom: Atom,
        /// Where the literal was written, operator included.
        span: Span,
    },
    /// `p(X) @ [S, E)`: binds S and E to each maximal interval of p(X), whatever the day.
    Timed {
        /// The atom whose intervals are bound.
        atom: Atom,
        /// Bound to the first day of each maximal interval (included).
        from: Term,
        /// Bound to the first day after each maximal interval (excluded).
        to: Term,
        /// Where the literal was written.
        span: Span,
    },
    /// `[S1, E1) during [S2, E2)`: an Allen relation between two intervals given by their bounds.
    Allen {
        /// The left interval as its start and end terms, `[start, end)`.
        left: (Term, Term),
        /// The relation the two intervals must stand in.
        rel: Allen,
        /// The right interval as its start and end terms, `[start, end)`.
        right: (Term, Term),
        /// Where the literal was written.
        span: Span,
    },
}

impl Literal {
    /// The atoms the literal reads, those inside aggregates included, in the order written.
    pub fn atoms(&self) -> Vec<&Atom> {
        match self {
            Literal::Pos(a) | Literal::Neg(a) | Literal::Metric { atom: a, .. } | Literal::Timed { atom: a, .. } => {
                vec![a]
            }
            Literal::Calc { left, right, .. } => [left, right]
                .into_iter()
                .flat_map(|e| e.aggregates())
                .flat_map(|agg| agg.body.iter().flat_map(Literal::atoms).collect::<Vec<_>>())
                .collect(),
            Literal::Cmp { .. } | Literal::Allen { .. } => Vec::new(),
        }
    }

    /// Every term the literal holds, those inside aggregates included, in the order written.
    pub fn terms(&self) -> Vec<&Term> {
        match self {
            Literal::Pos(a) | Literal::Neg(a) | Literal::Metric { atom: a, .. } => a.args.iter().collect(),
            Literal::Timed { atom, from, to, .. } => atom.args.iter().chain([from, to]).collect(),
            Literal::Cmp { left, right, .. } => vec![left, right],
            Literal::Calc { left, right, .. } => {
                let mut out = Vec::new();
                for side in [left, right] {
                    out.extend(side.terms());
                    for agg in side.aggregates() {
                        out.extend(agg.over.iter().flat_map(Expr::terms));
                        out.extend(agg.body.iter().flat_map(Literal::terms));
                    }
                }
                out
            }
            Literal::Allen { left, right, .. } => vec![&left.0, &left.1, &right.0, &right.1],
        }
    }
}

/// Where a fact's time comes from: an explicit set of days, or an event that starts or ends it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FactTime {
    /// No time given: the fact holds on every day.
    Always,
    /// `@ day` or `@ [a, b)` (a closed `[a, b]` is converted): exactly those days, not cut by events.
    During(Interval),
    /// `from day`: an event that starts the fact on that day; paired by the loader with the next end.
    From(Day),
    /// `until day`: an event that ends the fact, the day itself excluded; paired with the start before it.
    Until(Day),
}

impl FactTime {
    /// The time as the language writes it after an atom: `from D`, `until D`, `@ D` for one day, `@ [A, B)`;
    /// empty for a fact with no time. The one home of a fact's time as text: the REPL's notes, drafts, proof trees
    /// and the linter's findings all write it so.
    pub fn text(&self) -> String {
        match self {
            FactTime::Always => String::new(),
            FactTime::From(d) => format!("from {d}"),
            FactTime::Until(d) => format!("until {d}"),
            FactTime::During(i) if i.len_days() == Some(1) => format!("@ {}", i.from),
            FactTime::During(i) => format!("@ {i}"),
        }
    }
}

/// Where a cited fact's start date comes from (`basis` in a citation); the loader and the linter weigh starts by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// The text gives the effective date (the default).
    Effective,
    /// The date of the decision; yields to a later start that the text dates by its effect.
    Decision,
    /// The article's own date, for lack of another.
    Published,
    /// The first list (a `snapshot` claim) that shows the member.
    Snapshot,
    /// A period the text states.
    Stated,
    /// The encoder's reading, explained in a comment.
    Inferred,
}

impl Basis {
    /// Each basis as written after `basis`.
    pub const ALL: [(&'static str, Basis); 6] = [
        ("effective", Basis::Effective),
        ("decision", Basis::Decision),
        ("published", Basis::Published),
        ("snapshot", Basis::Snapshot),
        ("stated", Basis::Stated),
        ("inferred", Basis::Inferred),
    ];

    /// The basis as written.
    pub fn name(self) -> &'static str {
        Basis::ALL.iter().find(|(_, b)| *b == self).map(|(n, _)| *n).unwrap_or("effective")
    }
}

/// `cite SRC "quote" basis B`: one source a fact rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct Cite {
    /// The cited source's name (a `source` record).
    pub source: Symbol,
    /// The verbatim quote from the source; `None` only for reference sources.
    pub quote: Option<String>,
    /// Where the start date comes from; `Effective` when not written.
    pub basis: Basis,
    /// Where the citation was written.
    pub span: Span,
}

/// A fact statement: an atom, when it holds, and what it cites.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// The fact; its arguments are all constants.
    pub atom: Atom,
    /// When the fact holds, or the event it is.
    pub time: FactTime,
    /// Where the time (or event) was written; `Span::default()` when none was.
    pub time_span: Span,
    /// The citations, from the statement itself and from an enclosing `cite ... { }` block.
    pub cites: Vec<Cite>,
    /// Where the whole statement was written.
    pub span: Span,
}

/// `head :- body.`
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// The atom the rule derives.
    pub head: Atom,
    /// The literals that must all hold, in the order written.
    pub body: Vec<Literal>,
    /// Where the rule was written.
    pub span: Span,
}

/// An aggregate asked over time: `N = count : { body }` or `S = sum X : { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregate {
    /// The variable the aggregate's value is bound to.
    pub result: Symbol,
    /// Which aggregate.
    pub function: AggregateFn,
    /// The variable summed, or minimised / maximised (none for count).
    pub over: Option<Symbol>,
    /// The literals whose answers are aggregated, day by day.
    pub body: Vec<Literal>,
}

/// Which aggregate an aggregate query computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggregateFn {
    /// `count`: the number of distinct answers.
    Count,
    /// `sum X`: the sum of `X` over distinct answers.
    Sum,
    /// `min X`: the least `X`.
    Min,
    /// `max X`: the greatest `X`.
    Max,
}

impl AggregateFn {
    /// Whether the aggregate's value has the type of what it ranges over (min, max), rather than being a number.
    pub fn keeps_type(self) -> bool {
        matches!(self, AggregateFn::Min | AggregateFn::Max)
    }

    /// The aggregate's keyword.
    pub fn name(self) -> &'static str {
        match self {
            AggregateFn::Count => "count",
            AggregateFn::Sum => "sum",
            AggregateFn::Min => "min",
            AggregateFn::Max => "max",
        }
    }
}

/// When a query asks about: one day, a period, or every day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum QueryTime {
    /// `@ day`: answers holding on that day.
    At(Day),
    /// `@ [a, b)`: answers holding somewhere in the period, restricted to it.
    During(Interval),
    /// No time: every interval where each answer holds.
    When,
}

/// `?- body @ time.`: a question to answer from the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// The literals that answers must satisfy.
    pub body: Vec<Literal>,
    /// Set for aggregate queries; `body` is then the aggregate's body.
    pub aggregate: Option<Aggregate>,
    /// When the answers must hold.
    pub time: QueryTime,
    /// `as known DATE`: answer with only what was published by then.
    pub as_known: Option<Day>,
    /// The query as written, for output headers and JSON.
    pub text: String,
    /// Where the query was written.
    pub span: Span,
}

/// `why p(a) @ day.` or `why not p(a) @ day.`: a request for the proof (or the reasons it fails).
#[derive(Clone, Debug, PartialEq)]
pub struct Why {
    /// The fact asked about.
    pub atom: Atom,
    /// The day asked about.
    pub day: Day,
    /// True for `why not`.
    pub negated: bool,
    /// Where the statement was written.
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

/// The value of a record field.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    /// A name: `source: s001_l1`, `about: direct_flight`.
    Sym(Symbol),
    /// A quoted string, unescaped.
    Str(String),
    /// An integer.
    Int(i64),
    /// A date.
    Date(Day),
    /// `[a, b, ...]`: a list, in the order written.
    List(Vec<FieldValue>),
}

/// `name: value` in a record.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The field's name.
    pub name: Symbol,
    /// The field's value.
    pub value: FieldValue,
    /// Where the field was written, name and value.
    pub span: Span,
}

/// The two kinds of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// `source NAME { ... }`: an article or page of the corpus, or a reference table.
    Source,
    /// `claim NAME { ... }`: what a source asserts about a list or a count.
    Claim,
}

/// `source NAME { ... }.` or `claim NAME { ... }.`: fields checked later by the record checker.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Source or claim.
    pub kind: RecordKind,
    /// The record's name, which citations and claims refer to.
    pub name: Symbol,
    /// The fields, in the order written.
    pub fields: Vec<Field>,
    /// Where the record was written.
    pub span: Span,
}

impl Record {
    /// The first field called `name`, if any.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name.as_str() == name)
    }
}

/// `pred NAME(ARGS) "meaning".`: a predicate's arity and meaning.
#[derive(Clone, Debug, PartialEq)]
pub struct PredDecl {
    /// The predicate's name.
    pub name: Symbol,
    /// The argument names: documentation only, their number is the arity.
    pub params: Vec<Symbol>,
    /// What the predicate means, as written (unescaped).
    pub meaning: String,
    /// Where the declaration was written.
    pub span: Span,
}

/// `as known 2021-09-01.` (or `as known now.`): the "as known" day of the following queries.
#[derive(Clone, Debug, PartialEq)]
pub struct AsKnown {
    /// The day; `None` for `as known now` (no restriction).
    pub day: Option<Day>,
    /// Where the statement was written.
    pub span: Span,
}

/// One statement of a program, as parsed.
#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    /// `as known DAY.`
    AsKnown(AsKnown),
    /// A fact.
    Fact(Fact),
    /// A rule.
    Rule(Rule),
    /// A query.
    Query(Query),
    /// `why` or `why not`.
    Why(Why),
    /// A source or claim record.
    Record(Record),
    /// A predicate declaration.
    Pred(PredDecl),
    /// A declaration about predicates: `settled`, `open`, `functional`, `constraint`, `regime`.
    Declare(Declaration),
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
            Statement::Declare(s) => s.span,
        }
    }
}

/// `settled direct_flight from 2020-08-28.`: from that day on (or on those days), the absence of a tuple of the
/// predicate means it does not hold. Outside the settled days, silence is unknown.
#[derive(Clone, Debug, PartialEq)]
pub struct Settled {
    /// The predicate.
    pub pred: Symbol,
    /// Where its name was written.
    pub pred_span: Span,
    /// The settled days: `from D`, `until D` (everything before D) or `@ INTERVAL`.
    pub time: FactTime,
    /// Where the time was written.
    pub time_span: Span,
}

/// `open visa_free_stay_days(ru, _).` (or with a body, `open p(C, _) :- body.`): for tuples matching the
/// pattern (on the days the body holds), silence is never "no".
#[derive(Clone, Debug, PartialEq)]
pub struct Open {
    /// The pattern: constants, `_`, and variables the body binds.
    pub atom: Atom,
    /// The body binding the pattern's variables; empty for a pattern that is always open.
    pub body: Vec<Literal>,
}

/// `functional issue_term(Doc, Cond, N, Unit) key (Doc, Cond).`: one value per key; a later start of a different
/// value ends the earlier one on that day.
#[derive(Clone, Debug, PartialEq)]
pub struct Functional {
    /// The predicate with one variable per argument.
    pub atom: Atom,
    /// The key's variables, each one of the atom's.
    pub key: Vec<Term>,
}

/// `constraint NAME :- body.`: a denial. The body must hold for no binding on any day; `tkb lint` reports each
/// violation with the proofs of its premises.
#[derive(Clone, Debug, PartialEq)]
pub struct Constraint {
    /// The constraint's name, which findings print.
    pub name: Symbol,
    /// The literals that must never hold together.
    pub body: Vec<Literal>,
    /// The body as written, for messages.
    pub text: String,
}

/// `regime idc_regime: entry_restricted, idc_permission_required_for.`: the predicates that are measures of a
/// regime (a nullary predicate); the linter reports a measure still in force after its regime ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Regime {
    /// The regime's predicate.
    pub regime: Symbol,
    /// The measures, each with where it was written.
    pub measures: Vec<(Symbol, Span)>,
}

/// What a declaration declares.
#[derive(Clone, Debug, PartialEq)]
pub enum DeclarationKind {
    /// `settled p from D.`
    Settled(Settled),
    /// `open p(a, _).`
    Open(Open),
    /// `functional p(A, B) key (A).`
    Functional(Functional),
    /// `constraint name :- body.`
    Constraint(Constraint),
    /// `regime r: p, q.`
    Regime(Regime),
}

/// A declaration about predicates, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Declaration {
    /// What it declares.
    pub kind: DeclarationKind,
    /// Where the whole statement was written.
    pub span: Span,
}
