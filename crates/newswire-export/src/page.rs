//! HTML article pages for people (`articles/<slug>.html`), with the article's JSON-LD embedded.
//!
//! A page is one complete HTML5 document with no external resource: a small inline style
//! (a readable measure, the system font stack, a light and a dark scheme), the canonical
//! link, Open Graph tags, and with a channel the feed-discovery links for RSS, Atom and JSON
//! Feed. The body is the same fragment every feed carries ([`body_html`](crate::body_html)),
//! under a header with the headline, byline, dateline and dates, the picture (or its credit
//! alone when no URL is known), and a footer with the other credits, the sources and the
//! channel's rights.
//!
//! Every text is escaped (`&`, `<`, `>`, `"`, `'`) and filtered of the characters XML 1.0
//! forbids. The JSON-LD is the article's `.jsonld` document byte for byte except that `<`,
//! `>`, `&`, U+2028 and U+2029 are written as `\u` escapes: the JSON reads back as the same
//! value, and no text in it can close the script element or open a comment.
//!
//! The page's own words ("By", "Updated", "Sources") are English whatever the article's
//! language; dates are shown as `2026-11-03 09:30 -05:00`, which reads the same in any.

use std::ops::Range;

use newswire_model::{AbsoluteUrl, Channel, Image, Person, Record};

use crate::body::RenderedBody;
use crate::document::Document;
use crate::html::{escape, push_escaped};
use crate::jsonld::jsonld_article_document;
use crate::text::{ByteTable, has_text, push_and_list, rewrite_runs};

