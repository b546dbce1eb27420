//! The REPL's commands, defined once: name, arguments, help and action. `.help`, completion and hints all read
//! this table, so a command added here is documented and completed with no other change; `handlers` runs them.

/// What Tab offers after a command's name.
#[derive(Clone, Copy, Debug)]
pub enum ArgKind {
    None,
    /// A file name (`.load`).
    Path,
    /// One of a fixed set of words (`.mode table`).
    Words(&'static [&'static str]),
    /// A fact, completed as in a statement (`.why`, `.sources`).
    Statement,
    /// A predicate name alone (`.preds`).
    Predicate,
    /// Another command's name (`.help load`).
    Command,
}

/// One REPL command as the table defines it.
pub struct Command {
    /// The name typed after the dot.
    pub name: &'static str,
    /// Other names for it (`.q` for `.quit`).
    pub aliases: &'static [&'static str],
    /// The arguments as help shows them.
    pub args: &'static str,
    /// One line for `.help`.
    pub help: &'static str,
    /// What Tab offers for its arguments.
    pub arg_kind: ArgKind,
    /// May also be typed without the dot, alone on the line (`help`, `quit`): what newcomers try first.
    pub bare: bool,
    /// What the command does; `handlers` runs it.
    pub action: Action,
}

/// Each command's behaviour, named: the table stays plain data that completion, hints and help can read without
/// the REPL's state, and `handlers::run` must give every action a handler (the match is exhaustive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Help,
    Load,
    Add,
    Mode,
    Timer,
    Why,
    Sources,
    More,
    Limit,
    Known,
    Confirmed,
    Preds,
    Draft,
    Check,
    Quit,
    Clear,
}

const fn command(
    name: &'static str,
    args: &'static str,
    help: &'static str,
    arg_kind: ArgKind,
    action: Action,
) -> Command {
    Command { name, aliases: &[], args, help, arg_kind, bare: false, action }
}

/// Every command, one per line: the table reads as the help it generates.
#[rustfmt::skip]
pub static COMMANDS: &[Command] = &[
    Command { bare: true, ..command("help", "[COMMAND]", "list the commands, or explain one", ArgKind::Command, Action::Help) },
    command("load", "FILE", "run a file: its facts and rules join the session, its queries are answered", ArgKind::Path, Action::Load),
    command("add", "STATEMENT", "add facts as written, even one that would be read as a question (`p(a) @ 2021-12-20.`)", ArgKind::Statement, Action::Add),
    command("mode", "table|json|jsonl|csv", "how answers are printed (no argument: the current mode)", ArgKind::Words(&["table", "json", "jsonl", "csv"]), Action::Mode),
    command("timer", "on|off", "print how long each entry took", ArgKind::Words(&["on", "off"]), Action::Timer),
    command("why", "[N | FACT @ DATE]", "the proof tree of answer N of the last query (default 1), or of a fact on a day", ArgKind::Statement, Action::Why),
    command("sources", "N | FACT [@ DATE]", "the sources of answer N of the last query in full, or those of a fact", ArgKind::Statement, Action::Sources),
    command("more", "", "show the next answers of the last query", ArgKind::None, Action::More),
    command("limit", "[N|off]", "how many answers a query shows before `.more` (off: all)", ArgKind::Words(&["off"]), Action::Limit),
    command("known", "[DATE|off]", "answer as known on DATE: only what was published on or before it", ArgKind::Words(&["off"]), Action::Known),
    command("confirmed", "[on|off]", "answer only on the days the sources confirm, leaving out presumed ones", ArgKind::Words(&["on", "off"]), Action::Confirmed),
    command("preds", "[WORD]", "list the predicates with their meaning (those that mention WORD)", ArgKind::Predicate, Action::Preds),
    command("draft", "FILE [A-B] [add]", "draft the encoding of a news item for review (`add`: add the draft to the session)", ArgKind::Path, Action::Draft),
    command("check", "CITIZEN DATE ...", "what a citizen needed to enter Kazakhstan on a day, the card of `tkb check` (`.check de 2021-03-01 land work`)", ArgKind::None, Action::Check),
    Command { aliases: &["exit", "q"], bare: true, ..command("quit", "", "leave the REPL (Ctrl-D does too)", ArgKind::None, Action::Quit) },
    Command { bare: true, ..command("clear", "", "clear the screen", ArgKind::None, Action::Clear) },
];

/// The command a name or alias (without the dot) stands for.
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name || c.aliases.contains(&name))
}

/// Commands whose name starts with `prefix`, in table order.
pub fn matching(prefix: &str) -> impl Iterator<Item = &'static Command> + '_ {
    COMMANDS.iter().filter(move |c| c.name.starts_with(prefix))
}

/// Splits an entry that is a command into its name and arguments: `.load x.tkb`, or a bare `help`.
pub fn command_line(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix('.').filter(|r| r.starts_with(|c: char| c.is_ascii_alphabetic())) {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        return Some((&rest[..end], rest[end..].trim()));
    }
    find(text).filter(|c| c.bare).map(|_| (text, ""))
}

/// The usage line of a command, for a handler given the wrong arguments.
pub fn usage(name: &str) -> String {
    let args = find(name).map(|c| c.args).unwrap_or_default();
    format!("usage: .{name} {args}\n")
}
