//! What each REPL command does: one handler per [`Action`] of the command table, and the dispatch from a typed
//! name to it.

use super::commands::{find, usage, Action, Command, COMMANDS};
use super::explain;
use super::state::Repl;
use crate::output::Format;
use crate::time::Day;

/// Runs the command `name` (or says it does not exist, suggesting the closest).
pub fn dispatch(repl: &mut Repl, name: &str, args: &str) -> String {
    match find(name) {
        Some(command) => run(command.action, repl, args),
        None => {
            let names = COMMANDS.iter().flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()));
            let best = crate::query::suggest::closest(name, names);
            let hint = best.map(|b| format!(" (did you mean `.{b}`?)")).unwrap_or_default();
            format!("error: unknown command `.{name}`{hint}; `.help` lists the commands\n")
        }
    }
}

/// The handler of each action.
fn run(action: Action, repl: &mut Repl, args: &str) -> String {
    match action {
        Action::Help => help(repl, args),
        Action::Load => load(repl, args),
        Action::Add => add(repl, args),
        Action::Mode => mode(repl, args),
        Action::Timer => timer(repl, args),
        Action::Why => explain::why(repl, args),
        Action::Sources => explain::sources(repl, args),
        Action::More => more(repl, args),
        Action::Limit => limit(repl, args),
        Action::Known => known(repl, args),
        Action::Confirmed => confirmed(repl, args),
        Action::Preds => preds(repl, args),
        Action::Draft => super::draft::command(repl, args),
        Action::Check => super::check::command(repl, args),
        Action::Quit => quit(repl, args),
        Action::Clear => clear(repl, args),
    }
}

fn help(_: &mut Repl, args: &str) -> String {
    if !args.is_empty() {
        return match find(args.trim_start_matches('.')) {
            Some(c) => format!(".{} {}\n    {}\n", c.name, c.args, c.help),
            None => format!("error: no command is named `{args}`; `.help` lists them\n"),
        };
    }
    let lead = |c: &Command| format!(".{} {}", c.name, c.args);
    let width = COMMANDS.iter().map(|c| lead(c).len()).max().unwrap_or(0);
    let mut out = String::from(concat!(
        "Statements end with a full stop and may span several lines:\n",
        "  fact.   head :- body.       join this session's knowledge base\n",
        "  ?- body @ 2021-12-20.       answers, each with its sources (`.sources N` shows them in full)\n",
        "  why fact @ 2021-12-20.      the proof tree of a fact on a day\n",
        "Without `?-`, an atom with a variable or a time is asked, not added (a note says `?-` was assumed):\n",
        "  direct_flight(C).  direct_flight(vn) @ 2021-12-20.\n",
        "A ground atom with no time is added as a fact holding on every day, as in a kb file: `p(a).` adds,\n",
        "`?- p(a).` asks; facts with `from`, `until` or `cite` are added too, and `.add` adds anything as written.\n",
        "A line that starts with `.` is a command, also in the middle of a statement.\n",
        "Commands:\n",
    ));
    for c in COMMANDS {
        let aliases: Vec<String> = c.aliases.iter().map(|a| format!(".{a}")).collect();
        let aliases = if aliases.is_empty() { String::new() } else { format!(" (also {})", aliases.join(", ")) };
        out += &format!("  {:width$}  {}{aliases}\n", lead(c), c.help);
    }
    out += "Keys: Tab completes commands, predicates, countries and file names; Up and Down recall earlier entries;\n";
    out += "Ctrl-C abandons the current input; Ctrl-D quits.\n";
    out
}

fn load(repl: &mut Repl, args: &str) -> String {
    if args.is_empty() {
        return usage("load");
    }
    let path = expand_home(&rustyline::completion::unescape(args, Some('\\')));
    match crate::input::read_file(std::path::Path::new(&path)) {
        Ok(text) => repl.statements(&path, &text),
        Err(e) => format!("error: {}\n", e.message),
    }
}

/// `~/x` is the user's `x`, as the shell would read it.
fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

