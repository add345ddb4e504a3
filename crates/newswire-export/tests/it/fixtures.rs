//! Hand-made records and a channel about invented events, with hostile text on purpose:
//! `]]>`, `</script>`, `<!--`, `&`, quotes, NUL and other control characters, emoji.

use newswire_model::{
    AbsoluteUrl, Block, Channel, ChannelPublisher, Credit, Dateline, Genre, IdScheme, Image,
    LanguageTag, Organization, Person, Record, Slug, Timestamp, word_count,
};

pub(crate) fn url(s: &str) -> AbsoluteUrl {
    AbsoluteUrl::parse(s).expect("fixture URLs are valid")
}

pub(crate) fn time(s: &str) -> Timestamp {
    Timestamp::parse_from_rfc3339(s).expect("fixture times are valid")
}

fn lang(s: &str) -> LanguageTag {
    LanguageTag::parse(s).expect("fixture languages are valid")
}

fn person(name: &str, role: Option<&str>, page: Option<&str>) -> Person {
    Person {
        name: name.into(),
        role: role.map(Into::into),
        url: page.map(url),
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

fn heading(text: &str) -> Block {
    Block::Heading { text: text.into() }
}

pub(crate) fn channel() -> Channel {
    Channel {
        title: "Harbour Town Ledger & Gazette".into(),
        description: "News from the harbour towns of Westhaven".into(),
        home_url: url("https://ledger.example/"),
        base_url: url("https://ledger.example/articles/"),
        feed_url: url("https://ledger.example/feeds/"),
        language: lang("en"),
        publisher: ChannelPublisher {
            name: "Harbour Town Ledger".into(),
            url: url("https://ledger.example/"),
            logo: Some(url("https://ledger.example/logo.png")),
        },
        rights: Some("© 2026 Harbour Town Ledger. All rights reserved.".into()),
        limit: 50,
        default_author: None,
        id_scheme: IdScheme::Url,
    }
}

fn finish(mut record: Record) -> Record {
    record.word_count = word_count(&record.body);
    record
}

/// Every field set; New York offset; hostile text everywhere.
pub(crate) fn ferry() -> Record {
    let page = "https://ledger.example/articles/night-ferry-returns";
    finish(Record {
        id: page.into(),
        slug: Slug::new("night-ferry-returns").expect("valid slug"),
        url: url(page),
        headline: "Night ferry \u{1}“Saltmere Star” returns & sails at 22:00 🚢".into(),
        description:
            "The ferry's <b>first</b> crossing since March ]]> drew 40 people & a \"brass\" band."
                .into(),
        published: time("2026-11-03T09:30:00-05:00"),
        modified: Some(time("2026-11-03T14:05:00-05:00")),
        language: lang("en"),
        authors: vec![
            person(
                "Ana Lima",
                Some("Staff Writer"),
                Some("https://ledger.example/people/ana-lima"),
            ),
            person("Tomás Ferreira", None, None),
        ],
        contributors: vec![person("Ida Marsh", None, None)],
        editors: vec![person("Colm Reddy", Some("Night Editor"), None)],
        publisher: Some(Organization {
            name: "Harbour Town Ledger".into(),
            url: Some(url("https://ledger.example/")),
            logo: Some(url("https://ledger.example/logo.png")),
        }),
        dateline: Some(Dateline {
            text: "SALTMERE, Westhaven (Coastwire)".into(),
            place: "SALTMERE".into(),
            region: Some("Westhaven".into()),
            date: None,
            agency: Some("Coastwire".into()),
        }),
        genre: Some(Genre::Analysis),
        sources: vec![
            Organization {
                name: "Saltmere Harbour Board".into(),
                url: Some(url("https://harbourboard.example/")),
                logo: None,
            },
            Organization::named("Westhaven Weather Service"),
        ],
        image: Some(Image {
            url: Some(url("https://ledger.example/img/night-ferry.jpg")),
            alt: Some("The ferry's lights on black water".into()),
            caption: Some("The Saltmere Star leaves port <!-- not a comment --> at 22:00".into()),
            credit: Some(Credit {
                text: "Ana Lima / Northlight".into(),
                creator: Some("Ana Lima".into()),
                provider: Some("Northlight".into()),
            }),
        }),
        keywords: vec!["ferries".into(), "Saltmere".into(), "night & day".into()],
        section: Some("Coast".into()),
        body: vec![
            paragraph("The ferry left at 22:00 sharp; a sign read </script> and ]]> in chalk."),
            heading("What changes?"),
            paragraph(
                "Fares stay at £4 \u{0}for adults & “children go free”, the board's clerk said <!-- twice -->.",
            ),
            paragraph("Crew members 🚢 cheered. 'It's good to be back,' said one."),
        ],
        word_count: 0,
    })
}

/// A tag: id, an Indian offset, another language, a picture credit without a URL, no dateline.
pub(crate) fn tides() -> Record {
    finish(Record {
        id: "tag:ledger.example,2026:tide-tables".into(),
        slug: Slug::new("tide-tables").expect("valid slug"),
        url: url("https://ledger.example/articles/tide-tables"),
        headline: "Les tables des marées de Port-Lune changent".into(),
        description: "Le bureau du port publie de nouvelles tables.".into(),
        published: time("2026-10-30T18:45:10+05:30"),
        modified: None,
        language: lang("fr"),
        authors: vec![person("Élise Carron", None, None)],
        contributors: vec![],
        editors: vec![],
        publisher: Some(Organization::named("Harbour Town Ledger")),
        dateline: None,
        genre: Some(Genre::Feature),
        sources: vec![],
        image: Some(Image {
            url: None,
            alt: None,
            caption: None,
            credit: Some(Credit {
                text: "Photo: Port-Lune Archive".into(),
                creator: None,
                provider: None,
            }),
        }),
        keywords: vec![],
        section: None,
        body: vec![paragraph("Les nouvelles tables entrent en vigueur lundi.")],
        word_count: 0,
    })
}

/// A moved article (id is an old URL), UTC, a picture with a URL only, nobody credited.
pub(crate) fn lighthouse() -> Record {
    finish(Record {
        id: "https://ledger.example/old/lighthouse-keeper".into(),
        slug: Slug::new("lighthouse-keeper").expect("valid slug"),
        url: url("https://ledger.example/articles/lighthouse-keeper"),
        headline: "Greyness Point lighthouse gets a keeper again".into(),
        description: "For the first time in 30 years, someone lives at the light.".into(),
        published: time("2026-09-14T00:00:00+00:00"),
        modified: Some(time("2026-09-15T06:00:00+00:00")),
        language: lang("en"),
        authors: vec![],
        contributors: vec![],
        editors: vec![],
        publisher: None,
        dateline: None,
        genre: None,
        sources: vec![],
        image: Some(Image {
            url: Some(url("https://ledger.example/img/light.jpg")),
            alt: None,
            caption: None,
            credit: None,
        }),
        keywords: vec!["lighthouses".into()],
        section: Some("Coast".into()),
        body: vec![paragraph("The keeper moved in on Sunday.")],
        word_count: 0,
    })
}

/// The fixtures newest first, as a caller hands them to the feed writers.
pub(crate) fn records() -> Vec<Record> {
    vec![ferry(), tides(), lighthouse()]
}

/// `s` without the characters XML 1.0 forbids, written independently of the crate.
pub(crate) fn xml_clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            let n = u32::from(c);
            matches!(n, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..)
        })
        .collect()
}

/// `s` as HTML text, written independently of the crate.
pub(crate) fn html_text(s: &str) -> String {
    xml_clean(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The first character XML 1.0 forbids in `s`, with its byte offset.
pub(crate) fn forbidden_char(s: &str) -> Option<(usize, char)> {
    s.char_indices()
        .find(|&(_, c)| xml_clean(&c.to_string()).is_empty())
}
