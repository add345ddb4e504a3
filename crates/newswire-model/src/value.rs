//! Values with rules: slugs, absolute URLs, language tags and timestamps.
//!
//! Each is a newtype whose constructor checks the rule, and whose serde and schema forms say
//! the same rule, so a value that exists is a valid value.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, FixedOffset};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date and time with an explicit UTC offset, as every record date is (RFC 3339).
pub type Timestamp = DateTime<FixedOffset>;

/// Whether `t` has a leap second (second 60) anywhere but at 23:59:60 UTC, the only place
/// RFC 3339 allows one. Such a time parses, but is no valid RFC 3339 date-time, so readers
/// refuse it before it reaches a record.
pub fn misplaced_leap_second(t: &Timestamp) -> bool {
    use chrono::Timelike;
    let utc = t.naive_utc();
    t.nanosecond() >= 1_000_000_000 && !(utc.hour() == 23 && utc.minute() == 59)
}

/// `t` in RFC 3339, as chrono's `to_rfc3339_opts(SecondsFormat::AutoSi, use_z)` writes it: a
/// fraction of a second only when there is one, and `Z` for UTC when `use_z`.
///
/// The common case — a four-digit year, whole seconds (no leap second) and an offset in whole
/// minutes — is written field by field into a string of the right size; chrono's formatter
/// goes through `fmt` for every field, which costs more than the date is long. Anything else
/// is left to chrono.
pub fn rfc3339(t: &Timestamp, use_z: bool) -> String {
    fast_rfc3339(t, use_z)
        .unwrap_or_else(|| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, use_z))
}

/// The numbers 0 to 99 as two digits each, one after another: a field's two digits found
/// by looking them up rather than by dividing, and copied as text already known to be text.
const DIGIT_PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// [`rfc3339`] in the common case it writes field by field; `None` otherwise.
fn fast_rfc3339(t: &Timestamp, use_z: bool) -> Option<String> {
    use chrono::{Datelike, Timelike};
    let local = t.naive_local();
    let offset = t.offset().local_minus_utc();
    let year = u32::try_from(local.year()).ok().filter(|&y| y <= 9999)?;
    if local.nanosecond() != 0 || offset % 60 != 0 {
        return None;
    }
    let mut out = String::with_capacity(25);
    let two = |out: &mut String, n: u32| {
        let at = 2 * (n % 100) as usize;
        out.push_str(&DIGIT_PAIRS[at..at + 2]);
    };
    two(&mut out, year / 100);
    two(&mut out, year);
    out.push('-');
    two(&mut out, local.month());
    out.push('-');
    two(&mut out, local.day());
    out.push('T');
    two(&mut out, local.hour());
    out.push(':');
    two(&mut out, local.minute());
    out.push(':');
    two(&mut out, local.second());
    if offset == 0 && use_z {
        out.push('Z');
        return Some(out);
    }
    let minutes = offset.unsigned_abs() / 60;
    out.push(if offset < 0 { '-' } else { '+' });
    two(&mut out, minutes / 60);
    out.push(':');
    two(&mut out, minutes % 60);
    Some(out)
}

/// Why a value was refused by one of the constructors in this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    what: &'static str,
    value: String,
    rule: &'static str,
}

impl InvalidValue {
    fn new(what: &'static str, value: &str, rule: &'static str) -> InvalidValue {
        let mut value = value.to_owned();
        if value.len() > 80 {
            let cut = value.floor_char_boundary(77);
            value.truncate(cut);
            value.push_str("...");
        }
        InvalidValue { what, value, rule }
    }

    /// The rule that was broken, phrased as what a valid value looks like.
    pub fn rule(&self) -> &'static str {
        self.rule
    }
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} {:?}: {}", self.what, self.value, self.rule)
    }
}

impl std::error::Error for InvalidValue {}

macro_rules! string_newtype_serde {
    ($ty:ident, $parse:path) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                let raw = Cow::<'de, str>::deserialize(deserializer)?;
                $parse(&raw).map_err(serde::de::Error::custom)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
    };
}

/// The pattern every slug matches.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// An article's slug: lower-case ASCII letters and digits in runs joined by single hyphens.
///
/// A slug names the article's files and the last segment of its URL, so it can never hold a
/// path separator, a dot or anything a file system or URL would treat specially.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slug(String);

