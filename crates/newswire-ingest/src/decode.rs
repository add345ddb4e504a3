//! Decoding: bytes to text with `\n` line ends, invalid UTF-8 reported with its position and
//! characters XML 1.0 forbids removed with a warning.

use std::borrow::Cow;

pub(crate) use newswire_model::is_forbidden_in_xml as is_forbidden;
use newswire_model::{Code, first_forbidden_in_xml, first_forbidden_or_cr};

use crate::diag::{Pos, Sink};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many separate runs of forbidden characters are reported one by one; the rest are
/// counted in one closing warning, so a binary file cannot flood the output.
const MAX_FORBIDDEN_REPORTS: usize = 20;

/// Decodes `bytes` into text whose only line end is `\n`.
///
/// Invalid UTF-8 is an error at the first bad byte; the rest of the file is still read, with
/// U+FFFD in place of bad bytes, so that later problems are reported too.
pub(crate) fn decode<'a>(bytes: &'a [u8], sink: &mut Sink<'_>) -> Cow<'a, str> {
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let rest = &bytes[bom..];
    // The fast check says only whether the bytes are UTF-8; the standard library's, run
    // when they are not, says where they stop being so.
    let text = match simdutf8::basic::from_utf8(rest).or_else(|_| std::str::from_utf8(rest)) {
        Ok(s) => Cow::Borrowed(s),
        Err(e) => {
            report_invalid(rest, e.valid_up_to(), bom, sink);
            String::from_utf8_lossy(rest)
        }
    };
    // Most texts hold neither a carriage return nor a forbidden character: one pass says so.
    let Some(at) = first_forbidden_or_cr(&text) else {
        return text;
    };
    if has_forbidden(&text[at..]) {
        Cow::Owned(clean(&text, sink))
    } else {
        Cow::Owned(unify_line_ends(&text))
    }
}

/// `text`, which holds no forbidden character, with each CR LF pair and each lone CR made LF;
/// the text between CRs is copied whole.
fn unify_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pieces = text.split('\r');
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    for piece in pieces {
        // A CR before LF goes; a lone CR becomes LF.
        if !piece.starts_with('\n') {
            out.push('\n');
        }
        out.push_str(piece);
    }
    out
}

/// Whether `s` holds a character XML 1.0 forbids: [`is_forbidden`], checked on bytes.
pub(crate) fn has_forbidden(s: &str) -> bool {
    first_forbidden_in_xml(s).is_some()
}

/// Line (1-based) and column (1-based, in characters) of byte `offset` in `bytes`, whose
/// first `offset` bytes are valid UTF-8.
fn position(bytes: &[u8], offset: usize) -> (u32, u32) {
    let prefix = std::str::from_utf8(&bytes[..offset.min(bytes.len())]).unwrap_or_default();
    let mut line = 1u32;
    let mut column = 1u32;
    let mut chars = prefix.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                line = line.saturating_add(1);
                column = 1;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    line = line.saturating_add(1);
                    column = 1;
                }
            }
            _ => column = column.saturating_add(1),
        }
    }
    // A CR that ends the prefix and is followed by LF in the rest counts as one line end.
    if prefix.ends_with('\r') && bytes.get(offset) == Some(&b'\n') {
        column = 1;
    }
    (line, column)
}

fn report_invalid(rest: &[u8], offset: usize, bom: usize, sink: &mut Sink<'_>) {
    let (line, column) = position(rest, offset);
    let byte = rest.get(offset).copied().unwrap_or_default();
    let more = rest
        .utf8_chunks()
        .filter(|c| !c.invalid().is_empty())
        .count()
        .saturating_sub(1);
    let mut message = format!(
        "invalid UTF-8: byte 0x{byte:02X} at byte offset {}",
        offset + bom
    );
    if more > 0 {
        message.push_str(&format!(" (and {more} more invalid sequences)"));
    }
    sink.error(Code::InvalidUtf8, Pos::new(line, column, 1), message)
        .hint("save the file as UTF-8; the bad bytes were read as U+FFFD to check the rest");
}

/// A run of forbidden characters on one line.
struct Run {
    line: u32,
    column: u32,
    length: u32,
    first: char,
}

/// Counts `run`, keeping it to report on its own while there is room.
fn keep(run: Run, runs: &mut Vec<Run>, count: &mut usize, unreported: &mut Option<Pos>) {
    *count += 1;
    if runs.len() < MAX_FORBIDDEN_REPORTS {
        runs.push(run);
    } else if unreported.is_none() {
        *unreported = Some(Pos::new(run.line, run.column, run.length));
    }
}

