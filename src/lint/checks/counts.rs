//! Count mismatch (L0001): a claim whose stated count differs from the number of items listed with it.

use super::super::context::Ctx;
use super::super::finding::Finding;
use crate::diag::Code;
use crate::value::Value;
use std::collections::BTreeSet;

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for claim in &ctx.db.claims {
        let (Some(count), false) = (claim.count, claim.members.is_empty()) else { continue };
        let listed = claim.members.len() as i64;
        if listed == count {
            continue;
        }
        let message = format!(
            "source `{}` states {count} members of `{}` on {} but lists {listed}",
            claim.source, claim.about, claim.date
        );
        let label = format!("count: {count}, members: {listed}");
        let mut finding = Finding::new(Code::CountMismatch, message)
            .located(ctx.kb_place(claim.origin, label))
            .with(ctx.related_source(claim.source, Some(&claim.quote), format!("the source states {count}")));
        let dups = duplicates(&claim.members);
        if !dups.is_empty() {
            finding = finding.note(format!("listed twice: {}", ctx.show_all(&dups)));
        }
        if listed > count {
            let extra: Vec<Value> = claim.members[count.max(0) as usize..].to_vec();
            finding = finding.note(format!("items beyond the first {count}: {}", ctx.show_all(&extra)));
        }
        out.push(finding);
    }
    out
}

fn duplicates(members: &[Value]) -> Vec<Value> {
    let mut seen = BTreeSet::new();
    let mut dups = BTreeSet::new();
    for m in members {
        if !seen.insert(*m) {
            dups.insert(*m);
        }
    }
    dups.into_iter().collect()
}
