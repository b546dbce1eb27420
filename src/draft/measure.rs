//! The drafter measured on the corpus: the lines of every source of the kb are drafted and the drafts compared,
//! source by source, with the kb's own statements and claims citing that source. A drafted fact is right when
//! its tuple, its time (event kind and date) and its source match a kb statement and its quote is found verbatim
//! in the source's lines; a claim when its topic, kind, date, count and members match.

use super::against::{self, Group};
use super::{Document, Draft, DraftClaim, Drafter};
use crate::db::Database;
use crate::program::{Claim, ClaimKind, SourceKind};
use crate::symbol::Symbol;
use crate::syntax::FactTime;
use crate::time::Day;
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

/// The predicates the issue sets targets for, in the table's order.
pub const TARGETS: [&str; 5] =
    ["direct_flight", "vaccine_passport_recognized", "idc_regime", "entry_restricted", "visa_free_suspended"];
/// The row of the snapshot claims, of every topic.
pub const SNAPSHOT_ROW: &str = "snapshot claims";
/// The row of every predicate the phrase table has no phrase for.
pub const OTHER_ROW: &str = "all other predicates (no phrase)";

/// One row of the table: how many statements the kb has, how many were drafted, how many of them match.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// The row's label: a predicate, `SNAPSHOT_ROW` or `OTHER_ROW`.
    pub name: String,
    /// How many statements the kb has, citing the measured sources.
    pub kb: usize,
    /// How many statements were drafted.
    pub drafted: usize,
    /// How many kb statements a draft reproduces, with a verbatim quote.
    pub matched: usize,
    /// The kb statements no draft reproduces, and the drafted ones the kb does not have (`source: statement`).
    pub missed: Vec<String>,
    /// The drafted statements that match no kb statement or have no verbatim quote (`source: statement`).
    pub extra: Vec<String>,
}

impl Row {
    /// `matched / kb`; 1 when the kb has nothing.
    pub fn recall(&self) -> f64 {
        if self.kb == 0 {
            1.0
        } else {
            self.matched as f64 / self.kb as f64
        }
    }

    /// `matched / drafted`; 1 when nothing was drafted.
    pub fn precision(&self) -> f64 {
        if self.drafted == 0 {
            1.0
        } else {
            self.matched as f64 / self.drafted as f64
        }
    }

    /// The row as a line of the Markdown tables docs/draft.md shows (name, counts, recall, precision).
    pub fn table_line(&self) -> String {
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        let (recall, precision) = (pct(self.recall()), pct(self.precision()));
        format!("| {} | {} | {} | {} | {recall} | {precision} |", self.name, self.kb, self.drafted, self.matched)
    }

    /// Adds one source's statements: those of the kb, the drafted ones, and the drafted ones whose quote is
    /// verbatim (only those can match).
    pub(super) fn add(
        &mut self,
        source: Symbol,
        kb: &BTreeSet<String>,
        drafted: &BTreeSet<String>,
        verbatim: &BTreeSet<String>,
    ) {
        let right = |s: &&String| drafted.contains(*s) && verbatim.contains(*s);
        self.kb += kb.len();
        self.drafted += drafted.len();
        self.matched += kb.iter().filter(right).count();
        self.missed.extend(kb.iter().filter(|s| !right(s)).map(|s| format!("{source}: {s}")));
        self.extra.extend(
            drafted.iter().filter(|s| !(kb.contains(*s) && verbatim.contains(*s))).map(|s| format!("{source}: {s}")),
        );
    }
}

/// The drafter measured on a corpus: one row per target predicate, snapshot claims and the rest.
#[derive(Clone, Debug, Default)]
pub struct Measurement {
    /// How many sources were drafted.
    pub sources: usize,
    /// The rows, in the table's order.
    pub rows: Vec<Row>,
    /// Drafted statements by `--against-kb` group, over the whole corpus.
    pub groups: BTreeMap<Group, usize>,
    /// Drafted quotes not found verbatim in their source's lines (should be none).
    pub bad_quotes: Vec<String>,
}

