//! Sentences of one line of prose: where a full stop, an exclamation or a question mark ends one. The linter's
//! reader and the drafter split text the same way, here.

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] =
    &["no", "mr", "mrs", "ms", "dr", "st", "art", "etc", "e.g", "i.e", "vs", "p", "pp", "cf", "approx", "incl", "nos"];

/// Splits a line into sentences: after `.`, `!` or `?` followed by white space and a capital letter, unless the
/// word before the stop is an abbreviation or a single letter. Spans are trimmed of white space.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let stop = matches!(bytes[i], b'.' | b'!' | b'?');
        if stop && bytes.get(i + 1).is_some_and(|b| *b == b' ') && ends_sentence(text, start, i) {
            let next = i + 1 + text[i + 1..].len() - text[i + 1..].trim_start().len();
            if text[next..].chars().next().is_some_and(|c| c.is_uppercase() || c == '"' || c == '«') {
                push_trimmed(text, start, i + 1, &mut out);
                start = next;
                i = next;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn ends_sentence(text: &str, start: usize, stop: usize) -> bool {
    let before = &text[start..stop];
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let lower = word.to_ascii_lowercase();
    // "A" of "A. Tsoy", "S" of "U.S.": a single letter before the stop is an initial.
    let last = word.rsplit('.').next().unwrap_or(word);
    let single_letter = last.chars().count() == 1 && last.chars().all(char::is_alphabetic);
    // "list: 1. Germany, 2. France": a number of one or two digits right after a colon, a comma or a semicolon
    // is an item's marker.
    let head = before[..before.len() - word.len()].trim_end();
    let marker = (1..=2).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_digit())
        && (head.is_empty() || head.ends_with([':', ',', ';']));
    !single_letter && !marker && !ABBREVIATIONS.contains(&lower.trim_end_matches('.'))
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    if !body.is_empty() {
        out.push((start + lead, start + lead + body.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn sentences_end_at_stops_before_capitals() {
        assert_eq!(split("One thing. Two things! three"), ["One thing.", "Two things! three"]);
        assert_eq!(
            split("the RoK No. 50 as of May. The U.S. Consulate"),
            ["the RoK No. 50 as of May.", "The U.S. Consulate"]
        );
        assert_eq!(split("Mr. A.Tsoy said so."), ["Mr. A.Tsoy said so."]);
        assert_eq!(split("   "), Vec::<&str>::new());
        assert_eq!(split("The list: 1. Germany, 2. France. Next"), ["The list: 1. Germany, 2. France.", "Next"]);
        assert_eq!(split("It rose to 12. The rest"), ["It rose to 12.", "The rest"]);
    }
}
