//! The phrase notation of the pattern table, compiled to regular expressions: `word*` is a word with any ending,
//! `a ... b` allows any words between, `A & B` needs both parts in either order, words match whole words, case
//! is ignored; everything else is `regex` syntax (linear time: no backtracking).

use regex::Regex;

/// A phrase: every part must match the sentence, in any order.
#[derive(Debug)]
pub struct Matcher {
    parts: Vec<Regex>,
}

impl Matcher {
    /// True when every part matches `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.parts.iter().all(|p| p.is_match(text))
    }

    /// Where the first part matches: the place a quote should show.
    pub fn first_match(&self, text: &str) -> Option<(usize, usize)> {
        self.parts.first()?.find(text).map(|m| (m.start(), m.end()))
    }
}

/// Turns the phrase notation into a regular expression: `word*` is any ending, `...` is any text, white space
/// is any white space, whole words only; everything else is regular-expression syntax, matched ignoring case.
pub fn compile_part(part: &str) -> Result<Regex, regex::Error> {
    let text = part.trim();
    let mut out = String::from("(?i)");
    let word_edge = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "()*?".contains(c));
    if word_edge(text.chars().next()) {
        out.push_str(r"\b");
    }
    let mut prev: Option<char> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // "a ... b": a, then b, with any words (or none) between them.
        if rest.starts_with(" ... ") {
            out.push_str(r"\s(?:.*?\s)?");
            rest = &rest[5..];
            prev = Some(' ');
            continue;
        }
        if rest.starts_with("...") {
            out.push_str(".*?");
            rest = &rest[3..];
            prev = Some('.');
            continue;
        }
        if c.is_whitespace() {
            if !prev.is_some_and(char::is_whitespace) {
                out.push_str(r"\s+");
            }
        } else if c == '*' && prev.is_some_and(char::is_alphanumeric) {
            out.push_str(r"\w*");
        } else {
            out.push(c);
        }
        prev = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    if word_edge(text.chars().last()) {
        out.push_str(r"\b");
    }
    Regex::new(&out)
}

pub fn matcher(phrase: &str) -> Result<Matcher, regex::Error> {
    let parts = phrase.split(" & ").map(compile_part).collect::<Result<Vec<_>, _>>()?;
    Ok(Matcher { parts })
}

/// A cue matches the words that end right before a date.
pub fn cue_regex(phrase: &str) -> Result<Regex, regex::Error> {
    let inner = compile_part(phrase)?;
    Regex::new(&format!(r"{}[\s,]*$", inner.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phrase_notation() {
        let re = compile_part("(resum*|renew*) ... flights?").expect("compiles");
        assert!(re.is_match("Kazakhstan resumed direct regular air flights with Iran"));
        assert!(re.is_match("RENEWED regular FLIGHT"));
        assert!(!re.is_match("presumed flights"));
        assert!(compile_part("not ... require*").expect("compiles").is_match("do not require"));
        let m = matcher("flights & suspend*").expect("compiles");
        assert!(m.is_match("suspend direct flights to Egypt") && m.is_match("flights were suspended"));
        assert!(!m.is_match("flights were resumed"));
        let cue = cue_regex("(effective|since)").expect("compiles");
        assert!(
            cue.is_match("Effective ") && cue.is_match("flights resumed since, ") && !cue.is_match("effective at ")
        );
    }
}
