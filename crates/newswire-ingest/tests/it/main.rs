//! Integration tests of the readers, through the public API only.

mod articles;
mod hostile;
mod markdown;
mod places;
mod seed;

use newswire_ingest::{Context, Parsed, parse_markdown, parse_wire_text};
use newswire_model::{
    AbsoluteUrl, Channel, ChannelPublisher, IdScheme, LanguageTag, Person, Timestamp, scan_body,
};

/// The channel articles are read within in these tests.
pub(crate) fn channel() -> Channel {
    let url = |s: &str| AbsoluteUrl::parse(s).expect("a test URL");
    Channel {
        title: "Harbour Ledger".into(),
        description: "News from the harbour towns of Norland".into(),
        home_url: url("https://ledger.example/"),
        base_url: url("https://ledger.example/articles/"),
        feed_url: url("https://ledger.example/feeds/"),
        language: LanguageTag::parse("en-GB").expect("a test tag"),
        publisher: ChannelPublisher {
            name: "Harbour Ledger".into(),
            url: url("https://ledger.example/"),
            logo: Some(url("https://ledger.example/logo.png")),
        },
        rights: None,
        limit: 50,
        default_author: Some(Person::named("Ledger Desk")),
        id_scheme: IdScheme::Url,
    }
}

/// The date the tests pass as `--published`.
pub(crate) fn published() -> Timestamp {
    Timestamp::parse_from_rfc3339("2026-03-14T09:30:00+00:00").expect("a test date")
}

/// Reads `text` within the test channel, with the test date.
pub(crate) fn parse(text: &[u8]) -> Parsed {
    let channel = channel();
    let ctx = Context {
        channel: Some(&channel),
        published: Some(published()),
    };
    checked(parse_wire_text("article.txt", text, &ctx))
}

/// Reads Markdown `text` within the test channel, with the test date.
pub(crate) fn parse_md(text: &[u8]) -> Parsed {
    let channel = channel();
    let ctx = Context {
        channel: Some(&channel),
        published: Some(published()),
    };
    checked(parse_markdown("article.md", text, &ctx))
}

/// `parsed`, once its body scan is seen to be what a reading of its record's body finds (what
/// validation relies on when it takes the scan instead of reading the body), and the record's
/// word count the scan's.
#[track_caller]
fn checked(parsed: Parsed) -> Parsed {
    let expect = parsed.record.as_ref().map(|r| scan_body(&r.body));
    assert_eq!(parsed.body_scan, expect, "the body scan");
    if let (Some(record), Some(scan)) = (&parsed.record, expect) {
        assert_eq!(record.word_count, scan.words);
    }
    parsed
}

/// Every diagnostic as `severity code line:column`.
pub(crate) fn diagnostics(parsed: &Parsed) -> Vec<String> {
    parsed
        .diagnostics
        .iter()
        .map(|d| {
            let at = d
                .location
                .map_or_else(|| "-".to_owned(), |l| format!("{}:{}", l.line, l.column));
            format!("{} {} {at}", d.severity, d.code)
        })
        .collect()
}
