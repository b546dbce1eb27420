//! Tokens: white space and comments, names, variables, strings, numbers, dates, punctuation. Every lexeme parser
//! skips the white space before it, so the grammar parsers never think about it.

use super::keywords::Keyword;
use crate::diag::Code;
use crate::time::Day;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use nom::error::{ErrorKind, ParseError};
use nom::sequence::pair;
use nom::{Err, IResult};
use nom_locate::LocatedSpan;

pub type Input<'a> = LocatedSpan<&'a str>;
pub type PResult<'a, T> = IResult<Input<'a>, T, PErr>;

/// A parse failure: where, which code, and what was expected. When alternatives fail, the one that got furthest
/// wins, which is where the writer's mistake most likely is. Failures are frequent while alternatives are tried,
/// so the message is built only when the error is reported (`message`), not when it is made.
#[derive(Clone, Debug, PartialEq)]
pub struct PErr {
    pub offset: usize,
    /// The end of the offending token, when known; computed from the text otherwise.
    pub end: Option<usize>,
    pub code: Code,
    pub what: What,
}

#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// Nothing more specific than "unexpected <next token>".
    Unexpected,
    /// "expected <this>, found <next token>".
    Expected(&'static str),
    /// A complete message.
    Text(String),
}

impl PErr {
    pub fn new(at: &Input, code: Code, what: What) -> PErr {
        PErr { offset: at.location_offset(), end: None, code, what }
    }

    pub fn text(at: &Input, code: Code, message: impl Into<String>) -> PErr {
        PErr::new(at, code, What::Text(message.into()))
    }

    /// The message, with the token found at the error's offset in `source`.
    pub fn message(&self, source: &str) -> String {
        let rest = source.get(self.offset..).unwrap_or("");
        match &self.what {
            What::Unexpected => format!("unexpected {}", describe(rest)),
            What::Expected(what) => format!("expected {what}, found {}", describe(rest)),
            What::Text(text) => text.clone(),
        }
    }

    /// The end of the span to underline.
    pub fn end(&self, source: &str) -> usize {
        self.end.unwrap_or_else(|| self.offset + next_token_len(source.get(self.offset..).unwrap_or("")))
    }
}

impl<'a> ParseError<Input<'a>> for PErr {
    fn from_error_kind(input: Input<'a>, _kind: ErrorKind) -> Self {
        PErr::new(&input, Code::Syntax, What::Unexpected)
    }

    fn append(_input: Input<'a>, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    fn or(self, other: Self) -> Self {
        if other.offset >= self.offset {
            other
        } else {
            self
        }
    }
}

/// Names the next token of `rest` for an error message: `found 'b'`, `end of input`.
pub fn describe(rest: &str) -> String {
    match rest.chars().next() {
        None => "end of input".to_string(),
        Some(_) => format!("`{}`", shorten(&rest[..next_token_len(rest)])),
    }
}

fn next_token_len(rest: &str) -> usize {
    let word = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
    if word > 0 {
        word
    } else {
        rest.chars().next().map(char::len_utf8).unwrap_or(0)
    }
}

/// Runs `parser`; when it fails right where it started, the error says `expected {what}`. A failure further in, or
/// one with a message of its own (an unclosed interval, a rule inside a citation block), is more precise and is
/// kept.
pub fn expect<'a, T>(
    what: &'static str,
    mut parser: impl FnMut(Input<'a>) -> PResult<'a, T>,
) -> impl FnMut(Input<'a>) -> PResult<'a, T> {
    move |input: Input<'a>| {
        let (input, _) = ws(input)?;
        let start = input.location_offset();
        parser(input).map_err(|err| {
            err.map(|e| {
                if e.offset <= start && e.code == Code::Syntax && !matches!(e.what, What::Text(_)) {
                    PErr::new(&input, Code::Syntax, What::Expected(what))
                } else {
                    e
                }
            })
        })
    }
}

