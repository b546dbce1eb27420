//! `tkb timeline`: the SVG is parsed with roxmltree and checked against the answers of the same query as JSON:
//! one row per binding, one bar per interval, a marker with a tooltip per citing source, a step per step of an
//! aggregate with its changes; the month/year axis; the layout of 60 rows in 1,000 px; deterministic bytes; and
//! the errors.

#[path = "support/update.rs"]
mod update;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TKB: &str = env!("CARGO_BIN_EXE_tkb");

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("timeline").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tkb(args: &[&str]) -> Output {
    Command::new(TKB).args(args).output().unwrap()
}

fn draw(query: &str, extra: &[&str], out: &Path) -> String {
    let mut args = vec!["timeline", query, "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = tkb(&args);
    assert!(run.status.success(), "tkb timeline failed: {}", String::from_utf8_lossy(&run.stderr));
    std::fs::read_to_string(out).unwrap()
}

fn query_json(query: &str) -> Value {
    let run = tkb(&["query", "--format", "json", query]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    serde_json::from_slice(&run.stdout).unwrap()
}

fn class_is(node: &roxmltree::Node, class: &str) -> bool {
    node.attribute("class").is_some_and(|c| c.split(' ').any(|c| c == class))
}

fn title_of(node: &roxmltree::Node) -> String {
    node.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap_or("").to_string()
}

fn texts(doc: &roxmltree::Document, class: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && class_is(n, class))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_query_with_variables_draws_one_row_per_binding_and_one_bar_per_interval() {
    let dir = scratch("gantt");
    let svg = draw("idc_exempt(C)", &[], &dir.join("idc.svg"));
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let answers = query_json("idc_exempt(C)");
    let answers = answers["answers"].as_array().unwrap();
    let rows: Vec<roxmltree::Node> = doc.descendants().filter(|n| class_is(n, "row")).collect();
    assert_eq!(rows.len(), answers.len());
    assert!(rows.len() > 20, "the kb has more than 20 countries exempt at some time");
    for (row, answer) in rows.iter().zip(answers) {
        let code = answer["bindings"]["C"].as_str().unwrap();
        assert_eq!(row.attribute("data-label"), Some(code));
        let bars = row.children().filter(|n| class_is(n, "bar")).count();
        assert_eq!(bars, answer["valid"].as_array().unwrap().len(), "bars of {code}");
        let markers: Vec<String> = row
            .children()
            .filter(|n| class_is(n, "source"))
            .map(|n| n.attribute("data-source").unwrap().to_string())
            .collect();
        // A marker per citing source published on a day the row holds (its closing day included): a source of a
        // premise published before the row starts would be a dot attached to no bar.
        let valid = answer["valid"].as_array().unwrap();
        let on_bar = |day: &str| {
            valid.iter().any(|v| {
                v["from"].as_str().is_none_or(|from| from <= day) && v["to"].as_str().is_none_or(|to| day <= to)
            })
        };
        let cited: Vec<String> = answer["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["published"].as_str().is_some_and(on_bar))
            .map(|p| p["source"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(markers, cited, "one marker per citing source of {code} on its bars");
    }
    // The Vietnam row: labelled with the name, its bar's tooltip the interval, its article's marker the quote.
    let vn = rows.iter().find(|r| r.attribute("data-label") == Some("VN")).expect("a VN row");
    let label = vn.children().find(|n| class_is(n, "label")).unwrap();
    assert_eq!(label.text(), Some("VN  Viet Nam"));
    let bar = vn.children().find(|n| class_is(n, "bar")).unwrap();
    assert_eq!(title_of(&bar), "VN  Viet Nam: holds [2021-12-14, 2022-04-11)");
    let marker = vn.children().find(|n| n.attribute("data-source") == Some("s001_l305")).unwrap();
    let tip = title_of(&marker);
    assert!(tip.starts_with("Resuming direct regular air flights\npublished 2021-12-21 (s001_l305)\n“"), "{tip}");
    assert!(tip.contains("resumed direct regular air flights with Vietnam"), "{tip}");
}

#[test]
fn the_axis_has_years_and_months_and_open_ends_fade() {
    let dir = scratch("axis");
    let svg = draw("direct_flight(C)", &[], &dir.join("flights.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let years = texts(&doc, "year");
    for year in ["2020", "2021", "2022"] {
        assert!(years.iter().any(|y| y == year), "year {year} labelled: {years:?}");
    }
    let months = texts(&doc, "month");
    assert!(months.iter().any(|m| m == "Jul") && months.iter().any(|m| m == "Oct"), "{months:?}");
    assert!(doc.descendants().any(|n| class_is(&n, "grid-year")));
    // Flights still operating as far as the sources go end in a fade, not a hard edge.
    let faded =
        doc.descendants().filter(|n| n.attribute("fill") == Some("url(#fade-right)") && class_is(n, "open")).count();
    assert!(faded > 10, "{faded} open ends");
    assert!(doc.descendants().any(|n| n.attribute("id") == Some("fade-right")));
}

#[test]
fn an_aggregate_draws_a_step_chart_with_its_changes() {
    let dir = scratch("steps");
    let query = "N = count : { direct_flight(C) } during [2021-11-01, 2022-02-01)";
    let svg = draw(query, &[], &dir.join("count.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let json = query_json(query);
    let steps = json["steps"].as_array().unwrap();
    let lines: Vec<roxmltree::Node> = doc.descendants().filter(|n| class_is(n, "step")).collect();
    assert_eq!(lines.len(), steps.len());
    for (line, step) in lines.iter().zip(steps) {
        let value = step["value"].as_i64().unwrap();
        assert!(
            title_of(line).starts_with(&format!("N = {value} on [{}, ", step["from"].as_str().unwrap())),
            "{}",
            title_of(line)
        );
    }
    let changes: Vec<String> = doc.descendants().filter(|n| class_is(n, "change")).map(|n| title_of(&n)).collect();
    assert_eq!(changes.len(), steps.iter().filter(|s| !s["changes"].as_array().unwrap().is_empty()).count());
    assert!(changes.contains(&"2021-12-03: -EG".to_string()), "{changes:?}");
    assert!(changes.contains(&"2021-12-14: +VN".to_string()), "{changes:?}");
    let words: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("tspan")).filter_map(|n| n.text()).collect();
    assert!(words.contains(&"-EG") && words.contains(&"+VN"), "{words:?}");
    // The asked period is the window: the axis starts in November 2021 and ends before March 2022.
    let months = texts(&doc, "month");
    assert!(months.contains(&"Nov".to_string()) && !months.contains(&"Mar".to_string()), "{months:?}");
}

#[test]
fn the_same_query_gives_the_same_bytes() {
    let dir = scratch("determinism");
    let a = draw("vaccine_passport_recognized(C)", &[], &dir.join("a.svg"));
    let b = draw("vaccine_passport_recognized(C)", &[], &dir.join("b.svg"));
    assert_eq!(a, b);
}

/// A kb of 60 countries, each with one interval: the chart must fit 1,000 px wide with rows far enough apart.
#[test]
fn sixty_rows_are_readable_at_1000_px() {
    let dir = scratch("sixty");
    let kb = dir.join("kb");
    std::fs::create_dir_all(&kb).unwrap();
    let mut text = String::from("pred open(C) \"C is open\".\n");
    for i in 0..60 {
        let (a, b) = (b'a' + (i / 26) as u8, b'a' + (i % 26) as u8);
        let month = 1 + i % 12;
        text += &format!("open(c{}{}) @ [2021-{month:02}-01, 2022-{month:02}-15).\n", a as char, b as char);
    }
    std::fs::write(kb.join("open.tkb"), text).unwrap();
    let svg = draw("open(C)", &["--kb", kb.to_str().unwrap()], &dir.join("sixty.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("1000.0"));
    let height: f64 = root.attribute("height").unwrap().parse().unwrap();
    assert!(height <= 1_150.0, "60 rows fit in about one screen: {height}");
    let ys: Vec<f64> = doc
        .descendants()
        .filter(|n| class_is(n, "label"))
        .map(|n| n.attribute("y").unwrap().parse().unwrap())
        .collect();
    assert_eq!(ys.len(), 60);
    assert!(ys.windows(2).all(|w| w[1] - w[0] >= 14.0), "labels of 11 px text at least 14 px apart");
    assert!(svg.contains("font-size:11px"));
}

#[test]
fn from_and_to_set_the_window() {
    let dir = scratch("window");
    let svg = draw("idc_exempt(C)", &["--from", "2021-12-01", "--to", "2022-01-01"], &dir.join("dec.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let months = texts(&doc, "month");
    assert!(!months.contains(&"Jun".to_string()), "{months:?}");
    // Only bindings holding inside the window draw a bar; the others keep their row, empty.
    let vn = doc.descendants().find(|n| n.attribute("data-label") == Some("VN")).unwrap();
    let eg = doc.descendants().find(|n| n.attribute("data-label") == Some("EG")).unwrap();
    assert_eq!(vn.children().filter(|n| class_is(n, "bar")).count(), 1);
    assert_eq!(eg.children().filter(|n| class_is(n, "bar")).count(), 1, "EG held until 2021-12-03");
    let kz_left: f64 =
        vn.descendants().find(|n| class_is(n, "solid")).unwrap().attribute("x").unwrap().parse().unwrap();
    assert!(kz_left > 300.0, "VN starts on 2021-12-14, well inside the December window: x = {kz_left}");
}

#[test]
fn errors_are_reported_with_their_exit_codes() {
    let dir = scratch("errors");
    let gif = dir.join("x.gif");
    let run = tkb(&["timeline", "idc_exempt(C)", "-o", gif.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("must end in .svg or .png"));
    let svg = dir.join("x.svg");
    let run = tkb(&["timeline", "idc_exemt(C)", "-o", svg.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&run.stderr).contains("unknown predicate `idc_exemt`"));
    // Country codes hold always: no time axis unless one is given.
    let run = tkb(&["timeline", "country(C)", "-o", svg.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no time axis"));
    draw("country(C)", &["--from", "2021-01-01", "--to", "2022-01-01"], &svg);
    let run =
        tkb(&["timeline", "idc_exempt(C)", "--from", "2022-01-01", "--to", "2021-01-01", "-o", svg.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("holds no day"));
}

/// The README's picture is what `tkb timeline` draws now: regenerated and compared byte for byte
/// (`UPDATE_EXPECT=1` rewrites it after a deliberate change to the kb or the drawing).
#[test]
fn the_readme_picture_is_current() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/idc-exempt.svg");
    let dir = scratch("readme");
    let fresh = draw("idc_exempt(C)", &[], &dir.join("idc-exempt.svg"));
    if update::requested() {
        std::fs::write(&committed, &fresh).unwrap();
        return;
    }
    let old = std::fs::read_to_string(&committed)
        .unwrap_or_else(|e| panic!("{} is missing ({e}): run with UPDATE_EXPECT=1", committed.display()));
    assert!(old == fresh, "{} is out of date: run `UPDATE_EXPECT=1 cargo test --test timeline`", committed.display());
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(readme.contains("(docs/idc-exempt.svg)"), "the README shows the picture");
}

/// `-o FILE.png` rasterises the same SVG: a PNG of the SVG's size, with the bars (and text) drawn on white.
#[test]
fn a_png_is_the_svg_rendered_at_its_size() {
    let dir = scratch("png");
    let svg = draw("direct_flight(C)", &[], &dir.join("flights.svg"));
    let run = tkb(&["timeline", "direct_flight(C)", "-o", dir.join("flights.png").to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let bytes = std::fs::read(dir.join("flights.png")).unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let height: f64 = doc.root_element().attribute("height").unwrap().parse().unwrap();
    assert_eq!((info.width, info.height), (1000, height.ceil() as u32));
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buffer[..info.buffer_size()].chunks(channels).collect();
    // The bars' blue (#2f6fb0) covers a good part of the picture.
    let blue = pixels.iter().filter(|p| p[2] > 150 && p[0] < 90).count();
    assert!(blue > 20_000, "{blue} blue pixels");
    let white = pixels.iter().filter(|p| p[..3].iter().all(|c| *c == 255)).count();
    assert!(white > pixels.len() / 3, "a white background");
}

#[test]
fn presumed_days_are_drawn_apart_from_confirmed_ones() {
    let svg = draw("idc_exempt(C)", &[], &scratch("presumed").join("p.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let row = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("row") && n.attribute("data-label") == Some("VN"))
        .expect("a row for VN");
    let parts: Vec<String> = row
        .descendants()
        .filter(|n| n.attribute("class") == Some("presumed-part"))
        .filter_map(|g| g.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).map(String::from))
        .collect();
    // Vietnam's exemption is stated until 2022-04-11, but the last list naming it was published 2022-01-25.
    assert_eq!(parts, ["VN  Viet Nam: presumed [2022-01-26, 2022-04-11): no source confirms these days"]);
    // Egypt's flights ended in December 2021, inside what the sources confirm: nothing of its bar is presumed.
    let eg = doc.descendants().find(|n| n.attribute("data-label") == Some("EG")).expect("a row for EG");
    assert!(eg.descendants().all(|n| n.attribute("class") != Some("presumed-part")));
}

#[test]
fn every_change_of_a_crowded_step_is_named_in_the_picture_itself() {
    let dir = scratch("crowded");
    let query = "N = count : { direct_flight(C) }";
    let svg = draw(query, &[], &dir.join("all.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let notes = texts(&doc, "note").join(" ");
    let json = query_json(query);
    let crowded: Vec<&Value> =
        json["steps"].as_array().unwrap().iter().filter(|s| s["changes"].as_array().unwrap().len() > 3).collect();
    assert!(!crowded.is_empty(), "the kb has a day on which more than three flights changed");
    for step in crowded {
        let from = step["from"].as_str().unwrap();
        assert!(notes.contains(&format!("{from}:")), "a note for {from}: {notes}");
        for change in step["changes"].as_array().unwrap() {
            let code = change["bindings"]["C"].as_str().unwrap();
            let sign = if change["change"] == "start" { '+' } else { '-' };
            assert!(notes.contains(&format!("{sign}{code}")), "{sign}{code} of {from} named: {notes}");
        }
    }
    let words: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("tspan")).filter_map(|n| n.text()).collect();
    assert!(words.iter().any(|w| w.contains("note 1")), "the crowded label points to its note: {words:?}");
}

#[test]
fn the_legend_says_nothing_a_png_cannot_do() {
    let dir = scratch("legend");
    let svg = draw("idc_exempt(C)", &[], &dir.join("legend.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let legend: Vec<String> = doc
        .descendants()
        .filter(|n| class_is(n, "legend"))
        .flat_map(|n| n.descendants().filter_map(|t| t.text()).map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(!legend.is_empty());
    assert!(legend.iter().all(|t| !t.to_lowercase().contains("hover")), "{legend:?}");
}
