//! `source NAME { field: value, ... }` and `claim NAME { ... }` declarations. The parser reads any fields; which
//! fields each kind needs is checked later, where the error can name the missing one.

use super::ast::*;
use super::lexeme::*;
use super::term::span_from;
use crate::symbol::Symbol;
use nom::branch::alt;
use nom::combinator::{map, opt};
use nom::multi::separated_list0;
use nom::sequence::terminated;

/// Lists inside lists deeper than this are refused: no field needs more than one level, and the parser must
/// not recurse as deep as the input is long.
const MAX_NESTING: usize = 16;

fn value(input: Input) -> PResult<FieldValue> {
    nested_value(input, 0)
}

fn nested_value(input: Input, depth: usize) -> PResult<FieldValue> {
    alt((
        map(date, FieldValue::Date),
        map(integer, FieldValue::Int),
        map(string, FieldValue::Str),
        map(name, |n| FieldValue::Sym(Symbol::from(n.fragment()))),
        map(|i| list(i, depth + 1), FieldValue::List),
    ))(input)
}

/// `[value, ...]`, with an optional trailing comma.
fn list(input: Input, depth: usize) -> PResult<Vec<FieldValue>> {
    let (rest, open) = sym("[")(input)?;
    if depth > MAX_NESTING {
        let message = format!("lists nest at most {MAX_NESTING} deep here");
        return Err(nom::Err::Failure(PErr::text(&open, crate::diag::Code::BadRecord, message)));
    }
    let item = expect("a value", move |i| nested_value(i, depth));
    let (rest, items) = terminated(separated_list0(sym(","), item), opt(sym(",")))(rest)?;
    let (rest, _) = expect("`,` or `]`", sym("]"))(rest)?;
    Ok((rest, items))
}

fn field(input: Input) -> PResult<Field> {
    let (input, _) = ws(input)?;
    let start = input;
    let (rest, field_name) = name(input)?;
    let (rest, _) = expect("`:`", sym(":"))(rest)?;
    let (rest, value) = expect("a value (date, number, string, name or list)", value)(rest)?;
    Ok((rest, Field { name: Symbol::from(field_name.fragment()), value, span: span_from(&start, &rest) }))
}

/// After the keyword: `NAME { field: value, ... }`.
pub fn record<'a>(kind: RecordKind, start: Input<'a>) -> impl FnMut(Input<'a>) -> PResult<'a, Record> {
    move |input| {
        let (rest, record_name) = expect("a name for the declaration", name)(input)?;
        let (rest, _) = expect("`{`", sym("{"))(rest)?;
        let (rest, fields) = separated_list0(sym(","), field)(rest)?;
        let (rest, _) = opt(sym(","))(rest)?;
        let (rest, _) = expect("a field `name: value` or `}`", sym("}"))(rest)?;
        let span = span_from(&start, &rest);
        Ok((rest, Record { kind, name: Symbol::from(record_name.fragment()), fields, span }))
    }
}
