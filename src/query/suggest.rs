//! "Did you mean": the closest known name to a mistyped one.

/// The candidate closest to `name` by edit distance, when it is close enough to be a plausible typo.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let len = name.chars().count();
    candidates
        // The distance is at least the difference of the lengths: a candidate too long or too short to be close is
        // skipped before the quadratic edit distance (ten thousand unknown names each ask every known one).
        .filter(|c| c.chars().count().abs_diff(len) <= 2.max(c.len() / 4))
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}
