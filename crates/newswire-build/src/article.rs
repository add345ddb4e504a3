//! Reading one article file of any kind into a validated record.

use std::path::Path;

use newswire_ingest::{Context, Parsed};
use newswire_model::{Code, Diagnostic};
use newswire_validate::Validator;

/// The kinds of article file newswire reads, told apart by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Wire text (`.txt`), with optional front matter.
    WireText,
    /// Markdown (`.md`) with front matter, as static site generators keep articles.
    Markdown,
    /// A record in the published schema (`.json`).
    Record,
}

impl InputKind {
    /// The kind of the file at `path`, or `None` when newswire does not read such files.
    pub fn of(path: &Path) -> Option<InputKind> {
        match path.extension()?.to_str()? {
            "txt" => Some(InputKind::WireText),
            "md" => Some(InputKind::Markdown),
            "json" => Some(InputKind::Record),
            _ => None,
        }
    }
}

/// Reads `bytes`, an article of `kind` labelled `file` in diagnostics, into a record and checks
/// it against both validation layers.
///
/// The record is present only when no diagnostic is an error.
pub fn read_article(
    file: &str,
    kind: InputKind,
    bytes: &[u8],
    ctx: &Context<'_>,
    validator: &Validator,
) -> Parsed {
    let mut parsed = match kind {
        InputKind::WireText => newswire_ingest::parse_wire_text(file, bytes, ctx),
        InputKind::Markdown => newswire_ingest::parse_markdown(file, bytes, ctx),
        InputKind::Record => match std::str::from_utf8(bytes) {
            Ok(text) => {
                let (record, diagnostics) = newswire_validate::parse_record(file, text, validator);
                // `parse_record` has run the rules layer already.
                return finish(Parsed {
                    record,
                    diagnostics,
                });
            }
            Err(err) => Parsed {
                record: None,
                diagnostics: vec![
                    Diagnostic::error(
                        Code::InvalidUtf8,
                        format!("the record is not valid UTF-8 (byte {})", err.valid_up_to()),
                    )
                    .in_file(file)
                    .with_hint("save the file as UTF-8"),
                ],
            },
        },
    };
    if let Some(record) = &parsed.record {
        parsed.diagnostics.extend(validator.record(file, record));
    }
    finish(parsed)
}

/// Reads the article file at `path`, refusing files over `max_bytes`.
pub fn read_article_file(
    path: &Path,
    max_bytes: u64,
    ctx: &Context<'_>,
    validator: &Validator,
) -> Parsed {
    let file = path.display().to_string();
    let fail = |d: Diagnostic| Parsed {
        record: None,
        diagnostics: vec![d.in_file(file.clone())],
    };
    let Some(kind) = InputKind::of(path) else {
        return fail(
            Diagnostic::error(
                Code::UnknownFileKind,
                "newswire does not read this kind of file",
            )
            .with_hint("articles are wire text (.txt), Markdown (.md) or records (.json)"),
        );
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > max_bytes => {
            return fail(
                Diagnostic::error(
                    Code::TooLarge,
                    format!(
                        "the file is {} bytes, over the limit of {max_bytes}",
                        meta.len()
                    ),
                )
                .with_hint("split the article, or raise the limit with --max-article-bytes"),
            );
        }
        Ok(_) => {}
        Err(err) => return fail(io_error(&err)),
    }
    match std::fs::read(path) {
        Ok(bytes) => read_article(&file, kind, &bytes, ctx, validator),
        Err(err) => fail(io_error(&err)),
    }
}

pub(crate) fn io_error(err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("cannot read the file: {err}"))
        .with_hint("check that the path exists and is readable")
}

/// Drops the record when any diagnostic is an error, so no invalid record travels on.
fn finish(mut parsed: Parsed) -> Parsed {
    if parsed.diagnostics.iter().any(Diagnostic::is_error) {
        parsed.record = None;
    }
    parsed
}
