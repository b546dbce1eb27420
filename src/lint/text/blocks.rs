//! Lists of one item a line: bulleted or numbered lines (numbered items may have blank lines between them:
//! annexes print one item a paragraph; any list goes on after a page break), lines keyed by a country
//! ("Germany: visa-free for 30 days."), the rows of a table (cells split by "|" or by tabs, the header row and
//! "|---|" rules left out), short lines with no marker after a blank line or a line ending with a colon, and a
//! line of names alone below a lead ("...the following 4 countries:" / "Germany, France and Italy.").
//! A line of a bulleted or numbered run that ends with a colon leads the items after it, so it ends the list
//! before it. Numbered section headings with prose between them ("1. Work visa", text, "2. Business visa", text)
//! make one list. What each line is comes from `kinds`.

use super::counts;
use super::items::split;
use super::kinds::{country_key, marked_item, Kind, KEYED_GAP};
use super::list::{item, Form, Item, List};
use super::names::CountryTable;
use super::reading::Line;
use super::scan::Marker;

/// A list of lines and where it is: the list, and its first and last line.
#[derive(Clone, Debug)]
pub struct Block {
    pub list: List,
    /// The block's first line (a table's header line) and its last.
    pub first: usize,
    pub last: usize,
}

/// Words a line may have to be an item of an unmarked list.
const SHORT: usize = 6;

/// Every block of the lines, in order.
pub fn blocks(table: &CountryTable, lines: &[Line], kinds: &[Kind]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let next = match kinds[i] {
            Kind::Marked(m) => marked(table, lines, kinds, i, matches!(m, Marker::Number(_)), &mut out),
            Kind::Table(sep) => rows(table, lines, kinds, i, sep, &mut out),
            Kind::Keyed => keyed(table, lines, kinds, i, &mut out),
            Kind::Prose if opens_plain(lines, kinds, i) => plain(table, lines, kinds, i, &mut out),
            Kind::Prose if below_lead(lines, kinds, i) => names_line(table, lines, kinds, i, &mut out),
            _ => i + 1,
        };
        i = next.max(i + 1);
    }
    out
}

/// Keeps a list of at least one item; `top` is the block's first line when it starts above its first item (a
/// table's header).
fn push(out: &mut Vec<Block>, form: Form, items: Vec<Item>, top: Option<usize>) {
    if let (Some(first), Some(last)) = (items.first().map(|i| i.line), items.last().map(|i| i.line)) {
        out.push(Block { list: List::new(form, items), first: top.unwrap_or(first).min(first), last });
    }
}

/// A run of bulleted (consecutive) or numbered (blank lines allowed) lines from `start`; returns the line after.
fn marked(
    table: &CountryTable,
    lines: &[Line],
    kinds: &[Kind],
    start: usize,
    numbered: bool,
    out: &mut Vec<Block>,
) -> usize {
    let form = if numbered { Form::Numbered } else { Form::Bulleted };
    let mut items: Vec<Item> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let same = match kinds[i] {
            Kind::Marked(m) => matches!(m, Marker::Number(_)) == numbered,
            Kind::Blank | Kind::Break => (numbered || across_break(kinds, i)) && next_marked(kinds, i, numbered),
            Kind::Prose if numbered => next_section(lines, kinds, i, &items).is_some(),
            _ => false,
        };
        if !same {
            break;
        }
        if kinds[i] == Kind::Prose {
            i = next_section(lines, kinds, i, &items).unwrap_or(i + 1);
            continue;
        }
        if kinds[i] == Kind::Blank || kinds[i] == Kind::Break {
            i += 1;
            continue;
        }
        if let Some(it) = marked_item(lines[i].text) {
            let at = lines[i].start + it.at;
            let number = match it.marker {
                Marker::Number(n) => Some(n),
                Marker::Bullet => None,
            };
            if leads(it.text) {
                // A lead inside the run ("• ... open with 15 countries:") ends the list before it.
                push(out, form, std::mem::take(&mut items), None);
            } else {
                items.extend(entry(table, it.text, at, lines[i].no, number));
            }
        }
        i += 1;
    }
    push(out, form, items, None);
    i
}

/// Lines of prose a numbered list of section headings may have between two headings.
const SECTION: usize = 12;

/// For numbered section headings with prose between them ("1. Work visa" ... "2. Business visa" ...): the line
/// of the next heading, when it comes within `SECTION` lines and carries the next number, and the headings so
/// far are short lines.
fn next_section(lines: &[Line], kinds: &[Kind], i: usize, items: &[Item]) -> Option<usize> {
    let last = items.last()?;
    let headings = items.iter().all(|it| it.text.split_whitespace().count() <= 8 && !it.text.ends_with('.'));
    let want = last.number? + 1;
    let next = (i..(i + SECTION).min(lines.len())).find(|k| matches!(kinds[*k], Kind::Marked(_)))?;
    let number = marked_item(lines[next].text).and_then(|it| match it.marker {
        Marker::Number(n) => Some(n),
        Marker::Bullet => None,
    });
    (headings && number == Some(want)).then_some(next)
}

