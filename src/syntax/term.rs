//! Terms, atoms, literals and time annotations.

use super::ast::*;
use super::lexeme::*;
use crate::diag::Code;
use crate::time::{Day, Interval};
use crate::value::Value;
use nom::branch::alt;
use nom::combinator::{map, opt};
use nom::multi::separated_list1;
use nom::sequence::{delimited, preceded};
use nom::Err;
use ustr::Ustr;

pub fn span_from(start: &Input, end: &Input) -> Span {
    Span { start: start.location_offset(), end: end.location_offset() }
}

/// The span of the next token after white space: for errors and for spans that start at a token.
fn at_token(input: Input) -> PResult<Input> {
    let (input, _) = ws(input)?;
    Ok((input, input))
}

pub fn term(input: Input) -> PResult<Term> {
    let (input, start) = at_token(input)?;
    let (rest, kind) = alt((
        map(date, |d| TermKind::Const(Value::Date(d))),
        map(integer, |n| TermKind::Const(Value::Int(n))),
        map(string, |s| TermKind::Const(Value::sym(&s))),
        map(name, |n| TermKind::Const(Value::sym(n.fragment()))),
        map(variable, |v| match *v.fragment() {
            "_" => TermKind::Wildcard,
            text => TermKind::Var(Ustr::from(text)),
        }),
    ))(input)?;
    Ok((rest, Term { kind, span: span_from(&start, &rest) }))
}

pub fn atom(input: Input) -> PResult<Atom> {
    let (input, start) = at_token(input)?;
    let (rest, pred) = name(input)?;
    // After `(` the arguments are certain: a failure inside is the writer's mistake, not another reading.
    let args = delimited(
        sym("("),
        nom::combinator::cut(separated_list1(sym(","), expect("a term", term))),
        nom::combinator::cut(expect("`,` or `)`", sym(")"))),
    );
    let (rest, args) = opt(args)(rest)?;
    Ok((rest, Atom { pred: Ustr::from(pred.fragment()), args: args.unwrap_or_default(), span: span_from(&start, &rest) }))
}

fn cmp_op(input: Input) -> PResult<CmpOp> {
    alt((
        map(sym("!="), |_| CmpOp::Ne),
        map(sym("<="), |_| CmpOp::Le),
        map(sym(">="), |_| CmpOp::Ge),
        map(sym("<"), |_| CmpOp::Lt),
        map(sym(">"), |_| CmpOp::Gt),
        map(sym("="), |_| CmpOp::Eq),
    ))(input)
}

fn comparison(input: Input) -> PResult<Literal> {
    let (input, start) = at_token(input)?;
    let (rest, left) = term(input)?;
    let (rest, op) = cmp_op(rest)?;
    let (rest, right) = expect("a term", term)(rest)?;
    Ok((rest, Literal::Cmp { left, op, right, span: span_from(&start, &rest) }))
}

pub fn literal(input: Input) -> PResult<Literal> {
    alt((
        comparison,
        map(preceded(keyword("not"), expect("an atom after `not`", atom)), Literal::Neg),
        map(atom, Literal::Pos),
    ))(input)
}

pub fn body(input: Input) -> PResult<Vec<Literal>> {
    separated_list1(sym(","), expect("an atom or a comparison", literal))(input)
}

fn bound(input: Input) -> PResult<Option<Day>> {
    alt((map(sym(".."), |_| None), map(date, Some)))(input)
}

/// `[a, b)` or `[a, b]` with `..` for an open end; an interval holding no day is a fatal `empty-interval` error.
pub fn interval(input: Input) -> PResult<Interval> {
    let (input, start) = at_token(input)?;
    let (rest, _) = sym("[")(input)?;
    let (rest, from) = expect("a date or `..`", bound)(rest)?;
    let (rest, _) = expect("`,`", sym(","))(rest)?;
    let (rest, to) = expect("a date or `..`", bound)(rest)?;
    let (rest, closed) = expect("`)` or `]`", alt((map(sym(")"), |_| false), map(sym("]"), |_| true))))(rest)?;
    let from = from.unwrap_or(Day::MIN);
    let to = match to {
        Some(day) if closed => day.succ(),
        Some(day) => day,
        None => Day::MAX,
    };
    match Interval::new(from, to) {
        Some(interval) => Ok((rest, interval)),
        None => Err(Err::Failure(PErr {
            offset: start.location_offset(),
            end: Some(rest.location_offset()),
            code: Code::EmptyInterval,
            what: What::Text("this interval ends before it starts, so it holds on no day".into()),
        })),
    }
}

/// `@ day`, `@ [a, b)`, `from day` or `until day` after a fact.
pub fn fact_time(input: Input) -> PResult<(FactTime, Span)> {
    let (input, start) = at_token(input)?;
    let (rest, time) = alt((
        preceded(
            sym("@"),
            expect(
                "a date or an interval",
                alt((map(interval, FactTime::During), map(date, |d| FactTime::During(Interval::day(d))))),
            ),
        ),
        map(preceded(keyword("from"), expect("a date", date)), FactTime::From),
        map(preceded(keyword("until"), expect("a date", date)), FactTime::Until),
    ))(input)?;
    Ok((rest, (time, span_from(&start, &rest))))
}

fn basis(input: Input) -> PResult<Basis> {
    let (rest, word) = name(input)?;
    match Basis::ALL.iter().find(|(n, _)| n == word.fragment()) {
        Some((_, b)) => Ok((rest, *b)),
        None => Err(Err::Failure(PErr::new(
            &word,
            Code::Syntax,
            What::Expected("a basis: effective, decision, published, snapshot, stated or inferred"),
        ))),
    }
}

fn cite(input: Input) -> PResult<Cite> {
    let (input, start) = at_token(input)?;
    let (rest, source) = expect("a source name", name)(input)?;
    let (rest, quote) = opt(string)(rest)?;
    let (rest, basis) = opt(preceded(keyword("basis"), expect("a basis", basis)))(rest)?;
    let span = span_from(&start, &rest);
    Ok((rest, Cite { source: Ustr::from(source.fragment()), quote, basis: basis.unwrap_or(Basis::Effective), span }))
}

/// `cite s1 "quote" basis decision, s2 "quote"`.
pub fn citation(input: Input) -> PResult<Vec<Cite>> {
    preceded(keyword("cite"), separated_list1(sym(","), cite))(input)
}
