//! Validates newswire records and channels: against the published JSON Schemas, and against
//! the rules a schema cannot say.
//!
//! Validation has two layers. The **schema layer** checks a JSON document against the
//! schemas committed in the repository's `schemas/` folder (the very bytes partners
//! validate against), with format assertions (`date-time`, `uri`) on. The **rules layer**
//! checks what a schema cannot: dates in order, headline and description lengths, the word
//! count, ids that are URLs or `tag:` URIs, names of whoever is credited, picture credits
//! without a picture, characters XML 1.0 forbids, and, across a set of records, unique ids and
//! slugs; on a channel, that the texts every feed shows are not blank.
//!
//! Every problem is a [`Diagnostic`] with a stable [`Code`](newswire_model::Code), a
//! severity, the file, a JSON pointer and a hint, and every problem is reported, not only the
//! first.
//!
//! ```
//! use newswire_model::{Code, Severity};
//! use newswire_validate::{Validator, exit_code, parse_record};
//!
//! let validator = Validator::new();
//! let text = r#"{
//!   "id": "https://ledger.example/articles/tide-gauge",
//!   "slug": "tide-gauge",
//!   "url": "https://ledger.example/articles/tide-gauge",
//!   "headline": "Kelmsby installs a new tide gauge",
//!   "description": "The harbour board fitted the gauge on Monday.",
//!   "published": "2026-03-10T08:30:00+00:00",
//!   "modified": "2026-03-09T08:30:00+00:00",
//!   "language": "en",
//!   "authors": [{ "name": "Mara Quell" }],
//!   "body": [{ "type": "paragraph", "text": "The harbour board fitted the gauge on Monday." }],
//!   "word_count": 8
//! }"#;
//! let (record, diagnostics) = parse_record("tide-gauge.json", text, &validator);
//! assert!(record.is_some());
//! assert_eq!(diagnostics.len(), 1);
//! assert_eq!(diagnostics[0].code, Code::DatesOutOfOrder);
//! assert_eq!(diagnostics[0].severity, Severity::Error);
//! assert_eq!(diagnostics[0].pointer.as_deref(), Some("/modified"));
//! assert_eq!(exit_code(&diagnostics, false), 1);
//! ```
#![deny(missing_docs)]

mod form;
mod parse;
mod rules;
mod schema;
mod unique;
mod view;

use newswire_model::{Diagnostic, Severity};

pub use parse::parse_record;
pub use schema::Validator;
pub use unique::{check_unique, duplicate_id, duplicate_slug};

/// The longest headline, in characters, that is not reported: Google truncates longer ones.
pub const HEADLINE_MAX_CHARS: usize = 110;

/// The longest description, in characters, that is not reported.
pub const DESCRIPTION_MAX_CHARS: usize = 300;

/// The process exit code for a run that found `diagnostics`: 0 when clean, 1 when any
/// diagnostic is an error, or a warning and `deny_warnings` is set, 2 when a file could not be
/// read or written (an I/O failure, not invalid input). Notes never fail a run.
pub fn exit_code(diagnostics: &[Diagnostic], deny_warnings: bool) -> u8 {
    if diagnostics
        .iter()
        .any(|d| d.is_error() && d.code == newswire_model::Code::Io)
    {
        return 2;
    }
    let fails = |d: &Diagnostic| match d.severity {
        Severity::Error => true,
        Severity::Warning => deny_warnings,
        Severity::Note => false,
    };
    u8::from(diagnostics.iter().any(fails))
}
