//! Terms, atoms, time annotations and citations: the pieces literals and statements are made of.

use super::ast::*;
use super::keywords::Keyword;
use super::lexeme::*;
use crate::diag::Code;
use crate::symbol::Symbol;
use crate::time::{Day, Interval};
use crate::value::Value;
use nom::branch::alt;
use nom::combinator::{cut, map, opt};
use nom::multi::separated_list1;
use nom::sequence::{delimited, preceded};
use nom::Err;

/// The bytes between two positions of the input: `start` up to, not including, `end`.
pub fn span_from(start: &Input, end: &Input) -> Span {
    Span { start: start.location_offset(), end: end.location_offset() }
}

/// The span of the next token after white space: for errors and for spans that start at a token.
pub fn at_token(input: Input) -> PResult<Input> {
    let (input, _) = ws(input)?;
    Ok((input, input))
}

/// A term: a date, an integer, a string or a name (constants), or a variable (`_` the wildcard).
pub fn term(input: Input) -> PResult<Term> {
    let (input, start) = at_token(input)?;
    let (rest, kind) = alt((
        map(date, |d| TermKind::Const(Value::Date(d))),
        map(integer, |n| TermKind::Const(Value::Int(n))),
        map(string, |s| TermKind::Const(Value::sym(&s))),
        map(name, |n| TermKind::Const(Value::sym(n.fragment()))),
        map(variable, |v| match *v.fragment() {
            "_" => TermKind::Wildcard,
            text => TermKind::Var(Symbol::from(text)),
        }),
    ))(input)?;
    Ok((rest, Term { kind, span: span_from(&start, &rest) }))
}

/// An atom: a predicate name, then its arguments in parentheses unless it has none.
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
    Ok((
        rest,
        Atom { pred: Symbol::from(pred.fragment()), args: args.unwrap_or_default(), span: span_from(&start, &rest) },
    ))
}

fn bound(input: Input) -> PResult<Option<Day>> {
    alt((map(sym(".."), |_| None), map(day, Some)))(input)
}

/// `[a, b)` or `[a, b]` with `..` for an open end; an interval holding no day is a fatal `empty-interval` error.
pub fn interval(input: Input) -> PResult<Interval> {
    let (input, start) = at_token(input)?;
    let (rest, _) = sym("[")(input)?;
    let (rest, from) = expect("a date (YYYY-MM-DD) or `..`", bound)(rest)?;
    let (rest, _) = expect("`,`", sym(","))(rest)?;
    let (rest, to) = expect("a date (YYYY-MM-DD) or `..`", bound)(rest)?;
    let (rest, closed) = match alt((map(sym(")"), |_| false), map(sym("]"), |_| true)))(rest) {
        Ok(done) => done,
        Err(_) => return Err(Err::Failure(unclosed(&start, &rest))),
    };
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

/// An interval whose second bound is not followed by `)` or `]`: the error covers the interval from its bracket.
fn unclosed(start: &Input, at: &Input) -> PErr {
    let found = ws(*at).map_or(*at, |(next, ())| next);
    let message = format!(
        "this interval is not closed: expected `)` or `]` after its second bound, found {}",
        describe(found.fragment())
    );
    PErr {
        offset: start.location_offset(),
        end: Some(at.location_offset()),
        code: Code::Syntax,
        what: What::Text(message),
    }
}

/// `@ day`, `@ [a, b)`, `from day` or `until day` after a fact. After the `@` or the keyword a time must follow,
/// so a failure there is the writer's mistake and is reported where it is.
pub fn fact_time(input: Input) -> PResult<(FactTime, Span)> {
    let (input, start) = at_token(input)?;
    let (rest, time) = alt((
        preceded(
            sym("@"),
            cut(expect(
                "a date (YYYY-MM-DD) or an interval",
                alt((map(interval, FactTime::During), map(day, |d| FactTime::During(Interval::day(d))))),
            )),
        ),
        map(preceded(keyword(Keyword::From), cut(expect("a date (YYYY-MM-DD)", day))), FactTime::From),
        map(preceded(keyword(Keyword::Until), cut(expect("a date (YYYY-MM-DD)", day))), FactTime::Until),
    ))(input)?;
    Ok((rest, (time, span_from(&start, &rest))))
}

fn basis(input: Input) -> PResult<Basis> {
    let (rest, word) = name(input)?;
    match Basis::ALL.iter().find(|(n, _)| n == word.fragment()) {
        Some((_, b)) => Ok((rest, *b)),
        None => Err(Err::Failure(PErr::text(
            &word,
            Code::Syntax,
            format!(
                "`{}` is not a basis: use effective, decision, published, snapshot, stated or inferred",
                shorten(word.fragment())
            ),
        ))),
    }
}

fn cite(input: Input) -> PResult<Cite> {
    let (input, start) = at_token(input)?;
    let (rest, source) = expect("a source name", name)(input)?;
    let (rest, quote) = opt(string)(rest)?;
    let (rest, basis) = opt(preceded(keyword(Keyword::Basis), expect("a basis", basis)))(rest)?;
    let span = span_from(&start, &rest);
    Ok((rest, Cite { source: Symbol::from(source.fragment()), quote, basis: basis.unwrap_or(Basis::Effective), span }))
}

/// `cite s1 "quote" basis decision, s2 "quote"`.
pub fn citation(input: Input) -> PResult<Vec<Cite>> {
    preceded(keyword(Keyword::Cite), cut(separated_list1(sym(","), cite)))(input)
}
