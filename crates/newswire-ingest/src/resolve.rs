//! Resolution: a draft, its front matter and the channel make one record. Front matter wins
//! over what the text implies, and a real disagreement is a warning; what neither gives comes
//! from the channel; what nothing gives is an error that names the fix.

use newswire_model::{
    AbsoluteUrl, Block, BodyScan, Channel, Code, IdScheme, Image, Organization, Person, Record,
    Slug, scan_body,
};

use crate::diag::{At, Pos, Sink};
use crate::draft::Draft;
use crate::frontmatter::FrontMatter;
use crate::names::{merge, same_name, same_people};
use crate::slug::slugify;
use crate::text::{first_sentence, shorten, summarize};
use crate::{Context, Places};

/// Longest derived headline, in characters.
pub(crate) const HEADLINE_MAX: usize = 110;
/// Longest derived description, in characters.
pub(crate) const DESCRIPTION_MAX: usize = 300;

/// The headline derived from a lead: its first sentence without the closing full stop, cut at
/// a word boundary with an ellipsis when longer than [`HEADLINE_MAX`].
pub(crate) fn derive_headline(lead: &str) -> String {
    let first = first_sentence(lead).trim_end();
    let first = first.strip_suffix('.').unwrap_or(first);
    shorten(first, HEADLINE_MAX)
}

/// Where the fields of the record [`resolve`] makes were read from, as it chooses between
/// front matter and text: what it takes from front matter is at the key, a headline line,
/// byline or picture where the text has it, and what it derives (a headline, a description)
/// at the lead it derives it from.
pub(crate) fn places(draft: &Draft, fm: &FrontMatter, channel: Option<&Channel>) -> Places {
    let mut places = Places::with_capacity(15);
    let t = &draft.trailer;
    fn pos<T>(at: &Option<At<T>>) -> Option<Pos> {
        at.as_ref().map(|at| at.pos)
    }
    let first = |positions: &[Option<Pos>]| positions.iter().flatten().next().copied();
    let lead = draft.lead;
    let headline = first(&[pos(&fm.headline), pos(&draft.headline), lead]);
    let front_matter_credit = fm
        .image
        .as_ref()
        .filter(|image| image.value.credit.is_some())
        .map(|image| image.pos);
    let slug = first(&[pos(&fm.slug), headline]);
    // The id is the article's URL — the front matter's, or the channel's made from the slug —
    // or, under a tag scheme, made from the slug.
    let id = match channel.map(|c| &c.id_scheme) {
        Some(IdScheme::Tag { .. }) => slug,
        Some(IdScheme::Url) | None => first(&[pos(&fm.url), slug]),
    };
    for (field, at) in [
        ("/headline", headline),
        ("/description", first(&[pos(&fm.description), lead])),
        // A slug not given is derived from the headline.
        ("/slug", slug),
        ("/url", pos(&fm.url)),
        ("/id", id),
        ("/published", pos(&fm.published)),
        ("/modified", pos(&fm.modified)),
        ("/language", pos(&fm.language)),
        ("/section", pos(&fm.section)),
        ("/genre", first(&[pos(&fm.genre), pos(&t.genre)])),
        (
            "/authors",
            first(&[pos(&fm.authors), pos(&draft.byline), pos(&t.written_by)]),
        ),
        (
            "/publisher",
            first(&[pos(&fm.publisher), pos(&t.publisher)]),
        ),
        ("/image", first(&[pos(&fm.image), pos(&draft.image)])),
        (
            "/image/credit",
            first(&[front_matter_credit, pos(&t.picture)]),
        ),
        ("/body/0", lead),
    ] {
        if let Some(at) = at {
            places.add(field, at);
        }
    }
    places
}

