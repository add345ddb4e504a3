//! Ids and URLs never move: editing an article's body, renaming its file or reordering every
//! file keeps every id and URL in every format; and a rebuild over published outputs warns
//! about ids that disappear and content that changed while `modified` did not.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use newswire_build::{Options, Report};
use newswire_model::{Code, Severity};
use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::{sample_dir, tree};

/// The channel's folder name, which names its output folder.
const CHANNEL: &str = "harbour-ledger";

/// A copy of the sample channel that a test may change, and the folder it builds into.
struct Desk {
    work: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let work = tempfile::tempdir().unwrap();
        let channel = work.path().join(CHANNEL);
        std::fs::create_dir_all(channel.join("articles")).unwrap();
        std::fs::copy(
            sample_dir().join("channel.toml"),
            channel.join("channel.toml"),
        )
        .unwrap();
        for entry in std::fs::read_dir(sample_dir().join("articles")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(
                &path,
                channel.join("articles").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
        Desk { work }
    }

    fn channel(&self) -> PathBuf {
        self.work.path().join(CHANNEL)
    }

    fn articles(&self) -> PathBuf {
        self.channel().join("articles")
    }

    fn published(&self) -> PathBuf {
        self.work.path().join("public").join(CHANNEL)
    }

    fn build(&self, keep_going: bool) -> Report {
        let mut options = Options::new(&self.work.path().join("public"));
        options.keep_going = keep_going;
        newswire_build::build(&[self.channel()], &options)
    }
}

/// Replaces `from` by `to` in the article file `name`.
#[track_caller]
fn edit(articles: &Path, name: &str, from: &str, to: &str) {
    let path = articles.join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{name}: {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

#[track_caller]
fn rename(articles: &Path, from: &str, to: &str) {
    std::fs::rename(articles.join(from), articles.join(to)).unwrap();
}

/// Every id and URL of every output, by output file, in document order.
fn ids_and_urls(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let mut found = BTreeMap::new();
    for (name, bytes) in tree(dir) {
        let mut ids = Vec::new();
        if name.ends_with(".xml") {
            // RSS guid and link, Atom id and links, for the feed and every item.
            let feed = feed_rs::parser::parse(bytes.as_slice()).unwrap();
            ids.push(format!("feed id {}", feed.id));
            ids.extend(feed.links.iter().map(|l| format!("feed link {}", l.href)));
            for entry in &feed.entries {
                ids.push(format!("item id {}", entry.id));
                ids.extend(entry.links.iter().map(|l| format!("item link {}", l.href)));
            }
        } else if name.ends_with(".html") {
            let page = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
            let links = Selector::parse("link[href]").unwrap();
            for link in page.select(&links) {
                let rel = link.value().attr("rel").unwrap_or_default();
                ids.push(format!("link {rel} {}", link.value().attr("href").unwrap()));
            }
            let og = Selector::parse(r#"meta[property="og:url"]"#).unwrap();
            for meta in page.select(&og) {
                ids.push(format!("og:url {}", meta.value().attr("content").unwrap()));
            }
            let script = Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
            for doc in page.select(&script) {
                let doc: Value = serde_json::from_str(&doc.text().collect::<String>()).unwrap();
                json_ids(&doc, "", &mut ids);
            }
        } else {
            // JSON Feed id and url, JSON-LD @id and url, ninjs uri and renditions' href.
            json_ids(&serde_json::from_slice(&bytes).unwrap(), "", &mut ids);
        }
        found.insert(name, ids);
    }
    found
}

fn json_ids(value: &Value, pointer: &str, ids: &mut Vec<String>) {
    const KEYS: [&str; 7] = [
        "@id",
        "id",
        "url",
        "uri",
        "href",
        "home_page_url",
        "feed_url",
    ];
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let pointer = format!("{pointer}/{key}");
                match value {
                    Value::String(s) if KEYS.contains(&key.as_str()) => {
                        ids.push(format!("{pointer} {s}"));
                    }
                    _ => json_ids(value, &pointer, ids),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                json_ids(item, &format!("{pointer}/{i}"), ids);
            }
        }
        _ => {}
    }
}

/// The ids collected are the real ones: every article's id is its RSS guid, Atom id, JSON Feed
/// id, JSON-LD @id (alone and in the channel document), ninjs uri, and its page's canonical URL
/// is its URL.
#[track_caller]
fn assert_every_format_carries_the_ids(ids: &BTreeMap<String, Vec<String>>) {
    let jsonld: Vec<&String> = ids
        .keys()
        .filter(|k| k.starts_with("articles/") && k.ends_with(".jsonld"))
        .collect();
    assert!(jsonld.len() >= 8, "{jsonld:?}");
    for name in jsonld {
        let slug = &name["articles/".len()..name.len() - ".jsonld".len()];
        let id = ids[name]
            .iter()
            .find_map(|e| e.strip_prefix("/@id "))
            .unwrap();
        let has = |file: &str, entry: &str| {
            assert!(
                ids[file].iter().any(|e| e == entry || e.ends_with(entry)),
                "{file} lacks {entry:?}: {:?}",
                ids[file]
            );
        };
        has("rss.xml", &format!("item id {id}"));
        has("atom.xml", &format!("item id {id}"));
        has("feed.json", &format!("/id {id}"));
        has("feed.jsonld", &format!("/@id {id}"));
        has(
            &format!("articles/{slug}.ninjs.json"),
            &format!("/uri {id}"),
        );
        has(
            &format!("articles/{slug}.html"),
            &format!("/@id {id}"), // the embedded JSON-LD
        );
        let url = ids[name]
            .iter()
            .find_map(|e| e.strip_prefix("/url "))
            .unwrap();
        has(
            &format!("articles/{slug}.html"),
            &format!("link canonical {url}"),
        );
        has(&format!("articles/{slug}.html"), &format!("og:url {url}"));
        has("rss.xml", &format!("item link {url}"));
        has(
            &format!("articles/{slug}.ninjs.json"),
            &format!("/renditions/0/href {url}"),
        );
    }
}

/// One change to a copy of the sample channel.
struct Change {
    /// What the change does to the articles folder.
    apply: fn(&Path),
    /// The slugs whose content the change edits; every other output stays byte for byte.
    edited: &'static [&'static str],
    /// The files the rebuild warns changed without a new `modified` date.
    warned: &'static [&'static str],
}

