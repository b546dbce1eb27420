//! Fuzz target `tsv`: see `fuzz/targets.rs` for what it checks.
#![no_main]

#[path = "../targets.rs"]
#[allow(dead_code)]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::tsv(data));
