//! Quotes: verbatim slices of one sentence, short enough for the kb (about 25 words), placed on the words that
//! matter (the phrase that matched and the date it took).

/// Quotes are cut to this many words (the kb's limit is about 25).
pub const QUOTE_WORDS: usize = 25;
/// A whole sentence up to this many words is quoted as it is (the kb's quote test allows 30).
pub const SENTENCE_WORDS: usize = 30;

/// A verbatim quote: the whole sentence when it has at most `SENTENCE_WORDS` words; else about `QUOTE_WORDS`
/// words around the key spans (the phrase that matched, the date it took), with a few words before them so
/// that the date keeps its cue ("as of September 3, 2021").
pub fn quote_of(sentence: &str, phrase: Option<(usize, usize)>, date: Option<(usize, usize)>) -> String {
    let clean = |s: &str| s.trim().trim_end_matches(|c: char| !c.is_ascii()).trim_end().to_string();
    let words: Vec<(usize, usize)> = word_spans(sentence);
    if words.len() <= SENTENCE_WORDS {
        return clean(sentence);
    }
    let spans: Vec<(usize, usize)> = phrase.into_iter().chain(date).collect();
    let word_at = |offset: usize| words.iter().position(|w| offset < w.1).unwrap_or(words.len() - 1);
    let first = spans.iter().map(|s| word_at(s.0)).min().unwrap_or(0);
    let last = spans.iter().map(|s| word_at(s.1.saturating_sub(1))).max().unwrap_or(first).max(first);
    let (from, to) = if last - first < SENTENCE_WORDS {
        let room = QUOTE_WORDS.saturating_sub(last - first + 1);
        let from = first - first.min(3).min(room);
        (from, last.max((from + QUOTE_WORDS - 1).min(words.len() - 1)))
    } else {
        (first, first + QUOTE_WORDS - 1)
    };
    clean(&sentence[words[from].0..words[to].1])
}

/// The byte spans of the words of `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences_whole_long_ones_around_their_keys() {
        assert_eq!(quote_of("  Flights with Iran resumed. ", None, None), "Flights with Iran resumed.");
        let long = format!(
            "{}as of September 3, 2021, Kazakhstan has recognized the passports of Turkey.",
            "word ".repeat(40)
        );
        let date = long.find("September").expect("a date");
        let quote = quote_of(&long, long.find("recognized").map(|p| (p, p + 10)), Some((date, date + 17)));
        assert!(quote.starts_with("word as of September 3, 2021,"), "{quote}");
        assert!(long.contains(&quote) && quote.split_whitespace().count() <= QUOTE_WORDS);
        assert_eq!(quote_of("a b c ₸", None, None), "a b c");
    }
}
