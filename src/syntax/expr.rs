//! Comparisons and the arithmetic inside them: `X != gb`, `D = S + 30`, `(E - S) * 2 > N mod 7`,
//! `N = count : { p(X) }`. Precedence climbs from unary minus to `*`, `/`, `mod` to `+`, `-`, each level left to
//! right; parentheses group. A comparison of two plain terms stays a `Literal::Cmp`.
//!
//! Aggregates hold a body of literals, and literals hold comparisons: the body parser is passed in (`Body`) so
//! that this file never imports `literal`, which imports it.

use super::ast::*;
use super::keywords::Keyword;
use super::lexeme::*;
use super::term::{at_token, atom, span_from, term};
use nom::branch::alt;
use nom::combinator::{cut, map};
use nom::Err;

/// The parser of an aggregate's body (`literal::body`).
pub type Body = fn(Input) -> PResult<Vec<Literal>>;

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

fn additive_op(input: Input) -> PResult<ArithOp> {
    alt((map(sym("+"), |_| ArithOp::Add), map(sym("-"), |_| ArithOp::Sub)))(input)
}

fn multiplicative_op(input: Input) -> PResult<ArithOp> {
    alt((
        map(sym("*"), |_| ArithOp::Mul),
        map(sym("/"), |_| ArithOp::Div),
        map(keyword(Keyword::Mod), |_| ArithOp::Mod),
    ))(input)
}

fn joined(a: Expr, op: ArithOp, b: Expr) -> Expr {
    let span = Span { start: a.span.start, end: b.span.end };
    Expr { kind: ExprKind::Bin(Box::new(a), op, Box::new(b)), span }
}

/// `A + B - C`: multiplicative operands joined left to right. After an operator an operand is certain, so a
/// missing one is the writer's mistake.
pub fn expr(body: Body) -> impl Fn(Input) -> PResult<Expr> {
    move |input| {
        let (mut rest, mut acc) = multiplicative(body)(input)?;
        while let Ok((after, op)) = additive_op(rest) {
            let (after, operand) = cut(expect("a term after the operator", multiplicative(body)))(after)?;
            acc = joined(acc, op, operand);
            rest = after;
        }
        Ok((rest, acc))
    }
}

fn multiplicative(body: Body) -> impl Fn(Input) -> PResult<Expr> {
    move |input| {
        let (mut rest, mut acc) = unary(body, input)?;
        while let Ok((after, op)) = multiplicative_op(rest) {
            let (after, operand) = cut(expect("a term after the operator", |i| unary(body, i)))(after)?;
            acc = joined(acc, op, operand);
            rest = after;
        }
        Ok((rest, acc))
    }
}

/// How deep parentheses, unary minus and aggregates may nest: far beyond any real rule, and well within the
/// stack of the recursive descent that reads them.
const MAX_NESTING: usize = 64;

