//! Printing diagnostics: rustc-style text (annotate-snippets), JSON lines, or GitHub Actions
//! annotations.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use annotate_snippets::{
    AnnotationKind, Group, Level, Origin, Renderer, Snippet, normalize_untrusted_str,
};
use newswire_model::{Diagnostic, Location, Severity};

use crate::cli::DiagnosticFormat;

/// Writes `diagnostics` to `out` in `format`, in colour when `colour` (text only). Text
/// snippets are read from the files the diagnostics name, when they can be; `sources` holds
/// texts that are not files (standard input).
pub(crate) fn write(
    out: &mut dyn Write,
    format: DiagnosticFormat,
    diagnostics: &[Diagnostic],
    sources: &HashMap<String, String>,
    colour: bool,
) -> io::Result<()> {
    let mut cache: HashMap<String, Option<String>> = HashMap::new();
    for d in diagnostics {
        let rendered = match format {
            DiagnosticFormat::Json => json(d)?,
            DiagnosticFormat::Github => github(d),
            DiagnosticFormat::Text => {
                let source = d.file.as_ref().and_then(|file| {
                    if let Some(text) = sources.get(file) {
                        return Some(text.as_str());
                    }
                    cache
                        .entry(file.clone())
                        .or_insert_with(|| read_source(file))
                        .as_deref()
                });
                text(d, source, colour)
            }
        };
        out.write_all(rendered.as_bytes())?;
    }
    Ok(())
}

/// A file's text as the readers saw it: invalid UTF-8 read as U+FFFD, without a byte order
/// mark (columns count from after it).
fn read_source(file: &str) -> Option<String> {
    let bytes = std::fs::read(file).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_owned())
}

/// Widest source line shown; longer lines are cut around the underlined span.
const WIDTH: usize = 140;

/// rustc-style: the headline with severity and code, the place, the source line with the
/// span underlined, the hint; a blank line after.
///
/// ```text
/// error[NW0102]: unknown key `titel`
///  --> story.txt:2:1
///   |
/// 2 | titel = "Harbour lights return"
///   | ^^^^^
///   |
///   = help: did you mean `title`?
/// ```
pub(crate) fn text(d: &Diagnostic, source: Option<&str>, colour: bool) -> String {
    let renderer = if colour {
        Renderer::styled().hyperlink(false)
    } else {
        Renderer::plain()
    }
    .term_width(WIDTH);
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let message = normalize_untrusted_str(&d.message);
    let mut group = Group::with_title(level.primary_title(message).id(d.code.as_str()));
    if let Some(file) = &d.file {
        let file = normalize_untrusted_str(file);
        match (d.location, d.pointer.as_deref()) {
            (Some(loc), _) => {
                let line = source.and_then(|s| nth_line(s, loc.line));
                group = match line.and_then(|line| span(line, loc).map(|span| (line, span))) {
                    Some((line, span)) => group.element(
                        Snippet::source(line)
                            .line_start(to_usize(loc.line))
                            .path(file)
                            .annotation(AnnotationKind::Primary.span(span)),
                    ),
                    None => group.element(
                        Origin::path(file)
                            .line(to_usize(loc.line))
                            .char_column(to_usize(loc.column)),
                    ),
                };
            }
            (None, pointer) => {
                group = group.element(Origin::path(file));
                if let Some(pointer) = pointer {
                    let at = if pointer.is_empty() {
                        "in the whole document".to_owned()
                    } else {
                        format!("at {}", normalize_untrusted_str(pointer))
                    };
                    group = group.element(Level::NOTE.message(at));
                }
            }
        }
    }
    if let Some(hint) = &d.hint {
        group = group.element(Level::HELP.message(normalize_untrusted_str(hint)));
    }
    let mut s = renderer.render(&[group]);
    s.push_str("\n\n");
    s
}

/// Line `n` (counting from 1) of `source`, where `\r\n`, `\r` and `\n` each end a line, as
/// the readers count them.
fn nth_line(source: &str, n: u32) -> Option<&str> {
    let index = usize::try_from(n).ok()?.checked_sub(1)?;
    let mut rest = source;
    for _ in 0..index {
        let end = rest.find(['\r', '\n'])?;
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
    }
    let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The byte range in `line` of the characters `loc` spans; `None` when the column is past the
/// end of the line (the file changed since it was read).
fn span(line: &str, loc: Location) -> Option<std::ops::Range<usize>> {
    let column = to_usize(loc.column).checked_sub(1)?;
    let byte_at = |chars: usize| {
        line.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(line.len()))
            .nth(chars)
    };
    let start = byte_at(column)?;
    let end = byte_at(column.saturating_add(to_usize(loc.length))).unwrap_or(line.len());
    Some(start..end)
}

