//! Text to syntax tree. The parser never panics and never stops at the first error: it returns every statement
//! it could read plus every error it found, resynchronising at the end of each statement.

mod ast;
mod error;
mod expr;
mod keywords;
mod lexeme;
mod literal;
mod misplaced;
mod parse;
mod record;
mod statement;
mod term;

pub use ast::*;
pub use error::SyntaxError;
pub use keywords::{is_keyword, Keyword, KeywordInfo, KEYWORDS};
pub use parse::{parse_program, Parsed};
pub use statement::{is_complete_statement, statement_end};

/// A string constant as the language writes it: in double quotes, with `"`, `\\`, line breaks and tabs escaped
/// (`\"`, `\\`, `\n`, `\t`, the lexer's only escapes), every other character as it is. Reading it back gives
/// `text` again.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A constant as it is typed in a statement: a name that reads as a name (lower-case letter first, letters,
/// digits and `_`, not a keyword) as it stands, any other symbol quoted ([`quote`]), numbers and dates as they
/// print.
pub fn constant_text(value: &crate::value::Value) -> String {
    match value {
        crate::value::Value::Sym(s) => {
            let bare = s.starts_with(|c: char| c.is_lowercase())
                && s.chars().all(|c| c.is_alphanumeric() || c == '_')
                && !is_keyword(s.as_str());
            if bare {
                s.to_string()
            } else {
                quote(s.as_str())
            }
        }
        other => other.to_string(),
    }
}

/// Statement text on one line, its runs of white space (line breaks, indentation) each one space: how rules and
/// queries written over several lines are quoted in proofs, reports and messages.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
