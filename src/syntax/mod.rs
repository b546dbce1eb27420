//! Text to syntax tree. The parser never panics and never stops at the first error: it returns every statement
//! it could read plus every error it found, resynchronising at the end of each statement.

mod ast;
mod declare;
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

/// Statement text on one line, its runs of white space (line breaks, indentation) each one space: how rules and
/// queries written over several lines are quoted in proofs, reports and messages.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
