//! The subcommand handlers: build the session, run it, print, and map the outcome to an exit code.

use super::args::{Cli, Command, KbArgs};
use super::exit;
use crate::builtin::{builtin_files, read_kb_dir};
use crate::db::Database;
use crate::diag::{render_diagnostics, Diagnostic};
use crate::output::{write_csv, write_table, Format, Indented, ResultJson};
use crate::session::{error_json, Emitted, RunSettings, Session, Sink};
use std::io::{self, IsTerminal, Write};

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
            eprint!("{}", crate::diag::render_headline(&e));
            exit::USAGE
        })?,
    };
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
    if let Some(dir) = &args.facts {
        let progress = super::progress::Loading::new(args.progress);
        if let Err(errors) = crate::tsv::load_tsv_dir(&mut db, dir, args.tsv_to, &progress) {
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
    let mut session = Session::with_settings(db, settings(args));
    session.watch = Some(std::sync::Arc::new(super::progress::Deriving::new(args.progress)));
    session.start_request();
    Ok(session)
}

/// The settings the flags ask for; the memory budget defaults to what the process may really use.
fn settings(args: &KbArgs) -> RunSettings {
    let limits = crate::eval::interrupt::Limits {
        timeout: args.timeout,
        max_tuples: args.max_tuples.unwrap_or(crate::eval::interrupt::DEFAULT_MAX_TUPLES),
        max_memory: args.max_memory.or_else(crate::memory::default_budget),
    };
    RunSettings { limits, ..RunSettings::new(args.format) }
}

/// Writes each result to standard output as soon as it is answered, through one buffered writer. JSON: `lone`
/// for `tkb query` and `tkb why` (one document), else an array written element by element (`jsonl`: a line each).
struct Stream<'w> {
    w: &'w mut dyn Write,
    format: Format,
    lone: bool,
    items: usize,
}

impl Stream<'_> {
    fn json(&mut self, value: &dyn erased::Json) -> io::Result<()> {
        match (self.format, self.lone) {
            (Format::Jsonl, _) => {
                value.write(self.w, false)?;
                self.w.write_all(b"\n")
            }
            (_, true) => {
                value.write(self.w, true)?;
                self.w.write_all(b"\n")
            }
            (_, false) => {
                self.w.write_all(if self.items == 0 { b"[\n  " } else { b",\n  " })?;
                value.write(&mut Indented { inner: self.w }, true)
            }
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.format == Format::Json && !self.lone {
            self.w.write_all(if self.items == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.w.flush()
    }
}

/// A JSON value or a lazily serialized result, written the same way.
mod erased {
    /// What `Stream` writes as JSON: any serializable value, behind one object-safe type.
    pub trait Json {
        /// Writes the value as JSON, indented when `pretty`.
        fn write(&self, w: &mut dyn std::io::Write, pretty: bool) -> std::io::Result<()>;
    }

    impl<T: serde::Serialize> Json for T {
        fn write(&self, w: &mut dyn std::io::Write, pretty: bool) -> std::io::Result<()> {
            crate::output::write_json(w, self, pretty)
        }
    }
}

impl Sink for Stream<'_> {
    fn emit(&mut self, db: &Database, item: Emitted) -> io::Result<()> {
        match (self.format, item) {
            (Format::Table, Emitted::Query { result, .. }) => write_table(self.w, db, result)?,
            (Format::Csv, Emitted::Query { result, .. }) => {
                // One table per statement, separated by an empty line.
                if self.items > 0 {
                    self.w.write_all(b"\n")?;
                }
                write_csv(self.w, db, result)?
            }
            (Format::Table | Format::Csv, Emitted::Why { text, .. }) => self.w.write_all(text.as_bytes())?,
            (_, Emitted::Query { result, warnings, .. }) => self.json(&ResultJson { db, result, warnings })?,
            (_, Emitted::Why { json, warnings, .. }) => self.json(&crate::output::with_warnings(json, warnings))?,
        }
        self.items += 1;
        Ok(())
    }

    fn error(&mut self, db: &Database, error: &Diagnostic) -> io::Result<()> {
        if matches!(self.format, Format::Json | Format::Jsonl) {
            self.json(&error_json(db, error))?;
            self.items += 1;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// The exit code for what a run reported: limits first (no answer was given), then program errors.
fn exit_code(diags: &[Diagnostic]) -> i32 {
    use crate::diag::Code;
    if diags.iter().any(|d| {
        matches!(d.code, Code::Timeout | Code::TupleBudget | Code::MemoryBudget | Code::Interrupted) && d.is_error()
    }) {
        exit::LIMIT
    } else if diags.iter().any(Diagnostic::is_error) {
        exit::PROGRAM
    } else {
        exit::OK
    }
}

/// A failed write: a closed pipe ends quietly (the reader has what it wanted), anything else is one line and
/// exit code 2.
fn write_failed(e: io::Error) -> i32 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return exit::OK;
    }
    let _ = writeln!(io::stderr(), "error[E0201]: cannot write the output: {e}");
    exit::USAGE
}

/// Standard output as a plain file on Unix: `std::io::stdout` treats a closed descriptor as a sink that swallows
/// everything, so `tkb query ... >&-` would exit 0 having printed nothing. Written through this, the answer's
/// loss is an error (E0201, exit 2).
/// True when standard output was closed when the process started (`tkb query ... >&-`). Rust's runtime then
/// opens `/dev/null` in its place, so writes would vanish without an error; the binary looks before that happens
/// (see `main.rs`) and says so through [`mark_stdout_closed`]. A `/dev/null` the caller opened itself, however it
/// opened it (a shell's `> /dev/null`, Python's `subprocess.DEVNULL`), is a sink the caller asked for.
fn stdout_was_closed() -> bool {
    STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed)
}

static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Records that standard output was closed at start: called by the binary before `main`.
pub fn mark_stdout_closed() {
    STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn raw_stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::FromRawFd;
        // SAFETY: descriptor 1 is this process's standard output; `ManuallyDrop` never closes it, and nothing else
        // writes to it while the run's writer exists (diagnostics go to standard error, after it is dropped).
        let file = unsafe { std::fs::File::from_raw_fd(1) };
        Box::new(ManuallyClosed(std::mem::ManuallyDrop::new(file)))
    }
    #[cfg(not(unix))]
    {
        Box::new(io::stdout())
    }
}

