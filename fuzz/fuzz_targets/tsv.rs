//! Fuzz target `tsv`: see `fuzz/targets.rs` for what it checks.
#![no_main]

#[path = "../targets.rs"]
#[allow(dead_code)]
mod targets;

libfuzzer_sys::fuzz_target!(
    // One rayon thread: the bulk loader cuts a file into the same shards whatever the pool, and on a shared
    // machine waking and parking a second thread for each small file cost more than the load itself.
    init: {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(1).build_global();
    },
    |data: &[u8]| targets::tsv(data)
);
