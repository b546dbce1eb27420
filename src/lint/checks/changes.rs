//! Unannounced change (L0002): two consecutive snapshot lists of one predicate differ by members whose start or
//! end no `added`/`removed` claim and no `from`/`until` fact dates between the two lists. For a derived
//! predicate, the lists of the predicates its rules rest on also explain a change (their own check reports
//! whether those changed unannounced), so one unannounced member is reported once, where it first appears.

use super::super::context::Ctx;
use super::super::finding::Finding;
use super::anticipation::anticipated;
use super::{is_full_list, Events};
use crate::diag::Code;
use crate::program::Claim;
use crate::symbol::Symbol;
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};

pub fn check(ctx: &Ctx, events: &Events) -> Vec<Finding> {
    let mut lists: BTreeMap<Symbol, Vec<&Claim>> = BTreeMap::new();
    for claim in ctx.db.claims.iter().filter(|c| is_full_list(c)) {
        lists.entry(claim.about).or_default().push(claim);
    }
    for claims in lists.values_mut() {
        claims.sort_by(|a, b| (a.date, a.name.as_str()).cmp(&(b.date, b.name.as_str())));
    }
    let mut out = Vec::new();
    for (pred, claims) in &lists {
        for pair in claims.windows(2) {
            let window = Window { ctx, events, lists: &lists, pred: *pred, before: pair[0], after: pair[1] };
            out.extend(window.compare());
        }
    }
    out
}

/// Two consecutive lists of one predicate, and what can explain their difference.
struct Window<'a> {
    ctx: &'a Ctx<'a>,
    events: &'a Events,
    lists: &'a BTreeMap<Symbol, Vec<&'a Claim>>,
    pred: Symbol,
    before: &'a Claim,
    after: &'a Claim,
}

/// Members of one list that the other lacks and that nothing explains, with a note on each.
#[derive(Default)]
struct Change {
    unexplained: Vec<Value>,
    notes: Vec<String>,
}

impl Window<'_> {
    fn compare(&self) -> Option<Finding> {
        let ctx = self.ctx;
        let old: BTreeSet<Value> = self.before.members.iter().copied().collect();
        let new: BTreeSet<Value> = self.after.members.iter().copied().collect();
        let added = self.unexplained(new.difference(&old).copied(), true);
        let removed = self.unexplained(old.difference(&new).copied(), false);
        if added.unexplained.is_empty() && removed.unexplained.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        if !added.unexplained.is_empty() {
            parts.push(format!("added {}", ctx.show_all(&added.unexplained)));
        }
        if !removed.unexplained.is_empty() {
            parts.push(format!("removed {}", ctx.show_all(&removed.unexplained)));
        }
        let (before, after, pred) = (self.before, self.after, self.pred);
        let message = if before.date == after.date {
            format!("two lists of `{pred}` on {} differ with no announcement: {}", after.date, parts.join("; "))
        } else {
            let dates = format!("between {} and {}", before.date, after.date);
            format!("the list of `{pred}` changes {dates} with no announcement: {}", parts.join("; "))
        };
        let label = format!("{} members on {}", after.members.len(), after.date);
        let earlier = format!("the earlier list: {} members on {}", before.members.len(), before.date);
        let mut finding = Finding::new(Code::UnannouncedChange, message)
            .located(ctx.kb_place(after.origin, label.clone()))
            .with(ctx.related_statement(before.origin, Some(before.source), earlier))
            .with(ctx.related_source(after.source, Some(&after.quote), format!("the later list: {label}")));
        for note in added.notes.into_iter().chain(removed.notes) {
            finding = finding.note(note);
        }
        Some(finding)
    }

    fn within(&self, day: crate::time::Day) -> bool {
        self.before.date < day && day <= self.after.date
    }

    /// Whether a list of a predicate this one rests on, dated within the window, shows the same change.
    fn follows_a_base_list(&self, member: Value, start: bool) -> bool {
        let family = self.events.family(self.pred);
        let base = family.iter().filter(|p| **p != self.pred);
        base.filter_map(|p| self.lists.get(p))
            .flatten()
            .any(|list| self.within(list.date) && list.members.contains(&member) == start)
    }

    /// The members (added when `start`, else removed) with no event of that direction in the window; each gets a
    /// note naming the nearest announcement outside it, and those never announced share one note.
    fn unexplained(&self, members: impl Iterator<Item = Value>, start: bool) -> Change {
        let mut change = Change::default();
        let mut never = Vec::new();
        let what = if start { "start" } else { "end" };
        for member in members {
            let all: Vec<_> =
                self.events.of_member(self.pred, member).into_iter().filter(|e| e.start == start).collect();
            if all.iter().any(|e| self.within(e.day)) || self.follows_a_base_list(member, start) {
                continue;
            }
            // A member the later list names ahead of its announced start is the anticipating-list check's.
            if start && anticipated(self.ctx, self.events, self.pred, member, self.after.date).is_some() {
                continue;
            }
            change.unexplained.push(member);
            let shown = self.ctx.show(&member);
            let later = all.iter().find(|e| e.day > self.after.date);
            let earlier = all.iter().rev().find(|e| e.day <= self.before.date);
            let note = match (later, earlier) {
                (Some(e), _) => {
                    format!("{shown}: its {what} is announced for {}{}, after the later list", e.day, by(e.source))
                }
                (None, Some(e)) => {
                    format!("{shown}: its {what} is announced for {}{}, before the earlier list", e.day, by(e.source))
                }
                (None, None) => {
                    never.push(member);
                    continue;
                }
            };
            change.notes.push(note);
        }
        if !never.is_empty() {
            change.notes.push(format!("no {what} of {} is announced anywhere in the kb", self.ctx.show_all(&never)));
        }
        change
    }
}

fn by(source: Option<Symbol>) -> String {
    source.map(|s| format!(" by {s}")).unwrap_or_default()
}