/// Makes the record, with what one reading of its body found, or `None` when something it
/// needs is missing (each such problem has been reported). The values of the draft and the
/// front matter move into the record rather than being copied.
pub(crate) fn resolve(
    mut draft: Draft,
    mut fm: FrontMatter,
    body_line: u32,
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
) -> Option<(Record, BodyScan)> {
    let channel = ctx.channel;
    let top = Pos::line(1);

    // Headings alone are not an article (only Markdown can give them without a paragraph).
    let empty = !draft
        .body
        .iter()
        .any(|b| matches!(b, Block::Paragraph { .. }));
    if empty {
        sink.error(
            Code::EmptyBody,
            Pos::line(body_line),
            "the article has no body text",
        )
        .hint(if fm.format.is_some() {
            "write the article's paragraphs after the front matter"
        } else {
            "write the article's paragraphs; credit and source lines alone are not an article"
        });
    }

    // Where the headline came from, for a slug that cannot be derived from it.
    let headline_pos = [
        fm.headline.as_ref().map(|h| h.pos),
        draft.headline.as_ref().map(|h| h.pos),
        draft.lead,
    ]
    .into_iter()
    .flatten()
    .next()
    .unwrap_or(top);
    let (front, line) = (fm.headline.take(), draft.headline.take());
    let headline = headline(front, line, draft.lead(), &fm, sink);
    let slug = slug(fm.slug.take(), &fm, headline.as_deref(), headline_pos, sink);
    let url = match (fm.url.take(), channel, &slug) {
        (Some(u), _, _) => Some(u.value),
        (None, Some(c), Some(s)) => Some(c.article_url(s)),
        (None, Some(_), None) => None,
        (None, None, _) => {
            if !fm.rejected("url") && !fm.rejected("canonical") {
                sink.error(Code::InvalidUrl, top, "the article has no URL")
                    .hint(format!(
                        "add `url` to the front matter, such as {}, or build it within a channel",
                        fm.example("url")
                    ));
            }
            None
        }
    };
    let published = match (&fm.published, ctx.published) {
        (Some(p), _) => Some(p.value),
        (None, Some(p)) => Some(p),
        (None, None) => {
            if !fm.rejected("published") {
                sink.error(
                    Code::MissingPublished,
                    top,
                    "the article has no publication date",
                )
                .hint(format!(
                    "add {} to the front matter, or pass --published",
                    fm.example("published")
                ));
            }
            None
        }
    };
    let modified = fm.modified.as_ref().map(|m| m.value);
    if let (Some(m), Some(p)) = (&fm.modified, published)
        && m.value < p
    {
        sink.error(
            Code::DatesOutOfOrder,
            m.pos,
            format!(
                "`modified` ({}) is earlier than `published` ({})",
                m.value.to_rfc3339(),
                p.to_rfc3339()
            ),
        )
        .hint("`modified` is when the article last changed: on or after `published`");
    }
    let language = match (fm.language.take(), channel) {
        (Some(l), _) => Some(l.value),
        (None, Some(c)) => Some(c.language.clone()),
        (None, None) => {
            if !fm.rejected("language") {
                sink.error(Code::InvalidLanguage, top, "the article has no language")
                    .hint(format!(
                        "add {} to the front matter, or build it within a channel",
                        fm.example("language")
                    ));
            }
            None
        }
    };

    let (authors, contributors) = people(&mut draft, fm.authors.take(), channel, sink);
    let publisher = publisher(&draft, &fm, channel, sink);
    let genre = match (&fm.genre, &draft.trailer.genre) {
        (Some(f), Some(t)) => {
            if f.value != t.value {
                conflict(
                    sink,
                    t.pos,
                    format!(
                        "the credit line calls the piece {}, the front matter `genre` {}",
                        t.value.as_str(),
                        f.value.as_str()
                    ),
                );
            }
            Some(f.value)
        }
        (Some(f), None) => Some(f.value),
        (None, t) => t.as_ref().map(|t| t.value),
    };
    let image = image(&draft, fm.image.take(), url.as_ref(), sink);
    let description = match (fm.description.take(), draft.lead()) {
        (Some(d), _) => d.value,
        (None, Some(lead)) => summarize(lead.value, DESCRIPTION_MAX),
        (None, None) => String::new(),
    };

    let slug = slug?;
    let url = url?;
    let id = match channel {
        Some(c) => c.id_scheme.id_for(&slug, &url),
        None => url.as_str().to_owned(),
    };
    if empty {
        return None;
    }
    let scan = scan_body(&draft.body);
    let record = Record {
        id,
        slug,
        url,
        headline: headline?,
        description,
        published: published?,
        modified,
        language: language?,
        authors,
        contributors,
        editors: draft.trailer.editors,
        publisher,
        dateline: draft.dateline,
        genre,
        sources: draft.trailer.sources,
        image,
        keywords: fm.keywords,
        section: fm.section.map(|s| s.value),
        body: draft.body,
        word_count: scan.words,
    };
    Some((record, scan))
}

