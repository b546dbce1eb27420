//! A time or `as known` in the wrong place: the statement is read again loosely (its parts in any order) so that
//! the error can say where the part must go and show the statement as it must be written. Only called once the
//! strict reading has failed, so a correct statement never pays for it.

use super::ast::{QueryTime, Span};
use super::keywords::Keyword;
use super::lexeme::*;
use super::literal::body;
use super::term::{atom, citation, fact_time};
use crate::diag::Code;
use nom::branch::alt;
use nom::combinator::map;
use nom::sequence::preceded;
use nom::Err;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Body,
    Time,
    Known,
}

/// One part of a loosely read query, by its byte range in the text.
struct Part {
    kind: Kind,
    span: Span,
}

fn query_time(input: Input) -> PResult<QueryTime> {
    alt((
        preceded(sym("@"), alt((map(super::term::interval, QueryTime::During), map(date, QueryTime::At)))),
        preceded(keyword(Keyword::During), map(super::term::interval, QueryTime::During)),
    ))(input)
}

fn as_known(input: Input) -> PResult<()> {
    let (rest, _) = keyword(Keyword::As)(input)?;
    let (rest, _) = keyword(Keyword::Known)(rest)?;
    alt((map(keyword(Keyword::Now), |_| ()), map(date, |_| ())))(rest)
}

/// Runs `parser` after white space and returns the span of what it read.
fn spanned<'a, T>(parser: impl FnMut(Input<'a>) -> PResult<'a, T>, input: Input<'a>) -> Option<(Input<'a>, Span)> {
    let (input, _) = ws(input).ok()?;
    let mut parser = parser;
    let (rest, _) = parser(input).ok()?;
    Some((rest, Span { start: input.location_offset(), end: rest.location_offset() }))
}

/// The parts of a query up to its full stop, in the order written; `None` when it does not read even loosely.
fn parts(mut rest: Input) -> Option<Vec<Part>> {
    let mut parts: Vec<Part> = Vec::new();
    loop {
        if !parts.is_empty() && sym(".")(rest).is_ok() {
            return Some(parts);
        }
        if let (false, Ok((after, _))) = (parts.is_empty(), sym(",")(rest)) {
            rest = after;
        }
        let has = |k: Kind| parts.iter().any(|p| p.kind == k);
        let (after, part) = if let Some((after, span)) = spanned(query_time, rest).filter(|_| !has(Kind::Time)) {
            (after, Part { kind: Kind::Time, span })
        } else if let Some((after, span)) = spanned(as_known, rest).filter(|_| !has(Kind::Known)) {
            (after, Part { kind: Kind::Known, span })
        } else {
            let (after, span) = spanned(body, rest)?;
            (after, Part { kind: Kind::Body, span })
        };
        parts.push(part);
        rest = after;
    }
}

/// The text of `span`, which lies in the statement that starts at `base`.
fn text_of<'a>(base: &Input<'a>, span: Span) -> &'a str {
    let offset = base.location_offset();
    let range = span.start.saturating_sub(offset)..span.end.saturating_sub(offset);
    base.fragment().get(range).unwrap_or("").trim()
}

fn failure(span: Span, message: String) -> Err<PErr> {
    Err::Failure(PErr { offset: span.start, end: Some(span.end), code: Code::MisplacedTime, what: What::Text(message) })
}

/// The query as it must be written: its bodies joined, then the time, then `as known`.
fn in_order(base: &Input, parts: &[Part]) -> String {
    let bodies: Vec<&str> = parts.iter().filter(|p| p.kind == Kind::Body).map(|p| text_of(base, p.span)).collect();
    let mut fixed = format!("?- {}", bodies.join(", "));
    for kind in [Kind::Time, Kind::Known] {
        if let Some(part) = parts.iter().find(|p| p.kind == kind) {
            fixed = format!("{fixed} {}", text_of(base, part.span));
        }
    }
    fixed
}

/// The first part that stands before one it must follow: a time or `as known` before a body, `as known` before
/// the time.
fn misplaced(parts: &[Part]) -> Option<&Part> {
    let must_follow =
        |a: Kind, b: Kind| matches!((a, b), (Kind::Time | Kind::Known, Kind::Body) | (Kind::Known, Kind::Time));
    parts.iter().enumerate().find(|(k, p)| parts[k + 1..].iter().any(|q| must_follow(p.kind, q.kind))).map(|(_, p)| p)
}

/// After `?-` (at `input`, in the statement that starts at `base`): when the query's parts are all there but out
/// of order, the error that puts them in order.
pub fn query(base: &Input, input: Input) -> Option<Err<PErr>> {
    let parts = parts(input)?;
    let at = misplaced(&parts)?;
    let (shown, fixed) = (text_of(base, at.span), in_order(base, &parts));
    let message = match at.kind {
        Kind::Known => format!("`{shown}` must come last, after the body and its time: write `{fixed}.`"),
        _ => format!("the time `{shown}` must follow the whole body, after its last literal: write `{fixed}.`"),
    };
    Some(failure(at.span, message))
}

/// A fact (starting at `base`) that did not read: a time after its citation, or a time followed by more
/// literals, which reads as a question.
pub fn fact(base: &Input) -> Option<Err<PErr>> {
    let (after_atom, head) = atom(*base).ok()?;
    let head = text_of(base, head.span);
    if let Some((after_cites, cites)) = spanned(citation, after_atom) {
        let (_, time) = spanned(fact_time, after_cites)?;
        let fixed = format!("{head} {} {}", text_of(base, time), text_of(base, cites));
        return Some(failure(time, format!("a fact's time comes before its citation: write `{fixed}.`")));
    }
    let parts = parts(*base)?;
    let time = parts.iter().find(|p| p.kind == Kind::Time)?;
    misplaced(&parts)?;
    let fixed = in_order(base, &parts);
    Some(failure(time.span, format!("a fact is one atom and its time; to ask a question, write `{fixed}.`")))
}

/// A rule (starting at `base`) that failed at `rest`, after its body: a time there, which a rule cannot take.
pub fn rule(base: &Input, head: Span, rest: Input) -> Option<Err<PErr>> {
    let (_, time) = spanned(query_time, rest)?;
    let fixed = format!("?- {} {}", text_of(base, head), text_of(base, time));
    let message =
        format!("a rule takes no time: it holds on the days its body holds; to ask about a time, write `{fixed}.`");
    Some(failure(time, message))
}
