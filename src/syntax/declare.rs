//! Declarations about predicates rather than facts: where silence means "no" (`settled`, `open`), which
//! arguments determine the rest (`functional`), what may never hold (`constraint`), and which predicates are the
//! measures of a regime (`regime`). Each opens with a word that is a name elsewhere (`open(C) :- ...` stays a
//! rule), so a declaration is recognised only when that word is followed by a name.

use super::ast::*;
use super::keywords::Keyword;
use super::lexeme::*;
use super::literal::body;
use super::term::{at_token, atom, fact_time, span_from, term};
use crate::symbol::Symbol;
use nom::combinator::{cut, opt};
use nom::multi::separated_list1;
use nom::sequence::delimited;
use nom::Err;

fn period(input: Input) -> PResult<()> {
    let (rest, _) = expect("`.` to end the statement", sym("."))(input)?;
    Ok((rest, ()))
}

/// True when `input` starts with `word` followed by a name: the declaration form, not a fact or rule whose
/// predicate happens to be called `open`.
fn opens(input: Input, word: Keyword) -> Option<Input> {
    let (rest, _) = keyword(word)(input).ok()?;
    let next = rest.fragment().trim_start_matches([' ', '\t', '\n', '\r']);
    (rest.fragment().len() > next.len() && next.starts_with(|c: char| c.is_lowercase())).then_some(rest)
}

/// The words a declaration opens with.
pub const OPENING: [Keyword; 5] =
    [Keyword::Settled, Keyword::Open, Keyword::Functional, Keyword::Constraint, Keyword::Regime];

/// One declaration, when `input` starts with one; `None` otherwise (then it is read as a fact or a rule).
pub fn declaration(input: Input) -> Option<PResult<Declaration>> {
    let start = input;
    fn commit<'a>(start: &Input<'a>, r: PResult<'a, DeclarationKind>) -> PResult<'a, Declaration> {
        match r {
            Ok((rest, kind)) => Ok((rest, Declaration { kind, span: span_from(start, &rest) })),
            Err(Err::Error(e)) => Err(Err::Failure(e)),
            Err(e) => Err(e),
        }
    }
    let commit = |r| commit(&start, r);
    if let Some(rest) = opens(input, Keyword::Settled) {
        return Some(commit(settled(rest)));
    }
    if let Some(rest) = opens(input, Keyword::Open) {
        return Some(commit(open(rest)));
    }
    if let Some(rest) = opens(input, Keyword::Functional) {
        return Some(commit(functional(rest)));
    }
    if let Some(rest) = opens(input, Keyword::Constraint) {
        return Some(commit(constraint(rest, start)));
    }
    if let Some(rest) = opens(input, Keyword::Regime) {
        return Some(commit(regime(rest)));
    }
    None
}

fn settled(input: Input) -> PResult<DeclarationKind> {
    let (rest, at) = at_token(input)?;
    let (rest, pred) = expect("a predicate name", name)(rest)?;
    let pred_span = span_from(&at, &rest);
    let (rest, (time, time_span)) = cut(expect("`from DATE`, `until DATE` or `@ INTERVAL`", fact_time))(rest)?;
    let (rest, _) = period(rest)?;
    let decl = Settled { pred: Symbol::from(pred.fragment()), pred_span, time, time_span };
    Ok((rest, DeclarationKind::Settled(decl)))
}

fn open(input: Input) -> PResult<DeclarationKind> {
    let (rest, pattern) = expect("an atom", atom)(input)?;
    let (rest, body) = match opt(sym(":-"))(rest)? {
        (rest, Some(_)) => cut(body)(rest)?,
        (rest, None) => (rest, Vec::new()),
    };
    let (rest, _) = period(rest)?;
    Ok((rest, DeclarationKind::Open(Open { atom: pattern, body })))
}

