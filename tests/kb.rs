//! The built-in knowledge base against the corpus: every statement cited, every quote found verbatim in its
//! document, and questions whose answers we know from reading the sources, with their provenance.

use std::collections::BTreeSet;
use tkb::builtin::builtin_database;
use tkb::db::Database;
use tkb::program::SourceKind;
use tkb::query::{answer, QueryResult};
use tkb::syntax::{parse_program, Statement};

fn corpus_dir() -> std::path::PathBuf {
    std::env::var_os("TKB_CORPUS")
        .map(Into::into)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

fn kb() -> Database {
    let (db, diags) = builtin_database();
    assert!(diags.is_empty(), "the built-in kb loads cleanly: {diags:?}");
    db
}

fn ask(db: &Database, query: &str) -> QueryResult {
    let parsed = parse_program(query);
    let Some(Statement::Query(q)) = parsed.statements.first() else { panic!("not a query: {query}") };
    answer(db, q, 0).unwrap_or_else(|e| panic!("{query}: {e:?}"))
}

/// The first variable of every answer, as printed (country codes upper case).
fn set(db: &Database, query: &str) -> BTreeSet<String> {
    ask(db, query).answers.iter().map(|a| db.show(&a.values[0])).collect()
}

fn codes(text: &str) -> BTreeSet<String> {
    text.split_whitespace().map(|c| c.to_uppercase()).collect()
}

/// Collapses runs of white space, so a quote may span a line break of the document.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_statement_cites_a_source() {
    let db = kb();
    let uncited: Vec<String> = db
        .store
        .assertions()
        .filter(|(_, a)| a.cites.is_empty())
        .map(|(_, a)| {
            format!("{}:{}", db.files.name(a.origin.file), db.files.line_col(a.origin.file, a.origin.span.start).0)
        })
        .collect();
    assert!(uncited.is_empty(), "statements without a source: {uncited:?}");
}

