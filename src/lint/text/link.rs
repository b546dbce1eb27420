//! Which list a count speaks of. Tried in order, the first that finds a list of the count's kind (countries for
//! a count of countries, other items for other nouns) wins:
//! 1. "these eight countries", "the above 5 states": the list just before (in its sentence, the sentence before,
//!    or the lines above);
//! 2. a list after the count in its own sentence (colon, dash, "namely", bracket), before any other count;
//! 3. a line that only gives a total ("Total: 4 countries", "Number of countries: 4") and does not end with a
//!    colon: the list just above it; the lines right below a sentence that ends with a colon, or below a
//!    heading; the list that starts on the very next line below a paragraph whose last sentence states the
//!    count ("... for citizens of 4 states." / "- Germany");
//! 4. the next sentence, when it states no count and only introduces a list ("These are ...", "The current list
//!    is as follows:"): its list, or the lines below it;
//! 5. a title (the first line, a heading): the first full list of the text, unless it is one of exceptions or
//!    its size is far from the title's number;
//! 6. a total ("(12 in total)") with no list after it: the list before it in its own sentence;
//! 7. "all six categories": the list of the sentence before, when a count of the same noun claims it;
//! 8. "(the list is attached)", "the table below" (in its sentence or the next): the next list further down that
//!    no count of its own claims,
//!    each pointing count taking the next one in turn (within `REACH` lines).
//!
//! A count that finds none is left without a list. Lists are found through an index (by sentence, by first
//! and last line), so linking stays linear in the size of the document.

use super::counts::NounKind;
use super::kinds::Kind;
use super::list::Form;
use super::reading::{Count, Link, Placed, Reading};
use std::collections::{HashMap, HashSet};

/// Blank lines that may stand between a lead and its list.
const GAP: usize = 2;

/// The most words a line that only gives a total may have ("Total number of visa-free countries: 4").
const TOTAL_LINE: usize = 7;

/// How many lines further down the list "(the list is attached)" points to may start.
const REACH: usize = 300;

/// The lists by where they are, and the sentences that state counts.
struct Index {
    /// Lists inside each sentence, in order.
    inline: HashMap<usize, Vec<usize>>,
    /// Block lists by their first line and by their last line.
    starting: HashMap<usize, usize>,
    ending: HashMap<usize, usize>,
    counted: HashSet<usize>,
}

impl Index {
    fn new(r: &Reading) -> Index {
        let mut index =
            Index { inline: HashMap::new(), starting: HashMap::new(), ending: HashMap::new(), counted: HashSet::new() };
        for (l, p) in r.lists.iter().enumerate() {
            match p.sentence {
                Some(s) => index.inline.entry(s).or_default().push(l),
                None => {
                    index.starting.entry(p.first).or_insert(l);
                    index.ending.insert(p.last, l);
                }
            }
        }
        index.counted = r.counts.iter().map(|c| c.sentence).collect();
        index
    }