fn functional(input: Input) -> PResult<DeclarationKind> {
    let (rest, pattern) = expect("an atom with a variable per argument", atom)(input)?;
    let (rest, word) = expect("`key` and the key's variables", name)(rest)?;
    if *word.fragment() != "key" {
        let message = format!("expected `key` and the key's variables in parentheses, found `{}`", word.fragment());
        return Err(Err::Failure(PErr::text(&word, crate::diag::Code::Syntax, message)));
    }
    let keys = separated_list1(sym(","), expect("a variable", term));
    let (rest, key) = cut(delimited(expect("`(`", sym("(")), keys, expect("`,` or `)`", sym(")"))))(rest)?;
    let (rest, _) = period(rest)?;
    Ok((rest, DeclarationKind::Functional(Functional { atom: pattern, key })))
}

fn constraint<'a>(input: Input<'a>, start: Input<'a>) -> PResult<'a, DeclarationKind> {
    let (rest, name_) = expect("the constraint's name", name)(input)?;
    let (rest, _) = cut(expect("`:-` and the literals that must never hold together", sym(":-")))(rest)?;
    let (rest, literals) = cut(body)(rest)?;
    let end = rest.location_offset();
    let (rest, _) = period(rest)?;
    let text = start.fragment()[..end - start.location_offset()].to_string();
    let decl = Constraint { name: Symbol::from(name_.fragment()), body: literals, text };
    Ok((rest, DeclarationKind::Constraint(decl)))
}

fn regime(input: Input) -> PResult<DeclarationKind> {
    let (rest, name_) = expect("the regime's predicate", name)(input)?;
    let (rest, _) = cut(expect("`:` and the regime's measures", sym(":")))(rest)?;
    let member = |i| {
        let (i, at) = at_token(i)?;
        let (rest, n) = expect("a predicate name", name)(i)?;
        Ok((rest, (Symbol::from(n.fragment()), span_from(&at, &rest))))
    };
    let (rest, measures) = cut(separated_list1(sym(","), member))(rest)?;
    let (rest, _) = period(rest)?;
    Ok((rest, DeclarationKind::Regime(Regime { regime: Symbol::from(name_.fragment()), measures })))
}

#[cfg(test)]
mod tests {
    use crate::syntax::{parse_program, DeclarationKind, FactTime, Statement};

    fn one(text: &str) -> DeclarationKind {
        let parsed = parse_program(text);
        assert!(parsed.errors.is_empty(), "{text}: {:?}", parsed.errors);
        match parsed.statements.as_slice() {
            [Statement::Declare(d)] => d.kind.clone(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn each_form_parses() {
        assert!(
            matches!(one("settled p from 2020-01-01."), DeclarationKind::Settled(s) if matches!(s.time, FactTime::From(_)))
        );
        assert!(matches!(one("settled p @ [.., ..)."), DeclarationKind::Settled(_)));
        assert!(matches!(one("open p(ru, _)."), DeclarationKind::Open(o) if o.body.is_empty()));
        assert!(matches!(one("open p(C, _) :- q(C), not r(C)."), DeclarationKind::Open(o) if o.body.len() == 2));
        assert!(matches!(one("functional t(A, B, N) key (A, B)."), DeclarationKind::Functional(f) if f.key.len() == 2));
        assert!(
            matches!(one("constraint c :- p(X), q(X)."), DeclarationKind::Constraint(c) if c.text == "constraint c :- p(X), q(X)")
        );
        assert!(matches!(one("regime r: p, q."), DeclarationKind::Regime(r) if r.measures.len() == 2));
    }

    #[test]
    fn the_words_stay_names_elsewhere() {
        for text in ["open(C) :- flight(C).", "settled.", "open(a) @ 2021-01-01.", "regime(x)."] {
            let parsed = parse_program(text);
            assert!(parsed.errors.is_empty(), "{text}: {:?}", parsed.errors);
            assert!(!matches!(parsed.statements[0], Statement::Declare(_)), "{text}");
        }
    }

    #[test]
    fn a_broken_declaration_is_an_error_at_its_place() {
        let parsed = parse_program("functional t(A, B) kee (A).\nsettled p on 2020-01-01.\n");
        assert_eq!(parsed.errors.len(), 2, "{:?}", parsed.errors);
    }
}