/// The page's style sheet: no external resource, a light and a dark scheme.
const STYLE: &str = "\
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fbfbf8;--muted:#5d5d58;--rule:#d9d9d2;--link:#1d4f91}
@media (prefers-color-scheme:dark){:root{--fg:#e6e4df;--bg:#151515;--muted:#a9a7a0;--rule:#3b3b38;--link:#8fb9f0}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.125rem/1.6 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;text-rendering:optimizeLegibility}
article{max-width:38em;margin:0 auto;padding:2.5rem 1.25rem 4rem}
h1{font-size:2.2rem;line-height:1.15;margin:.2em 0 .5em;letter-spacing:-.01em}
h2{font-size:1.35rem;line-height:1.3;margin:1.8em 0 .4em}
p{margin:0 0 1em}
a{color:var(--link)}
.kicker{margin:0;font-size:.8rem;font-weight:600;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
.byline,.meta,figcaption,footer{color:var(--muted);font-size:.9rem}
.byline{margin:0 0 .25em;font-weight:600;color:var(--fg)}
.dateline{font-weight:600}
time{white-space:nowrap}
header{margin-bottom:1.5em}
figure{margin:0 0 1.5em}
img{display:block;max-width:100%;height:auto;border-radius:2px}
figcaption{margin-top:.5em;line-height:1.45}
.credit{display:inline-block;margin-left:.25em;font-size:.8rem;letter-spacing:.02em}
footer{margin-top:2.5em;padding-top:1em;border-top:1px solid var(--rule)}
footer p{margin:0 0 .5em}
";

/// The article's HTML page. With a channel, the page links the channel's feeds.
pub fn html_page(channel: Option<&Channel>, record: &Record) -> String {
    let body = RenderedBody::of(record);
    let json_ld = jsonld_article_document(record, &body);
    let channel = channel.map(PageChannel::new);
    html_page_document(channel.as_ref(), record, &body, &json_ld).into_string()
}

/// What a page takes from its channel, made once for all the channel's pages rather than on
/// every page: the channel's title and rights escaped, and the links to its three feeds as
/// the page's head writes them, each feed's URL joined and escaped. A build makes one per
/// channel and hands it to [`html_page_document`] for each article.
#[derive(Debug, Clone)]
pub struct PageChannel {
    /// The channel's title, escaped: the page's site name.
    title: String,
    /// The channel's rights, escaped, for the page's footer.
    rights: Option<String>,
    /// `<link rel="alternate">` to the RSS, Atom and JSON Feed documents, one a line.
    feed_links: String,
}

impl PageChannel {
    /// What the pages of `channel` take from it.
    pub fn new(channel: &Channel) -> PageChannel {
        PageChannel {
            title: escape(&channel.title),
            rights: channel.rights.as_deref().map(escape),
            feed_links: feed_links(channel),
        }
    }
}

/// The links from a page's head to the channel's feeds, each titled `Channel (RSS)`: the
/// channel's title escaped, the kind as it is.
fn feed_links(channel: &Channel) -> String {
    macro_rules! feed_link {
        ($media_type:literal, $kind:literal) => {
            (
                concat!(
                    "<link rel=\"alternate\" type=\"",
                    $media_type,
                    "\" title=\""
                ),
                concat!(" (", $kind, ")\" href=\""),
            )
        };
    }
    let mut out = String::new();
    for ((before_title, after_title), file) in [
        (feed_link!("application/rss+xml", "RSS"), "rss.xml"),
        (feed_link!("application/atom+xml", "Atom"), "atom.xml"),
        (
            feed_link!("application/feed+json", "JSON Feed"),
            "feed.json",
        ),
    ] {
        push_around(&mut out, before_title, &channel.title, after_title);
        push_escaped(&mut out, channel.output_url(file).as_str());
        out.push_str("\">\n");
    }
    out
}

/// The article's HTML page made from what other outputs already rendered for `record`: its
/// body (`RenderedBody::of(record)`), whose fragment the page shows, and its JSON-LD document
/// (`jsonld_article_document(record, &body)`), which the page embeds with the body's script
/// rendition in place of the body's string, so that a build reads the body once for all. The
/// page borrows the fragment, the script rendition and its style sheet rather than copying
/// them; its text is byte for byte [`html_page`]'s. What the page takes from its channel
/// comes made already, in `channel` (see [`PageChannel`]).
// Never inlined: `cargo xtask bench` counts a stage's instructions here.
#[inline(never)]
pub fn html_page_document<'a>(
    channel: Option<&PageChannel>,
    record: &Record,
    body: &'a RenderedBody,
    json_ld: &Document<'_>,
) -> Document<'a> {
    let (before_body, after_body) = json_ld.around_first();
    // All but the borrowed pieces: the JSON-LD around the body, a little longer for its
    // escapes, and the rest of the page, rarely above 5 KB.
    let size = before_body.len() + after_body.len();
    let mut out = String::with_capacity(5120 + size + size / 32);
    let mut spliced: Vec<(usize, &'a str)> = Vec::with_capacity(3);
    // The site's name escaped: the channel's title as the channel made it, or the record's
    // publisher's name, escaped here.
    let publisher_name;
    let site = match (channel, &record.publisher) {
        (Some(channel), _) => Some(channel.title.as_str()),
        (None, Some(publisher)) => {
            publisher_name = escape(&publisher.name);
            Some(publisher_name.as_str())
        }
        (None, None) => None,
    };
    let image_url = record
        .image
        .as_ref()
        .and_then(|i| i.url.as_ref())
        .map(|u| u.as_str());
    let (published, modified) = (body.published(), body.modified());

    push_plain_around(
        &mut out,
        "<!DOCTYPE html>\n<html lang=\"",
        record.language.as_str(),
        "\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    // The headline and the description are escaped once each, where they first appear, and
    // copied from there where they appear again.
    let headline = push_escaped_placed(&mut out, &record.headline);
    if let Some(site) = site {
        out.push_str(" — ");
        out.push_str(site);
    }
    out.push_str("</title>\n");
    let description = meta!(
        push_placed_around,
        &mut out,
        "name",
        "description",
        &record.description
    );
    if !record.authors.is_empty() {
        out.push_str("<meta name=\"author\" content=\"");
        push_escaped_names(&mut out, &record.authors);
        out.push_str("\">\n");
    }
    push_around(
        &mut out,
        "<link rel=\"canonical\" href=\"",
        record.url.as_str(),
        "\">\n",
    );
    if let Some(channel) = channel {
        out.push_str(&channel.feed_links);
    }
    out.push_str("<meta property=\"og:type\" content=\"article\">\n");
    meta!(
        push_copied_around,
        &mut out,
        "property",
        "og:title",
        headline.clone()
    );
    meta!(
        push_copied_around,
        &mut out,
        "property",
        "og:description",
        description
    );
    meta!(
        push_around,
        &mut out,
        "property",
        "og:url",
        record.url.as_str()
    );
    if let Some(site) = site {
        meta!(
            push_escaped_around,
            &mut out,
            "property",
            "og:site_name",
            site
        );
    }
    if let Some(locale) = og_locale(record.language.as_str()) {
        meta!(
            push_plain_around,
            &mut out,
            "property",
            "og:locale",
            &locale
        );
    }
    if let Some(url) = image_url {
        meta!(push_around, &mut out, "property", "og:image", url);
        let alt = record.image.as_ref().and_then(|i| i.alt.as_deref());
        if let Some(alt) = alt.filter(|a| has_text(a)) {
            meta!(push_around, &mut out, "property", "og:image:alt", alt);
        }
    }
    meta!(
        push_plain_around,
        &mut out,
        "property",
        "article:published_time",
        published
    );
    meta!(
        push_plain_around,
        &mut out,
        "property",
        "article:modified_time",
        modified
    );
    for author in &record.authors {
        let who = author
            .url
            .as_ref()
            .map_or(author.name.as_str(), |u| u.as_str());
        meta!(push_around, &mut out, "property", "article:author", who);
    }
    if let Some(section) = &record.section {
        meta!(
            push_around,
            &mut out,
            "property",
            "article:section",
            section
        );
    }
    let mut tags: Vec<&str> = Vec::new();
    for tag in &record.keywords {
        if has_text(tag) && !tags.contains(&tag.as_str()) {
            meta!(push_around, &mut out, "property", "article:tag", tag);
            tags.push(tag);
        }
    }
    let card = if image_url.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    meta!(push_plain_around, &mut out, "name", "twitter:card", card);
    out.push_str("<script type=\"application/ld+json\">\n");
    // The JSON-LD made safe for a script element: only what is around the body's string is
    // escaped here, the body taken as `body` rendered it for a script.
    debug_assert!(
        json_ld.pieces().any(|piece| piece == body.text_json()),
        "the JSON-LD of this body"
    );
    push_script_json(&mut out, before_body);
    spliced.push((out.len(), body.text_script()));
    push_script_json(&mut out, after_body);
    out.push_str("</script>\n<style>\n");
    spliced.push((out.len(), STYLE));
    out.push_str("</style>\n</head>\n<body>\n<article>\n");

    write_header(&mut out, record, headline, published, modified);
    if let Some(image) = &record.image {
        write_figure(&mut out, image);
    }
    if !body.html().is_empty() {
        spliced.push((out.len(), body.html()));
        out.push('\n');
    }
    write_footer(&mut out, channel.and_then(|c| c.rights.as_deref()), record);
    out.push_str("</article>\n</body>\n</html>\n");
    Document::new(out, spliced)
}

/// Appends JSON text for a `<script>` element: `json` with `<`, `>`, `&`, U+2028 and U+2029
/// escaped. They occur only inside JSON strings, where the escapes read back as the same
/// characters. Runs of text that need nothing are copied whole.
pub(crate) fn push_script_json(out: &mut String, json: &str) {
    let rewrite = |bytes: &[u8], at: usize| match (bytes[at], bytes.get(at + 1..at + 3)) {
        (b'<', _) => Some(("\\u003c", 1)),
        (b'>', _) => Some(("\\u003e", 1)),
        (b'&', _) => Some(("\\u0026", 1)),
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
        (_, Some([0x80, 0xA8])) => Some(("\\u2028", 3)),
        (_, Some([0x80, 0xA9])) => Some(("\\u2029", 3)),
        _ => None,
    };
    rewrite_runs(json, script_special, &SCRIPT_SPECIAL, rewrite, |piece| {
        out.push_str(piece)
    });
}

/// Whether [`push_script_json`] looks at `b`: `<` (0x3C) and `>` (0x3E), the bytes that `| 2`
/// makes 0x3E, `&`, and 0xE2, which starts U+2028 and U+2029.
#[inline(always)]
fn script_special(b: u8) -> bool {
    ((b | 2) == 0x3E) | (b == b'&') | (b == 0xE2)
}

/// [`script_special`] as a table.
static SCRIPT_SPECIAL: std::sync::LazyLock<ByteTable> =
    std::sync::LazyLock::new(|| ByteTable::of(script_special));

/// Appends `before`, `text` escaped, and `after`: the page's own markup around a text. The
/// markup on each side is written as one constant, tags and attribute names together, rather
/// than piece by piece: the page is mostly such pieces, and each copy has a cost of its own.
#[inline(always)]
fn push_around(out: &mut String, before: &'static str, text: &str, after: &'static str) {
    out.push_str(before);
    push_escaped(out, text);
    out.push_str(after);
}

/// [`push_around`] for a `text` that needs no escaping, such as a date or a language tag:
/// printable ASCII without `&`, `<`, `>`, `"` or `'`, copied as it is. Debug builds, and so
/// every test run, check the text.
#[inline(always)]
fn push_plain_around(out: &mut String, before: &'static str, text: &str, after: &'static str) {
    debug_assert!(
        text.bytes()
            .all(|b| (0x20..0x7F).contains(&b) && !b"&<>\"'".contains(&b)),
        "{text:?} needs escaping"
    );
    out.push_str(before);
    out.push_str(text);
    out.push_str(after);
}

/// [`push_around`] for a `text` escaped already, such as the channel's title as
/// [`PageChannel`] holds it, copied as it is.
#[inline(always)]
fn push_escaped_around(out: &mut String, before: &'static str, text: &str, after: &'static str) {
    out.push_str(before);
    out.push_str(text);
    out.push_str(after);
}

/// Appends `text` escaped, as [`push_escaped`] does; returns where in `out` it is, so that a
/// text the page shows more than once is escaped once and then copied
/// ([`push_copied_around`]).
fn push_escaped_placed(out: &mut String, text: &str) -> Range<usize> {
    let start = out.len();
    push_escaped(out, text);
    start..out.len()
}

/// [`push_around`], returning where in `out` the escaped text is (see
/// [`push_escaped_placed`]).
#[inline(always)]
fn push_placed_around(
    out: &mut String,
    before: &'static str,
    text: &str,
    after: &'static str,
) -> Range<usize> {
    out.push_str(before);
    let placed = push_escaped_placed(out, text);
    out.push_str(after);
    placed
}

/// [`push_around`] for a text escaped already earlier in `out`, at `placed`: copied from
/// there rather than escaped again.
#[inline(always)]
fn push_copied_around(
    out: &mut String,
    before: &'static str,
    placed: Range<usize>,
    after: &'static str,
) {
    out.push_str(before);
    out.extend_from_within(placed);
    out.push_str(after);
}

/// `<meta {key}="{name}" content="{content}">` on its own line, all before the content one
/// constant, the content written by `$push`: [`push_around`] (escaped), [`push_plain_around`]
/// (needs no escaping), [`push_escaped_around`] (escaped already), [`push_placed_around`]
/// (escaped, and where it is given back) or [`push_copied_around`] (escaped earlier in the
/// page, copied from there); the tag's value is what `$push` returns.
macro_rules! meta {
    ($push:ident, $out:expr, $key:literal, $name:literal, $content:expr) => {
        $push(
            $out,
            concat!("<meta ", $key, "=\"", $name, "\" content=\""),
            $content,
            "\">\n",
        )
    };
}
use meta;

/// The Open Graph locale (`en_GB`) of a language tag with a region (`en-GB`); Open Graph has
/// no form for a language alone.
fn og_locale(tag: &str) -> Option<String> {
    let mut parts = tag.split('-');
    let language = parts.next()?;
    let region = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))?;
    let language_ok =
        (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_alphabetic());
    language_ok.then(|| {
        format!(
            "{}_{}",
            language.to_ascii_lowercase(),
            region.to_ascii_uppercase()
        )
    })
}

/// `<time datetime="2026-11-03T09:30:00-05:00">2026-11-03 09:30 -05:00</time>`.
/// `datetime` is [`rfc3339`](crate::date::rfc3339)'s, which needs no escaping.
fn push_time(out: &mut String, datetime: &str) {
    push_plain_around(out, "<time datetime=\"", datetime, "\">");
    match (
        datetime.get(..10),
        datetime.get(11..16),
        datetime
            .len()
            .checked_sub(6)
            .and_then(|i| datetime.get(i..)),
    ) {
        (Some(date), Some(time), Some(offset)) => {
            out.push_str(date);
            out.push(' ');
            out.push_str(time);
            out.push(' ');
            out.push_str(offset);
        }
        _ => out.push_str(datetime),
    }
    out.push_str("</time>");
}

/// Appends `pieces` escaped, `separator` (which needs no escaping) between them: what
/// escaping their join appends, without the join.
fn push_escaped_joined(out: &mut String, pieces: &[&str], separator: &'static str) {
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        push_escaped(out, piece);
    }
}

