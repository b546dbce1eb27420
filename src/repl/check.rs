//! The REPL's `.check CITIZEN DATE [air|land] [PURPOSE]`: the card `tkb check` prints, on the session's kb (facts
//! and rules added at the prompt included), in the session's output mode.

use super::state::Repl;
use crate::check::{self, Request, MODES, PURPOSES};
use crate::time::Day;

const USAGE: &str = "usage: .check CITIZEN DATE [air|land] [tourism|business|private|work|study|medical|transit]\n";

/// What the arguments ask for: the citizenship as typed, the day, the way of arriving, the purpose.
fn parse(args: &str) -> Result<(String, Day, String, String), String> {
    let words: Vec<&str> = args.split_whitespace().collect();
    let (citizen, rest) = match words.as_slice() {
        [citizen, rest @ ..] => (citizen.to_string(), rest),
        [] => return Err(USAGE.into()),
    };
    let Some((date, rest)) = rest.split_first() else { return Err(USAGE.into()) };
    let Some(date) = Day::parse(date) else {
        return Err(format!("error: `{date}` is not a date of the form YYYY-MM-DD\n{USAGE}"));
    };
    let (mut by, mut purpose) = ("air".to_string(), "tourism".to_string());
    for word in rest {
        let word = word.to_lowercase();
        if MODES.contains(&word.as_str()) {
            by = word;
        } else if PURPOSES.contains(&word.as_str()) {
            purpose = word;
        } else {
            return Err(format!("error: `{word}` is neither a way of arriving nor a purpose\n{USAGE}"));
        }
    }
    Ok((citizen, date, by, purpose))
}

/// Runs `.check`.
pub fn command(repl: &mut Repl, args: &str) -> String {
    let (citizen, date, by, purpose) = match parse(args) {
        Ok(parsed) => parsed,
        Err(message) => return message,
    };
    let db = repl.database();
    let citizen = match check::citizen(db, &citizen) {
        Ok(code) => code,
        Err(d) => return crate::diag::render_diagnostics(&[d], &db.files, false),
    };
    let request = Request { citizen, date, by, purpose };
    match check::card(db, &request) {
        Ok(card) => check::render_card_as(&card, repl.session.settings.format),
        Err(diags) => crate::diag::render_diagnostics(&diags, &db.files, false),
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn arguments() {
        let day = crate::time::Day::parse("2021-03-01").expect("a day");
        assert_eq!(parse("de 2021-03-01"), Ok(("de".into(), day, "air".into(), "tourism".into())));
        assert_eq!(parse("Germany 2021-03-01 land work"), Ok(("Germany".into(), day, "land".into(), "work".into())));
        assert_eq!(parse("de 2021-03-01 business"), Ok(("de".into(), day, "air".into(), "business".into())));
        assert!(parse("").is_err() && parse("de").is_err() && parse("de 2021-13-01").is_err());
        assert!(parse("de 2021-03-01 boat").is_err());
    }
}