impl Measurement {
    /// The row labelled `name`, if any.
    pub fn row(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.name == name)
    }

    /// The table as docs/draft.md shows it.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Drafted {} sources of the kb, each on its own lines.\n", self.sources);
        out.push_str(
            "| statements | in the kb | drafted | matched | recall | precision |\n|---|---:|---:|---:|---:|---:|\n",
        );
        for r in &self.rows {
            let _ = writeln!(out, "{}", r.table_line());
        }
        let groups: Vec<String> =
            Group::ALL.iter().map(|g| format!("{} {}", self.groups.get(g).copied().unwrap_or(0), g.title())).collect();
        let _ = writeln!(out, "\n`--against-kb` over the same drafts: {}.", groups.join(", "));
        let _ = writeln!(out, "Drafted quotes not found verbatim in their source's lines: {}.", self.bad_quotes.len());
        out
    }

    /// What each row misses and adds, statement by statement.
    pub fn details(&self) -> String {
        let mut out = String::new();
        for r in &self.rows {
            if r.name == OTHER_ROW {
                continue;
            }
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

/// A fact as the draft writes it: `direct_flight(hu) from 2021-09-09`, `visa_free_suspended @ [a, b)`.
pub(super) fn fact_key(pred: Symbol, tuple: &[Value], time: &FactTime) -> String {
    let args: Vec<String> = tuple.iter().map(|v| v.to_string()).collect();
    format!("{}{}", crate::program::atom_text(pred, &args), super::render::time(time))
}

/// A claim by what the measurement compares: topic, kind, date, count and members (as a set).
pub(super) fn claim_key(about: Symbol, kind: ClaimKind, date: Day, count: Option<i64>, members: Vec<String>) -> String {
    let mut members = members;
    members.sort();
    let count = count.map(|c| format!(" count {c}")).unwrap_or_default();
    format!("claim {about} {} {date}{count} [{}]", kind.name(), members.join(", "))
}

fn kb_claim_key(c: &Claim) -> String {
    claim_key(c.about, c.kind, c.date, c.count, c.members.iter().map(|v| v.to_string()).collect())
}

fn draft_claim_key(c: &DraftClaim) -> String {
    claim_key(c.about, c.kind, c.date, c.count, c.members.iter().map(|s| s.to_string()).collect())
}

/// Which row a claim kind is counted in.
fn claim_row(kind: ClaimKind) -> Option<&'static str> {
    match kind {
        ClaimKind::Snapshot => Some(SNAPSHOT_ROW),
        ClaimKind::Added | ClaimKind::Removed => Some("added and removed claims"),
        ClaimKind::Count => Some("count claims"),
        _ => None,
    }
}

/// Drafts every source of `db` found in `corpus` and compares.
pub fn measure(drafter: &Drafter, db: &Database, corpus: &Path) -> Result<Measurement, String> {
    let mut texts: BTreeMap<String, Document> = BTreeMap::new();
    let mut m = Measurement::default();
    let mut counts: BTreeMap<String, Row> = BTreeMap::new();
    let phrase_preds: BTreeSet<Symbol> = drafter.patterns.phrases.iter().map(|p| p.pred).collect();
    for source in db.sources.values().filter(|s| s.kind != SourceKind::Reference) {
        let (Some(doc), Some(lines)) = (&source.doc, source.lines) else { continue };
        if !texts.contains_key(doc) {
            let path = corpus.join(doc);
            let text =
                crate::input::read_file(&path).map_err(|e| crate::diag::render_headline(&e).trim_end().to_string())?;
            texts.insert(doc.clone(), Document::new(doc.clone(), text));
        }
        let document = &texts[doc];
        let draft = drafter
            .draft(document, Some(lines))
            .map_err(|e| format!("{} ({doc} {}-{}): {e}", source.name, lines.0, lines.1))?;
        m.sources += 1;
        for v in against::classify(&draft, db) {
            *m.groups.entry(v.group).or_default() += 1;
        }
        let window =
            crate::syntax::one_line(&(lines.0..=lines.1).map(|n| document.line(n)).collect::<Vec<_>>().join("\n"));
        compare_facts(db, source.name, &draft, &window, &phrase_preds, &mut counts, &mut m.bad_quotes);
        compare_claims(db, source.name, &draft, &window, &mut counts, &mut m.bad_quotes);
    }
    let mut rows: Vec<Row> = Vec::new();
    for name in TARGETS.iter().copied().chain([SNAPSHOT_ROW]) {
        rows.push(counts.remove(name).unwrap_or(Row { name: name.into(), ..Row::default() }));
    }
    let rest: Vec<String> = counts.keys().filter(|k| k.as_str() != OTHER_ROW).cloned().collect();
    for name in rest {
        rows.extend(counts.remove(&name));
    }
    rows.extend(counts.into_values());
    m.rows = rows;
    Ok(m)
}

fn entry<'a>(counts: &'a mut BTreeMap<String, Row>, name: &str) -> &'a mut Row {
    counts.entry(name.to_string()).or_insert_with(|| Row { name: name.to_string(), ..Row::default() })
}