/// Skips white space (as `char::is_whitespace` has it) and `%` comments. Every token starts by calling this, so
/// it scans bytes by hand: built from nom combinators it was a quarter of the time of loading the kb.
pub fn ws(input: Input) -> PResult<()> {
    let text = *input.fragment();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => i += 1,
            b'%' => i += text[i..].find('\n').unwrap_or(text.len() - i),
            0x80.. => match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    Ok((nom::InputTake::take_split(&input, i).0, ()))
}

/// Punctuation or a keyword symbol such as `:-`, `?-`, `(`.
pub fn sym<'a>(text: &'static str) -> impl FnMut(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input| {
        let (input, _) = ws(input)?;
        tag(text)(input)
    }
}

/// A letter or `_`, then letters, digits and `_`. Every statement starts by reading its first word, often several
/// times, so ASCII is read byte by byte and only other text is decoded.
pub fn word(input: Input) -> PResult<Input> {
    let text = *input.fragment();
    let bytes = text.as_bytes();
    let mut i = match bytes.first() {
        Some(b) if b.is_ascii_alphabetic() || *b == b'_' => 1,
        Some(0x80..) => match text.chars().next() {
            Some(c) if c.is_alphabetic() => c.len_utf8(),
            _ => return Err(Err::Error(PErr::from_error_kind(input, ErrorKind::Satisfy))),
        },
        _ => return Err(Err::Error(PErr::from_error_kind(input, ErrorKind::Satisfy))),
    };
    while let Some(&b) = bytes.get(i) {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' => i += 1,
            0x80.. => match text[i..].chars().next() {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    Ok(nom::InputTake::take_split(&input, i))
}

/// A keyword: the whole word, so `note` is not read as `not` followed by `e`.
pub fn keyword<'a>(keyword: Keyword) -> impl FnMut(Input<'a>) -> PResult<'a, Input<'a>> {
    let text = keyword.text();
    move |input| {
        let (rest, _) = ws(input)?;
        let (after, w) = word(rest)?;
        if *w.fragment() == text {
            Ok((after, w))
        } else {
            Err(Err::Error(PErr::new(&rest, Code::Syntax, What::Expected("a keyword"))))
        }
    }
}

/// A name: lower-case letter first. Returns the text and its span start.
pub fn name(input: Input) -> PResult<Input> {
    let (input, _) = ws(input)?;
    let (rest, w) = word(input)?;
    if w.fragment().starts_with(|c: char| c.is_lowercase()) {
        Ok((rest, w))
    } else {
        Err(Err::Error(PErr::new(&input, Code::Syntax, What::Expected("a name"))))
    }
}

/// A variable: upper-case letter or `_` first.
pub fn variable(input: Input) -> PResult<Input> {
    let (input, _) = ws(input)?;
    let (rest, w) = word(input)?;
    if w.fragment().starts_with(|c: char| c.is_uppercase() || c == '_') {
        Ok((rest, w))
    } else {
        Err(Err::Error(PErr::new(&input, Code::Syntax, What::Expected("a variable"))))
    }
}

/// A double-quoted string on one line, with `\"`, `\\`, `\n` and `\t` escapes. An unclosed string is a fatal error.
/// Read byte by byte (a quote, a backslash and a line end are single bytes in UTF-8, never inside another
/// character), copying the runs between escapes: quotes are most of a kb's text.
pub fn string(input: Input) -> PResult<String> {
    let (input, _) = ws(input)?;
    let (rest, _) = char('"')(input)?;
    let text = *rest.fragment();
    let bytes = text.as_bytes();
    let mut out = String::new();
    let (mut i, mut run) = (0, 0);
    loop {
        match bytes.get(i) {
            None | Some(b'\n') => {
                return Err(Err::Failure(PErr::text(
                    &input,
                    Code::UnterminatedString,
                    "this string is not closed before the end of the line",
                )))
            }
            Some(b'"') => {
                out.push_str(&text[run..i]);
                return Ok((nom::InputTake::take_split(&rest, i + 1).0, out));
            }
            Some(b'\\') => {
                out.push_str(&text[run..i]);
                out.push(match bytes.get(i + 1) {
                    Some(b'n') => '\n',
                    Some(b't') => '\t',
                    Some(b'"') => '"',
                    Some(b'\\') => '\\',
                    _ => {
                        let at = nom::InputTake::take_split(&rest, i).0;
                        return Err(Err::Failure(PErr::text(
                            &at,
                            Code::Syntax,
                            "unknown escape: use \\\", \\\\, \\n or \\t",
                        )));
                    }
                });
                i += 2;
                run = i;
            }
            Some(_) => i += 1,
        }
    }
}

/// A date `YYYY-MM-DD`. Anything date-shaped (digit groups joined by `-`, perhaps with a leading minus sign) that
/// is no real day is a fatal `bad-date` error pointing at it: a five-digit or negative year, a one-digit month,
/// 2021-02-30. Other text is not a date, and other readings (an integer) are tried.
pub fn date(input: Input) -> PResult<Day> {
    let (input, _) = ws(input)?;
    let digits = || take_while1(|c: char| c.is_ascii_digit());
    let shape = nom::sequence::tuple((opt(char('-')), digits(), char('-'), digits(), char('-'), digits()));
    let (rest, text) = recognize(shape)(input)?;
    let text = *text.fragment();
    if let Some(day) = Day::parse(text) {
        return Ok((rest, day));
    }
    let message = match date_problem(text) {
        Some(problem) => format!("`{}` is not a date: {problem}", shorten(text)),
        None => format!("`{text}` is not a calendar day"),
    };
    let err = PErr {
        offset: input.location_offset(),
        end: Some(rest.location_offset()),
        code: Code::BadDate,
        what: What::Text(message),
    };
    Err(Err::Failure(err))
}

/// A date where only a date can stand (after `@`, `from`, `until`, `as known`, in an interval): as `date`, and a
/// date cut short (`2021-12`) is a `bad-date` error that says how dates are written. (In a term, `2021-12` is a
/// subtraction.)
pub fn day(input: Input) -> PResult<Day> {
    let (input, _) = ws(input)?;
    date(input).map_err(|e| match e {
        Err::Error(_) => partial_date(input).unwrap_or(e),
        other => other,
    })
}

/// Text that starts with a digit where only a date can stand, up to the end of its clause (`2021-12`,
/// `20 Dec 2021`): a `bad-date` error that says how dates are written.
fn partial_date(input: Input) -> Option<Err<PErr>> {
    let text = *input.fragment();
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let line = &text[..text.find('\n').unwrap_or(text.len())];
    let end = line.find([',', ')', ']', '%']).unwrap_or(line.len());
    let shown = line[..end].trim_end().trim_end_matches('.').trim_end();
    let message = format!("`{}` is not a date: a date is YYYY-MM-DD, such as 2021-12-20", shorten(shown));
    let end = input.location_offset() + shown.len();
    let err = PErr { offset: input.location_offset(), end: Some(end), code: Code::BadDate, what: What::Text(message) };
    Some(Err::Failure(err))
}

/// What is wrong with the form of a date-shaped token that does not parse; `None` when the form is right and
/// the day does not exist (2021-02-30).
fn date_problem(text: &str) -> Option<String> {
    if text.starts_with('-') {
        return Some("a year cannot be negative; a date is YYYY-MM-DD, with a year from 0000 to 9999".into());
    }
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [year, ..] if year.len() != 4 => {
            Some(format!("the year has {} digits; a date is YYYY-MM-DD, with a year from 0000 to 9999", year.len()))
        }
        [_, month, day] if month.len() != 2 || day.len() != 2 => {
            Some("the month and the day take two digits each (YYYY-MM-DD, such as 2021-03-05)".into())
        }
        _ => None,
    }
}

/// A token cut for a message: at most 40 characters, then `…`.
pub fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// An integer (optional minus sign); one that does not fit in 64 bits is a fatal `bad-number` error.
pub fn integer(input: Input) -> PResult<i64> {
    let (input, _) = ws(input)?;
    let (rest, text) = recognize(pair(opt(char('-')), take_while1(|c: char| c.is_ascii_digit())))(input)?;
    match text.fragment().parse::<i64>() {
        Ok(n) => Ok((rest, n)),
        Err(_) => Err(Err::Failure(PErr::text(&input, Code::BadNumber, "this integer does not fit in 64 bits"))),
    }
}
