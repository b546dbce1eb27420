//! Numbering gap (L0009): a numbered list that skips or repeats numbers, numbers items outside `1..=count`, or
//! has fewer items than its stated count. The analysis is shared with the raw-text mode.

use super::super::context::Ctx;
use super::super::finding::Finding;
use super::ranges;
use crate::diag::Code;
use crate::program::{Claim, ClaimKind};
use std::collections::BTreeSet;

/// Numbers beyond this are not enumerated when looking for gaps (a typo such as 1000 for 100 stays cheap).
const MAX_NUMBER: i64 = 100_000;

/// What is wrong with a list's numbering; empty when nothing is.
#[derive(Debug, Default, PartialEq)]
pub struct Numbering {
    /// The numbers missing from 1 to the count (or the highest number), as inclusive ranges: a list numbered
    /// 1 and 100000 costs two ranges, not 99,998 numbers.
    pub missing: Vec<(i64, i64)>,
    /// The numbers given more than once, ascending.
    pub duplicates: Vec<i64>,
    /// The numbers outside `1..=count` (with no count, `1..=` the highest number up to `MAX_NUMBER`), ascending.
    pub out_of_range: Vec<i64>,
    /// Whether some number is smaller than the one before it.
    pub out_of_order: bool,
    /// How many numbers the list gives.
    pub items: usize,
    /// The stated count; `None` when the list states none.
    pub count: Option<i64>,
}

impl Numbering {
    /// Analyses a list's numbers, in the order printed, against its stated count if any.
    pub fn analyse(numbers: &[i64], count: Option<i64>) -> Numbering {
        let present: BTreeSet<i64> = numbers.iter().copied().collect();
        let highest = numbers.iter().copied().max().unwrap_or(0).min(MAX_NUMBER);
        let upper = count.map(|c| c.min(MAX_NUMBER)).unwrap_or(highest);
        let missing = gaps(present.range(1..=upper.max(1)).copied(), upper);
        let out_of_range = present.iter().copied().filter(|n| *n < 1 || *n > upper).collect();
        let mut seen = BTreeSet::new();
        let duplicates: BTreeSet<i64> = numbers.iter().copied().filter(|n| !seen.insert(*n)).collect();
        let out_of_order = numbers.windows(2).any(|w| w[1] < w[0]);
        Numbering {
            missing,
            duplicates: duplicates.into_iter().collect(),
            out_of_range,
            out_of_order,
            items: numbers.len(),
            count,
        }
    }

    /// Whether nothing is missing, repeated, out of range or out of order.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.duplicates.is_empty() && self.out_of_range.is_empty() && !self.out_of_order
    }

    /// "skips 1-3, 5-9; repeats 4" and the like.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.missing.is_empty() {
            parts.push(format!("skips {}", show_gaps(&self.missing)));
        }
        if !self.duplicates.is_empty() {
            parts.push(format!("repeats {}", ranges(&self.duplicates)));
        }
        if !self.out_of_range.is_empty() {
            let upper = self.count.map(|c| format!("1-{c}")).unwrap_or_else(|| "1 and up".into());
            parts.push(format!("numbers {} outside {upper}", ranges(&self.out_of_range)));
        }
        if self.out_of_order {
            parts.push("is out of order".into());
        }
        parts.join("; ")
    }

    /// Where each missing range sits in the list, given its entries as `(number, line)` in written order: one
    /// note per range of `missing`, so the notes and the message always agree.
    pub fn gap_notes(&self, entries: &[(i64, usize)]) -> Vec<String> {
        let mut line_of = std::collections::BTreeMap::new();
        for &(number, line) in entries {
            line_of.entry(number).or_insert(line);
        }
        let show = |a: i64, b: i64| if a == b { a.to_string() } else { format!("{a}-{b}") };
        self.missing
            .iter()
            .map(|&(a, b)| match (line_of.get(&(a - 1)), line_of.get(&(b + 1))) {
                (Some(before), Some(after)) => format!("{} missing between lines {before} and {after}", show(a, b)),
                (None, Some(after)) => format!("{} missing before line {after}", show(a, b)),
                (Some(before), None) => format!("{} missing after line {before}, where the list ends", show(a, b)),
                (None, None) => format!("{} missing", show(a, b)),
            })
            .collect()
    }

    /// "94 items, 117 stated" or "14 items".
    pub fn size(&self) -> String {
        match self.count {
            Some(c) => format!("{} items, {c} stated", self.items),
            None => format!("{} items", self.items),
        }
    }
}