thread_local! {
    static NESTING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A term (a negative number is one token), `( expr )`, an aggregate, or `-` before any of them.
fn unary(body: Body, input: Input) -> PResult<Expr> {
    let (input, start) = at_token(input)?;
    let depth = NESTING.with(|n| n.get());
    if depth >= MAX_NESTING {
        let message = format!("this expression nests more than {MAX_NESTING} levels deep");
        return Err(Err::Failure(PErr::text(&input, crate::diag::Code::Syntax, message)));
    }
    NESTING.with(|n| n.set(depth + 1));
    let result = nested(body, input, start);
    NESTING.with(|n| n.set(depth));
    result
}

fn nested<'a>(body: Body, input: Input<'a>, start: Input<'a>) -> PResult<'a, Expr> {
    if let Ok((rest, _)) = sym("(")(input) {
        let (rest, inner) = cut(expect("an expression", expr(body)))(rest)?;
        let (rest, _) = cut(expect("`)`", sym(")")))(rest)?;
        return Ok((rest, Expr { kind: inner.kind, span: span_from(&start, &rest) }));
    }
    if let Some(found) = aggregate_call(body, input)? {
        return Ok(found);
    }
    if let Ok((rest, t)) = term(input) {
        return Ok((rest, Expr { span: t.span, kind: ExprKind::Term(t) }));
    }
    let (rest, _) = sym("-")(input)?;
    let (rest, inner) = cut(expect("a term after `-`", |i| unary(body, i)))(rest)?;
    Ok((rest, Expr { kind: ExprKind::Neg(Box::new(inner)), span: span_from(&start, &rest) }))
}

/// `count : { body }`, `sum E : { body }` (`min`, `max` alike), or with a single atom for the body, as Soufflé
/// writes it: `count : p(X)`. `Ok(None)` when the input is no aggregate (a symbol `count` is a constant).
fn aggregate_call(body: Body, input: Input) -> Result<Option<(Input, Expr)>, Err<PErr>> {
    let (input, start) = at_token(input)?;
    let function = alt((
        map(keyword(Keyword::Count), |_| AggregateFn::Count),
        map(keyword(Keyword::Sum), |_| AggregateFn::Sum),
        map(keyword(Keyword::Min), |_| AggregateFn::Min),
        map(keyword(Keyword::Max), |_| AggregateFn::Max),
    ))(input);
    let Ok((rest, function)) = function else { return Ok(None) };
    let (rest, over) = if function == AggregateFn::Count {
        (rest, None)
    } else {
        match expr(body)(rest) {
            Ok((rest, over)) => (rest, Some(over)),
            Err(_) => return Ok(None),
        }
    };
    let Ok((rest, _)) = sym(":")(rest) else { return Ok(None) };
    let braced = |i| {
        let (i, _) = sym("{")(i)?;
        let (i, lits) = cut(body)(i)?;
        let (i, _) = cut(expect("`}` to close the aggregate's body", sym("}")))(i)?;
        Ok((i, lits))
    };
    let (rest, lits) = cut(expect(
        "`{` and the aggregate's body, or an atom",
        alt((braced, map(atom, |a| vec![Literal::Pos(a)]))),
    ))(rest)?;
    let span = span_from(&start, &rest);
    let call = AggregateCall { function, over, body: lits, span };
    Ok(Some((rest, Expr { kind: ExprKind::Agg(Box::new(call)), span })))
}

/// `left CMP right`, either side possibly with arithmetic or an aggregate.
pub fn comparison(body: Body, input: Input) -> PResult<Literal> {
    let (input, _) = ws(input)?;
    let start = input;
    let (rest, left) = expr(body)(input)?;
    let (rest, op) = cmp_op(rest)?;
    let (rest, right) = expect("a term", expr(body))(rest)?;
    let span = span_from(&start, &rest);
    if let (ExprKind::Term(l), ExprKind::Term(r)) = (&left.kind, &right.kind) {
        return Ok((rest, Literal::Cmp { left: l.clone(), op, right: r.clone(), span }));
    }
    Ok((rest, Literal::Calc { left, op, right, span }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Literal {
        comparison(super::super::literal::body, Input::new(text)).expect("parses").1
    }

    fn shown(text: &str) -> (String, String) {
        let Literal::Calc { left, right, .. } = parse(text) else { panic!("not arithmetic: {text}") };
        (left.show(), right.show())
    }

    #[test]
    fn plain_comparisons_stay_plain() {
        assert!(matches!(parse("C != gb"), Literal::Cmp { op: CmpOp::Ne, .. }));
        assert!(matches!(parse("N = -1"), Literal::Cmp { op: CmpOp::Eq, .. }));
    }

    #[test]
    fn arithmetic_reads_left_to_right_with_or_without_spaces() {
        assert_eq!(shown("D = S+30 - 1").1, "S + 30 - 1");
        let Literal::Calc { left, .. } = parse("2021-12-14 - 2021-12-01 > 10") else { panic!("not arithmetic") };
        assert!(matches!(left.kind, ExprKind::Bin(_, ArithOp::Sub, _)), "a date is one token, not three numbers");
    }

    #[test]
    fn precedence_and_parentheses() {
        assert_eq!(shown("X = A + B * C").1, "A + B * C");
        let Literal::Calc { right, .. } = parse("X = A + B * C") else { panic!() };
        assert!(matches!(right.kind, ExprKind::Bin(_, ArithOp::Add, _)), "* binds tighter than +");
        assert_eq!(shown("X = (A + B) * C").1, "(A + B) * C");
        assert_eq!(shown("X = A - (B - C)").1, "A - (B - C)");
        assert_eq!(shown("X = A mod 7 + -B").1, "A mod 7 + -B");
        assert_eq!(shown("X = -(A + 1) / 2").1, "-(A + 1) / 2");
        assert_eq!(shown("X = A*-1").1, "A * -1");
    }

    #[test]
    fn aggregates_are_operands() {
        let Literal::Calc { right, .. } = parse("N = count : { p(X), X > 1 }") else { panic!() };
        let ExprKind::Agg(call) = right.kind else { panic!("not an aggregate") };
        assert_eq!((call.function, call.body.len()), (AggregateFn::Count, 2));
        let Literal::Calc { right, .. } = parse("S = sum Y * 2 : q(Y) + 1") else { panic!() };
        assert!(matches!(right.kind, ExprKind::Bin(_, ArithOp::Add, _)));
        assert!(matches!(parse("X = count"), Literal::Cmp { .. }), "a symbol `count` stays a constant");
    }

    #[test]
    fn an_operator_without_a_term_is_an_error() {
        assert!(comparison(super::super::literal::body, Input::new("D = S + ")).is_err());
        assert!(comparison(super::super::literal::body, Input::new("D = (S + 1")).is_err());
    }
}
