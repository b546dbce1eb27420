//! `tkb draft --against-kb`: every drafted statement set against what the kb already says about the same tuple
//! (or the same list): already in the kb (same tuple, date and event kind, from any source), new, a restatement
//! with a different date (naming the kb statement and both dates), or a contradiction (the draft starts what the
//! kb ends on that day, or the reverse).

use super::render;
use super::{Draft, DraftClaim, DraftFact};
use crate::db::Database;
use crate::program::Assertion;
use crate::program::Claim;
use crate::syntax::FactTime;
use crate::time::Day;
use crate::value::{Tuple, Value};
use std::fmt::Write;

/// Where a drafted statement stands against the kb; the draft's report lists the groups in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// The kb already has the same tuple, date and event kind, from any source.
    Already,
    /// The kb says nothing of the tuple (or list).
    New,
    /// The kb states the same thing with a different date.
    Restatement,
    /// The draft starts what the kb ends on that day, or the reverse.
    Contradiction,
}

impl Group {
    /// Every group, in report order.
    pub const ALL: [Group; 4] = [Group::Already, Group::New, Group::Restatement, Group::Contradiction];

    /// The group's heading in the report.
    pub fn title(self) -> &'static str {
        match self {
            Group::Already => "already in the kb",
            Group::New => "new",
            Group::Restatement => "restatement with a different date",
            Group::Contradiction => "contradiction",
        }
    }
}

/// One drafted statement and where it stands against the kb.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The drafted statement as written in the draft (`direct_flight(jp) from 2022-03-01`, or a claim's summary).
    pub statement: String,
    /// Where it stands against the kb.
    pub group: Group,
    /// The kb statement it agrees or disagrees with, and the dates.
    pub detail: String,
}

/// What a statement does to its tuple: starts it, ends it, or holds over days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Start,
    End,
    Holds,
}

fn kind_of(a: &Assertion) -> Kind {
    match a.time {
        FactTime::From(_) => Kind::Start,
        FactTime::Until(_) => Kind::End,
        // A snapshot day starts a member that does not hold yet: it is the kb's start when nothing earlier is.
        FactTime::During(_) if a.snapshot => Kind::Start,
        _ => Kind::Holds,
    }
}

fn day_of(time: &FactTime) -> Option<Day> {
    match time {
        FactTime::From(d) | FactTime::Until(d) => Some(*d),
        FactTime::During(i) => Some(i.from),
        FactTime::Always => None,
    }
}

/// A kb statement as the verdict names it: the fact, and who says so.
fn describe(db: &Database, a: &Assertion) -> String {
    let args: Vec<String> = a.tuple.iter().map(|v| v.to_string()).collect();
    let atom = crate::program::atom_text(a.pred, &args);
    let mut text = format!("{atom}{}", render::time(&a.time));
    if a.snapshot {
        if let Some(claim) = db.claims.iter().find(|c| c.origin == a.origin) {
            let _ = write!(text, " (snapshot of claim {})", claim.name);
        }
    }
    for cite in &a.cites {
        let quote = cite.quote.as_ref().map(|q| format!(" {}", render::string(q))).unwrap_or_default();
        let _ = write!(text, ", cites {}{quote}", cite.source);
    }
    text
}

fn statements<'a>(db: &'a Database, fact: &DraftFact) -> Vec<&'a Assertion> {
    let Some(facts) = db.store.relation(fact.pred).and_then(|r| r.tuples.get(&statements_tuple(fact))) else {
        return Vec::new();
    };
    facts.statements.iter().map(|id| db.store.assertion(*id)).collect()
}

fn fact_verdict(db: &Database, fact: &DraftFact) -> Verdict {
    let statement = format!("{}{}", fact.atom(), render::time(&fact.time));
    let known = statements(db, fact);
    let verdict = |group, detail| Verdict { statement: statement.clone(), group, detail };
    let drafted = Assertion {
        pred: fact.pred,
        tuple: Tuple::new(),
        time: fact.time,
        snapshot: false,
        cites: Vec::new(),
        reported: None,
        origin: Default::default(),
    };
    let kind = kind_of(&drafted);
    if let Some(same) = known.iter().find(|a| a.time == fact.time && kind_of(a) == kind) {
        return verdict(Group::Already, describe(db, same));
    }
    let day = day_of(&fact.time);
    let opposite = match kind {
        Kind::Start => Some(Kind::End),
        Kind::End => Some(Kind::Start),
        Kind::Holds => None,
    };
    if let Some(clash) = known.iter().find(|a| Some(kind_of(a)) == opposite && day_of(&a.time) == day) {
        let what = if kind == Kind::Start { "starts what the kb ends" } else { "ends what the kb starts" };
        let d = day.map(|d| d.to_string()).unwrap_or_default();
        return verdict(Group::Contradiction, format!("the draft {what} on {d}: {}", describe(db, clash)));
    }
    let comparable = |a: &&&Assertion| match kind {
        Kind::Start | Kind::End => kind_of(a) == kind,
        Kind::Holds => is_period(&fact.time) && !a.snapshot && is_period(&a.time),
    };
    let other = known
        .iter()
        .filter(comparable)
        .filter_map(|a| day_of(&a.time).map(|d| (d, a)))
        .min_by_key(|(d, _)| day.map(|x| (i64::from(d.0) - i64::from(x.0)).abs()).unwrap_or(0));
    if let Some((_, a)) = other {
        let shown = |t: &FactTime| render::time(t).trim().to_string();
        let detail = format!("draft {}, kb {}: {}", shown(&fact.time), shown(&a.time), describe(db, a));
        return verdict(Group::Restatement, detail);
    }
    let holds = day.is_some_and(|d| {
        db.store
            .relation(fact.pred)
            .and_then(|r| r.tuples.get(&statements_tuple(fact)))
            .is_some_and(|t| t.validity.contains(d))
    });
    let detail =
        if holds { "the kb already holds it on that day, by another statement".to_string() } else { String::new() };
    verdict(Group::New, detail)
}

