//! `UPDATE_EXPECT=1`: whether a golden test rewrites its expected files instead of comparing with them. Refused
//! under `CI=true`: in CI a rewrite would make every golden test pass whatever the output, so there it panics.

/// True when the expected files are to be rewritten (`UPDATE_EXPECT` set, outside CI).
pub fn requested() -> bool {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(!(update && ci), "UPDATE_EXPECT is refused under CI=true: expected files are reviewed, not regenerated");
    update
}
