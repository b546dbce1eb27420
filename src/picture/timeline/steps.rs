//! The step chart of an aggregate: the value day by day as a step line, each step's changes annotated above the
//! plot (`+VN`, `-EG`) with the full list in the annotation's `<title>`. A step with more changes than fit shows
//! the first few and a note number; the notes under the plot name every change, so a picture without tooltips
//! (a PNG, a printout) still says what changed.

use super::axis::{grid, line, n, text, Scale};
use super::chart::StepBar;
use super::gantt::rect;
use super::style;
use crate::picture::xml::El;
use crate::time::Interval;
use crate::value::Value;

const WIDTH: f64 = 1000.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 24.0;
const AXIS_H: f64 = 30.0;
const LANE_H: f64 = 13.0;
const LANES: usize = 4;
const PLOT_H: f64 = 300.0;
const CHAR_W: f64 = 5.8;
/// At most this many changes are written out above the plot; the notes under it list all of them.
const SHOWN_CHANGES: usize = 3;
/// The height of one line of notes, and the most characters on one.
const NOTE_H: f64 = 14.0;
const NOTE_CHARS: usize = 160;

pub fn render(title: &str, var: &str, steps: &[StepBar], window: Interval) -> El {
    let lanes_top = TOP + AXIS_H;
    let plot_top = lanes_top + LANE_H * LANES as f64 + 6.0;
    let plot_bottom = plot_top + PLOT_H;
    let scale = Scale { window, left: LEFT, right: WIDTH - RIGHT };
    let visible: Vec<(Interval, &StepBar)> =
        steps.iter().filter_map(|s| s.interval.intersect(&window).map(|i| (i, s))).collect();
    let notes = notes(&visible);
    let height = plot_bottom + 16.0 + if notes.is_empty() { 0.0 } else { NOTE_H * (notes.len() as f64 + 1.0) };
    let levels = Levels::new(visible.iter().filter_map(|(_, s)| s.value));
    let y = |v: Option<Value>| plot_bottom - levels.fraction(v) * PLOT_H;
    let mut doc = style::document(WIDTH, height, title);
    doc = doc.add(text(&n(8.0), 16.0, title).set("class", "title"));
    doc = doc.add(grid(&scale, TOP + 10.0, lanes_top - 4.0, plot_bottom));
    doc = doc.add(y_axis(&levels, var, plot_top, plot_bottom));
    let mut area = format!("M{} {}", n(scale.left), n(plot_bottom));
    let mut lines = El::new("g").set("class", "steps");
    let mut changes = El::new("g").set("class", "changes");
    let mut lane_end = [f64::MIN; LANES];
    let mut previous: Option<f64> = None;
    let mut noted = 0;
    for (shown, step) in &visible {
        let (x1, x2, sy) = (scale.x(shown.from), scale.x(shown.to), y(step.value));
        area += &format!(" L{} {} L{} {}", n(x1), n(sy), n(x2), n(sy));
        if let Some(py) = previous {
            lines = lines.add(line(&n(x1), py, &n(x1), sy).set("class", "riser"));
        }
        let tip = format!("{} = {} on {}", var, step.shown, step.interval);
        lines = lines.add(line(&n(x1), sy, &n(x2), sy).set("class", "step").add(El::new("title").text(tip)));
        if x2 - x1 >= 8.0 * step.shown.len() as f64 {
            lines = lines.add(text(&n((x1 + x2) / 2.0), sy - 4.0, &step.shown).set("class", "value"));
        }
        if !step.changes.is_empty() {
            let note = (step.changes.len() > SHOWN_CHANGES).then(|| {
                noted += 1;
                noted
            });
            changes = changes.add(annotation(step, note, x1, sy, lanes_top, &mut lane_end));
        }
        previous = Some(sy);
    }
    area += &format!(" L{} {} Z", n(scale.right), n(plot_bottom));
    let doc = doc.add(El::new("path").set("class", "area").set("d", area)).add(lines).add(changes);
    if notes.is_empty() {
        return doc;
    }
    let mut g = El::new("g").set("class", "notes");
    for (i, note) in notes.iter().enumerate() {
        g = g.add(text(&n(8.0), plot_bottom + 16.0 + NOTE_H * (i as f64 + 1.0), note).set("class", "note"));
    }
    doc.add(g)
}

/// The notes under the plot: for each step with more changes than the annotation shows, `N. DAY: +A +B ...`,
/// split into lines of at most `NOTE_CHARS` characters.
fn notes(visible: &[(Interval, &StepBar)]) -> Vec<String> {
    let mut lines = Vec::new();
    let long = visible.iter().filter(|(_, s)| s.changes.len() > SHOWN_CHANGES);
    for (k, (_, step)) in long.enumerate() {
        let mut line = format!("{}. {}:", k + 1, step.interval.from);
        for change in &step.changes {
            if line.len() + change.len() + 1 > NOTE_CHARS {
                lines.push(std::mem::take(&mut line));
                line = "   ".to_string();
            }
            line += " ";
            line += change;
        }
        lines.push(line);
    }
    lines
}

