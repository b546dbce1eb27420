//! What evaluation reports as it goes, for a progress display: each pass of a stratum as it starts, and the end of
//! the evaluation a request asked for. A `Watch` travels on the request's `Guard` (none: nothing reported), so no
//! state is process-wide; a report costs one call per pass, never per tuple.

use crate::symbol::Symbol;

/// Told of each pass of the semi-naive evaluation. Shared with the request's threads, hence `Send + Sync`.
pub trait Watch: Send + Sync + std::fmt::Debug {
    /// Pass `pass` (from 1) of the stratum deriving `preds` starts; the model holds `tuples` tuples.
    fn pass(&self, preds: &[Symbol], pass: usize, tuples: usize);
    /// The strata the request needed are evaluated, or the evaluation stopped.
    fn done(&self);
}
