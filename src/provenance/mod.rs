//! Provenance: why a fact holds on a day, as a proof tree down to cited base statements, and the sources an
//! answer rests on.

mod confirm;
mod proof;
mod sources;
mod why_not;

pub use confirm::{confirm, confirm_base, confirm_premises, confirm_proof, confirmed_days, Confirmation};
pub use proof::{prove, prove_body, Proof, ProofKind};
pub use sources::{sources_of, SourceRef};
pub use why_not::{why_not, WhyNot};
