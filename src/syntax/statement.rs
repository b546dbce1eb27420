//! Statements: facts, rules, queries, `why`, declarations and citation blocks.

use super::ast::*;
use super::keywords::Keyword;
use super::lexeme::*;
use super::literal::body;
use super::record::record;
use super::term::*;
use crate::symbol::Symbol;
use crate::time::Day;
use nom::branch::alt;
use nom::combinator::{cut, map, opt};
use nom::multi::separated_list1;
use nom::sequence::delimited;
use nom::Err;

/// Errors after a statement's first token are fatal: the statement kind is known, so trying other kinds would
/// only produce a worse message.
fn commit<T>(result: PResult<T>) -> PResult<T> {
    result.map_err(|e| match e {
        Err::Error(e) => Err::Failure(e),
        other => other,
    })
}

fn period(input: Input) -> PResult<()> {
    map(expect("`.` to end the statement", sym(".")), |_| ())(input)
}

/// `N = count : { body }`, `S = sum X : { body }`, `M = min X : { ... }`, `M = max X : { ... }`.
fn aggregate(input: Input) -> PResult<Aggregate> {
    let (rest, result) = variable(input)?;
    let (rest, _) = sym("=")(rest)?;
    let (rest, function) = alt((
        map(keyword(Keyword::Count), |_| AggregateFn::Count),
        map(keyword(Keyword::Sum), |_| AggregateFn::Sum),
        map(keyword(Keyword::Min), |_| AggregateFn::Min),
        map(keyword(Keyword::Max), |_| AggregateFn::Max),
    ))(rest)?;
    let (rest, over) = if function == AggregateFn::Count {
        (rest, None)
    } else {
        let (rest, v) = commit(expect("the variable to aggregate", variable)(rest))?;
        (rest, Some(Symbol::from(v.fragment())))
    };
    let (rest, _) = commit(expect("`:`", sym(":"))(rest))?;
    let (rest, _) = commit(expect("`{`", sym("{"))(rest))?;
    let (rest, body) = commit(body(rest))?;
    let (rest, _) = commit(expect("`}`", sym("}"))(rest))?;
    Ok((rest, Aggregate { result: Symbol::from(result.fragment()), function, over, body }))
}

fn query_time(input: Input) -> PResult<QueryTime> {
    alt((
        nom::sequence::preceded(
            sym("@"),
            cut(expect(
                "a date (YYYY-MM-DD) or an interval",
                alt((map(interval, QueryTime::During), map(day, QueryTime::At))),
            )),
        ),
        nom::sequence::preceded(keyword(Keyword::During), cut(map(expect("an interval", interval), QueryTime::During))),
    ))(input)
}

/// `as known 2021-09-01` or `as known now`.
fn as_known(input: Input) -> PResult<Option<Day>> {
    let (rest, _) = keyword(Keyword::As)(input)?;
    let (rest, _) = commit(expect("`known`", keyword(Keyword::Known))(rest))?;
    commit(expect("a date (YYYY-MM-DD) or `now`", alt((map(keyword(Keyword::Now), |_| None), map(day, Some))))(rest))
}

/// A plain syntax error may be a time or `as known` out of place: then the error says where it goes.
fn or_misplaced<'a, T>(result: PResult<'a, T>, misplaced: impl FnOnce() -> Option<Err<PErr>>) -> PResult<'a, T> {
    match result {
        Err(Err::Error(e) | Err::Failure(e)) if e.code == crate::diag::Code::Syntax => {
            Err(misplaced().unwrap_or(Err::Failure(e)))
        }
        other => other,
    }
}

fn query<'a>(input: Input<'a>, start: Input<'a>) -> PResult<'a, Query> {
    or_misplaced(strict_query(input, start), || super::misplaced::query(&start, input))
}

fn strict_query<'a>(input: Input<'a>, start: Input<'a>) -> PResult<'a, Query> {
    // `?- N = count : { ... }` alone is an aggregate query, answered as a step function; followed by more
    // literals (or with an expression to aggregate) it is a body with an aggregate in it.
    let (rest, aggregate, body) = match aggregate(input) {
        Ok((rest, a)) if sym(",")(rest).is_err() => {
            let lits = a.body.clone();
            (rest, Some(a), lits)
        }
        _ => {
            let (rest, lits) = body(input)?;
            (rest, None, lits)
        }
    };
    let (rest, time) = opt(query_time)(rest)?;
    let (rest, known) = opt(as_known)(rest)?;
    let text_end = rest.location_offset();
    let (rest, _) = period(rest)?;
    let full = &start.fragment()[..text_end - start.location_offset()];
    let text = full.trim_start_matches("?-").trim().to_string();
    let time = time.unwrap_or(QueryTime::When);
    Ok((rest, Query { body, aggregate, time, as_known: known.flatten(), text, span: span_from(&start, &rest) }))
}

