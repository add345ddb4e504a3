//! The rules layer: what a record must be that its schema cannot say.
//!
//! The rules run on a typed [`Record`] ([`check_record`]) or on a record's JSON form
//! ([`check`]), and give the same diagnostics, in the same order, for a record and its JSON
//! form. On JSON they run on records that fail the schema too (every problem is reported at
//! once): a field that is missing or has the wrong form is the schema layer's to report, and
//! the rules that need it are skipped.

use std::fmt::Write as _;

use chrono::{Datelike, Timelike};
use newswire_model::{
    AbsoluteUrl, Block, BodyScan, Code, Diagnostic, LanguageTag, Organization, Person, Record,
    Timestamp, first_forbidden_in_xml, is_forbidden_in_xml, word_count,
};
use serde::Deserialize;
use serde_json::Value;

use crate::schema::escape_pointer;
use crate::{DESCRIPTION_MAX_CHARS, HEADLINE_MAX_CHARS};

/// Runs every rule on `record`, a record's JSON form, appending what it finds to `out`.
/// `check_language` is false when the schema layer has already reported the language.
pub(crate) fn check(file: &str, record: &Value, check_language: bool, out: &mut Vec<Diagnostic>) {
    if !record.is_object() {
        return; // The schema layer reports that a record is an object.
    }
    let mut push = |d: Diagnostic| out.push(d.in_file(file));
    let text = |key: &str| record.get(key).and_then(Value::as_str);

    if let Some(id) = text("id") {
        id_rule(id, &mut push);
    }
    if check_language && let Some(tag) = text("language") {
        language_rule(tag, &mut push);
    }
    if let Some(published) = field::<Timestamp>(record, "published")
        && let Some(modified) = field::<Timestamp>(record, "modified")
    {
        dates_rule(&published, &modified, &mut push);
    }
    if let Some(headline) = text("headline") {
        headline_rule(headline, &mut push);
    }
    if let Some(description) = text("description") {
        description_rule(description, &mut push);
    }
    let authors = record.get("authors");
    if authors.is_none() || authors.and_then(Value::as_array).is_some_and(Vec::is_empty) {
        no_author(&mut push);
    }
    for (key, who) in CREDITED_LISTS {
        let list = record
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        for (i, entry) in list.enumerate() {
            if let Some(name) = entry.get("name").and_then(Value::as_str) {
                name_rule(name, who, || format!("/{key}/{i}/name"), &mut push);
            }
        }
    }
    if let Some(name) = record.pointer("/publisher/name").and_then(Value::as_str) {
        name_rule(name, PUBLISHER, || "/publisher/name".to_owned(), &mut push);
    }
    if let Some(body) = field::<Vec<Block>>(record, "body") {
        let stored = record.get("word_count").and_then(Value::as_u64);
        body_rules(&body, word_count(&body), stored, &mut push);
    }
    if let Some(image) = record.get("image").and_then(Value::as_object)
        && image.contains_key("credit")
        && !image.contains_key("url")
    {
        credit_without_image(&mut push);
    }
    value_characters(record, &mut Vec::new(), &mut push);
}

