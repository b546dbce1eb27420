//! Why a fact holds, for the country pages: the proof trees of `provenance::prove` for each stretch of an
//! interval over which the same statements carry it, rendered as nested lists down to the quoted sentences.

use super::layout::Links;
use crate::db::Database;
use crate::program::Assertion;
use crate::provenance::{prove, Proof, ProofKind};
use crate::query::show;
use crate::symbol::Symbol;

use crate::time::{Day, Interval};
use crate::value::Tuple;
use maud::{html, Markup};

/// The first day of an interval that can be proved on: its start, or the first representable day when open.
fn first_day(interval: Interval) -> Day {
    if interval.from.is_open() {
        Day(i32::MIN + 1)
    } else {
        interval.from
    }
}

/// The proofs of `pred(tuple)` over `interval`: one per stretch on which the same proof holds, each with its days,
/// covering the whole interval. Adjacent stretches whose proofs show the same (only the day they were proved on
/// differs) are one stretch.
pub fn segments(db: &Database, pred: Symbol, tuple: &Tuple, interval: Interval) -> Vec<(Interval, Proof)> {
    let mut out: Vec<(Interval, Proof)> = Vec::new();
    let mut day = first_day(interval);
    while day < interval.to {
        // A stopped search ends the segments; the request's guard remembers the stop for the report to name.
        let Ok(Some(proof)) = prove(db, pred, tuple, day) else { break };
        let end = next_change(db, &proof).min(interval.to);
        if end <= day {
            break;
        }
        match out.last_mut() {
            Some((last, shown)) if last.to == day && same(shown, &proof) => last.to = end,
            _ => out.push((Interval { from: if out.is_empty() { interval.from } else { day }, to: end }, proof)),
        }
        day = end;
    }
    out
}

/// Whether two proofs show the same tree: equal but for the day each node was proved on.
pub fn same(a: &Proof, b: &Proof) -> bool {
    let kinds = match (&a.kind, &b.kind) {
        (ProofKind::Base { statements: x }, ProofKind::Base { statements: y }) => x == y,
        (
            ProofKind::Derived { rule: r, premises: p, absent: n, aggregates: g },
            ProofKind::Derived { rule: s, premises: q, absent: m, aggregates: h },
        ) => r == s && n == m && g == h && p.len() == q.len() && p.iter().zip(q).all(|(x, y)| same(x, y)),
        _ => false,
    };
    kinds && a.pred == b.pred && a.tuple == b.tuple && a.via == b.via && a.interval == b.interval
}

/// The first day after the proof's day on which some node of it stops holding or its statements change.
fn next_change(db: &Database, proof: &Proof) -> Day {
    let mut end = proof.interval.to;
    match &proof.kind {
        ProofKind::Base { .. } => {
            if let Some(facts) = db.store.relation(proof.pred).and_then(|r| r.tuples.get(&proof.tuple)) {
                for piece in facts.pieces.iter() {
                    if piece.interval.contains(proof.day) {
                        end = end.min(piece.interval.to);
                    } else if piece.interval.from > proof.day {
                        end = end.min(piece.interval.from);
                    }
                }
            }
        }
        ProofKind::Derived { premises, .. } => {
            for premise in premises.iter().filter(|p| p.via.is_none()) {
                end = end.min(next_change(db, premise));
            }
        }
    }
    end
}

/// A proof tree as nested lists.
pub fn tree(db: &Database, links: &Links, proof: &Proof) -> Markup {
    html! { ul.proof { (node(db, links, proof)) } }
}

fn node(db: &Database, links: &Links, proof: &Proof) -> Markup {
    let atom = show::show_atom(db, proof.pred, &proof.tuple);
    html! {
        li {
            @if let Some(via) = &proof.via { code { (via) } " " }
            a.atom href=(links.predicate(proof.pred)) { (atom) }
            " holds " span.when { (proof.interval.to_string()) }
            @match &proof.kind {
                ProofKind::Base { statements } => ul.cites {
                    @for id in statements { (statement(db, links, db.store.assertion(*id))) }
                },
                ProofKind::Derived { rule, premises, absent, .. } => {
                    div.rule { "by rule " code { (db.rules[*rule].one_line()) } }
                    ul {
                        @for premise in premises { (node(db, links, premise)) }
                        @for text in absent { li.absent { (text) " (no such fact on these days)" } }
                    }
                }
            }
        }
    }
}

/// When a statement says the fact holds: the words proof trees use in text (`from 2021-12-14`, `listed on ...`).
pub fn time_text(statement: &Assertion) -> String {
    statement.when()
}

fn statement(db: &Database, links: &Links, statement: &Assertion) -> Markup {
    let when = time_text(statement);
    html! {
        @if statement.cites.is_empty() { li { (when) ", stated without a source" } }
        @for cite in &statement.cites {
            @let source = db.sources.get(&cite.source);
            li {
                (when) " (" (cite.basis.name()) ") cites "
                a href=(links.source(cite.source, None)) { (cite.source.as_str()) }
                @if let Some(s) = source {
                    " " span.meta {
                        "[" (s.doc.as_deref().unwrap_or("reference"))
                        @if let Some((a, b)) = s.lines { ":" (a) "-" (b) }
                        ", published " (s.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())) "]"
                    }
                }
                @if let Some(quote) = &cite.quote {
                    blockquote { a href=(links.quote(cite.source, quote)) { "“" (quote) "”" } }
                }
            }
        }
    }
}
