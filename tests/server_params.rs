//! Property tests of `tkb serve`'s URL and parameter reading (`server::params`): on any input they never panic,
//! a page path they accept names a page of the site and nothing else (no dot segment, no separator, no NUL in a
//! name, however the path was encoded), and parameters are decoded exactly once.

use proptest::prelude::*;
use tkb::server::params::{encode, page_path, percent_decode, PagePath, Params};

/// Pieces paths are made of, chosen to hit escapes: dots, slashes and their encodings, NUL, UTF-8 and its
/// overlong forms, folders of the site.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/".to_string()),
        Just("..".to_string()),
        Just(".".to_string()),
        Just("%2e".to_string()),
        Just("%2E".to_string()),
        Just("%2f".to_string()),
        Just("%5c".to_string()),
        Just("\\".to_string()),
        Just("%00".to_string()),
        Just("%25".to_string()),
        Just("%c0%af".to_string()),
        Just("pred".to_string()),
        Just("country".to_string()),
        Just("source".to_string()),
        Just(".html".to_string()),
        Just("index.html".to_string()),
        "[a-z_~0-9-]{1,8}",
        "[^\\x00]{0,3}",
        any::<String>(),
    ]
}

fn path() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..10).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn a_page_path_names_only_a_page_of_the_site(raw in path()) {
        match page_path(&raw) {
            None | Some(PagePath::Query | PagePath::Check) => {}
            Some(PagePath::Report(page)) => {
                let top = ["index.html", "day.html", "lint.html", "countries.html", "style.css", "day.js"];
                if !top.contains(&page.as_str()) {
                    let (folder, file) = page.split_once('/').expect("a folder and a file");
                    prop_assert!(["pred", "country", "source"].contains(&folder));
                    let stem = file.strip_suffix(".html").expect("an .html page");
                    prop_assert!(!stem.is_empty());
                    prop_assert!(stem.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-~".contains(&b)), "{stem}");
                }
                prop_assert!(!page.contains(".."));
                prop_assert!(!page.contains('\\') && !page.contains('\0') && !page.starts_with('/'));
            }
        }
    }

    #[test]
    fn parameters_never_panic_and_decode_once(raw in "[a-z_=&%+0-9A-F.]{0,40}", value in any::<String>()) {
        let _ = Params::parse(Some(&raw), &["q", "as_known", "confirmed_only", "from", "to"]);
        let encoded = format!("q={}", encode(&value));
        let params = Params::parse(Some(&encoded), &["q"]).expect("an encoded value is read");
        let expected = if value.trim().is_empty() { None } else { Some(value.as_str()) };
        prop_assert_eq!(params.text("q"), expected);
        // Decoding twice would turn `%2541` into `A`: once gives `%41`.
        prop_assert_eq!(percent_decode("%2541", false), Some("%41".to_string()));
    }

    #[test]
    fn typed_parameters_refuse_what_they_cannot_read(day in "[0-9-]{0,12}", flag in "[a-z0-9]{0,6}") {
        let p = Params::parse(Some(&format!("as_known={day}&confirmed_only={flag}")), &["as_known", "confirmed_only"]).unwrap();
        match p.day("as_known") {
            Ok(Some(d)) => prop_assert_eq!(d.to_string(), day.trim()),
            Ok(None) => prop_assert!(day.trim().is_empty()),
            Err(e) => prop_assert!(e.0.contains("as_known")),
        }
        match p.flag("confirmed_only") {
            Ok(true) => prop_assert!(["true", "1", "on"].contains(&flag.as_str())),
            Ok(false) => prop_assert!(["false", "0", ""].contains(&flag.as_str())),
            Err(e) => prop_assert!(e.0.contains("confirmed_only")),
        }
    }
}

#[test]
fn the_site_s_own_addresses_are_pages() {
    assert_eq!(page_path("/"), Some(PagePath::Report("index.html".into())));
    assert_eq!(page_path("/query"), Some(PagePath::Query));
    assert_eq!(page_path("/pred/direct_flight.html"), Some(PagePath::Report("pred/direct_flight.html".into())));
    assert_eq!(page_path("/country/vn.html"), Some(PagePath::Report("country/vn.html".into())));
    assert_eq!(page_path("/pred/%2e%2e%2fx.html"), None);
    assert_eq!(page_path("/pred/..%2f..%2fCargo.toml"), None);
    assert_eq!(page_path("/%2e%2e/Cargo.toml"), None);
}