impl Slug {
    /// Longest slug accepted, in bytes: file names stay well under every file system's limit.
    pub const MAX_LEN: usize = 100;

    /// Checks `s` against [`SLUG_PATTERN`] and the length limit.
    pub fn new(s: &str) -> Result<Slug, InvalidValue> {
        // Letters and digits in runs joined by single hyphens: no hyphen first, last, or after
        // another.
        let bytes = s.as_bytes();
        let well_formed = (1..=Slug::MAX_LEN).contains(&bytes.len())
            && bytes.first() != Some(&b'-')
            && bytes.last() != Some(&b'-')
            && bytes
                .iter()
                .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !bytes.windows(2).any(|pair| pair == b"--");
        if well_formed {
            Ok(Slug(s.to_owned()))
        } else {
            Err(InvalidValue::new(
                "slug",
                s,
                "use 1 to 100 lower-case ASCII letters and digits in runs joined by single hyphens",
            ))
        }
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype_serde!(Slug, Slug::new);

impl JsonSchema for Slug {
    fn schema_name() -> Cow<'static, str> {
        "Slug".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Lower-case ASCII letters and digits in runs joined by single hyphens; names the article's files and ends its URL.",
            "type": "string",
            "minLength": 1,
            "maxLength": Slug::MAX_LEN,
            "pattern": SLUG_PATTERN,
        })
    }
}

/// An absolute `http` or `https` URL with a host.
///
/// Relative references, `javascript:`, `data:` and every other scheme are refused, so a URL
/// that reaches an output can be written into any feed or page as is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AbsoluteUrl(String);

impl AbsoluteUrl {
    /// Parses and normalises `s` (WHATWG URL rules), accepting only absolute http(s) URLs.
    pub fn parse(s: &str) -> Result<AbsoluteUrl, InvalidValue> {
        match plain_url(s.trim()) {
            Some(url) => Ok(AbsoluteUrl(url)),
            None => AbsoluteUrl::parse_whatwg(s),
        }
    }

    /// [`AbsoluteUrl::parse`] by the `url` crate, for any input.
    fn parse_whatwg(s: &str) -> Result<AbsoluteUrl, InvalidValue> {
        const RULE: &str = "use an absolute http:// or https:// URL with a host";
        let url = url::Url::parse(s.trim()).map_err(|_| InvalidValue::new("URL", s, RULE))?;
        let http = matches!(url.scheme(), "http" | "https");
        if !http || !url.host_str().is_some_and(is_rfc3986_host) {
            return Err(InvalidValue::new("URL", s, RULE));
        }
        Ok(AbsoluteUrl(to_rfc3986(url.into())))
    }

    /// The URL as text, in its normalised form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL of the page named `slug` under this base URL.
    ///
    /// A base without a trailing slash is treated as a folder all the same, so
    /// `https://a.example/news` and `https://a.example/news/` give the same page URL.
    pub fn join_slug(&self, slug: &Slug) -> AbsoluteUrl {
        self.join_name(slug.as_str())
    }

    /// The URL of the file `name` (a plain file name such as `rss.xml`) under this base.
    pub fn join_name(&self, name: &str) -> AbsoluteUrl {
        debug_assert!(
            !name.contains(['/', '?', '#', '\\']),
            "not a plain name: {name}"
        );
        let base = match self.0.bytes().position(|b| b == b'?' || b == b'#') {
            Some(cut) => &self.0[..cut],
            None => &self.0,
        };
        let slash = if base.ends_with('/') { "" } else { "/" };
        AbsoluteUrl([base, slash, name].concat())
    }
}

