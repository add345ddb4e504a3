//! Inputs shared by the benchmarks of ingest, validate and export: the sample channel, its
//! articles and their records, and typical and large articles grown from a sample, each built
//! once and the same on every run.
//!
//! The validate and export benchmarks include this file by path; each uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use newswire_ingest::{Context, Parsed, parse_markdown, parse_wire_text};
use newswire_model::{Channel, Record, Slug};

/// The size of a typical article: what the build target is stated for.
pub(crate) const TYPICAL_BYTES: usize = 9 * 1024;

/// How many records a feed carries: the sample channel's `limit`.
pub(crate) const WINDOW: usize = 50;

/// Which reader an article file is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    WireText,
    Markdown,
}

/// One article file of the sample channel.
pub(crate) struct Article {
    pub(crate) name: String,
    pub(crate) kind: Kind,
    pub(crate) bytes: Vec<u8>,
}

impl Article {
    /// Reads the article with the sample channel; panics when it does not give a record,
    /// since every sample article is valid.
    pub(crate) fn record(&self) -> Record {
        let parsed = parse(self.kind, &self.name, &self.bytes);
        parsed
            .record
            .unwrap_or_else(|| panic!("{} gives no record: {:?}", self.name, parsed.diagnostics))
    }
}

fn channel_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../feeds/harbour-ledger")
}

/// The sample channel, read from its `channel.toml`.
pub(crate) static CHANNEL: LazyLock<Channel> = LazyLock::new(|| {
    let path = channel_dir().join("channel.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{} is not a channel: {e}", path.display()))
});

/// The sample channel's wire-text and Markdown articles, sorted by file name.
pub(crate) static ARTICLES: LazyLock<Vec<Article>> = LazyLock::new(|| {
    let dir = channel_dir().join("articles");
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut articles: Vec<Article> = entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let kind = match path.extension()?.to_str()? {
                "txt" => Kind::WireText,
                "md" => Kind::Markdown,
                _ => return None,
            };
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let name = path.file_name()?.to_string_lossy().into_owned();
            Some(Article { name, kind, bytes })
        })
        .collect();
    articles.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(
        articles.len() >= 10,
        "the sample channel has too few articles"
    );
    articles
});

/// The sample articles of one kind.
pub(crate) fn articles(kind: Kind) -> Vec<&'static Article> {
    ARTICLES.iter().filter(|a| a.kind == kind).collect()
}

/// The record of every sample article, in file-name order.
pub(crate) static RECORDS: LazyLock<Vec<Record>> =
    LazyLock::new(|| ARTICLES.iter().map(Article::record).collect());

/// Reads `bytes` with the reader for `kind` and the sample channel.
pub(crate) fn parse(kind: Kind, file: &str, bytes: &[u8]) -> Parsed {
    let ctx = Context {
        channel: Some(&CHANNEL),
        published: None,
    };
    match kind {
        Kind::WireText => parse_wire_text(file, bytes, &ctx),
        Kind::Markdown => parse_markdown(file, bytes, &ctx),
    }
}

/// Paragraphs and a heading of our own, repeated to grow an article to any size.
const FILLER: &[&str] = &[
    "The harbour board met again on Thursday evening in the upstairs room of the Quay Street \
     institute, where about sixty residents heard engineers describe the state of the north \
     breakwater after a winter of heavy swells. Several stones near the elbow of the wall have \
     shifted by a hand’s width, and the board’s surveyor said a full inspection would need \
     divers and a calm fortnight.",
    "Figures published by the board show that the number of fishing boats landing at the quay \
     fell from 41 in 2019 to 28 last year, while visiting yachts rose by a third. Skippers say \
     the shift has pushed up mooring fees for working boats, a claim the board disputes; it \
     says fees have risen in line with the cost of dredging the approach channel.",
    "“Nobody is against the yachts,” said a crab fisherman who has worked from the harbour for \
     thirty years. “But when the ice plant closes at four because the visitors want the berth, \
     we lose half a day’s catch. The board has to decide what kind of harbour this is.”",
    "What the survey found",
    "The survey, carried out by the regional coastal engineering office over two weeks in \
     January, measured the crest of the breakwater at 112 points and compared them with \
     readings taken in 2011. It found the outer section had settled by up to 18 centimetres, \
     enough for waves to top the wall at spring tides when the wind is from the north-east.",
    "The board will publish the full survey next month and has promised a public meeting \
     before any repair contract is let. Residents who want to comment can write to the \
     harbour office or leave a note at the institute, which is open on weekday mornings.",
];

