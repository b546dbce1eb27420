//! Numbers as news prints them: digits ("29") and words ("twelve", "twenty-one", "Twenty one", "one hundred and
//! five", "a dozen", "two dozen"), read from a sequence of words.

/// The value of a number word on its own: one to nineteen, the tens, and "hundred" (as a multiplier).
fn word_value(word: &str) -> Option<i64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    // Compared in place: this runs on every word of a document, so it allocates nothing.
    if let Some(n) = UNITS.iter().position(|u| u.eq_ignore_ascii_case(word)) {
        return Some(n as i64);
    }
    TENS.iter().position(|t| t.eq_ignore_ascii_case(word)).map(|n| 20 + 10 * n as i64)
}

/// "twenty-one", "twenty", "seven": one word (a hyphen joins tens and units) below one hundred.
fn below_hundred(word: &str) -> Option<i64> {
    match word.split_once('-') {
        Some((tens, unit)) => {
            let (t, u) = (word_value(tens)?, word_value(unit)?);
            (t >= 20 && t % 10 == 0 && (1..10).contains(&u)).then_some(t + u)
        }
        None => word_value(word),
    }
}

/// A number in digits only, of at most four digits (larger ones, and "3,063" or "1.5", are amounts, not counts).
pub fn digits(word: &str) -> Option<i64> {
    (!word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok())?
}

/// The number that the words `words[0..]` start with, and how many words it takes; `None` when they start with
/// none. `words` are plain words (no punctuation); "a dozen" and "one hundred and five" take several.
pub fn read(words: &[&str]) -> Option<(i64, usize)> {
    let first = *words.first()?;
    // Number words start with one of these letters; anything else is decided without looking further.
    if !first.starts_with(|c: char| c.is_ascii_digit() || "aoOAtTfFsSeEnN".contains(c)) {
        return None;
    }
    let second_is = |word: &str| words.get(1).is_some_and(|w| w.eq_ignore_ascii_case(word));
    if let Some(n) = digits(first) {
        return Some((n, 1));
    }
    if first.eq_ignore_ascii_case("a") || first.eq_ignore_ascii_case("one") {
        if second_is("dozen") {
            return Some((12, 2));
        }
        if second_is("hundred") {
            return Some(hundreds(1, words));
        }
        if first.eq_ignore_ascii_case("a") {
            return None;
        }
    }
    let mut value = below_hundred(first)?;
    let mut used = 1;
    if (1..10).contains(&value) && second_is("dozen") {
        return Some((value * 12, 2));
    }
    if (1..10).contains(&value) && second_is("hundred") {
        return Some(hundreds(value, words));
    }
    // "twenty one": tens and a unit as two words.
    if value >= 20 && value % 10 == 0 {
        if let Some(u) = words.get(1).and_then(|w| word_value(w)).filter(|u| (1..10).contains(u)) {
            value += u;
            used = 2;
        }
    }
    Some((value, used))
}

/// "N hundred [and] [M]": the words after "hundred" read as the rest below one hundred.
fn hundreds(n: i64, words: &[&str]) -> (i64, usize) {
    let rest = &words[2..];
    let and = usize::from(rest.len() > 1 && rest[0].eq_ignore_ascii_case("and"));
    match read(&rest[and..]).filter(|(m, _)| (1..100).contains(m)) {
        Some((m, k)) => (n * 100 + m, 2 + and + k),
        None => (n * 100, 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<(i64, usize)> {
        let words: Vec<&str> = text.split_whitespace().collect();
        read(&words)
    }

    #[test]
    fn numbers_in_words_and_digits() {
        assert_eq!(value("twelve countries"), Some((12, 1)));
        assert_eq!(value("Twenty-one states"), Some((21, 1)));
        assert_eq!(value("twenty one states"), Some((21, 2)));
        assert_eq!(value("a dozen countries"), Some((12, 2)));
        assert_eq!(value("two dozen countries"), Some((24, 2)));
        assert_eq!(value("one hundred and five states"), Some((105, 4)));
        assert_eq!(value("a hundred countries"), Some((100, 2)));
        assert_eq!(value("one hundred seventeen states"), Some((117, 3)));
        assert_eq!(value("ninety-nine"), Some((99, 1)));
        assert_eq!(value("117 states"), Some((117, 1)));
        assert_eq!(value("a country"), None);
        assert_eq!(value("twenty-twelve"), None);
        assert_eq!(value("3,063"), None);
        assert_eq!(value("100000 states"), None);
        for n in 1..=100 {
            let text = spelled(n);
            assert_eq!(value(&text).map(|v| v.0), Some(n), "{text}");
        }
    }

    /// Spells 1-100 the way English does, to read each back.
    fn spelled(n: i64) -> String {
        let units = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        let teens = [
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        match n {
            100 => "one hundred".into(),
            1..=9 => units[n as usize].into(),
            10..=19 => teens[n as usize - 10].into(),
            _ if n % 10 == 0 => tens[n as usize / 10].into(),
            _ => format!("{}-{}", tens[n as usize / 10], units[n as usize % 10]),
        }
    }
}
