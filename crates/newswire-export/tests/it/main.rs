//! Integration tests of newswire-export: hand-made records of invented events through every
//! format, read back by independent parsers.

mod fixtures;
mod jsonld;
mod rss;
mod rss_roundtrip;