/// Appends the names of `people` escaped as an English list, `A, B and C`: what escaping
/// their `join_and` appends, without the join.
fn push_escaped_names(out: &mut String, people: &[Person]) {
    push_and_list(out, people, |out, person| push_escaped(out, &person.name));
}

/// Appends `text` as HTML, linked to `href` (with `rel`) when there is one.
fn push_anchor(out: &mut String, href: Option<&AbsoluteUrl>, rel: Option<&str>, text: &str) {
    let Some(href) = href else {
        return push_escaped(out, text);
    };
    push_around(out, "<a href=\"", href.as_str(), "\"");
    if let Some(rel) = rel {
        push_around(out, " rel=\"", rel, "\"");
    }
    out.push('>');
    push_escaped(out, text);
    out.push_str("</a>");
}

/// Appends people as HTML, `A, B and C` (as `join_and` lists them), each name linked to
/// their page when it is known.
fn push_people(out: &mut String, people: &[Person], rel: Option<&str>) {
    push_and_list(out, people, |out, p| {
        push_anchor(out, p.url.as_ref(), rel, &p.name);
    });
}

/// The page's header; `headline` is where in `out` the headline is escaped already.
fn write_header(
    out: &mut String,
    record: &Record,
    headline: Range<usize>,
    published: &str,
    modified: &str,
) {
    out.push_str("<header>\n");
    let kicker: Vec<&str> = record
        .section
        .as_deref()
        .into_iter()
        .chain(record.genre.map(|g| g.label()))
        .filter(|s| has_text(s))
        .collect();
    if !kicker.is_empty() {
        out.push_str("<p class=\"kicker\">");
        push_escaped_joined(out, &kicker, " · ");
        out.push_str("</p>\n");
    }
    push_copied_around(out, "<h1>", headline, "</h1>\n");
    if !record.authors.is_empty() {
        out.push_str("<p class=\"byline\">By ");
        push_people(out, &record.authors, Some("author"));
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"meta\">");
    if let Some(dateline) = &record.dateline {
        out.push_str("<span class=\"dateline\">");
        push_escaped(out, &dateline.text);
        out.push_str("</span> · ");
    }
    push_time(out, published);
    if record.modified.is_some_and(|m| m != record.published) {
        out.push_str(" · Updated ");
        push_time(out, modified);
    }
    out.push_str("</p>\n</header>\n");
}

