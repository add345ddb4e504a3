//! Every sample article parses into the record its expectations describe, field by field, and
//! the whole channel reports nothing but the page residue it drops.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use newswire_ingest::Parsed;
use newswire_model::{
    AbsoluteUrl, Block, Channel, Code, Credit, Dateline, Diagnostic, Genre, Image, Organization,
    Person, Record, Severity,
};

use crate::support::{build_sample, sample_articles, sample_dir};

/// What one sample article must parse into.
struct Expect {
    headline: &'static str,
    slug: &'static str,
    /// The canonical URL, which is also the id (the channel keeps the default id scheme).
    url: &'static str,
    /// RFC 3339, offset as the record must keep it.
    published: &'static str,
    modified: Option<&'static str>,
    language: &'static str,
    section: &'static str,
    keywords: &'static [&'static str],
    /// The description when the front matter gives one; otherwise it must begin like the lead.
    description: Option<&'static str>,
    /// The top byline as printed, which must not reach the body.
    byline: Option<&'static str>,
    dateline: Option<Place>,
    /// How the first block, the lead without its dateline, begins.
    lead: &'static str,
    /// How the lead ends, where that matters (a lead of one or two sentences).
    lead_end: Option<&'static str>,
    /// Every heading, in order.
    headings: &'static [&'static str],
    /// Short lines that must stay paragraphs, not become headings.
    paragraphs: &'static [Para],
    /// Text that must come through exactly, in the headline or the body.
    typography: &'static [&'static str],
    /// Name and role.
    authors: &'static [(&'static str, Option<&'static str>)],
    contributors: &'static [&'static str],
    editors: &'static [&'static str],
    publisher: Publisher,
    genre: Option<Genre>,
    sources: &'static [&'static str],
    image: Option<Picture>,
    /// Page residue lines dropped with a note, in order.
    residue: &'static [&'static str],
    paragraph_count: usize,
    heading_count: usize,
    word_count: u32,
}

/// A dateline: text, place, region, date, agency.
struct Place {
    text: &'static str,
    place: &'static str,
    region: Option<&'static str>,
    date: Option<&'static str>,
    agency: Option<&'static str>,
}

