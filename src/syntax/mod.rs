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

/// Statement text on one line, its runs of white space (line breaks, indentation) each one space: how rules and
/// queries written over several lines are quoted in proofs, reports and messages.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value as the language writes it, so that printed facts read back: a name as it is when it reads as a name
/// (lower case first, letters, digits and `_`, not a keyword), any other symbol as a quoted string, numbers and
/// dates as themselves.
pub fn write_value(value: &crate::value::Value) -> String {
    use crate::value::Value;
    match value {
        Value::Sym(s) => {
            let text = s.as_str();
            let bare = text.starts_with(|c: char| c.is_lowercase())
                && text.chars().all(|c| c.is_alphanumeric() || c == '_')
                && !is_keyword(text);
            if bare {
                text.to_string()
            } else {
                quote(text)
            }
        }
        other => other.to_string(),
    }
}

/// An atom as the language writes it: `idc_exempt(vn)`, `fee("visa extension", 5)`, `regime`.
pub fn write_atom(pred: crate::symbol::Symbol, values: &[crate::value::Value]) -> String {
    if values.is_empty() {
        return pred.to_string();
    }
    let args: Vec<String> = values.iter().map(write_value).collect();
    format!("{pred}({})", args.join(", "))
}
