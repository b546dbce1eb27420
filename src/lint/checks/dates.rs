//! Date anomalies of sources: a decision reported before it was taken (L0006), a printed date that had to be
//! corrected (L0007), a document that prints no date (L0008).

use super::super::context::Ctx;
use super::super::finding::Finding;
use super::intervals::stated_day;
use crate::diag::Code;
use crate::program::Assertion;
use crate::program::SourceKind;
use crate::symbol::Symbol;
use crate::syntax::Basis;
use crate::time::Day;
use std::collections::BTreeMap;

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = decisions_after_publication(ctx);
    for (name, source) in &ctx.db.sources {
        if source.kind == SourceKind::Reference {
            continue;
        }
        let note = source.note.as_ref().map(|n| format!("the kb's note: {n}"));
        match (source.printed, source.published) {
            (Some(printed), Some(published)) if printed != published => {
                let message =
                    format!("`{name}` prints {printed} but is published {published}: the printed date was corrected");
                let quote = long_date(printed);
                let finding = Finding::new(Code::CorrectedDate, message)
                    .located(ctx.kb_place(source.origin, format!("printed {printed}, published {published}")))
                    .with(ctx.related_source(*name, quote.as_deref(), format!("printed {printed}")))
                    .note(note.unwrap_or_else(|| "the source has no `note` saying why the date was corrected".into()));
                out.push(finding);
            }
            (None, Some(published)) => {
                let message = format!("`{name}` prints no date: its publication date {published} is an estimate");
                let mut finding = Finding::new(Code::UndatedSource, message)
                    .located(ctx.kb_place(source.origin, format!("published {published}, nothing printed")))
                    .with(ctx.related_source(*name, None, "no date printed"));
                if let Some(note) = note {
                    finding = finding.note(note);
                }
                out.push(finding);
            }
            _ => {}
        }
    }
    out
}

/// How many other statements a note names before it only counts them.
const SHOWN: usize = 4;

/// A date as articles print it, "December 21, 2021", to point at the printed date in the document.
fn long_date(day: Day) -> Option<String> {
    day.long_date()
}

/// L0006: facts citing a source with `basis decision` on a day after the source's publication, one finding per
/// source and day.
fn decisions_after_publication(ctx: &Ctx) -> Vec<Finding> {
    let mut late: BTreeMap<(Symbol, Day), Vec<&Assertion>> = BTreeMap::new();
    for (_, a) in ctx.db.store.assertions().filter(|(_, a)| !a.snapshot) {
        let Some(day) = stated_day(a) else { continue };
        for cite in a.cites.iter().filter(|c| c.basis == Basis::Decision) {
            if ctx.published(cite.source).is_some_and(|p| day > p) {
                late.entry((cite.source, day)).or_default().push(a);
            }
        }
    }
    let mut out = Vec::new();
    for ((source, day), statements) in late {
        let Some(first) = statements.first() else { continue };
        let published = ctx.published(source).map(|d| d.to_string()).unwrap_or_default();
        let message =
            format!("`{source}` is published {published} but reports a decision dated {day}, after its publication");
        let quote = first.cites.iter().find(|c| c.source == source).and_then(|c| c.quote.as_deref());
        let mut finding = Finding::new(Code::DateAfterPublication, message)
            .located(ctx.kb_place(first.origin, format!("decision dated {day}")))
            .with(ctx.related_source(source, quote, format!("published {published}")));
        if statements.len() > 1 {
            let others: Vec<String> = statements[1..].iter().map(|a| ctx.show_atom(a.pred, &a.tuple)).collect();
            let shown = others.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
            let more = others.len().saturating_sub(SHOWN);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            finding = finding.note(format!("also dated {day} by this source: {shown}{more}"));
        }
        out.push(finding);
    }
    out
}
