//! The interactive REPL: `tkb repl`. (Being built: see issue 5.)

use crate::session::Session;

pub fn run(session: Session) -> i32 {
    let _ = session;
    eprintln!("tkb repl is not implemented yet");
    crate::cli::exit::USAGE
}
