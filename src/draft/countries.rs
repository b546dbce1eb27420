//! Country names in running text, found in one pass with aho-corasick over every name of the kb's `country_name`
//! table (longest match, whole words, capitalised as names are), and demonyms of the pattern table followed by
//! "citizens", "nationals" or "passports".

use super::patterns::Patterns;
use crate::lint::text::names::CountryTable;
use crate::query::names::key;
use crate::symbol::Symbol;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A country named in a text: the code and the byte range of the name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    pub code: Symbol,
    pub start: usize,
    pub end: usize,
}

/// Finds the countries a text names: by name or alias in the kb's table, or by demonym ("Turkish citizens").
pub struct CountryFinder {
    table: CountryTable,
    names: Option<AhoCorasick>,
    codes: Vec<Symbol>,
    demonyms: Option<AhoCorasick>,
    demonym_codes: Vec<Symbol>,
    home: Vec<Symbol>,
}

fn automaton(patterns: &[String]) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new().ascii_case_insensitive(true).match_kind(MatchKind::LeftmostLongest).build(patterns).ok()
}

/// Words that may follow a demonym for it to name a country ("Turkish citizens").
const DEMONYM_NOUNS: &[&str] = &["citizens", "citizen", "nationals", "national", "passports", "passport", "residents"];

impl CountryFinder {
    /// A finder over the names of `table` and the demonyms and home country of `patterns`.
    pub fn new(table: CountryTable, patterns: &Patterns) -> CountryFinder {
        let mut pairs: Vec<(String, Symbol)> = table.entries().map(|(n, c)| (n.to_string(), c)).collect();
        pairs.sort();
        let (names, codes): (Vec<String>, Vec<Symbol>) = pairs.into_iter().unzip();
        let (demonym_words, demonym_codes): (Vec<String>, Vec<Symbol>) =
            patterns.demonyms.iter().map(|(c, w)| (key(w), *c)).unzip();
        CountryFinder {
            names: automaton(&names),
            codes,
            demonyms: automaton(&demonym_words),
            demonym_codes,
            home: patterns.home.clone(),
            table,
        }
    }

    /// True for the home country (the one the news is from), which lists leave out.
    pub fn is_home(&self, code: Symbol) -> bool {
        self.home.contains(&code)
    }

    /// The code of a whole item ("Italy", "the Kingdom of Spain,").
    pub fn lookup(&self, name: &str) -> Option<Symbol> {
        self.table.lookup(name)
    }

    /// The kb's country names and aliases.
    pub fn table(&self) -> &CountryTable {
        &self.table
    }

    /// Every country named in `text`, in order, the home country included.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        if let Some(ac) = &self.names {
            for m in ac.find_iter(text) {
                if whole_word(text, m.start(), m.end()) && capitalised(&text[m.start()..]) {
                    out.push(Found { code: self.codes[m.pattern().as_usize()], start: m.start(), end: m.end() });
                }
            }
        }
        if let Some(ac) = &self.demonyms {
            for m in ac.find_iter(text) {
                let next = text[m.end()..].split_whitespace().next().unwrap_or("");
                let next = next.trim_end_matches(|c: char| !c.is_alphabetic()).to_ascii_lowercase();
                let code = self.demonym_codes[m.pattern().as_usize()];
                if whole_word(text, m.start(), m.end())
                    && capitalised(&text[m.start()..])
                    && DEMONYM_NOUNS.contains(&next.as_str())
                {
                    out.push(Found { code, start: m.start(), end: m.end() });
                }
            }
            out.sort_by_key(|f| f.start);
        }
        out
    }

    /// The foreign countries named in `text`, each once, in order of first mention.
    pub fn foreign(&self, text: &str) -> Vec<Symbol> {
        let mut codes = Vec::new();
        for f in self.find(text) {
            if !self.is_home(f.code) && !codes.contains(&f.code) {
                codes.push(f.code);
            }
        }
        codes
    }
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Names are written with a capital ("Chad", not "chad"; "UAE").
fn capitalised(text: &str) -> bool {
    text.chars().next().is_some_and(|c| !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;

    fn finder() -> CountryFinder {
        let mut db = Database::default();
        let kb = r#"source iso { kind: reference, title: "t" }.
            country_name(in, "India") cite iso. country_name(ne, "Niger") cite iso. country_name(ng, "Nigeria") cite iso.
            country_name(gb, "United Kingdom") cite iso. country_name(kz, "Republic of Kazakhstan") cite iso.
            country_name(td, "Chad") cite iso. country_name(tr, "Turkey") cite iso."#;
        let _ = db.load_kb(vec![("kb.tkb".into(), kb.into())]);
        let patterns = Patterns {
            demonyms: vec![(Symbol::from("tr"), "Turkish".into())],
            home: vec![Symbol::from("kz")],
            ..Patterns::default()
        };
        CountryFinder::new(CountryTable::from_db(&db), &patterns)
    }

    #[test]
    fn names_are_whole_capitalised_words() {
        let f = finder();
        let codes = |t: &str| f.foreign(t).iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(codes("flights with Nigeria, the United Kingdom and India"), ["ng", "gb", "in"]);
        assert_eq!(codes("the Indian strain; Niger; a chad"), ["ne"]);
        assert_eq!(codes("entry into the Republic of Kazakhstan of the Turkish citizens"), ["tr"]);
        assert!(codes("Turkish delight").is_empty());
    }
}
