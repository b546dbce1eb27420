//! The Gantt chart: one row per binding, a bar per interval (open ends fade out at the edge), and a marker at each
//! citing source's publication day whose `<title>` gives the article, the date and the quote.

use super::axis::{grid, n, text, Scale};
use super::chart::{Marker, Row};
use super::style;
use crate::picture::xml::El;
use crate::time::Interval;

const WIDTH: f64 = 1000.0;
const LABEL_W: f64 = 210.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 24.0;
const AXIS_H: f64 = 30.0;
const ROW_H: f64 = 16.0;
const BAR_H: f64 = 10.0;
const FADE: f64 = 36.0;
/// About the width of one character of the 11 px labels, for cutting labels that would run into the chart.
const CHAR_W: f64 = 6.2;

pub fn render(title: &str, rows: &[Row], window: Interval) -> El {
    let plot_top = TOP + AXIS_H;
    let plot_bottom = plot_top + ROW_H * rows.len().max(1) as f64;
    let height = plot_bottom + 28.0;
    let scale = Scale { window, left: LABEL_W, right: WIDTH - RIGHT };
    let mut doc = style::document(WIDTH, height, title);
    doc = doc.add(text(&n(8.0), 16.0, title).set("class", "title"));
    // Stripes first, so the grid lines run over them.
    let mut stripes = El::new("g").set("class", "stripes");
    for i in (1..rows.len()).step_by(2) {
        stripes = stripes.add(rect(0.0, plot_top + ROW_H * i as f64, WIDTH, ROW_H).set("class", "stripe"));
    }
    doc = doc.add(stripes);
    doc = doc.add(grid(&scale, TOP + 10.0, plot_top - 4.0, plot_bottom));
    let mut body = El::new("g").set("class", "rows");
    for (i, row) in rows.iter().enumerate() {
        body = body.add(draw_row(row, plot_top + ROW_H * i as f64, &scale));
    }
    if rows.is_empty() {
        body = body.add(text(&n(LABEL_W), plot_top + 12.0, "no answers").set("class", "empty"));
    }
    doc = doc.add(body);
    doc.add(legend(plot_bottom + 18.0))
}

fn draw_row(row: &Row, y: f64, scale: &Scale) -> El {
    let mut g = El::new("g").set("class", "row").set("data-label", row.label.as_str());
    let full = match &row.name {
        Some(name) => format!("{}  {name}", row.label),
        None => row.label.clone(),
    };
    let room = ((LABEL_W - 14.0) / CHAR_W) as usize;
    let shown = cut(&full, room);
    let mut label = text(&n(8.0), y + ROW_H - 4.0, &shown).set("class", "label");
    if shown != full {
        label = label.add(El::new("title").text(full.as_str()));
    }
    g = g.add(label);
    for bar in &row.bars {
        if let Some(b) = draw_bar(&full, *bar, y + (ROW_H - BAR_H) / 2.0, scale) {
            g = g.add(b);
        }
    }
    for part in &row.presumed {
        if let Some(visible) = part.intersect(&scale.window) {
            let (x1, x2) = (scale.x(visible.from), scale.x(visible.to));
            let tip = format!("{full}: presumed {part}: no source confirms these days");
            let shade = rect(x1, y + (ROW_H - BAR_H) / 2.0, x2 - x1, BAR_H).set("class", "presumed");
            g = g.add(El::new("g").set("class", "presumed-part").add(El::new("title").text(tip)).add(shade));
        }
    }
    for marker in row.markers.iter().filter(|m| scale.window.contains(m.day)) {
        g = g.add(draw_marker(marker, y + ROW_H / 2.0, scale));
    }
    g
}

/// `text` cut to `room` characters with an ellipsis.
fn cut(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let kept: String = text.chars().take(room.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

fn draw_bar(label: &str, bar: Interval, y: f64, scale: &Scale) -> Option<El> {
    let visible = bar.intersect(&scale.window)?;
    let (x1, x2) = (scale.x(visible.from), scale.x(visible.to).max(scale.x(visible.from) + 1.0));
    let open_left = bar.from.is_open();
    let open_right = bar.to.is_open();
    let mut g = El::new("g").set("class", "bar").add(El::new("title").text(format!("{label}: holds {bar}")));
    // An open end fades out over the last FADE pixels: "still in force as far as the sources go".
    let fade_l = if open_left { FADE.min((x2 - x1) / 2.0) } else { 0.0 };
    let fade_r = if open_right { FADE.min((x2 - x1) / 2.0) } else { 0.0 };
    g = g.add(rect(x1 + fade_l, y, x2 - x1 - fade_l - fade_r, BAR_H).set("class", "solid"));
    if open_left {
        g = g.add(rect(x1, y, fade_l, BAR_H).set("class", "open").set("fill", "url(#fade-left)"));
    }
    if open_right {
        g = g.add(rect(x2 - fade_r, y, fade_r, BAR_H).set("class", "open").set("fill", "url(#fade-right)"));
    }
    Some(g)
}

fn draw_marker(marker: &Marker, y: f64, scale: &Scale) -> El {
    let mut tip = format!("{}\npublished {} ({})", marker.title, marker.day, marker.source);
    if let Some(quote) = &marker.quote {
        tip.push_str(&format!("\n“{quote}”"));
    }
    let dot = El::new("circle").set("cx", n(scale.x(marker.day))).set("cy", n(y)).set("r", "3.5");
    El::new("g")
        .set("class", "source")
        .set("data-source", marker.source.as_str())
        .add(El::new("title").text(tip))
        .add(dot)
}

fn legend(y: f64) -> El {
    El::new("g")
        .set("class", "legend")
        .add(rect(8.0, y - 8.0, 18.0, BAR_H).set("class", "solid"))
        .add(text(&n(30.0), y, "holds"))
        .add(rect(76.0, y - 8.0, 18.0, BAR_H).set("class", "open").set("fill", "url(#fade-right)"))
        .add(text(&n(98.0), y, "open end: in force as far as the sources go"))
        .add(El::new("circle").set("cx", n(352.0)).set("cy", n(y - 3.5)).set("r", "3.5").set("class", "dot"))
        .add(text(&n(360.0), y, "a citing article, on its publication day"))
        .add(rect(640.0, y - 8.0, 18.0, BAR_H).set("class", "solid"))
        .add(rect(640.0, y - 8.0, 18.0, BAR_H).set("class", "presumed"))
        .add(text(&n(662.0), y, "presumed: no source confirms these days"))
}

pub fn rect(x: f64, y: f64, w: f64, h: f64) -> El {
    El::new("rect").set("x", n(x)).set("y", n(y)).set("width", n(w.max(0.0))).set("height", n(h))
}
