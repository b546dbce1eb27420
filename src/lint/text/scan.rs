//! nom parsers over one line of a plain document: is it a list item, bulleted ("•", "-", "*", "–", "✓", "▪", "►",
//! "→", "+ " ...) or numbered ("1.", "1)", "(1)", "1 –", "a)", "(b)", "a.", "ii.", "(iv)"), and where does its text
//! start. A number and a space alone ("1 Germany") may be a marker or the start of a sentence ("3 December"): `bare`
//! reads it, and the block reader decides from the lines around it.

use nom::branch::alt;
use nom::character::complete::{char, digit1, one_of, space0, space1};
use nom::combinator::{map, map_res, opt, verify};
use nom::multi::many1;
use nom::sequence::{delimited, terminated, tuple};
use nom::IResult;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Marker {
    Bullet,
    Number(i64),
}

/// A list item: its marker and the text after it, as a byte offset into the line.
#[derive(Clone, Debug, PartialEq)]
pub struct Item<'a> {
    pub marker: Marker,
    pub text: &'a str,
    pub at: usize,
}

fn number(input: &str) -> IResult<&str, i64> {
    map_res(digit1, str::parse::<i64>)(input)
}

/// Marks that open a bulleted line: dots and dashes, squares and diamonds, arrows and check marks (emoji
/// presentation selectors after them included), and the symbol-font bullets that text copied from a word
/// processor keeps (private-use characters: U+F0B7 a dot, U+F0A7 a square, U+F0D8 an arrow, U+F0FC a check).
const BULLETS: &str = "•·-*–—‒―⁃‣∙▪▫■□◾◽●○◦◆◇❖►▶▸▹➤➢➔→⇒✓✔☑✅★☆♦\u{f0b7}\u{f0a7}\u{f0d8}\u{f0fc}";

fn bullet(input: &str) -> IResult<&str, Marker> {
    let mark = terminated(one_of(BULLETS), opt(char('\u{fe0f}')));
    // "+ Germany": a plus needs a space after it ("+7 701" is a telephone number).
    let plus = terminated(char('+'), space1);
    let (rest, _) = many1(terminated(alt((mark, plus)), space0))(input)?;
    Ok((rest, Marker::Bullet))
}

/// "12. Name", "4.Name", "3) Name", "(2) Name": a number with a dot or parentheses, then text that does not
/// start with a digit (so that "30.04.2015" and "1.5 million" are not items).
fn numbered(input: &str) -> IResult<&str, Marker> {
    let plain = map(tuple((number, one_of(".)"), space0)), |(n, _, _)| n);
    // "(2021)" opening a line is a year in brackets, not an item: enclosed numbers have at most three digits.
    let small = verify(digit1, |d: &str| d.len() <= 3);
    let enclosed = map(tuple((delimited(char('('), map_res(small, str::parse::<i64>), char(')')), space0)), |(n, _)| n);
    // "1 – Germany": a number, a spaced dash (three digits at most: "2020 – the year" is no item).
    let small = verify(digit1, |d: &str| d.len() <= 3);
    let dashed = map(tuple((map_res(small, str::parse::<i64>), space1, one_of("-–—"), space1)), |(n, ..)| n);
    let (rest, n) = alt((enclosed, dashed, plain))(input)?;
    match rest.chars().next() {
        Some(c) if !c.is_ascii_digit() => Ok((rest, Marker::Number(n))),
        _ => Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Digit))),
    }
}

/// "a) Name", "(b) Name": a letter in brackets stands for its place in the alphabet.
fn lettered(input: &str) -> IResult<&str, Marker> {
    let letter = |i| one_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")(i);
    let plain = terminated(letter, char(')'));
    let enclosed = delimited(char('('), letter, char(')'));
    let (rest, c) = terminated(alt((enclosed, plain)), space1)(input)?;
    Ok((rest, Marker::Number(i64::from(c.to_ascii_lowercase() as u8 - b'a') + 1)))
}

/// "a. Name": a lower-case letter and a dot, then a capital (so that "e. g." and "p. 4" are no items); "i", "v"
/// and "x" are left to the roman numerals.
fn lettered_dot(input: &str) -> IResult<&str, Marker> {
    let letter = |i| one_of("abcdefghjklmnopqrstuwyz")(i);
    let (rest, c) = terminated(terminated(letter, char('.')), space1)(input)?;
    match rest.chars().next() {
        Some(n) if n.is_uppercase() => Ok((rest, Marker::Number(i64::from(c as u8 - b'a') + 1))),
        _ => Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Char))),
    }
}

/// "i. Name", "ii) Name", "(iv) Name": a lower-case roman numeral up to 39, then a capital. A lone "i)", "v)" or
/// "x)" is a letter ("a)" ... ), a lone "i." a numeral.
fn roman(input: &str) -> IResult<&str, Marker> {
    let digits = |i| nom::bytes::complete::take_while1(|c: char| "ivx".contains(c))(i);
    let enclosed = map(delimited(char('('), digits, char(')')), |d| (d, ')'));
    let plain = tuple((digits, one_of(".)")));
    let (rest, (digits, mark)) = terminated(alt((enclosed, plain)), space1)(input)?;
    let value = roman_value(digits).filter(|_| digits.len() > 1 || mark == '.');
    match (value, rest.chars().next()) {
        (Some(n), Some(c)) if c.is_uppercase() => Ok((rest, Marker::Number(n))),
        _ => Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Char))),
    }
}

