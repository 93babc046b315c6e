//! Resolving command-line inputs into named byte buffers or readers: files, directories
//! (walked recursively, sorted, hidden entries and `README` files skipped) and standard
//! input (`-` or no input). [`Input::open`] gives a reader, so that large files (crawl archives) are read as
//! streams rather than whole.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to read: a file or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name used in messages and for format detection.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// The input's bytes.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Input::File(path) => std::fs::read(path),
        }
    }

    /// The input as an unbuffered reader, for streaming (wrap it in a `BufReader`).
    pub fn open(&self) -> std::io::Result<Box<dyn Read + Send>> {
        match self {
            Input::Stdin => Ok(Box::new(std::io::stdin())),
            Input::File(path) => Ok(Box::new(std::fs::File::open(path)?)),
        }
    }

    /// The input's size in bytes, when it is a file whose size is known.
    pub fn size(&self) -> Option<u64> {
        match self {
            Input::Stdin => None,
            Input::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
        }
    }
}

/// What the arguments name: the inputs in order, whether any argument was a directory,
/// and the arguments that could not be listed (with the error).
#[derive(Debug, Default)]
pub struct Resolved {
    pub inputs: Vec<Input>,
    pub had_directory: bool,
    pub errors: Vec<(String, String)>,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// A directory's own documentation (`README`, `README.md`, `readme.txt`): not news, so a
/// directory walk passes over it (a file named on the command line is still read).
fn is_readme(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy()
        .to_ascii_lowercase()
        .split('.')
        .next()
        .is_some_and(|stem| stem == "readme")
}

/// Expands the arguments; none means standard input.
pub fn resolve(args: &[String]) -> Resolved {
    let mut out = Resolved::default();
    if args.is_empty() {
        out.inputs.push(Input::Stdin);
        return out;
    }
    for arg in args {
        if arg == "-" {
            out.inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            out.had_directory = true;
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && !is_readme(e.file_name()) => {
                        out.inputs.push(Input::File(e.into_path()));
                    }
                    Ok(_) => {}
                    Err(e) => out.errors.push((arg.clone(), e.to_string())),
                }
            }
        } else {
            // A missing file is reported when it is read, in input order.
            out.inputs.push(Input::File(path.to_path_buf()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_walk_sorted_without_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("b/z.txt"), "z").unwrap();
        std::fs::write(root.join("a.txt"), "a").unwrap();
        std::fs::write(root.join(".hidden.txt"), "h").unwrap();
        std::fs::write(root.join(".git/x.txt"), "x").unwrap();
        std::fs::write(root.join("README.md"), "# about these files").unwrap();
        std::fs::write(root.join("b/readme.txt"), "notes").unwrap();
        let resolved = resolve(&[root.display().to_string(), "-".into()]);
        assert!(resolved.had_directory);
        let names: Vec<String> = resolved.inputs.iter().map(Input::name).collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names[0].ends_with("a.txt"));
        assert!(names[1].ends_with("z.txt"));
        assert_eq!(names[2], "-");
        assert_eq!(resolve(&[]).inputs, vec![Input::Stdin]);
        // Named on the command line, a README is read like any file.
        let named = root.join("README.md").display().to_string();
        assert_eq!(resolve(std::slice::from_ref(&named)).inputs.len(), 1);
    }

    #[test]
    fn files_open_as_readers_with_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Kim met Belousov.").unwrap();
        let input = Input::File(path);
        let mut text = String::new();
        input.open().unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "Kim met Belousov.");
        assert_eq!(input.size(), Some(17));
        assert_eq!(Input::Stdin.size(), None);
        assert!(Input::File(dir.path().join("missing")).open().is_err());
    }
}
