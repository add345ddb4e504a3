//! The newswire record: one typed article, the channel it belongs to, and the diagnostics
//! every layer reports.
//!
//! This crate is the bottom of the workspace. It performs no I/O and knows no output format;
//! its serialised types *are* the published record format, so every change to them is a
//! change to what partners pin (see `schemas/`).
//!
//! Values that have rules are types that can only hold valid values, so later layers never
//! re-check them:
//!
//! ```
//! use newswire_model::{AbsoluteUrl, Slug};
//!
//! let slug = Slug::new("harbour-lights-return").unwrap();
//! let base = AbsoluteUrl::parse("https://news.example/world/").unwrap();
//! assert_eq!(base.join_slug(&slug).as_str(), "https://news.example/world/harbour-lights-return");
//! assert!(Slug::new("Not A Slug").is_err());
//! assert!(AbsoluteUrl::parse("javascript:alert(1)").is_err());
//! ```
#![deny(missing_docs)]

mod channel;
mod diagnostic;
mod record;
mod value;
mod xml;

pub use channel::{Channel, ChannelPublisher, IdScheme};
pub use diagnostic::{Code, Diagnostic, Location, Severity};
pub use record::{
    Block, BodyScan, Credit, Dateline, Genre, Image, Organization, Person, RECORD_FORMAT_VERSION,
    Record, scan_body, word_count,
};
pub use value::{
    AbsoluteUrl, InvalidValue, LanguageTag, SLUG_PATTERN, Slug, Timestamp, misplaced_leap_second,
    rfc3339,
};
pub use xml::{
    find_byte, find_byte_with, first_forbidden_in_xml, first_forbidden_or_cr, is_forbidden_in_xml,
    may_start_forbidden,
};