/// Runs every rule on a typed `record`, appending what it finds to `out`: what [`check`]
/// finds in the record's JSON form, in the same order, read from the fields themselves.
///
/// `body` is what [`scan_body`](newswire_model::scan_body) finds in the record's body.
pub(crate) fn check_record(
    file: &str,
    record: &Record,
    body: BodyScan,
    check_language: bool,
    out: &mut Vec<Diagnostic>,
) {
    let mut push = |d: Diagnostic| out.push(d.in_file(file));

    // An id that is the record's own URL is valid: an `AbsoluteUrl` holds only absolute
    // http(s) URLs in their normalised form, which reads back as the same URL.
    if record.id != record.url.as_str() {
        id_rule(&record.id, &mut push);
    }
    if check_language {
        language_rule(record.language.as_str(), &mut push);
    }
    if let Some(modified) = &record.modified
        && let Some(published) = as_read_from_json(&record.published)
        && let Some(modified) = as_read_from_json(modified)
    {
        dates_rule(&published, &modified, &mut push);
    }
    headline_rule(&record.headline, &mut push);
    description_rule(&record.description, &mut push);
    if record.authors.is_empty() {
        no_author(&mut push);
    }
    let people = [&record.authors, &record.contributors, &record.editors];
    for ((key, who), people) in CREDITED_LISTS.into_iter().zip(people) {
        for (i, person) in people.iter().enumerate() {
            name_rule(&person.name, who, || format!("/{key}/{i}/name"), &mut push);
        }
    }
    let (key, who) = CREDITED_LISTS[3];
    for (i, source) in record.sources.iter().enumerate() {
        name_rule(&source.name, who, || format!("/{key}/{i}/name"), &mut push);
    }
    if let Some(publisher) = &record.publisher {
        name_rule(
            &publisher.name,
            PUBLISHER,
            || "/publisher/name".to_owned(),
            &mut push,
        );
    }
    // The body was read once for its words and for the characters `record_characters` looks
    // for; a body without a byte that may start one is not read again.
    body_rules(
        &record.body,
        body.words,
        Some(u64::from(record.word_count)),
        &mut push,
    );
    if let Some(image) = &record.image
        && image.credit.is_some()
        && image.url.is_none()
    {
        credit_without_image(&mut push);
    }
    record_characters(record, body.may_hold_forbidden, &mut push);
}

/// The rules on a channel's JSON form: its title, its description and the names it credits
/// (publisher, default author) have text, which every feed shows. A value of the wrong form is
/// the schema layer's to report.
pub(crate) fn check_channel(file: &str, channel: &Value, out: &mut Vec<Diagnostic>) {
    for (pointer, what) in [
        ("/title", "the channel's title"),
        ("/description", "the channel's description"),
        ("/publisher/name", "the publisher's name"),
        ("/default_author/name", "the default author's name"),
    ] {
        if channel
            .pointer(pointer)
            .and_then(Value::as_str)
            .is_some_and(|text| text.trim().is_empty())
        {
            out.push(
                Diagnostic::error(Code::ChannelInvalid, format!("{what} is empty"))
                    .at_pointer(pointer)
                    .with_hint("write it: every feed shows it")
                    .in_file(file),
            );
        }
    }
}

/// Reports every string in `document` (a record or a channel) that holds a character XML 1.0
/// forbids, at its pointer: no feed or page could carry it.
pub(crate) fn check_characters(file: &str, document: &Value, out: &mut Vec<Diagnostic>) {
    let mut push = |d: Diagnostic| out.push(d.in_file(file));
    value_characters(document, &mut Vec::new(), &mut push);
}

/// The value of `key` in `record`, when it is there and has the model's form.
fn field<'de, T: Deserialize<'de>>(record: &'de Value, key: &str) -> Option<T> {
    T::deserialize(record.get(key)?).ok()
}

/// `t` as the rules on JSON read it back from the record's JSON form: `t` itself when its
/// RFC 3339 form holds it exactly (a year of four digits, an offset in whole minutes, no
/// leap second), else the round trip itself, which may change it or fail.
fn as_read_from_json(t: &Timestamp) -> Option<Timestamp> {
    let exact = (0..=9999).contains(&t.year())
        && t.offset().local_minus_utc() % 60 == 0
        && t.nanosecond() < 1_000_000_000;
    if exact {
        return Some(*t);
    }
    let json = serde_json::to_value(t).ok()?;
    Timestamp::deserialize(&json).ok()
}

fn id_rule(id: &str, push: &mut impl FnMut(Diagnostic)) {
    if is_valid_id(id) {
        return;
    }
    push(
        Diagnostic::error(
            Code::InvalidUrl,
            format!(
                "the id \"{}\" is neither an absolute http(s) URL nor a `tag:` URI",
                shorten(id)
            ),
        )
        .at_pointer("/id")
        .with_hint(
            "use the article's canonical URL, or an RFC 4151 tag URI such as \
             `tag:news.example,2026:harbour-lights-return`",
        ),
    );
}

fn language_rule(tag: &str, push: &mut impl FnMut(Diagnostic)) {
    if let Err(e) = LanguageTag::parse(tag) {
        push(
            Diagnostic::error(
                Code::InvalidLanguage,
                format!(
                    "\"{}\" is not a well-formed BCP 47 language tag",
                    shorten(tag)
                ),
            )
            .at_pointer("/language")
            .with_hint(e.rule()),
        );
    }
}

