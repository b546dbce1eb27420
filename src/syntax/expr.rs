//! Comparisons and the date arithmetic inside them: `X != gb`, `D = S + 30`, `E - S > 14`. A side is a term, then
//! terms added or subtracted left to right; a comparison with no arithmetic stays a plain `Literal::Cmp`.

use super::ast::*;
use super::lexeme::*;
use super::term::{span_from, term};
use nom::branch::alt;
use nom::combinator::map;

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

fn arith_op(input: Input) -> PResult<ArithOp> {
    alt((map(sym("+"), |_| ArithOp::Add), map(sym("-"), |_| ArithOp::Sub)))(input)
}

/// `S`, `S + 30`, `E - S - 1`. After an operator a term is certain, so a missing one is the writer's mistake.
fn expr(input: Input) -> PResult<Expr> {
    let (mut rest, first) = term(input)?;
    let start = first.span.start;
    let mut ops = Vec::new();
    while let Ok((after, op)) = arith_op(rest) {
        let (after, operand) = nom::combinator::cut(expect("a term after the operator", term))(after)?;
        ops.push((op, operand));
        rest = after;
    }
    let end = ops.last().map_or(first.span.end, |(_, t)| t.span.end);
    Ok((rest, Expr { first, rest: ops, span: Span { start, end } }))
}

/// `left CMP right`, either side possibly with arithmetic.
pub fn comparison(input: Input) -> PResult<Literal> {
    let (input, _) = ws(input)?;
    let start = input;
    let (rest, left) = expr(input)?;
    let (rest, op) = cmp_op(rest)?;
    let (rest, right) = expect("a term", expr)(rest)?;
    let span = span_from(&start, &rest);
    if left.rest.is_empty() && right.rest.is_empty() {
        return Ok((rest, Literal::Cmp { left: left.first, op, right: right.first, span }));
    }
    Ok((rest, Literal::Calc { left, op, right, span }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Literal {
        comparison(Input::new(text)).expect("parses").1
    }

    #[test]
    fn plain_comparisons_stay_plain() {
        assert!(matches!(parse("C != gb"), Literal::Cmp { op: CmpOp::Ne, .. }));
        assert!(matches!(parse("N = -1"), Literal::Cmp { op: CmpOp::Eq, .. }));
    }

    #[test]
    fn arithmetic_reads_left_to_right_with_or_without_spaces() {
        let Literal::Calc { left, right, .. } = parse("D = S+30 - 1") else { panic!("not arithmetic") };
        assert!(left.rest.is_empty());
        assert_eq!(right.rest.iter().map(|(op, _)| *op).collect::<Vec<_>>(), [ArithOp::Add, ArithOp::Sub]);
        let Literal::Calc { left, .. } = parse("2021-12-14 - 2021-12-01 > 10") else { panic!("not arithmetic") };
        assert_eq!(left.rest.len(), 1, "a date is one token, not three numbers");
    }

    #[test]
    fn an_operator_without_a_term_is_an_error() {
        assert!(comparison(Input::new("D = S + ")).is_err());
    }
}