#[test]
fn every_quote_is_found_verbatim_within_its_source_lines() {
    let db = kb();
    let mut problems = Vec::new();
    let mut quotes: Vec<(String, tkb::symbol::Symbol, String)> = Vec::new();
    for (_, statement) in db.store.assertions() {
        for cite in &statement.cites {
            if let Some(q) = &cite.quote {
                quotes.push((db.files.name(statement.origin.file).to_string(), cite.source, q.clone()));
            }
        }
    }
    for claim in &db.claims {
        quotes.push((format!("claim {}", claim.name), claim.source, claim.quote.clone()));
    }
    for (place, source_name, quote) in &quotes {
        let source = &db.sources[source_name];
        if source.kind == SourceKind::Reference {
            continue;
        }
        let (Some(doc), Some((first, last))) = (&source.doc, source.lines) else {
            problems.push(format!("{source_name} has no document or lines"));
            continue;
        };
        let text = std::fs::read_to_string(corpus_dir().join(doc)).unwrap_or_else(|e| panic!("{doc}: {e}"));
        let lines: Vec<&str> = text.lines().collect();
        if last > lines.len() {
            problems.push(format!("{source_name}: lines {first}-{last} outside {doc} ({} lines)", lines.len()));
            continue;
        }
        let window = squash(&lines[first - 1..last].join("\n"));
        if !window.contains(&squash(quote)) {
            problems.push(format!("{place}: quote not in {source_name} ({doc}:{first}-{last}): {quote:?}"));
        }
        if quote.split_whitespace().count() > 30 {
            problems.push(format!("{place}: quote longer than about 25 words: {quote:?}"));
        }
    }
    assert!(quotes.len() > 500, "the kb lost its quotes: {}", quotes.len());
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_document_has_its_articles_and_no_two_overlap() {
    let db = kb();
    for doc in [
        "000_5f0a353ec4c2853f.txt",
        "001_339fd5bf1127cb2d.txt",
        "002_fe4e5099f280df2e.txt",
        "003_df8d5c9fbba29a34.txt",
        "004_eb2ce8cfc6006bcb.txt",
    ] {
        let mut ranges: Vec<(usize, usize, String)> = db
            .sources
            .values()
            .filter(|s| s.doc.as_deref() == Some(doc))
            .filter_map(|s| s.lines.map(|(a, b)| (a, b, s.name.to_string())))
            .collect();
        assert!(!ranges.is_empty(), "{doc} has no source");
        ranges.sort();
        for pair in ranges.windows(2) {
            assert!(pair[0].1 < pair[1].0, "{doc}: {} and {} overlap", pair[0].2, pair[1].2);
        }
    }
    let archive = db.sources.values().filter(|s| s.doc.as_deref() == Some("001_339fd5bf1127cb2d.txt")).count();
    assert!(archive >= 115, "the 001 archive has about 120 articles, the kb has {archive} sources");
}

#[test]
fn flights_match_the_snapshot_lists() {
    let db = kb();
    // 001 line 311, December 21, 2021: "Currently, direct flights are open with 29 countries".
    let dec21 = codes("am az by cn cz ge de gb hu in it kw kg mv me nl pl qa ru sa kr lk tj th tr ae ua uz vn");
    assert_eq!(set(&db, "?- direct_flight(C) @ 2021-12-21."), dec21);
    // 001 line 171, January 25, 2022: 31 countries, Japan and Iran added.
    let mut jan25 = dec21.clone();
    jan25.extend(codes("jp ir"));
    assert_eq!(set(&db, "?- direct_flight(C) @ 2022-01-25."), jan25);
    // 001 line 1363, August 28, 2020: seven countries.
    assert_eq!(set(&db, "?- direct_flight(C) @ 2020-08-28."), codes("ua kr by nl de ae tr"));
}

#[test]
fn egypt_flights_stop_and_vietnam_flights_start() {
    let db = kb();
    assert!(set(&db, "?- direct_flight(C) @ 2021-11-01.").contains("EG"));
    assert!(!set(&db, "?- direct_flight(C) @ 2021-12-21.").contains("EG"));
    let vn = ask(&db, "?- direct_flight(vn) @ 2021-12-20.");
    assert_eq!(vn.answers.len(), 1);
    assert_eq!(vn.answers.first().unwrap().valid.intervals()[0].from.to_string(), "2021-12-14");
}

#[test]
fn vaccination_passports_match_the_lists() {
    let db = kb();
    // 001 line 141, effective March 18, 2022: "has expanded to 33".
    let mar18 =
        codes("ar am by bz bo br ca cz ec ee ge gb hu in id ir jp jo kg mv md mn me pe ph sm rs es lk th tn tr uz");
    assert_eq!(set(&db, "?- vaccine_passport_recognized(C) @ 2022-03-18."), mar18);
    let before = set(&db, "?- vaccine_passport_recognized(C) @ 2021-10-01.");
    assert!(!before.contains("ID"), "Indonesia is recognised from December 2021: {before:?}");
}

#[test]
fn idc_exemption_follows_flights_while_the_regime_is_in_force() {
    let db = kb();
    let exempt = set(&db, "?- idc_exempt(C) @ 2021-12-20.");
    let flights = set(&db, "?- direct_flight(C) @ 2021-12-20.");
    assert_eq!(exempt, flights);
    assert!(exempt.contains("VN") && exempt.contains("GB"));
    let required = set(&db, "?- idc_required(C, air) @ 2021-12-20.");
    assert!(required.contains("US") && !required.contains("VN") && !required.contains("KZ"));
    assert!(set(&db, "?- idc_required(C, land) @ 2021-12-20.").contains("VN"), "the exemption is for air only");
    // Lifted on April 11, 2022 (001 line 119).
    assert!(set(&db, "?- idc_exempt(C) @ 2022-04-11.").is_empty());
    assert!(set(&db, "?- idc_required(C, air) @ 2022-05-01.").is_empty());
}

#[test]
fn answers_cite_their_articles() {
    let db = kb();
    let result = ask(&db, "?- idc_exempt(vn) @ 2021-12-20.");
    let cited: BTreeSet<String> = result.answers.first().unwrap().provenance.iter().map(|s| s.title.clone()).collect();
    assert!(cited.contains("Lifting IDC entry permission"), "the regime's end: {cited:?}");
    assert!(cited.iter().any(|t| t.contains("flights")), "the flight decision: {cited:?}");
    for source in &result.answers.first().unwrap().provenance {
        assert!(source.doc.is_some() && source.lines.is_some() && source.published.is_some(), "{source:?}");
    }
}

#[test]
fn conflicting_dates_stay_side_by_side() {
    let db = kb();
    // UK flights: "effective August 16, 2021" (001 line 685) against "effective September 18, 2021" (line 533).
    let gb = ask(&db, "?- direct_flight(gb) @ [2021-08-01, 2021-10-01).");
    let sources: BTreeSet<String> = gb.answers.first().unwrap().provenance.iter().map(|s| s.source.clone()).collect();
    assert!(sources.contains("s001_l683") && sources.contains("s001_l531"), "both UK sources: {sources:?}");
}

#[test]
fn the_mci_changes_on_new_year() {
    let db = kb();
    assert_eq!(set(&db, "?- mci(A) @ 2022-02-01."), codes("3063"));
}
