//! Micro-benchmarks of the build's own stages, on the sample channel: reading one article
//! file into a validated record (the file read with parsing and validation), and building the
//! whole channel into a fresh folder (every stage, writing and publishing included), and again
//! over its own outputs, as a rebuild.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use divan::Bencher;
use divan::counter::ItemsCount;
use newswire_build::{InputKind, Options, build_channel, load_channel, read_article_file};
use newswire_ingest::Context;
use newswire_validate::Validator;

fn main() {
    divan::main();
}

fn channel_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../feeds/harbour-ledger")
}

/// The sample channel's article files, sorted.
fn article_files() -> Vec<PathBuf> {
    let dir = channel_dir().join("articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| InputKind::of(p).is_some())
        .collect();
    files.sort();
    files
}

/// Every sample article file read from the disk (the page cache, after the first pass) into
/// a validated record.
#[divan::bench]
fn read_article(bencher: Bencher<'_, '_>) {
    let validator = Validator::new();
    let channel = load_channel(&channel_dir().join("channel.toml"), &validator)
        .unwrap_or_else(|d| panic!("the sample channel is invalid: {d:?}"));
    let ctx = Context {
        channel: Some(&channel),
        published: None,
    };
    let files = article_files();
    for file in &files {
        let parsed = read_article_file(file, u64::MAX, &ctx, &validator);
        assert!(
            parsed.record.is_some(),
            "{}: {:?}",
            file.display(),
            parsed.diagnostics
        );
    }
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        for file in &files {
            divan::black_box(read_article_file(
                divan::black_box(file),
                u64::MAX,
                &ctx,
                &validator,
            ));
        }
    });
}

/// The whole sample channel built into a fresh output folder: every article read, parsed,
/// validated, exported and written, the feeds written and the folder published.
#[divan::bench(sample_count = 20)]
fn channel(bencher: Bencher<'_, '_>) {
    let validator = Validator::new();
    let articles = article_files().len();
    let out = tempfile::tempdir().expect("a temporary folder");
    let runs = AtomicUsize::new(0);
    bencher
        .counter(ItemsCount::new(articles))
        .with_inputs(|| {
            let run = runs.fetch_add(1, Ordering::Relaxed);
            Options::new(&out.path().join(run.to_string()))
        })
        .bench_values(|options| {
            let (report, diagnostics) = build_channel(&channel_dir(), &options, &validator);
            assert!(report.published, "{diagnostics:?}");
            report
        });
}

/// The whole sample channel built again over its own published outputs, nothing changed:
/// every output is compared with the published file and kept.
#[divan::bench(sample_count = 20)]
fn rebuild(bencher: Bencher<'_, '_>) {
    let validator = Validator::new();
    let articles = article_files().len();
    let out = tempfile::tempdir().expect("a temporary folder");
    let options = Options::new(out.path());
    let (first, diagnostics) = build_channel(&channel_dir(), &options, &validator);
    assert!(first.published, "{diagnostics:?}");
    bencher.counter(ItemsCount::new(articles)).bench(|| {
        let (report, diagnostics) = build_channel(&channel_dir(), &options, &validator);
        assert!(report.published, "{diagnostics:?}");
        report
    });
}
