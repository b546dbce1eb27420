//! Facts: ground arguments, a known arity, and citations of declared sources (with a quote unless the source is a
//! reference table).

use super::check_rule::{check_arity, PredTable};
use super::{Assertion, Citation};
use super::{Source, SourceKind};
use crate::diag::{Code, Diagnostic, Origin};
use crate::symbol::Symbol;
use crate::syntax::{Fact, TermKind};
use crate::value::Tuple;
use std::collections::BTreeMap;

/// Checks a fact statement (arity, ground arguments, cited sources and their quotes) into the store's form.
/// On success the assertion's `reported` day is the latest publication of its sources; errors come all together.
pub fn check_fact(
    fact: &Fact,
    preds: &mut dyn PredTable,
    sources: &BTreeMap<Symbol, Source>,
    file: usize,
) -> Result<Assertion, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    check_arity(preds, &fact.atom, file, &mut diags);
    let mut tuple = Tuple::new();
    for term in &fact.atom.args {
        match &term.kind {
            TermKind::Const(v) => tuple.push(*v),
            TermKind::Var(_) | TermKind::Wildcard => diags.push(
                Diagnostic::error(Code::NonGroundFact, "a fact must not contain variables")
                    .at(file, term.span, "a variable")
                    .note("to derive facts from others, write a rule: `head :- body.`"),
            ),
        }
    }
    let mut cites = Vec::new();
    let mut reported = None;
    for cite in &fact.cites {
        match sources.get(&cite.source) {
            None => {
                diags.push(Diagnostic::error(Code::UnknownSource, format!("no source is named `{}`", cite.source)).at(
                    file,
                    cite.span,
                    "cited here",
                ))
            }
            Some(source) => {
                if cite.quote.is_none() && source.kind != SourceKind::Reference {
                    diags.push(
                        Diagnostic::error(Code::MissingQuote, format!("citing `{}` needs a quote", cite.source))
                            .at(file, cite.span, "no quote"),
                    );
                }
                reported = reported.max(source.published);
            }
        }
        cites.push(Citation { source: cite.source, quote: cite.quote.clone(), basis: cite.basis });
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(Assertion {
        pred: fact.atom.pred,
        tuple,
        time: fact.time,
        snapshot: false,
        cites,
        reported,
        origin: Origin { file, span: fact.span },
    })
}