/// Builds the copy, applies the change, rebuilds over the published outputs, and checks that
/// no id or URL moved and that only the edited articles' outputs (and the feeds) changed.
#[track_caller]
fn check(change: &Change) {
    let desk = Desk::new();
    let first = desk.build(false);
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    let before_ids = ids_and_urls(&desk.published());
    assert_every_format_carries_the_ids(&before_ids);
    let before = tree(&desk.published());

    (change.apply)(&desk.articles());
    let second = desk.build(false);
    assert!(!second.has_errors(), "{:?}", second.diagnostics);
    assert!(second.channels[0].published);
    let after = tree(&desk.published());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert_eq!(ids_and_urls(&desk.published()), before_ids);

    let changed: BTreeSet<&str> = before
        .iter()
        .filter(|(name, bytes)| after[*name] != **bytes)
        .map(|(name, _)| name.as_str())
        .collect();
    for name in &changed {
        let feed = !name.starts_with("articles/");
        let edited = change
            .edited
            .iter()
            .any(|slug| name.starts_with(&format!("articles/{slug}.")));
        assert!(feed || edited, "{name} changed");
    }
    for slug in change.edited {
        assert!(changed.contains(format!("articles/{slug}.html").as_str()));
    }

    let mut warned: Vec<String> = second
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| {
            assert_eq!(d.code, Code::ChangedWithoutModified, "{d}");
            let file = d.file.as_deref().unwrap();
            Path::new(file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    warned.sort();
    assert_eq!(warned, change.warned);
}

#[test]
fn editing_a_body_keeps_every_id_and_url() {
    check(&Change {
        apply: |articles| {
            // The slug from front matter, from the headline, from a record, from Markdown.
            edit(
                articles,
                "ferry-strike.txt",
                "said its own launch was unaffected",
                "said its own launch was running as normal",
            );
            edit(
                articles,
                "election-debate.txt",
                "The election is on 16 April.",
                "Polling day is 16 April.",
            );
            edit(
                articles,
                "brackenmouth-oyster-beds.json",
                "Six family firms",
                "Seven family firms",
            );
            edit(
                articles,
                "salthaven-tidal-pool.md",
                "carried out almost entirely by volunteers",
                "carried out mostly by volunteers",
            );
        },
        edited: &[
            "kestrel-bay-ferry-crews-strike",
            "westmarch-leadership-hopefuls-clash-over-ferries-and-flood-defences",
            "brackenmouth-oyster-beds-reopen",
            "salthaven-tidal-pool-reopens",
        ],
        warned: &[
            "brackenmouth-oyster-beds.json",
            "election-debate.txt",
            "ferry-strike.txt",
            "salthaven-tidal-pool.md",
        ],
    });
}

#[test]
fn renaming_a_file_that_keeps_its_slug_changes_nothing() {
    check(&Change {
        apply: |articles| {
            rename(articles, "ferry-strike.txt", "2026-03-02-crews.txt");
            rename(articles, "election-debate.txt", "zz-debate.txt");
            rename(articles, "brackenmouth-oyster-beds.json", "a-oysters.json");
            rename(articles, "salthaven-tidal-pool.md", "pool.md");
        },
        edited: &[],
        warned: &[],
    });
}

#[test]
fn reordering_every_file_changes_nothing() {
    check(&Change {
        apply: |articles| {
            let mut names: Vec<PathBuf> = std::fs::read_dir(articles)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            names.sort();
            let n = names.len();
            assert!(!n.is_multiple_of(7), "7 must not divide {n}");
            let mut order = Vec::new();
            for (i, path) in names.iter().enumerate() {
                // A permutation of the positions: sorted by name, the files come in another order.
                let position = (i * 7 + 3) % n;
                let ext = path.extension().unwrap().to_str().unwrap();
                std::fs::rename(path, articles.join(format!("{position:02}-moved.{ext}"))).unwrap();
                order.push(position);
            }
            assert!(!order.is_sorted());
        },
        edited: &[],
        warned: &[],
    });
}

/// A rebuild over published outputs, after `apply`: the ids reported gone, and the ids reported
/// changed without a new `modified` date.
#[track_caller]
fn check_comparison(apply: fn(&Path), keep_going: bool, expect: &[&str]) {
    let desk = Desk::new();
    let first = desk.build(false);
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    let reported: Vec<&str> = first
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        reported,
        Vec::<&str>::new(),
        "a first build compares with nothing"
    );

    apply(&desk.articles());
    let second = desk.build(keep_going);
    let found: Vec<String> = second
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::IdDisappeared | Code::ChangedWithoutModified))
        .map(|d| {
            assert_eq!(d.severity, Severity::Warning, "{d}");
            assert!(d.hint.is_some(), "{d}");
            let id = d.message.split('`').nth(1).unwrap();
            format!("{} {id}", d.code)
        })
        .collect();
    assert_eq!(found, expect);
}

