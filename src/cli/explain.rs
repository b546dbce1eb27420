//! `tkb explain CODE` and `tkb lint --explain CODE`: a code's name and explanation, from the one table of codes.

use super::exit;
use super::failure::usage;
use super::stream::print_all;

/// `tkb explain CODE` and `tkb lint --explain CODE`: the code's name and explanation, from the one table of codes.
pub fn explain(code: &str) -> i32 {
    match crate::diag::Code::lookup(code) {
        Some(info) => match print_all(&format!("{} ({})\n\n{}\n", info.id, info.name, info.explanation)) {
            Ok(()) => exit::OK,
            Err(code) => code,
        },
        None => usage(format!("unknown code `{code}`: codes look like E0109, W0102 or L0001 (`tkb explain L0001`)")),
    }
}
