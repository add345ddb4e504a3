//! Paths and helpers shared by the end-to-end tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newswire_build::{Options, Report};
use newswire_ingest::{Context, Parsed};
use newswire_model::{Channel, Record};
use newswire_validate::Validator;

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub(crate) fn sample_dir() -> PathBuf {
    root().join("feeds/harbour-ledger")
}

/// `../shared` beside the project, when it is there (CI always has it).
pub(crate) fn shared() -> Option<PathBuf> {
    let dir = root().parent()?.join("shared");
    dir.is_dir().then_some(dir)
}

/// Builds the sample channel into a fresh folder; returns the report and the channel's output folder.
pub(crate) fn build_sample(out: &Path) -> (Report, PathBuf) {
    let report = newswire_build::build(&[sample_dir()], &Options::new(out));
    (report, out.join("harbour-ledger"))
}

/// Every file under `dir`, by relative path, with its bytes.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The sample channel's records, by id, read straight from the articles.
pub(crate) fn sample_records() -> (Channel, BTreeMap<String, Record>) {
    let (channel, articles) = sample_articles();
    let records = articles
        .into_iter()
        .map(|(name, parsed)| {
            let record = parsed
                .record
                .unwrap_or_else(|| panic!("{name}: {:?}", parsed.diagnostics));
            (record.id.clone(), record)
        })
        .collect();
    (channel, records)
}

/// Every sample article read on its own, by file name (such as `ferry-strike.txt`), with the
/// record and the diagnostics that reading it gives.
pub(crate) fn sample_articles() -> (Channel, BTreeMap<String, Parsed>) {
    let validator = Validator::new();
    let channel =
        newswire_build::load_channel(&sample_dir().join("channel.toml"), &validator).unwrap();
    let ctx = Context {
        channel: Some(&channel),
        published: None,
    };
    let mut articles = BTreeMap::new();
    for entry in std::fs::read_dir(sample_dir().join("articles")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let parsed = newswire_build::read_article_file(&path, u64::MAX, &ctx, &validator);
        articles.insert(name, parsed);
    }
    (channel, articles)
}

/// The `newswire` command line (this package's build of it, so it is never stale).
pub(crate) fn newswire() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newswire-under-test"));
    command.current_dir(root()).env("NO_COLOR", "1");
    command
}

pub(crate) fn run(command: &mut Command) -> Output {
    command.output().unwrap()
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The texts of the top-level blocks of body HTML, by an independent reading: tags split the
/// text, entities are decoded.
pub(crate) fn html_blocks(html: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        if tag == "p" || tag == "h2" {
            let end = rest.find(&format!("</{tag}>")).expect("closed block");
            blocks.push(decode(&rest[..end]));
            rest = &rest[end..];
        }
    }
    blocks
}

pub(crate) fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
