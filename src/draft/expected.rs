//! The drafter measured on articles it was not written on: each article's draft (tkb text, as `tkb draft`
//! prints it) is loaded with the kb's vocabulary beside the statements a careful encoder wrote for it (tkb text
//! too), and the two are compared statement by statement, as the corpus measurement compares (`measure`): a
//! fact by its tuple and time, a claim by its topic, kind, date, count and members. A drafted statement counts
//! only when its quote is found verbatim in the article.

use super::measure::{claim_key, fact_key, Row};
use crate::db::Database;
use crate::program::ClaimKind;
use crate::symbol::Symbol;
use crate::syntax::FactTime;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One article: its name, its text, the statements expected of it and its draft.
pub struct Article {
    /// The article's name (its file stem), for messages and the details.
    pub name: String,
    /// The article's text, where the draft's quotes must be found.
    pub text: String,
    /// The statements a careful encoder wrote (tkb text).
    pub expected: String,
    /// The draft (tkb text, as `tkb draft` prints it).
    pub draft: String,
}

/// The rows of the measurement, in the table's order.
pub const ROWS: [&str; 6] = [
    "facts that end (until)",
    "facts that start (from)",
    "facts over a period (@)",
    "added and removed claims",
    "count claims",
    "snapshot claims",
];

/// The statements of a draft or of the expected text, by row, and the drafted ones whose quote is verbatim.
#[derive(Default)]
struct Statements {
    by_row: BTreeMap<&'static str, BTreeSet<String>>,
    verbatim: BTreeSet<String>,
}

/// The measurement: one row per kind of statement, and the total.
pub struct ArticleMeasurement {
    /// How many articles were drafted.
    pub articles: usize,
    /// One row per kind of statement, in `ROWS` order.
    pub rows: Vec<Row>,
}

impl ArticleMeasurement {
    /// The row labelled `name`.
    pub fn row(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.name == name)
    }

    /// Every row added up.
    pub fn total(&self) -> Row {
        let mut all = Row { name: "all statements".into(), ..Row::default() };
        for r in &self.rows {
            all.kb += r.kb;
            all.drafted += r.drafted;
            all.matched += r.matched;
        }
        all
    }

    /// The table as docs/draft.md shows it.
    pub fn table(&self) -> String {
        let mut out = format!("Drafted {} articles written without the drafter's code or patterns.\n\n", self.articles);
        out.push_str(
            "| statements | expected | drafted | matched | recall | precision |\n|---|---:|---:|---:|---:|---:|\n",
        );
        for r in self.rows.iter().chain([&self.total()]) {
            let _ = writeln!(out, "{}", r.table_line());
        }
        out
    }

    /// What each row misses and adds, statement by statement.
    pub fn details(&self) -> String {
        let mut out = String::new();
        for r in &self.rows {
            for m in &r.missed {
                let _ = writeln!(out, "{}: missed  {m}", r.name);
            }
            for e in &r.extra {
                let _ = writeln!(out, "{}: extra   {e}", r.name);
            }
        }
        out
    }
}

/// Compares every article's draft with its expected statements; an article whose draft or expected text does
/// not load with `vocabulary` is an error naming it.
pub fn measure(vocabulary: &[(String, String)], articles: &[Article]) -> Result<ArticleMeasurement, String> {
    let mut rows: BTreeMap<&str, Row> =
        ROWS.iter().map(|r| (*r, Row { name: r.to_string(), ..Row::default() })).collect();
    for article in articles {
        let expected = statements(vocabulary, &article.name, "expected", &article.expected, None)?;
        let drafted = statements(vocabulary, &article.name, "draft", &article.draft, Some(&article.text))?;
        let name = Symbol::from(article.name.as_str());
        for row in ROWS {
            let k = expected.by_row.get(row).cloned().unwrap_or_default();
            let d = drafted.by_row.get(row).cloned().unwrap_or_default();
            if let Some(r) = rows.get_mut(row) {
                r.add(name, &k, &d, &drafted.verbatim);
            }
        }
    }
    Ok(ArticleMeasurement { articles: articles.len(), rows: ROWS.iter().filter_map(|r| rows.remove(r)).collect() })
}

/// The statements written in `text`, loaded after `vocabulary`; with the article's text, the ones whose quotes
/// are all verbatim in it.
fn statements(
    vocabulary: &[(String, String)],
    article: &str,
    what: &str,
    text: &str,
    quotes_in: Option<&str>,
) -> Result<Statements, String> {
    let mut files = vocabulary.to_vec();
    files.push((format!("{article}.{what}.tkb"), text.to_string()));
    let mut db = Database::default();
    let errors: Vec<String> = db.load_kb(files).iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
    if !errors.is_empty() {
        return Err(format!("the {what} of {article} does not load: {}", errors.join("; ")));
    }
    let file = db.files.len() - 1;
    let verbatim =
        |quote: &str| quotes_in.is_none_or(|t| crate::syntax::one_line(t).contains(&crate::syntax::one_line(quote)));
    let mut out = Statements::default();
    // The members a snapshot asserts and the `stated_count` facts a count asserts are counted as their claims.
    let stated = Symbol::from("stated_count");
    for (_, a) in db.store.assertions().filter(|(_, a)| a.origin.file == file && !a.snapshot && a.pred != stated) {
        let key = fact_key(a.pred, &a.tuple, &a.time);
        let row = match a.time {
            FactTime::Until(_) => ROWS[0],
            FactTime::From(_) => ROWS[1],
            _ => ROWS[2],
        };
        if a.cites.iter().all(|c| c.quote.as_deref().is_none_or(verbatim)) {
            out.verbatim.insert(key.clone());
        }
        out.by_row.entry(row).or_default().insert(key);
    }
    for c in db.claims.iter().filter(|c| c.origin.file == file) {
        let row = match c.kind {
            ClaimKind::Added | ClaimKind::Removed => ROWS[3],
            ClaimKind::Count => ROWS[4],
            ClaimKind::Snapshot => ROWS[5],
            _ => continue,
        };
        let key = claim_key(c.about, c.kind, c.date, c.count, c.members.iter().map(|v| v.to_string()).collect());
        if verbatim(&c.quote) {
            out.verbatim.insert(key.clone());
        }
        out.by_row.entry(row).or_default().insert(key);
    }
    Ok(out)
}
