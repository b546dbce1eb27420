//! nom parsers over one line of a plain document: list items (bulleted or numbered) and stated counts of
//! countries ("29 countries:", "20 states: A, B", "list of 18 countries", "expanded to 33: A, B").

use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while1};
use nom::character::complete::{char, digit1, one_of, space0, space1};
use nom::combinator::{map_res, opt, peek, recognize};
use nom::multi::many1;
use nom::sequence::{pair, terminated, tuple};
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

fn bullet(input: &str) -> IResult<&str, Marker> {
    let (rest, _) = many1(terminated(one_of("•·-*–—"), space0))(input)?;
    Ok((rest, Marker::Bullet))
}

/// "12. Name", "4.Name", "3) Name": a number, a dot or parenthesis, then text that does not start with a digit
/// (so that "30.04.2015" and "1.5 million" are not items).
fn numbered(input: &str) -> IResult<&str, Marker> {
    let (rest, (n, _, _)) = tuple((number, one_of(".)"), space0))(input)?;
    match rest.chars().next() {
        Some(c) if !c.is_ascii_digit() => Ok((rest, Marker::Number(n))),
        _ => Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Digit))),
    }
}

/// The line as a list item, or `None` for prose and blank lines.
pub fn item(line: &str) -> Option<Item<'_>> {
    let (rest, _) = space0::<&str, nom::error::Error<&str>>(line).ok()?;
    let (remainder, marker) = alt((numbered, bullet))(rest).ok()?;
    let text = remainder.trim_end();
    if text.is_empty() {
        return None;
    }
    Some(Item { marker, text, at: line.len() - remainder.len() })
}

/// A stated count of countries in a line: where the number starts and the phrase ends, and the count.
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    pub count: i64,
    pub start: usize,
    pub end: usize,
}

fn noun(input: &str) -> IResult<&str, &str> {
    let nouns = alt((tag_no_case("countries"), tag_no_case("country"), tag_no_case("states"), tag_no_case("nations")));
    let (rest, word) = recognize(pair(nouns, opt(char('*'))))(input)?;
    match rest.chars().next() {
        Some(c) if c.is_alphanumeric() || c == '-' => {
            Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag)))
        }
        _ => Ok((rest, word)),
    }
}

/// "29 countries", "20 states*".
fn count_noun(input: &str) -> IResult<&str, i64> {
    let (rest, (n, _, _)) = tuple((number, space1, noun))(input)?;
    Ok((rest, n))
}

/// "33" right before a colon, for "has expanded to 33: A, B"; only counted when the sentence speaks of
/// countries or states, and never a year ("starting from December 3, 2021:").
fn count_colon(input: &str) -> IResult<&str, i64> {
    let (rest, n) = terminated(number, peek(char(':')))(input)?;
    if n > MAX_COLON_COUNT {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, n))
}

/// Larger numbers before a colon are years or amounts, not counts of countries.
const MAX_COLON_COUNT: i64 = 500;

/// Where the line's sentences start and where it names countries or states, found once per line so that each
/// number asks in O(log n) whether its sentence speaks of countries (asking by scanning back made a long line
/// with many numbers quadratic).
struct Sentences {
    /// Byte offsets just after each ". ".
    starts: Vec<usize>,
    /// Byte offsets of "countries" and of "states", in any case.
    words: [(Vec<usize>, usize); 2],
}

impl Sentences {
    fn new(line: &str) -> Sentences {
        let lower = line.to_ascii_lowercase();
        let at = |word: &str| (lower.match_indices(word).map(|(i, _)| i).collect::<Vec<_>>(), word.len());
        Sentences {
            starts: line.match_indices(". ").map(|(i, _)| i + 2).collect(),
            words: [at("countries"), at("states")],
        }
    }

    /// True when the sentence holding byte `at` names countries or states before `at`.
    fn speak_of_countries(&self, at: usize) -> bool {
        let start = self.starts.partition_point(|&s| s <= at).checked_sub(1).map_or(0, |k| self.starts[k]);
        self.words.iter().any(|(found, len)| {
            let first = found.partition_point(|&w| w < start);
            found.get(first).is_some_and(|&w| w + len <= at)
        })
    }
}

/// Every stated count of countries in the line, in order.
pub fn counts(line: &str) -> Vec<Count> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut sentences = None;
    let mut i = 0;
    while i < line.len() {
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || b".,/-".contains(&bytes[i - 1]));
        if !bytes[i].is_ascii_digit() || !boundary {
            i += 1;
            continue;
        }
        let rest = &line[i..];
        let parsed = count_noun(rest).ok().or_else(|| {
            let speaks = |_: &(&str, i64)| sentences.get_or_insert_with(|| Sentences::new(line)).speak_of_countries(i);
            count_colon(rest).ok().filter(speaks)
        });
        match parsed {
            Some((after, count)) => {
                let end = line.len() - after.len();
                out.push(Count { count, start: i, end });
                i = end;
            }
            None => i += take_digits(rest),
        }
    }
    out
}

fn take_digits(input: &str) -> usize {
    take_while1::<_, &str, nom::error::Error<&str>>(|c: char| c.is_ascii_digit())(input)
        .map(|(_, d)| d.len())
        .unwrap_or(1)
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
        let line = "   12. Bhutan  ";
        let it = item(line).expect("an item");
        assert_eq!(&line[it.at..it.at + it.text.len()], "Bhutan");
        assert_eq!(item("30.04.2015 is a date"), None);
        assert_eq!(item("1/30 day border crossing rule"), None);
        assert_eq!(item("Annex 1"), None);
        assert_eq!(item("-"), None);
    }

    #[test]
    fn counts_of_countries() {
        let line = "visa - 117 states, and 23 states (the list is attached), 30 calendar days, 3,063 KZT";
        let found: Vec<i64> = counts(line).iter().map(|c| c.count).collect();
        assert_eq!(found, [117, 23]);
        assert_eq!(counts("Citizens of 109 countries* can apply:")[0].count, 109);
        assert_eq!(counts("the list of countries has expanded to 33: Argentina")[0].count, 33);
        assert!(counts("Statistics as of June 6, 2021:").is_empty());
        assert!(counts("from the following countries starting from December 3, 2021:").is_empty());
        let c = &counts("countries has expanded to 33: A")[0];
        assert_eq!(&"countries has expanded to 33: A"[c.start..c.end], "33");
        assert!(counts("the states-members of 5 states-members").is_empty());
        let c = &counts("open with 29 countries: A")[0];
        assert_eq!(&"open with 29 countries: A"[c.start..c.end], "29 countries");
    }
}
