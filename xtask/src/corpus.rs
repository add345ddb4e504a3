//! `cargo xtask gen-corpus N DIR`: a deterministic channel of N articles for benchmarks.
//!
//! Articles are about 9 KB each, wire text and Markdown mixed, with every construct ingest
//! reads: TOML and YAML front matter, headline lines, byline forms, dateline forms, headings
//! (question headings too), credit, source and picture trailers, and page residue. The same
//! N and seed always give the same bytes: a seeded generator, no clock.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;

/// Bumped whenever the generated text changes, so stale corpora are made again.
pub(crate) const VERSION: &str = "1";

/// xorshift64*: small, fast and fixed, so a corpus is reproducible on any machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "PORT ELLERY",
    "KESTREL BAY",
    "MARROW POINT",
    "SALTHAVEN",
    "GULLWICK",
    "BRACKENMOUTH",
    "SKERRY HEAD",
    "ST. ANSELM",
    "WRENFORD",
    "OLD QUAY",
];
const REGIONS: &[&str] = &["Westmarch", "the Outer Isles", "Northreach", "Fennick"];
const AGENCIES: &[&str] = &["CPA", "Coastwire", "WNS"];
const FIRST: &[&str] = &[
    "Maren", "Tomas", "Ruth", "Inês", "Oskar", "Agnes", "Colm", "Ida", "Sunniva", "Rowan", "Nadia",
    "Aksel", "Lena", "Piers", "Tamsin", "Élise",
];
const LAST: &[&str] = &[
    "Thorsby",
    "Halversen",
    "Okafor",
    "Álvarez",
    "Lindqvist",
    "Tully",
    "Reddy",
    "Marsh",
    "Rask",
    "Pike",
    "Ferrante",
    "Brenna",
    "Voss",
    "Arnott",
    "Rowe",
    "Carron",
];
const ROLES: &[&str] = &["Staff Writer", "Harbour Correspondent", "Science Editor"];
const SUBJECTS: &[&str] = &[
    "the harbour council",
    "ferry crews",
    "the fishing co-operative",
    "marine researchers",
    "the lifeboat station",
    "market traders",
    "the regional transport authority",
    "school governors",
    "the lighthouse trust",
    "coastal engineers",
];
const VERBS: &[&str] = &[
    "voted to approve",
    "questioned",
    "published new figures on",
    "raised concerns about",
    "agreed a timetable for",
    "rejected",
    "called for a review of",
    "welcomed",
];
const OBJECTS: &[&str] = &[
    "the flood barrier scheme",
    "winter ferry timetables",
    "the cod quota",
    "seagrass surveys",
    "the harbour dredging plan",
    "new mooring fees",
    "the storm warning system",
    "repairs to the sea wall",
    "the museum’s logbook collection",
    "electric ferry trials",
];
const CLAUSES: &[&str] = &[
    "after a four-hour session on Quay Street",
    "despite objections from the north quay",
    "according to documents seen by this newspaper",
    "in a statement released on Tuesday evening",
    "with temperatures < 5°C forecast for the week",
    "as queues formed at the shuttered ticket office",
    "following a consultation that drew 3,000 responses",
    "while the tide tables were being revised",
];
const HEADINGS: &[&str] = &[
    "How the vote split",
    "What the plan costs",
    "Who pays?",
    "What happens next?",
    "A long-running dispute",
    "The view from the quay",
    "Why the figures matter",
    "What it means for the fleet",
    "Is the timetable realistic?",
    "Beyond the harbour",
];
const SOURCES: &[&str] = &[
    "Port Ellery Harbour Council",
    "Westmarch Transport Authority",
    "Coastline Press Agency",
    "Westmarch Marine Institute",
    "Maritime Crews Union",
    "Salthaven Lagoon Trust",
];
const GENRES: &[&str] = &[
    "original reporting",
    "analysis",
    "commentary",
    "feature",
    "explainer",
];

