//! Front matter: the TOML (`+++`) or YAML (`---`) block that may open an article, read into
//! typed fields that remember where each key is.

mod flat_toml;
mod flat_yaml;
mod from_toml;
mod from_yaml;
mod tree;

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use newswire_model::{
    AbsoluteUrl, Code, Genre, Image, LanguageTag, Person, Slug, Timestamp, first_forbidden_in_xml,
};

use crate::decode::is_forbidden;
use crate::diag::{At, Pos, Sink};
use crate::text::split_lines;
pub(crate) use tree::LineIndex;
use tree::{Entry, Node, Value};

/// The keys front matter may hold.
#[rustfmt::skip]
pub(crate) const KEYS: &[&str] = &[
    "headline", "description", "slug", "url", "canonical", "published", "modified", "language",
    "section", "genre", "keywords", "authors", "publisher", "image",
];

const AUTHOR_KEYS: &[&str] = &["name", "role", "url"];
const IMAGE_KEYS: &[&str] = &["url", "alt", "caption", "credit"];

/// Keys people write out of habit from other tools, and the key newswire reads instead.
const ALIASES: &[(&str, &str)] = &[
    ("title", "headline"),
    ("author", "authors"),
    ("tags", "keywords"),
    ("tag", "keywords"),
    ("date", "published"),
    ("pubdate", "published"),
    ("lastmod", "modified"),
    ("updated", "modified"),
    ("lang", "language"),
    ("summary", "description"),
    ("category", "section"),
    ("categories", "section"),
    ("permalink", "url"),
    ("canonical_url", "canonical"),
];

/// The format of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// TOML between `+++` lines.
    Toml,
    /// YAML between `---` lines.
    Yaml,
}

impl Format {
    fn delimiter(self) -> &'static str {
        match self {
            Format::Toml => "+++",
            Format::Yaml => "---",
        }
    }

    /// How `key` is written with an example value, in this format.
    pub(crate) fn example(self, key: &str) -> String {
        if let Some((parent, leaf)) = key.split_once('.') {
            let value = match key {
                "image.url" => "\"https://news.example/lamps.jpg\"",
                "image.credit" => "\"Ada Quill / Lumen\"",
                "authors.url" => "\"https://news.example/staff/ada-quill\"",
                "authors.name" => "\"Ada Quill\"",
                "authors.role" => "\"Staff Writer\"",
                _ => "\"…\"",
            };
            return match self {
                Format::Toml => format!("`{leaf} = {value}` in `{parent}`"),
                Format::Yaml => format!("`{leaf}: {value}` under `{parent}`"),
            };
        }
        let value = match key {
            "headline" => "\"Harbour lights return to Port Wren\"",
            "description" => "\"The quay lamps are lit again after two dark years.\"",
            "slug" => "\"harbour-lights-return\"",
            "url" | "canonical" => "\"https://news.example/harbour-lights-return\"",
            "published" | "modified" => "2026-03-14T09:30:00+00:00",
            "language" => "\"en\"",
            "section" => "\"Harbour\"",
            "genre" => "\"analysis\"",
            "keywords" => "[\"harbour\", \"lighting\"]",
            "authors" => "[\"Ada Quill\"]",
            "publisher" => "\"Harbour Ledger\"",
            "image" => match self {
                Format::Toml => {
                    "{ url = \"https://news.example/lamps.jpg\", credit = \"Ada Quill / Lumen\" }"
                }
                Format::Yaml => {
                    "{url: \"https://news.example/lamps.jpg\", credit: \"Ada Quill / Lumen\"}"
                }
            },
            _ => "\"…\"",
        };
        match self {
            Format::Toml => format!("`{key} = {value}`"),
            Format::Yaml => format!("`{key}: {value}`"),
        }
    }
}

/// The front matter's fields, each with the place of its key.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub(crate) format: Option<Format>,
    pub(crate) headline: Option<At<String>>,
    pub(crate) description: Option<At<String>>,
    pub(crate) slug: Option<At<Slug>>,
    /// `url`, or `canonical`, which means the same.
    pub(crate) url: Option<At<AbsoluteUrl>>,
    pub(crate) published: Option<At<Timestamp>>,
    pub(crate) modified: Option<At<Timestamp>>,
    pub(crate) language: Option<At<LanguageTag>>,
    pub(crate) section: Option<At<String>>,
    pub(crate) genre: Option<At<Genre>>,
    pub(crate) keywords: Vec<String>,
    pub(crate) authors: Option<At<Vec<Person>>>,
    pub(crate) publisher: Option<At<String>>,
    pub(crate) image: Option<At<Image>>,
    /// Keys given with a value that could not be used: checks that would only repeat the
    /// problem (such as "no publication date") are skipped for them.
    pub(crate) rejected: Vec<&'static str>,
    /// Whether the block had syntax errors: then any key may have been lost, and no check
    /// reports a key as missing.
    pub(crate) broken: bool,
}

impl FrontMatter {
    /// Whether `key` was given with a value that could not be used.
    pub(crate) fn rejected(&self, key: &str) -> bool {
        self.broken || self.rejected.contains(&key)
    }

    /// How `key` is written in this front matter's format (TOML when there is none).
    pub(crate) fn example(&self, key: &str) -> String {
        self.format.unwrap_or(Format::Toml).example(key)
    }
}