fn conflict(sink: &mut Sink<'_>, pos: Pos, message: String) {
    sink.warning(
        Code::FrontMatterConflict,
        pos,
        format!("{message}; the front matter wins"),
    )
    .hint("make the text and the front matter agree, or remove one of them");
}

/// The headline: the front matter's (`front`), else the headline line, else one derived from
/// the lead.
fn headline(
    front: Option<At<String>>,
    line: Option<At<String>>,
    lead: Option<At<&str>>,
    fm: &FrontMatter,
    sink: &mut Sink<'_>,
) -> Option<String> {
    match (front, line, lead) {
        (Some(f), Some(line), _) => {
            if f.value != line.value {
                conflict(
                    sink,
                    line.pos,
                    format!(
                        "the headline line {:?} differs from the front matter `headline` {:?}",
                        line.value, f.value
                    ),
                );
            }
            Some(f.value)
        }
        (Some(f), None, _) => Some(f.value),
        (None, Some(line), _) => Some(line.value),
        (None, None, Some(lead)) => {
            let derived = derive_headline(lead.value);
            if fm.rejected("headline") {
                return Some(derived);
            }
            sink.warning(
                Code::DerivedHeadline,
                lead.pos,
                format!("the article has no headline; derived {derived:?} from the lead"),
            )
            .hint(format!(
                "add a headline line before the lead, or {} to the front matter",
                fm.example("headline")
            ));
            Some(derived)
        }
        (None, None, None) => None,
    }
}

/// The slug: the front matter's (`front`), else one derived from the headline.
fn slug(
    front: Option<At<Slug>>,
    fm: &FrontMatter,
    headline: Option<&str>,
    at: Pos,
    sink: &mut Sink<'_>,
) -> Option<Slug> {
    if let Some(s) = front {
        return Some(s.value);
    }
    if fm.rejected("slug") {
        return None;
    }
    let headline = headline?;
    let slug = slugify(headline);
    if slug.is_none() {
        sink.error(
            Code::InvalidSlug,
            at,
            format!("no slug could be derived from the headline {headline:?}"),
        )
        .hint(format!(
            "add a slug of lower-case ASCII letters and digits to the front matter, such as {}",
            fm.example("slug")
        ));
    }
    slug
}

/// Authors and contributors: the front matter's authors (`front`), else the byline and credit
/// lines, else the channel's default author. The people of the byline and credit lines move
/// out of the draft.
fn people(
    draft: &mut Draft,
    front: Option<At<Vec<Person>>>,
    channel: Option<&Channel>,
    sink: &mut Sink<'_>,
) -> (Vec<Person>, Vec<Person>) {
    if let Some(f) = &front {
        for text in [&draft.byline, &draft.trailer.written_by]
            .into_iter()
            .flatten()
        {
            if !same_people(&f.value, &text.value) {
                conflict(
                    sink,
                    text.pos,
                    format!(
                        "the text credits {}, the front matter `authors` {}",
                        names(&text.value),
                        names(&f.value)
                    ),
                );
            }
        }
    }
    let t = &mut draft.trailer;
    let mut from_text: Vec<Person> = Vec::new();
    if let Some(b) = draft.byline.take() {
        merge(&mut from_text, b.value);
    }
    if let Some(w) = t.written_by.take() {
        merge(&mut from_text, w.value);
    }
    let mut contributors = std::mem::take(&mut t.contributors);
    let reporters = std::mem::take(&mut t.reporters);
    if from_text.is_empty() && front.is_none() {
        merge(&mut from_text, reporters);
    } else {
        merge(&mut contributors, reporters);
    }

    let authors = match front {
        Some(f) => {
            // The byline may know a role the front matter does not give.
            let mut authors = f.value;
            for p in &mut authors {
                if p.role.is_none() {
                    p.role = from_text
                        .iter()
                        .find(|q| same_name(&q.name, &p.name))
                        .and_then(|q| q.role.clone());
                }
            }
            authors
        }
        None if !from_text.is_empty() => from_text,
        None => channel
            .and_then(|c| c.default_author.clone())
            .into_iter()
            .collect(),
    };
    contributors.retain(|c| !authors.iter().any(|a: &Person| same_name(&a.name, &c.name)));
    (authors, contributors)
}

fn names(people: &[Person]) -> String {
    let list: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    format!("{:?}", list.join(", "))
}

