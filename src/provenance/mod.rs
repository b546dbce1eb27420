//! Provenance: why a fact holds on a day, as a proof tree down to cited base statements, and the sources an
//! answer rests on.

mod confirm;
mod confirm_derived;
pub mod coverage;
pub mod derivations;
mod proof;
mod sources;
mod why_not;

use crate::program::AtomPat;
use crate::value::Value;
pub use confirm::{confirm_base, confirmed_days, Confirmation};
pub use confirm_derived::{
    best, body_confirmed_set, confirm, confirm_body, confirm_derived, confirm_premises, confirm_proof, confirmed_set,
};

pub use proof::{prove, prove_body, prove_instance, AggregateProof, Proof, ProofKind};
pub use sources::{sources_of, SourceRef};
pub use why_not::{why_not, WhyNot};

/// An atom of a rule instance, its variables replaced by their values (`_` where unbound), as the language
/// writes it, so that it pastes back into `why` and the REPL.
pub(crate) fn instance_text(atom: &AtomPat, env: &[Option<Value>]) -> String {
    let args: Vec<String> = atom
        .args
        .iter()
        .map(|a| a.value(env).map(|x| crate::syntax::write_value(&x)).unwrap_or_else(|| "_".into()))
        .collect();
    crate::program::atom_text(atom.pred, &args)
}
