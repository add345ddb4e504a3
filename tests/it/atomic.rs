//! Publishing is atomic: a build killed at any moment leaves the previously published outputs
//! complete and parseable, with nothing temporary among them; a build with an invalid article
//! publishes nothing new unless `--keep-going`, which publishes the valid articles.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::{newswire, root, run, stderr, stdout, tree};

/// Articles in the channel the kill test builds: enough that a build takes a second or two in
/// a debug build, few enough that the kills fit in about a minute.
const ARTICLES: usize = 1000;
/// How many builds the kill test kills.
const KILLS: usize = 32;
/// The longest a killed build is left to run, so the test's time stays bounded on a slow
/// machine.
const LONGEST_RUN: Duration = Duration::from_secs(4);
/// How long after a build starts publishing the kills aimed at publishing land, at most.
const PUBLISHING: Duration = Duration::from_millis(20);

/// A small deterministic generator (xorshift64) for the moments of the kills.
struct Rng(u64);

impl Rng {
    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        f64::from(u32::try_from(x >> 32).unwrap()) / 4_294_967_296.0
    }
}

/// A channel folder `wire` with its `channel.toml` and the first edition of the first
/// `articles` articles.
fn channel(work: &Path, articles: usize) -> PathBuf {
    let channel = work.join("wire");
    std::fs::create_dir_all(channel.join("articles")).unwrap();
    std::fs::copy(
        root().join("tests/data/channel.toml"),
        channel.join("channel.toml"),
    )
    .unwrap();
    for i in 0..articles {
        std::fs::write(
            channel.join(format!("articles/tide-{i:04}.txt")),
            article(i, 0),
        )
        .unwrap();
    }
    channel
}

/// Article `i` of the kill test's channel, as of `edition`: one minute newer per article.
fn article(i: usize, edition: usize) -> String {
    let (day, hour, minute) = (1 + i / 1440, i / 60 % 24, i % 60);
    format!(
        "+++\nslug = \"tide-report-{i}\"\npublished = 2026-01-{day:02}T{hour:02}:{minute:02}:00Z\n+++\n\
         Tide report {i} from the east quay\nBy Tomas Wren\n\
         KESTREL BAY — The tide gauge on the east quay read {i} centimetres above the mark, edition {edition}.\n\
         Harbour staff logged the reading and closed the lower steps until the water fell back.\n"
    )
}

/// Writes the newest article (the one every feed carries) as of `edition`.
fn write_edition(channel: &Path, edition: usize) {
    let i = ARTICLES - 1;
    std::fs::write(
        channel.join(format!("articles/tide-{i:04}.txt")),
        article(i, edition),
    )
    .unwrap();
}

/// Every output parses as its format; the folder holds the four feeds and three files per
/// article.
#[track_caller]
fn check_parses(files: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(files.len(), 4 + 3 * ARTICLES);
    let canonical = Selector::parse("link[rel=canonical]").unwrap();
    for (name, bytes) in files {
        if name.ends_with(".xml") || name == "feed.json" {
            let feed =
                feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!feed.entries.is_empty(), "{name}");
        }
        if name.ends_with(".json") || name.ends_with(".jsonld") {
            serde_json::from_slice::<Value>(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        } else if name.ends_with(".html") {
            let page = Html::parse_document(std::str::from_utf8(bytes).unwrap());
            assert_eq!(page.select(&canonical).count(), 1, "{name}");
        } else {
            assert!(name.ends_with(".xml"), "{name}");
        }
    }
}

/// Nothing temporary or hidden is inside the published folder, at any depth.
#[track_caller]
fn check_nothing_temporary(dir: &Path) {
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                !name.starts_with('.') && !name.contains("staging") && !name.contains("retired"),
                "{} holds {name}",
                d.display()
            );
            if entry.file_type().unwrap().is_dir() {
                todo.push(entry.path());
            }
        }
    }
}

