//! A build takes a channel's articles a few at a time on each worker, every stage over the
//! few before the next. What it publishes and reports must not depend on that: each article's
//! outputs are those of building the article alone, whichever batch it falls in, with
//! rejected, duplicate and large articles among the others; and the diagnostics come in the
//! order of the files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use newswire_build::{Options, build_channel};
use newswire_model::Code;
use newswire_validate::Validator;

use crate::support::{root, tree};

/// Articles in the channel: several batches' worth, so that batches end in every stage.
const ARTICLES: usize = 70;
/// An empty article: an error, so it is rejected.
const EMPTY: usize = 5;
/// An article that repeats the slug of [`FIRST_OF_SLUG`]: rejected, and the first one's
/// outputs, which it overwrote in staging, are written again. It follows the large articles
/// in their batch, so its place in the channel must survive the batch's being split.
const DUPLICATE: usize = 42;
const FIRST_OF_SLUG: usize = 3;
/// Articles of over a megabyte, of which a batch holds fewer.
const LARGE: [usize; 2] = [36, 37];

/// A channel folder `name` under `work` with the test desk's `channel.toml` and `articles`.
fn channel(work: &Path, name: &str, articles: &[(String, String)]) -> PathBuf {
    let dir = work.join(name);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::copy(
        root().join("tests/data/channel.toml"),
        dir.join("channel.toml"),
    )
    .unwrap();
    for (file, text) in articles {
        std::fs::write(dir.join("articles").join(file), text).unwrap();
    }
    dir
}

/// Article `i`'s file name and text.
fn article(i: usize) -> (String, String) {
    let slug = match i {
        DUPLICATE => FIRST_OF_SLUG,
        _ => i,
    };
    let (day, hour) = (1 + i / 24, i % 24);
    let mut text = format!(
        "+++\nslug = \"quay-report-{slug}\"\npublished = 2026-02-{day:02}T{hour:02}:00:00Z\n+++\n\
         Quay report {i} from the inner basin\nBy Tomas Wren\n\n\
         KESTREL BAY — Harbour staff counted {i} boats in the inner basin on Monday.\n"
    );
    let size = if LARGE.contains(&i) { 1_100_000 + i } else { 0 };
    while text.len() < size {
        text.push_str(
            "\nThe harbour master wrote the count in the log and walked on along the quay.\n",
        );
    }
    let text = if i == EMPTY { String::new() } else { text };
    (format!("quay-{i:03}.txt"), text)
}

/// The per-article outputs under a channel's output folder.
fn article_outputs(out: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(&out.join("articles"))
}

#[test]
fn batches_publish_what_one_article_at_a_time_publishes() {
    let work = tempfile::tempdir().unwrap();
    let validator = Validator::new();
    let articles: Vec<(String, String)> = (0..ARTICLES).map(article).collect();
    let dir = channel(work.path(), "desk", &articles);
    let mut options = Options::new(&work.path().join("out"));
    options.keep_going = true;
    let (report, diagnostics) = build_channel(&dir, &options, &validator);
    assert!(report.published, "{diagnostics:#?}");
    assert_eq!(report.articles, ARTICLES);
    assert_eq!(report.rejected, 2);

    // The errors, in the order of the files.
    let errors: Vec<(&str, Code)> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.file.as_deref().unwrap_or_default(), d.code))
        .collect();
    let file = |i: usize| dir.join("articles").join(&articles[i].0);
    let (empty, duplicate) = (file(EMPTY), file(DUPLICATE));
    assert_eq!(errors.len(), 2, "{diagnostics:#?}");
    assert_eq!(errors[0].0, empty.display().to_string());
    assert_eq!(
        errors[1],
        (
            duplicate.display().to_string().as_str(),
            Code::DuplicateSlug
        )
    );

    // Each kept article's outputs are those of a channel of that article alone.
    let built = article_outputs(&report.out_dir);
    let mut expected = BTreeMap::new();
    for i in (0..ARTICLES).filter(|&i| i != EMPTY && i != DUPLICATE) {
        let alone = channel(work.path(), &format!("alone-{i}"), &articles[i..=i]);
        let (report, diagnostics) = build_channel(&alone, &options, &validator);
        assert!(report.published, "{diagnostics:#?}");
        expected.extend(article_outputs(&report.out_dir));
    }
    assert_eq!(built.len(), 3 * (ARTICLES - 2));
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &expected {
        assert!(
            built[name] == *bytes,
            "{name} differs from the article built alone"
        );
    }
}

