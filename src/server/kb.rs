//! One loaded kb, a generation: the database every worker clones, its figures for `/api/status`, and what the
//! pages and the linter's answer are made from (computed on first use, once per generation). A generation never
//! changes once made; a reload makes a new one and swaps it in whole.

use super::cache::Cache;
use crate::db::Database;
use crate::diag::Diagnostic;
use crate::output::Format;
use crate::picture::report::{self, SiteData};
use crate::session::Session;
use crate::tsv::ToColumn;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// Where the kb comes from: the same for every generation.
#[derive(Clone, Debug)]
pub struct KbSource {
    /// The kb folder; `None` for the kb built into the binary.
    pub kb: Option<PathBuf>,
    /// A folder of bulk fact files (`PRED.tsv`).
    pub facts: Option<PathBuf>,
    /// How the fact files' `to` column counts.
    pub tsv_to: ToColumn,
    /// The corpus folder, for the articles on source pages and the linter's document checks.
    pub corpus: Option<PathBuf>,
}

/// A diagnostic as `/api/status` shows a failed reload: where and what.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Problem {
    /// The stable code (`E0001`).
    pub code: String,
    /// The column (1-based, in characters).
    pub column: Option<usize>,
    /// The kb file, when the problem is in one.
    pub file: Option<String>,
    /// The line in that file (1-based).
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// The diagnostic as `diag` renders it on a terminal, for `tkb serve`'s standard error.
    #[serde(skip)]
    pub rendered: String,
}

/// The figures of a generation for `/api/status` (fields in alphabetical order: the keys as the JSON writes them).
#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    /// Counts up from 1 with every kb loaded.
    pub generation: u64,
    /// `built-in` or the kb folder.
    pub kb: String,
    /// When it was loaded, RFC 3339 in UTC.
    pub loaded_at: String,
    /// The predicates declared or used.
    pub predicates: usize,
    /// The rules.
    pub rules: usize,
    /// The sources declared.
    pub sources: usize,
    /// The fact statements in the store.
    pub statements: usize,
}

/// A loaded kb.
pub struct Generation {
    /// Its figures.
    pub figures: Figures,
    /// Where it came from (for the linter, which reads the kb itself).
    source: KbSource,
    /// The database with every stratum evaluated: workers clone it (the models are shared, not copied).
    template: Mutex<Database>,
    /// The pages' data, made on the first page request.
    site: OnceLock<Result<SiteData, String>>,
    /// `tkb lint --format json` of the kb, made on the first request for it.
    lint: OnceLock<String>,
    /// The answers to GET requests made from this kb, served again until it is replaced.
    pub answers: Cache,
}

fn problem(db: &Database, d: &Diagnostic) -> Problem {
    let place =
        d.primary.as_ref().map(|l| (db.files.name(l.file).to_string(), db.files.line_col(l.file, l.span.start)));
    Problem {
        code: d.code.id().to_string(),
        message: d.message.clone(),
        file: place.as_ref().map(|p| p.0.clone()),
        line: place.as_ref().map(|p| p.1 .0),
        column: place.as_ref().map(|p| p.1 .1),
        rendered: crate::diag::render_diagnostics(std::slice::from_ref(d), &db.files, false),
    }
}

/// Loads the kb as `tkb` does for every command (kb files, fact files, then rule bodies), or gives every error.
fn load(source: &KbSource) -> Result<Database, Vec<Problem>> {
    let files = crate::builtin::kb_files(source.kb.as_deref()).map_err(|e| vec![problem(&Database::default(), &e)])?;
    let mut db = Database::default();
    let errors = |db: &Database, diags: &[Diagnostic]| -> Vec<Problem> {
        diags.iter().filter(|d| d.is_error()).map(|d| problem(db, d)).collect()
    };
    let loaded = db.load_kb(files);
    let found = errors(&db, &loaded);
    if !found.is_empty() {
        return Err(found);
    }
    if let Some(dir) = &source.facts {
        if let Err(diags) = crate::tsv::load_tsv_dir(&mut db, dir, source.tsv_to, &crate::tsv::Quiet) {
            return Err(errors(&db, &diags));
        }
    }
    let found = errors(&db, &crate::query::hints::rule_bodies(&db));
    if !found.is_empty() {
        return Err(found);
    }
    Ok(db)
}

/// Now in UTC, to the second (`2026-12-07T23:59:00Z`): when a kb was loaded or a reload failed.
pub(super) fn now_rfc3339() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Generation {
    /// Loads and evaluates the kb: generation number `n` keeping up to `cache` bytes of answers, or the errors
    /// that stop it from loading.
    pub fn load(source: &KbSource, n: u64, cache: usize) -> Result<Generation, Vec<Problem>> {
        let db = load(source)?;
        // Every stratum evaluated once here, so that no request pays for it and clones share the model.
        if let Err(stop) = db.model_for(&[], &[]) {
            return Err(vec![problem(&db, &crate::query::stop_error(&stop))]);
        }
        let figures = Figures {
            generation: n,
            loaded_at: now_rfc3339(),
            kb: source.kb.as_ref().map_or("built-in".to_string(), |d| d.display().to_string()),
            statements: db.store.assertions().count(),
            sources: db.sources.len(),
            rules: db.rules.len(),
            predicates: db.preds.len(),
        };
        Ok(Generation {
            figures,
            source: source.clone(),
            template: Mutex::new(db),
            site: OnceLock::new(),
            lint: OnceLock::new(),
            answers: Cache::new(cache),
        })
    }

    /// A session of its own over a copy of the kb (cheap: the store and models are shared until changed).
    pub fn session(&self) -> Session {
        let db = self.template.lock().unwrap_or_else(|e| e.into_inner()).clone();
        Session::new(db, Format::Json)
    }

    /// The pages' data, made once.
    pub fn site(&self) -> Result<&SiteData, &str> {
        let made = self.site.get_or_init(|| {
            let mut session = self.session();
            let findings = report::lint_findings(self.source.kb.as_deref(), self.source.corpus.as_deref());
            report::site_data(&mut session, self.source.corpus.as_deref(), findings).map_err(|e| e.to_string())
        });
        made.as_ref().map_err(String::as_str)
    }

    /// The linter's JSON for the kb and corpus, made once.
    pub fn lint_json(&self) -> &str {
        self.lint.get_or_init(|| match crate::lint::lint_kb(self.source.kb.as_deref(), self.source.corpus.as_deref()) {
            Ok(mut report) => {
                report.hide_notes();
                report.json()
            }
            Err(e) => {
                let error = super::reply::ApiError::from_diagnostic(&e, |_| None);
                serde_json::to_string_pretty(&error.body()).unwrap_or_default() + "\n"
            }
        })
    }
}