fn dates_rule(published: &Timestamp, modified: &Timestamp, push: &mut impl FnMut(Diagnostic)) {
    if modified >= published {
        return;
    }
    push(
        Diagnostic::error(
            Code::DatesOutOfOrder,
            format!(
                "`modified` ({}) is earlier than `published` ({})",
                modified.to_rfc3339(),
                published.to_rfc3339()
            ),
        )
        .at_pointer("/modified")
        .with_hint(
            "set `modified` to the time of the last change, on or after `published`, or \
             remove it",
        ),
    );
}

fn headline_rule(headline: &str, push: &mut impl FnMut(Diagnostic)) {
    if headline.trim().is_empty() {
        push(
            Diagnostic::error(Code::HeadlineLength, "the headline is empty")
                .at_pointer("/headline")
                .with_hint("give the article a headline (front matter `headline`)"),
        );
    } else if let Some(length) = longer_than(headline, HEADLINE_MAX_CHARS) {
        push(
            Diagnostic::warning(
                Code::HeadlineLength,
                format!("the headline is {length} characters long, more than {HEADLINE_MAX_CHARS}"),
            )
            .at_pointer("/headline")
            .with_hint(format!(
                "shorten it to {HEADLINE_MAX_CHARS} characters or fewer; Google truncates \
                 longer headlines"
            )),
        );
    }
}

fn description_rule(description: &str, push: &mut impl FnMut(Diagnostic)) {
    if description.trim().is_empty() {
        push(
            Diagnostic::error(Code::DescriptionLength, "the description is empty")
                .at_pointer("/description")
                .with_hint("give the article a description: a sentence or two on the story"),
        );
    } else if let Some(length) = longer_than(description, DESCRIPTION_MAX_CHARS) {
        push(
            Diagnostic::warning(
                Code::DescriptionLength,
                format!(
                    "the description is {length} characters long, more than \
                     {DESCRIPTION_MAX_CHARS}"
                ),
            )
            .at_pointer("/description")
            .with_hint(format!(
                "shorten it at a sentence or word boundary to {DESCRIPTION_MAX_CHARS} \
                 characters or fewer; feed readers and search results cut longer ones"
            )),
        );
    }
}

/// The length of `text` in characters, when it is more than `max`. Characters are counted
/// only when `text` has more than `max` bytes: a character is at least one byte.
fn longer_than(text: &str, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    let length = text.chars().count();
    (length > max).then_some(length)
}

/// The lists of people and organisations a record credits by name, in the order the rules
/// check them, each with what one of its entries is called in a diagnostic.
const CREDITED_LISTS: [(&str, &str); 4] = [
    ("authors", "an author"),
    ("contributors", "a contributor"),
    ("editors", "an editor"),
    ("sources", "a source"),
];
/// What the record's publisher is called in a diagnostic.
const PUBLISHER: &str = "the publisher";

/// A credited person or organisation, `who`, has a name; `at` gives the name's pointer.
fn name_rule(
    name: &str,
    who: &str,
    at: impl FnOnce() -> String,
    push: &mut impl FnMut(Diagnostic),
) {
    if name.trim().is_empty() {
        push(
            Diagnostic::error(Code::EmptyName, format!("{who} is credited without a name"))
                .at_pointer(at())
                .with_hint("write the name, or remove the entry"),
        );
    }
}

fn no_author(push: &mut impl FnMut(Diagnostic)) {
    push(
        Diagnostic::warning(Code::NoAuthor, "the article credits no author")
            .at_pointer("/authors")
            .with_hint(
                "add `authors` to the front matter or a byline to the text, or set \
                 `default_author` in channel.toml",
            ),
    );
}

/// The body has text, and `stored`, the record's `word_count`, counts its words, of which
/// there are `counted`.
fn body_rules(
    body: &[Block],
    counted: u32,
    stored: Option<u64>,
    push: &mut impl FnMut(Diagnostic),
) {
    if body.iter().all(|b| b.text().trim().is_empty()) {
        push(
            Diagnostic::error(Code::EmptyBody, "the article has no body text")
                .at_pointer("/body")
                .with_hint("an article needs at least one paragraph of text"),
        );
    }
    if let Some(stored) = stored
        && stored != u64::from(counted)
    {
        push(
            Diagnostic::error(
                Code::WordCountMismatch,
                format!("`word_count` is {stored}, but the body has {counted} words"),
            )
            .at_pointer("/word_count")
            .with_hint(format!("set `word_count` to {counted}")),
        );
    }
}