    fn inline_of(&self, s: usize) -> &[usize] {
        self.inline.get(&s).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Links every count of the reading to its list.
pub fn link(reading: &mut Reading, kinds: &[Kind]) {
    let index = Index::new(reading);
    let ctx = Ctx { r: reading, kinds, index: &index };
    let mut links: Vec<Option<(usize, Link)>> = (0..reading.counts.len()).map(|c| ctx.find(c)).collect();
    weak_backs(&ctx, &mut links);
    let pointing: Vec<bool> = (0..reading.counts.len()).map(|c| ctx.points(c)).collect();
    pointers(reading, &pointing, &mut links);
    for (count, link) in reading.counts.iter_mut().zip(links) {
        count.list = link;
    }
}

/// "all six categories" takes the list before only when a count of the same noun already claims it.
fn weak_backs(ctx: &Ctx, links: &mut [Option<(usize, Link)>]) {
    let counts = &ctx.r.counts;
    let claimed: HashSet<(usize, &str)> =
        links.iter().zip(counts).filter_map(|(k, c)| k.map(|(l, _)| (l, c.noun.as_str()))).collect();
    for (c, link) in links.iter_mut().enumerate() {
        if link.is_none() && counts[c].weak {
            *link = ctx.before(c).filter(|l| claimed.contains(&(*l, counts[c].noun.as_str()))).map(|l| (l, Link::Back));
        }
    }
}

/// Pointing counts take, in order, the next lists of their kind that no count of their own claims: one cursor
/// per kind, which only moves forward, keeps this linear.
fn pointers(reading: &Reading, pointing: &[bool], links: &mut [Option<(usize, Link)>]) {
    let mut taken = vec![false; reading.lists.len()];
    for (l, _) in links.iter().flatten() {
        taken[*l] = true;
    }
    let mut cursors = [0usize; 2];
    for ((count, link), points) in reading.counts.iter().zip(links.iter_mut()).zip(pointing) {
        if link.is_some() || !points {
            continue;
        }
        let line = reading.sentences[count.sentence].line;
        let cursor = &mut cursors[usize::from(count.kind == NounKind::Other)];
        *cursor = (*cursor).max(reading.lists.partition_point(|p| p.first <= line));
        while *cursor < reading.lists.len() && reading.lists[*cursor].first <= line + REACH {
            let (l, p) = (*cursor, &reading.lists[*cursor]);
            *cursor += 1;
            if p.sentence.is_none() && !taken[l] && fits(count, p) {
                taken[l] = true;
                *link = Some((l, Link::Attached));
                break;
            }
        }
    }
}

/// Whether a list can be the list of a count: of its kind.
fn fits(count: &Count, placed: &Placed) -> bool {
    match count.kind {
        NounKind::Countries => placed.list.is_countries(),
        NounKind::Other => !placed.list.is_countries(),
        NounKind::Any => true,
    }
}

/// Whether a stated number is near a list's size `n`: within 2, or within a fifth of it.
fn near(value: i64, n: i64) -> bool {
    (value - n).abs() <= 2.max(n / 5)
}

struct Ctx<'a> {
    r: &'a Reading,
    kinds: &'a [Kind],
    index: &'a Index,
}

impl Ctx<'_> {
    fn find(&self, c: usize) -> Option<(usize, Link)> {
        let r = self.r;
        let count = &r.counts[c];
        let s = count.sentence;
        let sentence = &r.sentences[s];
        let fit = |l: &usize| fits(count, &r.lists[*l]);
        if (count.back && !count.weak) || count.partitive {
            if let Some(l) = self.before(c) {
                return Some((l, Link::Back));
            }
        }
        if count.partitive {
            return None;
        }
        // The next count of the same sentence bounds the count's own inline list.
        let bound = r.counts.get(c + 1).filter(|n| n.sentence == s).map(|n| n.span.start).unwrap_or(sentence.span.end);
        let last = bound == sentence.span.end;
        let own = self.index.inline_of(s).iter().copied().find(|l| {
            let p = &r.lists[*l];
            // A list of exceptions is the count's own only when the count counts the exceptions.
            let except = p.except && count.span.start < p.counted_from;
            !p.opener && !except && !p.later_clause(count) && p.at >= count.span.end && p.at < bound && fit(l)
        });
        if let Some(l) = own {
            return Some((l, Link::Inline));
        }
        if last && count.total && !sentence.lead && sentence.words <= TOTAL_LINE && self.alone(s) {
            if let Some(l) = self.before(c) {
                return Some((l, Link::Back));
            }
        }
        if last && (sentence.lead || sentence.heading) {
            if let Some(l) = self.below(sentence.end_line).filter(fit) {
                return Some((l, Link::Below));
            }
        }
        // A sentence that ends with a full stop leads the list below it less surely than a colon: only a count
        // near the list's size ("57 countries." above two examples counts something else).
        if last && !sentence.item && self.alone_after(s) {
            let near = |l: &usize| near(count.value, self.r.lists[*l].list.size() as i64);
            if let Some(l) = self.right_below(sentence.end_line).filter(fit).filter(near) {
                return Some((l, Link::Below));
            }
        }
        if let Some(l) = self.next_sentence(s).filter(|_| last).filter(fit) {
            return Some((l, Link::Next));
        }
        if sentence.heading && sentence.line == r.first_line {
            // The first full list of the count's kind, unless it is one of exceptions.
            let title = r.first_line;
            let full = |p: &Placed| p.first > title && p.list.partial.is_none() && !p.subject;
            let first = (0..r.lists.len()).find(|l| full(&r.lists[*l]) && fit(l));
            if let Some(l) = first.filter(|l| !self.of_exceptions(&r.lists[*l]) && self.near_title(count, *l)) {
                return Some((l, Link::Title));
            }
        }
        if count.total {
            let mut own = self
                .index
                .inline_of(s)
                .iter()
                .copied()
                .filter(|l| r.lists[*l].list.span().start < count.span.start)
                .filter(fit);
            return own.next_back().map(|l| (l, Link::Back));
        }
        None
    }

    /// Whether sentence `s` is alone on its lines: no other sentence starts on its first line or ends on its last.
    fn alone(&self, s: usize) -> bool {
        let r = self.r;
        let here = &r.sentences[s];
        let before = s.checked_sub(1).is_some_and(|p| r.sentences[p].end_line == here.line);
        !before && self.alone_after(s)
    }

    /// Whether sentence `s` is the last on its last line.
    fn alone_after(&self, s: usize) -> bool {
        let here = &self.r.sentences[s];
        self.r.sentences.get(s + 1).is_none_or(|n| n.line > here.end_line)
    }

