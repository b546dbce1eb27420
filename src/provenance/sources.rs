//! The sources an answer rests on: the citations at the leaves of its proofs, one entry per source.

use super::derivations::{counted, instances, members, premises, read_days, Instance};
use crate::db::Database;
use crate::program::{Lit, Rule};
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

/// The sources of `pred(tuple)` over `days`: for a base fact, the statements of every piece of its validity those
/// days meet; for a derived one, the sources of the premises of every instance of its rules on the days each
/// holds, so that every derivation and every part of the period is cited.
pub fn sources_of(db: &Database, pred: Symbol, tuple: &Tuple, days: &IntervalSet) -> Vec<SourceRef> {
    let mut names = BTreeSet::new();
    collect_over(db, pred, tuple, days, &mut names, &mut Vec::new());
    let mut refs: Vec<SourceRef> = names.iter().filter_map(|n| source_ref(db, *n)).collect();
    refs.sort();
    refs
}

fn collect_over(
    db: &Database,
    pred: Symbol,
    tuple: &Tuple,
    days: &IntervalSet,
    out: &mut BTreeSet<Symbol>,
    visiting: &mut Vec<(Symbol, Tuple)>,
) {
    if days.is_empty() || visiting.iter().any(|(p, t)| *p == pred && t == tuple) {
        return;
    }
    let store = db.visible_store();
    if let Some(facts) = store.relation(pred).and_then(|r| r.tuples.get(tuple)).filter(|f| f.cited) {
        for piece in facts.pieces.iter().filter(|p| days.overlaps(&p.interval)) {
            for id in &piece.support {
                out.extend(store.assertion(*id).cites.iter().map(|c| c.source));
            }
        }
    }
    if !db.is_derived(pred) {
        return;
    }
    visiting.push((pred, tuple.clone()));
    for instance in instances(db, pred, tuple, days) {
        let rule = &db.rules[instance.rule];
        collect_body(db, rule, &rule.body, &instance, out, visiting);
    }
    visiting.pop();
}

/// The sources of the premises of an instance of `body` (`rule`'s, or an aggregate's for a member), and of each
/// member of its aggregates that its value rests on (`derivations::counted`), on the days that member holds.
fn collect_body(
    db: &Database,
    rule: &Rule,
    body: &[Lit],
    instance: &Instance,
    out: &mut BTreeSet<Symbol>,
    visiting: &mut Vec<(Symbol, Tuple)>,
) {
    for premise in premises(body, &instance.env) {
        let read = read_days(db, &premise, &instance.days);
        collect_over(db, premise.pred, &premise.tuple, &read, out, visiting);
    }
    for agg in body.iter().filter_map(|l| if let Lit::Agg(a) = l { Some(a) } else { None }) {
        let value = instance.env.get(agg.result).copied().flatten();
        for member in members(db, rule, instance, agg).iter().filter(|m| counted(agg, &m.env, value)) {
            collect_body(db, rule, &agg.body, member, out, visiting);
        }
    }
}

/// A source as answers cite it, by name; `None` for a name no source declares.
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