/// An explicit interval of more than one day.
fn is_period(time: &FactTime) -> bool {
    matches!(time, FactTime::During(i) if i.len_days() != Some(1))
}

fn statements_tuple(fact: &DraftFact) -> Tuple {
    Tuple::from_slice(&fact.args)
}

fn sorted(members: &[Value]) -> Vec<String> {
    let mut m: Vec<String> = members.iter().map(|v| v.to_string()).collect();
    m.sort();
    m
}

fn claim_verdict(db: &Database, claim: &DraftClaim) -> Verdict {
    let members: Vec<Value> = claim.members.iter().map(|m| Value::Sym(*m)).collect();
    let statement = format!(
        "claim {} ({} {} of {}, {} members)",
        claim.name,
        claim.kind.name(),
        claim.about,
        claim.date,
        claim.members.len()
    );
    let same_list = |c: &&Claim| {
        c.about == claim.about
            && c.kind == claim.kind
            && c.count == claim.count
            && sorted(&c.members) == sorted(&members)
    };
    let describe = |c: &Claim| format!("claim {} of {} ({} {})", c.name, c.source, c.kind.name(), c.date);
    if let Some(c) = db.claims.iter().filter(same_list).find(|c| c.date == claim.date) {
        return Verdict { statement, group: Group::Already, detail: describe(c) };
    }
    if let Some(c) =
        db.claims.iter().filter(same_list).min_by_key(|c| (i64::from(c.date.0) - i64::from(claim.date.0)).abs())
    {
        let detail = format!("draft {}, kb {}: {}", claim.date, c.date, describe(c));
        return Verdict { statement, group: Group::Restatement, detail };
    }
    Verdict { statement, group: Group::New, detail: String::new() }
}

/// Every drafted fact and claim, sorted into the four groups.
pub fn classify(draft: &Draft, db: &Database) -> Vec<Verdict> {
    let mut out: Vec<Verdict> = draft.facts.iter().map(|f| fact_verdict(db, f)).collect();
    out.extend(draft.claims.iter().map(|c| claim_verdict(db, c)));
    out
}

/// A kb source that already covers the drafted lines of the same document.
pub fn known_source(draft: &Draft, db: &Database) -> Option<String> {
    let (first, last) = draft.source.lines;
    db.sources
        .values()
        .find(|s| {
            s.doc.as_deref() == Some(draft.source.doc.as_str()) && s.lines.is_some_and(|(a, b)| a <= last && first <= b)
        })
        .map(|s| {
            let (a, b) = s.lines.unwrap_or_default();
            format!(
                "the kb already has an article of these lines: {} (lines {a}-{b}, published {})",
                s.name,
                s.published.map(|d| d.to_string()).unwrap_or_default()
            )
        })
}

/// The verdicts as comments, so that the draft with them still loads.
pub fn render(verdicts: &[Verdict], known: Option<&str>) -> String {
    let mut out = String::new();
    let count = |g: Group| verdicts.iter().filter(|v| v.group == g).count();
    let summary: Vec<String> = Group::ALL.iter().map(|g| format!("{} {}", count(*g), g.title())).collect();
    let _ = writeln!(out, "% --- against the kb: {} ---", summary.join(", "));
    if let Some(known) = known {
        let _ = writeln!(out, "% {known}");
    }
    for group in Group::ALL {
        let _ = writeln!(out, "% {}:", group.title());
        let mut any = false;
        for v in verdicts.iter().filter(|v| v.group == group) {
            any = true;
            let detail = if v.detail.is_empty() { String::new() } else { format!("  <- {}", v.detail) };
            let _ = writeln!(out, "%   {}{detail}", v.statement);
        }
        if !any {
            out.push_str("%   (none)\n");
        }
    }
    out
}