/// The seed of `cargo xtask gen-corpus` and of the benchmark's channels.
pub(crate) const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// Writes the channel: `DIR/channel.toml` and `DIR/articles/*`, replacing earlier articles.
/// Another `seed` gives other articles of the same kinds.
pub(crate) fn generate(n: usize, dir: &Path, seed: u64) -> anyhow::Result<()> {
    let articles = dir.join("articles");
    if articles.exists() {
        std::fs::remove_dir_all(&articles)
            .with_context(|| format!("cannot clear {}", articles.display()))?;
    }
    std::fs::create_dir_all(&articles)
        .with_context(|| format!("cannot create {}", articles.display()))?;
    std::fs::write(dir.join("channel.toml"), CHANNEL)?;
    // xorshift never leaves zero.
    let mut rng = Rng(if seed == 0 { SEED } else { seed });
    let mut text = String::with_capacity(12 * 1024);
    for i in 0..n {
        text.clear();
        let markdown = i % 3 == 2;
        article(&mut rng, i, markdown, &mut text);
        let ext = if markdown { "md" } else { "txt" };
        let path = articles.join(format!("a{i:06}.{ext}"));
        std::fs::write(&path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

const CHANNEL: &str = r#"# A generated channel for benchmarks (cargo xtask gen-corpus).
title = "Benchmark Ledger"
description = "Generated articles for measuring newswire builds"
home_url = "https://bench.example/"
base_url = "https://bench.example/news/"
feed_url = "https://bench.example/feeds/bench/"
language = "en"
limit = 50

[publisher]
name = "Benchmark Ledger Media"
url = "https://bench.example/"
"#;

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let subject = rng.pick(SUBJECTS);
    let mut first = subject.chars();
    if let Some(c) = first.next() {
        out.extend(c.to_uppercase());
        out.push_str(first.as_str());
    }
    let _ = write!(
        out,
        " {} {} {}.",
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(CLAUSES)
    );
}

fn paragraph(rng: &mut Rng, out: &mut String) {
    let sentences = 4 + rng.below(3);
    for s in 0..sentences {
        if s > 0 {
            out.push(' ');
        }
        if s == 2 && rng.below(3) == 0 {
            let _ = write!(
                out,
                "“We will keep {} under review,” said {}.",
                rng.pick(OBJECTS),
                name(rng)
            );
        } else {
            sentence(rng, out);
        }
    }
    out.push('\n');
}

fn article(rng: &mut Rng, i: usize, markdown: bool, out: &mut String) {
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let year = 2020 + i / (28 * 12) % 7;
    let hour = i % 24;
    let offset = ["+00:00", "+01:00", "-05:00", "+05:30"][i % 4];
    let published = format!("{year}-{month:02}-{day:02}T{hour:02}:15:00{offset}");
    let headline = format!(
        "{} {} {} #{i}",
        rng.pick(PLACES).to_lowercase().replace("st. ", "st "),
        rng.pick(VERBS).split(' ').next().unwrap_or("weighs"),
        rng.pick(OBJECTS)
    );
    let mut headline_chars = headline.chars();
    let headline: String = headline_chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default()
        + headline_chars.as_str();
    let photo = i.is_multiple_of(2);
    if i % 4 == 1 {
        let _ = writeln!(
            out,
            "---\npublished: \"{published}\"\nsection: \"Coast\"\nkeywords: [harbour, bench, \"item {i}\"]"
        );
        if photo {
            let _ = writeln!(
                out,
                "image:\n  url: \"https://bench.example/media/{i}.jpg\"\n  alt: \"A harbour scene\""
            );
        }
        out.push_str("---\n");
    } else {
        let _ = writeln!(
            out,
            "+++\npublished = {published}\nsection = \"Coast\"\nkeywords = [\"harbour\", \"bench\", \"item {i}\"]"
        );
        if i.is_multiple_of(5) {
            let _ = writeln!(
                out,
                "modified = {year}-{month:02}-{day:02}T{hour:02}:45:00{offset}"
            );
        }
        if photo {
            let _ = writeln!(
                out,
                "[image]\nurl = \"https://bench.example/media/{i}.jpg\"\nalt = \"A harbour scene\""
            );
        }
        out.push_str("+++\n");
    }
    if markdown {
        let _ = writeln!(out, "# {headline}\n");
    } else {
        let _ = writeln!(out, "{headline}");
    }
    let byline = match i % 4 {
        0 => format!("By {}", name(rng)),
        1 => format!("By {}, {} and {}", name(rng), name(rng), name(rng)),
        2 => format!("By {}, {}", name(rng), rng.pick(ROLES)),
        _ => format!("BY {}", name(rng).to_uppercase()),
    };
    let blank = if markdown { "\n" } else { "" };
    let _ = writeln!(out, "{byline}{blank}");
    let place = rng.pick(PLACES);
    let dateline = match i % 5 {
        0 => format!("{place} — "),
        1 => format!("{place}, {} ({}) — ", rng.pick(REGIONS), rng.pick(AGENCIES)),
        2 => format!("{place}, Nov {} ({}) - ", 1 + i % 28, rng.pick(AGENCIES)),
        3 => format!("{place} – "),
        _ => String::new(),
    };
    out.push_str(&dateline);
    paragraph(rng, out);
    out.push_str(blank);
    let sections = 3 + rng.below(3);
    for _ in 0..sections {
        let heading = rng.pick(HEADINGS);
        if markdown {
            let _ = writeln!(out, "## {heading}\n");
        } else {
            let _ = writeln!(out, "{heading}");
        }
        for _ in 0..3 {
            paragraph(rng, out);
            out.push_str(blank);
        }
    }
    let genre = rng.pick(GENRES);
    match i % 3 {
        0 => {
            let _ = writeln!(
                out,
                "Written by {} for Benchmark Ledger Media, {genre}.{blank}",
                name(rng)
            );
        }
        1 => {
            let _ = writeln!(
                out,
                "Reporting by {} and {}; Editing by {}{blank}",
                name(rng),
                name(rng),
                name(rng)
            );
        }
        _ => {
            let _ = writeln!(out, "{} contributed to this report.{blank}", name(rng));
        }
    }
    let separator = if i.is_multiple_of(2) { ", " } else { "; " };
    let sources: Vec<&str> = (0..3).map(|_| rng.pick(SOURCES)).collect();
    let mut unique = sources.clone();
    unique.dedup();
    let _ = writeln!(out, "Sources: {}.{blank}", unique.join(separator));
    if photo {
        let _ = writeln!(out, "Photo: {} / {}{blank}", name(rng), rng.pick(AGENCIES));
    }
    if i.is_multiple_of(7) {
        out.push_str("Comments (3)\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every article file of the channel in `dir`, by name.
    fn articles(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("articles"))
            .unwrap()
            .map(|entry| {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&path).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// The same size and seed give the same bytes; another seed gives the same files, of the
    /// same kinds, with other articles in them.
    #[test]
    fn a_seed_gives_the_same_channel_and_another_seed_another() {
        let dir = tempfile::tempdir().unwrap();
        let [a, b, c] = ["a", "b", "c"].map(|name| dir.path().join(name));
        generate(12, &a, SEED).unwrap();
        generate(12, &b, SEED).unwrap();
        generate(12, &c, SEED ^ 1).unwrap();
        let (a, b, c) = (articles(&a), articles(&b), articles(&c));
        assert_eq!(a.len(), 12);
        assert_eq!(a, b);
        let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
            files.iter().map(|(name, _)| name.clone()).collect()
        };
        assert_eq!(names(&a), names(&c));
        let same = a.iter().zip(&c).filter(|(x, y)| x.1 == y.1).count();
        assert_eq!(same, 0, "another seed wrote some of the same articles");
    }
}