/// The changes of one step in the first annotation lane that is free at its x, with a leader down to the step.
fn annotation(
    step: &StepBar,
    note: Option<usize>,
    x: f64,
    step_y: f64,
    lanes_top: f64,
    lane_end: &mut [f64; LANES],
) -> El {
    let mut words: Vec<String> = step.changes.iter().take(SHOWN_CHANGES).cloned().collect();
    if let Some(k) = note {
        words.push(format!("…{} more, note {k}", step.changes.len() - SHOWN_CHANGES));
    }
    let width = CHAR_W * words.iter().map(|w| w.len() + 1).sum::<usize>() as f64;
    // Lanes fill top-down; when all are taken at this x, the lane that frees first takes it.
    let lane = (0..LANES)
        .find(|&l| lane_end[l] < x)
        .unwrap_or_else(|| (0..LANES).min_by(|a, b| lane_end[*a].total_cmp(&lane_end[*b])).unwrap_or(0));
    lane_end[lane] = x + width;
    let ty = lanes_top + LANE_H * (lane as f64 + 1.0) - 3.0;
    let tip = format!("{}: {}", step.interval.from, step.changes.join(" "));
    // Near the right edge the text ends at the step instead of starting there.
    let mut label = if x + width > WIDTH - RIGHT {
        text(&n(x - 2.0), ty, "").set("text-anchor", "end")
    } else {
        text(&n(x + 2.0), ty, "")
    };
    for (i, word) in words.iter().enumerate() {
        let class = match word.chars().next() {
            Some('-') => "minus",
            Some('+') => "plus",
            _ => "more",
        };
        let shown = if i == 0 { word.clone() } else { format!(" {word}") };
        label = label.add(El::new("tspan").text(shown).set("class", class));
    }
    El::new("g")
        .set("class", "change")
        .set("data-day", step.interval.from.to_string())
        .add(El::new("title").text(tip))
        .add(line(&n(x), ty + 2.0, &n(x), step_y).set("class", "leader"))
        .add(label)
}

/// The y levels: integers by value from zero, anything else (the minimum of dates or names) by rank.
struct Levels {
    values: Vec<Value>,
    top: f64,
}

impl Levels {
    fn new(values: impl Iterator<Item = Value>) -> Levels {
        let mut values: Vec<Value> = values.collect();
        values.sort();
        values.dedup();
        let numeric = values.iter().all(|v| matches!(v, Value::Int(_)));
        let top = if numeric { nice_top(values.iter().map(as_f64).fold(0.0, f64::max)) } else { values.len() as f64 };
        Levels { values, top: top.max(1.0) }
    }

    fn numeric(&self) -> bool {
        self.values.iter().all(|v| matches!(v, Value::Int(_)))
    }

    fn fraction(&self, value: Option<Value>) -> f64 {
        let Some(v) = value else { return 0.0 };
        let level = if self.numeric() {
            as_f64(&v).max(0.0)
        } else {
            self.values.iter().position(|x| *x == v).map(|p| p as f64 + 1.0).unwrap_or(0.0)
        };
        level / self.top
    }
}

fn as_f64(v: &Value) -> f64 {
    if let Value::Int(i) = v {
        *i as f64
    } else {
        0.0
    }
}

/// The smallest 1, 2 or 5 times a power of ten at or above `max`, so ticks fall on round numbers.
fn nice_top(max: f64) -> f64 {
    let step = nice_step(max);
    (max / step).ceil().max(1.0) * step
}

fn nice_step(max: f64) -> f64 {
    let raw = (max / 5.0).max(1.0);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(power * 10.0)
}

fn y_axis(levels: &Levels, var: &str, top: f64, bottom: f64) -> El {
    let mut g = El::new("g").set("class", "y-axis").add(text(&n(8.0), top - 6.0, var).set("class", "year"));
    let at = |fraction: f64| bottom - fraction * (bottom - top);
    if levels.numeric() {
        let step = nice_step(levels.top);
        let mut v = 0.0;
        while v <= levels.top + 0.5 {
            let y = at(v / levels.top);
            g = g.add(line(&n(LEFT), y, &n(WIDTH - RIGHT), y).set("class", "axis-y"));
            g = g.add(text(&n(LEFT - 6.0), y + 4.0, &format!("{v}")).set("class", "value").set("text-anchor", "end"));
            v += step;
        }
    } else {
        for (i, value) in levels.values.iter().enumerate() {
            let y = at((i as f64 + 1.0) / levels.top);
            g = g.add(line(&n(LEFT), y, &n(WIDTH - RIGHT), y).set("class", "axis-y"));
            g = g
                .add(text(&n(LEFT - 6.0), y + 4.0, &value.to_string()).set("class", "value").set("text-anchor", "end"));
        }
    }
    g.add(rect(LEFT, top, 0.5, bottom - top).set("class", "axis-y"))
}