fn credit_without_image(push: &mut impl FnMut(Diagnostic)) {
    push(
        Diagnostic::warning(
            Code::CreditWithoutImage,
            "the picture credit names no image URL",
        )
        .at_pointer("/image/credit")
        .with_hint(
            "the credit is kept; add `image.url` to the front matter so feeds can show the \
             picture",
        ),
    );
}

/// Whether `id` is an absolute http(s) URL or an RFC 4151 `tag:` URI, with no white space.
fn is_valid_id(id: &str) -> bool {
    if id.is_empty() || id.chars().any(char::is_whitespace) {
        return false;
    }
    match id.strip_prefix("tag:") {
        Some(rest) => is_tag_uri(rest),
        None => AbsoluteUrl::parse(id).is_ok(),
    }
}

/// RFC 4151: `tag:` authority `,` date `:` specific, where the date is `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD` and the authority a domain name or an e-mail address.
fn is_tag_uri(rest: &str) -> bool {
    let Some((authority, rest)) = rest.split_once(',') else {
        return false;
    };
    let Some((date, _specific)) = rest.split_once(':') else {
        return false;
    };
    let authority_ok = !authority.is_empty()
        && authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '@' | '_' | '+'));
    let date_ok = {
        let parts: Vec<&str> = date.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        matches!(parts.len(), 1..=3)
            && digits(parts[0], 4)
            && parts[1..].iter().all(|p| digits(p, 2))
    };
    authority_ok && date_ok
}

/// The first character in `text` that XML 1.0 forbids, and how many more follow it: found
/// on bytes, counted by characters only when there is one.
fn forbidden_in(text: &str) -> Option<(char, usize)> {
    let at = first_forbidden_in_xml(text)?;
    let mut found = text[at..].chars().filter(|&c| is_forbidden_in_xml(c));
    let first = found.next()?;
    Some((first, found.count()))
}

/// Reports `text` when it holds a character XML 1.0 forbids, at the pointer `pointer` gives;
/// the pointer is made only then.
fn characters(text: &str, pointer: impl FnOnce() -> String, push: &mut impl FnMut(Diagnostic)) {
    let Some((first, more)) = forbidden_in(text) else {
        return;
    };
    let also = match more {
        0 => String::new(),
        1 => " and 1 more".to_owned(),
        n => format!(" and {n} more"),
    };
    push(
        Diagnostic::error(
            Code::ForbiddenCharacter,
            format!(
                "the text holds U+{:04X}{also}, which XML 1.0 forbids",
                u32::from(first)
            ),
        )
        .at_pointer(pointer())
        .with_hint("remove the character: no feed or page can carry it"),
    );
}

/// One step of a JSON pointer: an object's key or an array's index.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON pointer that `path` leads to.
fn pointer(path: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in path {
        out.push('/');
        match step {
            Step::Key(key) => out.push_str(&escape_pointer(key)),
            Step::Index(i) => {
                let _ = write!(out, "{i}");
            }
        }
    }
    out
}

