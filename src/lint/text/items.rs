//! The items of an inline list's text: split on semicolons when the list uses them, else on commas and "and"
//! (a name the kb knows whole stays whole: "Trinidad and Tobago", "Korea, Republic of"); a country list ends where
//! its items stop looking like names, and a last piece such as "etc." or "and others" makes the list partial.

use super::list::{item, Item};
use super::names::CountryTable;

/// Verbs that, right after the last name of a list, make the names the subject of a clause.
pub(super) const VERBS: &[&str] = &[
    "are",
    "were",
    "is",
    "was",
    "have",
    "has",
    "had",
    "will",
    "would",
    "can",
    "may",
    "remain",
    "remains",
    "remained",
    "received",
    "receive",
    "got",
    "became",
    "joined",
    "signed",
    "agreed",
    "applied",
    "requested",
];
/// The items of a list's text (starting at byte `base`), and "etc." when it ends with one.
pub(super) fn split(table: &CountryTable, region: &str, base: usize, line: usize) -> (Vec<Item>, Option<String>) {
    let pieces = pieces(table, region);
    let codes: Vec<bool> = pieces.iter().map(|(p, _)| table.lookup(p).is_some()).collect();
    let countries = codes.iter().any(|c| *c) || pieces.iter().any(|(p, _)| known_prefix(table, p).is_some());
    let mut items = Vec::new();
    let mut etc = None;
    for ((text, at), known) in pieces.into_iter().zip(codes) {
        let words = text.split_whitespace().take(9).count();
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("etc") || is_others(&lower) {
            etc = Some(text.trim().trim_end_matches('.').to_string());
            break;
        }
        let name_like = text.trim_start().starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || lower.starts_with("the ");
        // "12 countries: Germany, France and Italy were approved": the names are the subject of a clause, some
        // of the countries rather than their list.
        let subject = (countries && !known).then(|| known_prefix(table, text)).flatten().and_then(|head| {
            text[head..].split_whitespace().next().filter(|w| VERBS.contains(w)).map(|verb| (head, verb))
        });
        if let Some((head, verb)) = subject {
            items.extend(item(table, &text[..head], base + at, line, None));
            etc = Some(verb.to_string());
            break;
        }
        let stop = if countries {
            !known && (!name_like || words > 5 || text.contains(|c: char| c.is_ascii_digit()))
        } else {
            words > 8
        };
        if stop {
            // "Egypt from June 1": an item may open with the name; "including arrivals from the United
            // Kingdom, ...": the first item may end with it.
            if let Some(head) = known_prefix(table, text) {
                items.extend(item(table, &text[..head], base + at, line, None));
                continue;
            }
            match (items.is_empty(), known_suffix(table, text)) {
                (true, Some(tail)) => items.extend(item(table, &text[tail..], base + at + tail, line, None)),
                _ => break,
            }
            continue;
        }
        items.extend(item(table, text, base + at, line, None));
    }
    (items, etc)
}

/// Whether a list's last piece says that more items exist than it names: "and other countries", "others",
/// "and some others", "and more", "and many more".
fn is_others(lower: &str) -> bool {
    let words: Vec<&str> =
        lower.split_whitespace().map(|w| w.trim_end_matches(['.', ',', ';', ')'])).filter(|w| !w.is_empty()).collect();
    let words = match words.split_first() {
        Some((&"and" | &"or", rest)) => rest,
        _ => &words[..],
    };
    let quantity = |w: &&str| ["some", "many", "several", "a", "few", "various", "certain"].contains(w);
    let rest: Vec<&str> = words.iter().copied().skip_while(quantity).collect();
    match rest.as_slice() {
        ["others"] | ["more"] | ["more", _] => true,
        ["other", ..] => rest.len() <= 3,
        _ => false,
    }
}

/// Where the country name that opens `text` ends, looking at its first few words only (the longest name).
pub(super) fn known_prefix(table: &CountryTable, text: &str) -> Option<usize> {
    let t = text.trim_start();
    if !(t.starts_with(char::is_uppercase) || t.starts_with("the ")) {
        return None;
    }
    let ends: Vec<usize> = text.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, _)| i).collect();
    ends.iter().take(6).rev().copied().find(|e| table.lookup(&text[..*e]).is_some())
}

/// Where the country name that ends `text` starts, looking at its last few words only.
fn known_suffix(table: &CountryTable, text: &str) -> Option<usize> {
    let starts: Vec<usize> =
        text.char_indices().filter(|(i, c)| *i > 0 && c.is_whitespace()).map(|(i, c)| i + c.len_utf8()).collect();
    starts.iter().rev().take(6).rev().copied().find(|s| table.lookup(&text[*s..]).is_some())
}

