//! `newswire new`: the templates of a channel folder and of an article.
//!
//! A new channel is a commented `channel.toml` with `news.example` addresses to replace, and
//! one example article made by the article template. Articles are Markdown with TOML front
//! matter that pins the slug, so editing the headline later never changes the article's URL
//! or id. Their `published` date is the time they are made (UTC, to the minute): these are
//! input files for people to edit, so the clock may appear in them; no output ever reads it.

use newswire_model::{Slug, Timestamp};

/// The `channel.toml` of a new channel in the folder `name` with the feed title `title`.
pub(crate) fn channel_toml(name: &Slug, title: &str) -> String {
    let title_value = toml_string(title);
    let description = toml_string(&format!("The latest news from {title}."));
    let rights = toml_string(&format!("© {title}. All rights reserved."));
    let author = toml_string(&format!("{title} Newsroom"));
    format!(
        r#"# The channel {title_value}: `newswire build` reads the articles in articles/ and
# writes the feeds and article pages to public/{name}/.
# The news.example addresses are placeholders: replace them with your site's.

# The feed's title, shown by feed readers and used as the site name.
title = {title_value}

# One or two sentences on what the feed carries (RSS <description>, Atom <subtitle>).
description = {description}

# The site's home page: the feed's own link.
home_url = "https://news.example/"

# The folder URL under which each article's page lives: an article with slug `s`
# is at <base_url>s unless its front matter gives `url` or `canonical`.
base_url = "https://news.example/{name}/"

# The folder URL where the built outputs are published: the RSS feed is
# <feed_url>rss.xml, the JSON Feed <feed_url>feed.json, and so on.
feed_url = "https://news.example/feeds/{name}/"

# The BCP 47 language of the articles unless an article's front matter says otherwise.
language = "en"

# The copyright or licence statement carried by every feed.
rights = {rights}

# How many of the newest articles the feeds carry.
limit = 50

# The author of any article that credits nobody (no byline, no credit line and no
# `authors` in its front matter).
default_author = {{ name = {author} }}

# Article ids (the RSS guid, Atom id, JSON-LD @id) are each article's canonical URL.
# To use RFC 4151 tag URIs instead, which survive a move to another domain:
# [id_scheme]
# kind = "tag"
# authority = "news.example"
# date = "2026"

# The organisation that publishes the feed, and each article unless its front matter
# names another.
[publisher]
name = {title_value}
url = "https://news.example/"
# The organisation's logo, for schema.org publisher markup and feed images.
# logo = "https://news.example/logo.png"
"#
    )
}

/// A new article: Markdown with TOML front matter giving the headline, the slug and the
/// publication date; `author`, when given, is the byline.
pub(crate) fn article(
    headline: &str,
    slug: &Slug,
    published: &Timestamp,
    author: Option<&str>,
) -> String {
    let headline = toml_string(headline);
    let published = published.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false);
    let byline = match author {
        Some(name) => format!("By {}\n\n", one_line(name)),
        None => String::new(),
    };
    format!(
        r#"+++
# The article's front matter. Other keys: description, url, canonical, modified,
# language, genre, publisher, image. `newswire validate` checks them.
headline = {headline}
# The slug names the article's files and URL, and its id is made from it: keep it
# when you edit the headline.
slug = "{slug}"
# RFC 3339, with an offset.
published = {published}
# section = "Harbour"
# keywords = ["ferries", "tides"]
# authors = [{{ name = "Mira Castell" }}]
+++
{byline}Write the lead here: who did what, where and when, in one or two sentences. Feeds show
it as the article's description.

Write the rest of the article below, in Markdown, one paragraph after another. Quote
people by name and say where each fact comes from.

## A subheading

Subheadings split a long article into parts.
"#
    )
}

/// The current time in UTC, to the minute: the default publication date of a new article.
pub(crate) fn now() -> Timestamp {
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    let minute = now.timestamp() - now.timestamp().rem_euclid(60);
    chrono::DateTime::from_timestamp(minute, 0)
        .unwrap_or(now)
        .fixed_offset()
}

/// `name` as a feed title: a folder name such as `city-desk` in title case (`City Desk`),
/// anything else as it is.
pub(crate) fn title_for(name: &str, slug: &Slug) -> String {
    if name != slug.as_str() {
        return name.trim().to_owned();
    }
    slug.as_str()
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` on one line: line ends become spaces.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` as a TOML basic string, with the characters TOML requires escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in one_line(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_toml_string(input: &str, expect: &str) {
        assert_eq!(toml_string(input), expect);
    }

    #[test]
    fn toml_strings() {
        check_toml_string("City Desk", r#""City Desk""#);
        check_toml_string(r#"The "Quay" \ Post"#, r#""The \"Quay\" \\ Post""#);
        check_toml_string("two\nlines", r#""two lines""#);
        check_toml_string("bell\u{7}\u{7f}", r#""bell\u0007\u007F""#);
        check_toml_string("Zoë — «été»", r#""Zoë — «été»""#);
    }

    #[track_caller]
    fn check_title(name: &str, expect: &str) {
        let slug = newswire_ingest::slugify(name).unwrap();
        assert_eq!(title_for(name, &slug), expect);
    }

    #[test]
    fn titles() {
        check_title("city-desk", "City Desk");
        check_title("City Desk", "City Desk");
        check_title("  Île d'Ouessant  ", "Île d'Ouessant");
        check_title("desk2", "Desk2");
    }

    /// A new channel and its articles read with no diagnostic at all, whatever the titles hold.
    #[track_caller]
    fn check_scaffold(channel_title: &str, headline: &str, author: Option<&str>) {
        let dir = tempfile::tempdir().unwrap();
        let name = newswire_ingest::slugify(channel_title).unwrap();
        let path = dir.path().join("channel.toml");
        std::fs::write(&path, channel_toml(&name, channel_title)).unwrap();
        let validator = newswire_validate::Validator::new();
        let channel = newswire_build::load_channel(&path, &validator).unwrap();
        assert_eq!(channel.title, channel_title.trim());
        let ctx = newswire_ingest::Context {
            channel: Some(&channel),
            published: None,
        };
        let slug = newswire_ingest::slugify(headline).unwrap();
        let text = article(headline, &slug, &now(), author);
        let parsed = newswire_build::read_article(
            "new.md",
            newswire_build::InputKind::Markdown,
            text.as_bytes(),
            &ctx,
            &validator,
        );
        assert_eq!(parsed.diagnostics, [], "{text}");
        let record = parsed.record.unwrap();
        assert_eq!(record.headline, headline.trim());
        assert_eq!(record.slug, slug);
        let expected_author =
            author.map_or_else(|| format!("{channel_title} Newsroom"), str::to_owned);
        assert_eq!(record.authors[0].name, expected_author);
    }

    #[test]
    fn scaffolds_read_cleanly() {
        check_scaffold("City Desk", "City Desk opens its newsroom", None);
        check_scaffold(
            "The \"Quay\" \\ Post",
            "Tram line \"reopens\" after storm",
            Some("Ana Ruiz"),
        );
        check_scaffold(
            "Zoë’s Île",
            "Été: la fête du port — 2026",
            Some("Zoë Maréchal"),
        );
    }

    #[test]
    fn now_is_to_the_minute() {
        let now = now();
        assert_eq!(now.timestamp() % 60, 0);
        assert_eq!(now.offset().local_minus_utc(), 0);
    }
}
