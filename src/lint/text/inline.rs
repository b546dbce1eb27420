//! Lists inside a sentence: after a colon, a dash, "namely" or a bracket, after "These are" opening the
//! sentence, names opening a sentence as its subject ("Germany, France and Italy (three countries in total)
//! ..."), and partial lists after "including", "such as", "among them", "e.g.". Items are split on
//! semicolons when the list uses them ("Japan; Korea, Republic of; Singapore"), else on commas and "and" (a name
//! the kb knows whole stays whole: "Trinidad and Tobago"); a country list ends where its items stop looking like
//! names ("..., Tanzania and Hong Kong, while ...").

use super::items::{split, VERBS};
use super::list::{Form, List};
use super::names::CountryTable;

/// A list found in a sentence: where its trigger starts (a byte of the sentence) and the list.
#[derive(Clone, Debug)]
pub struct Inline {
    pub at: usize,
    /// The clause that opens it speaks of exceptions ("...; exceptions: Turkey, UAE"): not the list of a count.
    pub except: bool,
    /// For a list of exceptions, where a count must start to count the exceptions themselves (a byte of the
    /// sentence): after the exception word ("except for 3 countries: A, B, C"), or anywhere in the clause for
    /// "exempt" ("2 countries are exempted from the ban: A, B"); a count before it ("54 countries ... except
    /// for: A, B") counts something else.
    pub counted_from: usize,
    /// Where the clause after the last semicolon before the trigger starts, when that clause has words of its
    /// own before the trigger ("...for 30 days; citizens of EAEU member states – A, B"); else 0.
    pub semicolon: usize,
    /// Opened by the sentence's first words ("These are ..."): the list of a count in the sentence before.
    pub opener: bool,
    /// Names opening the sentence as its subject ("Germany, France and Italy (3 countries in total) are ..."):
    /// the list only of a count after it in its sentence that gives a total or points back, or of "these"
    /// in the next.
    pub subject: bool,
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
    "among them are",
    "among them",
    "among these are",
];
/// Openers of a sentence whose list names some of the count's items only ("Among them are Italy and China").
const PARTIAL_OPENERS: &[&str] = &["these include", "they include", "among them are", "among them", "among these are"];
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
    subject: bool,
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
        out.push(Trigger { at, from, closer, partial: partial.map(str::to_string), opener, subject: false })
    };
    for opener in OPENERS {
        if starts(sentence, opener) && sentence[opener.len()..].starts_with([' ', ':']) {
            let partial = PARTIAL_OPENERS.iter().find(|p| p.eq_ignore_ascii_case(opener)).copied();
            push(&mut out, 0, opener.len(), None, partial, true);
        }
    }
    // "including: A, B", "for example – A, B": a colon or a dash right after a partial word opens a partial list.
    let partial_before = |i: usize| {
        let before = sentence[..i].trim_end().trim_end_matches(',');
        PARTIAL.iter().copied().find(|p| {
            before.len() >= p.len()
                && before.is_char_boundary(before.len() - p.len())
                && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
                && !before[..before.len() - p.len()].ends_with(char::is_alphanumeric)
        })
    };
    for (i, c) in sentence.char_indices() {
        let next = sentence[i + c.len_utf8()..].chars().next();
        match c {
            ':' if next.is_none_or(char::is_whitespace) => push(&mut out, i, i + 1, None, partial_before(i), false),
            // A spaced dash, or an em dash set closed ("ten countries—Botswana, ...").
            '–' | '—' | '-' if (i > 0 && sentence[..i].ends_with(' ') && next == Some(' ')) || c == '—' => {
                let closer = match c {
                    '–' => " – ",
                    '—' if next == Some(' ') => " — ",
                    '—' => "—",
                    _ => " - ",
                };
                push(&mut out, i, i + c.len_utf8(), Some(closer), partial_before(i), false)
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
    let mut found = triggers(sentence);
    if found.first().is_none_or(|t| t.at > 0) && opens_with_names(table, sentence) {
        found.insert(0, Trigger { at: 0, from: 0, closer: None, partial: None, opener: false, subject: true });
    }
    let mut out = Vec::new();
    // The dash that closes a list ("four states – A and B – can work") opens none.
    let mut closed = None;
    // Dashes inside the items of a list split by semicolons ("Italy – from June 1; Spain – from June 5").
    let mut within = 0;
    for (k, t) in found.iter().enumerate() {
        if closed == Some(t.at) || t.at < within {
            continue;
        }
        // A list runs to its closing mark, the next trigger, a clause break or the end of the sentence.
        let closing = t.closer.and_then(|c| sentence[t.from..].find(c).map(|p| (t.from + p, c)));
        let dashed_items = t.closer.is_none() && dashed_items(&sentence[t.from..]);
        // A bracket inside the list ("Germany (since May 1, 2021), France") does not end it.
        // Names that open their sentence end at a bracket that gives their number ("Germany, France and Italy
        // (three countries in total) are ...").
        let numbered = |n: &Trigger| {
            let inside: Vec<&str> = sentence[n.from..].split_whitespace().take(3).collect();
            t.subject && n.closer == Some(")") && super::numbers::read(&inside).is_some()
        };
        let next = found[k + 1..]
            .iter()
            .find(|n| (n.closer != Some(")") || numbered(n)) && !(dashed_items && n.closer.is_some()));
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
        if dashed_items {
            within = to;
        }
        let region = &sentence[t.from..to];
        let (items, mut etc) = split(table, region, base + t.from, line);
        // Names that open their sentence are its subject: the verb after them does not make them some of a count.
        if t.subject && etc.as_deref().is_some_and(|e| VERBS.contains(&e)) {
            etc = None;
        }
        // A bracket holds a list only when it lists ("(the list is attached)" is one remark, not one item).
        let bracket = t.closer == Some(")") && t.partial.is_none();
        if items.is_empty() || (bracket && items.len() < 2) {
            continue;
        }
        let mut list = List::new(Form::Inline, items);
        list.partial = t.partial.clone().or(etc);
        let before = &sentence[..t.at];
        let semicolon = semicolon_clause(before);
        let (except, counted_from) = match exceptions(before) {
            Some(from) => (true, from),
            None => (false, 0),
        };
        out.push(Inline { at: t.at, except, counted_from, semicolon, opener: t.opener, subject: t.subject, list });
    }
    out
}

/// Whether a sentence opens with two countries the kb knows, joined by a comma or "and" ("Germany, France and
/// Italy ...", "The UK and Spain ...").
fn opens_with_names(table: &CountryTable, sentence: &str) -> bool {
    let Some(first) = super::items::known_prefix(table, sentence) else { return false };
    let rest = &sentence[first..];
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix("and ").unwrap_or(rest);
    super::items::known_prefix(table, rest).is_some() || table.lookup(rest.trim_end_matches(['.', '!', '?'])).is_some()
}

/// Whether the text after a colon is items split by semicolons, each a name and what follows a dash ("Germany –
/// from June 1; France – from June 5"): its dashes belong to the items and open no list of their own.
fn dashed_items(rest: &str) -> bool {
    let rest = rest.trim_end().trim_end_matches('.');
    let pieces: Vec<&str> = rest.split(';').map(str::trim).collect();
    let dash = |p: &str| [" – ", " — ", " - "].iter().any(|d| p.contains(d));
    pieces.len() >= 2
        && pieces.iter().all(|p| p.starts_with(char::is_uppercase) || p.starts_with("and "))
        && pieces.iter().filter(|p| dash(p)).count() * 2 >= pieces.len()
}

/// Where the clause after the last semicolon of `before` starts, when it has more than three words; else 0.
fn semicolon_clause(before: &str) -> usize {
    match before.rfind(';') {
        Some(p) if before[p + 1..].split_whitespace().count() > 3 => p + 1,
        _ => 0,
    }
}

/// Whether the words right before a list's trigger (its last four, within the clause) speak of exceptions
/// ("exceptions:", "with the exception of", "except for", "exempted from"), and if so where a count must start
/// to count the exceptions themselves (see `Inline::counted_from`).
fn exceptions(before: &str) -> Option<usize> {
    let clause = before.rfind([',', ';', '–', '—']).map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8));
    let clause = clause.unwrap_or(0);
    let words: Vec<(usize, &str)> =
        before[clause..].split_whitespace().map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w)).collect();
    let near = &words[words.len().saturating_sub(4)..];
    let lower = |w: &str| w.to_ascii_lowercase();
    let found = near.iter().enumerate().find_map(|(k, (at, w))| {
        let w = lower(w.trim_matches(|c: char| !c.is_alphanumeric()));
        let next = near.get(k + 1).map(|(_, n)| lower(n)).unwrap_or_default();
        let word = w.starts_with("except")
            || w.starts_with("exempt")
            || w == "excluding"
            || (w == "other" && next == "than")
            || (w == "apart" && next == "from");
        word.then_some((*at, w.starts_with("exempt")))
    })?;
    match found {
        (_, true) => Some(clause),
        (at, false) => Some(at + 1),
    }
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
        let got = texts("with 5 countries: Egypt, Japan and others.");
        assert_eq!((got[0].0.len(), got[0].1.as_deref()), (2, Some("others")));
        let got = texts("with 5 countries: Egypt, Japan and many more.");
        assert_eq!((got[0].0.len(), got[0].1.as_deref()), (2, Some("many more")));
        let got = texts("with 5 countries: Egypt, Japan and some other states.");
        assert_eq!((got[0].0.len(), got[0].1.as_deref()), (2, Some("some other states")));
        for sentence in ["with 6 countries, including: Egypt, Japan.", "6 countries, for instance – Egypt, Japan."] {
            let got = texts(sentence);
            assert_eq!(got.len(), 1, "{sentence}");
            assert_eq!(got[0].0.len(), 2, "{sentence}");
            assert!(got[0].1.is_some(), "{sentence}");
        }
        let got = texts("Among them are Egypt and Japan.");
        assert_eq!((got[0].0.len(), got[0].1.as_deref()), (2, Some("among them are")));
        let got = texts("These include Egypt and Japan.");
        assert_eq!(got[0].1.as_deref(), Some("these include"));
        let got = texts("Flights open with 3 countries: Germany – from June 1; France – from June 5; Italy – June 10.");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, ["Germany – from June 1", "France – from June 5", "Italy – June 10"]);
        let got = texts("requests from 12 countries: Egypt, Japan and Turkey were approved.");
        assert_eq!((got[0].0.len(), got[0].1.as_deref()), (3, Some("were")));
        // "Such documents include:" opens the whole list, as the sources write it.
        assert_eq!(texts("Such documents include: a passport, a visa.")[0].1, None);
    }

    #[test]
    fn colons_inside_words_and_times_are_not_triggers() {
        assert!(texts("at 08:30 on e-visas").is_empty());
        assert!(texts("Almaty – Frankfurt at noon")
            .iter()
            .all(|(items, _)| items == &["Frankfurt at noon".to_string()]));
    }
}
