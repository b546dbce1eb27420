//! Snapshot claims assert their members: each listed member holds on the claim's day, citing the claim's source.

use super::Database;
use crate::program::ClaimKind;
use crate::program::{Assertion, Citation};
use crate::syntax::{Basis, FactTime};
use crate::time::Interval;
use crate::value::{Tuple, Value};

impl Database {
    /// Asserts the members of the snapshot claims from index `from` on, when the claim is about a unary base
    /// predicate (a claim about a derived predicate is compared by the linter, not asserted).
    pub(super) fn assert_snapshot_claims(&mut self, from: usize) {
        let mut batch = Vec::new();
        for claim in &self.claims[from..] {
            let unary = self.preds.get(&claim.about).is_some_and(|p| p.arity == 1);
            if claim.kind != ClaimKind::Snapshot || !unary || self.is_derived(claim.about) {
                continue;
            }
            let reported = self.sources.get(&claim.source).and_then(|s| s.published);
            for member in claim.members.iter().filter(|m| matches!(m, Value::Sym(_))) {
                batch.push(Assertion {
                    pred: claim.about,
                    tuple: Tuple::from_slice(&[*member]),
                    time: FactTime::During(Interval::day(claim.date)),
                    snapshot: true,
                    cites: vec![Citation {
                        source: claim.source,
                        quote: Some(claim.quote.clone()),
                        basis: Basis::Snapshot,
                    }],
                    reported,
                    origin: claim.origin,
                });
            }
        }
        self.store.extend(batch);
    }
}
