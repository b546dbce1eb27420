//! Lists a source presents as complete (`complete: true` on a claim) end the members they leave out: each tuple of
//! the claim's predicate that holds on the claim's day, and whose first argument is not a listed member, stops
//! holding on that day. The end is a statement like any `until`, citing the claim's source and quote (basis
//! inferred), so `why not` and the linter name the list that ended it.

use super::Database;
use crate::program::{Assertion, Citation};
use crate::syntax::{Basis, FactTime};
use crate::value::Tuple;

impl Database {
    /// Asserts the ends made by the complete claims from index `from` on.
    pub(super) fn assert_complete_claims(&mut self, from: usize) {
        let mut batch = Vec::new();
        for claim in self.claims[from..].iter().filter(|c| c.complete) {
            if self.is_derived(claim.about) {
                continue;
            }
            let Some(relation) = self.store.relation(claim.about) else { continue };
            let reported = self.sources.get(&claim.source).and_then(|s| s.published);
            let left_out = relation.tuples.iter().filter(|(tuple, facts)| {
                facts.validity.contains(claim.date) && tuple.first().is_some_and(|m| !claim.members.contains(m))
            });
            for (tuple, _) in left_out {
                batch.push(Assertion {
                    pred: claim.about,
                    tuple: Tuple::from_slice(tuple),
                    time: FactTime::Until(claim.date),
                    snapshot: false,
                    cites: vec![Citation {
                        source: claim.source,
                        quote: Some(claim.quote.clone()),
                        basis: Basis::Inferred,
                    }],
                    reported,
                    origin: claim.origin,
                });
            }
        }
        self.store.extend(batch);
    }
}
