//! Reads news articles — wire text or Markdown, with optional TOML or YAML front matter — into
//! [`newswire_model::Record`]s, reporting every problem as a [`Diagnostic`] with the file, line
//! and column to fix. The same article gives the same record in either form.
//!
//! Reading is a pipeline of small stages, each in its own module:
//!
//! 1. `decode`: bytes to text (UTF-8 with or without BOM, any line ends, forbidden characters
//!    removed);
//! 2. `frontmatter`: the optional `+++` TOML or `---` YAML block, read into typed fields that
//!    remember the line of every key;
//! 3. a reader turns the rest into blocks with positions (`lines` for wire text, `markdown`
//!    for Markdown, which also says which blocks are titles, headings and paragraphs);
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
mod markdown;
mod names;
mod resolve;
mod slug;
mod text;
mod trailer;

use newswire_model::{BodyScan, Channel, Code, Diagnostic, Location, Record, Timestamp};

pub use slug::slugify;

use crate::diag::{Pos, Sink};
use crate::draft::Body;

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
    /// Where in the article the record's fields were read from, so that what validation
    /// later finds in a field can point at the article's text.
    pub places: Places,
    /// What one reading of the record's body found (its words, and whether it may hold a
    /// character XML forbids), when ingest made the record from text: validation takes it
    /// rather than reading the body again (`newswire_validate::Validator::record_scanned`).
    /// `None` with no record, and for records read as JSON.
    pub body_scan: Option<BodyScan>,
}

/// Where in an article a record's fields were read from: the place of the value each field
/// came from (a front matter key, the headline line, the byline), by the field's JSON pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places(Vec<(&'static str, Location)>);

impl Places {
    /// The place of the value at `pointer`: its field's own, or that of the field it is
    /// part of (`/authors/0/name` was read where `/authors` was).
    pub fn find(&self, pointer: &str) -> Option<Location> {
        self.0
            .iter()
            .filter(|(field, _)| {
                pointer
                    .strip_prefix(field)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .max_by_key(|(field, _)| field.len())
            .map(|&(_, location)| location)
    }

    /// `diagnostic`, found in the record at a pointer, placed where its field was read, when it
    /// has no place in the file yet; the pointer stays, naming the field.
    pub fn locate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if diagnostic.location.is_none()
            && let Some(pointer) = &diagnostic.pointer
        {
            diagnostic.location = self.find(pointer);
        }
        diagnostic
    }

    pub(crate) fn with_capacity(fields: usize) -> Places {
        Places(Vec::with_capacity(fields))
    }

    pub(crate) fn add(&mut self, field: &'static str, pos: Pos) {
        self.0.push((
            field,
            Location {
                line: pos.line,
                column: pos.column,
                length: pos.length,
            },
        ));
    }
}

impl Parsed {
    /// An article that could not be read at all, for `diagnostic`.
    pub fn failed(diagnostic: Diagnostic) -> Parsed {
        Parsed {
            record: None,
            diagnostics: vec![diagnostic],
            places: Places::default(),
            body_scan: None,
        }
    }

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
    read(file, bytes, ctx, |text, first_line, _| Body {
        blocks: lines::wire_blocks(text, first_line),
        image: None,
    })
}

/// Reads one Markdown article (`.md`, with optional front matter, as Hugo and Jekyll keep
/// articles) into a record.
///
/// A leading `#` heading is the headline line and `##` headings are sections; paragraphs are
/// read with their inline markup flattened to text, and the byline, dateline and trailer lines
/// by the conventions of wire text, so the same article gives the same record in either form.
/// Raw HTML is never body text: it is dropped with a warning. The first image is the record's
/// picture when the front matter gives no `image.url`.
///
/// `file` is the label put into every diagnostic. Any bytes are accepted: the worst input
/// gives diagnostics, never a panic.
///
/// ```
/// use newswire_ingest::{Context, parse_markdown};
///
/// let text = concat!(
///     "---\n",
///     "url: https://ledger.example/quay-lamps\n",
///     "language: en\n",
///     "published: 2026-03-14T09:30:00+00:00\n",
///     "---\n",
///     "# Harbour lights return to Port Wren\n\n",
///     "By Ada Quill\n\n",
///     "PORT WREN — The lamps along the quay were lit *again* on Friday.\n\n",
///     "## What happens next?\n\n",
///     "The council meets on Monday.\n\n",
///     "*Written by Ada Quill for Harbour Ledger, analysis.*\n",
/// );
/// let record = parse_markdown("lamps.md", text.as_bytes(), &Context::default())
///     .record
///     .expect("a valid article");
/// assert_eq!(record.headline, "Harbour lights return to Port Wren");
/// assert_eq!(record.authors[0].name, "Ada Quill");
/// assert_eq!(record.body[0].text(), "The lamps along the quay were lit again on Friday.");
/// assert_eq!(record.body[1].text(), "What happens next?");
/// assert_eq!(record.genre.map(|g| g.as_str()), Some("analysis"));
/// ```
pub fn parse_markdown(file: &str, bytes: &[u8], ctx: &Context<'_>) -> Parsed {
    read(file, bytes, ctx, markdown::markdown_body)
}

/// The pipeline every reader shares; `reader` turns the text after the front matter, which
/// starts on the given line, into blocks.
fn read(
    file: &str,
    bytes: &[u8],
    ctx: &Context<'_>,
    reader: fn(&str, u32, &mut Sink<'_>) -> Body,
) -> Parsed {
    let mut sink = Sink::new(file);
    let text = decode::decode(bytes, &mut sink);
    let mut places = Places::default();
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
                let body = reader(split.body, split.body_line, &mut sink);
                let draft = draft::build(body, &mut sink);
                places = resolve::places(&draft, &split.front, ctx.channel);
                resolve::resolve(draft, split.front, split.body_line, ctx, &mut sink)
            }
            None => None,
        }
    };
    let diagnostics = sink.finish();
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let (record, body_scan) = match record {
        Some((record, scan)) if !failed => (Some(record), Some(scan)),
        _ => (None, None),
    };
    Parsed {
        record,
        diagnostics,
        places,
        body_scan,
    }
}

#[cfg(test)]
mod tests {
    /// The same pseudo-random numbers on every run, so that a test of many generated inputs
    /// checks the same ones: proptest's deterministic generator.
    pub(crate) fn numbers() -> impl FnMut() -> usize {
        use proptest::prelude::Rng;
        use proptest::test_runner::{RngAlgorithm, TestRng};
        let mut rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
        move || rng.next_u64() as usize
    }
}