fn clean(text: &str, sink: &mut Sink<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut runs: Vec<Run> = Vec::new();
    let mut run_count = 0usize;
    // Where the first run that is not reported on its own is.
    let mut unreported: Option<Pos> = None;
    let mut current: Option<Run> = None;
    let mut line = 1u32;
    let mut column = 1u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_forbidden(c) {
            match &mut current {
                Some(run) => run.length += 1,
                None => {
                    current = Some(Run {
                        line,
                        column,
                        length: 1,
                        first: c,
                    })
                }
            }
            column = column.saturating_add(1);
            continue;
        }
        if let Some(run) = current.take() {
            keep(run, &mut runs, &mut run_count, &mut unreported);
        }
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                line = line.saturating_add(1);
                column = 1;
            }
            '\n' => {
                out.push('\n');
                line = line.saturating_add(1);
                column = 1;
            }
            _ => {
                out.push(c);
                column = column.saturating_add(1);
            }
        }
    }
    if let Some(run) = current.take() {
        keep(run, &mut runs, &mut run_count, &mut unreported);
    }
    for run in &runs {
        let name = format!("U+{:04X}", u32::from(run.first));
        let message = if run.length == 1 {
            format!("removed the character {name}, which XML does not allow")
        } else {
            format!(
                "removed {} characters XML does not allow, starting with {name}",
                run.length
            )
        };
        sink.warning(
            Code::ForbiddenCharacter,
            Pos::new(run.line, run.column, run.length),
            message,
        )
        .hint("delete the control character from the source file");
    }
    if let Some(pos) = unreported {
        sink.warning(
            Code::ForbiddenCharacter,
            pos,
            format!(
                "removed {} more runs of characters XML does not allow",
                run_count - runs.len()
            ),
        )
        .hint("the file may not be text; check that it is the article you meant");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newswire_model::Diagnostic;

    /// Decodes `input`; expects the text and the diagnostics as `code line:column+length`.
    #[track_caller]
    fn check(input: &[u8], text: &str, diagnostics: &[&str]) {
        let mut sink = Sink::new("t.txt");
        let got = decode(input, &mut sink).into_owned();
        assert_eq!(got, text, "text of {input:?}");
        let got: Vec<String> = sink.finish().iter().map(short).collect();
        assert_eq!(got, diagnostics, "diagnostics of {input:?}");
    }

    fn short(d: &Diagnostic) -> String {
        let l = d.location.expect("a located diagnostic");
        format!("{} {}:{}+{}", d.code, l.line, l.column, l.length)
    }

    #[test]
    fn decoding() {
        let cases: &[(&[u8], &str, &[&str])] = &[
            (b"plain\ntext", "plain\ntext", &[]),
            (b"\xEF\xBB\xBFwith bom", "with bom", &[]),
            (b"a\r\nb\r\nc", "a\nb\nc", &[]),
            (b"a\rb\rc", "a\nb\nc", &[]),
            (b"a\r\rb", "a\n\nb", &[]),
            (
                "caf\u{e9} \u{201c}q\u{201d} \u{2014} & < \u{b0}".as_bytes(),
                "caf\u{e9} \u{201c}q\u{201d} \u{2014} & < \u{b0}",
                &[],
            ),
            (b"tab\there", "tab\there", &[]),
            (b"a\x00b", "ab", &["NW0003 1:2+1"]),
            (b"x\ny\x01\x02z", "x\nyz", &["NW0003 2:2+2"]),
            (b"\xEF\xBB\xBFa\x07", "a", &["NW0003 1:2+1"]),
            (
                "a\u{FFFE}b\u{FFFF}".as_bytes(),
                "ab",
                &["NW0003 1:2+1", "NW0003 1:4+1"],
            ),
            (
                b"ok\r\nbad \xE9t\xE9",
                "ok\nbad \u{FFFD}t\u{FFFD}",
                &["NW0002 2:5+1"],
            ),
            (b"\xFF", "\u{FFFD}", &["NW0002 1:1+1"]),
            (b"\xEF\xBB\xBF\xC3", "\u{FFFD}", &["NW0002 1:1+1"]),
            (b"\xC3\xA9\xC3", "\u{e9}\u{FFFD}", &["NW0002 1:2+1"]),
        ];
        for (input, text, diagnostics) in cases {
            check(input, text, diagnostics);
        }
    }

    #[test]
    fn long_texts_are_checked_as_the_standard_library_checks_them() {
        // Long enough for the vector check's blocks, with characters one to four bytes long.
        let base = "Wire \u{e9}t\u{e9} \u{2014} \u{201c}q\u{201d} \u{1F4F0} text\n".repeat(8);
        let mut sink = Sink::new("t.txt");
        assert!(matches!(decode(base.as_bytes(), &mut sink), Cow::Borrowed(s) if s == base));
        assert!(sink.finish().is_empty());
        // A bad byte, a cut character, a surrogate and a code point past U+10FFFF, put in at
        // every byte offset, between characters and inside them.
        let bad: [&[u8]; 5] = [
            b"\xFF",
            b"\xC3",
            b"\xE2\x80",
            b"\xED\xA0\x80",
            b"\xF4\x90\x80\x80",
        ];
        for at in 0..=base.len() {
            for b in bad {
                let bytes = [&base.as_bytes()[..at], b, &base.as_bytes()[at..]].concat();
                let mut sink = Sink::new("t.txt");
                let text = decode(&bytes, &mut sink);
                assert_eq!(text, String::from_utf8_lossy(&bytes), "{b:?} at {at}");
                let expected = match std::str::from_utf8(&bytes) {
                    Ok(_) => Vec::new(),
                    Err(e) => vec![format!(
                        "byte 0x{:02X} at byte offset {}",
                        bytes[e.valid_up_to()],
                        e.valid_up_to()
                    )],
                };
                let got: Vec<String> = sink
                    .finish()
                    .iter()
                    .map(|d| d.message.trim_start_matches("invalid UTF-8: ").to_owned())
                    .map(|m| m.split(" (and").next().unwrap_or_default().to_owned())
                    .collect();
                assert_eq!(got, expected, "{b:?} at {at}");
            }
        }
    }

    #[test]
    fn invalid_utf8_message_gives_the_file_offset() {
        let mut sink = Sink::new("t.txt");
        decode(b"\xEF\xBB\xBFab\n\xE9 \xE9", &mut sink);
        let list = sink.finish();
        assert_eq!(list.len(), 1);
        assert_eq!(
            list[0].message,
            "invalid UTF-8: byte 0xE9 at byte offset 6 (and 1 more invalid sequences)"
        );
    }

    #[test]
    fn floods_of_control_characters_are_summarised() {
        let input: Vec<u8> = (0..100).flat_map(|_| [0u8, b'a']).collect();
        let mut sink = Sink::new("t.txt");
        let text = decode(&input, &mut sink);
        assert_eq!(text, "a".repeat(100));
        let list = sink.finish();
        assert_eq!(list.len(), MAX_FORBIDDEN_REPORTS + 1);
        assert!(list[MAX_FORBIDDEN_REPORTS].message.contains("80 more"));
    }

    #[test]
    fn line_ends_with_and_without_forbidden_characters() {
        let cases: &[(&[u8], &str, &[&str])] = &[
            (b"a\r", "a\n", &[]),
            (b"\r\n", "\n", &[]),
            (b"\r\r\n\n\r", "\n\n\n\n", &[]),
            (
                "caf\u{e9}\r\n\u{2014}\rx".as_bytes(),
                "caf\u{e9}\n\u{2014}\nx",
                &[],
            ),
            (b"a\r\x01\nb", "a\n\nb", &["NW0003 2:1+1"]),
            (b"a\r\nb\x02\rc", "a\nb\nc", &["NW0003 2:2+1"]),
        ];
        for (input, text, diagnostics) in cases {
            check(input, text, diagnostics);
        }
        // Around the block boundaries of the byte search, with U+FFFF split across two; a
        // carriage return before or after a forbidden character, or neither.
        let tails = [
            ("\r", true),
            ("\u{1}", true),
            ("\u{FFFF}", true),
            ("\t\n\u{FFFD}\u{EFBF}\u{FEFF}", false),
        ];
        for at in 0..80 {
            let lead = "a".repeat(at);
            for (first, first_stops) in tails {
                for (second, second_stops) in tails {
                    let gap = "b".repeat(at % 7 * 9);
                    let text = format!("{lead}{first}{gap}{second}b");
                    let expected = match (first_stops, second_stops) {
                        (true, _) => Some(at),
                        (false, true) => Some(at + first.len() + gap.len()),
                        (false, false) => None,
                    };
                    assert_eq!(first_forbidden_or_cr(&text), expected, "{text:?}");
                }
            }
        }
        for (text, forbidden) in [
            ("plain\ttext\n", false),
            ("cr\r", false),
            ("bell\x07", true),
            ("\u{FFFE}", true),
            ("\u{FFFD}\u{FEFF}\u{EFFF}", false),
        ] {
            assert_eq!(has_forbidden(text), forbidden, "{text:?}");
            assert_eq!(
                has_forbidden(text),
                text.chars().any(is_forbidden),
                "{text:?}"
            );
        }
    }
}
