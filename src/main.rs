//! The `tkb` binary: parse the command line, run, exit with the documented code.

use clap::Parser;

fn main() {
    let cli = tkb::cli::Cli::parse();
    std::process::exit(tkb::cli::run_cli(cli));
}
