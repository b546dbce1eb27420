//! The subcommand handlers: build the session, run it, print, and map the outcome to an exit code.

use super::args::{Cli, Command, KbArgs};
use super::exit;
use super::failure::{exit_code, print_diagnostics, print_error, usage, write_failed};
use super::stream::Stream;
use crate::db::Database;
use crate::diag::Diagnostic;
use crate::output::stream::Stdout;
use crate::session::{RunSettings, Session};
use std::io::IsTerminal;

/// Loads the kb (and fact files); a kb with errors stops here with exit code 3, an unreadable folder with 2.
pub fn open(args: &KbArgs) -> Result<Session, i32> {
    let files = crate::builtin::kb_files(args.source.kb.as_deref()).map_err(|e| {
        print_error(&e);
        exit::USAGE
    })?;
    if let Some(threads) = args.threads {
        // Rayon's pool is the one home of the thread count: every parallel loop runs on it. Built once per process.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(usize::from(threads)).build_global();
    }
    let mut db = Database::default();
    let diags = db.load_kb(files);
    if diags.iter().any(Diagnostic::is_error) {
        print_diagnostics(&db, &diags);
        return Err(exit::PROGRAM);
    }
    if let Some(dir) = &args.source.facts {
        let progress = super::progress::Loading::new(args.progress);
        if let Err(errors) = crate::tsv::load_tsv_dir(&mut db, dir, args.source.tsv_to, &progress) {
            print_diagnostics(&db, &errors);
            let io = errors.iter().any(|e| e.code == crate::diag::Code::Io);
            return Err(if io { exit::USAGE } else { exit::PROGRAM });
        }
    }
    // Rule bodies are checked once every fact is in, fact files included: a rule may read a predicate whose
    // only facts come from one.
    let bodies = crate::query::hints::rule_bodies(&db);
    if bodies.iter().any(Diagnostic::is_error) {
        print_diagnostics(&db, &bodies);
        return Err(exit::PROGRAM);
    }
    db.set_as_known(args.as_known);
    db.confirmed_only = args.confirmed_only;
    db.closed_world = args.closed_world;
    let mut session = Session::with_settings(db, settings(args));
    session.watch = Some(std::sync::Arc::new(super::progress::Deriving::new(args.progress)));
    session.start_request();
    Ok(session)
}

/// The settings the flags ask for; the memory budget defaults to what the process may really use.
fn settings(args: &KbArgs) -> RunSettings {
    let limits = crate::eval::interrupt::Limits {
        timeout: args.timeout,
        max_tuples: args.budget.max_tuples(),
        max_memory: args.budget.max_memory(),
    };
    RunSettings { limits, ..RunSettings::new(args.format) }
}

/// Runs `scripts` (name, text) in order, streaming their results; diagnostics are printed at the end.
fn run_scripts(session: &mut Session, scripts: Vec<(String, String)>, lone: bool) -> i32 {
    let mut out = match Stdout::open() {
        Ok(out) => out,
        Err(e) => return write_failed(e),
    };
    let mut stream = Stream { w: &mut out, format: session.settings.format, lone, items: 0 };
    let diagnostics = match session.run_scripts(&scripts, &mut stream) {
        Ok(d) => d,
        Err(e) => return write_failed(e),
    };
    if let Err(e) = stream.finish() {
        return write_failed(e);
    }
    print_diagnostics(&session.db, &diagnostics);
    exit_code(&diagnostics)
}

/// `?-` and the final `.` are optional on the command line.
fn as_statement(text: &str, lead: &str) -> String {
    let trimmed = text.trim();
    let body = trimmed.strip_prefix(lead.trim()).unwrap_or(trimmed).trim();
    let body = body.strip_suffix('.').unwrap_or(body);
    format!("{lead}{body}.")
}

fn run_files(args: &KbArgs, files: &[String], keep_going: bool) -> i32 {
    let mut session = match open(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    session.settings.keep_going = keep_going;
    let mut scripts = Vec::new();
    for name in files {
        let text =
            if name == "-" { crate::input::read_stdin() } else { crate::input::read_file(std::path::Path::new(name)) };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                print_error(&e);
                return exit::USAGE;
            }
        };
        scripts.push((if name == "-" { "<stdin>".to_string() } else { name.clone() }, text));
    }
    run_scripts(&mut session, scripts, false)
}

