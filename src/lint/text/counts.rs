//! Stated counts in a sentence: a number in digits or words, up to four modifiers ("the following", "more",
//! "EAEU partner"), then a countable noun ("countries", "states", "categories", "airports" ...). Numbers that are
//! not counts never make one: amounts and durations (no countable noun), dates ("December 3", "3 December"),
//! numbers of things ("No. 47", "Article 517", "KC 921", "$60"), approximations ("more than 50", "up to 30"),
//! parts ("one of", "two of the") and adjectives ("30-day").

use super::numbers;
use super::words::{gap_after, plain, words, Word};

/// What a counted noun counts: countries (items are country names) or other things (items are the list's own);
/// a total with no noun ("Total: 4", "a total of 12:") counts whatever its list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NounKind {
    Countries,
    Other,
    Any,
}

/// The noun of a total that names none ("Total: 4"), as messages print it: "the text states 4 in total".
pub const NO_NOUN: &str = "in total";

/// A count found in a sentence, with byte offsets into the sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub value: i64,
    /// The noun as written, lower case ("countries", "states", "airports").
    pub noun: String,
    pub kind: NounKind,
    /// From the number's first byte to the noun's last.
    pub start: usize,
    pub end: usize,
    /// "these eight countries", "all six categories", "the above 5 states": it speaks of a list already given.
    pub back: bool,
    /// Only "all" points back: a weaker sign than "these" ("all 35 countries with which ..." may be new).
    pub weak: bool,
    /// "a total of 12 countries", "12 countries in total": a total, of the list before or after it.
    pub total: bool,
    /// "Of the 20 countries on the list, three ...": the sentence speaks of some of them; a list after it in
    /// the sentence is not theirs.
    pub partitive: bool,
}

/// Nouns whose items are countries.
const COUNTRY_NOUNS: &[(&str, &str)] =
    &[("countries", "country"), ("states", "state"), ("nations", "nation"), ("jurisdictions", "jurisdiction")];

/// Nouns whose lists have items of their own (plural, singular).
const OTHER_NOUNS: &[(&str, &str)] = &[
    ("categories", "category"),
    ("types", "type"),
    ("kinds", "kind"),
    ("airports", "airport"),
    ("cities", "city"),
    ("documents", "document"),
    ("groups", "group"),
    ("items", "item"),
    ("checkpoints", "checkpoint"),
    ("crossings", "crossing"),
    ("regions", "region"),
    ("oblasts", "oblast"),
    ("provinces", "province"),
    ("territories", "territory"),
    ("vaccines", "vaccine"),
    ("airlines", "airline"),
    ("carriers", "carrier"),
    ("destinations", "destination"),
    ("routes", "route"),
    ("conditions", "condition"),
    ("requirements", "requirement"),
    ("exceptions", "exception"),
    ("grounds", "ground"),
    ("purposes", "purpose"),
    ("sectors", "sector"),
    ("languages", "language"),
    ("organizations", "organization"),
    ("organisations", "organisation"),
    ("ministries", "ministry"),
    ("agencies", "agency"),
    ("measures", "measure"),
    ("ports", "port"),
    ("stations", "station"),
    ("universities", "university"),
    ("professions", "profession"),
    ("nationalities", "nationality"),
    ("services", "service"),
    ("permits", "permit"),
    ("steps", "step"),
    ("stages", "stage"),
    ("options", "option"),
    ("programs", "program"),
    ("programmes", "programme"),
    ("institutions", "institution"),
    ("companies", "company"),
];

/// Words that end a noun phrase before its noun: no count reads across them.
const STOP: &[&str] = &[
    "a", "an", "the", "of", "to", "for", "with", "in", "on", "at", "from", "by", "and", "or", "but", "as", "than",
    "per", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "may", "must",
    "shall", "should", "this", "that", "these", "those", "which", "who", "whose", "where", "when", "it", "its",
    "their", "there", "not", "no", "into", "within", "until", "till", "after", "before", "since", "during", "under",
    "over", "about", "up", "also", "each", "every", "times", "a.m", "p.m",
];

