//! dyad's data files: lexicons and gazetteers kept as plain, editable text under `data/`.
//!
//! Every file under `data/` is embedded in the binary at build time ([`DataSet::embedded`]):
//! text files (`.tsv`, `.txt`) and trained models (`.bin`, read with
//! [`DataSet::require_bytes`]);
//! an analyst can override or add files without recompiling by pointing
//! [`DataSet::with_dir`] at a directory laid out like `data/`.
//!
//! Tables share one format ([`parse_table`]): UTF-8 text, `#` comment lines, blank lines
//! ignored, a header line naming the columns, then one record per line with fields
//! separated by tabs. A field may hold several values separated by `|`. Errors name the
//! file and line.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub mod shared;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// An error in a data file, naming the file and (1-based) line.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{file}:{line}: {message}")]
    Format {
        file: String,
        line: usize,
        message: String,
    },
    #[error("data file {0} is missing")]
    Missing(String),
    #[error("cannot read data directory {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A set of data files by relative path (`"actors/countries.tsv"`). Embedded files are
/// borrowed from the binary, not copied.
#[derive(Clone, Debug, Default)]
pub struct DataSet {
    files: BTreeMap<String, Cow<'static, str>>,
    binary: BTreeMap<String, Cow<'static, [u8]>>,
}

impl DataSet {
    /// The data files compiled into the binary.
    pub fn embedded() -> DataSet {
        let files = embedded::EMBEDDED
            .iter()
            .map(|&(k, v)| (k.to_string(), Cow::Borrowed(v)))
            .collect();
        let binary = embedded::EMBEDDED_BINARY
            .iter()
            .map(|&(k, v)| (k.to_string(), Cow::Borrowed(v)))
            .collect();
        DataSet { files, binary }
    }

    /// An empty set, for tests that build their own lexicons.
    pub fn empty() -> DataSet {
        DataSet::default()
    }

    /// Adds or replaces one file.
    pub fn insert(&mut self, name: &str, contents: impl Into<String>) {
        self.files
            .insert(name.to_string(), Cow::Owned(contents.into()));
    }

    /// Adds or replaces one binary file.
    pub fn insert_bytes(&mut self, name: &str, contents: impl Into<Vec<u8>>) {
        self.binary
            .insert(name.to_string(), Cow::Owned(contents.into()));
    }

    /// Overrides and extends this set with the `.tsv`/`.txt`/`.bin` files under `dir`.
    pub fn with_dir(mut self, dir: &Path) -> Result<DataSet, DataError> {
        fn walk(base: &Path, dir: &Path, set: &mut DataSet) -> Result<(), DataError> {
            let io = |source| DataError::Io {
                path: dir.to_path_buf(),
                source,
            };
            for entry in std::fs::read_dir(dir).map_err(io)? {
                let path = entry.map_err(io)?.path();
                if path.is_dir() {
                    walk(base, &path, set)?;
                    continue;
                }
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if !matches!(ext, "tsv" | "txt" | "bin") {
                    continue;
                }
                let bytes = std::fs::read(&path).map_err(|source| DataError::Io {
                    path: path.clone(),
                    source,
                })?;
                let rel = path
                    .strip_prefix(base)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                if ext == "bin" {
                    set.binary.insert(rel, Cow::Owned(bytes));
                } else {
                    let text = String::from_utf8(bytes).map_err(|e| DataError::Io {
                        path: path.clone(),
                        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                    })?;
                    set.files.insert(rel, Cow::Owned(text));
                }
            }
            Ok(())
        }
        walk(dir, dir, &mut self)?;
        Ok(self)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(|text| text.as_ref())
    }

    /// The file `name`, or [`DataError::Missing`].
    pub fn require(&self, name: &str) -> Result<&str, DataError> {
        self.get(name)
            .ok_or_else(|| DataError::Missing(name.to_string()))
    }

    /// The binary file `name` (a trained model), or [`DataError::Missing`].
    pub fn require_bytes(&self, name: &str) -> Result<&[u8], DataError> {
        self.binary
            .get(name)
            .map(|b| b.as_ref())
            .ok_or_else(|| DataError::Missing(name.to_string()))
    }

    /// Parses the table `name`; a missing file is an error.
    pub fn table(&self, name: &str) -> Result<Table, DataError> {
        parse_table(name, self.require(name)?)
    }