/// Whether the next line after `i` that is neither blank nor a page break continues a run of this kind.
fn next_marked(kinds: &[Kind], i: usize, numbered: bool) -> bool {
    kinds[i..]
        .iter()
        .find(|k| !matches!(k, Kind::Blank | Kind::Break))
        .is_some_and(|k| matches!(k, Kind::Marked(m) if matches!(m, Marker::Number(_)) == numbered))
}

/// Whether the run of blank lines around line `i` holds a page break: a bulleted list goes on across a page
/// break, not across a blank line alone.
fn across_break(kinds: &[Kind], i: usize) -> bool {
    let gap = |k: &&Kind| matches!(k, Kind::Blank | Kind::Break);
    let after = kinds[i..].iter().take_while(gap);
    let before = kinds[..i].iter().rev().take_while(gap);
    after.chain(before).any(|k| *k == Kind::Break)
}

/// A line that introduces what follows: it ends with a colon.
fn leads(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// A line that states a count: it is no item of an unmarked list, and it may head one.
fn counts_something(text: &str) -> bool {
    !counts::counts(text).is_empty()
}

/// The items of one entry: each country of a plain enumeration of known names ("Germany, France"), else the
/// entry as one item.
fn entry(table: &CountryTable, text: &str, at: usize, line: usize, number: Option<i64>) -> Vec<Item> {
    let parts: Vec<&str> = text.split(',').collect();
    if parts.len() > 1 && parts.iter().all(|p| table.lookup(p).is_some()) {
        let mut offset = 0;
        return parts
            .iter()
            .filter_map(|p| {
                let here = offset;
                offset += p.len() + 1;
                item(table, p, at + here, line, number)
            })
            .collect();
    }
    item(table, text, at, line, number).into_iter().collect()
}

/// Lines keyed by a country from `start` ("Germany: visa-free for 30 days."), blank lines and page breaks between
/// them allowed; returns the line after.
fn keyed(table: &CountryTable, lines: &[Line], kinds: &[Kind], start: usize, out: &mut Vec<Block>) -> usize {
    let mut items = Vec::new();
    let mut i = start;
    let mut end = start;
    while i < lines.len() && i <= end + KEYED_GAP {
        if kinds[i] == Kind::Keyed {
            // The item is the country; what the line says of it is not part of its name.
            let text = lines[i].text;
            let name = &text[..country_key(table, text).unwrap_or(text.len())];
            items.extend(item(table, name, lines[i].start, lines[i].no, None));
            end = i;
        } else if !matches!(kinds[i], Kind::Blank | Kind::Break) {
            break;
        }
        i += 1;
    }
    push(out, Form::Keyed, items, None);
    end + 1
}

/// Whether line `i` comes right below a lead: a line ending with a colon, or a heading that states a count.
fn below_lead(lines: &[Line], kinds: &[Kind], i: usize) -> bool {
    let above = (0..i).rev().take(2).find(|j| kinds[*j] != Kind::Blank);
    above.is_some_and(|j| {
        let text = lines[j].text.trim_end();
        kinds[j] == Kind::Prose && (leads(text) || (!text.ends_with(['.', '!', '?']) && counts_something(text)))
    })
}

/// A line of names alone, and the lines it wraps onto, below a lead ("Germany, France,\nItaly and Spain."): a
/// list when every piece is a country the kb knows and there are two at least; returns the line after.
fn names_line(table: &CountryTable, lines: &[Line], kinds: &[Kind], start: usize, out: &mut Vec<Block>) -> usize {
    let mut items = Vec::new();
    let mut i = start;
    while i < lines.len() && kinds[i] == Kind::Prose && (i == start || continues(lines[i - 1].text)) {
        let (found, etc) = split(table, lines[i].text, lines[i].start, lines[i].no);
        if etc.is_some() || found.iter().any(|it| it.code.is_none()) || !only_names(&lines[i], &found) {
            return start + 1;
        }
        items.extend(found);
        i += 1;
    }
    if items.len() < 2 {
        return start + 1;
    }
    push(out, Form::Inline, items, None);
    i
}

/// Whether the items cover their line: nothing but commas, semicolons, "and", "or" and a full stop between and
/// around them.
fn only_names(line: &Line, items: &[Item]) -> bool {
    let mut at = line.start;
    let mut gaps = Vec::new();
    for it in items {
        gaps.push(line.text.get(at.saturating_sub(line.start)..it.span.start - line.start));
        at = it.span.end;
    }
    gaps.push(line.text.get(at.saturating_sub(line.start)..));
    gaps.into_iter().all(|gap| {
        gap.is_some_and(|g| {
            g.split(|c: char| c.is_whitespace() || ",;.&".contains(c)).all(|w| matches!(w, "" | "and" | "or"))
        })
    })
}

/// The rows of a table from `start`; returns the line after.
fn rows(table: &CountryTable, lines: &[Line], kinds: &[Kind], start: usize, sep: char, out: &mut Vec<Block>) -> usize {
    let mut end = start;
    while end < lines.len() && kinds[end] == Kind::Table(sep) {
        end += 1;
    }
    let body: Vec<&Line> = lines[start..end].iter().collect();
    let cells = |l: &Line| -> Vec<(usize, String)> { cells(l.text, sep) };
    let rule = |l: &Line| cells(l).iter().all(|(_, c)| c.chars().all(|ch| "-:= ".contains(ch)));
    let has_rule = body.iter().any(|l| rule(l));
    let header = if has_rule {
        body.iter().position(|l| rule(l)).filter(|p| *p > 0).map(|p| p - 1)
    } else {
        is_header(table, &body).then_some(0)
    };
    let mut items = Vec::new();
    for (k, line) in body.iter().enumerate() {
        if Some(k) == header || rule(line) {
            continue;
        }
        let row = cells(line);
        let chosen = row
            .iter()
            .find(|(_, c)| table.lookup(c).is_some())
            .or_else(|| row.iter().find(|(_, c)| !c.chars().all(|ch| ch.is_ascii_digit() || ch == '.')));
        if let Some((offset, text)) = chosen {
            items.extend(item(table, text, line.start + offset, line.no, None));
        }
    }
    push(out, Form::Table, items, Some(lines[start].no));
    end
}

/// The cells of a table row with their byte offsets in the line, trimmed (`' '` for columns aligned with runs of
/// three spaces or more).
fn cells(text: &str, sep: char) -> Vec<(usize, String)> {
    let pattern = if sep == ' ' { "   ".to_string() } else { sep.to_string() };
    let mut out = Vec::new();
    let mut at = 0;
    for cell in text.split(pattern.as_str()) {
        let lead = cell.len() - cell.trim_start().len();
        if !cell.trim().is_empty() {
            out.push((at + lead, cell.trim().to_string()));
        }
        at += cell.len() + pattern.len();
    }
    out
}

/// A first row with no country and no digit, over rows that have them, is the header.
fn is_header(table: &CountryTable, rows: &[&Line]) -> bool {
    let Some((first, rest)) = rows.split_first() else { return false };
    let countries = |l: &Line| l.text.split(['\t', '|']).any(|c| table.lookup(c).is_some());
    let digits = |l: &Line| l.text.chars().any(|c| c.is_ascii_digit());
    !countries(first) && !digits(first) && rest.iter().any(|l| countries(l) || digits(l))
}

/// A short line with no marker: few words, no sentence end, no colon at the end, no count.
fn short(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.split_whitespace().take(SHORT + 1).count() <= SHORT
        && !t.ends_with(['.', '!', '?', ':'])
        && !counts_something(t)
}

/// Whether a line of a list says that an item follows: it ends with a comma, a semicolon, "and" or "or".
fn continues(text: &str) -> bool {
    let t = text.trim_end();
    let word = t.rsplit(char::is_whitespace).next().unwrap_or("");
    t.ends_with([',', ';']) || word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("or")
}

/// Whether an unmarked list starts at line `i`: two short lines or more, after a blank line or a lead (a line
/// ending with a colon, or a heading that states a count).
fn opens_plain(lines: &[Line], kinds: &[Kind], i: usize) -> bool {
    let two = || i + 1 < lines.len() && kinds[i + 1] == Kind::Prose && short(lines[i + 1].text);
    let after_gap =
        || i > 0 && (kinds[i - 1] == Kind::Blank || leads(lines[i - 1].text) || counts_something(lines[i - 1].text));
    short(lines[i].text) && two() && after_gap()
}

/// The short lines from `start`; returns the line after.
fn plain(table: &CountryTable, lines: &[Line], kinds: &[Kind], start: usize, out: &mut Vec<Block>) -> usize {
    let mut items = Vec::new();
    let mut i = start;
    while i < lines.len() && kinds[i] == Kind::Prose && short(lines[i].text) {
        items.extend(entry(table, lines[i].text, lines[i].start, lines[i].no, None));
        i += 1;
    }
    // "Egypt (from May 15); and" / "Turkey (from May 20).": the last item ends the list with a full stop.
    if i > start && i < lines.len() && kinds[i] == Kind::Prose && continues(lines[i - 1].text) {
        let last = lines[i].text.trim().trim_end_matches('.');
        if short(last) {
            items.extend(entry(table, lines[i].text, lines[i].start, lines[i].no, None));
            i += 1;
        }
    }
    push(out, Form::Lines, items, None);
    i
}
