//! Markdown that holds nothing but paragraphs of text and `#` headings, read without the
//! CommonMark parser.
//!
//! Most articles kept as Markdown are just that: paragraphs between blank lines, and
//! headings. In those the parser's two passes (the blocks, then the inline markup of each)
//! find nothing that reading line by line does not, and they were most of what reading a
//! Markdown article cost beyond reading the same article as wire text. [`lines`] tells
//! whether a text is such plain Markdown and where its lines are; [`blocks`] then makes the
//! blocks the reader makes of the parser's events, from the lines alone (the reader's line
//! index, which places the parser's byte ranges, is not needed). Anything in the least doubt
//! goes to the parser:
//!
//! - anywhere, a byte that can open inline markup, an escape or a table (`` \ ` * _ [ ] | {
//!   } ~ ``; an image's `!` is nothing without its `[`), a control character other than the
//!   line feed (tab and carriage return included), or DEL;
//! - `<` or `&` followed by what could make a tag, an autolink or a character reference: a
//!   letter, a digit, `/`, `!`, `?` or `#`;
//! - a line that starts or ends with white space (indented code, a list item's continuation,
//!   a hard line break), or that starts with what can open a block: `>`, `-`, `+`, `=`, `<`,
//!   `&`, a digit, or a `#` that does not make a heading of one to six `#`, one space and
//!   text that does not end in `#`.
//!
//! A generated-input test holds the two readings to each other.

use crate::diag::{Pos, to_u32};
use crate::draft::{Hint, RawBlock, blocks_room};
use crate::text::{char_len, clean_line, clean_owned};

/// One line of plain Markdown: where it starts and ends (before its line feed), and what
/// it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Line {
    start: usize,
    end: usize,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An empty line: the end of a paragraph.
    Blank,
    /// A `#` heading of `level`: its text starts after the `#`s and one space.
    Heading { level: usize },
    /// A line of a paragraph.
    Text,
}

/// The lines of `text` when it is plain Markdown (see the module documentation).
pub(super) fn lines(text: &str) -> Option<Vec<Line>> {
    let bytes = text.as_bytes();
    let (chunks, tail) = bytes.as_chunks::<CHUNK>();
    for (k, chunk) in chunks.iter().enumerate() {
        // Most chunks hold no byte to look at: one test for the whole chunk, counted into a
        // byte rather than folded into a `bool`, for the compiler to make it of a few
        // vector instructions.
        let mut look = 0u8;
        for &b in chunk {
            look |= u8::from(may_mark(b));
        }
        if look != 0 && !plain_bytes(bytes, k * CHUNK, chunk) {
            return None;
        }
    }
    if !plain_bytes(bytes, chunks.len() * CHUNK, tail) {
        return None;
    }
    let mut lines = Vec::with_capacity(lines_room(text));
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
        let kind = line_kind(&text[start..end])?;
        lines.push(Line { start, end, kind });
        start = end + 1;
    }
    Some(lines)
}

/// How many bytes [`lines`] looks at a time for a byte that may mark something.
const CHUNK: usize = 32;

/// Room for the lines of `text`: about one in 250 bytes of an article, paragraphs and the
/// blank lines between them, counted rather than grown into.
fn lines_room(text: &str) -> usize {
    text.len() / 250 + 8
}

/// Whether byte `b` may mark something wherever it stands (markup, an escape, a table, a
/// tag or a character reference), or is a control character other than the line feed.
#[inline(always)]
fn may_mark(b: u8) -> bool {
    ((b < 0x20) & (b != b'\n'))
        | matches!(b, b'&' | b'*' | b'<' | b'_' | b'`')
        // `[ \ ]`, and `{ | } ~` with DEL.
        | (b.wrapping_sub(b'[') < 3)
        | (b.wrapping_sub(b'{') < 5)
}

/// Whether `chunk`, which starts at `at` in `bytes`, is plain: a `<` or `&` in it is, when
/// what follows it cannot make it a tag, an autolink or a character reference.
fn plain_bytes(bytes: &[u8], at: usize, chunk: &[u8]) -> bool {
    chunk.iter().enumerate().all(|(i, &b)| match b {
        b'<' | b'&' => {
            let next = bytes.get(at + i + 1).copied().unwrap_or(b' ');
            !(next.is_ascii_alphanumeric() || matches!(next, b'/' | b'!' | b'?' | b'#'))
        }
        _ => !may_mark(b),
    })
}

