//! Lists inside a sentence: after a colon, a dash, "namely" or a bracket, after "These are" opening the
//! sentence, and partial lists after "including", "such as", "among them", "e.g.". Items are split on
//! semicolons when the list uses them ("Japan; Korea, Republic of; Singapore"), else on commas and "and" (a name
//! the kb knows whole stays whole: "Trinidad and Tobago"); a country list ends where its items stop looking like
//! names ("..., Tanzania and Hong Kong, while ...").

use super::list::{item, Form, Item, List};
use super::names::CountryTable;

/// A list found in a sentence: where its trigger starts (a byte of the sentence) and the list.
#[derive(Clone, Debug)]
pub struct Inline {
    pub at: usize,
    /// The clause that opens it speaks of exceptions ("...; exceptions: Turkey, UAE"): not the list of a count.
    pub except: bool,
    /// Opened by the sentence's first words ("These are ..."): the list of a count in the sentence before.
    pub opener: bool,
    pub list: List,
}

/// Words that open a list.
const FULL: &[&str] = &["namely", "i.e.", "that is,", "as follows"];
/// Words that open a partial list.
const PARTIAL: &[&str] = &[
    "including",
    "such as",
    "among them",
    "among which",
    "e.g.",
    "for example",
    "for instance",
    "in particular",
    "incl.",
    "notably",
    "especially",
];
/// Words that open a sentence which is a list ("These are Italy, China, ...").
pub(super) const OPENERS: &[&str] = &[
    "these are",
    "they are",
    "those are",
    "these include",
    "they include",
    "these countries are",
    "those countries are",
    "the countries are",
    "these states are",
    "the states are",
    "the list includes",
    "the list comprises",
    "the list consists of",
    "the list is",
    "namely",
];
/// Where a clause after a list begins.
const CLAUSE_BREAKS: &[&str] = &[", while ", ", whereas ", ", but ", " while ", ", which "];

/// One place a list starts: the trigger's first byte, the byte after it, what closes the list, and the partial
/// word if any.
struct Trigger {
    at: usize,
    from: usize,
    closer: Option<&'static str>,
    partial: Option<String>,
    opener: bool,
}

/// One automaton for the words that open lists, built once: every sentence is searched for all of them in one
/// pass.
fn words_automaton() -> &'static aho_corasick::AhoCorasick {
    static AUTOMATON: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AUTOMATON.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(FULL.iter().chain(PARTIAL))
            .expect("fixed patterns compile")
    })
}

fn triggers(sentence: &str) -> Vec<Trigger> {
    // Compared without case and in place: this runs on every sentence of a document.
    let starts = |text: &str, word: &str| text.get(..word.len()).is_some_and(|t| t.eq_ignore_ascii_case(word));
    let mut out = Vec::new();
    let push = |out: &mut Vec<Trigger>, at, from, closer, partial: Option<&str>, opener| {
        out.push(Trigger { at, from, closer, partial: partial.map(str::to_string), opener })
    };
    for opener in OPENERS {
        if starts(sentence, opener) && sentence[opener.len()..].starts_with([' ', ':']) {
            push(&mut out, 0, opener.len(), None, None, true);
        }
    }
    for (i, c) in sentence.char_indices() {
        let next = sentence[i + c.len_utf8()..].chars().next();
        match c {
            ':' if next.is_none_or(char::is_whitespace) => push(&mut out, i, i + 1, None, None, false),
            // A spaced dash, or an em dash set closed ("ten countries—Botswana, ...").
            '–' | '—' | '-' if (i > 0 && sentence[..i].ends_with(' ') && next == Some(' ')) || c == '—' => {
                let closer = match c {
                    '–' => " – ",
                    '—' if next == Some(' ') => " — ",
                    '—' => "—",
                    _ => " - ",
                };
                push(&mut out, i, i + c.len_utf8(), Some(closer), None, false)
            }
            '(' => {
                let partial = PARTIAL.iter().find(|p| starts(&sentence[i + 1..], p)).copied();
                let from = i + 1 + partial.map(str::len).unwrap_or(0);
                push(&mut out, i, from, Some(")"), partial, false)
            }
            _ => {}
        }
    }
    for m in words_automaton().find_iter(sentence) {
        let i = m.start();
        let before_ok = i == 0 || !sentence[..i].ends_with(|c: char| c.is_alphanumeric() || c == '(');
        let after = &sentence[m.end()..];
        if before_ok && after.starts_with([' ', ':', ',']) {
            let partial = PARTIAL.iter().find(|p| p.eq_ignore_ascii_case(&sentence[i..m.end()])).copied();
            push(&mut out, i, m.end(), None, partial, false);
        }
    }
    out.sort_by_key(|t| (t.at, std::cmp::Reverse(t.opener)));
    out.dedup_by_key(|t| t.at);
    out
}

