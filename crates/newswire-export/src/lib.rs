//! Exports newswire records to the formats partners consume: RSS 2.0, Atom 1.0, JSON Feed 1.1,
//! schema.org JSON-LD, IPTC ninjs 3.1, and HTML pages with the JSON-LD embedded.
//!
//! Every function here is pure: the same record and channel give the same bytes, and no output
//! depends on the clock. One module per format (`rss`, `atom`, `jsonfeed`, `jsonld`, `ninjs`,
//! `page`) sits on shared helpers: text
//! filtering (no character XML 1.0 forbids reaches any output, even from a record read from
//! JSON), XML writing, body-to-HTML rendering, date formatting and canonical JSON bytes.
//!
//! ```
//! use newswire_export::{body_html, jsonld_article, rss, to_json_bytes};
//! use newswire_model::{Channel, Record};
//!
//! let channel: Channel = serde_json::from_value(serde_json::json!({
//!     "title": "Harbour Town Ledger",
//!     "description": "News from the harbour towns",
//!     "home_url": "https://ledger.example/",
//!     "base_url": "https://ledger.example/articles/",
//!     "feed_url": "https://ledger.example/feeds/",
//!     "language": "en",
//!     "publisher": {"name": "Harbour Town Ledger", "url": "https://ledger.example/"}
//! }))?;
//! let record: Record = serde_json::from_value(serde_json::json!({
//!     "id": "https://ledger.example/articles/ferry-returns",
//!     "slug": "ferry-returns",
//!     "url": "https://ledger.example/articles/ferry-returns",
//!     "headline": "Night ferry returns to Saltmere",
//!     "description": "The night ferry runs again after a winter in dry dock.",
//!     "published": "2026-11-03T09:30:00-05:00",
//!     "language": "en",
//!     "authors": [{"name": "Ana Lima"}],
//!     "body": [{"type": "paragraph", "text": "The night ferry runs again & sails at ten."}],
//!     "word_count": 8
//! }))?;
//!
//! let feed = rss(&channel, &[&record]);
//! assert!(feed.contains("<pubDate>Tue, 03 Nov 2026 09:30:00 -0500</pubDate>"));
//! assert!(feed.contains("<dc:creator>Ana Lima</dc:creator>"));
//! assert_eq!(body_html(&record), "<p>The night ferry runs again &amp; sails at ten.</p>");
//!
//! let article = jsonld_article(&record);
//! assert_eq!(article["@type"], "NewsArticle");
//! assert_eq!(article["datePublished"], "2026-11-03T09:30:00-05:00");
//! assert!(to_json_bytes(&article).ends_with(b"}\n"));
//! # Ok::<(), serde_json::Error>(())
//! ```
#![deny(missing_docs)]

mod atom;
mod body;
mod date;
mod document;
mod html;
mod json;
mod jsonfeed;
mod jsonld;
mod ninjs;
mod page;
mod rss;
mod text;
mod xml;

pub use atom::{atom, atom_with};
pub use body::RenderedBody;
pub use document::Document;
pub use html::body_html;
pub use json::to_json_bytes;
pub use jsonfeed::{json_feed, json_feed_with};
pub use jsonld::{
    JsonLdText, jsonld_article, jsonld_article_document, jsonld_article_text, jsonld_channel,
};
pub use ninjs::{ninjs, ninjs_bytes, ninjs_document};
pub use page::{PageChannel, html_page, html_page_document};
pub use rss::{rss, rss_with};

#[cfg(test)]
mod tests;