/// Words right before a number that make it a reference, not a count ("No. 47", "Article 517", "flight 941").
const REFERENCES: &[&str] = &[
    "no",
    "nos",
    "number",
    "article",
    "art",
    "resolution",
    "decree",
    "order",
    "protocol",
    "paragraph",
    "item",
    "point",
    "part",
    "clause",
    "section",
    "chapter",
    "annex",
    "appendix",
    "page",
    "flight",
    "category",
    "room",
    "gate",
    "terminal",
    "hotline",
    "tel",
    "phone",
    "code",
    "version",
    "level",
    "class",
    "grade",
    "group",
    "type",
];

/// Words before a number that make it approximate or a bound, never a count of a list.
const APPROXIMATE: &[&str] = &[
    "over",
    "about",
    "approximately",
    "nearly",
    "almost",
    "around",
    "some",
    "roughly",
    "circa",
    "under",
    "below",
    "exceeding",
    "least",
    "most",
    "than",
    "to",
];

/// Words before a count that point back at a list already given.
const BACK: &[&str] =
    &["these", "those", "above", "above-mentioned", "aforementioned", "mentioned", "listed", "said", "all"];

fn lower(word: &Word) -> String {
    word.text.to_lowercase()
}

/// Every count in `sentence`, in order.
pub fn counts(sentence: &str) -> Vec<Found> {
    let ws = words(sentence);
    let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match count_at(sentence, &ws, &texts, i) {
            Some((found, next)) => {
                out.push(found);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// The count that starts at word `i`, and the word after it.
fn count_at(sentence: &str, ws: &[Word], texts: &[&str], i: usize) -> Option<(Found, usize)> {
    let (value, used) = numbers::read(&texts[i..])?;
    // The words of a number are joined by spaces only ("twenty one", "a dozen").
    if (i..i + used - 1).any(|k| !plain(gap_after(sentence, ws, k))) || !not_a_reference(sentence, ws, i) {
        return None;
    }
    let mut after = i + used;
    // "ten (10) countries", "12 (twelve) states": the number repeated in brackets, as legal texts write it.
    let repeated = repeat_after(sentence, ws, texts, after, value);
    after += repeated;
    let next = ws.get(after).map(lower).unwrap_or_default();
    if next == "of" || crate::time::is_month_word(&next) {
        return None;
    }
    let joined = if repeated > 0 {
        gap_after(sentence, ws, after - 1).trim_start().strip_prefix(')').is_some_and(plain)
    } else {
        plain(gap_after(sentence, ws, after - 1))
    };
    let noun = joined.then(|| noun_after(sentence, ws, after, value)).flatten();
    let Some((noun, kind, at)) = noun else { return bare(sentence, ws, i, after, value) };
    let before = |k: usize| i.checked_sub(k).map(|j| lower(&ws[j])).unwrap_or_default();
    let back = BACK.contains(&before(1).as_str()) || (before(1) == "the" && BACK.contains(&before(2).as_str()));
    let weak = back && before(1) == "all";
    let following = ws.get(at + 1..at + 3).map(|w| w.iter().map(lower).collect::<Vec<_>>()).unwrap_or_default();
    let total = (before(1) == "of" && before(2) == "total")
        || before(1) == "total"
        || before(1) == "altogether"
        || matches!(following.as_slice(), [a, b] if a == "in" && (b == "total" || b == "all"));
    let partitive = (i == 1 && before(1) == "of") || (i == 2 && before(2) == "of" && before(1) == "the");
    let found = Found { value, noun, kind, start: ws[i].start, end: ws[at].end, back, weak, total, partitive };
    Some((found, at + 1))
}

/// A number with its noun earlier in the sentence: "the list of countries has expanded to 33: A, B", "the
/// following countries are recognised (5 in total):", "Visa-free countries (3):", "Entry rules by country (3):";
/// or closing it after a colon: "Number of countries: 4", "Total: 4" (a total with no noun counts any list).
fn bare(sentence: &str, ws: &[Word], i: usize, after: usize, value: i64) -> Option<(Found, usize)> {
    let gap = gap_after(sentence, ws, after - 1);
    let next: Vec<String> = ws.get(after..after + 2).map(|w| w.iter().map(lower).collect()).unwrap_or_default();
    let in_total = matches!(next.as_slice(), [a, b] if a == "in" && (b == "total" || b == "all")) && plain(gap);
    let word_before = i.checked_sub(1).map(|j| lower(&ws[j])).unwrap_or_default();
    let gap_before = i.checked_sub(1).map(|j| sentence[ws[j].end..ws[i].start].trim()).unwrap_or("");
    // "Visa-free countries (3):", "by country (3)", "the following (4):": the number in brackets right after its
    // noun, or after "following" (whose noun, if any, comes earlier).
    let following = word_before == "following";
    let bracketed =
        gap_before == "(" && gap.trim_start().starts_with(')') && (noun_kind(&word_before, 1).is_some() || following);
    // "Number of countries: 4", "Total: 4.": the number after a colon ends the sentence, and no number before it
    // counts the noun already ("arrivals from three countries: 14").
    let closing = gap_before == ":"
        && after == ws.len()
        && gap.chars().all(|c| c.is_whitespace() || ".;".contains(c))
        && ws[..i].iter().all(|w| numbers::read(&[w.text]).is_none());
    let of_total = word_before == "total" || (word_before == "of" && i >= 2 && lower(&ws[i - 2]) == "total");
    if !(gap.trim_start().starts_with(':') || in_total || bracketed || closing) || value > MAX_BARE {
        return None;
    }
    let named = if (bracketed && !following) || closing {
        noun_kind(&word_before, 1).map(|k| (plural(&word_before), k))
    } else {
        ws[..i].iter().rev().find_map(|w| {
            let word = lower(w);
            noun_kind(&word, 2).map(|k| (word, k))
        })
    };
    let (noun, kind) = match named {
        Some(found) => found,
        None if of_total || following => (NO_NOUN.to_string(), NounKind::Any),
        None => return None,
    };
    let total = in_total || of_total || closing;
    let end = if in_total { ws[after + 1].end } else { ws[after - 1].end };
    let found = Found { value, noun, kind, start: ws[i].start, end, back: false, weak: false, total, partitive: false };
    Some((found, if in_total { after + 2 } else { after }))
}

/// The plural of a countable noun ("country" gives "countries"); a plural stays as it is.
fn plural(word: &str) -> String {
    let all = COUNTRY_NOUNS.iter().chain(OTHER_NOUNS);
    all.clone().find(|(_, s)| *s == word).map(|(p, _)| p.to_string()).unwrap_or_else(|| word.to_string())
}

/// How many words after word `after` repeat the number `value` in brackets ("ten (10)", "12 (twelve)"): 0 when
/// they do not.
fn repeat_after(sentence: &str, ws: &[Word], texts: &[&str], after: usize, value: i64) -> usize {
    if after >= ws.len() || gap_after(sentence, ws, after - 1).trim() != "(" {
        return 0;
    }
    match numbers::read(&texts[after..]) {
        Some((v, used)) if v == value && gap_after(sentence, ws, after + used - 1).trim_start().starts_with(')') => {
            used
        }
        _ => 0,
    }
}

/// Larger numbers before a colon are years or amounts, not counts.
const MAX_BARE: i64 = 500;

/// Whether the number at word `i` can be a count: not a reference, a date, an amount or an approximation.
fn not_a_reference(sentence: &str, ws: &[Word], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|j| &ws[j]) else { return true };
    let gap = &sentence[prev.end..ws[i].start];
    if gap.contains(['#', '№', '$', '€', '£', '%']) {
        return false;
    }
    let word = lower(prev);
    let code = prev.text.len() <= 3 && prev.text.chars().all(|c| c.is_ascii_uppercase()) && plain(gap);
    let up_to = word == "to" && i >= 2 && lower(&ws[i - 2]) == "up";
    // "3 and 4 categories", "5 to 7 countries": numbers of a range or of categories, not a count.
    let joined = matches!(word.as_str(), "and" | "or" | "to") && i >= 2 && numbers::read(&[ws[i - 2].text]).is_some();
    if joined {
        return false;
    }
    let bound = APPROXIMATE.contains(&word.as_str()) && (word != "to" || up_to);
    !(REFERENCES.contains(&word.trim_end_matches('.')) || crate::time::is_month_word(&word) || code || bound)
}

/// The countable noun within four modifiers after word `from` (seven when they are joined by "and" or "or":
/// "48 economically developed and politically stable states"): its text, kind and word index.
fn noun_after(sentence: &str, ws: &[Word], from: usize, value: i64) -> Option<(String, NounKind, usize)> {
    let mut reach = from + 5;
    for k in from..ws.len() {
        if k >= reach {
            return None;
        }
        let word = lower(&ws[k]);
        if let Some(kind) = noun_kind(&word, value) {
            // "states-members", "countries'": the noun must end there.
            return Some((word, kind, k));
        }
        if (word == "and" || word == "or") && joins_modifiers(ws, from, k) {
            reach = from + 8;
        } else if STOP.contains(&word.as_str()) || numbers::read(&[ws[k].text]).is_some() {
            return None;
        }
        if !plain(gap_after(sentence, ws, k)) {
            return None;
        }
    }
    None
}

/// Whether the "and" or "or" at word `k` joins two modifiers of one noun ("developed and stable", "EAEU and
/// CIS"), not two things ("14 days and other countries", "3 and 4 categories"): a modifier stands before it,
/// not the number itself nor a plural, and a word that is no stop word after it.
fn joins_modifiers(ws: &[Word], from: usize, k: usize) -> bool {
    let before = lower(&ws[k - 1]);
    let after = ws.get(k + 1).map(lower).unwrap_or_default();
    k > from
        && !before.ends_with('s')
        && numbers::read(&[ws[k - 1].text]).is_none()
        && !after.is_empty()
        && !STOP.contains(&after.as_str())
        && !["other", "more", "some", "several", "many"].contains(&after.as_str())
}

/// The kind of a countable noun: plural, or singular for a count of one.
fn noun_kind(word: &str, value: i64) -> Option<NounKind> {
    let is = |table: &[(&str, &str)]| table.iter().any(|(p, s)| *p == word || (value == 1 && *s == word));
    if is(COUNTRY_NOUNS) {
        Some(NounKind::Countries)
    } else if is(OTHER_NOUNS) {
        Some(NounKind::Other)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(sentence: &str) -> Vec<(i64, String)> {
        counts(sentence).into_iter().map(|c| (c.value, c.noun)).collect()
    }

    #[test]
    fn counts_in_digits_and_words_with_their_nouns() {
        let v = |n: i64, noun: &str| (n, noun.to_string());
        assert_eq!(values("issued by twelve countries: Mongolia"), [v(12, "countries")]);
        assert_eq!(values("the following 10 countries: A"), [v(10, "countries")]);
        assert_eq!(values("citizens of four EAEU partner states – Armenia"), [v(4, "states")]);
        assert_eq!(values("a dozen countries - Germany"), [v(12, "countries")]);
        assert_eq!(values("Three groups of travellers are exempt"), [v(3, "groups")]);
        assert_eq!(values("five international airports: Almaty"), [v(5, "airports")]);
        assert_eq!(values("twenty-one states, namely"), [v(21, "states")]);
        assert_eq!(values("with one country: Egypt"), [v(1, "country")]);
        assert_eq!(
            values("visa - 117 states, and 23 states (the list is attached)"),
            [v(117, "states"), v(23, "states")]
        );
        assert_eq!(values("with ten (10) countries: A"), [v(10, "countries")]);
        assert_eq!(values("with 12 (twelve) states: A"), [v(12, "states")]);
        assert_eq!(values("the list of 48 economically developed and politically stable states"), [v(48, "states")]);
        assert_eq!(values("citizens of 5 EAEU and CIS countries"), [v(5, "countries")]);
        let c = &counts("open with 29 countries: A")[0];
        assert_eq!(&"open with 29 countries: A"[c.start..c.end], "29 countries");
    }

    #[test]
    fn numbers_that_are_not_counts() {
        for text in [
            "one of the following categories of visas: B1",
            "within 5 calendar days, 3 business days, a fine of 10 MCI (25,250 tenge)",
            "Article 517 of the Code",
            "flight KC 921 to Frankfurt, No. 47, Resolution # 286",
            "the consular fee is $60 for a tourist visa",
            "for up to 30 days, more than 50 countries, over 20 states",
            "the 30-day regime, a 5-year visa",
            "from December 3, 2021, on 3 December 2021",
            "Air Astana adds 2 weekly flights to Antalya",
            "the states-members of 5 states-members",
            "two of the countries",
            "for foreign specialists of 3 and 4 categories",
            "from 5 to 7 countries",
            "within 14 days and other countries",
            "for 3 and 4 categories",
            "a stay of 30 days or more, and the countries",
        ] {
            assert!(counts(text).is_empty(), "{text}: {:?}", counts(text));
        }
    }

    #[test]
    fn counts_that_point_back_or_give_a_total() {
        let c = &counts("Citizens of these eight countries may")[0];
        assert!(c.back && !c.total && c.value == 8);
        let c = &counts("All six categories are single-entry")[0];
        assert!(c.back && c.weak);
        assert!(counts("a total of 12 countries")[0].total);
        assert!(counts("12 countries in total")[0].total);
        assert!(counts("In total, 12 countries")[0].total);
        assert!(!counts("with 12 countries")[0].back);
        assert!(counts("Of the 20 countries on the list, three are in Europe: A, B")[0].partitive);
        assert!(!counts("Citizens of 20 countries: A, B")[0].partitive);
        let c = &counts("the list of countries has expanded to 33: Argentina")[0];
        assert_eq!((c.value, c.noun.as_str()), (33, "countries"));
        let c = &counts("the following countries are recognised (5 in total):")[0];
        assert!(c.total && c.value == 5);
        assert!(counts("Statistics as of June 6, 2021:").is_empty());
        assert!(counts("from the following countries starting from December 3, 2021:").is_empty());
        assert_eq!(counts("Visa-free countries (3):")[0].value, 3);
        assert!(counts("Visa-free regime (2021):").is_empty());
        let c = &counts("Entry rules by country (3):")[0];
        assert_eq!((c.value, c.noun.as_str()), (3, "countries"));
        let c = &counts("citizens of the following (4):")[0];
        assert_eq!((c.value, c.kind), (4, NounKind::Any));
        let c = &counts("the following states (4):")[0];
        assert_eq!((c.value, c.noun.as_str()), (4, "states"));
        let c = &counts("Number of countries: 4")[0];
        assert!(c.total && c.value == 4 && c.kind == NounKind::Countries);
        let c = &counts("Total: 4.")[0];
        assert_eq!((c.value, c.noun.as_str(), c.kind), (4, NO_NOUN, NounKind::Any));
        assert!(counts("Total: 4 countries")[0].total);
        let c = &counts("The list includes a total of 12:")[0];
        assert_eq!((c.value, c.kind, c.total), (12, NounKind::Any, true));
        for text in ["Hotline: 1406", "Quarantine for arrivals from three countries: 14", "Stay: 30", "Round 2: 5"] {
            assert!(counts(text).iter().all(|c| c.value != 1406 && c.value != 14 && c.value != 30), "{text}");
        }
    }
}