    /// A list of marked lines, lines keyed by a country or table rows that starts on the very line after `line`.
    fn right_below(&self, line: usize) -> Option<usize> {
        let l = *self.index.starting.get(&(line + 1))?;
        let form = self.r.lists[l].list.form;
        matches!(form, Form::Bulleted | Form::Numbered | Form::Keyed | Form::Table).then_some(l)
    }

    /// Whether a title's count may be the total of list `l`: within 2 or a fifth of the list's size or of a count
    /// its own sentence gives. A title's number far from both counts something else ("3 more countries" above
    /// the list of all 30), and a title is the weakest of links.
    fn near_title(&self, count: &Count, l: usize) -> bool {
        let p = &self.r.lists[l];
        let own =
            p.sentence.map(|s| self.r.counts.iter().filter(|c| c.sentence == s).any(|c| near(count.value, c.value)));
        near(count.value, p.list.size() as i64) || own.unwrap_or(false)
    }

    /// Whether a list is one of exceptions: its sentence, or the sentence that leads it, speaks of them.
    fn of_exceptions(&self, p: &Placed) -> bool {
        if p.except {
            return true;
        }
        let r = self.r;
        let lead = match p.sentence {
            Some(s) => Some(s),
            None => r.sentences.partition_point(|s| s.line < p.first).checked_sub(1),
        };
        lead.is_some_and(|s| r.sentences[s].except)
    }

    /// Whether count `c` points further down: its sentence does ("(the list is attached)"), or the next one,
    /// which states no count, says only that ("The list is attached.").
    fn points(&self, c: usize) -> bool {
        let s = self.r.counts[c].sentence;
        let sentence = &self.r.sentences[s];
        let next = self.r.sentences.get(s + 1).filter(|n| {
            let near = n.line == sentence.end_line || self.next_line(sentence.end_line) == Some(n.line);
            near && !n.item && n.pointer && !self.index.counted.contains(&(s + 1))
        });
        sentence.pointer || next.is_some()
    }

    /// The kind of line `no` (a line number of the document).
    fn kind(&self, no: usize) -> Option<Kind> {
        no.checked_sub(self.r.first_line).and_then(|i| self.kinds.get(i)).copied()
    }

    /// The first non-blank line after `line`, with at most `GAP` blank lines between.
    fn next_line(&self, line: usize) -> Option<usize> {
        (line + 1..=line + 1 + GAP).find(|n| self.kind(*n).is_some_and(|k| !matches!(k, Kind::Blank | Kind::Break)))
    }

    /// The block list starting on the first non-blank line after `line`.
    fn below(&self, line: usize) -> Option<usize> {
        self.index.starting.get(&self.next_line(line)?).copied()
    }

    /// The list of the sentence after `s`, when it is on the same line or the next one and states no count.
    fn next_sentence(&self, s: usize) -> Option<usize> {
        let r = self.r;
        let (here, next) = (&r.sentences[s], r.sentences.get(s + 1)?);
        let near = next.line == here.end_line || self.next_line(here.end_line) == Some(next.line);
        if !near || next.item || !next.intro || next.except || self.index.counted.contains(&(s + 1)) {
            return None;
        }
        // A partial list there is the count's only when it opens the sentence ("Among them are A and B.").
        let inline = self.index.inline_of(s + 1).iter().copied().find(|l| {
            let p = &r.lists[*l];
            (p.list.partial.is_none() && !p.subject) || p.opener
        });
        match inline {
            Some(l) => Some(l),
            None if next.lead => self.below(next.end_line),
            None => None,
        }
    }

    /// The list just before count `c`: in its own sentence before it, in the sentence before (on the same line
    /// or the line above), or a block ending on the line above its sentence (blank lines between allowed).
    fn before(&self, c: usize) -> Option<usize> {
        let r = self.r;
        let count = &r.counts[c];
        let s = count.sentence;
        let line = r.sentences[s].line;
        let fit = |l: &usize| fits(count, &r.lists[*l]);
        let own = self
            .index
            .inline_of(s)
            .iter()
            .copied()
            .filter(|l| r.lists[*l].list.span().start < count.span.start)
            .rfind(fit);
        if own.is_some() {
            return own;
        }
        let mut above = line.saturating_sub(1);
        while above > 0 && matches!(self.kind(above), Some(Kind::Blank | Kind::Break)) && line - above <= GAP {
            above -= 1;
        }
        let previous = s.checked_sub(1).filter(|p| {
            let at = r.sentences[*p].line;
            at == line || at == above
        });
        let in_previous = previous.and_then(|p| self.index.inline_of(p).iter().copied().rfind(fit));
        in_previous.or_else(|| self.index.ending.get(&above).copied().filter(|_| above > 0).filter(fit))
    }
}
