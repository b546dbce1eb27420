//! The subcommand handlers: build the session, run it, print, and map the outcome to an exit code.

use super::args::{Cli, Command, KbArgs};
use super::exit;
use crate::builtin::{builtin_files, read_kb_dir};
use crate::db::Database;
use crate::diag::{render_diagnostics, Diagnostic};
use crate::output::{render_json, Format};
use crate::session::{Outcome, Session};
use std::io::{IsTerminal, Read};

fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

fn print_diagnostics(db: &Database, diags: &[Diagnostic]) {
    if !diags.is_empty() {
        eprint!("{}", render_diagnostics(diags, &db.files, colour()));
    }
}

/// Loads the kb (and fact files); a kb with errors stops here with exit code 3, an unreadable folder with 2.
pub fn open(args: &KbArgs) -> Result<Session, i32> {
    let files = match &args.kb {
        None => builtin_files(),
        Some(dir) => read_kb_dir(dir).map_err(|e| {
            eprintln!("error[E0201]: cannot read kb folder {}: {e}", dir.display());
            exit::USAGE
        })?,
    };
    let mut db = Database::default();
    let diags = db.load_kb(files);
    if diags.iter().any(Diagnostic::is_error) {
        print_diagnostics(&db, &diags);
        return Err(exit::PROGRAM);
    }
    if let Some(dir) = &args.facts {
        if let Err(errors) = crate::tsv::load_tsv_dir(&mut db, dir, args.tsv_to) {
            print_diagnostics(&db, &errors);
            let io = errors.iter().any(|e| e.code == crate::diag::Code::Io);
            return Err(if io { exit::USAGE } else { exit::PROGRAM });
        }
    }
    db.set_as_known(args.as_known);
    Ok(Session::new(db, args.format))
}

/// Prints what a run produced and picks the exit code.
fn finish(session: &Session, outcome: Outcome) -> i32 {
    print!("{}", outcome.output);
    if !outcome.json.is_empty() {
        print!("{}", render_json(&outcome.json, session.format == Format::Jsonl));
    }
    print_diagnostics(&session.db, &outcome.diagnostics);
    if outcome.has_errors() {
        exit::PROGRAM
    } else {
        exit::OK
    }
}

/// `?-` and the final `.` are optional on the command line.
fn as_statement(text: &str, lead: &str) -> String {
    let trimmed = text.trim();
    let body = trimmed.strip_prefix(lead.trim()).unwrap_or(trimmed).trim();
    let body = body.strip_suffix('.').unwrap_or(body);
    format!("{lead}{body}.")
}

fn run_files(args: &KbArgs, files: &[String]) -> i32 {
    let mut session = match open(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut outcome = Outcome::default();
    for name in files {
        let text = if name == "-" {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map(|_| text)
        } else {
            std::fs::read_to_string(name)
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error[E0201]: cannot read {name}: {e}");
                return exit::USAGE;
            }
        };
        let shown = if name == "-" { "<stdin>" } else { name };
        let part = session.execute(shown, &text);
        outcome.output += &part.output;
        outcome.json.extend(part.json);
        outcome.diagnostics.extend(part.diagnostics);
    }
    finish(&session, outcome)
}

pub fn run_cli(cli: Cli) -> i32 {
    match cli.command {
        Some(Command::Query { query, kb }) => match open(&kb) {
            Ok(mut session) => {
                let outcome = session.execute("<query>", &as_statement(&query, "?- "));
                finish(&session, outcome)
            }
            Err(code) => code,
        },
        Some(Command::Why { fact, kb }) => match open(&kb) {
            Ok(mut session) => {
                let outcome = session.execute("<why>", &as_statement(&fact, "why "));
                finish(&session, outcome)
            }
            Err(code) => code,
        },
        Some(Command::Run { files, kb }) => run_files(&kb, &files),
        Some(Command::Lint(args)) => crate::lint::run(&args),
        Some(Command::Draft(args)) => crate::draft::run(&args),
        Some(Command::Repl { kb }) => match open(&kb) {
            Ok(session) => crate::repl::run(session),
            Err(code) => code,
        },
        None if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() => {
            let kb = KbArgs {
                kb: None,
                facts: None,
                tsv_to: crate::tsv::ToColumn::Exclusive,
                as_known: None,
                format: Format::Table,
            };
            match open(&kb) {
                Ok(session) => crate::repl::run(session),
                Err(code) => code,
            }
        }
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            exit::USAGE
        }
    }
}
