//! The record: one article as every output sees it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{AbsoluteUrl, LanguageTag, Slug, Timestamp};

/// Version of the record format; bumped on any change a partner could notice.
pub const RECORD_FORMAT_VERSION: &str = "1";

/// One news article, fully resolved: the single source of every output format.
///
/// Everything here is explicit: ids and URLs are computed once, when the record is made, so
/// every format uses the same values and a rebuild of an unchanged article gives the same
/// record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The stable id every format uses as its guid, id or uri: the canonical URL, or an
    /// RFC 4151 `tag:` URI when the channel asks for one.
    pub id: String,
    /// The article's slug, unique within its channel.
    pub slug: Slug,
    /// The canonical URL of the article's page.
    pub url: AbsoluteUrl,
    /// The headline, never empty and never cut mid-word.
    pub headline: String,
    /// A summary: the lead without its dateline, shortened at a sentence or word boundary.
    pub description: String,
    /// When the article was first published, with its UTC offset.
    pub published: Timestamp,
    /// When the article was last changed, if ever; never before `published`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Timestamp>,
    /// The language of the article.
    pub language: LanguageTag,
    /// The people who wrote the article, one entry per person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    /// People who contributed reporting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<Person>,
    /// People who edited the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<Person>,
    /// The organisation that publishes the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Organization>,
    /// The dateline that opened the lead, kept apart from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// What kind of piece this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<Genre>,
    /// Organisations the article draws on, in the order it names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Organization>,
    /// The article's picture, or at least its credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// Keywords, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The section of the publication the article belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The body: paragraphs and section headings in reading order, without the dateline.
    pub body: Vec<Block>,
    /// Number of words in the body (headings and paragraphs).
    pub word_count: u32,
}

impl Record {
    /// The places the story is located: the dateline's place, when there is one.
    pub fn locations(&self) -> impl Iterator<Item = &str> {
        self.dateline.iter().map(|d| d.place.as_str())
    }

    /// The date partners should take as the last change: `modified`, or else `published`.
    pub fn updated(&self) -> Timestamp {
        self.modified.unwrap_or(self.published)
    }

    /// The body's paragraphs and headings as plain text, one block per line.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for block in &self.body {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(block.text());
        }
        out
    }
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph of running text.
    Paragraph {
        /// The paragraph's text, typography kept exactly.
        text: String,
    },
    /// A section heading that titles the paragraphs after it.
    Heading {
        /// The heading's text.
        text: String,
    },
}

impl Block {
    /// The block's text, whatever its kind.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text } | Block::Heading { text } => text,
        }
    }
}

/// Counts words in `blocks` the way the record's `word_count` does: runs of characters
/// separated by white space.
pub fn word_count(blocks: &[Block]) -> u32 {
    let words: usize = blocks
        .iter()
        .map(|b| b.text().split_whitespace().count())
        .sum();
    u32::try_from(words).unwrap_or(u32::MAX)
}

/// A person credited on the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The person's name only, as they write it (no role, no "By").
    pub name: String,
    /// The person's role or title as credited, such as "Staff Writer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A page about the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<AbsoluteUrl>,
}

impl Person {
    /// A person known by name only.
    pub fn named(name: impl Into<String>) -> Person {
        Person {
            name: name.into(),
            role: None,
            url: None,
        }
    }
}

/// An organisation: a publisher, a news agency or a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// The organisation's name.
    pub name: String,
    /// The organisation's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<AbsoluteUrl>,
    /// The organisation's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<AbsoluteUrl>,
}

impl Organization {
    /// An organisation known by name only.
    pub fn named(name: impl Into<String>) -> Organization {
        Organization {
            name: name.into(),
            url: None,
            logo: None,
        }
    }
}

