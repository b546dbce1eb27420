//! `tkb draft`: one news item's text to a draft encoding in the tkb language, ready for review: the source block,
//! candidate facts citing it with verbatim quotes, claims for its lists and counts, and a `% not encoded` line
//! for every sentence with a date or number that gave nothing. Phrase patterns are data (`patterns`); the
//! drafted statements can be set against the kb (`against`) and the drafter measured on the corpus (`measure`).

pub mod against;
mod countries;
mod dates;
pub mod expected;
mod facts;
mod header;
mod lists;
pub mod measure;
pub mod patterns;
mod phrase;
mod quote;
mod reading;
pub mod render;
mod slots;
pub mod source;
mod text;

pub use countries::CountryFinder;
pub use patterns::Patterns;

pub use text::Document;

use crate::db::Database;
use crate::lint::text::names::CountryTable;
use crate::program::ClaimKind;
use crate::symbol::Symbol;
use crate::syntax::{Basis, FactTime};
use crate::time::Day;

/// A candidate fact: what it says, on which days, why that date, and the verbatim quote that supports it.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftFact {
    /// The predicate, from the phrase pattern that matched.
    pub pred: Symbol,
    /// The arguments: a country, a group, a number of days ... (none for a predicate without arguments).
    pub args: Vec<crate::value::Value>,
    /// When it holds: usually `from` or `until` a day read from the text.
    pub time: FactTime,
    /// Where the date comes from (effective, decision, published...).
    pub basis: Basis,
    /// The sentence that supports it, verbatim from the document.
    pub quote: String,
    /// The document line the sentence is on (1-based).
    pub line: usize,
    /// The reading unit it came from, for document order.
    pub unit: usize,
}

impl DraftFact {
    /// The atom as written in the draft: `pred(a, 7)`, or `pred` alone.
    pub fn atom(&self) -> String {
        let args: Vec<String> = self.args.iter().map(|v| v.to_string()).collect();
        crate::program::atom_text(self.pred, &args)
    }
}

/// A candidate claim about a list or a count.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftClaim {
    /// The claim's name: `c`, the document's stem and its line (`coman_and_japan_l3`).
    pub name: String,
    /// The predicate the list or count speaks of.
    pub about: Symbol,
    /// What the claim asserts (snapshot, added, removed, count...).
    pub kind: ClaimKind,
    /// The day the claim speaks of.
    pub date: Day,
    /// The count the text states; `None` when it states none.
    pub count: Option<i64>,
    /// The listed items mapped to country codes, in the text's order.
    pub members: Vec<Symbol>,
    /// Listed names that map to no country code.
    pub unmapped: Vec<String>,
    /// The verbatim quote locating the claim.
    pub quote: String,
    /// The document line the claim is read from (1-based).
    pub line: usize,
    /// The reading unit it came from, for document order.
    pub unit: usize,
}

/// A sentence with a date or a number that gave no statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// The document line of the sentence (1-based).
    pub line: usize,
    /// The reading unit of the sentence, for document order.
    pub unit: usize,
    /// The sentence, verbatim.
    pub text: String,
    /// Why, when the drafter knows (a period that ended, a list with no topic).
    pub why: Option<String>,
}

/// The source block of the draft.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceBlock {
    /// The source's name: `s`, the document's stem and its first line (`soman_and_japan_l1`).
    pub name: String,
    /// The corpus file name.
    pub doc: String,
    /// The title, read from the text.
    pub title: String,
    /// The date printed with the article; `None` when the text prints none.
    pub printed: Option<Day>,
    /// The publication date to use: the printed one, corrected, or the one given by the user.
    pub published: Day,
    /// The article's lines in the document, `(first, last)`, 1-based, both included.
    pub lines: (usize, usize),
    /// Why `published` differs from `printed`, or how it was found; `None` when they agree.
    pub note: Option<String>,
}

/// A draft encoding of one news item, before rendering as statements.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The source block the statements cite.
    pub source: SourceBlock,
    /// The candidate facts, in document order.
    pub facts: Vec<DraftFact>,
    /// The candidate claims, in document order.
    pub claims: Vec<DraftClaim>,
    /// The sentences with a date or number that gave nothing, for `% not encoded` lines.
    pub skipped: Vec<Skipped>,
    /// Remarks on the whole draft (replaced bytes, a cut title).
    pub remarks: Vec<String>,
}

/// Why no draft could be made.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftError {
    /// The lines hold no text at all.
    Empty {
        /// The lines asked for, `(first, last)`; `first > last` for an empty text.
        lines: (usize, usize),
    },
    /// `--lines` outside the document.
    LinesOutside {
        /// The lines asked for, `(first, last)`.
        lines: (usize, usize),
        /// The number of lines the document has.
        count: usize,
    },
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DraftError::Empty { lines: (a, b) } if a > b => write!(f, "the text is empty: there is nothing to draft"),
            DraftError::Empty { lines: (a, b) } => write!(f, "lines {a}-{b} hold no text: there is nothing to draft"),
            DraftError::LinesOutside { lines: (a, b), count } => {
                write!(f, "lines {a}-{b} are outside the document, which has {}", crate::diag::plural(*count, "line"))
            }
        }
    }
}

