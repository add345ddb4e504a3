//! The rules layer: what a record must be that its schema cannot say.
//!
//! Rules read the record as JSON, field by field, so they run on records that fail the
//! schema too (every problem is reported at once); a field that is missing or has the wrong
//! form is the schema layer's to report, and the rules that need it are skipped.

use newswire_model::{AbsoluteUrl, Block, Code, Diagnostic, LanguageTag, Timestamp, word_count};
use serde::Deserialize;
use serde_json::Value;

use crate::schema::escape_pointer;
use crate::{DESCRIPTION_MAX_CHARS, HEADLINE_MAX_CHARS};

/// Runs every rule on `record`, appending what it finds to `out`. `check_language` is false
/// when the schema layer has already reported the language.
pub(crate) fn check(file: &str, record: &Value, check_language: bool, out: &mut Vec<Diagnostic>) {
    if !record.is_object() {
        return; // The schema layer reports that a record is an object.
    }
    let mut push = |d: Diagnostic| out.push(d.in_file(file));

    if let Some(id) = record.get("id").and_then(Value::as_str)
        && !is_valid_id(id)
    {
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

    if check_language
        && let Some(tag) = record.get("language").and_then(Value::as_str)
        && let Err(e) = LanguageTag::parse(tag)
    {
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

    if let Some(published) = field::<Timestamp>(record, "published")
        && let Some(modified) = field::<Timestamp>(record, "modified")
        && modified < published
    {
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

    if let Some(headline) = record.get("headline").and_then(Value::as_str) {
        let length = headline.chars().count();
        if headline.trim().is_empty() {
            push(
                Diagnostic::error(Code::HeadlineLength, "the headline is empty")
                    .at_pointer("/headline")
                    .with_hint("give the article a headline (front matter `headline`)"),
            );
        } else if length > HEADLINE_MAX_CHARS {
            push(
                Diagnostic::warning(
                    Code::HeadlineLength,
                    format!(
                        "the headline is {length} characters long, more than \
                         {HEADLINE_MAX_CHARS}"
                    ),
                )
                .at_pointer("/headline")
                .with_hint(format!(
                    "shorten it to {HEADLINE_MAX_CHARS} characters or fewer; Google truncates \
                     longer headlines"
                )),
            );
        }
    }

    if let Some(description) = record.get("description").and_then(Value::as_str) {
        let length = description.chars().count();
        if description.trim().is_empty() {
            push(
                Diagnostic::error(Code::DescriptionLength, "the description is empty")
                    .at_pointer("/description")
                    .with_hint("give the article a description: a sentence or two on the story"),
            );
        } else if length > DESCRIPTION_MAX_CHARS {
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

    let authors = record.get("authors").and_then(Value::as_array);
    if record.get("authors").is_none() || authors.is_some_and(Vec::is_empty) {
        push(
            Diagnostic::warning(Code::NoAuthor, "the article credits no author")
                .at_pointer("/authors")
                .with_hint(
                    "add `authors` to the front matter or a byline to the text, or set \
                     `default_author` in channel.toml",
                ),
        );
    }

    if let Some(body) = field::<Vec<Block>>(record, "body") {
        if body.iter().all(|b| b.text().trim().is_empty()) {
            push(
                Diagnostic::error(Code::EmptyBody, "the article has no body text")
                    .at_pointer("/body")
                    .with_hint("an article needs at least one paragraph of text"),
            );
        }
        let counted = word_count(&body);
        if let Some(stored) = record.get("word_count").and_then(Value::as_u64)
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

    if let Some(image) = record.get("image").and_then(Value::as_object)
        && image.contains_key("credit")
        && !image.contains_key("url")
    {
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

    forbidden_characters(record, &mut String::new(), &mut push);
}

/// Reports every string in `document` (a record or a channel) that holds a character XML 1.0
/// forbids, at its pointer: no feed or page could carry it.
pub(crate) fn check_characters(file: &str, document: &Value, out: &mut Vec<Diagnostic>) {
    let mut push = |d: Diagnostic| out.push(d.in_file(file));
    forbidden_characters(document, &mut String::new(), &mut push);
}

/// The value of `key` in `record`, when it is there and has the model's form.
fn field<'de, T: Deserialize<'de>>(record: &'de Value, key: &str) -> Option<T> {
    T::deserialize(record.get(key)?).ok()
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

/// Whether XML 1.0 forbids `c` (its `Char` production): C0 controls other than tab, line
/// feed and carriage return, and U+FFFE and U+FFFF. Rust strings hold no surrogates.
fn is_forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Reports every string in `value` that holds a character XML 1.0 forbids, at its pointer.
fn forbidden_characters(value: &Value, pointer: &mut String, push: &mut impl FnMut(Diagnostic)) {
    match value {
        Value::String(s) => {
            let mut bad = s.chars().filter(|&c| is_forbidden_in_xml(c));
            if let Some(first) = bad.next() {
                let more = bad.count();
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
                    .at_pointer(pointer.clone())
                    .with_hint("remove the character: no feed or page can carry it"),
                );
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                forbidden_characters(item, pointer, push);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_pointer(key));
                forbidden_characters(item, pointer, push);
                pointer.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
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
}