/// An article split into its front matter and the text after it.
#[derive(Debug)]
pub(crate) struct Split<'a> {
    pub(crate) front: FrontMatter,
    /// The text after the front matter.
    pub(crate) body: &'a str,
    /// The file line on which `body` starts.
    pub(crate) body_line: u32,
}

/// Splits off and reads the front matter at the top of `text`, if any. `None` when the front
/// matter is never closed: where the article starts is then unknown.
pub(crate) fn split<'a>(text: &'a str, sink: &mut Sink<'_>) -> Option<Split<'a>> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let format = match text[..first_end].trim_end() {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Some(Split {
                front: FrontMatter::default(),
                body: text,
                body_line: 1,
            });
        }
    };
    let rest = text.get(first_end + 1..).unwrap_or_default();
    let mut offset = 0;
    for (n, line) in split_lines(rest).enumerate() {
        if line.trim_end() == format.delimiter() {
            let content = &rest[..offset];
            let body = rest.get(offset + line.len() + 1..).unwrap_or_default();
            // TOML values find their positions from the index when asked, so it outlives them.
            let index;
            let (mut entries, broken) = match format {
                Format::Toml => {
                    index = LineIndex::new(content, 2);
                    from_toml::parse(content, &index, sink)
                }
                Format::Yaml => from_yaml::parse(content, 2, sink),
            };
            // Decoding removed the characters XML forbids from the text, so only escapes can
            // write one into a value, and in both formats escapes start with a backslash:
            // front matter without one, which is most of it, need not be walked.
            debug_assert!(!crate::decode::has_forbidden(content));
            if memchr::memchr(b'\\', content.as_bytes()).is_some() {
                remove_forbidden(&mut entries, sink);
            }
            let mut front = read(format, entries, sink);
            front.broken = broken;
            return Some(Split {
                front,
                body,
                body_line: crate::diag::to_u32(n).saturating_add(3),
            });
        }
        offset += line.len() + 1;
    }
    let d = format.delimiter();
    sink.error(
        Code::FrontMatterSyntax,
        Pos::new(1, 1, 3),
        format!("the front matter opened with `{d}` on line 1 is never closed"),
    )
    .hint(format!(
        "end the front matter with a line holding only `{d}`, before the article's text"
    ));
    None
}

