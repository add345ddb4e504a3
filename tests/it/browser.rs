//! Built article pages in a real browser: headless Chromium opens each page, reads the
//! embedded JSON-LD through the DOM, and it must equal the article's `.jsonld` output. A
//! screenshot of every page goes to `target/test-artifacts/browser/`.
//!
//! `tests/browser/setup.sh` installs Chromium and the driver when they are missing; CI runs it
//! before the tests (`cargo xtask ci`), and there this test must run.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{build_sample, root};

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("test-artifacts/browser")
}

#[test]
#[allow(clippy::print_stderr)] // says why the browser check did not run, where a test log shows it
fn pages_show_the_same_json_ld_in_a_browser() {
    let browser_dir = root().join("tests/browser");
    let ready = Path::new("/usr/bin/chromium").is_file()
        && browser_dir.join("node_modules/playwright-core").is_dir();
    if !ready {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test: tests/browser/setup.sh did not install its tools"
        );
        eprintln!("the browser test did not run: run tests/browser/setup.sh to install Chromium");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let (_, dir) = build_sample(out.path());
    let shots = screenshots();
    let output = Command::new("node")
        .arg(browser_dir.join("check-pages.mjs"))
        .arg(dir.join("articles"))
        .arg(&shots)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pages = std::fs::read_dir(dir.join("articles"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "html")
        })
        .count();
    assert_eq!(lines.len(), pages, "one result per page; stderr: {stderr}");
    let (_, records) = crate::support::sample_records();
    for line in &lines {
        let page = line["page"].as_str().unwrap();
        let record = records
            .values()
            .find(|r| format!("{}.html", r.slug) == page)
            .unwrap();
        assert_eq!(line["h1"], record.headline.as_str(), "{line}");
        assert!(
            line["title"].as_str().unwrap().contains(&record.headline),
            "{line}"
        );
        assert_eq!(line["ok"], true, "{line}");
        assert_eq!(line["scripts"], 1, "{line}");
        let shot = shots.join(page.replace(".html", ".png"));
        let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
        assert!(
            size > 10_000,
            "{}: the screenshot is missing or blank",
            shot.display()
        );
    }
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}