/// `s`, a trimmed URL, as [`AbsoluteUrl::parse`] gives it, when it is already in that form
/// (but for the `/` of an empty path) and the `url` crate need not read it: `http://` or
/// `https://`; a host of dot-separated labels (none empty) of lower-case ASCII letters, digits
/// and hyphens, none starting with `x` (so none with `xn--`, Punycode, which IDNA checks) and
/// the last starting with a letter (an IPv4 address ends in a number); no user or port; a path
/// of characters that WHATWG and RFC 3986 both leave as they are, with no segment starting
/// with a dot (so no `.` or `..`); no query or fragment. `None` for anything else, which is
/// left to the `url` crate.
fn plain_url(s: &str) -> Option<String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let last = host.rfind('.').map_or(host, |dot| &host[dot + 1..]);
    let plain_host = host
        .bytes()
        .all(|b| b.is_ascii_lowercase() | b.is_ascii_digit() | (b == b'-') | (b == b'.'))
        && last.starts_with(|c: char| c.is_ascii_lowercase())
        && !host.starts_with(['.', 'x'])
        && !host.contains("..")
        && !host.contains(".x");
    // No segment starting with a dot, which rules out `.` and `..` and costs less to look for.
    let plain_path = path.bytes().all(|b| PLAIN_IN_PATH[usize::from(b)]) && !path.contains("/.");
    if !plain_host || !plain_path {
        return None;
    }
    let mut url = String::with_capacity(s.len() + 1);
    url.push_str(s);
    if path.is_empty() {
        url.push('/');
    }
    Some(url)
}

/// For each byte, whether WHATWG and RFC 3986 both leave it as it is in a path: `/` and
/// [`is_rfc3986_pchar`].
const PLAIN_IN_PATH: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b == b'/' as usize || is_rfc3986_pchar(b as u8);
        b += 1;
    }
    table
};

/// Whether a host, as the WHATWG serialisation writes it, is also an RFC 3986 host: WHATWG
/// lets a few characters RFC 3986 forbids (such as `{` and `` ` ``) through in domains.
fn is_rfc3986_host(host: &str) -> bool {
    !host.is_empty()
        && host
            .bytes()
            .all(|b| is_rfc3986_pchar(b) && b != b'@' || matches!(b, b'[' | b']'))
}

/// Whether RFC 3986 allows byte `b` as is in a path segment (`pchar`, less `%`).
const fn is_rfc3986_pchar(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
        )
}

/// Percent-encodes what the WHATWG serialisation leaves in the user info, path, query or
/// fragment but RFC 3986 forbids (`|`, `^`, `[`, `]`, a `%` not followed by two hex digits,
/// a second `#`), so that every URL also meets the schemas' `uri` format. Parsing the result
/// again gives it back unchanged.
fn to_rfc3986(url: String) -> String {
    let authority = url.find("://").map_or(0, |i| i + 3);
    let path = url[authority..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| authority + i);
    let host = url[authority..path]
        .rfind('@')
        .map_or(authority, |i| authority + i + 1);
    let mut out = String::with_capacity(url.len() + 8);
    out.push_str(&url[..authority]);
    push_rfc3986(&mut out, &url[authority..host]);
    out.push_str(&url[host..path]);
    push_rfc3986(&mut out, &url[path..]);
    out
}

/// Appends `part` with every byte RFC 3986 forbids there percent-encoded.
fn push_rfc3986(out: &mut String, part: &str) {
    let bytes = part.as_bytes();
    let hex = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
    let mut in_fragment = false;
    for (i, &b) in bytes.iter().enumerate() {
        let keep = match b {
            b'%' => hex(i + 1) && hex(i + 2),
            b'#' => !std::mem::replace(&mut in_fragment, true),
            b'/' | b'?' => true,
            _ => is_rfc3986_pchar(b),
        };
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

string_newtype_serde!(AbsoluteUrl, AbsoluteUrl::parse);

impl JsonSchema for AbsoluteUrl {
    fn schema_name() -> Cow<'static, str> {
        "AbsoluteUrl".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An absolute http:// or https:// URL.",
            "type": "string",
            "format": "uri",
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#]+",
        })
    }
}

/// A BCP 47 language tag such as `en`, `en-GB` or `pt-BR`, in its canonical case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LanguageTag(String);