/// Reports every string in `value`, at `path`, that holds a character XML 1.0 forbids, in
/// document order (object keys in the order the JSON value keeps them).
fn value_characters<'a>(
    value: &'a Value,
    path: &mut Vec<Step<'a>>,
    push: &mut impl FnMut(Diagnostic),
) {
    match value {
        Value::String(s) => characters(s, || pointer(path), push),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                value_characters(item, path, push);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key));
                value_characters(item, path, push);
                path.pop();
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// What [`value_characters`] reports on the JSON form of `record`, read from the fields: every
/// string of the JSON form, in its order (object keys sorted). Dates, the genre, block types
/// and numbers are left out: their JSON forms are made by newswire and hold no control
/// character.
fn record_characters(
    record: &Record,
    body_may_hold_forbidden: bool,
    push: &mut impl FnMut(Diagnostic),
) {
    people("authors", &record.authors, push);
    if body_may_hold_forbidden {
        for (i, block) in record.body.iter().enumerate() {
            characters(block.text(), || format!("/body/{i}/text"), push);
        }
    }
    people("contributors", &record.contributors, push);
    if let Some(dateline) = &record.dateline {
        if let Some(agency) = &dateline.agency {
            characters(agency, || "/dateline/agency".to_owned(), push);
        }
        if let Some(date) = &dateline.date {
            characters(date, || "/dateline/date".to_owned(), push);
        }
        characters(&dateline.place, || "/dateline/place".to_owned(), push);
        if let Some(region) = &dateline.region {
            characters(region, || "/dateline/region".to_owned(), push);
        }
        characters(&dateline.text, || "/dateline/text".to_owned(), push);
    }
    characters(&record.description, || "/description".to_owned(), push);
    people("editors", &record.editors, push);
    characters(&record.headline, || "/headline".to_owned(), push);
    characters(&record.id, || "/id".to_owned(), push);
    if let Some(image) = &record.image {
        if let Some(alt) = &image.alt {
            characters(alt, || "/image/alt".to_owned(), push);
        }
        if let Some(caption) = &image.caption {
            characters(caption, || "/image/caption".to_owned(), push);
        }
        if let Some(credit) = &image.credit {
            if let Some(creator) = &credit.creator {
                characters(creator, || "/image/credit/creator".to_owned(), push);
            }
            if let Some(provider) = &credit.provider {
                characters(provider, || "/image/credit/provider".to_owned(), push);
            }
            characters(&credit.text, || "/image/credit/text".to_owned(), push);
        }
        if let Some(url) = &image.url {
            characters(url.as_str(), || "/image/url".to_owned(), push);
        }
    }
    for (i, keyword) in record.keywords.iter().enumerate() {
        characters(keyword, || format!("/keywords/{i}"), push);
    }
    characters(record.language.as_str(), || "/language".to_owned(), push);
    if let Some(publisher) = &record.publisher {
        organization(publisher, || "/publisher".to_owned(), push);
    }
    if let Some(section) = &record.section {
        characters(section, || "/section".to_owned(), push);
    }
    characters(record.slug.as_str(), || "/slug".to_owned(), push);
    for (i, source) in record.sources.iter().enumerate() {
        organization(source, || format!("/sources/{i}"), push);
    }
    characters(record.url.as_str(), || "/url".to_owned(), push);
}

/// The strings of the people at `/key`, in their JSON form's order.
fn people(key: &str, people: &[Person], push: &mut impl FnMut(Diagnostic)) {
    for (i, person) in people.iter().enumerate() {
        characters(&person.name, || format!("/{key}/{i}/name"), push);
        if let Some(role) = &person.role {
            characters(role, || format!("/{key}/{i}/role"), push);
        }
        if let Some(url) = &person.url {
            characters(url.as_str(), || format!("/{key}/{i}/url"), push);
        }
    }
}