/// Removes the characters XML 1.0 forbids from every string value, with a warning for each
/// value: escapes such as `\u0000` write them where the text itself holds none.
fn remove_forbidden(entries: &mut [Entry<'_>], sink: &mut Sink<'_>) {
    for e in entries {
        remove_forbidden_in(&mut e.value, sink);
    }
}

fn remove_forbidden_in(node: &mut Node<'_>, sink: &mut Sink<'_>) {
    match &mut node.value {
        Value::Str(s) => {
            let Some(first) = first_forbidden_in_xml(s).and_then(|at| s[at..].chars().next())
            else {
                return;
            };
            let before = s.chars().count();
            s.to_mut().retain(|c| !is_forbidden(c));
            let removed = before - s.chars().count();
            let name = format!("U+{:04X}", u32::from(first));
            let message = if removed == 1 {
                format!("removed the character {name}, which XML does not allow, from the value")
            } else {
                format!(
                    "removed {removed} characters XML does not allow from the value, starting \
                     with {name}"
                )
            };
            sink.warning(Code::ForbiddenCharacter, node.pos(), message)
                .hint(format!(
                    "delete the escape that writes it (such as `\\u{:04X}`) from the front matter",
                    u32::from(first)
                ));
        }
        Value::Array(items) => {
            for item in items {
                remove_forbidden_in(item, sink);
            }
        }
        Value::Table(entries) => remove_forbidden(entries, sink),
        Value::Number(_) | Value::Bool(_) | Value::DateTime(_) | Value::Null | Value::Other(_) => {}
    }
}

/// Reads the entries into typed fields.
fn read(format: Format, entries: Vec<Entry<'_>>, sink: &mut Sink<'_>) -> FrontMatter {
    let mut r = Reader {
        sink,
        format,
        fm: FrontMatter {
            format: Some(format),
            ..FrontMatter::default()
        },
    };
    let mut url = None;
    let mut canonical = None;
    for e in &entries {
        match &*e.key {
            "headline" => r.fm.headline = r.text(e, "headline"),
            "description" => r.fm.description = r.text(e, "description"),
            "section" => r.fm.section = r.text(e, "section"),
            "publisher" => r.fm.publisher = r.text(e, "publisher"),
            "slug" => r.fm.slug = r.slug(e),
            "url" => url = r.url(&e.value, "url"),
            "canonical" => canonical = r.url(&e.value, "canonical"),
            "published" => r.fm.published = r.timestamp(e, "published"),
            "modified" => r.fm.modified = r.timestamp(e, "modified"),
            "language" => r.fm.language = r.language(e),
            "genre" => r.fm.genre = r.genre(e),
            "keywords" => r.fm.keywords = r.keywords(e),
            "authors" => r.fm.authors = r.authors(e),
            "image" => r.fm.image = r.image(e),
            _ => r.unknown(e, KEYS, "front matter"),
        }
    }
    if let (Some(u), Some(c)) = (&url, &canonical)
        && u.value != c.value
    {
        r.sink
            .error(
                Code::FrontMatterValue,
                c.pos,
                format!(
                    "`canonical` ({}) differs from `url` ({}); both name the article's canonical URL",
                    c.value, u.value
                ),
            )
            .hint("keep one of `url` and `canonical`");
        r.fm.rejected.push("url");
    }
    r.fm.url = url.or(canonical);
    r.fm
}

/// `s` with its words separated by single spaces, without white space around them.
fn squash(s: &str) -> String {
    if is_squashed(s) {
        return s.to_owned();
    }
    squash_words(s)
}

/// Whether `s` is printable ASCII with single spaces between its words and none around
/// them, which [`squash`] leaves as it is. Most values are; checking their bytes costs less
/// than splitting them into words, which decodes every character. The checks run over every
/// byte without stopping early, which lets them test many bytes at once.
fn is_squashed(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    let printable = b
        .iter()
        .fold(true, |ok, &c| ok & (b' '..=b'~').contains(&c));
    let doubled = b
        .iter()
        .zip(&b[1..])
        .fold(false, |d, (&x, &y)| d | ((x == b' ') & (y == b' ')));
    printable & !doubled & (first != b' ') & (last != b' ')
}

/// [`squash`] for any text.
fn squash_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `a` and `b` are at most two edits apart (for "did you mean").
fn near(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 || a.len() > 40 || b.len() > 40 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}

struct Reader<'s, 'f> {
    sink: &'s mut Sink<'f>,
    format: Format,
    fm: FrontMatter,
}

impl Reader<'_, '_> {
    fn unknown(&mut self, e: &Entry<'_>, known: &[&str], within: &str) {
        let lower = e.key.to_lowercase();
        let suggestion = ALIASES
            .iter()
            .filter(|_| known == KEYS)
            .find(|(alias, _)| *alias == lower)
            .map(|(_, key)| *key)
            .or_else(|| known.iter().copied().find(|k| near(k, &lower)));
        let list = known.join(", ");
        let hint = match suggestion {
            Some(s) => format!("did you mean `{s}`? known keys: {list}"),
            None => format!("known keys: {list}"),
        };
        self.sink
            .error(
                Code::FrontMatterUnknownKey,
                e.key_pos,
                format!("unknown {within} key `{}`", e.key),
            )
            .hint(hint);
    }

    /// Reports that `key` has the wrong kind of value.
    fn wrong(&mut self, node: &Node<'_>, key: &'static str, expected: &str) {
        let message = match &node.value {
            Value::Null => format!("`{key}` has no value; it must be {expected}"),
            Value::Str(s) if s.trim().is_empty() => {
                format!("`{key}` is empty; it must be {expected}")
            }
            v => format!("`{key}` must be {expected}, not {}", v.kind()),
        };
        self.sink
            .error(Code::FrontMatterValue, node.pos(), message)
            .hint(format!("write it as {}", self.format.example(key)));
        self.fm.rejected.push(key);
    }

    fn string(&mut self, node: &Node<'_>, key: &'static str) -> Option<String> {
        match &node.value {
            Value::Str(s) => {
                let text = squash(s);
                if text.is_empty() {
                    self.wrong(node, key, "a non-empty string");
                    None
                } else {
                    Some(text)
                }
            }
            _ => {
                self.wrong(node, key, "a string");
                None
            }
        }
    }

    fn text(&mut self, e: &Entry<'_>, key: &'static str) -> Option<At<String>> {
        let s = self.string(&e.value, key)?;
        Some(At::new(s, e.key_pos))
    }

    fn slug(&mut self, e: &Entry<'_>) -> Option<At<Slug>> {
        let s = self.string(&e.value, "slug")?;
        match Slug::new(&s) {
            Ok(slug) => Some(At::new(slug, e.key_pos)),
            Err(err) => {
                self.sink
                    .error(
                        Code::InvalidSlug,
                        e.value.pos(),
                        format!("`slug` is not a valid slug: {s:?}"),
                    )
                    .hint(format!(
                        "{}, such as {}",
                        err.rule(),
                        self.format.example("slug")
                    ));
                self.fm.rejected.push("slug");
                None
            }
        }
    }

    fn url(&mut self, node: &Node<'_>, key: &'static str) -> Option<At<AbsoluteUrl>> {
        let s = self.string(node, key)?;
        match AbsoluteUrl::parse(&s) {
            Ok(url) => Some(At::new(url, node.pos())),
            Err(err) => {
                self.sink
                    .error(
                        Code::InvalidUrl,
                        node.pos(),
                        format!("`{key}` is not an absolute http(s) URL: {s:?}"),
                    )
                    .hint(format!(
                        "{}, such as {}",
                        err.rule(),
                        self.format.example(key)
                    ));
                self.fm.rejected.push(key);
                None
            }
        }
    }

    fn timestamp(&mut self, e: &Entry<'_>, key: &'static str) -> Option<At<Timestamp>> {
        let raw: Cow<'_, str> = match &e.value.value {
            Value::Str(s) => Cow::Borrowed(s.trim()),
            // A TOML date-time with a date, a time with seconds and an offset is read from its
            // parts; any other, and one with a misplaced leap second, as the text it stands for,
            // which is what the messages below quote.
            Value::DateTime(d) => match offset_date_time(d) {
                Some(t) if !newswire_model::misplaced_leap_second(&t) => {
                    return Some(At::new(t, e.key_pos));
                }
                _ => Cow::Owned(d.to_string()),
            },
            _ => {
                self.wrong(&e.value, key, "an RFC 3339 date-time with a UTC offset");
                return None;
            }
        };
        let raw = &*raw;
        if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
            if !newswire_model::misplaced_leap_second(&t) {
                return Some(At::new(t, e.key_pos));
            }
            self.sink
                .error(
                    Code::FrontMatterValue,
                    e.value.pos(),
                    format!(
                        "`{key}` has a leap second (second 60) that is not at 23:59:60 UTC: {raw}"
                    ),
                )
                .hint("RFC 3339 allows second 60 only at 23:59:60 UTC; write :59");
            self.fm.rejected.push(key);
            return None;
        }
        let no_offset = [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .any(|f| NaiveDateTime::parse_from_str(raw, f).is_ok())
            || NaiveDate::parse_from_str(raw, "%Y-%m-%d").is_ok();
        let (message, hint) = if no_offset {
            (
                format!("`{key}` has no UTC offset: {raw}"),
                format!(
                    "give the time and its offset from UTC, such as {} (`Z` for UTC)",
                    self.format.example(key)
                ),
            )
        } else {
            (
                format!("`{key}` is not an RFC 3339 date-time: {raw:?}"),
                format!("write it as {}", self.format.example(key)),
            )
        };
        self.sink
            .error(Code::FrontMatterValue, e.value.pos(), message)
            .hint(hint);
        self.fm.rejected.push(key);
        None
    }

    fn language(&mut self, e: &Entry<'_>) -> Option<At<LanguageTag>> {
        let s = self.string(&e.value, "language")?;
        match LanguageTag::parse(&s) {
            Ok(tag) => Some(At::new(tag, e.key_pos)),
            Err(err) => {
                self.sink
                    .error(
                        Code::InvalidLanguage,
                        e.value.pos(),
                        format!("`language` is not a BCP 47 language tag: {s:?}"),
                    )
                    .hint(err.rule());
                self.fm.rejected.push("language");
                None
            }
        }
    }

    fn genre(&mut self, e: &Entry<'_>) -> Option<At<Genre>> {
        let s = self.string(&e.value, "genre")?;
        match Genre::from_name(&s) {
            Some(g) => Some(At::new(g, e.key_pos)),
            None => {
                let names: Vec<&str> = Genre::ALL.iter().map(|g| g.as_str()).collect();
                self.sink
                    .error(
                        Code::FrontMatterValue,
                        e.value.pos(),
                        format!("unknown genre {s:?}"),
                    )
                    .hint(format!("use one of: {}", names.join(", ")));
                self.fm.rejected.push("genre");
                None
            }
        }
    }

    fn keywords(&mut self, e: &Entry<'_>) -> Vec<String> {
        /// How many keywords are compared one by one before a set of them is kept.
        const FEW: usize = 16;
        let mut out: Vec<String> = Vec::new();
        // Seen keywords, once there are more than a few, so that a long list is read in
        // linear time.
        let mut seen: HashSet<String> = HashSet::new();
        let mut add = |k: &str| {
            let k = squash(k);
            if k.is_empty() {
                return;
            }
            if out.len() < FEW {
                if !out.contains(&k) {
                    out.push(k);
                }
                return;
            }
            if seen.is_empty() {
                seen.extend(out.iter().cloned());
            }
            if seen.insert(k.clone()) {
                out.push(k);
            }
        };
        match &e.value.value {
            Value::Str(s) => s.split(',').for_each(&mut add),
            Value::Array(items) => {
                for item in items {
                    match &item.value {
                        Value::Str(s) => add(s),
                        _ => self.wrong(item, "keywords", "a list of strings"),
                    }
                }
            }
            _ => self.wrong(&e.value, "keywords", "a list of strings"),
        }
        out
    }

    fn authors(&mut self, e: &Entry<'_>) -> Option<At<Vec<Person>>> {
        let mut people = Vec::new();
        match &e.value.value {
            Value::Str(_) => people.extend(self.person(&e.value)),
            Value::Array(items) => {
                for item in items {
                    people.extend(self.person(item));
                }
            }
            _ => self.wrong(
                &e.value,
                "authors",
                "a list of names or of tables with `name`",
            ),
        }
        (!people.is_empty()).then(|| At::new(people, e.key_pos))
    }

    fn person(&mut self, node: &Node<'_>) -> Option<Person> {
        match &node.value {
            Value::Str(_) => Some(Person::named(self.string(node, "authors")?)),
            Value::Table(entries) => {
                let mut person = Person::named("");
                for e in entries {
                    match &*e.key {
                        "name" => {
                            person.name = self.string(&e.value, "authors.name").unwrap_or_default();
                        }
                        "role" => person.role = self.string(&e.value, "authors.role"),
                        "url" => person.url = self.url(&e.value, "authors.url").map(|u| u.value),
                        _ => self.unknown(e, AUTHOR_KEYS, "author"),
                    }
                }
                if person.name.is_empty() {
                    if self.fm.rejected("authors.name") {
                        return None;
                    }
                    self.sink
                        .error(Code::FrontMatterValue, node.pos(), "an author has no `name`")
                        .hint("give every author a `name`, such as `{ name = \"Ada Quill\", role = \"Staff Writer\" }`");
                    self.fm.rejected.push("authors");
                    return None;
                }
                Some(person)
            }
            _ => {
                self.wrong(node, "authors", "a name or a table with `name`");
                None
            }
        }
    }

    fn image(&mut self, e: &Entry<'_>) -> Option<At<Image>> {
        let mut image = Image {
            url: None,
            alt: None,
            caption: None,
            credit: None,
        };
        match &e.value.value {
            Value::Str(_) => image.url = Some(self.url(&e.value, "image")?.value),
            Value::Table(entries) => {
                for sub in entries {
                    match &*sub.key {
                        "url" => image.url = self.url(&sub.value, "image.url").map(|u| u.value),
                        "alt" => image.alt = self.string(&sub.value, "image.alt"),
                        "caption" => image.caption = self.string(&sub.value, "image.caption"),
                        "credit" => {
                            image.credit = self
                                .string(&sub.value, "image.credit")
                                .and_then(|s| crate::trailer::parse_credit(&s));
                        }
                        _ => self.unknown(sub, IMAGE_KEYS, "image"),
                    }
                }
            }
            _ => {
                self.wrong(
                    &e.value,
                    "image",
                    "a table with `url`, `alt`, `caption` and `credit`",
                );
                return None;
            }
        }
        let empty = image.url.is_none()
            && image.alt.is_none()
            && image.caption.is_none()
            && image.credit.is_none();
        (!empty).then(|| At::new(image, e.key_pos))
    }
}

