//! The built-in relation `stated_count(P, N)`: each count N that a claim states about P (its `about`) holds on the
//! claim's day and cites the claim's source, so a query can set what the sources say ("15 states") beside what
//! the kb counts (`N = count : { direct_flight(C) }`).

use super::Database;
use crate::program::{Assertion, Citation};
use crate::program::{ClaimKind, PredInfo};
use crate::symbol::Symbol;
use crate::syntax::{Basis, FactTime};
use crate::time::Interval;
use crate::value::{Tuple, Value};

/// The relation's name (the linter's value check skips it by this name).
const STATED_COUNT: &str = "stated_count";

impl Database {
    /// Asserts the counts of the claims from index `from` on. A claim states a count when it has a `count`; the
    /// count of an `added` or `removed` claim is the size of a change, not of the set, and is left out.
    pub(super) fn assert_stated_counts(&mut self, from: usize) {
        let pred = Symbol::from(STATED_COUNT);
        let mut batch = Vec::new();
        for claim in &self.claims[from..] {
            let Some(count) = claim.count else { continue };
            if matches!(claim.kind, ClaimKind::Added | ClaimKind::Removed) {
                continue;
            }
            batch.push(Assertion {
                pred,
                tuple: Tuple::from_slice(&[Value::Sym(claim.about), Value::Int(count)]),
                time: FactTime::During(Interval::day(claim.date)),
                snapshot: false,
                cites: vec![Citation { source: claim.source, quote: Some(claim.quote.clone()), basis: Basis::Stated }],
                reported: self.sources.get(&claim.source).and_then(|s| s.published),
                origin: claim.origin,
            });
        }
        if batch.is_empty() {
            return;
        }
        // A kb that does not declare the relation still gets its arity, so queries on it are checked.
        self.preds.entry(pred).or_insert_with(|| PredInfo {
            arity: 2,
            params: vec![Symbol::from("P"), Symbol::from("N")],
            meaning: None,
            origin: batch[0].origin,
        });
        self.store.extend(batch);
    }
}

#[cfg(test)]
mod tests {
    use crate::db::Database;
    use crate::symbol::Symbol;
    use crate::time::Day;
    use crate::value::Value;

    fn load(text: &str) -> Database {
        let mut db = Database::default();
        let diags = db.load_kb(vec![("kb.tkb".into(), text.into())]);
        assert!(diags.is_empty(), "{diags:?}");
        db
    }

    const KB: &str = r#"
        source s { doc: "d.txt", title: "t", published: 2021-03-16, lines: [1, 2] }.
        claim c1 { source: s, about: direct_flight, kind: count, date: 2021-03-16, count: 15, quote: "15 states" }.
        claim c2 { source: s, about: direct_flight, kind: added, date: 2021-03-16, count: 1, members: [vn], quote: "q" }.
        claim c3 { source: s, about: direct_flight, kind: snapshot, date: 2021-03-20, members: [vn], quote: "q" }.
    "#;

    #[test]
    fn each_stated_count_holds_on_its_day_and_cites_its_source() {
        let db = load(KB);
        let relation = db.store.relation(Symbol::from("stated_count")).expect("asserted");
        let tuples: Vec<_> = relation.tuples.iter().collect();
        assert_eq!(tuples.len(), 1, "the added claim's count and the uncounted snapshot state no count of the set");
        let (tuple, facts) = tuples[0];
        assert_eq!(tuple.as_slice(), &[Value::sym("direct_flight"), Value::Int(15)]);
        let day = Day::parse("2021-03-16").expect("date");
        assert!(facts.validity.contains(day) && !facts.validity.contains(day.succ()));
        let statement = db.store.assertion(facts.statements[0]);
        assert_eq!(statement.cites[0].source, Symbol::from("s"));
        assert_eq!(statement.cites[0].quote.as_deref(), Some("15 states"));
        assert_eq!(db.preds[&Symbol::from("stated_count")].arity, 2);
    }

    #[test]
    fn claims_without_counts_assert_nothing() {
        let db = load(r#"source s { doc: "d.txt", title: "t", published: 2021-03-16, lines: [1, 2] }."#);
        assert!(db.store.relation(Symbol::from("stated_count")).is_none());
        assert!(!db.preds.contains_key(&Symbol::from("stated_count")));
    }
}