fn to_usize(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// One JSON object on one line, as `schemas/diagnostics.schema.json` describes.
pub(crate) fn json(d: &Diagnostic) -> io::Result<String> {
    let mut line = serde_json::to_string(d).map_err(io::Error::other)?;
    line.push('\n');
    Ok(line)
}

/// A GitHub Actions workflow command: `::error file=F,line=L,col=C,title=CODE::message`.
pub(crate) fn github(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props = Vec::new();
    if let Some(file) = &d.file {
        props.push(format!("file={}", escape_property(file)));
    }
    if let Some(loc) = &d.location {
        props.push(format!("line={}", loc.line));
        props.push(format!("col={}", loc.column));
    }
    props.push(format!("title={}", escape_property(d.code.as_str())));
    let mut message = d.message.clone();
    if let Some(pointer) = &d.pointer {
        let _ = write!(
            message,
            " (at {})",
            if pointer.is_empty() { "/" } else { pointer }
        );
    }
    if let Some(hint) = &d.hint {
        let _ = write!(message, "\nhelp: {hint}");
    }
    format!("::{level} {}::{}\n", props.join(","), escape_data(&message))
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use newswire_model::{Code, Diagnostic};

    use super::*;

    /// The diagnostics every rendering is shown for, with the text of their file.
    fn cases() -> Vec<(&'static str, Diagnostic, Option<&'static str>)> {
        vec![
            (
                "located",
                Diagnostic::error(Code::FrontMatterUnknownKey, "unknown key `modifed`")
                    .in_file("feeds/desk/articles/cranes.txt")
                    .at(3, 1, 7)
                    .with_hint("did you mean `modified`? known keys: headline, modified, slug"),
                Some(
                    "+++\npublished = 2026-05-01T10:00:00Z\nmodifed = 2026-05-02T10:00:00Z\n+++\nHarbour cranes stand idle\n",
                ),
            ),
            (
                "pointer",
                Diagnostic::warning(
                    Code::HeadlineLength,
                    "the headline is 130 characters, over 110",
                )
                .in_file("records/quay,1.json")
                .at_pointer("/headline")
                .with_hint("shorten the headline to 110 characters or fewer"),
                None,
            ),
            (
                "no_file",
                Diagnostic::note(Code::DroppedResidue, "dropped 100% of a share prompt")
                    .with_hint("nothing to do"),
                None,
            ),
            (
                "long_line",
                Diagnostic::warning(Code::ForbiddenCharacter, "removed a NUL character")
                    .in_file("long.txt")
                    .at(2, 241, 1),
                Some(
                    "Tide tables\nThe pilots read the tide tables aloud every morning before the boats leave the inner harbour, and they read them again at dusk when the lamps are lit along the wall, and again at midnight for the late crews who \0 bring the trawlers home past the breakwater and the old signal station at the end of the mole, where the keeper's daughter still rings the bell for every boat that comes in late.\n",
                ),
            ),
            (
                "multibyte",
                Diagnostic::error(Code::FrontMatterValue, "`published` has no offset")
                    .in_file("café.md")
                    .at(2, 27, 19)
                    .with_hint("write an offset, such as 2026-05-01T10:00:00+02:00"),
                Some("---\n# Zoë — «été»: published: 2026-05-01T10:00:00\r\n---\n"),
            ),
            (
                "stale_location",
                Diagnostic::error(Code::EmptyBody, "the article has no body text")
                    .in_file("gone.txt")
                    .at(40, 2, 0),
                Some("only one line\n"),
            ),
        ]
    }

    #[test]
    fn renderings() {
        let mut text_out = String::new();
        let mut json_out = String::new();
        let mut github_out = String::new();
        for (name, d, source) in cases() {
            let _ = writeln!(text_out, "== {name}");
            text_out.push_str(&text(&d, source, false));
            json_out.push_str(&json(&d).unwrap());
            github_out.push_str(&github(&d));
        }
        insta::assert_snapshot!("text", text_out);
        insta::assert_snapshot!("json", json_out);
        insta::assert_snapshot!("github", github_out);
    }

    /// Every JSON line is valid against the published diagnostics schema.
    #[test]
    fn json_lines_match_the_schema() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schemas/diagnostics.schema.json"
        );
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        for (name, d, _) in cases() {
            let line = json(&d).unwrap();
            assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
            let value: serde_json::Value = serde_json::from_str(&line).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }

    #[track_caller]
    fn check_colour(colour: bool, expect_escapes: bool) {
        let (_, d, source) = &cases()[0];
        assert_eq!(text(d, *source, colour).contains('\u{1b}'), expect_escapes);
    }

    #[test]
    fn colour_only_when_asked() {
        check_colour(true, true);
        check_colour(false, false);
    }

    /// Control characters from the input never reach the terminal as they are.
    #[test]
    fn untrusted_text_is_made_visible() {
        let d = Diagnostic::error(Code::FrontMatterUnknownKey, "unknown key `a\u{1b}[2Jb`")
            .in_file("x\u{1b}]0;t\u{7}.txt")
            .at(1, 1, 3)
            .with_hint("\u{1b}[31mred");
        let out = text(&d, Some("a\u{1b}[2Jb = 1\n"), false);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    }

    #[track_caller]
    fn check_line(source: &str, n: u32, expect: Option<&str>) {
        assert_eq!(nth_line(source, n), expect);
    }

    #[test]
    fn lines_end_as_the_readers_count_them() {
        check_line("a\r\nb\rc\nd", 1, Some("a"));
        check_line("a\r\nb\rc\nd", 2, Some("b"));
        check_line("a\r\nb\rc\nd", 3, Some("c"));
        check_line("a\r\nb\rc\nd", 4, Some("d"));
        check_line("a\r\nb\rc\nd", 5, None);
        check_line("a\n", 2, Some(""));
        check_line("a", 0, None);
    }
}
