//! A sentence as words with byte spans, and the punctuation between them: what the count and list readers walk.
//! A word is a run of letters and digits, with the marks that hold a word or a number together when letters or
//! digits stand on both sides ("twenty-one", "e-visas", "Nur-Sultan", "3,063", "1.5", "08:30", "vmp.gov.kz").

/// One word of a sentence: its text and byte range in the sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Marks that join two letters or digits into one word.
fn joins(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | ',' | ':' | '/')
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut before = c;
        while let Some(&(i, c)) = chars.peek() {
            let held = joins(c)
                && held_by(before, c)
                && text[i + c.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric);
            if !(c.is_alphanumeric() || held) {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            before = c;
        }
        out.push(Word { text: &text[start..end], start, end });
    }
    out
}

/// A comma, colon or dot holds only digits together ("3,063", "08:30", "1.5"), or a dot a web address; a
/// hyphen, an apostrophe or a slash holds anything.
fn held_by(before: char, mark: char) -> bool {
    match mark {
        ',' | ':' => before.is_ascii_digit(),
        '.' => before.is_alphanumeric(),
        _ => true,
    }
}

/// The text between word `i` and the word after it (or the end), for the punctuation that separates them.
pub fn gap_after<'a>(text: &'a str, words: &[Word], i: usize) -> &'a str {
    let from = words.get(i).map(|w| w.end).unwrap_or(text.len());
    let to = words.get(i + 1).map(|w| w.start).unwrap_or(text.len());
    &text[from..to.max(from)]
}

/// Whether the gap holds nothing but spaces.
pub fn plain(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_numbers_and_compounds_whole() {
        let text = "twenty-one e-visas: 3,063 KZT at 08:30, Nur-Sultan (1.5 km), vmp.gov.kz. End";
        let got: Vec<&str> = words(text).iter().map(|w| w.text).collect();
        assert_eq!(
            got,
            ["twenty-one", "e-visas", "3,063", "KZT", "at", "08:30", "Nur-Sultan", "1.5", "km", "vmp.gov.kz", "End"]
        );
        let ws = words("A, B and C.");
        assert_eq!(gap_after("A, B and C.", &ws, 0), ", ");
        assert!(plain(gap_after("A, B and C.", &ws, 1)));
        assert_eq!(gap_after("A, B and C.", &ws, 3), ".");
    }

    #[test]
    fn letters_then_commas_are_two_words() {
        let got: Vec<&str> = words("Belarus,China and Türkiye").iter().map(|w| w.text).collect();
        assert_eq!(got, ["Belarus", "China", "and", "Türkiye"]);
    }
}
