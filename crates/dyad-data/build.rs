//! Embeds every file under the workspace's `data/` directory, so the binary works from
//! anywhere while analysts can still override files with `--data DIR`.

use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "tsv" || e == "txt" || e == "bin")
        {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let data = manifest
        .join("../../data")
        .canonicalize()
        .expect("the workspace has a data/ directory");
    println!("cargo:rerun-if-changed={}", data.display());
    let mut files = Vec::new();
    walk(&data, &mut files);
    let mut code = String::from(
        "/// Every text data file, by its path relative to `data/`.\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    let mut binary = String::from(
        "/// Every binary data file (`.bin`), by its path relative to `data/`.\npub static EMBEDDED_BINARY: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&data)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".bin") {
            binary.push_str(&format!(
                "    ({rel:?}, include_bytes!({:?})),\n",
                f.display().to_string()
            ));
        } else {
            code.push_str(&format!(
                "    ({rel:?}, include_str!({:?})),\n",
                f.display().to_string()
            ));
        }
    }
    code.push_str("];\n");
    binary.push_str("];\n");
    code.push_str(&binary);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();
}
