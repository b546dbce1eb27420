//! `tkb report`: a static HTML site of the kb that works from `file://` with no server and no network. An index
//! of predicates and sources; a page per predicate (its timeline inline), per country (everything known about it,
//! with proofs down to the quotes), per source (the article with line numbers, its quotes marked and linked to
//! the facts they give); the linter's findings; and a day picker computed in the page from embedded JSON.
//! Pages are built with maud; every page is a pure function of the kb, so the site is the same on every run.

pub mod ask;
pub mod check_page;
mod country;
mod day;
mod facts;
mod findings;
mod index;
pub mod layout;
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
use crate::time::{Day, Interval};
use crate::value::Value;
use facts::{Fact, Predicate};
use quotes::QuoteIds;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const CSS: &str = include_str!("../../../templates/report.css");
const DAY_JS: &str = include_str!("../../../templates/day.js");

/// Predicates of the reference tables: their facts are listed, not proved (they hold always and cite ISO).
const REFERENCE: [&str; 2] = ["country", "country_name"];

/// The proofs of facts about countries: for each (predicate, tuple), each stretch of days with its proof.
pub type Proofs = BTreeMap<(Symbol, Vec<Value>), Vec<(Interval, Proof)>>;

/// Everything the pages are made from besides the database, computed once per kb (the static report builds it
/// once; the live site once per loaded kb, shared by every request).
pub struct SiteData {
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
    /// The countries some source names (a cited statement or a claim about them): the only ones given rows and
    /// pages, so that a rule over every ISO country does not list Antarctica.
    pub named: BTreeSet<Value>,
    /// The days the articles cover: from the first to the latest publication of a source with a document.
    pub coverage: Option<(Day, Day)>,
}

/// The kb and its site data: what a page is rendered from.
pub struct Kb<'a> {
    /// The loaded kb.
    pub db: &'a Database,
    /// Everything else the pages show.
    pub data: &'a SiteData,
    /// True on the live site (`tkb serve`): the navigation adds the query and check pages.
    pub live: bool,
}

impl std::ops::Deref for Kb<'_> {
    type Target = SiteData;

    fn deref(&self) -> &SiteData {
        self.data
    }
}

impl<'a> Kb<'a> {
    /// Every fact, predicate by predicate.
    pub fn facts(&self) -> impl Iterator<Item = &'a Fact> {
        self.data.preds.iter().flat_map(|p| p.facts.iter())
    }

    /// The addresses of pages, from a page `root` away from the top ("" or "../").
    pub fn links(&self, root: &'static str) -> layout::Links<'a> {
        layout::Links { root, quotes: &self.data.quotes, live: self.live }
    }

    /// Whether a fact is shown: no value of it is a country that no source names.
    pub fn shown(&self, fact: &Fact) -> bool {
        fact.values.iter().all(|v| self.lookup.name(v).is_none() || self.named.contains(v))
    }

    /// The countries some fact is about, beyond the reference tables, that a source names, in code order.
    pub fn countries(&self) -> Vec<Value> {
        let mut codes: Vec<Value> = self
            .facts()
            .filter(|f| !REFERENCE.contains(&f.pred.as_str()))
            .flat_map(|f| f.values.iter().copied())
            .filter(|v| self.named.contains(v))
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }
}

/// The countries the sources name: a value of a cited statement (beyond the reference tables of every ISO
/// country), or a claim's member.
fn named_countries(db: &Database, lookup: &Lookup) -> BTreeSet<Value> {
    let mut named: BTreeSet<Value> = BTreeSet::new();
    for (_, a) in db.store.assertions() {
        if !a.cites.is_empty() && !REFERENCE.contains(&a.pred.as_str()) {
            named.extend(a.tuple.iter().copied().filter(|v| lookup.name(v).is_some()));
        }
    }
    for claim in &db.claims {
        named.extend(claim.members.iter().copied().filter(|v| lookup.name(v).is_some()));
    }
    named
}

