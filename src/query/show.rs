//! How values print for people: country codes (the members of `country/1`) in upper case, everything else as
//! the language writes it. Here, with the answers, rather than in the database: the database holds facts, and
//! what a code looks like on screen is a presentation choice every renderer above this layer shares.

use crate::db::Database;
use crate::symbol::Symbol;
use crate::value::Value;

/// True for symbols that are country codes: members of the `country/1` relation. They print in upper case.
pub fn is_country(db: &Database, value: &Value) -> bool {
    is_country_in(&db.store, value)
}

/// `is_country` from the store alone, for work spread over threads (the database's caches are not shared).
/// Numbers and dates are answered here, inlined at the caller, before any lookup: writers call this for every
/// value they print, millions of them for a closure of numbers.
#[inline]
pub fn is_country_in(store: &crate::store::Store, value: &Value) -> bool {
    matches!(value, Value::Sym(_)) && is_country_symbol(store, value)
}

/// Whether the symbol `value` is a member of `country/1`.
fn is_country_symbol(store: &crate::store::Store, value: &Value) -> bool {
    // Interned once: `Symbol::from` takes the interner's lock.
    static COUNTRY: std::sync::OnceLock<Symbol> = std::sync::OnceLock::new();
    let country = *COUNTRY.get_or_init(|| Symbol::from("country"));
    store.relation(country).is_some_and(|r| r.tuples.contains_key(&smallvec::smallvec![*value]))
}

/// A value as users see it: country codes in upper case, strings quoted when they would not read as names.
pub fn show(db: &Database, value: &Value) -> String {
    match value {
        Value::Sym(s) if is_country(db, value) => s.to_uppercase(),
        other => other.to_string(),
    }
}

/// Writes a country code as users see it, upper case (the same text as `show`), without allocating: an ASCII
/// code is upper-cased on a stack buffer. The table, JSON and CSV writers print every code through here.
pub fn write_code(w: &mut dyn std::io::Write, code: &str) -> std::io::Result<()> {
    if !code.is_ascii() {
        return w.write_all(code.to_uppercase().as_bytes());
    }
    let mut buffer = [0u8; 32];
    for piece in code.as_bytes().chunks(buffer.len()) {
        let upper = &mut buffer[..piece.len()];
        upper.copy_from_slice(piece);
        upper.make_ascii_uppercase();
        w.write_all(upper)?;
    }
    Ok(())
}

/// A ground atom as users see it: `pred(A, b)`, or `pred` with no arguments.
pub fn show_atom(db: &Database, pred: Symbol, values: &[Value]) -> String {
    let args: Vec<String> = values.iter().map(|v| show(db, v)).collect();
    crate::program::atom_text(pred, &args)
}

#[cfg(test)]
mod tests {
    use super::write_code;

    #[test]
    fn codes_are_written_upper_case_whatever_their_length() {
        let long = "a".repeat(70);
        for code in ["vn", "gb", long.as_str(), "straße"] {
            let mut out = Vec::new();
            write_code(&mut out, code).expect("a Vec takes every byte");
            assert_eq!(String::from_utf8(out).expect("UTF-8"), code.to_uppercase(), "{code}");
        }
    }
}