/// The instant a TOML offset date-time with seconds names, as RFC 3339 reads the text it
/// stands for (`DateTime::parse_from_rfc3339(&d.to_string())`, which a test checks): second
/// 60 is a leap second. `None` for anything else (a local date-time, a date or time alone, a
/// time without seconds, a value out of range), which is then read as that text.
fn offset_date_time(d: &toml::value::Datetime) -> Option<Timestamp> {
    use toml::value::Offset;
    let (date, time, offset) = (d.date?, d.time?, d.offset?);
    let offset = match offset {
        Offset::Z => 0,
        Offset::Custom { minutes } => i32::from(minutes) * 60,
    };
    let second = u32::from(time.second?);
    let nanosecond = time.nanosecond.unwrap_or(0);
    if nanosecond > 999_999_999 {
        return None;
    }
    let (second, nanosecond) = match second {
        60 => (59, nanosecond + 1_000_000_000),
        s => (s, nanosecond),
    };
    let naive = NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )?
    .and_hms_nano_opt(
        u32::from(time.hour),
        u32::from(time.minute),
        second,
        nanosecond,
    )?;
    FixedOffset::east_opt(offset)?
        .from_local_datetime(&naive)
        .single()
}

/// For the readers that do without the parsers ([`flat_yaml`], [`flat_toml`]): whether what
/// follows a value (or a TOML table's header) ends the line: spaces, then perhaps a comment,
/// which both parsers take for one even with no space before it.
fn ends_line(after: &str) -> bool {
    let rest = after.trim_start_matches(' ');
    rest.is_empty() || rest.starts_with('#')
}

