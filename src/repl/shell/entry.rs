//! Reading an entry as people type it. At the prompt, a statement without `?-` that has a variable or a time
//! (`@`, `during`) is a question, not a fact to add: `direct_flight(vn) @ 2021-12-20.` asks. A ground atom with no
//! time (`p(a).`) is added, as in a kb file, and so is a fact with an event (`from`, `until`) or a citation;
//! `.add` adds any text as written. In a continued entry, a line that starts with a dot is a command.

use crate::diag::Code;
use crate::syntax::{is_complete_statement, parse_program, statement_end, FactTime, Statement, TermKind};

/// Whether one statement's text, written without `?-`, reads as a question.
fn is_question(statement: &str) -> bool {
    let trimmed = statement.trim_start();
    let first = trimmed.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '?' || c == '-')).next();
    let opens = |w: &str| crate::syntax::KEYWORDS.iter().any(|k| k.opens_statement && k.text == w);
    if first.is_some_and(opens) || trimmed.starts_with("?-") {
        return false;
    }
    let parsed = parse_program(statement);
    match (parsed.errors.is_empty(), parsed.statements.as_slice()) {
        (true, [Statement::Fact(fact)]) => {
            let variable = fact.atom.args.iter().any(|t| !matches!(t.kind, TermKind::Const(_)));
            fact.cites.is_empty() && (variable || matches!(fact.time, FactTime::During(_)))
        }
        (true, _) => false,
        // Not a fact: a question when it reads as one, or fails only by a time out of place.
        (false, _) => {
            let asked = parse_program(&format!("?- {statement}"));
            asked.errors.is_empty() || asked.errors.iter().any(|e| e.code == Code::MisplacedTime)
        }
    }
}

/// The entry with `?- ` put before each statement that reads as a question, and how many there were.
pub fn assume_questions(text: &str) -> (String, usize) {
    let (mut out, mut at, mut asked) = (String::new(), 0, 0);
    while at < text.len() {
        let start = at + blank_len(&text[at..]);
        out += &text[at..start];
        let Some(end) = statement_end(text, start).filter(|_| start < text.len()) else {
            out += &text[start..];
            break;
        };
        let statement = &text[start..end];
        if is_question(statement) {
            out += "?- ";
            asked += 1;
        }
        out += statement;
        at = end;
    }
    (out, asked)
}

/// The length of the white space and comments that open `text`.
fn blank_len(text: &str) -> usize {
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        if let Some(comment) = trimmed.strip_prefix('%') {
            rest = comment.find('\n').map_or("", |n| &comment[n..]);
        } else {
            return text.len() - trimmed.len();
        }
    }
}

/// A line that is a command (a dot and a letter), after the first line of an entry.
fn is_command_line(line: &str) -> bool {
    line.trim_start().strip_prefix('.').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// An entry whose later line is a command: the text before that line, and the command line (with what follows).
pub fn split_command(entry: &str) -> Option<(&str, &str)> {
    let first_end = entry.find('\n')?;
    let mut at = first_end + 1;
    for line in entry[at..].split_inclusive('\n') {
        if is_command_line(line) {
            return Some((&entry[..at], entry[at..].trim()));
        }
        at += line.len();
    }
    None
}

/// Whether text before a command is statements to run (complete, or blank), not an unfinished one.
pub fn is_finished(text: &str) -> bool {
    text.trim().is_empty() || is_complete_statement(text)
}

/// True when a line after the first of `text` is a command: the entry is ready, whatever came before.
pub fn has_command_line(text: &str) -> bool {
    split_command(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_told_from_facts() {
        for asked in [
            "direct_flight(vn) @ 2021-12-20.",
            "entry_purpose_allowed(P) @ 2021-12-20.",
            "direct_flight(C).",
            "direct_flight(C), C != gb @ 2021-12-20.",
            "direct_flight(C) @ 2021-10-01, C != gb.",
            "p(X) during [2021-01-01, 2021-02-01).",
        ] {
            assert_eq!(assume_questions(asked), (format!("?- {asked}"), 1), "{asked}");
        }
        for added in [
            "clear.",
            "direct_flight(vn).",
            "direct_flight(vn) from 2021-12-14.",
            "p(a) @ 2021-01-01 cite s \"q\".",
            "p(X) :- q(X).",
            "?- p(X).",
            "why p(a) @ 2021-01-01.",
            "pred p(X) \"x\".",
        ] {
            assert_eq!(assume_questions(added), (added.to_string(), 0), "{added}");
        }
    }

    #[test]
    fn each_statement_of_an_entry_is_read_alone() {
        let (text, n) = assume_questions("p(a). % a fact\n p(X) @ 2021-01-01. q(b).");
        assert_eq!(text, "p(a). % a fact\n ?- p(X) @ 2021-01-01. q(b).");
        assert_eq!(n, 1);
    }

    #[test]
    fn a_dot_command_on_a_later_line_splits_the_entry() {
        assert_eq!(split_command("?- p(X)\n     .why 10"), Some(("?- p(X)\n", ".why 10")));
        assert_eq!(split_command("?- p(X)\n     @ 2021-01-01."), None);
        assert_eq!(split_command("?- p(X)\n     ."), None, "a lone full stop ends the statement");
        assert_eq!(split_command(".why 1"), None, "a command on the first line is a command entry");
    }
}
