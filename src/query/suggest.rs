//! "Did you mean": the one policy for suggesting a known name in place of a mistyped one, used for predicates,
//! values, REPL commands and (through the linter and the report) anything else that is looked up by name.
//!
//! A candidate is close enough when its Damerau-Levenshtein distance to the text is at most 1 for a text of up
//! to three characters, else at most 2 or a quarter of the text's length; among equally distant candidates, the
//! one sharing a longer start with the text comes first (`gbr` suggests `gb` before `br`), then name order.

/// The candidates close enough to `text` to be a plausible typo, closest first, at most `most` of them.
pub fn ranked<'a>(text: &str, candidates: impl Iterator<Item = &'a str>, most: usize) -> Vec<&'a str> {
    let chars = text.chars().count();
    let limit = if chars <= 3 { 1 } else { 2.max(chars / 4) };
    let shared = |c: &str| text.chars().zip(c.chars()).take_while(|(a, b)| a == b).count();
    let mut close: Vec<(usize, std::cmp::Reverse<usize>, &str)> = candidates
        .filter(|c| *c != text)
        // The distance is at least the difference of the lengths: a candidate too long or too short to be close is
        // skipped before the quadratic edit distance (ten thousand unknown names each ask every known one).
        .filter(|c| c.chars().count().abs_diff(chars) <= limit)
        .map(|c| (strsim::damerau_levenshtein(text, c), std::cmp::Reverse(shared(c)), c))
        .filter(|(d, ..)| *d <= limit)
        .collect();
    close.sort();
    close.dedup();
    close.into_iter().take(most).map(|(.., c)| c).collect()
}

/// The candidate closest to `text`, when one is close enough to be a plausible typo.
pub fn closest<'a>(text: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    ranked(text, candidates, 1).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_allow_one_edit_and_longer_ones_more() {
        assert_eq!(closest("ux", ["us", "uz", "gb"].into_iter()), Some("us"));
        assert_eq!(closest("abc", ["xyz"].into_iter()), None);
        assert_eq!(closest("direct_flights", ["direct_flight", "idc_exempt"].into_iter()), Some("direct_flight"));
        assert_eq!(closest("lod", ["load", "limit", "more"].into_iter()), Some("load"));
        assert_eq!(ranked("ux", ["uz", "us", "ua", "gb"].into_iter(), 3), ["ua", "us", "uz"]);
        assert_eq!(ranked("gbr", ["gb", "br", "gr"].into_iter(), 3), ["gb", "gr", "br"], "a longer shared start first");
    }
}
