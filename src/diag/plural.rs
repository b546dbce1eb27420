//! A count with its noun (`1 error`, `2 errors`, `1 entry`, `3 entries`): the one place every message, summary and
//! page says how many of something, so that none of them writes "error(s)".

/// `n` and `noun`, the noun with `s` unless `n` is 1: `plural(1, "fact")` is `1 fact`, `plural(0, "fact")` `0 facts`.
pub fn plural(n: usize, noun: &str) -> String {
    format!("{n} {}", noun_for(n, noun))
}

/// The noun alone, in the number `n` asks for: `noun_for(2, "line")` is `lines`. Nouns in `-y` after a consonant
/// take `-ies` (`country`, `entry`); those in `-s`, `-x`, `-ch` and `-sh` take `-es`.
pub fn noun_for(n: usize, noun: &str) -> String {
    if n == 1 {
        return noun.to_string();
    }
    let consonant_y = noun.len() > 1
        && noun.ends_with('y')
        && !matches!(noun.as_bytes()[noun.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u');
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "ch", "sh"].iter().any(|end| noun.ends_with(end)) {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(2, "warning"), "2 warnings");
        assert_eq!(plural(3, "country"), "3 countries");
        assert_eq!(plural(2, "day"), "2 days");
        assert_eq!(plural(2, "match"), "2 matches");
        assert_eq!(noun_for(1, "entry"), "entry");
        assert_eq!(noun_for(5, "entry"), "entries");
    }
}
