//! Integration tests of newswire-export: hand-made records of invented events through every
//! format, read back by independent parsers.

mod atom;
mod feeds_with;
mod fixtures;
mod jsonfeed;
mod jsonld;
mod ninjs;
mod page;
mod rss;
mod rss_roundtrip;