fn why<'a>(input: Input<'a>, start: Input<'a>) -> PResult<'a, Why> {
    let (rest, negated) = opt(keyword(Keyword::Not))(input)?;
    let (rest, atom) = expect("an atom", atom)(rest)?;
    let (rest, _) = expect("`@` and a date", sym("@"))(rest)?;
    let (rest, on): (Input, Day) = expect("a date (YYYY-MM-DD)", day)(rest)?;
    let (rest, _) = period(rest)?;
    Ok((rest, Why { atom, day: on, negated: negated.is_some(), span: span_from(&start, &rest) }))
}

fn pred_decl<'a>(input: Input<'a>, start: Input<'a>) -> PResult<'a, PredDecl> {
    let (rest, pred) = expect("a predicate name", name)(input)?;
    let params =
        delimited(sym("("), separated_list1(sym(","), expect("an argument name", variable)), expect("`)`", sym(")")));
    let (rest, params) = opt(params)(rest)?;
    let (rest, meaning) = expect("a string giving the meaning", string)(rest)?;
    let (rest, _) = period(rest)?;
    let params = params.unwrap_or_default().iter().map(|p| Symbol::from(p.fragment())).collect();
    Ok((rest, PredDecl { name: Symbol::from(pred.fragment()), params, meaning, span: span_from(&start, &rest) }))
}

/// A fact or a rule, which both start with an atom.
fn fact_or_rule<'a>(input: Input<'a>, outer_cites: &[Cite]) -> PResult<'a, Statement> {
    let (rest, start) = {
        let (i, _) = ws(input)?;
        (i, i)
    };
    let (rest, head) = atom(rest)?;
    if let (rest, Some(_)) = opt(sym(":-"))(rest)? {
        let (rest, body) = commit(body(rest))?;
        let (rest, _) = or_misplaced(commit(period(rest)), || super::misplaced::rule(&start, head.span, rest))?;
        return Ok((rest, Statement::Rule(Rule { head, body, span: span_from(&start, &rest) })));
    }
    let (rest, time) = commit(opt(fact_time)(rest))?;
    let (rest, cites) = commit(opt(citation)(rest))?;
    let (rest, _) = or_misplaced(commit(period(rest)), || super::misplaced::fact(&start))?;
    let (time, time_span) = time.unwrap_or((FactTime::Always, Span::default()));
    let mut all_cites = outer_cites.to_vec();
    all_cites.extend(cites.unwrap_or_default());
    Ok((rest, Statement::Fact(Fact { atom: head, time, time_span, cites: all_cites, span: span_from(&start, &rest) })))
}

/// `cite s1 "quote" { fact. fact. }`: each fact inside carries the block's citations before its own.
fn block(input: Input) -> PResult<Vec<Statement>> {
    let (mut rest, cites) = citation(input)?;
    (rest, _) = commit(expect("`{` to open a block of facts", sym("{"))(rest))?;
    let mut facts = Vec::new();
    loop {
        if let (after, Some(_)) = opt(sym("}"))(rest)? {
            let (after, _) = opt(sym("."))(after)?;
            return Ok((after, facts));
        }
        let (after, statement) = commit(expect("a fact or `}`", |i| fact_or_rule(i, &cites))(rest))?;
        if let Statement::Rule(rule) = &statement {
            return Err(Err::Failure(PErr {
                offset: rule.span.start,
                end: Some(rule.span.end),
                code: crate::diag::Code::Syntax,
                what: What::Text("a citation block holds facts only; write rules outside it".into()),
            }));
        }
        facts.push(statement);
        rest = after;
    }
}

