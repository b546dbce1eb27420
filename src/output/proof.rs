//! Proof trees as indented text: each node the fact, the day's interval, and the rule or citations behind it; each
//! leaf (a base fact) with the days its sources confirm, and whether its day is only presumed.

use crate::db::Database;
use crate::provenance::{confirm_base, Proof, ProofKind};

/// A fact as the language writes it (`idc_exempt(vn)`), so that a line of a proof pastes back into `why` and the
/// REPL; tables keep the upper-case codes and names.
fn atom_text(_db: &Database, proof: &Proof) -> String {
    crate::syntax::write_atom(proof.pred, &proof.tuple)
}

/// A proof tree as indented text, the proved fact first, each premise on a branch below it.
pub fn render_proof(db: &Database, proof: &Proof) -> String {
    let mut out = String::new();
    node(db, proof, "", true, true, &mut out);
    out
}

fn node(db: &Database, proof: &Proof, prefix: &str, last: bool, root: bool, out: &mut String) {
    let (branch, child_prefix) = if root {
        (String::new(), String::new())
    } else if last {
        (format!("{prefix}└─ "), format!("{prefix}   "))
    } else {
        (format!("{prefix}├─ "), format!("{prefix}│  "))
    };
    let via = proof.via.as_ref().map(|v| format!("{v} ")).unwrap_or_default();
    out.push_str(&format!(
        "{branch}{via}{}  holds {}{}\n",
        atom_text(db, proof),
        proof.interval,
        confirmation(db, proof)
    ));
    match &proof.kind {
        ProofKind::Base { statements } => {
            for (i, id) in statements.iter().enumerate() {
                let statement = db.store.assertion(*id);
                let lead = if i + 1 == statements.len() { "└─ " } else { "├─ " };
                let when = statement.when();
                if statement.cites.is_empty() {
                    out.push_str(&format!("{child_prefix}{lead}{when}, stated without a source\n"));
                }
                for cite in &statement.cites {
                    let source = db.sources.get(&cite.source);
                    let place = source
                        .and_then(|s| s.doc.as_ref().map(|d| (d, s.lines)))
                        .map(|(d, l)| match l {
                            Some((a, b)) => format!("{d}:{a}-{b}"),
                            None => d.clone(),
                        })
                        .unwrap_or_else(|| "reference".into());
                    let published =
                        source.and_then(|s| s.published).map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
                    out.push_str(&format!(
                        "{child_prefix}{lead}{when} ({}) cites {} [{place}, published {published}]\n",
                        cite.basis.name(),
                        cite.source
                    ));
                    if let Some(quote) = &cite.quote {
                        let cont = if i + 1 == statements.len() { "   " } else { "│  " };
                        out.push_str(&format!("{child_prefix}{cont}  \"{quote}\"\n"));
                    }
                }
            }
        }
        ProofKind::Derived { rule, premises, absent, aggregates } => {
            let text = db.rules[*rule].one_line();
            out.push_str(&format!("{child_prefix}by rule: {text}\n"));
            let total = premises.len() + absent.len() + aggregates.len();
            for (i, premise) in premises.iter().enumerate() {
                node(db, premise, &child_prefix, i + 1 == total, false, out);
            }
            for (i, text) in absent.iter().enumerate() {
                let lead = if premises.len() + i + 1 == total { "└─ " } else { "├─ " };
                out.push_str(&format!("{child_prefix}{lead}{text}  (no such fact on {})\n", proof.day));
            }
            for (i, aggregate) in aggregates.iter().enumerate() {
                let last = premises.len() + absent.len() + i + 1 == total;
                aggregate_node(db, aggregate, proof.day, &child_prefix, last, out);
            }
        }
    }
}

/// An aggregate of a rule instance: its value on the day, then the premises of each member holding that day.
fn aggregate_node(
    db: &Database,
    aggregate: &crate::provenance::AggregateProof,
    day: crate::time::Day,
    prefix: &str,
    last: bool,
    out: &mut String,
) {
    let (lead, below) = if last { ("└─ ", format!("{prefix}   ")) } else { ("├─ ", format!("{prefix}│  ")) };
    let n = aggregate.members.len();
    let value = crate::syntax::write_value(&aggregate.value);
    let members = if n == 1 { "1 member".to_string() } else { format!("{n} members") };
    out.push_str(&format!("{prefix}{lead}{} = {value} on {day}, over {members}\n", aggregate.text));
    let premises: Vec<&Proof> = aggregate.members.iter().flatten().collect();
    for (i, premise) in premises.iter().enumerate() {
        node(db, premise, &below, i + 1 == premises.len(), false, out);
    }
}

/// `  confirmed [2021-12-14, 2022-01-26)` on a leaf, with `, presumed on D` when the leaf's day lies outside; nothing
/// on a derived node or on a fact no dated source speaks of (it is never presumed).
fn confirmation(db: &Database, proof: &Proof) -> String {
    if !matches!(proof.kind, ProofKind::Base { .. }) {
        return String::new();
    }
    let Some(c) = confirm_base(db, proof.pred, &proof.tuple, proof.day).filter(|c| c.last_confirmed.is_some()) else {
        return String::new();
    };
    let days = c.confirmed.map(|d| d.to_string()).unwrap_or_else(|| "on no day".into());
    let presumed = if c.presumed { format!(", presumed on {}", proof.day) } else { String::new() };
    format!("  confirmed {days}{presumed}")
}

/// A `why not` answer: the nearest intervals where the fact holds, then each reason on its own line.
pub fn render_why_not(_db: &Database, answer: &crate::provenance::WhyNot) -> String {
    let atom = crate::syntax::write_atom(answer.pred, &answer.tuple);
    let mut out = format!("{atom} does not hold on {}\n", answer.day);
    match (answer.before, answer.after) {
        (None, None) => out += "├─ it holds on no day\n",
        (before, after) => {
            if let Some(b) = before {
                out += &format!("├─ nearest before: {b}\n");
            }
            if let Some(a) = after {
                out += &format!("├─ nearest after: {a}\n");
            }
        }
    }
    for (i, reason) in answer.reasons.iter().enumerate() {
        let lead = if i + 1 == answer.reasons.len() { "└─" } else { "├─" };
        out += &format!("{lead} {reason}\n");
    }
    out
}
