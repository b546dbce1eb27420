//! Supersessions (L0017, notes): a fact ended by a later statement rather than by an `until` of its own. A later
//! value of a functional predicate's key ends the earlier one on its start day (`store::pairing`), and a list a
//! source presents as complete (`complete: true`) ends the members it leaves out (`db::complete_claims`). The
//! linter lists each one with both statements, so that a change the kb infers is never silent.

use super::super::context::Ctx;
use super::super::finding::Finding;
use super::show::show_time;
use crate::diag::Code;
use crate::syntax::FactTime;

/// Every supersession of the kb's facts.
pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = functional(ctx);
    out.extend(complete_lists(ctx));
    out
}

fn functional(ctx: &Ctx) -> Vec<Finding> {
    let store = &ctx.db.store;
    let mut out = Vec::new();
    for decl in &ctx.db.declarations.functional {
        let Some(relation) = store.relation(decl.pred) else { continue };
        for (tuple, facts) in relation.tuples.iter() {
            for piece in facts.pieces.iter() {
                let Some(by) = piece.ended_by else { continue };
                let later = store.assertion(by);
                let ended = piece.support.first().map(|id| store.assertion(*id));
                let day = piece.interval.to;
                let message = format!(
                    "`{}` ends on {day}: `{}` starts then (one value per key of `{}`)",
                    ctx.show_atom(decl.pred, tuple),
                    ctx.show_atom(later.pred, &later.tuple),
                    decl.pred
                );
                let mut finding = Finding::new(Code::Superseded, message);
                if let Some(a) = ended {
                    finding = finding.located(ctx.kb_place(a.origin, format!("{}, ended {day}", show_time(&a.time))));
                }
                let label = format!("{} {}", ctx.show_atom(later.pred, &later.tuple), show_time(&later.time));
                finding =
                    finding.with(ctx.related_statement(later.origin, later.cites.first().map(|c| c.source), label));
                for cite in &later.cites {
                    finding =
                        finding.with(ctx.related_source(cite.source, cite.quote.as_deref(), format!("starts {day}")));
                }
                out.push(finding);
            }
        }
    }
    out
}

fn complete_lists(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for claim in ctx.db.claims.iter().filter(|c| c.complete) {
        let ends = ctx.db.store.assertions().filter(|(_, a)| {
            a.pred == claim.about && a.origin == claim.origin && a.time == FactTime::Until(claim.date)
        });
        for (_, a) in ends {
            let message = format!(
                "`{}` ends on {}: the complete list of claim `{}` leaves it out",
                ctx.show_atom(a.pred, &a.tuple),
                claim.date,
                claim.name
            );
            out.push(
                Finding::new(Code::Superseded, message)
                    .located(ctx.kb_place(claim.origin, format!("complete list of {}", claim.date)))
                    .with(ctx.related_source(claim.source, Some(&claim.quote), format!("the list of {}", claim.date))),
            );
        }
    }
    out
}
