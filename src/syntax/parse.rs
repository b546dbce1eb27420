//! The parser's driver: statement after statement, recovering from each error at the end of its statement.

use super::ast::Statement;
use super::error::SyntaxError;
use super::lexeme::{ws, Input, PErr, What};
use super::statement::{statement, statement_end};
use super::Span;
use nom::Err;

/// Every statement that parsed, in order, and every error, in order of position.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The statements, in the order written.
    pub statements: Vec<Statement>,
    /// The errors, in order of position; empty when the whole text parsed.
    pub errors: Vec<SyntaxError>,
}

/// Parses a whole program. Never fails: a statement with an error is skipped to its ending `.` and reported.
pub fn parse_program(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut input = Input::new(text);
    loop {
        input = match ws(input) {
            Ok((rest, ())) => rest,
            Err(_) => input,
        };
        if input.fragment().is_empty() {
            return parsed;
        }
        match statement(input) {
            Ok((rest, statements)) if rest.location_offset() > input.location_offset() => {
                parsed.statements.extend(statements);
                input = rest;
            }
            Ok(_) => {
                // A parser that consumed nothing would loop forever: treat it as an error at this point.
                let e = PErr::new(&input, crate::diag::Code::Syntax, What::Unexpected);
                input = recover(text, input, &e, &mut parsed);
            }
            Err(Err::Error(e) | Err::Failure(e)) => input = recover(text, input, &e, &mut parsed),
            Err(Err::Incomplete(_)) => {
                let e = PErr::text(&input, crate::diag::Code::MissingPeriod, "the statement is not finished");
                input = recover(text, input, &e, &mut parsed);
            }
        }
    }
}

/// Records the error and skips to the end of the statement that failed (or of the text).
fn recover<'a>(text: &'a str, at: Input<'a>, error: &PErr, parsed: &mut Parsed) -> Input<'a> {
    let start = at.location_offset();
    let end = statement_end(text, start).unwrap_or(text.len()).max(start + 1).min(text.len());
    let offset = error.offset.clamp(start, text.len());
    let message = error.message(text);
    let (code, message) = if error.offset >= text.len() && message.starts_with("expected `.`") {
        (crate::diag::Code::MissingPeriod, "the last statement does not end with `.`".to_string())
    } else {
        (error.code, message)
    };
    let error_end = error.end(text).clamp(offset, text.len());
    let note = percent_for_mod(&text[start..end]).map(|()| {
        "`%` starts a comment to the end of the line; for the remainder of a division write `mod`: `X mod Y`"
            .to_string()
    });
    parsed.errors.push(SyntaxError { code, span: Span { start: offset, end: error_end }, message, note });
    let mut rest = at;
    // Advance `rest` by `end - start` bytes; `end` lies on a char boundary because it follows an ASCII byte.
    if let Ok((r, _)) =
        nom::bytes::complete::take::<usize, Input, nom::error::Error<Input>>(text[start..end].chars().count())(rest)
    {
        rest = r;
    }
    rest
}

/// Whether a statement that failed has a `%` standing where an operator would: after an operand of a comparison
/// (`Z = X % Y`), followed by an operand. Such a `%` started a comment, which is why the statement failed.
fn percent_for_mod(statement: &str) -> Option<()> {
    let mut in_string = false;
    for (i, c) in statement.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '\n' => in_string = false,
            '%' if !in_string => {
                let line_start = statement[..i].rfind('\n').map_or(0, |n| n + 1);
                let before = statement[line_start..i].trim_end();
                let clause = before.rsplit([',', '(', '{']).next().unwrap_or(before);
                let after = statement[i + 1..].trim_start();
                let operand_before = before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ')');
                let operand_after =
                    after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '(' || c == '-');
                if operand_before && operand_after && clause.contains(['=', '<', '>']) {
                    return Some(());
                }
                // The rest of the line is a comment.
                return statement[i..].find('\n').and_then(|n| percent_for_mod(&statement[i + n..]));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_between_operands_hints_at_mod() {
        let parsed = parse_program("p(X, Z) :- q(X, Y), Z = X % Y,\n  r(Z).\np(a, b).");
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.errors[0].note.as_deref().is_some_and(|n| n.contains("mod")), "{:?}", parsed.errors);
        let plain = parse_program("p(X) :- q(X) % a comment\n  r(X).");
        assert!(plain.errors.iter().all(|e| e.note.is_none()), "{:?}", plain.errors);
    }
}