const NEWS: &str = "https://ledger.example/news/";

#[test]
fn a_rebuild_warns_about_ids_that_disappear() {
    // An article withdrawn.
    check_comparison(
        |articles| std::fs::remove_file(articles.join("storm-warning.txt")).unwrap(),
        false,
        &[&format!(
            "NW0502 {NEWS}storm-ottoline-to-bring-80-mph-gusts-and-high-seas-to-the-westmarch-coast"
        )],
    );
    // A new slug without a `url`: the id, made from the slug, moves.
    check_comparison(
        |articles| {
            edit(
                articles,
                "harbour-pilot-obituary.txt",
                "slug = \"solveig-arnott-obituary\"",
                "slug = \"solveig-arnott-dies\"",
            );
        },
        false,
        &[&format!("NW0502 {NEWS}solveig-arnott-obituary")],
    );
    // A new slug with the same `url`: the id stays, nothing disappears.
    check_comparison(
        |articles| {
            edit(
                articles,
                "ferry-strike.txt",
                "slug = \"kestrel-bay-ferry-crews-strike\"",
                "slug = \"ferry-crews-strike\"",
            );
        },
        false,
        &[],
    );
    // An article that became invalid, published without it under --keep-going.
    check_comparison(
        |articles| {
            edit(
                articles,
                "robotics-team.txt",
                "published = 2026-03-09T17:00:00-05:00",
                "publisehd = 2026-03-09T17:00:00-05:00",
            );
        },
        true,
        &[&format!(
            "NW0502 {NEWS}gullwick-pupils-robot-heads-for-the-national-finals"
        )],
    );
}

#[test]
fn a_rebuild_warns_about_content_changed_without_modified() {
    // The body edited, `modified` left as it was.
    check_comparison(
        |articles| {
            edit(
                articles,
                "fishing-quota-dispute.txt",
                "The meeting lasted forty minutes.",
                "The meeting lasted almost an hour.",
            );
        },
        false,
        &[&format!(
            "NW0503 {NEWS}westmarch-trawler-owners-reject-cod-quota-cut-as-unworkable"
        )],
    );
    // The same edit with a new `modified`: partners see the update.
    check_comparison(
        |articles| {
            edit(
                articles,
                "fishing-quota-dispute.txt",
                "The meeting lasted forty minutes.",
                "The meeting lasted almost an hour.",
            );
            edit(
                articles,
                "fishing-quota-dispute.txt",
                "published = \"2026-03-11T16:20:00Z\"",
                "published = \"2026-03-11T16:20:00Z\"\nmodified = \"2026-03-12T09:00:00Z\"",
            );
        },
        false,
        &[],
    );
    // A build that publishes nothing (an invalid article, no --keep-going) compares nothing.
    check_comparison(
        |articles| {
            edit(
                articles,
                "fishing-quota-dispute.txt",
                "The meeting lasted forty minutes.",
                "The meeting lasted almost an hour.",
            );
            std::fs::write(articles.join("broken.txt"), "Only a headline\n").unwrap();
        },
        false,
        &[],
    );
}