/// The value of a lower-case roman numeral made of i, v and x, when it is written the usual way.
fn roman_value(digits: &str) -> Option<i64> {
    const TENS: [&str; 4] = ["", "x", "xx", "xxx"];
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    (1..40).find(|n: &i64| format!("{}{}", TENS[(*n / 10) as usize], ONES[(*n % 10) as usize]) == digits)
}

/// The line as a list item, or `None` for prose and blank lines.
pub fn item(line: &str) -> Option<Item<'_>> {
    let (rest, _) = space0::<&str, nom::error::Error<&str>>(line).ok()?;
    let (remainder, marker) = alt((numbered, roman, lettered, lettered_dot, bullet))(rest).ok()?;
    let text = remainder.trim_end();
    if text.is_empty() {
        return None;
    }
    Some(Item { marker, text, at: line.len() - remainder.len() })
}

/// Months, whose names after a day's number make a date ("3 December 2021"), not an item.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// "1 Germany", "2 the Netherlands": a number of at most three digits, white space, then a capital (or "the")
/// that does not start a month. Only a marker when the lines around it say so (`kinds`): a line may open with a
/// count or a day as well.
pub fn bare(line: &str) -> Option<Item<'_>> {
    let small = verify(digit1::<&str, nom::error::Error<&str>>, |d: &str| d.len() <= 3);
    let (rest, (_, digits, _)) = tuple((space0, small, space1))(line).ok()?;
    let text = rest.trim_end();
    let first = text.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let capital = text.starts_with(char::is_uppercase) || text.starts_with("the ");
    if !capital || MONTHS.iter().any(|m| m.eq_ignore_ascii_case(first)) {
        return None;
    }
    let n = digits.parse().ok()?;
    Some(Item { marker: Marker::Number(n), text, at: line.len() - rest.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_bulleted_or_numbered() {
        assert_eq!(item("  • Germany").map(|i| (i.marker, i.text)), Some((Marker::Bullet, "Germany")));
        assert_eq!(item("- - the Kingdom of Spain,").map(|i| i.text), Some("the Kingdom of Spain,"));
        assert_eq!(item("100.Sri Lanka").map(|i| (i.marker, i.text)), Some((Marker::Number(100), "Sri Lanka")));
        assert_eq!(item("3) to expire").map(|i| i.marker), Some(Marker::Number(3)));
        assert_eq!(item("(4) a copy;").map(|i| (i.marker, i.text)), Some((Marker::Number(4), "a copy;")));
        assert_eq!(item("(2021) a year"), None);
        assert_eq!(item("b) Peru").map(|i| (i.marker, i.text)), Some((Marker::Number(2), "Peru")));
        assert_eq!(item("(C) Chile").map(|i| i.marker), Some(Marker::Number(3)));
        assert_eq!(item("a)b"), None);
        assert_eq!(item("2 – Egypt").map(|i| (i.marker, i.text)), Some((Marker::Number(2), "Egypt")));
        assert_eq!(item("2 - 3 days"), None);
        assert_eq!(item("2020 – the year"), None);
        let line = "   12. Bhutan  ";
        let it = item(line).expect("an item");
        assert_eq!(&line[it.at..it.at + it.text.len()], "Bhutan");
        assert_eq!(item("30.04.2015 is a date"), None);
        assert_eq!(item("1/30 day border crossing rule"), None);
        assert_eq!(item("Annex 1"), None);
        assert_eq!(item("-"), None);
        assert_eq!(item("a. Germany").map(|i| (i.marker, i.text)), Some((Marker::Number(1), "Germany")));
        assert_eq!(item("c. Italy").map(|i| i.marker), Some(Marker::Number(3)));
        assert_eq!(item("e. g. this"), None);
        assert_eq!(item("i. Germany").map(|i| (i.marker, i.text)), Some((Marker::Number(1), "Germany")));
        assert_eq!(item("iii) Italy").map(|i| i.marker), Some(Marker::Number(3)));
        assert_eq!(item("(iv) Spain").map(|i| i.marker), Some(Marker::Number(4)));
        assert_eq!(item("xii. Peru").map(|i| i.marker), Some(Marker::Number(12)));
        assert_eq!(item("i) Iceland").map(|i| i.marker), Some(Marker::Number(9)));
        assert_eq!(item("iiii. Chile"), None);
        assert_eq!(item("vi. the visa"), None);
        assert_eq!(item("✓ Germany").map(|i| (i.marker, i.text)), Some((Marker::Bullet, "Germany")));
        assert_eq!(item("✔️ France").map(|i| i.text), Some("France"));
        assert_eq!(item("→ Italy").map(|i| i.text), Some("Italy"));
        assert_eq!(item("+ Spain").map(|i| i.text), Some("Spain"));
        assert_eq!(item("+7 701 555 0101"), None);
    }

    #[test]
    fn bare_numbers_are_read_but_not_taken_for_items() {
        assert_eq!(item("1 Germany"), None);
        let line = " 12 Sri Lanka ";
        let it = bare(line).expect("a bare number");
        assert_eq!((it.marker, it.text), (Marker::Number(12), "Sri Lanka"));
        assert_eq!(&line[it.at..it.at + it.text.len()], "Sri Lanka");
        assert_eq!(bare("3 December 2021 the rules changed"), None);
        assert_eq!(bare("14 days of quarantine"), None);
        assert_eq!(bare("2021 Germany"), None);
        assert_eq!(bare("1.Germany"), None);
        assert_eq!(bare("4 the Netherlands").map(|i| i.text), Some("the Netherlands"));
        assert_eq!(item("\u{f0b7} Italy").map(|i| i.text), Some("Italy"));
    }
}
