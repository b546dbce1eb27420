//! The sources an answer rests on: the citations at the leaves of its proofs, one entry per source.

use super::proof::{prove, Proof, ProofKind};
use crate::db::Database;
use crate::symbol::Symbol;
use crate::time::IntervalSet;
use crate::value::Tuple;
use serde::Serialize;
use std::collections::BTreeSet;

/// A source as answers cite it (the JSON `provenance` item).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SourceRef {
    /// Sorts sources by publication date (undated first), then by name; not serialised.
    #[serde(skip)]
    pub sort_key: (Option<String>, String),
    /// The source's name.
    pub source: String,
    /// The corpus file; `None` for a reference source without one.
    pub doc: Option<String>,
    /// The article's lines in the file, `[first, last]`, both included.
    pub lines: Option<[usize; 2]>,
    /// The article's title.
    pub title: String,
    /// The publication date, `YYYY-MM-DD`; `None` for an undated reference.
    pub published: Option<String>,
}

pub fn collect_sources(db: &Database, proof: &Proof, out: &mut BTreeSet<Symbol>) {
    match &proof.kind {
        ProofKind::Base { statements } => {
            for id in statements {
                out.extend(db.store.assertion(*id).cites.iter().map(|c| c.source));
            }
        }
        ProofKind::Derived { premises, .. } => premises.iter().for_each(|p| collect_sources(db, p, out)),
    }
}

/// The sources of `pred(tuple)` over `days`: proofs on the first day of each interval and of each statement
/// piece inside it, so a source that only covers part of the answer is still named.
pub fn sources_of(db: &Database, pred: Symbol, tuple: &Tuple, days: &IntervalSet) -> Vec<SourceRef> {
    let mut names = BTreeSet::new();
    let mut probe_days: BTreeSet<crate::time::Day> = BTreeSet::new();
    for interval in days.intervals() {
        probe_days.insert(interval.from);
    }
    if !db.is_derived(pred) {
        if let Some(facts) = db.visible_store().relation(pred).and_then(|r| r.tuples.get(tuple)) {
            if !facts.cited {
                return Vec::new();
            }
            for piece in facts.pieces.iter().filter(|p| days.overlaps(&p.interval)) {
                let first = piece.interval.from.max(days.intervals()[0].from);
                probe_days.insert(first);
            }
        }
    }
    for day in probe_days {
        // A stopped search finds no sources; the request's guard remembers the stop, and the session reports it.
        if let Ok(Some(proof)) = prove(db, pred, tuple, day) {
            collect_sources(db, &proof, &mut names);
        }
    }
    let mut refs: Vec<SourceRef> = names.iter().filter_map(|n| source_ref(db, *n)).collect();
    refs.sort();
    refs
}

pub fn source_ref(db: &Database, name: Symbol) -> Option<SourceRef> {
    let source = db.sources.get(&name)?;
    let published = source.published.map(|d| d.to_string());
    Some(SourceRef {
        sort_key: (published.clone(), name.to_string()),
        source: name.to_string(),
        doc: source.doc.clone(),
        lines: source.lines.map(|(a, b)| [a, b]),
        title: source.title.clone(),
        published,
    })
}