/// `base`, a sample article with front matter closed by `fence`, grown to at least `target`
/// bytes by inserting filler paragraphs, one per line (wire text) or separated by blank lines
/// (Markdown, headings marked `##`), after the lead, so the headline, byline, dateline and
/// trailer stay where they were.
fn grow(base: &str, fence: &str, kind: Kind, target: usize) -> String {
    let fence_line = format!("\n{fence}\n");
    let body = base
        .find(&fence_line)
        .map(|i| i + fence_line.len())
        .expect("the base article has front matter");
    let dateline = body
        + base[body..]
            .find(" — ")
            .expect("the base article has a dateline");
    let lead_end = dateline
        + base[dateline..]
            .find('\n')
            .expect("the lead is not the last line");
    let (head, tail) = base.split_at(lead_end + 1);
    let mut out = String::with_capacity(target + FILLER[0].len() * 2);
    out.push_str(head);
    let mut filler = FILLER.iter().cycle();
    while out.len() + tail.len() < target {
        let block = filler.next().copied().unwrap_or_default();
        match kind {
            Kind::WireText => {
                out.push_str(block);
                out.push('\n');
            }
            Kind::Markdown => {
                out.push('\n');
                if !block.ends_with(['.', '”']) {
                    out.push_str("## ");
                }
                out.push_str(block);
                out.push('\n');
            }
        }
    }
    out.push_str(tail);
    out
}

/// A wire-text or Markdown article of at least `target` bytes, grown from a sample article
/// with front matter, a byline, a dateline, headings and a trailer.
pub(crate) fn grown(kind: Kind, target: usize) -> Vec<u8> {
    let (name, fence) = match kind {
        Kind::WireText => ("ferry-strike.txt", "+++"),
        Kind::Markdown => ("salthaven-tidal-pool.md", "---"),
    };
    let base = ARTICLES
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("the sample channel has no {name}"));
    let base = std::str::from_utf8(&base.bytes).expect("the sample articles are UTF-8");
    grow(base, fence, kind, target).into_bytes()
}

/// `markdown` with the inline markup of its body taken out (emphasis marks, and each link's
/// brackets and destination, its text kept): plain Markdown, which is read without the
/// CommonMark parser. The front matter (fenced by `---`) is left as it is.
pub(crate) fn without_markup(markdown: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(markdown).expect("the sample articles are UTF-8");
    let fence = "\n---\n";
    let body = text.find(fence).expect("the article has front matter") + fence.len();
    let (front, mut rest) = text.split_at(body);
    let mut out = String::with_capacity(text.len());
    while let Some(open) = rest.find("](") {
        out.push_str(&rest[..open]);
        let close = rest[open..].find(')').expect("a link's destination ends");
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.retain(|c| !matches!(c, '*' | '['));
    out.insert_str(0, front);
    out.into_bytes()
}

/// The record of a typical (about 9 KB) wire-text article.
pub(crate) static TYPICAL_RECORD: LazyLock<Record> = LazyLock::new(|| {
    let bytes = grown(Kind::WireText, TYPICAL_BYTES);
    Article {
        name: "typical.txt".to_owned(),
        kind: Kind::WireText,
        bytes,
    }
    .record()
});

/// The records a benchmark runs on: the typical article alone, or every sample article.
pub(crate) fn records(input: &str) -> Vec<&'static Record> {
    match input {
        "typical" => vec![&*TYPICAL_RECORD],
        "samples" => RECORDS.iter().collect(),
        other => panic!("unknown input `{other}`"),
    }
}

/// A feed window of [`WINDOW`] records: the sample records again and again, each copy with
/// its own slug, URL and id, as a channel of that many articles would hold.
pub(crate) static FEED_WINDOW: LazyLock<Vec<Record>> = LazyLock::new(|| {
    RECORDS
        .iter()
        .cycle()
        .take(WINDOW)
        .enumerate()
        .map(|(n, record)| {
            let mut record = record.clone();
            let slug = Slug::new(&format!("{}-{n}", record.slug)).expect("a valid slug");
            record.url = CHANNEL.article_url(&slug);
            record.id = CHANNEL.id_scheme.id_for(&slug, &record.url);
            record.slug = slug;
            record
        })
        .collect()
});