/// A rebuild keeps the very file of every output whose bytes did not change (so its
/// modification time, which syncs to a web server go by) and writes every other into a new
/// file, leaving the published one as it was; the outputs are those of a build from scratch.
#[cfg(unix)]
#[test]
fn a_rebuild_keeps_the_files_of_unchanged_outputs() {
    use std::os::unix::fs::MetadataExt as _;
    let desk = Desk::new();
    let report = desk.build(false);
    assert!(!report.has_errors());
    assert_eq!(
        report.channels[0].unchanged, 0,
        "a first build keeps nothing"
    );
    let published = desk.published();
    let first = tree(&published);
    let inodes = |dir: &Path| -> BTreeMap<String, u64> {
        tree(dir)
            .into_keys()
            .map(|name| {
                let ino = std::fs::metadata(dir.join(&name)).unwrap().ino();
                (name, ino)
            })
            .collect()
    };
    let before = inodes(&published);
    // A partner holding the old page of the edited article open.
    let page =
        published.join("articles/westmarch-trawler-owners-reject-cod-quota-cut-as-unworkable.html");
    let mut held = std::fs::File::open(&page).unwrap();

    edit(
        &desk.articles(),
        "fishing-quota-dispute.txt",
        "The meeting lasted forty minutes.",
        "The meeting lasted almost an hour.",
    );
    let report = desk.build(false);
    assert!(!report.has_errors());
    let second = tree(&published);
    let after = inodes(&published);

    let scratch = tempfile::tempdir().unwrap();
    let options = Options::new(scratch.path());
    assert!(!newswire_build::build(&[desk.channel()], &options).has_errors());
    assert_eq!(
        second,
        tree(&scratch.path().join(CHANNEL)),
        "as built from scratch"
    );

    let (mut kept, mut written) = (Vec::new(), Vec::new());
    for (name, bytes) in &second {
        let unchanged = first.get(name) == Some(bytes);
        assert_eq!(after[name] == before[name], unchanged, "{name}");
        if unchanged { &mut kept } else { &mut written }.push(name.as_str());
    }
    assert_eq!(report.channels[0].outputs, second.len());
    assert_eq!(
        report.channels[0].unchanged,
        kept.len(),
        "the report counts what was kept"
    );
    // At least the edited article's three documents were written anew.
    assert!(
        written.contains(
            &"articles/westmarch-trawler-owners-reject-cod-quota-cut-as-unworkable.jsonld"
        ),
        "{written:?}"
    );
    assert!(written.len() >= 3 && kept.len() >= 3 * 5, "{written:?}");
    let mut old = String::new();
    std::io::Read::read_to_string(&mut held, &mut old).unwrap();
    assert!(old.contains("forty minutes") && !old.contains("almost an hour"));
    let names: Vec<String> = std::fs::read_dir(published.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [CHANNEL], "nothing left beside the outputs");
}

/// A rebuild that rejects a later article repeating a slug (`--keep-going`) publishes the
/// first article's outputs, kept as they were, and counts them among the unchanged.
#[test]
fn a_rejected_duplicate_leaves_the_kept_outputs_of_its_slug() {
    let desk = Desk::new();
    assert!(!desk.build(false).has_errors());
    let published = desk.published();
    let first = tree(&published);
    let original = std::fs::read_to_string(desk.articles().join("ferry-strike.txt")).unwrap();
    std::fs::write(
        desk.articles().join("zz-ferry-strike-again.txt"),
        original.replace(
            "Kestrel Bay ferry crews walk out after roster talks collapse",
            "Kestrel Bay ferry crews walk out again",
        ),
    )
    .unwrap();
    let report = desk.build(true);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code == Code::DuplicateSlug),
        "{:?}",
        report.diagnostics
    );
    let channel = &report.channels[0];
    assert!(channel.published && channel.rejected == 1, "{channel:?}");
    assert_eq!(tree(&published), first, "the first article's outputs");
    assert_eq!(channel.unchanged, channel.outputs, "{channel:?}");
}
