//! Body literals: atoms (optionally timed), negations, comparisons, metric operators and Allen relations. Kept
//! apart from `term` because literals use expressions and expressions use terms: each file depends only on the
//! files below it.

use super::ast::*;
use super::keywords::Keyword;
use super::lexeme::*;
use super::term::{at_token, atom, span_from, term};
use crate::diag::Code;
use nom::branch::alt;
use nom::combinator::{map, opt};
use nom::multi::separated_list1;
use nom::sequence::preceded;
use nom::Err;

/// `14d` or `14`: a duration in days.
fn days(input: Input) -> PResult<i32> {
    let (rest, n) = integer(input)?;
    let (rest, _) = opt(nom::character::complete::char('d'))(rest)?;
    match i32::try_from(n) {
        Ok(n) if n >= 0 => Ok((rest, n)),
        _ => Err(Err::Failure(PErr::text(&input, Code::BadNumber, "a window bound is a number of days, 0 or more"))),
    }
}

/// `<-[0d, 14d] p(X)`, `[-[0d, 30d] p(X)`, `<+[..]`, `[+[..]`.
fn metric(input: Input) -> PResult<Literal> {
    let (input, start) = at_token(input)?;
    let (rest, op) = alt((
        map(sym("<-"), |_| Metric::PastSome),
        map(sym("[-"), |_| Metric::PastAlways),
        map(sym("<+"), |_| Metric::FutureSome),
        map(sym("[+"), |_| Metric::FutureAlways),
    ))(input)?;
    let (rest, _) = nom::combinator::cut(expect("`[` and a window such as [0d, 14d]", sym("[")))(rest)?;
    let (rest, lo) = nom::combinator::cut(expect("a number of days", days))(rest)?;
    let (rest, _) = nom::combinator::cut(expect("`,`", sym(",")))(rest)?;
    let (rest, hi) = nom::combinator::cut(expect("a number of days", days))(rest)?;
    let (rest, _) = nom::combinator::cut(expect("`]`", sym("]")))(rest)?;
    let (rest, atom) = nom::combinator::cut(expect("an atom", atom))(rest)?;
    if lo > hi {
        return Err(Err::Failure(PErr::text(
            &start,
            Code::EmptyInterval,
            "the window's first bound is after its second",
        )));
    }
    Ok((rest, Literal::Metric { op, lo, hi, atom, span: span_from(&start, &rest) }))
}

/// `[S, E)`: an interval given by two terms (variables or dates).
fn bounds(input: Input) -> PResult<(Term, Term)> {
    let (rest, _) = sym("[")(input)?;
    let (rest, from) = term(rest)?;
    let (rest, _) = sym(",")(rest)?;
    let (rest, to) = term(rest)?;
    let (rest, _) = sym(")")(rest)?;
    Ok((rest, (from, to)))
}

fn allen(input: Input) -> PResult<Literal> {
    let (input, start) = at_token(input)?;
    let (rest, left) = bounds(input)?;
    let (after, word) = name(rest)?;
    let Some((_, rel)) = Allen::ALL.iter().find(|(n, _)| n == word.fragment()) else {
        return Err(Err::Failure(PErr::new(&word, Code::Syntax, What::Expected("an Allen relation (before, meets, overlaps, during, starts, finishes, equals, or an inverse such as met_by)"))));
    };
    let (rest, right) = nom::combinator::cut(expect("an interval `[S, E)`", bounds))(after)?;
    Ok((rest, Literal::Allen { left, rel: *rel, right, span: span_from(&start, &rest) }))
}

fn is_variable(term: &Term) -> bool {
    matches!(term.kind, TermKind::Var(_) | TermKind::Wildcard)
}

/// An atom, optionally `@ [S, E)` with variables, which binds the bounds of each of its maximal intervals.
fn timed_or_plain(input: Input) -> PResult<Literal> {
    let (input, start) = at_token(input)?;
    let (rest, atom) = atom(input)?;
    let binding = nom::sequence::preceded(sym("@"), bounds);
    match opt(binding)(rest)? {
        (after, Some((from, to))) if is_variable(&from) && is_variable(&to) => {
            Ok((after, Literal::Timed { atom, from, to, span: span_from(&start, &after) }))
        }
        _ => Ok((rest, Literal::Pos(atom))),
    }
}

/// One body literal: a metric atom, an Allen relation, a comparison, `not atom`, or an atom (interval-bound or not).
pub fn literal(input: Input) -> PResult<Literal> {
    alt((
        metric,
        allen,
        |i| super::expr::comparison(body, i),
        map(preceded(keyword(Keyword::Not), expect("an atom after `not`", atom)), Literal::Neg),
        timed_or_plain,
    ))(input)
}

/// A rule or query body: one literal or more, separated by commas.
pub fn body(input: Input) -> PResult<Vec<Literal>> {
    separated_list1(sym(","), expect("an atom or a comparison", literal))(input)
}