/// What drafting needs besides the text: the phrase table, the kb's country names, and the dates the user gives.
pub struct Drafter {
    /// The phrases that map wording to predicates.
    pub patterns: Patterns,
    /// Finds the kb's countries in the text by their names and aliases.
    pub countries: CountryFinder,
    /// The publication date to use (a reviewer's), instead of the one read from the text.
    pub published: Option<Day>,
    /// The day used when the text dates nothing and no date is given.
    pub today: Day,
    /// The kb's predicates and their number of arguments.
    arities: std::collections::HashMap<Symbol, usize>,
}

impl Drafter {
    /// A drafter with `patterns` and the country names of `db`.
    pub fn new(patterns: Patterns, db: &Database, today: Day) -> Drafter {
        let countries = CountryFinder::new(CountryTable::from_db(db), &patterns);
        let arities = db.preds.iter().map(|(p, info)| (*p, info.arity)).collect();
        Drafter { patterns, countries, published: None, today, arities }
    }

    /// A predicate's number of arguments in the kb (one, a country, when the kb does not declare it).
    pub fn arity(&self, pred: Symbol) -> usize {
        self.arities.get(&pred).copied().unwrap_or(1)
    }

    /// Drafts lines `range` (all of them when `None`) of `doc`.
    pub fn draft(&self, doc: &Document, range: Option<(usize, usize)>) -> Result<Draft, DraftError> {
        let count = doc.line_count();
        if range.is_none() && doc.text.trim().is_empty() {
            return Err(DraftError::Empty { lines: (1, 0) });
        }
        let (first, last) = range.unwrap_or((1, count));
        if first == 0 || first > last || last > count {
            if range.is_none() {
                return Err(DraftError::Empty { lines: (1, 0) });
            }
            return Err(DraftError::LinesOutside { lines: (first, last), count });
        }
        let header = header::read(doc, first, last, &self.patterns, self.published)
            .ok_or(DraftError::Empty { lines: (first, last) })?;
        let mut remarks = Vec::new();
        let published = header.published.unwrap_or_else(|| {
            remarks.push(format!("no publication date could be read: {} (the day of drafting) is used", self.today));
            self.today
        });
        if doc.text.contains('\u{fffd}') {
            remarks.push(
                "the file is not valid UTF-8: undecodable bytes were replaced, and the sentences holding them were not read".into(),
            );
        }
        let reading = reading::Reading::new(self, doc, &header, published, last);
        let extraction = reading.extract();
        let claims = lists::claims(&reading, &extraction, first, last);
        let skipped = facts::skipped(&reading, &extraction, &claims);
        let source = SourceBlock {
            name: source_name(&doc.name, header.title_line),
            doc: doc.name.clone(),
            title: header.title.clone(),
            printed: header.printed,
            published,
            lines: (first, last),
            note: header.note.clone(),
        };
        // Facts follow the text (the clauses of one sentence may give them out of order).
        let mut facts = extraction.facts;
        facts.sort_by_key(|f| f.unit);
        Ok(Draft { source, facts, claims, skipped, remarks })
    }
}

/// The kb's convention: `s<document prefix>_l<first line>`, e.g. `s001_l669` for `001_339fd5bf1127cb2d.txt`.
pub fn source_name(doc: &str, line: usize) -> String {
    format!("s{}_l{line}", doc_prefix(doc))
}

/// The claim name for a list on `line`: `c<document prefix>_l<line>`.
pub fn claim_name(doc: &str, line: usize) -> String {
    format!("c{}_l{line}", doc_prefix(doc))
}

/// The file name's leading digits before `_` (the corpus convention), else the whole stem as a name.
fn doc_prefix(doc: &str) -> String {
    let file = doc.rsplit(['/', '\\']).next().unwrap_or(doc);
    let stem = file.split('.').next().unwrap_or(file);
    let head = stem.split('_').next().unwrap_or(stem);
    let chosen = if !head.is_empty() && head.chars().all(|c| c.is_ascii_digit()) { head } else { stem };
    let mut out: String =
        chosen.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if out.is_empty() {
        out.push_str("doc");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_that_dates_nothing_takes_the_day_of_drafting() {
        let db = Database::default();
        let table = Patterns::parse("t", "home(kz).", &db).map_err(|e| e.diagnostics.len()).expect("compiles");
        let today = Day::from_ymd(2030, 1, 2).expect("a day");
        let drafter = Drafter::new(table, &db, today);
        let draft = drafter.draft(&Document::new("n.txt", "A note\nNothing dated here.\n"), None).expect("a draft");
        assert_eq!(draft.source.published, today);
        assert!(draft.remarks.iter().any(|r| r.contains("2030-01-02 (the day of drafting)")));
        assert_eq!(
            drafter.draft(&Document::new("n.txt", "\n \n"), None).err(),
            Some(DraftError::Empty { lines: (1, 0) })
        );
        let outside = drafter.draft(&Document::new("n.txt", "a\n"), Some((2, 3))).err();
        assert_eq!(outside, Some(DraftError::LinesOutside { lines: (2, 3), count: 1 }));
    }

    #[test]
    fn names_follow_the_kb_convention() {
        assert_eq!(source_name("../shared/corpus/001_339fd5bf1127cb2d.txt", 669), "s001_l669");
        assert_eq!(source_name("news/Hungary-flights.txt", 1), "shungary_flights_l1");
        assert_eq!(claim_name("<stdin>", 3), "c_stdin__l3");
    }
}