/// One statement, or the facts of one citation block.
pub fn statement(input: Input) -> PResult<Vec<Statement>> {
    let (input, _) = ws(input)?;
    let start = input;
    if let (rest, Some(_)) = opt(sym("?-"))(input)? {
        return commit(query(rest, start)).map(|(r, q)| (r, vec![Statement::Query(q)]));
    }
    // The first word, read once: most statements are facts, and each keyword below would read it again.
    let first = word(input).map(|(_, w)| *w.fragment()).unwrap_or("");
    let starts = |k: Keyword| first == k.text();
    if !(starts(Keyword::As)
        || starts(Keyword::Why)
        || starts(Keyword::Pred)
        || starts(Keyword::Source)
        || starts(Keyword::Claim)
        || starts(Keyword::Cite)
        || super::declare::OPENING.iter().any(|k| starts(*k)))
    {
        let (rest, statement) = expect("a fact, rule, query or declaration", |i| fact_or_rule(i, &[]))(input)?;
        return Ok((rest, vec![statement]));
    }
    if keyword(Keyword::As)(input).is_ok() {
        let (rest, day) = commit(as_known(input))?;
        let (rest, _) = commit(period(rest))?;
        return Ok((rest, vec![Statement::AsKnown(AsKnown { day, span: span_from(&start, &rest) })]));
    }
    if let Ok((rest, _)) = keyword(Keyword::Why)(input) {
        return commit(why(rest, start)).map(|(r, w)| (r, vec![Statement::Why(w)]));
    }
    if let Ok((rest, _)) = keyword(Keyword::Pred)(input) {
        return commit(pred_decl(rest, start)).map(|(r, p)| (r, vec![Statement::Pred(p)]));
    }
    for (word, kind) in [(Keyword::Source, RecordKind::Source), (Keyword::Claim, RecordKind::Claim)] {
        if let Ok((rest, _)) = keyword(word)(input) {
            if rest.fragment().trim_start().starts_with(|c: char| c.is_lowercase()) {
                let (rest, rec) = commit(record(kind, start)(rest))?;
                let (rest, _) = commit(period(rest))?;
                return Ok((rest, vec![Statement::Record(rec)]));
            }
        }
    }
    if keyword(Keyword::Cite)(input).is_ok() {
        return commit(block(input));
    }
    if let Some(parsed) = super::declare::declaration(input) {
        return parsed.map(|(r, d)| (r, vec![Statement::Declare(d)]));
    }
    let (rest, statement) = expect("a fact, rule, query or declaration", |i| fact_or_rule(i, &[]))(input)?;
    Ok((rest, vec![statement]))
}

/// Where the statement that starts at byte `from` ends (just after its `.` or its block's `}`), skipping strings
/// and comments; `None` when the text ends first. Used for error recovery and by the REPL to know whether a
/// statement is complete.
pub fn statement_end(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Only a citation block may end at its closing brace without a full stop; the braces of a record or of an
    // aggregate's body are inside their statement.
    let block = text.get(from..).is_some_and(|t| t.starts_with("cite") && t[4..].starts_with(char::is_whitespace));
    let (mut i, mut depth, mut in_string) = (from, 0i32, false);
    while i < bytes.len() {
        let c = bytes[i];
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                // A string left open ends its statement at the end of the line (the lexer reports it there).
                b'\n' => return Some(i),
                _ => {}
            }
        } else {
            match c {
                b'"' => in_string = true,
                b'%' => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth <= 0 && block {
                        let after = i + 1;
                        return Some(if bytes.get(after) == Some(&b'.') { after + 1 } else { after });
                    }
                }
                b'.' if depth <= 0 => {
                    let next = bytes.get(i + 1).copied();
                    if next.is_none_or(|n| n.is_ascii_whitespace() || n == b'%') {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// True when `text` holds at least one statement and nothing after its last statement but white space and
/// comments: what the REPL waits for before it evaluates.
pub fn is_complete_statement(text: &str) -> bool {
    let mut at = 0;
    let mut complete = false;
    loop {
        let rest = &text[at..];
        let trimmed = skip_blank(rest);
        if trimmed.is_empty() {
            return complete;
        }
        match statement_end(text, at + (rest.len() - trimmed.len())) {
            Some(end) => {
                at = end;
                complete = true;
            }
            None => return false,
        }
    }
}

fn skip_blank(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if text.starts_with('%') {
            text = text.find('\n').map(|n| &text[n..]).unwrap_or("");
        } else {
            return text;
        }
    }
}