/// The first and latest publication days of the sources with a document.
fn coverage(db: &Database) -> Option<(Day, Day)> {
    let days = db.sources.values().filter(|s| s.doc.is_some()).filter_map(|s| s.published);
    days.fold(None, |span, d| match span {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })
}

/// Computes everything the pages show besides the database: the predicates' facts and timelines, the proofs of
/// facts about countries, the articles (from `corpus`) and the linter's findings.
pub fn site_data(session: &mut Session, corpus: Option<&Path>, findings: Findings) -> Result<SiteData, PictureError> {
    let lookup = Lookup::new(&session.db);
    let named = named_countries(&session.db, &lookup);
    let shown = |values: &[Value]| values.iter().all(|v| lookup.name(v).is_none() || named.contains(v));
    let preds = facts::predicates(session, &lookup, &shown)?;
    let db = &session.db;
    let mut quotes = QuoteIds::new(db);
    let articles = source::articles(db, corpus, &quotes);
    for (name, article) in &articles {
        quotes.set_shown(*name, article.highlight.shown_by.clone());
    }
    let coverage = coverage(db);
    let mut data = SiteData { quotes, articles, lookup, preds, findings, proofs: BTreeMap::new(), named, coverage };
    data.proofs = country::prove_all(&Kb { db, data: &data, live: false });
    Ok(data)
}

/// The paths of every page of the site, relative to its top.
pub fn paths(kb: &Kb) -> Vec<String> {
    let mut out: Vec<String> = ["style.css", "day.js", "index.html", "day.html", "lint.html", "countries.html"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    out.extend(kb.preds.iter().map(|p| format!("pred/{}.html", layout::file_name(p.name.as_str()))));
    out.extend(kb.countries().iter().map(|c| format!("country/{}.html", layout::file_name(&c.to_string()))));
    out.extend(kb.db.sources.keys().map(|s| format!("source/{}.html", layout::file_name(s.as_str()))));
    out
}

/// One page of the site by its path (`pred/direct_flight.html`), `None` when the site has no such page. Names are
/// matched against the kb's own predicates, countries and sources, never used as file names.
pub fn render(kb: &Kb, path: &str) -> Option<String> {
    let page = match path {
        "style.css" => CSS.to_string(),
        "day.js" => DAY_JS.to_string(),
        "index.html" => index::page(kb),
        "day.html" => day::page(kb),
        "lint.html" => findings::page(kb),
        "countries.html" => country::list(kb),
        _ => {
            let (folder, file) = path.split_once('/')?;
            let stem = file.strip_suffix(".html")?;
            match folder {
                "pred" => predicate::page(kb, kb.preds.iter().find(|p| layout::file_name(p.name.as_str()) == stem)?),
                "country" => {
                    country::page(kb, &kb.countries().into_iter().find(|c| layout::file_name(&c.to_string()) == stem)?)
                }
                "source" => source::page(kb, *kb.db.sources.keys().find(|s| layout::file_name(s.as_str()) == stem)?),
                _ => return None,
            }
        }
    };
    Some(page)
}

/// What `tkb report` wrote.
pub struct Written {
    /// The number of files.
    pub files: usize,
    /// The number of source pages that show their article's text (0 when no corpus was given or none of its
    /// documents was found).
    pub articles: usize,
}

/// `tkb report -o DIR`: writes every page of the site.
pub fn write(
    session: &mut Session,
    corpus: Option<&Path>,
    findings: Findings,
    dir: &Path,
) -> Result<Written, PictureError> {
    let data = site_data(session, corpus, findings)?;
    let kb = Kb { db: &session.db, data: &data, live: false };
    let io = |path: &Path, e: std::io::Error| PictureError::Io(format!("cannot write {}: {e}", path.display()));
    for folder in ["pred", "country", "source"] {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(|e| io(&path, e))?;
    }
    let paths = paths(&kb);
    for name in &paths {
        let path = dir.join(name);
        let content = render(&kb, name).unwrap_or_default();
        std::fs::write(&path, content).map_err(|e| io(&path, e))?;
    }
    Ok(Written { files: paths.len(), articles: data.articles.len() })
}