/// What `line` is in plain Markdown; `None` when it may be something else.
fn line_kind(line: &str) -> Option<Kind> {
    let (Some(first), Some(last)) = (line.chars().next(), line.chars().next_back()) else {
        return Some(Kind::Blank);
    };
    if first.is_whitespace() || last.is_whitespace() {
        return None;
    }
    if first == '#' {
        let level = line.bytes().take_while(|&b| b == b'#').count();
        let text = line[level..].strip_prefix(' ')?;
        let plain = level <= 6 && !text.is_empty() && !text.starts_with(' ') && last != '#';
        return plain.then_some(Kind::Heading { level });
    }
    let opens_block = first.is_ascii_digit() || matches!(first, '>' | '-' | '+' | '=' | '<' | '&');
    (!opens_block).then_some(Kind::Text)
}

/// The blocks of plain Markdown `text`, whose lines are `lines` and whose first line is line
/// `first_line` of the file: what the reader makes of the parser's events, made from the lines
/// themselves. A paragraph is its lines with a space for each line break (a soft break), a
/// heading its text, each cleaned as a block's text is. Each is placed at its first line,
/// column 1 (a plain line starts with no white space), and as long as that line's text, or as
/// the block's text when that is the line as written: where the line index the reader keeps
/// for the parser's byte ranges would place it, without that index.
pub(super) fn blocks(text: &str, first_line: u32, lines: &[Line]) -> Vec<RawBlock> {
    let mut blocks = Vec::with_capacity(blocks_room(text));
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let source = &text[line.start..line.end];
        let at = first_line.saturating_add(to_u32(i));
        i += 1;
        let (clean, hint) = match line.kind {
            Kind::Blank => continue,
            Kind::Heading { level } => {
                let hint = if level == 1 {
                    Hint::Title
                } else {
                    Hint::Heading
                };
                (clean_line(&source[level + 1..]), hint)
            }
            Kind::Text => {
                let more = lines[i..]
                    .iter()
                    .take_while(|l| l.kind == Kind::Text)
                    .count();
                if more == 0 {
                    (clean_line(source), Hint::Paragraph)
                } else {
                    let last = lines[i + more - 1].end;
                    let mut joined = String::with_capacity(last - line.start);
                    joined.push_str(source);
                    for next in &lines[i..i + more] {
                        joined.push(' ');
                        joined.push_str(&text[next.start..next.end]);
                    }
                    i += more;
                    (clean_owned(joined), Hint::Paragraph)
                }
            }
        };
        // Plain text never holds what makes a template (`{` marks), nor a blank block.
        let Some(clean) = clean else { continue };
        debug_assert!(!super::is_template(&clean.text), "a template in plain text");
        let length = if clean.text == source {
            clean.length
        } else {
            char_len(source)
        };
        blocks.push(RawBlock {
            pos: Pos::new(at, 1, length),
            text: clean.text,
            chars: clean.length,
            hint,
        });
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sink;
    use crate::markdown::read;

    /// The body and diagnostics of `text` read from its plain lines, and by the parser;
    /// `None` when the text is not plain.
    fn both_ways(text: &str) -> Option<[String; 2]> {
        let lines = lines(text)?;
        let mut read_plain = Sink::new("t.md");
        let plain = read(text, 3, &mut read_plain, Some(lines));
        let mut parsed = Sink::new("t.md");
        let by_parser = read(text, 3, &mut parsed, None);
        Some([
            format!("{plain:#?}\n{:#?}", read_plain.finish()),
            format!("{by_parser:#?}\n{:#?}", parsed.finish()),
        ])
    }

    #[test]
    fn plain_markdown_reads_as_the_parser_reads_it() {
        for text in [
            "",
            "\n\n",
            "One line.",
            "# Quay report\n\nBy Tomas Wren\n\nKESTREL BAY — Boats came in.\nMore came.\n",
            "## Who pays?\nStraight after a heading.\n### Deeper\n# Late title\n",
            "Temperatures < 5°C & falling, 3 > 2 and a <= b.\n\n\n\nSecond paragraph.",
            "Quotes “kept” and ‘kept’ — as “written”…\nC# and #hash and a # sign.",
            "{not read here}",
        ] {
            match both_ways(text) {
                Some([plain, by_parser]) => assert_eq!(plain, by_parser, "{text:?}"),
                None => assert_eq!(text, "{not read here}"),
            }
        }
    }

    #[test]
    fn leaves_to_the_parser_what_may_read_otherwise() {
        for text in [
            "*emphasis*",
            "snake_case",
            "a `code` span",
            "[a link](https://n.example/)",
            "a \\* escape",
            "a | table",
            "## Heading {#id}",
            "strike ~~this~~",
            "tab\there",
            "carriage\r\nreturn",
            "<b>bold</b>",
            "a <https://n.example/> link",
            "&amp; and R&D",
            "&#39;",
            "> quoted",
            "- item",
            "+ item",
            "1. item",
            "2020. A year",
            "Setext\n===",
            "Setext\n---",
            "    code",
            " indented",
            "hard break  \nnext",
            "trailing space ",
            "#hashtag",
            "####### seven",
            "#  two spaces",
            "# closed #",
            "# ",
            "\u{a0}non-breaking start",
            "non-breaking end\u{a0}",
        ] {
            assert_eq!(lines(text), None, "{text:?}");
        }
    }

    #[test]
    fn generated_markdown_reads_as_the_parser_reads_it() {
        #[rustfmt::skip]
        const STARTS: &[&str] = &[
            "", "", "", "", "", "", "", "", "# ", "## ", "### ", "###### ", "—",
            // Less likely.
            "####### ", "#", "#  ", "> ", "- ", "+ ", "* ", "1. ", "2) ", "10. ", " ", "    ",
            "\t", "=", "---", "***", "___", "<", "&", "\u{a0}", "\u{feff}", "\u{3000}",
            "[x]: /u", "| ", "```", "~~~", "<!-- c -->", "{{< shortcode >}}", "<div>", "9",
            "===\n", "---\n", "- - -\n",
        ];
        #[rustfmt::skip]
        const WORDS: &[&str] = &[
            "Harbour", "staff", "counted", "boats", "in", "the", "basin", "on", "Monday.",
            "KESTREL", "BAY", "—", "“quoted”", "museum’s", "Ørsted", "café", "3,000", "#2",
            "C#", "a # b", "(WNS)", "-", "5°C", "\u{1F30A}", "tide:", "50%", "$5", "^up",
            "x=y", "a;b", "\"q\"", "'q'", "/path", "?", ".",
            // Less likely.
            "<", "< 5", "<5", "<=", "<b>", "</b>", "<https://n.example>", "<!--", "&", "& co",
            "&amp;", "&#39;", "&x", "R&D", "<!-- c -->", "<?p x?>", "*", "**b**", "_i_", "snake_case", "`c`", "[a]",
            "[a](b)", "![i](u)", "\\", "\\*", "|", "a|b", "{#id}", "{x}", "~", "~~s~~", "\t",
            "\r", "\u{a0}", "\u{2028}", "\u{85}", "\u{3000}", "#", "##", " ", "  ", "\u{0}",
            "\u{7f}", "\u{fffd}", "\u{feff}",
        ];
        const LIKELY: usize = 35;
        let mut next = crate::tests::numbers();
        let (mut read_here, mut left) = (0, 0);
        for n in 0..40_000 {
            let mut text = String::new();
            for line in 0..next() % 9 {
                if next().is_multiple_of(4) {
                    text.push('\n');
                    continue;
                }
                let from = if next().is_multiple_of(4) {
                    STARTS.len()
                } else {
                    13
                };
                text.push_str(STARTS[next() % from]);
                for w in 0..1 + next() % 8 {
                    if w > 0 && !next().is_multiple_of(8) {
                        text.push(' ');
                    }
                    let from = if next().is_multiple_of(40) {
                        WORDS.len()
                    } else {
                        LIKELY
                    };
                    text.push_str(WORDS[next() % from]);
                }
                if line + 1 < 9 || n % 2 == 0 {
                    text.push('\n');
                }
            }
            match both_ways(&text) {
                Some([plain, by_parser]) => {
                    read_here += 1;
                    assert_eq!(plain, by_parser, "{text:?}");
                }
                None => left += 1,
            }
        }
        assert!(
            read_here > 10_000 && left > 10_000,
            "{read_here} read here, {left} left"
        );
    }
}
