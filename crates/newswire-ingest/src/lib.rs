//! Reads news articles — wire text with optional TOML or YAML front matter — into
//! [`newswire_model::Record`]s, reporting every problem as a [`Diagnostic`] with the file, line
//! and column to fix.
//!
//! Reading is a pipeline of small stages, each in its own module:
//!
//! 1. `decode`: bytes to text (UTF-8 with or without BOM, any line ends, forbidden characters
//!    removed);
//! 2. `frontmatter`: the optional `+++` TOML or `---` YAML block, read into typed fields that
//!    remember the line of every key;
//! 3. a reader turns the rest into blocks with positions (`lines` for wire text);
//! 4. `draft` sorts the blocks into headline, byline, lead with dateline, body and trailer
//!    (`byline`, `dateline`, `trailer` and `classify` know the conventions);
//! 5. `resolve` applies front matter and the channel and makes the [`Record`].
//!
//! Every stage reports into one list and carries on, so one run shows every problem. Nothing
//! reads the clock: an article with no date is an error that names the fix.
//!
//! ```
//! use newswire_ingest::{Context, parse_wire_text};
//!
//! let text = "+++\n\
//!     url = \"https://ledger.example/harbour-lights\"\n\
//!     language = \"en\"\n\
//!     published = 2026-03-14T09:30:00+00:00\n\
//!     +++\n\
//!     Harbour lights return to Port Wren\n\
//!     By Ada Quill, Staff Writer\n\
//!     PORT WREN — The lamps along the quay were lit again on Friday after two dark years.\n";
//! let parsed = parse_wire_text("lights.txt", text.as_bytes(), &Context::default());
//! let record = parsed.record.expect("a valid article");
//! assert_eq!(record.headline, "Harbour lights return to Port Wren");
//! assert_eq!(record.authors[0].name, "Ada Quill");
//! assert_eq!(record.authors[0].role.as_deref(), Some("Staff Writer"));
//! assert_eq!(record.dateline.as_ref().map(|d| d.place.as_str()), Some("PORT WREN"));
//! assert!(record.body[0].text().starts_with("The lamps"));
//! ```
#![deny(missing_docs)]

mod byline;
mod classify;
mod dateline;
mod decode;
mod diag;
mod draft;
mod frontmatter;
mod lines;
mod names;
mod resolve;
mod slug;
mod text;
mod trailer;

use newswire_model::{Channel, Code, Diagnostic, Record, Timestamp};

pub use slug::slugify;

use crate::diag::{Pos, Sink};
use crate::draft::RawBlock;

/// What an article is read within: its channel, and the command line's date override.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The channel the article belongs to: base URL, language, publisher, default author and
    /// id scheme. Without one, front matter must supply `url` and `language`.
    pub channel: Option<&'a Channel>,
    /// The publication date to use when the front matter gives none (`--published`).
    pub published: Option<Timestamp>,
}

/// The result of reading one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The record; `None` exactly when some diagnostic is an error.
    pub record: Option<Record>,
    /// Every problem found, sorted by position (problems without one last).
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads one wire-text article (`.txt`, with optional front matter) into a record.
///
/// `file` is the label put into every diagnostic. Any bytes are accepted: the worst input
/// gives diagnostics, never a panic.
pub fn parse_wire_text(file: &str, bytes: &[u8], ctx: &Context<'_>) -> Parsed {
    read(file, bytes, ctx, lines::wire_blocks)
}

/// The pipeline every reader shares; `blocks` turns the text after the front matter, which
/// starts on the given line, into blocks.
fn read(
    file: &str,
    bytes: &[u8],
    ctx: &Context<'_>,
    blocks: fn(&str, u32) -> Vec<RawBlock>,
) -> Parsed {
    let mut sink = Sink::new(file);
    let text = decode::decode(bytes, &mut sink);
    let record = if text.trim().is_empty() {
        sink.error(
            Code::EmptyInput,
            Pos::line(1),
            "the file is empty or holds only white space",
        )
        .hint("write the article's text, or remove the file");
        None
    } else {
        match frontmatter::split(&text, &mut sink) {
            Some(split) => {
                let blocks = blocks(split.body, split.body_line);
                let draft = draft::build(blocks, &mut sink);
                resolve::resolve(draft, split.front, split.body_line, ctx, &mut sink)
            }
            None => None,
        }
    };
    let diagnostics = sink.finish();
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Parsed {
        record: if failed { None } else { record },
        diagnostics,
    }
}