/// The pieces of a list's text with their byte offsets: split on semicolons, or on commas and "and".
fn pieces<'a>(table: &CountryTable, region: &'a str) -> Vec<(&'a str, usize)> {
    let semis = split_on(region, ";");
    let parts = if semis.len() > 1 && !semis[0].0.contains(',') { semis } else { split_on(region, ",") };
    let parts = join_known(table, region, parts);
    let mut out = Vec::new();
    for (part, at) in parts {
        let (part, at) = strip_and(part, at);
        let (part, at) = strip_number(part, at);
        if part.trim().is_empty() {
            continue;
        }
        if table.lookup(part).is_some() {
            out.push((part, at));
            continue;
        }
        out.extend(split_and(table, part, at));
    }
    out
}

/// A piece split on " and " (and " & ", " or "), neighbouring parts joined again where they make a name the kb knows
/// ("Georgia and Trinidad and Tobago": Georgia, Trinidad and Tobago).
fn split_and<'a>(table: &CountryTable, part: &'a str, at: usize) -> Vec<(&'a str, usize)> {
    let mut subs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let separators = part.match_indices(" and ").chain(part.match_indices(" & ")).chain(part.match_indices(" or "));
    for (i, sep) in separators.collect::<std::collections::BTreeMap<_, _>>() {
        if i >= start {
            subs.push((start, i));
            start = i + sep.len();
        }
    }
    subs.push((start, part.len()));
    let mut out = Vec::new();
    let mut i = 0;
    while i < subs.len() {
        // The longest run of parts from `i` that names a country, else the part alone.
        let j = (i + 1..subs.len()).rev().find(|j| table.lookup(&part[subs[i].0..subs[*j].1]).is_some()).unwrap_or(i);
        let (from, to) = (subs[i].0, subs[j].1);
        if !part[from..to].trim().is_empty() {
            out.push((&part[from..to], at + from));
        }
        i = j + 1;
    }
    out
}

/// `text` split on `sep` outside brackets, each piece with its offset.
fn split_on<'a>(text: &'a str, sep: &str) -> Vec<(&'a str, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth <= 0 && text[i..].starts_with(sep) => {
                out.push((&text[start..i], start));
                start = i + sep.len();
            }
            _ => {}
        }
    }
    out.push((&text[start..], start));
    out
}

/// Joins neighbouring pieces that make one name the kb knows ("Korea, Republic of"), also when the name ends
/// before an "and" of the next piece ("Korea, Republic of and Singapore").
fn join_known<'a>(table: &CountryTable, text: &'a str, parts: Vec<(&'a str, usize)>) -> Vec<(&'a str, usize)> {
    let mut out: Vec<(&str, usize)> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let (part, at) = parts[i];
        let Some(&(next, next_at)) = parts.get(i + 1).filter(|_| table.lookup(part).is_none()) else {
            out.push((part, at));
            i += 1;
            continue;
        };
        let whole = &text[at..next_at + next.len()];
        let before_and = next.find(" and ").map(|p| &text[at..next_at + p]);
        if table.lookup(whole).is_some() {
            out.push((whole, at));
            i += 2;
        } else if let Some(name) = before_and.filter(|n| table.lookup(n).is_some()) {
            out.push((name, at));
            let rest = next_at + next.find(" and ").unwrap_or(0);
            out.push((&text[rest..next_at + next.len()], rest));
            i += 2;
        } else {
            out.push((part, at));
            i += 1;
        }
    }
    out
}

/// A piece without the number that marks it ("1) Germany; 2) France", "1. Germany, 2. France"), with its offset
/// moved past it.
fn strip_number(part: &str, at: usize) -> (&str, usize) {
    match super::scan::item(part) {
        Some(it) if matches!(it.marker, super::scan::Marker::Number(_)) => (&part[it.at..], at + it.at),
        _ => (part, at),
    }
}

/// A piece without a leading "and " (the last of "A, B, and C"), with its offset moved past it.
fn strip_and(part: &str, at: usize) -> (&str, usize) {
    let lead = part.len() - part.trim_start().len();
    let trimmed = part.trim_start();
    for and in ["and ", "as well as ", "or "] {
        if let Some(rest) = trimmed.strip_prefix(and) {
            return (rest, at + lead + and.len());
        }
    }
    (part, at)
}