/// The ranges of 1..=upper that `present` (ascending, inside that range) leaves out.
fn gaps(present: impl Iterator<Item = i64>, upper: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in present {
        if n > last + 1 {
            out.push((last + 1, n - 1));
        }
        last = n;
    }
    if upper > last {
        out.push((last + 1, upper));
    }
    out
}

/// "1-3, 5, 7-9".
fn show_gaps(gaps: &[(i64, i64)]) -> String {
    let show = |&(a, b): &(i64, i64)| if a == b { a.to_string() } else { format!("{a}-{b}") };
    gaps.iter().map(show).collect::<Vec<_>>().join(", ")
}

/// The count that goes with a numbered claim: its own, or that of a snapshot or count claim of the same source,
/// predicate and date.
fn count_for<'a>(ctx: &'a Ctx, claim: &Claim) -> (Option<i64>, Option<&'a Claim>) {
    if claim.count.is_some() {
        return (claim.count, None);
    }
    let sibling = ctx.db.claims.iter().find(|c| {
        matches!(c.kind, ClaimKind::Snapshot | ClaimKind::Count)
            && c.count.is_some()
            && (c.source, c.about, c.date) == (claim.source, claim.about, claim.date)
    });
    (sibling.and_then(|c| c.count), sibling)
}

/// Every `numbered` claim whose numbers are not clean (L0009).
pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for claim in ctx.db.claims.iter().filter(|c| c.kind == ClaimKind::Numbered && !c.numbers.is_empty()) {
        let (count, sibling) = count_for(ctx, claim);
        let numbering = Numbering::analyse(&claim.numbers, count);
        if numbering.is_clean() {
            continue;
        }
        let message = format!(
            "the numbered list of `{}` in `{}` {} ({})",
            claim.about,
            claim.source,
            numbering.describe(),
            numbering.size()
        );
        let mut finding = Finding::new(Code::NumberingGap, message)
            .located(ctx.kb_place(claim.origin, numbering.size()))
            .with(ctx.related_source(claim.source, Some(&claim.quote), "the numbered list"));
        if let Some(s) = sibling {
            let label = format!("states {}", s.count.unwrap_or_default());
            finding = finding.with(ctx.related_statement(s.origin, Some(s.source), label));
        }
        out.push(finding);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Numbering;

    #[test]
    fn the_message_and_the_notes_give_one_answer() {
        // 1-100 then 106 and 115, with 100 stated: two numbers outside the range, nothing missing.
        let mut numbers: Vec<i64> = (1..=100).collect();
        numbers.extend([106, 115]);
        let entries: Vec<(i64, usize)> = numbers.iter().map(|&n| (n, n as usize + 10)).collect();
        let numbering = Numbering::analyse(&numbers, Some(100));
        assert_eq!(numbering.describe(), "numbers 106, 115 outside 1-100");
        assert!(numbering.gap_notes(&entries).is_empty());
        // 2, 3, 6 of 7: a gap before, one between and one after, each note matching a range of the message.
        let numbering = Numbering::analyse(&[2, 3, 6], Some(7));
        assert_eq!(numbering.describe(), "skips 1, 4-5, 7");
        assert_eq!(
            numbering.gap_notes(&[(2, 20), (3, 21), (6, 22)]),
            [
                "1 missing before line 20",
                "4-5 missing between lines 21 and 22",
                "7 missing after line 22, where the list ends"
            ]
        );
    }
}