/// For the readers that do without the parsers: whether `content` is lines of printable
/// ASCII, every byte from ` ` to `~` or a line feed. Such text holds no character either
/// reader must look at one by one (a control, a line break other than `\n`, a byte order
/// mark), and front matter often is such text: one test of its bytes, which runs over all
/// of them without stopping early so that many are tested at once, rather than decoding each
/// character.
fn is_ascii_lines(content: &str) -> bool {
    content.bytes().fold(true, |ok, b| {
        ok & ((b == b'\n') | (b' '..=b'~').contains(&b))
    })
}

/// For the readers that do without the parsers: the text between the quotes (`"` or `'`)
/// that open `text`, and what follows the closing one, when the text holds no escape. A
/// double-quoted text with a backslash is refused; the other escapes and forms leave a quote
/// right after the value (YAML's `''`, TOML's `'''` and `"""`), which ends neither a line
/// nor a list item, so the callers refuse them.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let quote = *text.as_bytes().first()?;
    let inner = &text[1..];
    let end = memchr::memchr(quote, inner.as_bytes())?;
    let (value, after) = (&inner[..end], &inner[end + 1..]);
    (quote == b'\'' || !value.contains('\\')).then_some((value, after))
}

/// Pieces of front matter for the generated-input tests of the readers that do without the
/// parsers: how many of the first pieces are likely to be read without the parser, and all
/// the pieces.
#[cfg(test)]
type Pieces = (usize, &'static [&'static str]);