impl LanguageTag {
    /// Checks that `s` is a well-formed BCP 47 tag and brings it to canonical case
    /// (`EN-gb` becomes `en-GB`).
    pub fn parse(s: &str) -> Result<LanguageTag, InvalidValue> {
        const RULE: &str = "use a BCP 47 language tag such as \"en\" or \"en-GB\"";
        let tag = oxilangtag::LanguageTag::parse_and_normalize(s.trim())
            .map_err(|_| InvalidValue::new("language tag", s, RULE))?;
        // BCP 47 also allows tags that name no language (private use such as `x-house`,
        // irregular grandfathered ones such as `i-klingon`); the schema, and every format a
        // tag goes into, needs a primary language subtag of 2 to 8 letters.
        let primary = tag.as_str().split('-').next().unwrap_or_default();
        if !(2..=8).contains(&primary.len()) {
            return Err(InvalidValue::new("language tag", s, RULE));
        }
        Ok(LanguageTag(tag.into_inner()))
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag, such as `en` in `en-GB`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

string_newtype_serde!(LanguageTag, LanguageTag::parse);

impl JsonSchema for LanguageTag {
    fn schema_name() -> Cow<'static, str> {
        "LanguageTag".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A BCP 47 language tag, such as \"en\" or \"en-GB\".",
            "type": "string",
            "pattern": "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_slug(input: &str, ok: bool) {
        assert_eq!(Slug::new(input).is_ok(), ok, "slug {input:?}");
    }

    /// Every string of up to five characters from a small alphabet is a slug exactly when it
    /// splits at hyphens into runs of lower-case letters and digits.
    #[test]
    fn slugs_are_runs_joined_by_hyphens() {
        let alphabet = ['a', '7', '-', 'Z', '_', 'é'];
        let mut longest = vec![String::new()];
        let mut strings = longest.clone();
        for _ in 0..5 {
            longest = longest
                .iter()
                .flat_map(|s| alphabet.map(|c| format!("{s}{c}")))
                .collect();
            strings.extend(longest.iter().cloned());
        }
        assert_eq!(strings.len(), (0..=5).map(|n| 6usize.pow(n)).sum::<usize>());
        for s in &strings {
            let runs = s.split('-').all(|run| {
                !run.is_empty()
                    && run
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
            check_slug(s, runs);
        }
    }

    #[test]
    fn slugs() {
        for (input, ok) in [
            ("a", true),
            ("harbour-lights-2026", true),
            ("", false),
            ("-a", false),
            ("a-", false),
            ("a--b", false),
            ("A", false),
            ("a_b", false),
            ("../etc", false),
            ("a/b", false),
            ("é", false),
        ] {
            check_slug(input, ok);
        }
        check_slug(&"a".repeat(100), true);
        check_slug(&"a".repeat(101), false);
    }

    #[test]
    fn urls() {
        for (input, expect) in [
            ("https://news.example/a", Some("https://news.example/a")),
            ("HTTP://News.Example", Some("http://news.example/")),
            (
                "  https://news.example/a b ",
                Some("https://news.example/a%20b"),
            ),
            ("javascript:alert(1)", None),
            ("/relative/path", None),
            ("mailto:desk@news.example", None),
            ("ftp://news.example/", None),
            ("data:text/html,hi", None),
            ("https://", None),
            // RFC 3986 forbids what WHATWG lets through: encoded, or refused in a host.
            (
                "https://news.example/50%",
                Some("https://news.example/50%25"),
            ),
            (
                "https://news.example/a%2Fb%zz",
                Some("https://news.example/a%2Fb%25zz"),
            ),
            (
                "https://news.example/a|b^c[d]",
                Some("https://news.example/a%7Cb%5Ec%5Bd%5D"),
            ),
            (
                "https://news.example/?q=[1]|2",
                Some("https://news.example/?q=%5B1%5D%7C2"),
            ),
            (
                "https://news.example/#a#b",
                Some("https://news.example/#a%23b"),
            ),
            (
                "https://news.example/a%7Cb",
                Some("https://news.example/a%7Cb"),
            ),
            ("https://[::1]:8080/x", Some("https://[::1]:8080/x")),
            (
                "https://a%:b@news.example/",
                Some("https://a%25:b@news.example/"),
            ),
            ("https://news{x}.example/", None),
            ("https://news`x.example/", None),
        ] {
            let got = AbsoluteUrl::parse(input).ok();
            assert_eq!(
                got.as_ref().map(AbsoluteUrl::as_str),
                expect,
                "url {input:?}"
            );
            if let Some(url) = got {
                let again = AbsoluteUrl::parse(url.as_str());
                assert_eq!(again.as_ref(), Ok(&url), "url {input:?} parsed twice");
            }
        }
    }

    /// RFC 3339 text is chrono's without `Z`, and serde's (chrono's `Serialize`) with it, over
    /// many instants and offsets; the field-by-field path is taken often and leaves to chrono
    /// what it does not write: years outside 0–9999, fractions of a second, leap seconds and
    /// offsets with seconds.
    #[test]
    fn rfc3339_writes_what_chrono_and_serde_write() {
        use chrono::SecondsFormat;
        let serde_text = |t: &Timestamp| match serde_json::to_value(t).unwrap() {
            serde_json::Value::String(s) => s,
            other => panic!("{other:?}"),
        };
        let check = |t: &Timestamp| {
            let plain = t.to_rfc3339_opts(SecondsFormat::AutoSi, false);
            assert_eq!(rfc3339(t, false), plain, "{t:?}");
            assert_eq!(rfc3339(t, true), serde_text(t), "{t:?}");
        };
        // The same inputs on every run: proptest's deterministic generator.
        use proptest::prelude::Rng;
        use proptest::test_runner::{RngAlgorithm, TestRng};
        let mut rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
        let mut next = || rng.next_u64();
        let mut fast = 0;
        for i in 0..20_000u64 {
            // Seconds from before year 0 to after 9999, and a run around today's dates; 62
            // bits of a draw, never negative.
            let wide = (next() >> 2) as i64;
            let secs = match i % 3 {
                0 => wide % 400_000_000_000 - 200_000_000_000,
                1 => 1_500_000_000 + wide % 500_000_000,
                _ => wide % 330_000_000_000 - 62_200_000_000,
            };
            let nanos = match i % 7 {
                0 => (next() % 1_000_000_000) as u32,
                1 => (next() % 1_000) as u32 * 1_000_000,
                2 => (next() % 1_000_000) as u32 * 1_000,
                3 => 1_000_000_000 + (next() % 1_000_000_000) as u32,
                _ => 0,
            };
            let offset = match i % 5 {
                0 => (next() % 172_799) as i32 - 86_399,
                1 => 0,
                _ => ((next() % (2 * 1_439 + 1)) as i32 - 1_439) * 60,
            };
            let offset = FixedOffset::east_opt(offset).unwrap();
            let Some(utc) = DateTime::from_timestamp(secs, nanos) else {
                continue;
            };
            let t = utc.with_timezone(&offset);
            check(&t);
            fast += usize::from(fast_rfc3339(&t, true).is_some());
        }
        assert!(fast > 4_000, "the fast path was taken {fast} times");
        // The edges, in UTC (a second of 60 is written as 59 and a second more of nanoseconds)
        // and then at offsets around them.
        for (year, month, day, hms, nanos) in [
            (0, 1, 1, (0, 0, 0), 0),
            (9999, 12, 31, (23, 59, 59), 0),
            (-1, 12, 31, (23, 59, 59), 0),
            (10_000, 1, 1, (0, 0, 0), 0),
            (-12_345, 6, 7, (1, 2, 3), 0),
            (2016, 12, 31, (23, 59, 59), 1_000_000_000),
            (2016, 12, 31, (23, 59, 59), 1_500_000_000),
            (2026, 11, 3, (9, 30, 0), 1),
            (2026, 11, 3, (9, 30, 0), 1_000),
        ] {
            let (h, m, sec) = hms;
            let t = chrono::NaiveDate::from_ymd_opt(year, month, day)
                .and_then(|d| d.and_hms_nano_opt(h, m, sec, nanos))
                .unwrap()
                .and_utc()
                .fixed_offset();
            for offset in [0, 1, -1, 30, -30, 60, -60, 86_399, -86_399, 86_340, -86_340] {
                check(&t.with_timezone(&FixedOffset::east_opt(offset).unwrap()));
            }
        }
    }

    /// URLs the `url` crate need not read are parsed as it parses them: over many URLs made of
    /// pieces near the edges of the plain form (case, Punycode, numbers, hyphens, empty labels,
    /// ports, users, dot segments, escapes, characters WHATWG or RFC 3986 encode, white space).
    #[test]
    fn plain_urls_are_parsed_as_the_url_crate_parses_them() {
        const SCHEMES: [&str; 8] = [
            "https://",
            "http://",
            "HTTPS://",
            "Http://",
            "https:/",
            "https:///",
            "ftp://",
            "",
        ];
        const LABELS: [&str; 18] = [
            "news",
            "example",
            "a",
            "z9",
            "a-b",
            "-a",
            "a-",
            "ab--cd",
            "xn--",
            "xn--bcher-kva",
            "XN--bcher-kva",
            "1",
            "255",
            "0x1f",
            "0",
            "",
            "Ab",
            "é",
        ];
        const HOST_ENDS: [&str; 6] = ["", "", "", ":8080", ":443", "@"];
        const SEGMENTS: [&str; 23] = [
            "",
            "a",
            "b.c",
            "~u",
            ".",
            "..",
            "%2e",
            "%2E.",
            ".%2e",
            "!$&'()*+,;=:@",
            "a b",
            "x|y",
            "é",
            "\\",
            "?q=1",
            "#f",
            "%41",
            "%",
            "{}",
            "\"q\"",
            "<>",
            "`^",
            "\t",
        ];
        // The same inputs on every run: proptest's deterministic generator.
        use proptest::prelude::Rng;
        use proptest::test_runner::{RngAlgorithm, TestRng};
        let mut rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
        let mut next = || rng.next_u64();
        let mut pick = |n: usize| (next() % n as u64) as usize;
        // Each list starts with its plain pieces, `plain` of them, drawn half of the time.
        let mut piece = |list: &[&'static str], plain: usize| match pick(2) {
            0 => list[pick(plain)],
            _ => list[pick(list.len())],
        };
        let mut plain = 0;
        for i in 0..30_000 {
            let mut url = String::from(piece(&SCHEMES, 2));
            for label in 0..1 + i % 4 {
                if label > 0 {
                    url.push('.');
                }
                url.push_str(piece(&LABELS, 7));
            }
            url.push_str(piece(&HOST_ENDS, 3));
            for _ in 0..i % 5 {
                url.push('/');
                url.push_str(piece(&SEGMENTS, 4));
            }
            if i % 7 == 0 {
                url.push('/');
            }
            let whatwg = AbsoluteUrl::parse_whatwg(&url);
            assert_eq!(AbsoluteUrl::parse(&url), whatwg, "{url:?}");
            if let Some(fast) = plain_url(&url) {
                assert_eq!(Ok(AbsoluteUrl(fast)), whatwg, "{url:?}");
                plain += 1;
            }
        }
        assert!(plain > 1_000, "{plain} plain URLs");
    }

    #[test]
    fn joins() {
        let slug = Slug::new("s").unwrap();
        for (base, expect) in [
            ("https://a.example/news/", "https://a.example/news/s"),
            ("https://a.example/news", "https://a.example/news/s"),
            ("https://a.example", "https://a.example/s"),
            ("https://a.example/news/?x=1#y", "https://a.example/news/s"),
            ("https://a.example/news#y", "https://a.example/news/s"),
        ] {
            let base = AbsoluteUrl::parse(base).unwrap();
            assert_eq!(base.join_slug(&slug).as_str(), expect);
        }
    }

    #[test]
    fn language_tags() {
        for (input, expect) in [
            ("en", Some("en")),
            ("EN-gb", Some("en-GB")),
            ("pt-BR", Some("pt-BR")),
            ("zh-hant-tw", Some("zh-Hant-TW")),
            ("en-", None),
            ("12", None),
            ("e", None),
            ("en_GB", None),
            ("", None),
            ("x-house", None),
            ("i-klingon", None),
            ("en-x-house", Some("en-x-house")),
            ("sgn-BE-FR", Some("sgn-BE-FR")),
        ] {
            let got = LanguageTag::parse(input).ok();
            assert_eq!(
                got.as_ref().map(LanguageTag::as_str),
                expect,
                "tag {input:?}"
            );
        }
    }

    #[test]
    fn leap_seconds() {
        for (input, misplaced) in [
            ("2026-06-30T23:59:60Z", false),
            ("2026-06-30T19:59:60-04:00", false),
            ("2026-03-20T11:00:60Z", true),
            ("2026-06-30T23:59:60+01:00", true),
            ("2026-06-30T23:59:59Z", false),
        ] {
            let t = DateTime::parse_from_rfc3339(input).unwrap();
            assert_eq!(misplaced_leap_second(&t), misplaced, "{input}");
        }
    }

    #[test]
    fn serde_refuses_invalid_values() {
        assert!(serde_json::from_str::<Slug>("\"Bad Slug\"").is_err());
        assert!(serde_json::from_str::<AbsoluteUrl>("\"javascript:x\"").is_err());
        let url: AbsoluteUrl = serde_json::from_str("\"https://a.example/x\"").unwrap();
        assert_eq!(
            serde_json::to_string(&url).unwrap(),
            "\"https://a.example/x\""
        );
    }
}
