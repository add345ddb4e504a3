//! Reading one article file of any kind into a validated record.

use std::io::Read as _;
use std::path::Path;

use newswire_ingest::{Context, Parsed, Places};
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
    check_parsed(
        file,
        kind,
        parse_article(file, kind, bytes, ctx, validator),
        validator,
    )
}

/// The first half of [`read_article`]: ingest only. A record JSON is checked against both
/// validation layers already, as reading it needs the schema.
// Never inlined: `cargo xtask bench` counts a stage's instructions here.
#[inline(never)]
pub(crate) fn parse_article(
    file: &str,
    kind: InputKind,
    bytes: &[u8],
    ctx: &Context<'_>,
    validator: &Validator,
) -> Parsed {
    match kind {
        InputKind::WireText => newswire_ingest::parse_wire_text(file, bytes, ctx),
        InputKind::Markdown => newswire_ingest::parse_markdown(file, bytes, ctx),
        InputKind::Record => match std::str::from_utf8(bytes) {
            Ok(text) => {
                let (record, diagnostics) = newswire_validate::parse_record(file, text, validator);
                finish(Parsed {
                    record,
                    diagnostics,
                    places: Places::default(),
                    body_scan: None,
                })
            }
            Err(err) => Parsed::failed(invalid_utf8(bytes, err.valid_up_to()).in_file(file)),
        },
    }
}

/// The second half of [`read_article`]: both validation layers on what ingest made (a record
/// JSON has been through them while it was read).
// Never inlined: `cargo xtask bench` counts a stage's instructions here.
#[inline(never)]
pub(crate) fn check_parsed(
    file: &str,
    kind: InputKind,
    mut parsed: Parsed,
    validator: &Validator,
) -> Parsed {
    if kind != InputKind::Record
        && let Some(record) = &parsed.record
    {
        // What validation finds in a field points at where the field was read, and the list
        // stays in the order of the file, those without a place last.
        // The body is read once: ingest's reading of it serves validation too.
        let found = match parsed.body_scan {
            Some(scan) => validator.record_scanned(file, record, scan),
            None => validator.record(file, record),
        };
        let places = &parsed.places;
        parsed
            .diagnostics
            .extend(found.into_iter().map(|d| places.locate(d)));
        parsed.diagnostics.sort_by_key(|d| {
            d.location
                .map_or((u32::MAX, u32::MAX), |at| (at.line, at.column))
        });
    }
    finish(parsed)
}

/// The error for a record whose bytes stop being UTF-8 at byte `offset`: where, as text
/// diagnostics say it (line and column in characters, a byte-order mark not counted), and the
/// byte and its offset in the file.
fn invalid_utf8(bytes: &[u8], offset: usize) -> Diagnostic {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let before = bytes
        .get(bom.min(offset)..offset)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    let byte = bytes.get(offset).copied().unwrap_or_default();
    Diagnostic::error(
        Code::InvalidUtf8,
        format!("invalid UTF-8: byte 0x{byte:02X} at byte offset {offset}"),
    )
    .at(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
        1,
    )
    .with_hint("save the file as UTF-8")
}

/// Reads the article file at `path`, refusing files over `max_bytes`.
pub fn read_article_file(
    path: &Path,
    max_bytes: u64,
    ctx: &Context<'_>,
    validator: &Validator,
) -> Parsed {
    let file = path.display().to_string();
    match load_article(path, max_bytes) {
        Ok((kind, bytes)) => read_article(&file, kind, &bytes, ctx, validator),
        Err(diagnostic) => Parsed::failed(diagnostic),
    }
}

/// The kind and bytes of the article file at `path`, refusing files over `max_bytes`.
pub(crate) fn load_article(
    path: &Path,
    max_bytes: u64,
) -> Result<(InputKind, Vec<u8>), Diagnostic> {
    // The file's name made only for a diagnostic.
    let fail = |d: Diagnostic| Err(d.in_file(path.display().to_string()));
    let Some(kind) = InputKind::of(path) else {
        return fail(
            Diagnostic::error(
                Code::UnknownFileKind,
                "newswire does not read this kind of file",
            )
            .with_hint("articles are wire text (.txt), Markdown (.md) or records (.json)"),
        );
    };
    match read_file_at_most(path, max_bytes) {
        Ok(Ok(bytes)) => Ok((kind, bytes)),
        Ok(Err(too_large)) => fail(too_large),
        Err(err) => fail(io_error(&err)),
    }
}

/// How much of an article file is read before its size is asked for: nearly every article is
/// shorter, and is read whole, its end found by the read after it, without a call for its size.
const FIRST_READ: u64 = 16 * 1024;

