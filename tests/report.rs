//! `tkb report`: the site is written once, then every page is parsed with scraper (html5ever) and checked: links
//! and anchors resolve, nothing comes from the network, the index and predicate pages count what the kb has,
//! the quotes are linked both ways, the lint page has every finding, the day picker's data answers as `tkb query`
//! does, and three clicks lead from the index to the quoted sentence of why Vietnam was exempt on 2021-12-20.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const TKB: &str = env!("CARGO_BIN_EXE_tkb");

fn corpus() -> PathBuf {
    let dir = std::env::var_os("TKB_CORPUS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    assert!(dir.is_dir(), "the corpus is missing at {} (set TKB_CORPUS)", dir.display());
    dir
}

fn build(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let run = Command::new(TKB).arg("report").arg("-o").arg(dir).arg("--corpus").arg(corpus()).output().unwrap();
    assert!(run.status.success(), "tkb report failed: {}", String::from_utf8_lossy(&run.stderr));
}

fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-site");
        build(&dir);
        dir
    })
}

/// Every file of a folder, relative to it, sorted.
fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn page(name: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(site().join(name)).unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &ElementRef) -> String {
    e.text().collect::<Vec<_>>().join("").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ids(html: &Html) -> BTreeSet<String> {
    select(html, "[id]").iter().filter_map(|e| e.value().attr("id")).map(str::to_string).collect()
}

fn tkb_json(args: &[&str]) -> Value {
    let run = Command::new(TKB).args(args).output().unwrap();
    serde_json::from_slice(&run.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// Follows a link from `from` (a path inside the site): the page and fragment it leads to.
fn follow(from: &str, href: &str) -> (String, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (from.to_string(), fragment);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    (parts.join("/"), fragment)
}

#[test]
fn every_link_and_anchor_resolves_and_nothing_comes_from_the_network() {
    let pages: Vec<String> =
        files(site()).iter().map(|p| p.to_string_lossy().into_owned()).filter(|p| p.ends_with(".html")).collect();
    assert!(pages.len() > 300, "{} pages", pages.len());
    let mut anchors: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(String, String)> = Vec::new();
    for name in &pages {
        let html = page(name);
        anchors.insert(name.clone(), ids(&html));
        for e in select(&html, "[href], [src]") {
            for attr in ["href", "src"] {
                if let Some(target) = e.value().attr(attr) {
                    assert!(!target.contains("://") && !target.starts_with("//"), "{name} fetches {target}");
                    // The empty icon is inline (`data:,`): it keeps the browser from asking for /favicon.ico.
                    if target == "data:," {
                        assert_eq!(e.value().attr("rel"), Some("icon"), "{name}");
                        continue;
                    }
                    links.push((name.clone(), target.to_string()));
                }
            }
        }
        assert!(select(&html, "[onclick], [onload], [style*='url(']").is_empty(), "{name}: inline handlers");
    }
    assert!(links.len() > 10_000, "{} links", links.len());
    for (from, href) in &links {
        let (to, fragment) = follow(from, href);
        assert!(site().join(&to).is_file(), "{from}: link {href} leads to a missing {to}");
        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
            let ids = anchors.get(&to).unwrap_or_else(|| panic!("{from}: {href} is not a page"));
            assert!(ids.contains(&fragment), "{from}: {href} names no element of {to}");
        }
    }
}

#[test]
fn the_index_lists_every_predicate_with_its_counts_and_every_source() {
    let index = page("index.html");
    let rows = select(&index, "table:nth-of-type(1) tbody tr");
    let mut db = tkb::db::Database::default();
    assert!(db.load_kb(tkb::builtin::builtin_files()).iter().all(|d| !d.is_error()));
    let mut preds: BTreeSet<String> = db.preds.keys().map(|p| p.to_string()).collect();
    preds.extend(db.rules.iter().map(|r| r.head.pred.to_string()));
    // Questions (`tkb check`'s answers for every traveller) are not facts of the kb: the report leaves them out.
    preds.retain(|p| !db.is_question(tkb::symbol::Symbol::from(p.as_str())));
    assert_eq!(rows.len(), preds.len());
    let idc = rows.iter().find(|r| text(r).starts_with("idc_exempt derived")).expect("an idc_exempt row");
    let cells: Vec<String> = select_in(idc, "td").iter().map(text).collect();
    let answers = tkb_json(&["query", "--format", "json", "idc_exempt(C)"]);
    assert_eq!(cells[2], answers["answers"].as_array().unwrap().len().to_string());
    assert!(cells[1].contains("needs no IDC permission"), "{cells:?}");
    let sources = select(&index, "table:nth-of-type(2) tbody tr");
    assert_eq!(sources.len(), db.sources.len());
}

fn select_in<'a>(e: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    e.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn a_predicate_page_has_its_timeline_inline_with_a_row_per_fact() {
    let html = page("pred/direct_flight.html");
    let answers = tkb_json(&["query", "--format", "json", "direct_flight(C)"]);
    let count = answers["answers"].as_array().unwrap().len();
    assert_eq!(select(&html, "figure.timeline svg g.row").len(), count);
    assert_eq!(select(&html, "#facts + table tbody tr").len(), count);
    assert!(select(&html, "figure.timeline svg g.row[data-label=VN] g.source title")
        .iter()
        .any(|t| text(t).contains("Vietnam")));
}

/// The quotes `tkb why` prints for a fact on a day, in order.
fn why_quotes(fact: &str) -> Vec<String> {
    let run = Command::new(TKB).args(["why", fact]).output().unwrap();
    let out = String::from_utf8(run.stdout).unwrap();
    out.lines()
        .filter_map(|l| l.trim_start_matches(['│', ' ']).strip_prefix('"'))
        .map(|q| q.trim_end_matches('"').to_string())
        .collect()
}

#[test]
fn three_clicks_from_the_index_lead_to_the_quoted_sentence_of_why_vietnam_was_exempt() {
    let click = |from: &str, html: &Html, label: &str| -> (String, Option<String>) {
        let link = select(html, "a[href]")
            .into_iter()
            .find(|a| text(a).contains(label))
            .unwrap_or_else(|| panic!("{from}: no link {label}"));
        follow(from, link.value().attr("href").unwrap())
    };
    // 1: the index's link to the countries; 2: Viet Nam; the page opens with the facts and their proofs.
    let (countries, _) = click("index.html", &page("index.html"), "Countries");
    let (vn, _) = click(&countries, &page(&countries), "Viet Nam");
    assert_eq!(vn, "country/vn.html");
    let html = page(&vn);
    let section = select(&html, "section#idc_exempt-vn").pop().expect("the idc_exempt(VN) section");
    let day = "2021-12-20";
    let stretch = select_in(&section, "div.stretch")
        .into_iter()
        .find(|s| {
            let heading = text(&select_in(s, "h3")[0]);
            let (a, b) = heading.rsplit_once('[').unwrap().1.trim_end_matches(')').split_once(", ").unwrap();
            a <= day && (b == ".." || day < b)
        })
        .expect("a proof for the stretch containing 2021-12-20");
    let quotes: Vec<ElementRef> = select_in(&stretch, "blockquote a");
    let shown: Vec<String> = quotes.iter().map(|q| text(q).trim_matches(['“', '”']).to_string()).collect();
    assert_eq!(shown, why_quotes("idc_exempt(vn) @ 2021-12-20"), "the page proves what `tkb why` proves");
    // 3: the quote of the flight decision leads to the sentence marked in the article.
    let decision = quotes.iter().find(|q| text(q).contains("Vietnam")).expect("the flight decision's quote");
    let (source, fragment) = follow(&vn, decision.value().attr("href").unwrap());
    assert_eq!(source, "source/s001_l305.html");
    let article = page(&source);
    let mark = select(&article, &format!("mark#{}", fragment.unwrap())).pop().expect("the marked sentence");
    assert!(text(decision).contains(&text(&mark)), "{} / {}", text(decision), text(&mark));
    assert!(text(&mark).contains("Kazakhstan resumed direct regular air flights with Vietnam"));
}

#[test]
fn source_pages_number_their_lines_and_link_quotes_and_facts_both_ways() {
    let html = page("source/s001_l305.html");
    let lines: Vec<String> =
        select(&html, ".article .line").iter().map(|l| l.value().attr("id").unwrap().to_string()).collect();
    assert_eq!(lines, (305..=311).map(|n| format!("L{n}")).collect::<Vec<_>>());
    let mut checked = 0;
    for name in files(&site().join("source")) {
        let name = format!("source/{}", name.display());
        let html = page(&name);
        let ids = ids(&html);
        for mark in select(&html, "mark[id]") {
            let back = select_in(&mark, "a")[0].value().attr("href").unwrap();
            assert!(ids.contains(back.trim_start_matches('#')), "{name}: mark links to {back}");
            checked += 1;
        }
        for quote in select(&html, "section.quote blockquote a") {
            let to = quote.value().attr("href").unwrap().trim_start_matches('#');
            assert!(select(&html, &format!("mark#{to}")).len() == 1, "{name}: quote links to {to}");
        }
    }
    assert!(checked > 100, "{checked} marked quotes");
}

#[test]
fn the_lint_page_has_every_finding_linked_to_its_places() {
    let corpus = corpus();
    let findings = tkb_json(&["lint", "--format", "json", "--corpus", corpus.to_str().unwrap()]);
    let html = page("lint.html");
    let sections = select(&html, "section.finding");
    assert_eq!(sections.len(), findings.as_array().unwrap().len());
    let kb_links = sections.iter().filter(|s| select_in(s, "p a").iter().any(|a| text(a).starts_with("kb/"))).count();
    assert!(kb_links * 10 >= sections.len() * 9, "most findings link their kb place: {kb_links}/{}", sections.len());
    let line_links = select(&html, "section.finding li a[href*='#L']").len();
    assert!(line_links > 50, "{line_links} links to article lines");
}

/// The intervals of a fact in the picker's data hold on `day` (ISO dates compare as strings).
fn holds(valid: &Value, day: &str) -> bool {
    valid.as_array().unwrap().iter().any(|i| {
        let from = i[0].as_str().is_none_or(|f| f <= day);
        let to = i[1].as_str().is_none_or(|t| day < t);
        from && to
    })
}

#[test]
fn the_day_pickers_data_answers_as_tkb_query_does() {
    let html = page("day.html");
    let data: Value = serde_json::from_str(&text(&select(&html, "script#day-data")[0])).unwrap();
    for day in ["2020-09-01", "2021-12-20", "2022-03-01", "2022-05-01"] {
        for pred in ["idc_exempt", "direct_flight", "vaccine_passport_recognized"] {
            let group = data["groups"].as_array().unwrap().iter().find(|g| g["pred"] == pred).unwrap();
            let shown: Vec<&str> = group["facts"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| holds(&f["valid"], day))
                .map(|f| f["code"].as_str().unwrap())
                .collect();
            let answers = tkb_json(&["query", "--format", "json", &format!("{pred}(C) @ {day}")]);
            let expected: Vec<&str> =
                answers["answers"].as_array().unwrap().iter().map(|a| a["bindings"]["C"].as_str().unwrap()).collect();
            assert_eq!(shown, expected, "{pred} on {day}");
        }
    }
}

#[test]
fn pages_are_keyboard_usable_and_readable_without_javascript() {
    for name in
        ["index.html", "day.html", "lint.html", "country/vn.html", "pred/idc_exempt.html", "source/s001_l305.html"]
    {
        let html = page(name);
        assert_eq!(select(&html, "a.skip[href='#main']").len(), 1, "{name}: skip link");
        assert_eq!(select(&html, "main#main h1").len(), 1, "{name}: main landmark and heading");
        assert_eq!(select(&html, "html[lang]").len(), 1);
        // Without JavaScript everything but the day picker is there: only day.html has a script.
        assert_eq!(select(&html, "script[src]").is_empty(), name != "day.html", "{name}");
    }
    let day = page("day.html");
    assert_eq!(select(&day, "label[for=day]").len(), 1);
    assert_eq!(select(&day, "form#day-form button[type=submit]").len(), 1);
    assert_eq!(select(&day, "noscript").len(), 1);
    assert_eq!(select(&day, "#result[aria-live]").len(), 1);
}

#[test]
fn the_site_is_the_same_on_every_run() {
    let again = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-site-again");
    build(&again);
    let (a, b) = (files(site()), files(&again));
    assert_eq!(a, b);
    for file in &a {
        assert!(
            std::fs::read(site().join(file)).unwrap() == std::fs::read(again.join(file)).unwrap(),
            "{} differs",
            file.display()
        );
    }
}

/// The stretches of a day-picker fact, `(from, to)` with `None` for an open end.
fn stretches(fact: &Value) -> Vec<(Option<String>, Option<String>)> {
    let end = |v: &Value| v.as_str().map(str::to_string);
    fact["stretches"].as_array().unwrap().iter().map(|s| (end(&s["valid"][0]), end(&s["valid"][1]))).collect()
}

#[test]
fn every_stretch_of_every_fact_has_its_proof_and_every_link_lands_on_it() {
    let html = page("day.html");
    let data: Value = serde_json::from_str(&text(&select(&html, "script#day-data")[0])).unwrap();
    let mut pages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for group in data["groups"].as_array().unwrap() {
        for fact in group["facts"].as_array().unwrap() {
            // The stretches tile every interval the fact holds on: no day without its proof.
            let mut tiles = stretches(fact).into_iter().peekable();
            for interval in fact["valid"].as_array().unwrap() {
                let (from, to) = (interval[0].as_str().map(str::to_string), interval[1].as_str().map(str::to_string));
                let mut at = from.clone();
                while at != to {
                    let (a, b) = tiles.next().unwrap_or_else(|| panic!("{}: no stretch from {at:?}", fact["anchor"]));
                    assert_eq!(a, at, "{}: stretches are contiguous", fact["anchor"]);
                    at = b;
                }
            }
            assert!(tiles.peek().is_none(), "{}: no stretch outside the fact's days", fact["anchor"]);
            // Adjacent stretches show different proofs (matching ones are merged), and each has its anchor.
            let page_name = fact["page"].as_str().unwrap().to_string();
            let ids = pages.entry(page_name.clone()).or_insert_with(|| ids(&page(&page_name)));
            for s in fact["stretches"].as_array().unwrap() {
                assert!(ids.contains(s["anchor"].as_str().unwrap()), "{page_name}#{}", s["anchor"]);
            }
        }
    }
    // On 2021-12-20 each IDC-exempt country's link opens the proof of a stretch containing that day.
    let group = data["groups"].as_array().unwrap().iter().find(|g| g["pred"] == "idc_exempt").unwrap();
    let day = "2021-12-20";
    let mut linked = 0;
    for fact in group["facts"].as_array().unwrap().iter().filter(|f| holds(&f["valid"], day)) {
        let stretch =
            fact["stretches"].as_array().unwrap().iter().find(|s| holds(&serde_json::json!([s["valid"]]), day));
        let anchor = stretch.expect("a stretch containing the day")["anchor"].as_str().unwrap();
        let country = page(fact["page"].as_str().unwrap());
        let proof = select(&country, &format!("div.stretch#{anchor} h3")).pop().expect("the stretch's proof");
        let heading = text(&proof);
        let (a, b) = heading.rsplit_once('[').unwrap().1.trim_end_matches(')').split_once(", ").unwrap();
        assert!(a <= day && (b == ".." || day < b), "{anchor}: {heading}");
        linked += 1;
    }
    assert_eq!(linked, 28);
}

#[test]
fn the_day_picker_opens_inside_its_sources_and_marks_presumed_answers() {
    let html = page("day.html");
    let input = select(&html, "input#day").pop().unwrap();
    let (value, min, max) =
        (input.value().attr("value").unwrap(), input.value().attr("min").unwrap(), input.value().attr("max").unwrap());
    assert_eq!(value, max, "it opens on the latest day its sources speak of");
    assert!(min < max && ("2020-01-01".."2023-01-01").contains(&value), "{min} {value} {max}");
    let data: Value = serde_json::from_str(&text(&select(&html, "script#day-data")[0])).unwrap();
    // Every stretch and regime carries the days its sources confirm, for the presumed mark.
    for group in data["groups"].as_array().unwrap() {
        for fact in group["facts"].as_array().unwrap() {
            assert!(fact["stretches"].as_array().unwrap().iter().all(|s| s.get("confirmed").is_some()));
        }
    }
    let emergency = data["regimes"].as_array().unwrap().iter().find(|r| r["pred"] == "state_of_emergency").unwrap();
    let last = emergency["valid"].as_array().unwrap().len() - 1;
    assert_eq!(emergency["valid"][last][1], Value::Null, "open: no source ends the emergency of 2022");
    assert!(emergency["confirmed"][last][1].as_str().is_some(), "but its sources confirm it only so far");
    let script = std::fs::read_to_string(site().join("day.js")).unwrap();
    assert!(script.contains("presumed"), "day.js marks presumed answers");
}

#[test]
fn tables_are_compact_and_read_right() {
    // No rows, chart rows or pages for countries no source names (a rule over every ISO country holds for them).
    let required = std::fs::read_to_string(site().join("pred/idc_required.html")).unwrap();
    assert!(!required.contains("Antarctica") && !required.contains("Bouvet"), "idc_required lists unnamed countries");
    assert!(required.contains("left out"), "and says that it leaves them out");
    assert!(!site().join("country/aq.html").exists());
    assert!(site().join("country/vn.html").exists());
    // Sources in numeric order on the index; titles beside ids in fact tables.
    let index = page("index.html");
    let names: Vec<String> = select(&index, "table")[1..]
        .iter()
        .flat_map(|t| select_in(t, "tbody tr td:first-child a"))
        .map(|a| text(&a))
        .collect();
    let position = |n: &str| names.iter().position(|x| x == n).unwrap_or_else(|| panic!("{n} on the index"));
    assert!(position("s001_l83") < position("s001_l874"), "numeric order");
    let flights = page("pred/direct_flight.html");
    let cell = select(&flights, "#facts + table tbody tr td:nth-child(3)").into_iter().next().unwrap();
    assert!(select_in(&cell, ".meta").iter().any(|m| !text(m).is_empty()), "a title beside the source id");
    // Dates never wrap at their hyphens; plurals are right; no raw Markdown.
    let css = std::fs::read_to_string(site().join("style.css")).unwrap();
    assert!(css.contains(".when") && css.contains("nowrap"));
    assert!(!select(&flights, "td.days span.when").is_empty());
    for name in files(site()).iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let html = page(&name.to_string_lossy());
        let body = text(&select(&html, "main")[0]);
        assert!(!body.contains("(s)"), "{}: a plural written (s)", name.display());
    }
    let lint = page("lint.html");
    let findings = text(&select(&lint, "main")[0]);
    assert!(!findings.contains('`'), "raw Markdown on the lint page");
    assert!(!select(&lint, "section.finding p code").is_empty(), "code spans as code");
}
