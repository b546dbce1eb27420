//! Stratification: the predicate dependency graph (petgraph), its strongly connected components in dependency
//! order, and the rejection of any cycle through negation.

use super::{Lit, Rule};
use crate::diag::{Code, Diagnostic};
use crate::symbol::Symbol;
use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;
use std::collections::BTreeSet;

/// Groups of mutually recursive predicates, each after every group it depends on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Strata {
    /// The groups (strongly connected components), in evaluation order; each group's predicates in name order.
    pub groups: Vec<Vec<Symbol>>,
}

/// Orders the rules' predicates for evaluation; on a negation cycle returns the cycle's predicates, in order.
pub fn stratify(rules: &[Rule]) -> Result<Strata, Vec<Symbol>> {
    // Edges go from a body predicate to the head predicate; the weight says whether the use is negated.
    let mut graph: DiGraphMap<Symbol, bool> = DiGraphMap::new();
    for rule in rules {
        graph.add_node(rule.head.pred);
        for (atom, strict) in rule.body.iter().flat_map(Lit::atoms) {
            let old = graph.edge_weight(atom.pred, rule.head.pred).copied().unwrap_or(false);
            graph.add_edge(atom.pred, rule.head.pred, old || strict);
        }
    }
    // tarjan_scc yields components in reverse topological order: dependencies last.
    let mut groups = tarjan_scc(&graph);
    groups.reverse();
    for group in &groups {
        for &from in group {
            for &to in group {
                if graph.edge_weight(from, to) == Some(&true) {
                    return Err(cycle_through(&graph, group, from, to));
                }
            }
        }
    }
    let groups = groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.as_str().cmp(b.as_str()));
            g
        })
        .collect();
    Ok(Strata { groups })
}

/// The rules' dependency edges (body predicate to head), kept as rules are added one by one, to tell which new
/// rule can change the verdict of `stratify`: only one whose head already reaches a predicate of its body closes a
/// cycle. Any other leaves every cycle as it was, so a kb's rules need one `stratify` at the end, not one each.
#[derive(Debug, Default)]
pub struct RuleGraph {
    heads_of: rustc_hash::FxHashMap<Symbol, Vec<Symbol>>,
}

impl RuleGraph {
    /// The graph of `rules`.
    pub fn of(rules: &[Rule]) -> RuleGraph {
        let mut graph = RuleGraph::default();
        rules.iter().for_each(|r| graph.add(r));
        graph
    }

    /// Whether adding `rule` closes a cycle: its head reaches one of its body predicates (or is one).
    pub fn closes_cycle(&self, rule: &Rule) -> bool {
        let body: Vec<Symbol> = rule.body.iter().flat_map(Lit::atoms).map(|(a, _)| a.pred).collect();
        let mut seen = BTreeSet::new();
        let mut pending = vec![rule.head.pred];
        while let Some(pred) = pending.pop() {
            if body.contains(&pred) {
                return true;
            }
            if seen.insert(pred) {
                pending.extend(self.heads_of.get(&pred).into_iter().flatten().copied());
            }
        }
        false
    }

    /// Records the edges of `rule`.
    pub fn add(&mut self, rule: &Rule) {
        for (atom, _) in rule.body.iter().flat_map(Lit::atoms) {
            let heads = self.heads_of.entry(atom.pred).or_default();
            if !heads.contains(&rule.head.pred) {
                heads.push(rule.head.pred);
            }
        }
    }
}

/// A path `to → ... → from` inside the component, closed by the negated edge `from → to`: the cycle to report.
fn cycle_through(graph: &DiGraphMap<Symbol, bool>, group: &[Symbol], from: Symbol, to: Symbol) -> Vec<Symbol> {
    let in_group = |n: &Symbol| group.contains(n);
    let mut parents = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([to]);
    while let Some(node) = queue.pop_front() {
        if node == from {
            break;
        }
        let mut next: Vec<Symbol> = graph.neighbors(node).filter(in_group).collect();
        next.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        for n in next {
            if n != to && !parents.contains_key(&n) {
                parents.insert(n, node);
                queue.push_back(n);
            }
        }
    }
    let mut path = vec![from];
    let mut at = from;
    while at != to {
        match parents.get(&at) {
            Some(&p) => {
                path.push(p);
                at = p;
            }
            None => break,
        }
    }
    path.reverse();
    path
}

/// The error for a negation cycle: the cycle named, at the last rule that closes it.
pub fn cycle_diagnostic(cycle: &[Symbol], rules: &[Rule]) -> Diagnostic {
    let names: Vec<&str> = cycle.iter().map(|p| p.as_str()).collect();
    let shown = format!("{} -> {}", names.join(" -> "), names.first().copied().unwrap_or_default());
    // An aggregate that reads a predicate of the cycle, in a rule of the cycle, makes it an aggregate cycle.
    let through_aggregate = |r: &&Rule| {
        cycle.contains(&r.head.pred)
            && r.body.iter().any(|l| matches!(l, Lit::Agg(_)) && l.atoms().iter().any(|(a, _)| cycle.contains(&a.pred)))
    };
    if let Some(rule) = rules.iter().rev().find(through_aggregate) {
        let message = format!("cycle through an aggregate: {shown}");
        return Diagnostic::error(Code::AggregateCycle, message)
            .note("an aggregate reads its predicates complete, so none of them may depend on the rule's head")
            .at(rule.origin.file, rule.origin.span, "this rule's aggregate closes the cycle");
    }
    let rule = rules.iter().rev().find(|r| cycle.contains(&r.head.pred)).or(rules.last());
    let message = format!("cycle through `not`, a metric operator or an interval binding: {shown}");
    let d = Diagnostic::error(Code::NegationCycle, message).note(
        "a predicate may not depend on its own negation, windowed days or interval bounds: the program cannot be stratified",
    );
    match rule {
        Some(rule) => d.at(rule.origin.file, rule.origin.span, "this rule closes the cycle"),
        None => d,
    }
}

/// `roots` and every predicate their rules read (positively, negated, through a window or a timed literal),
/// transitively: what must be evaluated to answer about `roots`, and what a change of theirs can come from. The
/// one closure over rule dependencies; the engine, the database and the linter all use it.
pub fn dependencies(rules: &[Rule], roots: &[Symbol]) -> BTreeSet<Symbol> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<Symbol> = roots.to_vec();
    while let Some(pred) = pending.pop() {
        if seen.insert(pred) {
            for rule in rules.iter().filter(|r| r.head.pred == pred) {
                pending.extend(rule.body.iter().flat_map(Lit::atoms).map(|(a, _)| a.pred));
            }
        }
    }
    seen
}
