//! How the line being edited is drawn: syntax colours (ANSI) when the terminal takes colour, and the continuation
//! marker `...> ` drawn over the indentation that opens each continuation line. Whatever is drawn has the display
//! width of the text itself, as the line editor requires.

/// What Enter inserts after an unfinished statement: a newline and this indentation (white space to the parser).
pub const INDENT: &str = "     ";
/// What the indentation is drawn as: the continuation prompt.
pub const MARKER: &str = "...> ";

const KEYWORD: &str = "1;36";
const PREDICATE: &str = "34";
const VARIABLE: &str = "33";
const STRING: &str = "32";
const NUMBER: &str = "35";
const COMMENT: &str = "90";
const COMMAND: &str = "1;32";
const DIM: &str = "2";

/// `line` as drawn: coloured tokens when `colour`, and the continuation marker in any case.
pub fn highlight(line: &str, colour: bool) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let paint = |out: &mut String, text: &str, style: Option<&str>| match style {
        Some(style) if colour => *out += &format!("\x1b[{style}m{text}\x1b[0m"),
        _ => *out += text,
    };
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if i > 0 && line[..i].ends_with('\n') && rest.starts_with(INDENT) {
            paint(&mut out, MARKER, Some(DIM));
            i += INDENT.len();
            continue;
        }
        // A dot-command stands first on its line: the first line, or a continuation line (where it runs too).
        let line_start = line[..i].rfind('\n').map_or(0, |n| n + 1);
        let (len, style) = token(rest, line[line_start..i].trim().is_empty());
        let len = len.max(rest.chars().next().map_or(1, char::len_utf8));
        paint(&mut out, &rest[..len], style);
        i += len;
    }
    out
}

/// The length in bytes of the token at the start of `rest` and its colour.
fn token(rest: &str, first: bool) -> (usize, Option<&'static str>) {
    let Some(c) = rest.chars().next() else { return (0, None) };
    let word = |from: usize| {
        from + rest[from..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len() - from)
    };
    match c {
        '.' if first && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) => (word(1), Some(COMMAND)),
        '%' => (rest.find('\n').unwrap_or(rest.len()), Some(COMMENT)),
        '"' => (string_end(rest), Some(STRING)),
        '0'..='9' => (rest.find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(rest.len()), Some(NUMBER)),
        '?' | ':' if rest[1..].starts_with('-') => (2, Some(KEYWORD)),
        '@' => (1, Some(KEYWORD)),
        c if c.is_uppercase() || c == '_' => (word(0), Some(VARIABLE)),
        c if c.is_alphabetic() => {
            let end = word(0);
            if crate::syntax::is_keyword(&rest[..end]) {
                (end, Some(KEYWORD))
            } else if rest[end..].starts_with('(') {
                (end, Some(PREDICATE))
            } else {
                (end, None)
            }
        }
        c => (c.len_utf8(), None),
    }
}

/// Just after the string's closing quote (or at the end of its line, where an unclosed string stops).
fn string_end(rest: &str) -> usize {
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '"' if !escaped => return i + 1,
            '\n' => return i,
            _ => {}
        }
        escaped = false;
    }
    rest.len()
}

/// A hint drawn dimmed when the terminal takes colour.
pub fn dim(text: &str, colour: bool) -> String {
    if colour {
        format!("\x1b[{DIM}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}
