//! Anticipating list (L0015): a snapshot list names a member ahead of the start a source announces for it. The
//! member does not hold on the list's day, and its next announced event after the list is a start: the list
//! anticipated the change (001 lines 669-675: a list of 2021-09-06 names Hungary, whose flights resume
//! "effective September 9"). The loader starts such a member on the announced day (`store::pairing`), so the
//! unannounced-change check leaves it to this one.

use super::super::context::Ctx;
use super::super::finding::Finding;
use super::{is_full_list, Event, Events};
use crate::diag::Code;
use crate::program::Claim;
use crate::symbol::Symbol;
use crate::time::Day;
use crate::value::{Tuple, Value};

pub fn check(ctx: &Ctx, events: &Events) -> Vec<Finding> {
    let mut out = Vec::new();
    for claim in ctx.db.claims.iter().filter(|c| is_full_list(c)) {
        let derived = ctx.db.is_derived(claim.about);
        for member in &claim.members {
            let Some(start) = anticipated(ctx, events, claim.about, *member, claim.date) else { continue };
            // A list of a derived predicate anticipates because a list of what it rests on did: reported there.
            if derived && base_list_names(ctx, events, claim, *member) {
                continue;
            }
            out.push(finding(ctx, claim, *member, start));
        }
    }
    out
}

/// The announced start that a list of `pred` on `day` anticipates for `member`, if it does: no predicate of the
/// family with announced events of the member holds it on the day, and the member's first announced event after
/// the day is a start.
pub fn anticipated<'e>(ctx: &Ctx, events: &'e Events, pred: Symbol, member: Value, day: Day) -> Option<&'e Event> {
    let own = events.of_member(pred, member);
    let next = own.iter().find(|e| e.day > day)?;
    if !next.start {
        return None;
    }
    let store = &ctx.db.store;
    let tuple = Tuple::from_slice(&[member]);
    let holds = events
        .family(pred)
        .into_iter()
        .filter(|p| *p == pred || events.has_member(*p, member))
        .any(|p| store.relation(p).and_then(|r| r.tuples.get(&tuple)).is_some_and(|f| f.validity.contains(day)));
    (!holds).then_some(*next)
}

/// Whether a list of a base predicate the claim's predicate rests on, of the same day, names the member.
fn base_list_names(ctx: &Ctx, events: &Events, claim: &Claim, member: Value) -> bool {
    let family = events.family(claim.about);
    ctx.db.claims.iter().any(|c| {
        c.date == claim.date
            && c.about != claim.about
            && family.contains(&c.about)
            && !ctx.db.is_derived(c.about)
            && is_full_list(c)
            && c.members.contains(&member)
    })
}

fn finding(ctx: &Ctx, claim: &Claim, member: Value, start: &Event) -> Finding {
    let shown = ctx.show(&member);
    let by = start.source.map(|s| format!(" by {s}")).unwrap_or_default();
    let message = format!(
        "the list of `{}` of {} names {shown} ahead of its start, announced for {}{by}",
        claim.about, claim.date, start.day
    );
    let mut finding = Finding::new(Code::AnticipatingList, message)
        .located(ctx.kb_place(claim.origin, format!("lists {shown} on {}", claim.date)))
        .with(ctx.related_source(claim.source, Some(&claim.quote), format!("the list of {}", claim.date)))
        .with(ctx.related_statement(start.origin, start.source, format!("starts {}", start.day)))
        .note(format!("the kb starts {shown} on {}, the announced day; the list supports that start", start.day));
    if let Some(source) = start.source.filter(|s| *s != claim.source) {
        finding = finding.with(ctx.related_source(source, None, format!("starts {}", start.day)));
    }
    finding
}