/// The picture with its caption and credit, or the caption and credit alone when the picture's
/// URL is not known.
fn write_figure(out: &mut String, image: &Image) {
    let caption = image.caption.as_deref().filter(|c| has_text(c));
    let credit = image
        .credit
        .as_ref()
        .map(|c| c.text.as_str())
        .filter(|c| has_text(c));
    if image.url.is_none() && caption.is_none() && credit.is_none() {
        return;
    }
    out.push_str("<figure>\n");
    if let Some(url) = &image.url {
        push_around(out, "<img src=\"", url.as_str(), "\" alt=\"");
        push_escaped(out, image.alt.as_deref().unwrap_or(""));
        out.push_str("\">\n");
    }
    if caption.is_some() || credit.is_some() {
        out.push_str("<figcaption>");
        if let Some(caption) = caption {
            push_escaped(out, caption);
        }
        if let Some(credit) = credit {
            if caption.is_some() {
                out.push(' ');
            }
            out.push_str("<small class=\"credit\">");
            push_escaped(out, credit);
            out.push_str("</small>");
        }
        out.push_str("</figcaption>\n");
    }
    out.push_str("</figure>\n");
}

/// The page's footer: the other credits, the sources, the publisher and `rights`, the
/// channel's rights escaped already.
fn write_footer(out: &mut String, rights: Option<&str>, record: &Record) {
    if record.contributors.is_empty()
        && record.editors.is_empty()
        && record.sources.is_empty()
        && record.publisher.is_none()
        && rights.is_none()
    {
        return;
    }
    out.push_str("<footer>\n");
    if !record.contributors.is_empty() {
        out.push_str("<p class=\"credits\">Additional reporting by ");
        push_people(out, &record.contributors, None);
        out.push_str(".</p>\n");
    }
    if !record.editors.is_empty() {
        out.push_str("<p class=\"credits\">Edited by ");
        push_people(out, &record.editors, None);
        out.push_str(".</p>\n");
    }
    if !record.sources.is_empty() {
        out.push_str("<p class=\"sources\">Sources: ");
        for (i, source) in record.sources.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_anchor(out, source.url.as_ref(), None, &source.name);
        }
        out.push_str(".</p>\n");
    }
    if let Some(publisher) = &record.publisher {
        out.push_str("<p class=\"publisher\">Published by ");
        push_anchor(out, publisher.url.as_ref(), None, &publisher.name);
        out.push_str(".</p>\n");
    }
    if let Some(rights) = rights {
        out.push_str("<p class=\"rights\">");
        out.push_str(rights);
        out.push_str("</p>\n");
    }
    out.push_str("</footer>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(tag: &str, expect: Option<&str>) {
        assert_eq!(og_locale(tag).as_deref(), expect, "og_locale({tag:?})");
    }

    #[track_caller]
    fn check_script(json: &str, expect: &str) {
        let mut out = String::new();
        push_script_json(&mut out, json);
        assert_eq!(out, expect, "push_script_json({json:?})");
    }

    #[test]
    fn script_json_escapes() {
        for (json, expect) in [
            ("", ""),
            ("{\"a\": 1}", "{\"a\": 1}"),
            (
                "\"</script><!-- & -->\"",
                "\"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e\"",
            ),
            (
                "\u{2028}\u{2029}\u{2027}\u{202A}é🚢",
                "\\u2028\\u2029\u{2027}\u{202A}é🚢",
            ),
            ("end\u{2028}", "end\\u2028"),
        ] {
            check_script(json, expect);
        }
    }

    /// A page made with a [`PageChannel`] is the channel-less page with the channel's pieces
    /// made page by page, as the page once made them: the title's site name, the three feed
    /// links, the site name meta tag and the footer's rights, each text escaped where it is
    /// written. Over generated channels whose title, rights and feed URL hold what escaping
    /// rewrites or leaves out.
    #[test]
    fn page_channel_writes_what_each_page_wrote() {
        let mut next = crate::tests::numbers(31);
        let pieces = [
            "&", "<", ">", "\"", "'", "#", "\u{1}", "\u{FFFE}", "é", " — ",
        ];
        let feed_urls = [
            "https://n.example/feeds/",
            "https://n.example/feeds",
            "https://n.example/",
            "https://n.example/f/?a=1&b='2'",
            "https://n.example/f#x<y>",
        ];
        let record = crate::tests::record("https://n.example/a", "https://n.example/a");
        let plain = html_page(None, &record);
        for i in 0..400 {
            let mut title = String::new();
            crate::tests::push_pieces(&mut title, &mut next, &pieces, 12, 3);
            let mut rights = String::new();
            crate::tests::push_pieces(&mut rights, &mut next, &pieces, 12, 3);
            let rights = (i % 3 != 0).then_some(rights);
            let channel: Channel = serde_json::from_value(serde_json::json!({
                "title": title,
                "description": "D",
                "home_url": "https://n.example/",
                "base_url": "https://n.example/",
                "feed_url": feed_urls[next() as usize % feed_urls.len()],
                "language": "en",
                "publisher": {"name": "P", "url": "https://n.example/"},
                "rights": rights,
            }))
            .expect("test channels are valid");

            let site = escape(&channel.title);
            let mut links = String::new();
            for (media_type, kind, file) in [
                ("application/rss+xml", "RSS", "rss.xml"),
                ("application/atom+xml", "Atom", "atom.xml"),
                ("application/feed+json", "JSON Feed", "feed.json"),
            ] {
                links.push_str(&format!(
                    "<link rel=\"alternate\" type=\"{media_type}\" title=\"{site} ({kind})\" \
                     href=\"{}\">\n",
                    escape(channel.output_url(file).as_str())
                ));
            }
            let og_url = "<meta property=\"og:url\" content=\"https://n.example/a\">\n";
            let og_type = "<meta property=\"og:type\" content=\"article\">\n";
            let mut expect = plain
                .replacen("</title>\n", &format!(" — {site}</title>\n"), 1)
                .replacen(og_type, &format!("{links}{og_type}"), 1)
                .replacen(
                    og_url,
                    &format!("{og_url}<meta property=\"og:site_name\" content=\"{site}\">\n"),
                    1,
                );
            if let Some(rights) = &channel.rights {
                let footer = format!(
                    "<footer>\n<p class=\"rights\">{}</p>\n</footer>\n</article>",
                    escape(rights)
                );
                expect = expect.replacen("</article>", &footer, 1);
            }
            assert_eq!(html_page(Some(&channel), &record), expect, "{channel:?}");
        }
    }

    /// A text escaped once and copied where it is shown again reads as the text escaped where
    /// it is shown: over generated texts holding what escaping rewrites or leaves out, after
    /// text of their own, and in pages at each place the headline and the description show.
    #[test]
    fn texts_copied_read_as_texts_escaped() {
        let pieces = [
            "&", "<", ">", "\"", "'", "#", "\t", "\u{1}", "\u{FFFE}", "é", "🚢",
        ];
        let mut next = crate::tests::numbers(47);
        for _ in 0..20_000 {
            let mut before = String::new();
            crate::tests::push_pieces(&mut before, &mut next, &pieces, 8, 2);
            let mut text = String::new();
            crate::tests::push_pieces(&mut text, &mut next, &pieces, 64, 4);
            let mut copied = before.clone();
            let placed = push_placed_around(&mut copied, "<a>", &text, "</a>");
            push_copied_around(&mut copied, "<b>", placed, "</b>");
            let mut escaped = before;
            push_around(&mut escaped, "<a>", &text, "</a>");
            push_around(&mut escaped, "<b>", &text, "</b>");
            assert_eq!(copied, escaped, "{text:?}");
        }
        let mut record = crate::tests::record("https://n.example/a", "https://n.example/a");
        for _ in 0..300 {
            record.headline = "H".to_owned();
            crate::tests::push_pieces(&mut record.headline, &mut next, &pieces, 40, 3);
            record.description = "D".to_owned();
            crate::tests::push_pieces(&mut record.description, &mut next, &pieces, 80, 3);
            let page = html_page(None, &record);
            let (headline, description) = (escape(&record.headline), escape(&record.description));
            for shown in [
                format!("<title>{headline}</title>"),
                format!("<meta name=\"description\" content=\"{description}\">"),
                format!("<meta property=\"og:title\" content=\"{headline}\">"),
                format!("<meta property=\"og:description\" content=\"{description}\">"),
                format!("<h1>{headline}</h1>"),
            ] {
                assert!(page.contains(&shown), "{shown:?} in {page}");
            }
        }
    }

    /// Names escaped one by one as a list read as their list escaped, over generated lists of
    /// none to five names holding what escaping rewrites or leaves out.
    #[test]
    fn names_escaped_as_their_list() {
        let pieces = [
            "&", "<", ">", "\"", "'", "#", "\u{1}", "\u{FFFE}", "é", ", ",
        ];
        let mut next = crate::tests::numbers(59);
        for _ in 0..10_000 {
            let people: Vec<Person> = (0..next() % 6)
                .map(|_| {
                    let mut name = String::new();
                    crate::tests::push_pieces(&mut name, &mut next, &pieces, 24, 3);
                    Person::named(name)
                })
                .collect();
            let mut out = String::new();
            push_escaped_names(&mut out, &people);
            assert_eq!(
                out,
                escape(&crate::text::join_and(
                    &people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>()
                )),
                "{people:?}"
            );
        }
    }

    #[test]
    fn open_graph_locales() {
        for (tag, expect) in [
            ("en", None),
            ("en-GB", Some("en_GB")),
            ("pt-BR", Some("pt_BR")),
            ("zh-Hant-TW", Some("zh_TW")),
            ("es-419", None),
            ("fr", None),
        ] {
            check(tag, expect);
        }
    }
}