/// [`read_at_most`] of the file at `path`, in one open. Its first 16 KiB are read before
/// anything else (no more than one byte past the limit): a file that ends within them is read
/// whole. The size of a longer one is read from the open file, and checked, before the rest,
/// and reading stops past the limit even if the file grows in between.
pub fn read_file_at_most(
    path: &Path,
    max_bytes: u64,
) -> std::io::Result<Result<Vec<u8>, Diagnostic>> {
    let mut file = std::fs::File::open(path)?;
    let first = FIRST_READ.min(max_bytes.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(first).unwrap_or(0));
    (&mut file).take(first).read_to_end(&mut bytes)?;
    if (bytes.len() as u64) < first {
        // The whole file, within the limit.
        return Ok(Ok(bytes));
    }
    let len = file.metadata()?.len();
    read_rest(file, bytes, Some(len), max_bytes)
}

/// Reads an article whole from `source`, unless it is over `max_bytes`: then the error
/// ([`Code::TooLarge`], without a file) is returned instead, and no more than one byte past the
/// limit has been read. `size`, a file's length from its metadata when known, is checked before
/// anything is read.
pub fn read_at_most(
    source: impl std::io::Read,
    size: Option<u64>,
    max_bytes: u64,
) -> std::io::Result<Result<Vec<u8>, Diagnostic>> {
    read_rest(source, Vec::new(), size, max_bytes)
}

/// [`read_at_most`] of what is left of a source whose first bytes, `bytes`, have been read
/// already; `size` is the whole source's.
fn read_rest(
    source: impl std::io::Read,
    mut bytes: Vec<u8>,
    size: Option<u64>,
    max_bytes: u64,
) -> std::io::Result<Result<Vec<u8>, Diagnostic>> {
    let too_large = |message: String| {
        Ok(Err(Diagnostic::error(Code::TooLarge, message).with_hint(
            "split the article, or raise the limit with --max-article-bytes",
        )))
    };
    if let Some(len) = size
        && len > max_bytes
    {
        return too_large(format!(
            "the file is {len} bytes, over the limit of {max_bytes}"
        ));
    }
    let capacity = size.map_or(0, |len| usize::try_from(len).unwrap_or(0));
    bytes.reserve_exact(capacity.saturating_sub(bytes.len()));
    source
        .take(
            max_bytes
                .saturating_add(1)
                .saturating_sub(bytes.len() as u64),
        )
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return too_large(format!(
            "the input is more than {max_bytes} bytes, over the limit of {max_bytes}"
        ));
    }
    Ok(Ok(bytes))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `bytes` as a record; expects the one diagnostic as `code line:column message`.
    #[track_caller]
    fn check(bytes: &[u8], expect: &str) {
        let parsed = read_article(
            "r.json",
            InputKind::Record,
            bytes,
            &Context::default(),
            &Validator::new(),
        );
        let got: Vec<String> = parsed
            .diagnostics
            .iter()
            .map(|d| {
                let l = d.location.expect("a located diagnostic");
                format!("{} {}:{} {}", d.code, l.line, l.column, d.message)
            })
            .collect();
        assert_eq!(got, [expect], "{bytes:?}");
        assert!(parsed.record.is_none());
    }

    #[test]
    fn records_that_are_not_utf8_are_placed() {
        check(
            b"\xFF{}",
            "NW0002 1:1 invalid UTF-8: byte 0xFF at byte offset 0",
        );
        check(
            b"{\n  \"headline\": \"Qu\xC3\xA9\xE9",
            "NW0002 2:19 invalid UTF-8: byte 0xE9 at byte offset 21",
        );
        check(
            b"\xEF\xBB\xBF{\"a\": \"\xC3\"}",
            "NW0002 1:8 invalid UTF-8: byte 0xC3 at byte offset 10",
        );
    }

    /// A file is read whole when it is within the limit, whether it ends within the first read
    /// or after it, and refused otherwise with its size, whatever the limit and the size.
    #[test]
    fn files_are_read_whole_within_the_limit_and_refused_over_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = FIRST_READ as usize;
        let sizes = [0, 1, 100, first - 1, first, first + 1, 3 * first + 7];
        for size in sizes {
            // Bytes that differ along the file, so that a piece read twice or left out shows.
            let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let path = dir.path().join(format!("{size}.txt"));
            std::fs::write(&path, &bytes).unwrap();
            for limit in [
                0,
                1,
                99,
                100,
                first - 1,
                first,
                first + 1,
                4 * first,
                u64::MAX as usize,
            ] {
                let read = read_file_at_most(&path, limit as u64).expect("a readable file");
                if size <= limit {
                    assert_eq!(
                        read.ok(),
                        Some(bytes.clone()),
                        "{size} bytes, limit {limit}"
                    );
                } else {
                    let refused = read.expect_err(&format!("{size} bytes over {limit}"));
                    assert_eq!(refused.code, Code::TooLarge);
                    assert_eq!(
                        refused.message,
                        format!("the file is {size} bytes, over the limit of {limit}")
                    );
                }
            }
        }
        let missing = read_file_at_most(&dir.path().join("missing.txt"), 100);
        assert!(missing.is_err(), "a file that is not there");
    }
}