fn mode(repl: &mut Repl, args: &str) -> String {
    let format = match args {
        "" => return format!("mode: {}\n", format_name(repl.session.settings.format)),
        "table" => Format::Table,
        "json" => Format::Json,
        "jsonl" => Format::Jsonl,
        "csv" => Format::Csv,
        _ => return usage("mode"),
    };
    repl.session.settings.format = format;
    format!("mode: {args}\n")
}

pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Table => "table",
        Format::Json => "json",
        Format::Jsonl => "jsonl",
        Format::Csv => "csv",
    }
}

fn timer(repl: &mut Repl, args: &str) -> String {
    match args {
        "on" | "off" => {
            repl.timer = args == "on";
            format!("timer: {args}\n")
        }
        "" => format!("timer: {}\n", if repl.timer { "on" } else { "off" }),
        _ => usage("timer"),
    }
}

fn more(repl: &mut Repl, _: &str) -> String {
    repl.more()
}

fn limit(repl: &mut Repl, args: &str) -> String {
    match (args, args.parse::<usize>()) {
        ("", _) => {}
        ("off", _) => repl.limit = None,
        (_, Ok(n)) if n > 0 => repl.limit = Some(n),
        _ => return usage("limit"),
    }
    match repl.limit {
        Some(n) => format!("limit: {}, then `.more`\n", crate::diag::plural(n, "answer")),
        None => "limit: off (every answer is shown)\n".into(),
    }
}

fn known(repl: &mut Repl, args: &str) -> String {
    match (args, Day::parse(args)) {
        ("", _) => {}
        ("off", _) => repl.session.db.set_as_known(None),
        (_, Some(day)) => repl.session.db.set_as_known(Some(day)),
        _ => return format!("error: `{args}` is not a date of the form YYYY-MM-DD\n{}", usage("known")),
    }
    match repl.session.db.as_known {
        Some(day) => format!("known: answers use only what was published on or before {day}\n"),
        None => "known: off (answers use everything the kb holds)\n".into(),
    }
}

fn confirmed(repl: &mut Repl, args: &str) -> String {
    match args {
        "" => {}
        "on" | "off" => repl.session.db.confirmed_only = args == "on",
        _ => return usage("confirmed"),
    }
    if repl.session.db.confirmed_only {
        "confirmed: on (answers only on the days their sources confirm)\n".into()
    } else {
        "confirmed: off (answers include presumed days, marked)\n".into()
    }
}

fn preds(repl: &mut Repl, args: &str) -> String {
    let word = args.to_lowercase();
    let rows: Vec<(String, String)> = repl
        .session
        .db
        .preds
        .iter()
        .map(|(name, info)| {
            let params: Vec<&str> = info.params.iter().map(|p| p.as_str()).collect();
            let params = if params.len() == info.arity { params } else { vec!["_"; info.arity] };
            let head = if params.is_empty() { name.to_string() } else { format!("{name}({})", params.join(", ")) };
            (head, info.meaning.clone().unwrap_or_else(|| "(not declared)".into()))
        })
        .filter(|(head, meaning)| head.to_lowercase().contains(&word) || meaning.to_lowercase().contains(&word))
        .collect();
    let width = rows.iter().map(|(h, _)| h.chars().count()).max().unwrap_or(0);
    let mut out: String = rows.iter().map(|(head, meaning)| format!("{head:width$}  {meaning}\n")).collect();
    out += &format!("({})\n", crate::diag::plural(rows.len(), "predicate"));
    out
}

/// `.add p(a) @ 2021-12-20`: the statements as written (the final full stop may be left out).
fn add(repl: &mut Repl, args: &str) -> String {
    let text = args.trim();
    if text.is_empty() {
        return usage("add");
    }
    let text = if text.ends_with('.') || text.ends_with('}') { text.to_string() } else { format!("{text}.") };
    repl.statements("<repl>", &text)
}

/// Clears the terminal (the escape codes that every terminal the line editor supports understands).
fn clear(_: &mut Repl, _: &str) -> String {
    "\x1b[H\x1b[2J".into()
}

fn quit(repl: &mut Repl, _: &str) -> String {
    repl.finished = true;
    String::new()
}