/// `count` front matters made from pieces: lines of a key, what follows it and a value, or
/// another line, up to `max_lines` of them. The likely pieces of each list are picked twice
/// as often as the others. With `bare_keys`, every sixth key goes without a value.
#[cfg(test)]
fn generated_front_matter(
    count: usize,
    max_lines: usize,
    [keys, after_key, values, lines]: [Pieces; 4],
    bare_keys: bool,
) -> impl Iterator<Item = String> {
    let mut next = crate::tests::numbers();
    let mut pick = move |(likely, list): Pieces| -> &'static str {
        let from = if next().is_multiple_of(3) {
            list.len()
        } else {
            likely
        };
        list[next() % from]
    };
    (0..count).map(move |n| {
        let mut content = String::new();
        for line in 0..1 + n % max_lines {
            if (n + line) % 5 < 3 {
                content.push_str(pick(keys));
                content.push_str(pick(after_key));
                if !bare_keys || !(n / max_lines + line).is_multiple_of(6) {
                    content.push_str(pick(values));
                }
            } else {
                content.push_str(pick(lines));
            }
            content.push('\n');
        }
        content
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use newswire_model::Diagnostic;

    /// Splits `text`; expects a rendering of the fields read and the diagnostics as
    /// `code line:column`.
    #[track_caller]
    fn check(text: &str, expect: &str, diagnostics: &[&str]) {
        let mut sink = Sink::new("t.txt");
        let got = match split(text, &mut sink) {
            Some(s) => render(&s),
            None => "unclosed".to_owned(),
        };
        let got_diags: Vec<String> = sink.finish().iter().map(short).collect();
        assert_eq!(got, expect, "fields of {text:?}");
        assert_eq!(got_diags, diagnostics, "diagnostics of {text:?}");
    }

    /// A TOML date-time read from its parts names the instant and offset RFC 3339 reads from
    /// its text, over dates, times, fractions, leap seconds and offsets in and out of range.
    #[test]
    fn date_times_read_from_their_parts_as_from_their_text() {
        use toml::value::{Date, Datetime, Offset, Time};
        let dates = [
            (0, 1, 1),
            (1970, 1, 1),
            (2026, 2, 28),
            (2028, 2, 29),
            (2026, 2, 29),
        ]
        .into_iter()
        .chain([
            (2026, 4, 31),
            (2026, 12, 31),
            (9999, 12, 31),
            (2026, 13, 1),
            (2026, 1, 0),
        ])
        .map(|(year, month, day)| Date { year, month, day });
        let seconds = [None, Some(0), Some(59), Some(60), Some(61)];
        let fractions = [
            None,
            Some(0),
            Some(500_000_000),
            Some(123_456_789),
            Some(999_999_999),
        ];
        let offsets = [None, Some(Offset::Z)].into_iter().chain(
            [0, 1, -1, 330, -570, 1439, -1439, 1440, -1440]
                .map(|minutes| Some(Offset::Custom { minutes })),
        );
        let offsets: Vec<Option<Offset>> = offsets.collect();
        let mut read = 0;
        for date in dates {
            for (hour, minute) in [(0, 0), (9, 30), (23, 59), (24, 0), (12, 60)] {
                for second in seconds {
                    for nanosecond in fractions {
                        for &offset in &offsets {
                            let time = Time {
                                hour,
                                minute,
                                second,
                                nanosecond,
                            };
                            let d = Datetime {
                                date: Some(date),
                                time: Some(time),
                                offset,
                            };
                            let Some(t) = offset_date_time(&d) else {
                                continue;
                            };
                            let text =
                                DateTime::parse_from_rfc3339(&d.to_string()).unwrap_or_else(|e| {
                                    panic!("{d} reads from its parts, not as text: {e}")
                                });
                            assert_eq!((t, t.offset()), (text, text.offset()), "{d}");
                            read += 1;
                        }
                    }
                }
            }
        }
        // The common forms are read from their parts.
        assert!(read > 1000, "{read} read from their parts");
        let common: Datetime = "2026-03-14T09:30:00+01:00"
            .parse()
            .expect("a TOML date-time");
        assert!(offset_date_time(&common).is_some());
        let local: Datetime = "2026-03-14T09:30:00".parse().expect("a TOML date-time");
        assert_eq!(offset_date_time(&local), None);
    }

    fn short(d: &Diagnostic) -> String {
        let l = d.location.expect("a located diagnostic");
        format!("{} {}:{}", d.code, l.line, l.column)
    }

    fn render(s: &Split<'_>) -> String {
        let f = &s.front;
        let mut out = Vec::new();
        if let Some(v) = &f.headline {
            out.push(format!("headline@{}={}", v.pos.line, v.value));
        }
        if let Some(v) = &f.slug {
            out.push(format!("slug={}", v.value));
        }
        if let Some(v) = &f.url {
            out.push(format!("url={}", v.value));
        }
        if let Some(v) = &f.published {
            out.push(format!("published={}", v.value.to_rfc3339()));
        }
        if let Some(v) = &f.modified {
            out.push(format!("modified={}", v.value.to_rfc3339()));
        }
        if let Some(v) = &f.language {
            out.push(format!("language={}", v.value));
        }
        if let Some(v) = &f.genre {
            out.push(format!("genre={}", v.value.as_str()));
        }
        if !f.keywords.is_empty() {
            out.push(format!("keywords={}", f.keywords.join("|")));
        }
        if let Some(v) = &f.authors {
            let names: Vec<String> = v
                .value
                .iter()
                .map(|p| match &p.role {
                    Some(r) => format!("{} ({r})", p.name),
                    None => p.name.clone(),
                })
                .collect();
            out.push(format!("authors={}", names.join("|")));
        }
        if let Some(v) = &f.image {
            let c = v.value.credit.as_ref();
            out.push(format!(
                "image={} credit={}/{}",
                v.value.url.as_ref().map_or("-", |u| u.as_str()),
                c.and_then(|c| c.creator.as_deref()).unwrap_or("-"),
                c.and_then(|c| c.provider.as_deref()).unwrap_or("-"),
            ));
        }
        if let Some(v) = &f.section {
            out.push(format!("section={}", v.value));
        }
        if let Some(v) = &f.description {
            out.push(format!("description={}", v.value));
        }
        if let Some(v) = &f.publisher {
            out.push(format!("publisher={}", v.value));
        }
        out.push(format!("body@{}={:?}", s.body_line, s.body));
        out.join(" ")
    }

    #[test]
    fn front_matter() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("No front matter\n", "body@1=\"No front matter\\n\"", &[]),
            ("+++\n+++\nText", "body@3=\"Text\"", &[]),
            (
                "+++\nheadline = \"Lights  return\"\nslug = \"lights\"\nurl = \"https://n.example/lights\"\n\
                 published = 2026-03-14T09:30:00+01:00\nmodified = \"2026-03-15T10:00:00Z\"\n\
                 language = \"EN-gb\"\ngenre = \"Analysis\"\nkeywords = [\"harbour\", \"lamps\"]\n\
                 authors = [\"Ada Quill\", { name = \"Bo Renn\", role = \"Editor\" }]\n\
                 section = \"Harbour\"\ndescription = \"Short.\"\npublisher = \"Ledger\"\n\
                 [image]\nurl = \"https://n.example/l.jpg\"\ncredit = \"Ada Quill / Lumen\"\n+++\nText\n",
                "headline@2=Lights return slug=lights url=https://n.example/lights \
                 published=2026-03-14T09:30:00+01:00 modified=2026-03-15T10:00:00+00:00 language=en-GB \
                 genre=analysis keywords=harbour|lamps authors=Ada Quill|Bo Renn (Editor) \
                 image=https://n.example/l.jpg credit=Ada Quill/Lumen section=Harbour \
                 description=Short. publisher=Ledger body@18=\"Text\\n\"",
                &[],
            ),
            (
                "---\nheadline: Lights return\nslug: lights\ncanonical: https://n.example/lights\n\
                 published: 2026-03-14T09:30:00+01:00\nkeywords:\n  - harbour\n  - lamps\n\
                 authors:\n  - Ada Quill\n  - name: Bo Renn\n    role: Editor\n\
                 image:\n  url: https://n.example/l.jpg\n  credit: Lumen Photo/Ada Quill\n---\nText\n",
                "headline@2=Lights return slug=lights url=https://n.example/lights \
                 published=2026-03-14T09:30:00+01:00 keywords=harbour|lamps \
                 authors=Ada Quill|Bo Renn (Editor) image=https://n.example/l.jpg credit=Ada Quill/Lumen \
                 body@17=\"Text\\n\"",
                &[],
            ),
            // Unknown keys, with their lines, in TOML and YAML, nested too.
            (
                "+++\nheadline = \"A\"\ntitle = \"B\"\n[image]\nurll = \"https://n.example/x.jpg\"\n+++\nText",
                "headline@2=A body@7=\"Text\"",
                &["NW0102 3:1", "NW0102 5:1"],
            ),
            (
                "---\nheadline: A\nauthor: Ada Quill\nauthors:\n  - name: Bo Renn\n    email: b@n.example\n---\nText",
                "headline@2=A authors=Bo Renn body@8=\"Text\"",
                &["NW0102 3:1", "NW0102 6:5"],
            ),
            // Bad dates.
            (
                "+++\npublished = 2026-03-14T09:30:00\nmodified = \"2026-03-14\"\n+++\nText",
                "body@5=\"Text\"",
                &["NW0103 2:13", "NW0103 3:12"],
            ),
            (
                "---\npublished: 2026-03-14 09:30\nmodified: yesterday\n---\nText",
                "body@5=\"Text\"",
                &["NW0103 2:1", "NW0103 3:1"],
            ),
            // Bad values.
            (
                "+++\nslug = \"Bad Slug\"\nurl = \"javascript:alert(1)\"\nlanguage = \"en_GB\"\ngenre = \"gossip\"\nheadline = 3\nkeywords = [\"a\", 2]\n+++\nText",
                "keywords=a body@9=\"Text\"",
                &[
                    "NW0304 2:8",
                    "NW0303 3:7",
                    "NW0311 4:12",
                    "NW0103 5:9",
                    "NW0103 6:12",
                    "NW0103 7:18",
                ],
            ),
            (
                "+++\nurl = \"https://n.example/a\"\ncanonical = \"https://n.example/b\"\n+++\nText",
                "url=https://n.example/a body@5=\"Text\"",
                &["NW0103 3:13"],
            ),
            // Escapes that write characters XML forbids: removed, with a warning at the value.
            (
                "+++\nheadline = \"Quay \\u0007 lights\"\nkeywords = [\"a\\u0000b\", \"c\\uFFFE\"]\n+++\nText",
                "headline@2=Quay lights keywords=ab|c body@5=\"Text\"",
                &["NW0003 2:12", "NW0003 3:13", "NW0003 3:25"],
            ),
            (
                "---\nheadline: \"Quay \\a\\0 lights\"\n---\nText",
                "headline@2=Quay lights body@4=\"Text\"",
                &["NW0003 2:1"],
            ),
            // Repeated keywords are read once, in the order first given.
            (
                "+++\nkeywords = \"b, a,  b , c, a\"\n+++\nText",
                "keywords=b|a|c body@4=\"Text\"",
                &[],
            ),
            // Syntax errors and unclosed front matter.
            (
                "+++\nheadline = \"A\nslug = \"a\"\n+++\nText",
                "headline@2=A slug=a body@5=\"Text\"",
                &["NW0101 2:14"],
            ),
            (
                "---\nheadline: [A\n---\nText",
                "body@4=\"Text\"",
                &["NW0101 3:1"],
            ),
            (
                "---\n- a\n- b\n---\nText",
                "body@5=\"Text\"",
                &["NW0101 2:1"],
            ),
            ("+++\nheadline = \"A\"\nText", "unclosed", &["NW0101 1:1"]),
            ("---\nheadline: A\n", "unclosed", &["NW0101 1:1"]),
            ("+++", "unclosed", &["NW0101 1:1"]),
        ];
        for (text, expect, diagnostics) in cases {
            check(text, expect, diagnostics);
        }
    }

    /// Values already squashed are copied as they are: the same as squashing them word by
    /// word, over white space of every kind, control characters and other scripts.
    #[test]
    fn squashed_values_are_copied_as_squashing_would_leave_them() {
        let parts = [
            "", " ", "  ", "a", "Bo", "~", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{7f}",
            "\u{85}", "\u{a0}", "\u{2003}", "\u{3000}", "é", "港",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}x{c}{a}");
                    assert_eq!(squash(&s), squash_words(&s), "{s:?}");
                    let s = format!("{b}{a}{c}");
                    assert_eq!(squash(&s), squash_words(&s), "{s:?}");
                }
            }
        }
        assert!(is_squashed("Harbour lights return"));
        assert!(!is_squashed("Harbour  lights"));
    }

    #[test]
    fn long_keyword_lists_are_read_in_linear_time() {
        let list: Vec<String> = (0..20_000)
            .map(|i| format!("\"k{}\"", i % 10_000))
            .collect();
        let text = format!("+++\nkeywords = [{}]\n+++\nText", list.join(", "));
        let mut sink = Sink::new("t.txt");
        let split = split(&text, &mut sink).expect("closed front matter");
        let keywords = &split.front.keywords;
        assert_eq!(keywords.len(), 10_000);
        assert_eq!(
            (keywords[0].as_str(), keywords[9_999].as_str()),
            ("k0", "k9999")
        );
    }

    #[test]
    fn forbidden_character_warnings_say_what_was_removed() {
        let mut sink = Sink::new("t.txt");
        split("+++\nsection = \"a\\u0001\\u0002b\"\n+++\nT", &mut sink);
        let list = sink.finish();
        assert_eq!(
            list[0].message,
            "removed 2 characters XML does not allow from the value, starting with U+0001"
        );
        assert!(
            list[0]
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("`\\u0001`"))
        );

        // Escapes are found in nested tables too; a backslash that writes nothing forbidden
        // changes nothing.
        let mut sink = Sink::new("t.txt");
        let alt = split(
            "+++\nsection = 'C:\\news'\n[image]\nalt = \"a\\u0001\"\n+++\nT",
            &mut sink,
        )
        .and_then(|s| s.front.image.zip(s.front.section))
        .map(|(image, section)| (image.value.alt, section.value));
        assert_eq!(alt, Some((Some("a".to_owned()), "C:\\news".to_owned())));
        assert_eq!(sink.located_codes(), ["NW0003 4:7"]);

        // A value with nothing left is empty, and said to be.
        let mut sink = Sink::new("t.txt");
        split("+++\nsection = \"\\u0001\"\n+++\nT", &mut sink);
        let messages: Vec<String> = sink.finish().into_iter().map(|d| d.message).collect();
        assert_eq!(
            messages,
            [
                "removed the character U+0001, which XML does not allow, from the value",
                "`section` is empty; it must be a non-empty string",
            ]
        );
    }

    #[test]
    fn unknown_key_hints() {
        let mut sink = Sink::new("t.txt");
        split("+++\ntags = [\"a\"]\nheadlin = \"A\"\n+++\nT", &mut sink);
        let list = sink.finish();
        let hints: Vec<&str> = list.iter().filter_map(|d| d.hint.as_deref()).collect();
        assert_eq!(hints.len(), 2);
        assert!(hints[0].starts_with("did you mean `keywords`? known keys: headline, description"));
        assert!(hints[1].starts_with("did you mean `headline`?"));
    }

    #[test]
    fn offsetless_date_hint_shows_the_format() {
        for (text, example) in [
            (
                "+++\npublished = 2026-03-14T09:30:00\n+++\nT",
                "`published = 2026-03-14T09:30:00+00:00`",
            ),
            (
                "---\npublished: 2026-03-14T09:30:00\n---\nT",
                "`published: 2026-03-14T09:30:00+00:00`",
            ),
        ] {
            let mut sink = Sink::new("t.txt");
            split(text, &mut sink);
            let list = sink.finish();
            assert_eq!(
                list[0].message,
                "`published` has no UTC offset: 2026-03-14T09:30:00"
            );
            assert!(
                list[0].hint.as_deref().is_some_and(|h| h.contains(example)),
                "{:?}",
                list[0].hint
            );
        }
    }
}