/// The strings of the organisation at the pointer `at` gives, in its JSON form's order.
fn organization(org: &Organization, at: impl Fn() -> String, push: &mut impl FnMut(Diagnostic)) {
    if let Some(logo) = &org.logo {
        characters(logo.as_str(), || format!("{}/logo", at()), push);
    }
    characters(&org.name, || format!("{}/name", at()), push);
    if let Some(url) = &org.url {
        characters(url.as_str(), || format!("{}/url", at()), push);
    }
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(80) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_id(id: &str, valid: bool) {
        assert_eq!(is_valid_id(id), valid, "{id:?}");
    }

    #[test]
    fn ids() {
        for (id, valid) in [
            ("https://ledger.example/articles/tide-gauge", true),
            ("http://ledger.example/", true),
            ("tag:ledger.example,2026:tide-gauge", true),
            ("tag:desk@ledger.example,2026-03-10:tide-gauge", true),
            ("tag:ledger.example,2026-03:a/b?c", true),
            ("tag:ledger.example:tide-gauge", false),
            ("tag:,2026:tide-gauge", false),
            ("tag:ledger.example,26:tide-gauge", false),
            ("tag:ledger.example,2026-3:tide-gauge", false),
            ("tag:ledger.example,2026", false),
            ("javascript:alert(1)", false),
            ("/articles/tide-gauge", false),
            ("urn:uuid:0e6a6c7e-2c1f-4f7e-9d55-3f1b5f6c9a10", false),
            ("https://ledger.example/a b", false),
            (" https://ledger.example/", false),
            ("", false),
        ] {
            check_id(id, valid);
        }
    }

    /// `check_record` takes an id equal to the record's URL as valid without checking it:
    /// every URL an `AbsoluteUrl` holds must pass the id rule.
    #[test]
    fn record_urls_are_valid_ids() {
        for url in [
            "https://ledger.example/articles/tide-gauge",
            "HTTP://Ledger.Example:80/a/../b/./c?q=1 2#frag ment",
            "https://ledger.example/ümlaut/日本?ä=ö",
            "https://xn--bcher-kva.example/%7Euser/",
            "https://bücher.example/a%2Fb//c",
            "https://[::1]:8443/p",
            "https://ledger.example/a\tb\nc",
            "  https://ledger.example/trimmed  ",
            "https://user:pass@ledger.example/",
            "https://ledger.example/{braces}|pipe`tick^caret\"quote<>",
        ] {
            let parsed = AbsoluteUrl::parse(url).expect(url);
            assert!(is_valid_id(parsed.as_str()), "{url:?} as {parsed:?}");
            let joined = parsed.join_name("tide-gauge-2");
            assert!(is_valid_id(joined.as_str()), "{joined:?}");
        }
    }

    #[test]
    fn forbidden_in_xml() {
        for (c, forbidden) in [
            ('\u{0}', true),
            ('\u{7}', true),
            ('\u{B}', true),
            ('\u{1F}', true),
            ('\u{FFFE}', true),
            ('\u{FFFF}', true),
            ('\t', false),
            ('\n', false),
            ('\r', false),
            (' ', false),
            ('\u{7F}', false),
            ('\u{85}', false),
            ('“', false),
            ('\u{10FFFF}', false),
        ] {
            assert_eq!(is_forbidden_in_xml(c), forbidden, "{c:?}");
        }
    }

    /// The byte scan, against the definition: every forbidden character, counted.
    fn by_chars(text: &str) -> Option<(char, usize)> {
        let mut bad = text.chars().filter(|&c| is_forbidden_in_xml(c));
        let first = bad.next()?;
        Some((first, bad.count()))
    }

    #[track_caller]
    fn check_forbidden(text: &str, expect: Option<(char, usize)>) {
        assert_eq!(forbidden_in(text), expect, "{text:?}");
        assert_eq!(by_chars(text), expect, "{text:?}");
    }

    #[test]
    fn forbidden_scan() {
        for (text, expect) in [
            ("", None),
            ("clean text, “quoted” — and dashed", None),
            ("tab\tline\ncarriage\r", None),
            ("\u{0}", Some(('\u{0}', 0))),
            ("a\u{7}b\u{8}c\u{0}", Some(('\u{7}', 2))),
            ("\u{1F}", Some(('\u{1F}', 0))),
            ("x\u{FFFE}", Some(('\u{FFFE}', 0))),
            ("\u{FFFF}\u{FFFE}\u{B}", Some(('\u{FFFF}', 2))),
            ("\u{FFFD}\u{FEFF}\u{F000}\u{FFEF}", None),
            ("\u{EFBF}\u{10FFFF}", None),
            ("ends with EF BF", None),
        ] {
            check_forbidden(text, expect);
        }
    }

    fn near_forbidden() -> impl proptest::strategy::Strategy<Value = char> {
        use proptest::prelude::*;
        prop_oneof![
            (0u32..0x80).prop_filter_map("a character", char::from_u32),
            prop::sample::select(vec![
                '\u{FFFD}', '\u{FFFE}', '\u{FFFF}', '\u{FEFF}', '\u{EFBF}'
            ]),
            any::<char>(),
        ]
    }

    proptest::proptest! {
        #[test]
        fn forbidden_scan_matches_the_definition(
            chars in proptest::collection::vec(near_forbidden(), 0..64),
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(forbidden_in(&text), by_chars(&text));
        }
    }
}