#[test]
fn duplicate_slugs_and_ids_are_rejected_after_the_first_file() {
    // `b` repeats `a`'s slug (its id too, but a repeated slug is reported alone); `c` has a
    // slug of its own and `a`'s id, given by its URL; `d` repeats `b`'s id, which no kept
    // article has, so it is kept.
    let front = |slug: &str, url: Option<&str>| {
        let url = url.map(|u| format!("url = \"{u}\"\n")).unwrap_or_default();
        format!(
            "+++\nslug = \"{slug}\"\n{url}published = 2026-02-01T08:00:00Z\n+++\n\
             Quay report {slug}\nBy Tomas Wren\n\nKESTREL BAY — Harbour staff counted boats.\n"
        )
    };
    let a_url = "https://desk.example/stories/quay-a";
    let articles = [
        ("a.txt", front("quay-a", None)),
        (
            "b.txt",
            front("quay-a", Some("https://desk.example/stories/quay-b")),
        ),
        ("c.txt", front("quay-c", Some(a_url))),
        (
            "d.txt",
            front("quay-d", Some("https://desk.example/stories/quay-b")),
        ),
    ]
    .map(|(name, text)| (name.to_owned(), text));
    let work = tempfile::tempdir().unwrap();
    let validator = Validator::new();
    let dir = channel(work.path(), "desk", &articles);
    let mut options = Options::new(&work.path().join("out"));
    options.keep_going = true;
    let (report, diagnostics) = build_channel(&dir, &options, &validator);
    assert!(report.published, "{diagnostics:#?}");
    let errors: Vec<(String, Code)> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.file.clone().unwrap_or_default(), d.code))
        .collect();
    let file = |name: &str| dir.join("articles").join(name).display().to_string();
    assert_eq!(
        errors,
        [
            (file("b.txt"), Code::DuplicateSlug),
            (file("c.txt"), Code::DuplicateId)
        ],
        "{diagnostics:#?}"
    );
    assert_eq!(report.rejected, 2);
    let built = article_outputs(&report.out_dir);
    let slugs: std::collections::BTreeSet<&str> =
        built.keys().map(|k| k.split('.').next().unwrap()).collect();
    assert_eq!(slugs, ["quay-a", "quay-d"].into());
    // `a`'s outputs are its own, though `b` wrote over them in staging.
    let alone = channel(work.path(), "alone", &articles[..1]);
    let (alone, _) = build_channel(&alone, &options, &validator);
    for (name, bytes) in article_outputs(&alone.out_dir) {
        assert!(built[&name] == bytes, "{name} is not a's");
    }
}

#[test]
fn every_number_of_workers_publishes_and_reports_the_same() {
    // Workers take batches as they come free, so which worker builds which batch, and which
    // articles each one's part of the feed window holds, differ from run to run. A window
    // smaller than the channel makes the workers' windows drop records and merge.
    let work = tempfile::tempdir().unwrap();
    let validator = Validator::new();
    let articles: Vec<(String, String)> = (0..ARTICLES).map(article).collect();
    let dir = channel(work.path(), "desk", &articles);
    let settings = std::fs::read_to_string(dir.join("channel.toml")).unwrap();
    std::fs::write(dir.join("channel.toml"), format!("limit = 8\n{settings}")).unwrap();
    let built = |workers: usize| {
        let out = work.path().join(format!("out-{workers}"));
        let mut options = Options::new(&out);
        options.keep_going = true;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(workers)
            .build()
            .unwrap();
        let (report, diagnostics) = pool.install(|| build_channel(&dir, &options, &validator));
        assert!(report.published, "{diagnostics:#?}");
        let counts = (report.articles, report.rejected, report.outputs);
        (counts, diagnostics, tree(&report.out_dir))
    };
    let (counts, diagnostics, files) = built(1);
    assert_eq!(counts, (ARTICLES, 2, 3 * (ARTICLES - 2) + 4));
    let rss = String::from_utf8(files["rss.xml"].clone()).unwrap();
    assert_eq!(rss.matches("<item>").count(), 8);
    for workers in [2, 3, 5] {
        let (other_counts, other_diagnostics, other_files) = built(workers);
        assert_eq!(other_counts, counts, "{workers} workers");
        assert_eq!(other_diagnostics, diagnostics, "{workers} workers");
        assert_eq!(
            other_files.keys().collect::<Vec<_>>(),
            files.keys().collect::<Vec<_>>(),
            "{workers} workers"
        );
        for (name, bytes) in &files {
            assert!(
                other_files[name] == *bytes,
                "{name} differs with {workers} workers"
            );
        }
    }
}

#[test]
fn channels_built_together_are_built_as_each_alone() {
    // The first channel's articles are listed while the schemas compile; the others' as
    // each is built. Each channel's report, outputs and diagnostics (a stray file's warning
    // among them) must be those of building it alone.
    let work = tempfile::tempdir().unwrap();
    let validator = Validator::new();
    let dirs: Vec<PathBuf> = ["first", "second"]
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let articles: Vec<(String, String)> = (10 * k..10 * k + 4).map(article).collect();
            let dir = channel(work.path(), name, &articles);
            std::fs::write(dir.join("articles").join(format!("{name}.csv")), "a,b\n").unwrap();
            dir
        })
        .collect();
    let together = newswire_build::build(&dirs, &Options::new(&work.path().join("together")));
    assert_eq!(together.channels.len(), 2);
    let mut alone_diagnostics = Vec::new();
    for (dir, built) in dirs.iter().zip(&together.channels) {
        let options = Options::new(&work.path().join("alone"));
        let (report, diagnostics) = build_channel(dir, &options, &validator);
        assert!(built.published && report.published, "{diagnostics:#?}");
        assert_eq!((built.articles, built.rejected), (4, 0));
        assert_eq!(
            (built.articles, built.outputs),
            (report.articles, report.outputs)
        );
        assert_eq!(
            article_outputs(&built.out_dir),
            article_outputs(&report.out_dir)
        );
        assert!(
            diagnostics.iter().any(|d| d.code == Code::UnknownFileKind
                && d.file.as_deref().is_some_and(|f| f.ends_with(".csv"))),
            "{diagnostics:#?}"
        );
        alone_diagnostics.extend(diagnostics);
    }
    assert_eq!(together.diagnostics, alone_diagnostics);
}
