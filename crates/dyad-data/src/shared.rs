//! Where the shared development data lives (gold sets, corpora, dictionaries): never part
//! of the project, found at run time as `$DYAD_SHARED` or else `../shared` beside the
//! workspace. Tools (`dyad bench`) and the tests that read it use [`dir`]; a test whose
//! file is missing calls [`path_or_skip`], which says so where a `cargo test` user sees it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The workspace this crate was built in.
fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::canonicalize(&root).unwrap_or(root)
}

/// The shared data folder: `$DYAD_SHARED` when set, else `../shared` beside the workspace.
pub fn dir() -> PathBuf {
    std::env::var_os("DYAD_SHARED")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared"))
}

/// `rel` inside the shared folder when it exists; otherwise announces that `test` is
/// skipped and returns `None`.
///
/// The message goes straight to the process's standard error rather than through
/// `eprintln!`: libtest captures what the print macros write and shows it only for failing
/// tests (or with `--nocapture`), so a skip reported with `eprintln!` is invisible in a
/// plain `cargo test`. A direct write is not captured and appears in the run's output.
pub fn path_or_skip(test: &str, rel: &str) -> Option<PathBuf> {
    let path = dir().join(rel);
    if path.exists() {
        return Some(path);
    }
    announce_skip(
        test,
        &format!("{} is absent (set DYAD_SHARED)", path.display()),
    );
    None
}

/// Writes `SKIPPED test: reason` to standard error, past libtest's output capture.
pub fn announce_skip(test: &str, reason: &str) {
    // One write of the whole line, so that it does not interleave with libtest's output.
    let line = format!("SKIPPED {test}: {reason}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_paths_are_none() {
        assert!(path_or_skip("shared::tests", "no/such/file.jsonl").is_none());
        assert!(dir().ends_with("shared") || std::env::var_os("DYAD_SHARED").is_some());
    }
}
