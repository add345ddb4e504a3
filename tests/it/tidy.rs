//! House rules checked over the whole source tree: every module says what it is for, and no
//! test is switched off.

use std::path::{Path, PathBuf};

use crate::support::root;

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                rust_files(&path, found);
            }
        } else if name.ends_with(".rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_module_starts_with_a_doc_line_and_no_test_is_disabled() {
    let mut files = Vec::new();
    for dir in ["crates", "tests", "xtask"] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} files", files.len());
    // Spelled in pieces so this file does not match itself.
    let banned = [
        concat!("#[", "ignore"),
        concat!("#[", "should_panic"),
        concat!("dbg", "!("),
    ];
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let rel = file.strip_prefix(root()).unwrap().display().to_string();
        if !text.starts_with("//!") {
            problems.push(format!(
                "{rel}: the first line is not a `//!` line saying what the module is for"
            ));
        }
        for pattern in banned {
            if text.contains(pattern) {
                problems.push(format!("{rel}: contains `{pattern}`"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