/// Runs the parsed command line and returns the process's exit code (see `exit`).
pub fn run_cli(cli: Cli) -> i32 {
    // The REPL survives a Ctrl-C (no watchdog); `tkb serve` handles Ctrl-C and SIGTERM itself (a graceful stop
    // that lets the requests in flight finish), so it gets no handler here.
    match &cli.command {
        Some(Command::Serve(_)) => {}
        Some(Command::Repl { .. }) => super::signals::install(false),
        Some(_) => super::signals::install(true),
        None => super::signals::install(!(std::io::stdin().is_terminal() && std::io::stdout().is_terminal())),
    }
    match cli.command {
        Some(Command::Query { query, kb }) => match open(&kb) {
            Ok(mut session) => run_scripts(&mut session, vec![("<query>".into(), as_statement(&query, "?- "))], true),
            Err(code) => code,
        },
        Some(Command::Why { fact, kb }) => match open(&kb) {
            Ok(mut session) => run_scripts(&mut session, vec![("<why>".into(), as_statement(&fact, "why "))], true),
            Err(code) => code,
        },
        Some(Command::Run { files, kb, keep_going }) => run_files(&kb, &files, keep_going),
        Some(Command::Explain { code }) => super::explain::explain(&code),
        Some(Command::Lint(args)) => super::lint::run(&args),
        Some(Command::Timeline { query, from, to, output, kb }) => timeline(&kb, &query, from, to, &output),
        Some(Command::Report { output, corpus, kb }) => match open(&kb) {
            Ok(mut session) => super::report::run(&mut session, &kb, &output, corpus.dir())
                .unwrap_or_else(|error| picture_failed(&session, error)),
            Err(code) => code,
        },
        Some(Command::Draft(args)) => super::draft::run(&args),
        Some(Command::Check(args)) => super::check::run(&args),
        Some(Command::Serve(args)) => super::serve::run(&args),
        Some(Command::Repl { kb }) => match open(&kb) {
            Ok(session) => repl(session),
            Err(code) => code,
        },
        None if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() => {
            let kb = KbArgs::default();
            match open(&kb) {
                Ok(session) => repl(session),
                Err(code) => code,
            }
        }
        None => {
            use clap::CommandFactory;
            let help = Cli::command().render_help().to_string();
            crate::output::stream::to_stderr(&help);
            exit::USAGE
        }
    }
}

/// Prints why a picture could not be made; query errors are diagnostics (exit 3), the rest usage or I/O (exit 2).
fn picture_failed(session: &Session, error: crate::picture::PictureError) -> i32 {
    match error {
        crate::picture::PictureError::Query(diags) => {
            print_diagnostics(&session.db, &diags);
            exit::PROGRAM
        }
        crate::picture::PictureError::Io(message) => {
            print_error(&Diagnostic::error(crate::diag::Code::Io, message));
            exit::USAGE
        }
        other => usage(other.to_string()),
    }
}

fn timeline(
    kb: &KbArgs,
    query: &str,
    from: Option<crate::time::Day>,
    to: Option<crate::time::Day>,
    output: &std::path::Path,
) -> i32 {
    let mut session = match open(kb) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = crate::picture::timeline::Options { from, to };
    match crate::picture::timeline::write(&mut session, query, options, output) {
        Ok(()) => exit::OK,
        Err(error) => picture_failed(&session, error),
    }
}

/// The REPL until its input ends: exit 0; 2 when the terminal cannot be used or read, or the answers cannot be
/// written (a closed pipe ends quietly, with 0).
fn repl(session: Session) -> i32 {
    let mut out = match Stdout::open() {
        Ok(out) => out,
        Err(e) => return write_failed(e),
    };
    match crate::repl::run(session, &mut out) {
        Ok(()) => exit::OK,
        Err(crate::repl::ReplError::Write(e)) => write_failed(e),
        Err(crate::repl::ReplError::Terminal(message)) => usage(message),
    }
}
