//! `tkb check CITIZEN DATE [--by air|land] [--purpose P]`: the card of what a citizen needed to enter Kazakhstan on
//! a day (`crate::check`), as text or JSON.
//!
//! Exit codes: 0 with a card (whatever its verdict), 2 for bad usage (an unknown citizenship, a malformed date),
//! 3 when the kb has errors or lacks the check rules, 4 when evaluation stopped at a limit.

use super::exit;
use super::failure::{exit_code, print_diagnostics};
use super::stream::print_all;
use super::KbArgs;
use crate::check::{self, Request};
use crate::time::Day;
use clap::Args;

fn parse_day(text: &str) -> Result<Day, String> {
    Day::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

/// How the traveller arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// By plane
    Air,
    /// By road or rail
    Land,
}

/// Why the traveller comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Purpose {
    /// A tourist trip
    Tourism,
    /// A business trip (not work)
    Business,
    /// A private visit (relatives, friends)
    Private,
    /// Employment
    Work,
    /// Study
    Study,
    /// Medical treatment
    Medical,
    /// Passing through to a third country
    Transit,
}

/// The arguments of `tkb check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The citizenship: an ISO 3166 alpha-2 code (`de`, `DE`) or a country name the kb knows (`Germany`)
    pub citizen: String,
    /// The day of arrival, YYYY-MM-DD
    #[arg(value_parser = parse_day)]
    pub date: Day,
    /// How the traveller arrives
    #[arg(long, value_enum, default_value_t = Mode::Air)]
    pub by: Mode,
    /// Why the traveller comes
    #[arg(long, value_enum, default_value_t = Purpose::Tourism)]
    pub purpose: Purpose,
    /// Where the kb comes from and how the card prints.
    #[command(flatten)]
    pub kb: KbArgs,
}

/// A mode or purpose as the kb writes it.
fn word<T: clap::ValueEnum>(value: T) -> String {
    value.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
}

/// Runs `tkb check` and returns its exit code.
pub fn run(args: &CheckArgs) -> i32 {
    let session = match super::open(&args.kb) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let db = &session.db;
    if let Some(missing) = check::rules_missing(db) {
        print_diagnostics(db, &[missing]);
        return exit::PROGRAM;
    }
    let citizen = match check::citizen(db, &args.citizen) {
        Ok(c) => c,
        Err(d) => {
            print_diagnostics(db, &[d]);
            return exit::USAGE;
        }
    };
    let request = Request { citizen, date: args.date, by: word(args.by), purpose: word(args.purpose) };
    let card = match check::card(db, &request) {
        Ok(card) => card,
        Err(diags) => {
            print_diagnostics(db, &diags);
            // No card was made: a limit (4) or a program error (3), never success.
            let code = exit_code(&diags);
            return if code == exit::OK { exit::PROGRAM } else { code };
        }
    };
    print_all(&check::render_card_as(&card, args.kb.format)).map_or_else(|code| code, |()| exit::OK)
}
