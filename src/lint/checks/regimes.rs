//! Measures that outlive their regime (L0019, warnings): for each `regime R: p, q.` declaration, a fact of a
//! measure that started while R was in force and still holds after R ended. A measure of the IDC era that no
//! statement ends with it is presumed to go on, which is seldom what the sources mean; the finding asks for the
//! end a source gives, or for a source that says it outlived the regime.

use super::super::context::Ctx;
use super::super::finding::Finding;
use super::show::show_time;
use crate::diag::Code;
use crate::time::Day;
use crate::value::Tuple;

/// Every measure still in force after its regime ended.
pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let store = &ctx.db.store;
    let mut out = Vec::new();
    for decl in &ctx.db.declarations.regimes {
        let regime = store.validity(decl.regime, &Tuple::new());
        for run in regime.intervals().iter().filter(|i| !i.to.is_open()) {
            let ended = run.to;
            for measure in &decl.measures {
                let Some(relation) = store.relation(*measure) else { continue };
                for (tuple, facts) in relation.tuples.iter() {
                    for part in facts.validity.intervals() {
                        let opened = !part.from.is_open() && run.contains(part.from);
                        if opened && part.to > ended && !confirmed_after(ctx, facts, ended) {
                            out.push(finding(ctx, decl.regime, *measure, tuple, facts, part.from, ended));
                        }
                    }
                }
            }
        }
    }
    out
}

/// Whether a source published on or after the regime's end supports the measure past it: then it outlived the
/// regime by that source's word.
fn confirmed_after(ctx: &Ctx, facts: &crate::store::TupleFacts, ended: Day) -> bool {
    facts
        .pieces
        .iter()
        .filter(|p| p.interval.to > ended)
        .flat_map(|p| p.support.iter())
        .any(|id| ctx.db.store.assertion(*id).cites.iter().any(|c| ctx.published(c.source).is_some_and(|d| d >= ended)))
}

fn finding(
    ctx: &Ctx,
    regime: crate::symbol::Symbol,
    measure: crate::symbol::Symbol,
    tuple: &Tuple,
    facts: &crate::store::TupleFacts,
    started: Day,
    ended: Day,
) -> Finding {
    let atom = ctx.show_atom(measure, tuple);
    let message = format!(
        "`{atom}` started on {started}, under `{regime}`, which ended on {ended}, and is still in force after it"
    );
    let mut finding = Finding::new(Code::OutlivesRegime, message).note(format!(
        "end it where a source says so (`{atom} until {ended} cite ...`), or cite the source that says it outlived the regime"
    ));
    let start = facts.pieces.iter().find(|p| p.interval.from == started).and_then(|p| p.support.first());
    if let Some(a) = start.map(|id| ctx.db.store.assertion(*id)) {
        finding = finding.located(ctx.kb_place(a.origin, show_time(&a.time)));
        for cite in &a.cites {
            finding = finding.with(ctx.related_source(cite.source, cite.quote.as_deref(), format!("starts {started}")));
        }
    }
    finding
}