#[cfg(unix)]
struct ManuallyClosed(std::mem::ManuallyDrop<std::fs::File>);

#[cfg(unix)]
impl Write for ManuallyClosed {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Runs `scripts` (name, text) in order, streaming their results; diagnostics are printed at the end.
fn run_scripts(session: &mut Session, scripts: Vec<(String, String)>, lone: bool) -> i32 {
    if stdout_was_closed() {
        let _ = writeln!(io::stderr(), "error[E0201]: cannot write the output: standard output is closed");
        return exit::USAGE;
    }
    let mut w = io::BufWriter::with_capacity(1 << 16, raw_stdout());
    let mut stream = Stream { w: &mut w, format: session.settings.format, lone, items: 0 };
    let diagnostics = match session.run_scripts(&scripts, &mut stream) {
        Ok(d) => d,
        Err(e) => return write_failed(e),
    };
    if let Err(e) = stream.finish() {
        return write_failed(e);
    }
    drop(w);
    print_diagnostics(&session.db, &diagnostics);
    exit_code(&diagnostics)
}

/// `tkb explain CODE`: the code's name and explanation, from the one table of codes.
fn explain(code: &str) -> i32 {
    match crate::diag::Code::lookup(code) {
        Some(info) => {
            println!("{} ({})\n\n{}", info.id, info.name, info.explanation);
            exit::OK
        }
        None => {
            eprintln!("error: unknown code `{code}`: codes look like E0109, W0102 or L0001");
            exit::USAGE
        }
    }
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
                eprint!("{}", crate::diag::render_headline(&e));
                return exit::USAGE;
            }
        };
        scripts.push((if name == "-" { "<stdin>".to_string() } else { name.clone() }, text));
    }
    run_scripts(&mut session, scripts, false)
}

/// Runs the parsed command line and returns the process's exit code (see `exit`).
pub fn run_cli(cli: Cli) -> i32 {
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
        Some(Command::Explain { code }) => explain(&code),
        Some(Command::Lint(args)) => super::lint::run(&args),
        Some(Command::Timeline { query, from, to, output, kb }) => timeline(&kb, &query, from, to, &output),
        Some(Command::Report { output, corpus, kb }) => match open(&kb) {
            Ok(mut session) => super::report::run(&mut session, &kb, &output, corpus)
                .unwrap_or_else(|error| picture_failed(&session, error)),
            Err(code) => code,
        },
        Some(Command::Draft(args)) => super::draft::run(&args),
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
            let _ = Cli::command().print_help();
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
            eprintln!("error[E0201]: {message}");
            exit::USAGE
        }
        other => {
            eprintln!("error: {other}");
            exit::USAGE
        }
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

/// The REPL until its input ends: exit 0, or 2 when the terminal cannot be used or read.
fn repl(session: Session) -> i32 {
    match crate::repl::run(session) {
        Ok(()) => exit::OK,
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}