    /// The names of all files, sorted, optionally under a folder prefix ("actors/").
    pub fn names<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let mut names: Vec<&str> = self
            .files
            .keys()
            .chain(self.binary.keys())
            .map(String::as_str)
            .filter(|k| k.starts_with(prefix))
            .collect();
        names.sort_unstable();
        names.into_iter()
    }
}

/// A parsed table: its columns and records.
#[derive(Clone, Debug)]
pub struct Table {
    pub file: String,
    pub columns: Vec<String>,
    pub records: Vec<Record>,
}

/// One line of a table.
#[derive(Clone, Debug)]
pub struct Record {
    /// 1-based line number in the file, for error messages.
    pub line: usize,
    fields: Vec<String>,
    columns: std::sync::Arc<Vec<String>>,
}

impl Record {
    /// The field in column `name`, trimmed; `None` when the column is absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        let i = self.columns.iter().position(|c| c == name)?;
        let v = self.fields.get(i)?.trim();
        (!v.is_empty()).then_some(v)
    }

    /// The `|`-separated values of column `name` (empty when absent).
    pub fn list(&self, name: &str) -> Vec<&str> {
        self.get(name)
            .map(|v| {
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// An error about this record.
    pub fn error(&self, file: &str, message: impl Into<String>) -> DataError {
        DataError::Format {
            file: file.to_string(),
            line: self.line,
            message: message.into(),
        }
    }
}

/// Parses a tab-separated table with a header line (see the crate docs).
pub fn parse_table(file: &str, text: &str) -> Result<Table, DataError> {
    let mut columns: Option<std::sync::Arc<Vec<String>>> = None;
    let mut records = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = line.trim_end_matches('\r');
        if trimmed.trim().is_empty() || trimmed.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<String> = trimmed.split('\t').map(str::to_string).collect();
        match &columns {
            None => {
                columns = Some(std::sync::Arc::new(
                    fields.iter().map(|f| f.trim().to_string()).collect(),
                ))
            }
            Some(cols) => {
                if fields.len() > cols.len() {
                    return Err(DataError::Format {
                        file: file.to_string(),
                        line: line_no,
                        message: format!(
                            "{} fields, but the header names {} columns",
                            fields.len(),
                            cols.len()
                        ),
                    });
                }
                records.push(Record {
                    line: line_no,
                    fields,
                    columns: cols.clone(),
                });
            }
        }
    }
    let columns = columns.map(|c| c.to_vec()).unwrap_or_default();
    Ok(Table {
        file: file.to_string(),
        columns,
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header_comments_and_lists() {
        let t = parse_table(
            "x.tsv",
            "# comment\nname\taliases\n\nRussia\tRussian Federation|RF\n",
        )
        .unwrap();
        assert_eq!(t.columns, vec!["name", "aliases"]);
        assert_eq!(t.records.len(), 1);
        assert_eq!(t.records[0].get("name"), Some("Russia"));
        assert_eq!(
            t.records[0].list("aliases"),
            vec!["Russian Federation", "RF"]
        );
        assert_eq!(t.records[0].line, 4);
        assert_eq!(t.records[0].get("missing"), None);
    }

    #[test]
    fn a_directory_overrides_text_and_binary_files() {
        let dir = std::env::temp_dir().join(format!("dyad-data-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("models")).unwrap();
        std::fs::write(dir.join("models/m.bin"), [0u8, 159, 146, 150]).unwrap();
        std::fs::write(dir.join("extra.tsv"), "a\tb\n").unwrap();
        std::fs::write(dir.join("ignored.md"), "not data").unwrap();
        let set = DataSet::empty().with_dir(&dir).unwrap();
        assert_eq!(
            set.require_bytes("models/m.bin").unwrap(),
            [0, 159, 146, 150]
        );
        assert_eq!(set.get("extra.tsv"), Some("a\tb\n"));
        assert!(set.get("ignored.md").is_none());
        assert!(set.require_bytes("models/other.bin").is_err());
        // A text file that is not UTF-8 is an error naming it.
        std::fs::write(dir.join("bad.tsv"), [0xffu8, 0xfe]).unwrap();
        let e = DataSet::empty().with_dir(&dir).unwrap_err().to_string();
        assert!(e.contains("bad.tsv"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn too_many_fields_names_file_and_line() {
        let err = parse_table("x.tsv", "a\tb\n1\t2\t3\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.tsv:2: 3 fields, but the header names 2 columns"
        );
    }
}