/// Every list in `sentence` (which starts at byte `base` of the document, on `line`), in order.
pub fn lists(table: &CountryTable, sentence: &str, base: usize, line: usize) -> Vec<Inline> {
    let found = triggers(sentence);
    let mut out = Vec::new();
    // The dash that closes a list ("four states – A and B – can work") opens none.
    let mut closed = None;
    for (k, t) in found.iter().enumerate() {
        if closed == Some(t.at) {
            continue;
        }
        // A list runs to its closing mark, the next trigger, a clause break or the end of the sentence.
        let closing = t.closer.and_then(|c| sentence[t.from..].find(c).map(|p| (t.from + p, c)));
        // A bracket inside the list ("Germany (since May 1, 2021), France") does not end it.
        let next = found[k + 1..].iter().find(|n| n.closer != Some(")"));
        let mut to = next.map(|n| n.at).unwrap_or(sentence.len());
        if let Some((p, c)) = closing.filter(|(p, _)| *p <= to) {
            to = p;
            closed = Some(p + c.len() - c.trim_start().len());
        }
        for brk in CLAUSE_BREAKS {
            if let Some(p) = sentence[t.from..to].find(brk) {
                to = t.from + p;
            }
        }
        let region = &sentence[t.from..to];
        let (items, etc) = split(table, region, base + t.from, line);
        // A bracket holds a list only when it lists ("(the list is attached)" is one remark, not one item).
        let bracket = t.closer == Some(")") && t.partial.is_none();
        if items.is_empty() || (bracket && items.len() < 2) {
            continue;
        }
        let mut list = List::new(Form::Inline, items);
        list.partial = t.partial.clone().or(etc);
        out.push(Inline { at: t.at, except: opens_exceptions(&sentence[..t.at]), opener: t.opener, list });
    }
    out
}

/// Whether the words right before a list's trigger (its last four, within the clause) speak of exceptions:
/// "exceptions:", "with the exception of", "except for".
fn opens_exceptions(before: &str) -> bool {
    let clause = before.rsplit([',', ';', '–', '—']).next().unwrap_or(before);
    let words: Vec<&str> = clause.split_whitespace().rev().take(4).collect();
    let near = words.iter().rev().copied().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    ["except", "exempt", "excluding", "other than", "apart from"].iter().any(|w| near.contains(w))
}