fn compare_facts(
    db: &Database,
    source: Symbol,
    draft: &Draft,
    window: &str,
    phrase_preds: &BTreeSet<Symbol>,
    counts: &mut BTreeMap<String, Row>,
    bad_quotes: &mut Vec<String>,
) {
    let mut kb: BTreeMap<Symbol, BTreeSet<String>> = BTreeMap::new();
    for (_, a) in db.store.assertions() {
        // A statement citing the source only for the encoder's reading (`basis inferred`: an end read from a lifting
        // of restrictions, say) is not in the text to be drafted.
        let stated = |c: &crate::program::Citation| c.source == source && c.basis != crate::syntax::Basis::Inferred;
        if !a.snapshot && a.cites.iter().any(stated) {
            kb.entry(a.pred).or_default().insert(fact_key(a.pred, &a.tuple, &a.time));
        }
    }
    let mut drafted: BTreeMap<Symbol, BTreeSet<String>> = BTreeMap::new();
    let mut verbatim = BTreeSet::new();
    for f in &draft.facts {
        let key = fact_key(f.pred, &f.args, &f.time);
        if window.contains(&crate::syntax::one_line(&f.quote)) {
            verbatim.insert(key.clone());
        } else {
            bad_quotes.push(format!("{source}: {:?}", f.quote));
        }
        drafted.entry(f.pred).or_default().insert(key);
    }
    let preds: BTreeSet<Symbol> = kb.keys().chain(drafted.keys()).copied().collect();
    for pred in preds {
        let name = if phrase_preds.contains(&pred) { pred.to_string() } else { OTHER_ROW.to_string() };
        let (k, d) = (kb.remove(&pred).unwrap_or_default(), drafted.remove(&pred).unwrap_or_default());
        entry(counts, &name).add(source, &k, &d, &verbatim);
    }
}

fn compare_claims(
    db: &Database,
    source: Symbol,
    draft: &Draft,
    window: &str,
    counts: &mut BTreeMap<String, Row>,
    bad_quotes: &mut Vec<String>,
) {
    let mut kb: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for c in db.claims.iter().filter(|c| c.source == source) {
        if let Some(row) = claim_row(c.kind) {
            kb.entry(row).or_default().insert(kb_claim_key(c));
        }
    }
    let mut drafted: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut verbatim = BTreeSet::new();
    for c in &draft.claims {
        let Some(row) = claim_row(c.kind) else { continue };
        let key = draft_claim_key(c);
        if window.contains(&crate::syntax::one_line(&c.quote)) {
            verbatim.insert(key.clone());
        } else {
            bad_quotes.push(format!("{source} claim {}: {:?}", c.name, c.quote));
        }
        drafted.entry(row).or_default().insert(key);
    }
    let rows: BTreeSet<&str> = kb.keys().chain(drafted.keys()).copied().collect();
    for name in rows {
        let (k, d) = (kb.remove(name).unwrap_or_default(), drafted.remove(name).unwrap_or_default());
        entry(counts, name).add(source, &k, &d, &verbatim);
    }
}
