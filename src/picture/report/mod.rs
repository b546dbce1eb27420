//! `tkb report`: a static HTML site of the kb that works from `file://` with no server and no network. An index
//! of predicates and sources; a page per predicate (its timeline inline), per country (everything known about it,
//! with proofs down to the quotes), per source (the article with line numbers, its quotes marked and linked to
//! the facts they give); the linter's findings; and a day picker computed in the page from embedded JSON.
//! Pages are built with maud; every page is a pure function of the kb, so the site is the same on every run.

mod country;
mod day;
mod facts;
mod findings;
mod index;
mod layout;
pub mod lint;
mod predicate;
mod proofs;
mod quotes;
mod source;

pub use lint::{lint_findings, Findings};

use crate::db::Database;
use crate::picture::lookup::Lookup;
use crate::picture::PictureError;
use crate::provenance::Proof;
use crate::session::Session;
use crate::symbol::Symbol;
use crate::time::Interval;
use crate::value::Value;
use facts::{Fact, Predicate};
use quotes::QuoteIds;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CSS: &str = include_str!("../../../templates/report.css");
const DAY_JS: &str = include_str!("../../../templates/day.js");

/// Predicates of the reference tables: their facts are listed, not proved (they hold always and cite ISO).
const REFERENCE: [&str; 2] = ["country", "country_name"];

/// The proofs of facts about countries: for each (predicate, tuple), each stretch of days with its proof.
pub type Proofs = BTreeMap<(Symbol, Vec<Value>), Vec<(Interval, Proof)>>;

/// Everything the pages are made from, computed once.
pub struct Kb<'a> {
    /// The loaded kb.
    pub db: &'a Database,
    /// Country names and the quotes of each source.
    pub lookup: Lookup,
    /// The distinct quotes of each source, numbered for the source pages' anchors.
    pub quotes: QuoteIds,
    /// Every predicate with its vocabulary entry, counts and timeline.
    pub preds: Vec<Predicate>,
    /// What `tkb lint` found in the same kb, or why it could not be asked.
    pub findings: Findings,
    /// The articles' text, for the source pages.
    pub articles: BTreeMap<Symbol, source::Article>,
    /// The proofs of every fact about a country, per interval stretch (country pages, day picker links).
    pub proofs: Proofs,
}

impl Kb<'_> {
    /// Every fact, predicate by predicate.
    pub fn facts(&self) -> impl Iterator<Item = &Fact> {
        self.preds.iter().flat_map(|p| p.facts.iter())
    }

    /// The countries some fact is about, beyond the reference tables, in code order.
    pub fn countries(&self) -> Vec<Value> {
        let mut codes: Vec<Value> = self
            .facts()
            .filter(|f| !REFERENCE.contains(&f.pred.as_str()))
            .flat_map(|f| f.values.iter().copied())
            .filter(|v| self.lookup.name(v).is_some())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }
}

/// The corpus when none is given: `$TKB_CORPUS`, else `../shared/corpus` when it exists (as the tests find it).
pub fn default_corpus() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TKB_CORPUS") {
        return Some(PathBuf::from(dir));
    }
    let beside = PathBuf::from("../shared/corpus");
    beside.is_dir().then_some(beside)
}

/// Builds every page of the site in memory: (path inside the site, content).
pub fn pages(
    session: &mut Session,
    corpus: Option<&Path>,
    findings: Findings,
) -> Result<Vec<(String, String)>, PictureError> {
    let lookup = Lookup::new(&session.db);
    let preds = facts::predicates(session, &lookup)?;
    let db = &session.db;
    let mut quotes = QuoteIds::new(db);
    let articles = source::articles(db, corpus, &quotes);
    for (name, article) in &articles {
        quotes.set_shown(*name, article.highlight.shown_by.clone());
    }
    let mut kb = Kb { db, quotes, articles, lookup, preds, findings, proofs: BTreeMap::new() };
    kb.proofs = country::prove_all(&kb);
    let mut out = vec![
        ("style.css".to_string(), CSS.to_string()),
        ("day.js".to_string(), DAY_JS.to_string()),
        ("index.html".to_string(), index::page(&kb)),
        ("day.html".to_string(), day::page(&kb)),
        ("lint.html".to_string(), findings::page(&kb)),
        ("countries.html".to_string(), country::list(&kb)),
    ];
    out.extend(
        kb.preds.iter().map(|p| (format!("pred/{}.html", layout::file_name(p.name.as_str())), predicate::page(&kb, p))),
    );
    out.extend(
        kb.countries()
            .iter()
            .map(|c| (format!("country/{}.html", layout::file_name(&c.to_string())), country::page(&kb, c))),
    );
    out.extend(
        kb.db.sources.keys().map(|s| (format!("source/{}.html", layout::file_name(s.as_str())), source::page(&kb, *s))),
    );
    Ok(out)
}

/// `tkb report -o DIR`: writes the site; the number of files written.
pub fn write(
    session: &mut Session,
    corpus: Option<&Path>,
    findings: Findings,
    dir: &Path,
) -> Result<usize, PictureError> {
    let pages = pages(session, corpus, findings)?;
    let io = |path: &Path, e: std::io::Error| PictureError::Io(format!("cannot write {}: {e}", path.display()));
    for folder in ["pred", "country", "source"] {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(|e| io(&path, e))?;
    }
    for (name, content) in &pages {
        let path = dir.join(name);
        std::fs::write(&path, content).map_err(|e| io(&path, e))?;
    }
    Ok(pages.len())
}