/// The items of a list's text (starting at byte `base`), and "etc." when it ends with one.
fn split(table: &CountryTable, region: &str, base: usize, line: usize) -> (Vec<Item>, Option<String>) {
    let pieces = pieces(table, region);
    let codes: Vec<bool> = pieces.iter().map(|(p, _)| table.lookup(p).is_some()).collect();
    let countries = codes.iter().any(|c| *c) || pieces.iter().any(|(p, _)| known_prefix(table, p).is_some());
    let mut items = Vec::new();
    let mut etc = None;
    for ((text, at), known) in pieces.into_iter().zip(codes) {
        let words = text.split_whitespace().take(9).count();
        let lower = text.trim().to_ascii_lowercase();
        let others = lower.starts_with("and ") && lower.split_whitespace().any(|w| w == "other" || w == "others");
        if lower.starts_with("etc") || others || lower == "others" {
            etc = Some(text.trim().trim_end_matches('.').to_string());
            break;
        }
        let name_like = text.trim_start().starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || lower.starts_with("the ");
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

/// Where the country name that opens `text` ends, looking at its first few words only (the longest name).
fn known_prefix(table: &CountryTable, text: &str) -> Option<usize> {
    if !text.trim_start().starts_with(char::is_uppercase) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> CountryTable {
        CountryTable::from_pairs(&[
            ("Trinidad and Tobago", "tt"),
            ("Egypt", "eg"),
            ("Georgia", "ge"),
            ("Korea, Republic of", "kr"),
            ("Japan", "jp"),
            ("Singapore", "sg"),
            ("Turkey", "tr"),
            ("United Kingdom", "gb"),
            ("Hong Kong", "hk"),
            ("Tanzania", "tz"),
        ])
    }

    fn texts(sentence: &str) -> Vec<(Vec<String>, Option<String>)> {
        lists(&table(), sentence, 0, 1)
            .into_iter()
            .map(|l| (l.list.items.iter().map(|i| i.text.clone()).collect(), l.list.partial))
            .collect()
    }

    #[test]
    fn lists_after_colons_dashes_and_namely() {
        let v = |items: &[&str]| (items.iter().map(|s| s.to_string()).collect::<Vec<_>>(), None);
        assert_eq!(
            texts("with 3 countries: Egypt, Georgia and Trinidad and Tobago."),
            [v(&["Egypt", "Georgia", "Trinidad and Tobago"])]
        );
        assert_eq!(texts("ten countries – Egypt, Tanzania and Hong Kong."), [v(&["Egypt", "Tanzania", "Hong Kong"])]);
        assert_eq!(texts("four states – Egypt and Georgia – can work"), [v(&["Egypt", "Georgia"])]);
        assert_eq!(
            texts("two countries, namely the United Kingdom, Egypt, while for other states"),
            [v(&["the United Kingdom", "Egypt"])]
        );
        assert_eq!(
            texts("3 states for 72 hours: Japan; Korea, Republic of; Singapore."),
            [v(&["Japan", "Korea, Republic of", "Singapore"])]
        );
        assert_eq!(texts("These are Egypt, Japan and Turkey."), [v(&["Egypt", "Japan", "Turkey"])]);
        assert_eq!(
            texts("five categories of visas: business B1, B2 and B3, tourist B12 and medical C12."),
            [v(&["business B1", "B2", "B3", "tourist B12", "medical C12"])]
        );
        assert_eq!(texts("Egypt, from June 1: Japan, Egypt, from June 1, 2021."), [v(&["Japan", "Egypt"])]);
        assert_eq!(texts("2 countries: Egypt from June 1, Turkey from June 5.")[0].0, ["Egypt", "Turkey"]);
        assert_eq!(
            texts("3 countries: Japan, Korea, Republic of and Singapore.")[0].0,
            ["Japan", "Korea, Republic of", "Singapore"]
        );
        let got = texts("3 countries: Egypt (since May 1, 2021), Japan and Turkey (daily).");
        assert_eq!(got[0].0, ["Egypt (since May 1, 2021)", "Japan", "Turkey (daily)"]);
    }

    #[test]
    fn partial_lists_say_so() {
        let got = texts("32 countries, such as Turkey, Egypt and Japan.");
        assert_eq!(got[0].1.as_deref(), Some("such as"));
        let got = texts("35 countries (e.g. Turkey, Egypt).");
        assert_eq!((got[0].0.len(), got[0].1.as_deref()), (2, Some("e.g.")));
        let got = texts("with: Egypt, Japan, etc.");
        assert_eq!((got[0].0.len(), got[0].1.as_deref()), (2, Some("etc")));
    }

    #[test]
    fn colons_inside_words_and_times_are_not_triggers() {
        assert!(texts("at 08:30 on e-visas").is_empty());
        assert!(texts("Almaty – Frankfurt at noon")
            .iter()
            .all(|(items, _)| items == &["Frankfurt at noon".to_string()]));
    }
}