/// Beside the published folder there is nothing but hidden folders a killed build left.
#[track_caller]
fn check_beside(out: &Path) {
    for entry in std::fs::read_dir(out).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == "wire"
                || name.starts_with(".wire.staging-")
                || name.starts_with(".wire.retired-"),
            "{name}"
        );
    }
}

/// The published folder after a killed build: all of `old` or all of `new`, never a mix, and
/// nothing temporary. Returns whether it is the new one.
#[track_caller]
fn check_published(
    out: &Path,
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
) -> bool {
    let dir = out.join("wire");
    assert!(dir.is_dir(), "no published folder");
    check_nothing_temporary(&dir);
    check_beside(out);
    let found = tree(&dir);
    if &found == old {
        return false;
    }
    let mixed: Vec<&String> = found
        .iter()
        .filter(|(name, bytes)| new.get(*name) != Some(*bytes))
        .map(|(name, _)| name)
        .collect();
    assert!(
        mixed.is_empty() && found.len() == new.len(),
        "neither the old nor the new outputs: {} files, {mixed:?} differ from the new",
        found.len()
    );
    true
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Waits until the build has written its channel outputs into a staging folder that was not
/// among `before` (the build is publishing), until it ends, or until `deadline`; meanwhile the
/// published outputs stay in place.
fn wait_for_publishing(out: &Path, before: &[String], child: &mut Child, deadline: Instant) {
    while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
        assert!(
            out.join("wire/rss.xml").is_file(),
            "the published outputs went missing during a build"
        );
        let publishing = names(out).iter().any(|name| {
            name.starts_with(".wire.staging-")
                && !before.contains(name)
                && out.join(name).join("feed.jsonld").exists()
        });
        if publishing {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn spawn_build(channel: &Path, out: &Path) -> Child {
    newswire()
        .arg("build")
        .arg(channel)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A second build of the channel started while the first writes its staging folder: the
/// second leaves that folder alone, both publish a whole channel, and nothing is left beside it.
#[test]
fn two_builds_of_one_channel_at_once_both_publish_whole() {
    let work = tempfile::tempdir().unwrap();
    let channel = channel(work.path(), ARTICLES);
    let out = work.path().join("public");
    let build = || {
        newswire()
            .arg("build")
            .arg(&channel)
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let first = build();
    // The second starts once the first has made its staging folder, and while it still runs.
    let deadline = Instant::now() + Duration::from_secs(20);
    while !out.is_dir() || !names(&out).iter().any(|n| n.starts_with(".wire.staging-")) {
        assert!(
            Instant::now() < deadline,
            "the first build made no staging folder"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let second = build();
    for (which, child) in [("first", first), ("second", second)] {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "the {which} build failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    check_parses(&tree(&out.join("wire")));
    check_nothing_temporary(&out.join("wire"));
    assert_eq!(names(&out), ["wire"], "nothing is left beside the outputs");
}

#[test]
fn a_build_killed_at_any_moment_leaves_complete_outputs() {
    let work = tempfile::tempdir().unwrap();
    let channel = channel(work.path(), ARTICLES);
    // The two complete states the published folder may be in, each built once in full; the
    // second build replaces the first, as every build the test kills does, and is timed.
    let out = work.path().join("public");
    let mut editions = Vec::new();
    let mut replacing = Duration::ZERO;
    for edition in 0..2 {
        write_edition(&channel, edition);
        let started = Instant::now();
        let status = spawn_build(&channel, &out).wait().unwrap();
        replacing = started.elapsed();
        assert!(status.success(), "{status}");
        let files = tree(&out.join("wire"));
        check_parses(&files);
        editions.push(files);
    }
    assert_ne!(editions[0], editions[1]);
    let mut published = 1;
    assert!(check_published(&out, &editions[0], &editions[1]));

    // Kill builds at moments spread over a whole build and a little after it (a killed build
    // leaves a staging folder that the next one removes first, so builds in the loop take
    // longer than the timed one); every other kill lands just after the build has written its
    // channel outputs, when it publishes.
    let window = replacing.mul_f64(1.5).min(LONGEST_RUN);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut interrupted = 0;
    for kill in 0..KILLS {
        let next = 1 - published;
        write_edition(&channel, next);
        let before = names(&out);
        let started = Instant::now();
        let mut child = spawn_build(&channel, &out);
        if kill % 2 == 0 {
            std::thread::sleep(window.mul_f64(rng.unit()));
        } else {
            wait_for_publishing(&out, &before, &mut child, started + window);
            std::thread::sleep(PUBLISHING.mul_f64(rng.unit()));
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let is_new = check_published(&out, &editions[published], &editions[next]);
        if status.success() {
            assert!(is_new, "a finished build published its outputs");
        }
        if is_new {
            published = next;
        } else {
            interrupted += 1;
        }
    }
    assert!(interrupted > 0, "no kill interrupted a build");

    // The next build completes and removes whatever the killed ones left.
    let next = 1 - published;
    write_edition(&channel, next);
    assert!(spawn_build(&channel, &out).wait().unwrap().success());
    assert!(check_published(&out, &editions[published], &editions[next]));
    assert_eq!(names(&out), ["wire"]);
}

/// What a build with a new valid article and a new invalid one publishes.
#[derive(Debug, PartialEq, Eq)]
enum Published {
    /// The previous outputs, byte for byte.
    Previous,
    /// Exactly what a build of the valid articles alone publishes.
    ValidArticles,
}

/// Publishes a channel of two articles, adds one valid and one invalid article, and builds
/// again with `args`.
#[track_caller]
fn check_invalid(args: &[&str], expect: Published) {
    let work = tempfile::tempdir().unwrap();
    let channel = channel(work.path(), 0);
    for i in 0..2 {
        std::fs::write(
            channel.join(format!("articles/tide-{i}.txt")),
            article(i, 0),
        )
        .unwrap();
    }
    let out = work.path().join("public");
    let first = run(newswire().arg("build").arg(&channel).arg("--out").arg(&out));
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let previous = tree(&out.join("wire"));

    std::fs::write(channel.join("articles/tide-2.txt"), article(2, 0)).unwrap();
    // Only what the valid articles publish, built on its own for comparison.
    let reference = work.path().join("reference");
    let valid = run(newswire()
        .arg("build")
        .arg(&channel)
        .arg("--out")
        .arg(&reference));
    assert_eq!(valid.status.code(), Some(0), "{}", stderr(&valid));
    let valid_articles = tree(&reference.join("wire"));

    std::fs::write(
        channel.join("articles/broken.txt"),
        "+++\npublished = 2026-02-01T08:00:00Z\nheadlin = \"A typo\"\n+++\nA typo in the front matter\nBy Tomas Wren\nKESTREL BAY — The key above is misspelt.\n",
    )
    .unwrap();
    let second = run(newswire()
        .arg("build")
        .arg(&channel)
        .arg("--out")
        .arg(&out)
        .args(["--format", "json"])
        .args(args));
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    // The invalid article is reported by name.
    let errors: Vec<Value> = stdout(&second)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(!errors.is_empty());
    for error in &errors {
        let file = error["file"].as_str().unwrap();
        assert!(file.ends_with("broken.txt"), "{error}");
    }
    let found = tree(&out.join("wire"));
    let published = if found == previous {
        Published::Previous
    } else {
        assert_eq!(
            found.keys().collect::<Vec<_>>(),
            valid_articles.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &found {
            assert!(bytes == &valid_articles[name], "{name} differs");
        }
        Published::ValidArticles
    };
    assert_eq!(published, expect, "{}", stderr(&second));
    check_nothing_temporary(&out.join("wire"));
    assert_eq!(names(&out), ["wire"]);
}

#[test]
fn an_invalid_article_publishes_nothing_new_unless_keep_going() {
    check_invalid(&[], Published::Previous);
    check_invalid(&["--keep-going"], Published::ValidArticles);
}
