//! The channel: one feed's description, read from `feeds/<channel>/channel.toml`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{AbsoluteUrl, LanguageTag, Organization, Person, Slug};

/// One feed: its title and links, its publisher and the defaults its articles inherit.
///
/// ```toml
/// title = "Harbour Town Ledger"
/// description = "News from the harbour towns"
/// home_url = "https://ledger.example/"
/// base_url = "https://ledger.example/articles/"
/// feed_url = "https://ledger.example/feeds/"
/// language = "en"
///
/// [publisher]
/// name = "Harbour Town Ledger"
/// url = "https://ledger.example/"
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// The feed's title.
    pub title: String,
    /// One or two sentences on what the feed carries.
    pub description: String,
    /// The site's home page, the feed's `link`.
    pub home_url: AbsoluteUrl,
    /// The folder URL under which each article's page lives at `<base_url>/<slug>`.
    pub base_url: AbsoluteUrl,
    /// The folder URL where the built outputs are published: the RSS feed is
    /// `<feed_url>/rss.xml`, and so on for every output.
    pub feed_url: AbsoluteUrl,
    /// The language articles are in unless they say otherwise.
    pub language: LanguageTag,
    /// The organisation that publishes the feed, and each article unless it names another.
    pub publisher: ChannelPublisher,
    /// The copyright or licence statement for the feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<String>,
    /// How many of the newest articles the feeds carry.
    #[serde(default = "Channel::default_limit")]
    pub limit: u32,
    /// The author of articles that credit nobody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_author: Option<Person>,
    /// How article ids are formed.
    #[serde(default)]
    pub id_scheme: IdScheme,
}

impl Channel {
    fn default_limit() -> u32 {
        50
    }

    /// The canonical URL of the article `slug`.
    pub fn article_url(&self, slug: &Slug) -> AbsoluteUrl {
        self.base_url.join_slug(slug)
    }

    /// The published URL of the output file `name`, such as `rss.xml`.
    pub fn output_url(&self, name: &str) -> AbsoluteUrl {
        self.feed_url.join_name(name)
    }

    /// The channel's publisher as an organisation.
    pub fn publisher_organization(&self) -> Organization {
        Organization {
            name: self.publisher.name.clone(),
            url: Some(self.publisher.url.clone()),
            logo: self.publisher.logo.clone(),
        }
    }
}

/// The organisation that publishes a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelPublisher {
    /// The organisation's name.
    pub name: String,
    /// The organisation's home page.
    pub url: AbsoluteUrl,
    /// The organisation's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<AbsoluteUrl>,
}

/// How article ids are formed. Whichever is chosen, it never changes for an unchanged slug.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum IdScheme {
    /// The id is the article's canonical URL.
    #[default]
    Url,
    /// The id is an RFC 4151 tag URI, `tag:<authority>,<date>:<slug>`, which survives a move
    /// of the site to another domain.
    Tag {
        /// A domain name or e-mail address the publisher held on `date`.
        authority: String,
        /// The date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, on which `authority` was held.
        date: String,
    },
}

impl IdScheme {
    /// The id of the article `slug` whose canonical URL is `url`.
    pub fn id_for(&self, slug: &Slug, url: &AbsoluteUrl) -> String {
        match self {
            IdScheme::Url => url.as_str().to_owned(),
            IdScheme::Tag { authority, date } => format!("tag:{authority},{date}:{slug}"),
        }
    }
}