/// The organisation named `name`: the channel's publisher, with its URL and logo, when the
/// names match.
fn organization(name: &str, channel: Option<&Channel>) -> Organization {
    match channel {
        Some(c) if same_name(&c.publisher.name, name) => c.publisher_organization(),
        _ => Organization::named(name),
    }
}

fn publisher(
    draft: &Draft,
    fm: &FrontMatter,
    channel: Option<&Channel>,
    sink: &mut Sink<'_>,
) -> Option<Organization> {
    match (&fm.publisher, &draft.trailer.publisher) {
        (Some(f), t) => {
            if let Some(t) = t
                && !same_name(&f.value, &t.value)
            {
                conflict(
                    sink,
                    t.pos,
                    format!(
                        "the credit line names the publisher {:?}, the front matter `publisher` {:?}",
                        t.value, f.value
                    ),
                );
            }
            Some(organization(&f.value, channel))
        }
        (None, Some(t)) => Some(organization(&t.value, channel)),
        (None, None) => channel.map(Channel::publisher_organization),
    }
}

/// The record's picture: the front matter's `image`, with the text's picture credit, and the
/// URL (and alt text and caption, when the front matter gives none) of the first picture the
/// text shows when the front matter gives no `image.url`.
fn image(
    draft: &Draft,
    front: Option<At<Image>>,
    page: Option<&AbsoluteUrl>,
    sink: &mut Sink<'_>,
) -> Option<Image> {
    let mut image = front.map(|f| f.value);
    if image.as_ref().is_none_or(|i| i.url.is_none())
        && let Some(shown) = &draft.image
        && let Some(url) = image_url(&shown.value.url, page, shown.pos, sink)
    {
        let image = image.get_or_insert_with(no_image);
        image.url = Some(url);
        if image.alt.is_none() {
            image.alt.clone_from(&shown.value.alt);
        }
        if image.caption.is_none() {
            image.caption.clone_from(&shown.value.caption);
        }
    }
    if let Some(p) = &draft.trailer.picture {
        let image = image.get_or_insert_with(no_image);
        match &image.credit {
            None => image.credit = Some(p.value.clone()),
            Some(c) if c.text != p.value.text => conflict(
                sink,
                p.pos,
                format!(
                    "the picture credit {:?} differs from the front matter `image.credit` {:?}",
                    p.value.text, c.text
                ),
            ),
            Some(_) => {}
        }
    }
    image
}

/// An image with nothing known yet.
fn no_image() -> Image {
    Image {
        url: None,
        alt: None,
        caption: None,
        credit: None,
    }
}

/// The absolute URL of a picture the text shows at `raw`, relative to the article's `page`;
/// `None`, with a warning, when it is not an http(s) URL.
fn image_url(
    raw: &str,
    page: Option<&AbsoluteUrl>,
    pos: Pos,
    sink: &mut Sink<'_>,
) -> Option<AbsoluteUrl> {
    if let Ok(url) = AbsoluteUrl::parse(raw) {
        return Some(url);
    }
    let joined = page
        .and_then(|p| url::Url::parse(p.as_str()).ok())
        .and_then(|p| p.join(raw).ok())
        .and_then(|u| AbsoluteUrl::parse(u.as_str()).ok());
    if joined.is_none() && page.is_some() {
        sink.warning(
            Code::InvalidUrl,
            pos,
            format!(
                "the picture {:?} has no http(s) URL; it is not used as the article's image",
                shorten(raw, 60)
            ),
        )
        .hint("link the picture with an http(s) URL or a path on the site, or give `image.url` in the front matter");
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(lead: &str, expect: &str) {
        let got = derive_headline(lead);
        assert_eq!(got, expect, "{lead:?}");
        assert!(got.chars().count() <= HEADLINE_MAX);
    }

    #[test]
    fn derived_headlines() {
        let long = format!("{} end.", "harbour ".repeat(20));
        for (lead, expect) in [
            (
                "The quay reopened on Friday. Crowds came.",
                "The quay reopened on Friday",
            ),
            ("Will the ferry sail? Nobody knows.", "Will the ferry sail?"),
            (
                long.as_str(),
                "harbour harbour harbour harbour harbour harbour harbour harbour harbour harbour harbour harbour harbour…",
            ),
        ] {
            check(lead, expect);
        }
    }
}
