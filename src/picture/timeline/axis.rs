//! The time axis: the window a chart covers, the mapping of days to x, and the month and year grid with labels.

use super::chart::{finite_days, open_ends, Content};
use crate::picture::xml::El;
use crate::picture::PictureError;
use crate::time::{Day, Interval};
use chrono::{Datelike, Months, NaiveDate};

/// A coordinate as written into the SVG: one decimal, so output is stable and compact.
pub fn n(v: f64) -> String {
    format!("{v:.1}")
}

fn month_start(day: Day) -> NaiveDate {
    let date = day.to_date().unwrap_or_default();
    date.with_day(1).unwrap_or(date)
}

/// The days the chart covers: `--from`/`--to` where given, else the asked period, else the data's extent widened
/// to whole months.
pub fn window(
    content: &Content,
    asked: Option<Interval>,
    from: Option<Day>,
    to: Option<Day>,
) -> Result<Interval, PictureError> {
    let days = finite_days(content);
    let (open_left, open_right) = open_ends(content);
    // A month of room past the data on an open side, so the open end shows as one.
    let (lo, hi) = (
        days.iter().min().map(|d| if open_left { d.offset(-28) } else { *d }),
        days.iter().max().map(|d| if open_right { d.offset(28) } else { *d }),
    );
    let asked = asked.filter(|i| !i.from.is_open() && !i.to.is_open());
    let from = from.or(asked.map(|i| i.from)).or(lo.map(|d| Day::from_date(month_start(d))));
    let to = to.or(asked.map(|i| i.to)).or(hi.map(|d| {
        let next = month_start(d).checked_add_months(Months::new(1)).unwrap_or_default();
        Day::from_date(next)
    }));
    match (from, to) {
        (Some(f), Some(t)) => Interval::new(f, t).ok_or_else(|| PictureError::EmptyWindow(format!("[{f}, {t})"))),
        // One end given and the data has no finite day: a window of one year from (or up to) it.
        (Some(f), None) => Ok(Interval { from: f, to: f.offset(365) }),
        (None, Some(t)) => Ok(Interval { from: t.offset(-365), to: t }),
        (None, None) => Err(PictureError::NoTimeAxis),
    }
}

/// Days to x coordinates over `[left, right]`; open ends and days outside the window sit on the edges.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub window: Interval,
    pub left: f64,
    pub right: f64,
}

impl Scale {
    pub fn x(&self, day: Day) -> f64 {
        if day <= self.window.from {
            return self.left;
        }
        if day >= self.window.to {
            return self.right;
        }
        let span = (self.window.to.0 - self.window.from.0) as f64;
        self.left + (day.0 - self.window.from.0) as f64 / span * (self.right - self.left)
    }

    fn px_per_month(&self) -> f64 {
        let days = (self.window.to.0 - self.window.from.0) as f64;
        (self.right - self.left) / days * 30.44
    }
}

/// The grid and labels: a line at each month (a darker one at each year) from `top` to `bottom`, years labelled
/// above the grid, months labelled as often as their width allows.
pub fn grid(scale: &Scale, label_y: f64, top: f64, bottom: f64) -> El {
    let mut group = El::new("g").set("class", "axis");
    let per_month = scale.px_per_month();
    // Every month when there is room for "Sep", every quarter when there is room for a quarter, else none.
    let month_every = if per_month >= 24.0 {
        1
    } else if per_month >= 9.0 {
        3
    } else {
        0
    };
    // Years labelled every `year_every` years so that labels never run into each other.
    let year_every = (36.0 / (per_month * 12.0)).ceil().max(1.0) as i32;
    let mut month = month_start(scale.window.from);
    if Day::from_date(month) < scale.window.from {
        month = month.checked_add_months(Months::new(1)).unwrap_or(month);
    }
    while Day::from_date(month) <= scale.window.to {
        let x = n(scale.x(Day::from_date(month)));
        let january = month.month() == 1;
        if per_month >= 3.0 || january {
            let class = if january { "grid-year" } else { "grid-month" };
            group = group.add(line(&x, top, &x, bottom).set("class", class));
        }
        if january && Day::from_date(month) < scale.window.to && month.year() % year_every == 0 {
            group = group.add(text(&x, label_y, &month.year().to_string()).set("class", "year"));
        } else if month_every > 0 && month.month0() % month_every == 0 && Day::from_date(month) < scale.window.to {
            group = group.add(
                text(&x, label_y + 11.0, &crate::time::MONTHS[month.month0() as usize][..3]).set("class", "month"),
            );
        }
        let Some(next) = month.checked_add_months(Months::new(1)) else { break };
        month = next;
    }
    // A window that starts mid-year still says which year it is in.
    let first = scale.window.from.to_date().unwrap_or_default();
    let next_year = NaiveDate::from_ymd_opt(first.year() + 1, 1, 1).map(Day::from_date).unwrap_or(Day::MAX);
    let room = scale.x(next_year) - scale.left >= 36.0 || next_year >= scale.window.to;
    if (first.month() != 1 || first.day() != 1) && room {
        group = group.add(text(&n(scale.left), label_y, &first.year().to_string()).set("class", "year"));
    }
    group
}

pub fn line(x1: &str, y1: f64, x2: &str, y2: f64) -> El {
    El::new("line").set("x1", x1).set("y1", n(y1)).set("x2", x2).set("y2", n(y2))
}

pub fn text(x: &str, y: f64, content: &str) -> El {
    El::new("text").text(content).set("x", x).set("y", n(y))
}