/// A paragraph, by its whole text or by how it ends.
enum Para {
    Is(&'static str),
    EndsWith(&'static str),
}

enum Publisher {
    /// The channel's organisation, with its URL and logo.
    Channel,
    /// Another organisation, known by name only.
    Named(&'static str),
}

struct Picture {
    url: &'static str,
    alt: &'static str,
    caption: &'static str,
    /// Text, creator, provider.
    credit: Option<(&'static str, &'static str, &'static str)>,
}

/// The sample articles, read once for every test in this module.
fn articles() -> &'static (Channel, BTreeMap<String, Parsed>) {
    static ARTICLES: OnceLock<(Channel, BTreeMap<String, Parsed>)> = OnceLock::new();
    ARTICLES.get_or_init(sample_articles)
}

/// The text of line `line` (1-based) of the sample article `file`, trimmed.
fn line_of(file: &str, line: u32) -> String {
    let text = std::fs::read_to_string(sample_dir().join("articles").join(file)).unwrap();
    let index = usize::try_from(line).unwrap() - 1;
    text.lines()
        .nth(index)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// A dropped-residue note as (file name, code, severity, the line it points at).
fn residue_note(d: &Diagnostic) -> (String, Code, Severity, String) {
    let file = d.file.as_deref().map(Path::new).and_then(Path::file_name);
    let file = file.map(|f| f.to_string_lossy().into_owned());
    let file = file.unwrap_or_else(|| panic!("diagnostic without a file: {d}"));
    let line = d
        .location
        .map(|l| line_of(&file, l.line))
        .unwrap_or_default();
    (file, d.code, d.severity, line)
}

fn people(list: &[&str]) -> Vec<Person> {
    list.iter().map(|n| Person::named(*n)).collect()
}

/// Every string in the record, with the JSON path that holds it.
fn strings(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((path.to_owned(), s.clone())),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{path}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                strings(item, &format!("{path}/{key}"), out);
            }
        }
        _ => {}
    }
}

#[track_caller]
fn check(file: &str, expect: Expect) {
    let (channel, articles) = articles();
    let parsed = articles
        .get(file)
        .unwrap_or_else(|| panic!("{file}: no such sample article"));
    let Some(record) = &parsed.record else {
        panic!("{file}: no record; {:#?}", parsed.diagnostics)
    };
    let record: &Record = record;

    // Identity and dates.
    assert_eq!(record.headline, expect.headline, "{file}: headline");
    assert_eq!(record.slug.as_str(), expect.slug, "{file}: slug");
    assert_eq!(record.url.as_str(), expect.url, "{file}: url");
    assert_eq!(record.id, expect.url, "{file}: id");
    assert_eq!(
        record.published.to_rfc3339(),
        expect.published,
        "{file}: published"
    );
    assert_eq!(
        record.modified.map(|m| m.to_rfc3339()).as_deref(),
        expect.modified,
        "{file}: modified"
    );
    assert_eq!(
        record.language.as_str(),
        expect.language,
        "{file}: language"
    );
    assert_eq!(
        record.section.as_deref(),
        Some(expect.section),
        "{file}: section"
    );
    assert_eq!(record.keywords, expect.keywords, "{file}: keywords");

    // The lead, its dateline and the description.
    let dateline = expect.dateline.as_ref().map(|d| Dateline {
        text: d.text.to_owned(),
        place: d.place.to_owned(),
        region: d.region.map(str::to_owned),
        date: d.date.map(str::to_owned),
        agency: d.agency.map(str::to_owned),
    });
    assert_eq!(record.dateline, dateline, "{file}: dateline");
    let lead = match record.body.first() {
        Some(Block::Paragraph { text }) => text.as_str(),
        other => panic!("{file}: the body opens with {other:?}, not the lead"),
    };
    assert!(
        lead.starts_with(expect.lead),
        "{file}: the lead begins {:?}, not {:?}",
        lead.chars().take(80).collect::<String>(),
        expect.lead
    );
    if let Some(end) = expect.lead_end {
        assert!(
            lead.ends_with(end),
            "{file}: the lead {lead:?} ends otherwise"
        );
    }
    match expect.description {
        Some(d) => assert_eq!(record.description, d, "{file}: description"),
        None => assert!(
            record.description.starts_with(expect.lead),
            "{file}: the description {:?} does not begin like the lead",
            record.description
        ),
    }

    // The body.
    let headings: Vec<&str> = record
        .body
        .iter()
        .filter(|b| matches!(b, Block::Heading { .. }))
        .map(Block::text)
        .collect();
    assert_eq!(headings, expect.headings, "{file}: headings");
    let paragraphs: Vec<&str> = record
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .map(Block::text)
        .collect();
    for para in expect.paragraphs {
        let found = match para {
            Para::Is(text) => paragraphs.contains(text),
            Para::EndsWith(end) => paragraphs.iter().any(|p| p.ends_with(end)),
        };
        let text = match para {
            Para::Is(text) | Para::EndsWith(text) => text,
        };
        assert!(found, "{file}: {text:?} is not a paragraph");
    }
    assert_eq!(
        (paragraphs.len(), headings.len(), record.body.len()),
        (
            expect.paragraph_count,
            expect.heading_count,
            expect.paragraph_count + expect.heading_count
        ),
        "{file}: (paragraphs, headings, blocks)"
    );
    let words: usize = record
        .body
        .iter()
        .map(|b| b.text().split_whitespace().count())
        .sum();
    assert_eq!(record.word_count, expect.word_count, "{file}: word_count");
    assert_eq!(
        usize::try_from(record.word_count).unwrap(),
        words,
        "{file}: word_count against the body"
    );
    let all_text = format!("{}\n{}", record.headline, record.body_text());
    for exact in expect.typography {
        assert!(
            all_text.contains(exact),
            "{file}: {exact:?} did not survive"
        );
    }

    // Lines that describe the article never reach the body.
    for block in &record.body {
        let text = block.text();
        assert_ne!(text, record.headline, "{file}: the headline is in the body");
        assert_ne!(
            Some(text),
            expect.byline,
            "{file}: the byline is in the body"
        );
        if let Some(d) = &expect.dateline {
            assert!(
                !text.starts_with(d.text),
                "{file}: the dateline is left in {text:?}"
            );
        }
        for start in [
            "Written by ",
            "Reporting by ",
            "Sources:",
            "Photo:",
            "Photo credit:",
        ] {
            assert!(
                !text.starts_with(start),
                "{file}: trailer line in the body: {text:?}"
            );
        }
        assert!(
            !text.ends_with("contributed to this report."),
            "{file}: trailer line in the body: {text:?}"
        );
        assert!(
            !expect.residue.contains(&text),
            "{file}: residue in the body: {text:?}"
        );
    }

    // People and organisations.
    let authors: Vec<Person> = expect
        .authors
        .iter()
        .map(|(name, role)| Person {
            role: role.map(str::to_owned),
            ..Person::named(*name)
        })
        .collect();
    assert_eq!(record.authors, authors, "{file}: authors");
    assert_eq!(
        record.contributors,
        people(expect.contributors),
        "{file}: contributors"
    );
    assert_eq!(record.editors, people(expect.editors), "{file}: editors");
    let publisher = match expect.publisher {
        Publisher::Channel => channel.publisher_organization(),
        Publisher::Named(name) => Organization::named(name),
    };
    assert_eq!(record.publisher, Some(publisher), "{file}: publisher");
    assert_eq!(record.genre, expect.genre, "{file}: genre");
    let sources: Vec<Organization> = expect
        .sources
        .iter()
        .map(|s| Organization::named(*s))
        .collect();
    assert_eq!(record.sources, sources, "{file}: sources");

    // The picture.
    let image = expect.image.as_ref().map(|p| Image {
        url: Some(AbsoluteUrl::parse(p.url).unwrap()),
        alt: Some(p.alt.to_owned()),
        caption: Some(p.caption.to_owned()),
        credit: p.credit.map(|(text, creator, provider)| Credit {
            text: text.to_owned(),
            creator: Some(creator.to_owned()),
            provider: Some(provider.to_owned()),
        }),
    });
    assert_eq!(record.image, image, "{file}: image");

    // Reading the article reports the residue it drops, and nothing else.
    let notes: Vec<_> = parsed.diagnostics.iter().map(residue_note).collect();
    let expected: Vec<_> = expect
        .residue
        .iter()
        .map(|r| {
            let text = (*r).to_owned();
            (file.to_owned(), Code::DroppedResidue, Severity::Note, text)
        })
        .collect();
    assert_eq!(notes, expected, "{file}: diagnostics");

    // No string anywhere in the record carries a CR, a BOM or stray white space.
    let mut found = Vec::new();
    strings(&serde_json::to_value(record).unwrap(), "", &mut found);
    for (path, s) in found {
        assert!(
            !s.contains(['\r', '\u{feff}']) && s.trim() == s && !s.is_empty(),
            "{file}: {path} is {s:?}"
        );
    }
}

/// The channel's articles and what each must parse into.
fn table() -> Vec<(&'static str, Expect)> {
    vec![
        (
            "ferry-strike.txt",
            Expect {
                headline: "Kestrel Bay ferry crews walk out after roster talks collapse",
                slug: "kestrel-bay-ferry-crews-strike",
                url: "https://ledger.example/news/kestrel-bay-ferry-crews-strike",
                published: "2026-03-02T06:45:00+00:00",
                modified: Some("2026-03-02T14:10:00+00:00"),
                language: "en",
                section: "Transport",
                keywords: &["ferry", "strike", "Kestrel Bay", "Maritime Crews Union"],
                description: None,
                byline: Some("By Maren Thorsby"),
                dateline: Some(Place {
                    text: "KESTREL BAY",
                    place: "KESTREL BAY",
                    region: None,
                    date: None,
                    agency: None,
                }),
                lead: "Ferry crews on the three routes linking Kestrel Bay with the outer islands",
                lead_end: None,
                headings: &[
                    "Why the talks failed",
                    "Who is affected",
                    "What happens next?",
                ],
                paragraphs: &[
                    Para::Is("“We will be back,” she said."),
                    Para::Is("The Westmarch ambulance service said its own launch was unaffected."),
                ],
                typography: &[],
                authors: &[("Maren Thorsby", None)],
                contributors: &["Oskar Lindqvist"],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Reportage),
                sources: &[
                    "Kestrel Bay Ferry Company",
                    "Maritime Crews Union",
                    "Westmarch Transport Authority",
                ],
                image: Some(Picture {
                    url: "https://ledger.example/media/kestrel-bay-pier.jpg",
                    alt: "An empty ferry pier at Kestrel Bay with a shuttered ticket office behind it",
                    caption: "The Kestrel Bay pier stood empty on Monday morning as crews began a 48-hour walkout.",
                    credit: Some((
                        "Lena Voss / Coastline Press Agency",
                        "Lena Voss",
                        "Coastline Press Agency",
                    )),
                }),
                residue: &["Comments (14)"],
                paragraph_count: 12,
                heading_count: 3,
                word_count: 503,
            },
        ),
        (
            "flood-barrier-vote.txt",
            Expect {
                headline: "Port Ellery council backs £84m flood barrier, but the hard choices are still to come",
                slug: "port-ellery-flood-barrier-vote",
                url: "https://ledger.example/news/port-ellery-flood-barrier-vote",
                published: "2026-03-05T19:30:00+00:00",
                modified: None,
                language: "en-GB",
                section: "Politics",
                keywords: &[
                    "flood barrier",
                    "Port Ellery",
                    "council",
                    "climate adaptation",
                ],
                description: None,
                byline: None,
                dateline: Some(Place {
                    text: "PORT ELLERY, Westmarch (CPA)",
                    place: "PORT ELLERY",
                    region: Some("Westmarch"),
                    date: None,
                    agency: Some("CPA"),
                }),
                lead: "Port Ellery’s harbour council voted 9–4 on Thursday night",
                lead_end: None,
                headings: &[
                    "How the vote split",
                    "What the barrier costs",
                    "Who pays?",
                    "What it means for the fleet",
                ],
                paragraphs: &[
                    Para::Is(
                        "“We are being asked to sign a blank cheque with the sea,” said Agnes Tully, who represents the north quay.",
                    ),
                    Para::Is("That timing suits no one who has to plan a budget."),
                ],
                typography: &["£84 million", "9–4"],
                authors: &[("Tomas Halversen", None), ("Ruth Okafor", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Analysis),
                sources: &[
                    "Port Ellery Harbour Council",
                    "Westmarch Regional Council, Infrastructure Committee",
                    "Coastline Press Agency",
                ],
                image: None,
                residue: &["Share this article"],
                paragraph_count: 13,
                heading_count: 4,
                word_count: 601,
            },
        ),
        (
            "seagrass-carbon-study.txt",
            Expect {
                headline: "Salthaven seagrass meadows store twice the carbon scientists expected",
                slug: "salthaven-seagrass-meadows-store-twice-the-carbon-scientists-expected",
                url: "https://ledger.example/news/salthaven-seagrass-meadows-store-twice-the-carbon-scientists-expected",
                published: "2026-02-18T09:00:00+01:00",
                modified: Some("2026-02-19T08:15:00+01:00"),
                language: "en-GB",
                section: "Science",
                keywords: &[
                    "seagrass",
                    "blue carbon",
                    "Salthaven",
                    "Westmarch Marine Institute",
                ],
                description: None,
                byline: None,
                dateline: Some(Place {
                    text: "SALTHAVEN",
                    place: "SALTHAVEN",
                    region: None,
                    date: None,
                    agency: None,
                }),
                lead: "Seagrass meadows in the shallow lagoon south of Salthaven",
                lead_end: None,
                headings: &[
                    "Cores from the lagoon floor",
                    "Why the old estimate was low",
                    "A meadow under pressure",
                    "What happens to the data now?",
                ],
                paragraphs: &[],
                typography: &["24°C"],
                authors: &[("Sunniva Rask", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Reportage),
                sources: &[
                    "Westmarch Marine Institute",
                    "Salthaven Lagoon Trust",
                    "Westmarch Regional Council",
                ],
                image: Some(Picture {
                    url: "https://ledger.example/media/salthaven-seagrass.jpg",
                    alt: "Two researchers in waders take a sediment core from a seagrass bed at low tide",
                    caption: "Institute researchers take a sediment core in the Salthaven lagoon.",
                    credit: Some((
                        "Aksel Brenna/Harbour Ledger",
                        "Aksel Brenna",
                        "Harbour Ledger",
                    )),
                }),
                residue: &[],
                paragraph_count: 10,
                heading_count: 4,
                word_count: 466,
            },
        ),
        (
            "robotics-team.txt",
            Expect {
                headline: "Gullwick pupils’ robot heads for the national finals",
                slug: "gullwick-pupils-robot-heads-for-the-national-finals",
                url: "https://ledger.example/news/gullwick-pupils-robot-heads-for-the-national-finals",
                published: "2026-03-09T17:00:00-05:00",
                modified: None,
                language: "en",
                section: "Education",
                keywords: &["robotics", "schools", "Gullwick"],
                description: None,
                byline: Some("By Inês Álvarez, Staff Writer"),
                dateline: Some(Place {
                    text: "GULLWICK",
                    place: "GULLWICK",
                    region: None,
                    date: None,
                    agency: None,
                }),
                lead: "In a converted net loft behind Gullwick Community School",
                lead_end: None,
                headings: &[
                    "Built from harbour scrap",
                    "The rules of the game",
                    "What does it cost to compete?",
                    "Beyond the finals",
                ],
                paragraphs: &[],
                typography: &["£4,500"],
                authors: &[("Inês Álvarez", Some("Staff Writer"))],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Feature),
                sources: &[],
                image: Some(Picture {
                    url: "https://ledger.example/media/gullwick-robotics-team.jpg",
                    alt: "Six teenagers crouch around a small wheeled robot on a workshop floor",
                    caption: "Gullwick Community School’s robotics team with their robot, Limpet.",
                    credit: Some(("CPA Photo/Nadia Ferrante", "Nadia Ferrante", "CPA")),
                }),
                residue: &[],
                paragraph_count: 10,
                heading_count: 4,
                word_count: 437,
            },
        ),
        (
            "fishing-quota-dispute.txt",
            Expect {
                headline: "Westmarch trawler owners reject cod quota cut as ‘unworkable’",
                slug: "westmarch-trawler-owners-reject-cod-quota-cut-as-unworkable",
                url: "https://ledger.example/news/westmarch-trawler-owners-reject-cod-quota-cut-as-unworkable",
                published: "2026-03-11T16:20:00+00:00",
                modified: None,
                language: "en",
                section: "Business",
                keywords: &["fishing", "quota", "cod", "Marrow Point"],
                description: None,
                byline: None,
                dateline: Some(Place {
                    text: "MARROW POINT, Mar 11 (CPA)",
                    place: "MARROW POINT",
                    region: None,
                    date: Some("Mar 11"),
                    agency: Some("CPA"),
                }),
                lead: "Trawler owners in Westmarch on Wednesday rejected",
                lead_end: None,
                headings: &[
                    "A survey in dispute",
                    "Scientists stand firm",
                    "What are the options?",
                ],
                paragraphs: &[Para::Is("The meeting lasted forty minutes.")],
                typography: &["2026–27", "Fish & Ice", "‘unworkable’"],
                authors: &[("Joss Carver", None), ("Mira Elstad", None)],
                contributors: &[],
                editors: &["Bram Okonjo"],
                publisher: Publisher::Channel,
                genre: None,
                sources: &[
                    "Westmarch Fisheries Office",
                    "Westmarch Fishermen’s Association",
                    "Marrow Point Fish & Ice Company",
                ],
                image: None,
                residue: &[],
                paragraph_count: 11,
                heading_count: 3,
                word_count: 434,
            },
        ),
        (
            "lighthouse-restoration.txt",
            Expect {
                headline: "‘The lamp is the easy part’: restoring the light at Skerry Head",
                slug: "skerry-head-lighthouse-restoration",
                url: "https://ledger.example/news/skerry-head-lighthouse-restoration",
                published: "2026-03-14T08:00:00+00:00",
                modified: None,
                language: "en",
                section: "Culture",
                keywords: &["lighthouse", "restoration", "Skerry Head", "heritage"],
                description: None,
                byline: None,
                dateline: Some(Place {
                    text: "SKERRY HEAD, Westmarch",
                    place: "SKERRY HEAD",
                    region: Some("Westmarch"),
                    date: None,
                    agency: None,
                }),
                lead: "For the first time since 1987, the lantern at Skerry Head lighthouse",
                lead_end: None,
                headings: &[
                    "Why restore a light ships no longer need?",
                    "What was the hardest part of the work?",
                    "How was it paid for?",
                    "Will the light ever guide ships again?",
                ],
                paragraphs: &[
                    Para::Is("“Lamp lit at sunset. Wind south-west, fresh. All well.”"),
                    Para::Is("This interview has been edited for length and clarity."),
                    Para::EndsWith("in faded ink:"),
                ],
                typography: &["£310,000"],
                authors: &[("Dagny Holm", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Interview),
                sources: &[],
                image: Some(Picture {
                    url: "https://ledger.example/media/skerry-head-lantern.jpg",
                    alt: "A woman in overalls stands inside the glazed lantern room of a lighthouse",
                    caption: "Ebba Rosqvist in the restored lantern room at Skerry Head.",
                    credit: Some((
                        "Rosa Lindgren / Skerry Head Lighthouse Trust",
                        "Rosa Lindgren",
                        "Skerry Head Lighthouse Trust",
                    )),
                }),
                residue: &["Comments ()"],
                paragraph_count: 10,
                heading_count: 4,
                word_count: 445,
            },
        ),
        (
            "marrow-point-electric-ferry.md",
            Expect {
                headline: "Electric ferry begins trial on the Marrow Point crossing",
                slug: "marrow-point-electric-ferry-trial",
                url: "https://ledger.example/news/marrow-point-electric-ferry-trial",
                published: "2026-03-18T07:30:00+00:00",
                modified: None,
                language: "en",
                section: "Transport",
                keywords: &["ferry", "electric", "Marrow Point", "Brackenmouth"],
                description: None,
                byline: Some("By Ingrid Solberg, Transport Correspondent"),
                dateline: Some(Place {
                    text: "MARROW POINT, Westmarch (CPA)",
                    place: "MARROW POINT",
                    region: Some("Westmarch"),
                    date: None,
                    agency: Some("CPA"),
                }),
                lead: "A battery-powered passenger ferry began a six-month trial on the crossing between",
                lead_end: Some(
                    "the first time an electric vessel has carried paying passengers on the Westmarch coast.",
                ),
                headings: &[
                    "How the boat works",
                    "Will it cope with winter?",
                    "What passengers pay",
                ],
                paragraphs: &[
                    Para::Is("at least 98 per cent of timetabled sailings completed;"),
                    Para::Is("no crossing cancelled for lack of charge;"),
                    Para::Is("running costs no higher than the diesel ferry’s."),
                    Para::Is(
                        "“We did not want anyone to miss a train because we went green,” said Colm Ashby, the company’s managing director.",
                    ),
                    Para::EndsWith("before any decision on a permanent service:"),
                ],
                typography: &[
                    "The boat, named Tern, made four return crossings",
                    "according to the Westmarch Transport Authority, which is paying",
                    "If Tern passes",
                    "£2.80",
                ],
                authors: &[("Ingrid Solberg", Some("Transport Correspondent"))],
                contributors: &["Pieter Haas"],
                editors: &["Maud Ferrier"],
                publisher: Publisher::Channel,
                genre: Some(Genre::Reportage),
                sources: &[
                    "Westmarch Transport Authority",
                    "Brackenmouth Ferries",
                    "Coastline Press Agency",
                ],
                image: Some(Picture {
                    url: "https://ledger.example/media/marrow-point-electric-ferry.jpg",
                    alt: "A small white passenger ferry with solar panels on its cabin roof, moored at a wooden jetty",
                    caption: "The Tern, the battery-powered ferry on trial between Marrow Point and Brackenmouth.",
                    credit: Some((
                        "Lena Voss / Coastline Press Agency",
                        "Lena Voss",
                        "Coastline Press Agency",
                    )),
                }),
                residue: &[],
                paragraph_count: 12,
                heading_count: 3,
                word_count: 352,
            },
        ),
        (
            "election-debate.txt",
            Expect {
                headline: "Westmarch leadership hopefuls clash over ferries and flood defences",
                slug: "westmarch-leadership-hopefuls-clash-over-ferries-and-flood-defences",
                url: "https://ledger.example/news/westmarch-leadership-hopefuls-clash-over-ferries-and-flood-defences",
                published: "2026-03-18T22:15:00+00:00",
                modified: Some("2026-03-19T07:40:00+00:00"),
                language: "en",
                section: "Politics",
                keywords: &["election", "Westmarch Regional Council", "debate"],
                description: None,
                byline: Some("By Priya Nandakumar, Callum Reyes and Ife Adebayo"),
                dateline: Some(Place {
                    text: "BRACKENMOUTH",
                    place: "BRACKENMOUTH",
                    region: None,
                    date: None,
                    agency: None,
                }),
                lead: "The four candidates to lead Westmarch Regional Council",
                lead_end: Some(
                    "in the first televised debate of a campaign that polls suggest is wide open.",
                ),
                headings: &[
                    "Ferries and fares",
                    "The barrier bill",
                    "Housing and second homes",
                    "Who came out ahead?",
                ],
                paragraphs: &[Para::Is("Nobody mentioned the hospital.")],
                typography: &[],
                authors: &[
                    ("Priya Nandakumar", None),
                    ("Callum Reyes", None),
                    ("Ife Adebayo", None),
                ],
                contributors: &["Sela Marwick"],
                editors: &[],
                publisher: Publisher::Channel,
                genre: None,
                sources: &[
                    "Westmarch Electoral Office",
                    "Westmarch Television",
                    "Coastline Press Agency",
                ],
                image: None,
                residue: &[],
                paragraph_count: 11,
                heading_count: 4,
                word_count: 440,
            },
        ),
        (
            "storm-warning.txt",
            Expect {
                headline: "Storm Ottoline to bring 80 mph gusts and high seas to the Westmarch coast",
                slug: "storm-ottoline-to-bring-80-mph-gusts-and-high-seas-to-the-westmarch-coast",
                url: "https://ledger.example/news/storm-ottoline-to-bring-80-mph-gusts-and-high-seas-to-the-westmarch-coast",
                published: "2026-03-20T05:30:00+00:00",
                modified: Some("2026-03-20T11:00:00+00:00"),
                language: "en-GB",
                section: "Weather",
                keywords: &["storm", "weather warning", "Westmarch"],
                description: None,
                byline: None,
                dateline: Some(Place {
                    text: "PORT ELLERY, Westmarch",
                    place: "PORT ELLERY",
                    region: Some("Westmarch"),
                    date: None,
                    agency: None,
                }),
                lead: "Forecasters have issued an amber wind warning",
                lead_end: None,
                headings: &[
                    "Timing and tides",
                    "What should people do?",
                    "Cold behind the storm",
                ],
                paragraphs: &[Para::Is("Schools will open as normal on Friday.")],
                typography: &["overnight temperatures < 5°C inland"],
                authors: &[("Wren Aldous", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: None,
                sources: &[
                    "Westmarch Met Service",
                    "Port Ellery Harbour Board",
                    "Westmarch Highways Department",
                ],
                image: None,
                residue: &[],
                paragraph_count: 10,
                heading_count: 3,
                word_count: 365,
            },
        ),
        (
            "harbour-market-review.txt",
            Expect {
                headline: "Review: Kestrel Bay’s new harbour market is worth the queue",
                slug: "review-kestrel-bays-new-harbour-market-is-worth-the-queue",
                url: "https://ledger.example/news/review-kestrel-bays-new-harbour-market-is-worth-the-queue",
                published: "2026-03-22T10:00:00+01:00",
                modified: None,
                language: "en",
                section: "Food & Drink",
                keywords: &["market", "food", "Kestrel Bay", "review"],
                description: None,
                byline: Some("BY HELGA SUNDBERG"),
                dateline: None,
                lead: "The Saltings Market, which opened on Saturday",
                lead_end: None,
                headings: &[
                    "The stalls",
                    "The café",
                    "Is it worth the trip?",
                    "The verdict",
                ],
                paragraphs: &[Para::Is("The coffee is good, the seating is not.")],
                typography: &[
                    "Café Noëlle",
                    "Zoë Marchand",
                    "crème caramel",
                    "Tide & Thyme",
                    "£7.50",
                ],
                authors: &[("Helga Sundberg", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Review),
                sources: &[],
                image: Some(Picture {
                    url: "https://ledger.example/media/saltings-market-hall.jpg",
                    alt: "Shoppers walk between food stalls under the iron roof of a former fish auction hall",
                    caption: "The Saltings Market in the old fish auction hall on Kestrel Bay’s north quay.",
                    credit: Some((
                        "Helga Sundberg / Harbour Ledger",
                        "Helga Sundberg",
                        "Harbour Ledger",
                    )),
                }),
                residue: &[],
                paragraph_count: 11,
                heading_count: 4,
                word_count: 442,
            },
        ),
        (
            "museum-logbooks.txt",
            Expect {
                headline: "Why the Ellery Maritime Museum paid £1.2m for a whaling captain’s logbooks",
                slug: "ellery-maritime-museum-vance-logbooks",
                url: "https://ledger.example/news/ellery-maritime-museum-vance-logbooks",
                published: "2026-03-25T13:00:00+02:00",
                modified: Some("2026-03-25T16:45:00+02:00"),
                language: "en",
                section: "Culture",
                keywords: &[],
                description: None,
                byline: None,
                dateline: Some(Place {
                    text: "PORT ELLERY (CPA)",
                    place: "PORT ELLERY",
                    region: None,
                    date: None,
                    agency: Some("CPA"),
                }),
                lead: "The Ellery Maritime Museum has bought the complete logbooks",
                lead_end: None,
                headings: &[
                    "Who was Aurelio Vance?",
                    "What is in the logbooks",
                    "Where did the money come from?",
                    "When can the public see them?",
                ],
                paragraphs: &[],
                typography: &["Léontine Barre", "£1.2 million"],
                authors: &[("Elodie Marchetti", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Named("Coastline Press Agency"),
                genre: Some(Genre::Background),
                sources: &[],
                image: Some(Picture {
                    url: "https://ledger.example/media/vance-logbooks.jpg",
                    alt: "Three leather-bound logbooks lie open on a conservation table under a lamp",
                    caption: "The logbooks of Captain Aurelio Vance at the Ellery Maritime Museum.",
                    credit: Some(("CPA Photo/Lena Voss", "Lena Voss", "CPA")),
                }),
                residue: &["Share this article", "Comments ()"],
                paragraph_count: 10,
                heading_count: 4,
                word_count: 455,
            },
        ),
        (
            "sea-defences-commentary.txt",
            Expect {
                headline: "Westmarch needs a straight answer on who pays for its sea defences",
                slug: "westmarch-needs-a-straight-answer-on-who-pays-for-its-sea-defences",
                url: "https://ledger.example/news/westmarch-needs-a-straight-answer-on-who-pays-for-its-sea-defences",
                published: "2026-03-26T07:00:00-05:00",
                modified: None,
                language: "en",
                section: "Opinion",
                keywords: &["opinion", "flood defences", "Westmarch", "election"],
                description: None,
                byline: None,
                dateline: None,
                lead: "Westmarch has spent six years arguing",
                lead_end: None,
                headings: &[
                    "The easy part is over",
                    "A levy by any other name",
                    "What would honesty look like?",
                ],
                paragraphs: &[Para::Is(
                    "The candidates have three weeks left to give them that chance.",
                )],
                typography: &[],
                authors: &[("Cormac Fenn", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Opinion),
                sources: &[],
                image: None,
                residue: &[],
                paragraph_count: 9,
                heading_count: 3,
                word_count: 422,
            },
        ),
        (
            "salthaven-tidal-pool.md",
            Expect {
                headline: "Salthaven’s tidal pool will fill again this summer, thanks to 600 volunteers",
                slug: "salthaven-tidal-pool-reopens",
                url: "https://ledger.example/news/salthaven-tidal-pool-reopens",
                published: "2026-03-27T10:15:00+00:00",
                modified: None,
                language: "en-GB",
                section: "Community",
                keywords: &["Salthaven", "tidal pool", "volunteers", "swimming"],
                description: None,
                byline: Some("By Aurora Penhallow"),
                dateline: Some(Place {
                    text: "SALTHAVEN",
                    place: "SALTHAVEN",
                    region: None,
                    date: None,
                    agency: None,
                }),
                lead: "The tidal pool below Salthaven’s east cliff",
                lead_end: Some(
                    "after a two-year repair carried out almost entirely by volunteers.",
                ),
                headings: &[
                    "Who did the work?",
                    "Is it safe to swim?",
                    "What the pool will keep",
                    "What happens on 1 June",
                ],
                paragraphs: &[
                    Para::Is(
                        "The charity will open the pool at 9 a.m. with a race for under-twelves, the first since 2022. Entry stays free.",
                    ),
                    Para::EndsWith("Details of the appeal are on the charity’s website."),
                ],
                typography: &[
                    "said Tamsin Rowe, the charity’s chair",
                    "where beadlet anemones have lived",
                    "£180,000",
                ],
                authors: &[("Aurora Penhallow", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Feature),
                sources: &["Friends of Salthaven Pool", "Salthaven Town Council"],
                image: Some(Picture {
                    url: "https://ledger.example/media/salthaven-tidal-pool.jpg",
                    alt: "Volunteers in waders scrub the concrete floor of an empty seawater pool below a cliff",
                    caption: "Volunteers clearing the floor of the Salthaven tidal pool in February.",
                    credit: Some(("CPA Photo/Rosa Lindgren", "Rosa Lindgren", "CPA")),
                }),
                residue: &[],
                paragraph_count: 9,
                heading_count: 4,
                word_count: 381,
            },
        ),
        (
            "harbour-pilot-obituary.txt",
            Expect {
                headline: "Solveig Arnott, Port Ellery’s first woman harbour pilot, dies at 88",
                slug: "solveig-arnott-obituary",
                url: "https://ledger.example/news/solveig-arnott-obituary",
                published: "2026-03-28T09:00:00+00:00",
                modified: None,
                language: "en",
                section: "Obituaries",
                keywords: &[],
                description: Some(
                    "Solveig Arnott, Port Ellery’s first woman harbour pilot, who guided more than 9,000 ships through its channel, has died aged 88.",
                ),
                byline: Some("By Ansel Grieve"),
                dateline: None,
                lead: "Solveig Arnott, who became Port Ellery’s first woman harbour pilot in 1962",
                lead_end: Some("died on Tuesday at her home in Marrow Point. She was 88."),
                headings: &[
                    "Into the pilot boat",
                    "The night of the Halcyon",
                    "Later years",
                ],
                paragraphs: &[Para::Is(
                    "Her daughter, Kirsten Arnott, said the cause was heart failure.",
                )],
                typography: &[],
                authors: &[("Ansel Grieve", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Obituary),
                sources: &["Port Ellery Harbour Board", "Westmarch Pilots’ Association"],
                image: None,
                residue: &[],
                paragraph_count: 9,
                heading_count: 3,
                word_count: 389,
            },
        ),
        (
            "brackenmouth-oyster-beds.json",
            Expect {
                headline: "Brackenmouth oyster beds reopen after three years of clean water tests",
                slug: "brackenmouth-oyster-beds-reopen",
                url: "https://ledger.example/news/brackenmouth-oyster-beds-reopen",
                published: "2026-03-30T06:00:00+01:00",
                modified: Some("2026-03-30T12:20:00+01:00"),
                language: "en",
                section: "Business",
                keywords: &["oysters", "fishing", "Brackenmouth", "water quality"],
                description: Some(
                    "Oyster farmers on the Brackenmouth estuary sold their first harvest in three years on Monday, after the Westmarch food standards office lifted a ban imposed when sewage overflows upstream polluted the flats in the spring of 2023.",
                ),
                byline: None,
                dateline: Some(Place {
                    text: "BRACKENMOUTH",
                    place: "BRACKENMOUTH",
                    region: None,
                    date: None,
                    agency: None,
                }),
                lead: "Oyster farmers on the Brackenmouth estuary sold their first harvest",
                lead_end: Some("polluted the flats in the spring of 2023."),
                headings: &["Why the beds were closed", "What the farmers want now"],
                paragraphs: &[Para::Is(
                    "The water company said it was “pleased the estuary has recovered” and would meet the growers in April.",
                )],
                typography: &["£1.4 million", "growers’ association", "weren’t"],
                authors: &[("Nils Garrow", None)],
                contributors: &[],
                editors: &[],
                publisher: Publisher::Channel,
                genre: Some(Genre::Reportage),
                sources: &[
                    "Westmarch Food Standards Office",
                    "Brackenmouth Oyster Growers’ Association",
                    "Bracken Water",
                ],
                image: Some(Picture {
                    url: "https://ledger.example/media/brackenmouth-oyster-beds.jpg",
                    alt: "Two oyster farmers in waders lift a mesh bag of oysters from a trestle at low tide",
                    caption: "Oyster trestles on the Brackenmouth flats at low tide.",
                    credit: Some((
                        "Tobias Wren / Coastline Press Agency",
                        "Tobias Wren",
                        "Coastline Press Agency",
                    )),
                }),
                residue: &[],
                paragraph_count: 6,
                heading_count: 2,
                word_count: 229,
            },
        ),
    ]
}

#[test]
fn sample_articles_parse_into_their_records() {
    for (file, expect) in table() {
        check(file, expect);
    }
}

#[test]
fn every_sample_article_has_an_expectation() {
    let (_, articles) = articles();
    let files: Vec<&str> = articles.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = table().into_iter().map(|(file, _)| file).collect();
    expected.sort_unstable();
    assert_eq!(files, expected);
}

#[test]
fn channel_reports_only_the_dropped_residue() {
    let out = tempfile::tempdir().unwrap();
    let (report, _) = build_sample(out.path());
    let mut got: Vec<_> = report.diagnostics.iter().map(residue_note).collect();
    got.sort();
    let mut expected: Vec<_> = table()
        .into_iter()
        .flat_map(|(file, expect)| {
            expect.residue.iter().map(move |r| {
                let text = (*r).to_owned();
                (file.to_owned(), Code::DroppedResidue, Severity::Note, text)
            })
        })
        .collect();
    expected.sort();
    assert_eq!(expected.len(), 5);
    assert_eq!(got, expected);
    assert!(!report.has_errors());
}
