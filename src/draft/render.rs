//! A draft as tkb text, in the kb's own layout: the source block, then the article's statements in document
//! order (facts that share a quote in one `cite` block), each claim after the facts of its sentence, and a
//! `% not encoded` comment for every sentence with a date or number that gave nothing.

use super::{Draft, DraftClaim, DraftFact, Skipped};
use crate::syntax::{Basis, FactTime};
use std::fmt::Write;

/// A string constant: quoted as the language writes it (`syntax::quote`), on one line and with no control
/// character (each becomes a space).
pub fn string(text: &str) -> String {
    crate::syntax::quote(&text.replace(|c: char| c.is_control(), " "))
}

/// A fact's time as the draft writes it after the atom, with a leading space: ` from D`, ` until D`, ` @ D`,
/// ` @ [A, B)`; empty for a fact with no time.
pub fn time(time: &FactTime) -> String {
    match time.text() {
        text if text.is_empty() => text,
        text => format!(" {text}"),
    }
}

fn basis(basis: Basis) -> String {
    if basis == Basis::Effective {
        String::new()
    } else {
        format!(" basis {}", basis.name())
    }
}

/// The draft as text that loads as it is.
pub fn render(draft: &Draft) -> String {
    let mut out = String::new();
    let s = &draft.source;
    let _ = writeln!(
        out,
        "% Draft of {} lines {}-{}, made by `tkb draft`: review every statement, then append it to kb/",
        s.doc, s.lines.0, s.lines.1
    );
    out.push_str("% and run `tkb lint --corpus DIR`.\n");
    for remark in &draft.remarks {
        let _ = writeln!(out, "% NOTE: {remark}");
    }
    let _ = writeln!(out, "source {} {{", s.name);
    let _ = writeln!(out, "    doc: {},", string(&s.doc));
    let _ = writeln!(out, "    title: {},", string(&s.title));
    if let Some(printed) = s.printed {
        let _ = writeln!(out, "    printed: {printed},");
    }
    let _ = writeln!(out, "    published: {},", s.published);
    let _ = writeln!(out, "    lines: [{}, {}],", s.lines.0, s.lines.1);
    if let Some(note) = &s.note {
        let _ = writeln!(out, "    note: {},", string(note));
    }
    out.push_str("}.\n");
    let mut units: Vec<usize> = draft
        .facts
        .iter()
        .map(|f| f.unit)
        .chain(draft.claims.iter().map(|c| c.unit))
        .chain(draft.skipped.iter().map(|k| k.unit))
        .collect();
    units.sort_unstable();
    units.dedup();
    for unit in units {
        let facts: Vec<&DraftFact> = of_unit(&draft.facts, unit, |f| f.unit).iter().collect();
        facts_text(&mut out, &s.name, &facts);
        for claim in of_unit(&draft.claims, unit, |c| c.unit) {
            claim_text(&mut out, &s.name, claim);
        }
        for skipped in of_unit(&draft.skipped, unit, |k| k.unit) {
            skipped_text(&mut out, skipped);
        }
    }
    if draft.facts.is_empty() && draft.claims.is_empty() {
        out.push_str("% No phrase of the pattern table matched: nothing was drafted beyond the source.\n");
    }
    out
}

/// The items of one unit in a list kept in unit order.
fn of_unit<T>(items: &[T], unit: usize, key: impl Fn(&T) -> usize) -> &[T] {
    let from = items.partition_point(|i| key(i) < unit);
    let to = items.partition_point(|i| key(i) <= unit);
    &items[from..to]
}

/// Facts of one sentence: alone with their citation, or several in a `cite` block when they share it.
fn facts_text(out: &mut String, source: &str, facts: &[&DraftFact]) {
    let mut groups: Vec<(String, Basis, Vec<&DraftFact>)> = Vec::new();
    for fact in facts {
        match groups.iter_mut().find(|(q, b, _)| *q == fact.quote && *b == fact.basis) {
            Some(group) => group.2.push(fact),
            None => groups.push((fact.quote.clone(), fact.basis, vec![fact])),
        }
    }
    for (quote, b, group) in groups {
        let cite = format!("cite {source} {}{}", string(&quote), basis(b));
        if let [fact] = group.as_slice() {
            let _ = writeln!(out, "{}{}\n    {cite}.", fact.atom(), time(&fact.time));
        } else {
            let _ = writeln!(out, "{cite} {{");
            for fact in group {
                let _ = writeln!(out, "    {}{}.", fact.atom(), time(&fact.time));
            }
            out.push_str("}\n");
        }
    }
}

fn claim_text(out: &mut String, source: &str, claim: &DraftClaim) {
    if !claim.unmapped.is_empty() {
        let names: Vec<String> = claim.unmapped.iter().map(|n| string(n)).collect();
        let _ = writeln!(out, "% not mapped to a country code (left out of the members): {}", names.join(", "));
    }
    let _ = writeln!(out, "claim {} {{", claim.name);
    let count = claim.count.map(|c| format!(", count: {c}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "    source: {source}, about: {}, kind: {}, date: {}{count},",
        claim.about,
        claim.kind.name(),
        claim.date
    );
    if !claim.members.is_empty() {
        let members: Vec<&str> = claim.members.iter().map(|m| m.as_str()).collect();
        let _ = writeln!(out, "    members: [{}],", members.join(", "));
    }
    let _ = writeln!(out, "    quote: {},", string(&claim.quote));
    out.push_str("}.\n");
}

/// Long sentences are cut in the comment: it points to the line, the document has the rest.
const SKIPPED_CHARS: usize = 160;

fn skipped_text(out: &mut String, skipped: &Skipped) {
    let mut text: String = skipped.text.chars().take(SKIPPED_CHARS).collect();
    if text.len() < skipped.text.len() {
        text.push_str(" ...");
    }
    let why = skipped.why.as_ref().map(|w| format!("; {w}")).unwrap_or_default();
    let _ = writeln!(out, "% not encoded: {text}  [line {}{why}]", skipped.line);
}