/// The dateline that opens a lead, such as `NAIROBI, Kenya (Reuters) —`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dateline {
    /// The dateline as printed, without its closing dash, such as `NAIROBI, Kenya (Reuters)`.
    pub text: String,
    /// The place, as printed in capitals, such as `NAIROBI`.
    pub place: String,
    /// The region or country after the place, such as `Kenya`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The date as printed in the dateline, such as `Nov 3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The news agency named in the dateline, such as `Reuters`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

/// What kind of journalism a piece is (IPTC genre; schema.org NewsArticle subtypes).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    /// Straight reporting of events (schema.org ReportageNewsArticle, IPTC Actuality).
    Reportage,
    /// Interpretation of events (schema.org AnalysisNewsArticle, IPTC Analysis).
    Analysis,
    /// Argued opinion (schema.org OpinionNewsArticle, IPTC Opinion).
    Opinion,
    /// Context and history (schema.org BackgroundNewsArticle, IPTC Background).
    Background,
    /// A review of a work or event (schema.org ReviewNewsArticle, IPTC Review).
    Review,
    /// A feature story (IPTC Feature).
    Feature,
    /// An interview (IPTC Interview).
    Interview,
    /// An obituary (IPTC Obituary).
    Obituary,
}

impl Genre {
    /// Every genre, in declaration order.
    pub const ALL: [Genre; 8] = [
        Genre::Reportage,
        Genre::Analysis,
        Genre::Opinion,
        Genre::Background,
        Genre::Review,
        Genre::Feature,
        Genre::Interview,
        Genre::Obituary,
    ];

    /// The genre's name in the record format, such as `analysis`.
    pub fn as_str(self) -> &'static str {
        match self {
            Genre::Reportage => "reportage",
            Genre::Analysis => "analysis",
            Genre::Opinion => "opinion",
            Genre::Background => "background",
            Genre::Review => "review",
            Genre::Feature => "feature",
            Genre::Interview => "interview",
            Genre::Obituary => "obituary",
        }
    }

    /// The genre's display label, such as `Analysis`.
    pub fn label(self) -> &'static str {
        match self {
            Genre::Reportage => "Reportage",
            Genre::Analysis => "Analysis",
            Genre::Opinion => "Opinion",
            Genre::Background => "Background",
            Genre::Review => "Review",
            Genre::Feature => "Feature",
            Genre::Interview => "Interview",
            Genre::Obituary => "Obituary",
        }
    }

    /// The genre's code in the IPTC genre vocabulary (`http://cv.iptc.org/newscodes/genre/`).
    pub fn iptc_code(self) -> &'static str {
        match self {
            Genre::Reportage => "Actuality",
            Genre::Analysis => "Analysis",
            Genre::Opinion => "Opinion",
            Genre::Background => "Background",
            Genre::Review => "Review",
            Genre::Feature => "Feature",
            Genre::Interview => "Interview",
            Genre::Obituary => "Obituary",
        }
    }

    /// The schema.org `NewsArticle` subtype for this genre, when schema.org has one.
    pub fn schema_org_type(self) -> Option<&'static str> {
        match self {
            Genre::Reportage => Some("ReportageNewsArticle"),
            Genre::Analysis => Some("AnalysisNewsArticle"),
            Genre::Opinion => Some("OpinionNewsArticle"),
            Genre::Background => Some("BackgroundNewsArticle"),
            Genre::Review => Some("ReviewNewsArticle"),
            Genre::Feature | Genre::Interview | Genre::Obituary => None,
        }
    }

    /// The genre whose record name is `s`, such as `analysis`.
    pub fn from_name(s: &str) -> Option<Genre> {
        Genre::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// The article's picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Where the picture is; a credit may be known before the URL is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<AbsoluteUrl>,
    /// Text that describes the picture for people who cannot see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// The caption printed with the picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Who made the picture and who supplies it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<Credit>,
}

/// A picture credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// The credit as it should be printed, such as `Ana Lima / Northlight`.
    pub text: String,
    /// The person who made the picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// The agency or library that supplies the picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}
