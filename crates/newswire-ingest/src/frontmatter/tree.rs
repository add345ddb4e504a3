//! The front matter as a tree of values with positions, the same for TOML and YAML.

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::diag::{Pos, to_u32};

/// One value and where it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node<'a> {
    pub(crate) value: Value<'a>,
    pub(crate) place: Place<'a>,
}

impl Node<'_> {
    /// Where the value is.
    pub(crate) fn pos(&self) -> Pos {
        self.place.pos()
    }
}

/// Where a value is: its position, or the byte range the TOML parser gives, made a position
/// only when one is asked for. Few values are (those a diagnostic is about, and URLs), and
/// finding a position costs more than the rest of converting a value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Place<'a> {
    Pos(Pos),
    Span(&'a LineIndex<'a>, usize, usize),
}

impl Place<'_> {
    fn pos(self) -> Pos {
        match self {
            Place::Pos(pos) => pos,
            Place::Span(index, start, end) => index.pos(start..end),
        }
    }
}

/// Places are the same when their positions are.
impl PartialEq for Place<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.pos() == other.pos()
    }
}

/// A front matter value. Strings and keys borrow the front matter's text where the parser
/// does (TOML without escapes), so that reading them copies nothing that is copied again
/// when the fields are read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Str(Cow<'a, str>),
    /// A number, as written.
    Number(String),
    Bool(bool),
    /// A TOML date-time, as its parser read it: it may lack a date, a time or an offset.
    DateTime(toml::value::Datetime),
    Array(Vec<Node<'a>>),
    Table(Vec<Entry<'a>>),
    Null,
    /// Anything else, by name (a YAML tag).
    Other(&'static str),
}

impl Value<'_> {
    /// What the value is, for messages: "a number".
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Number(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::DateTime(_) => "a date-time",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
            Value::Null => "empty",
            Value::Other(what) => what,
        }
    }
}

/// One key of a table and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry<'a> {
    pub(crate) key: Cow<'a, str>,
    pub(crate) key_pos: Pos,
    pub(crate) value: Node<'a>,
}

/// How many bytes apart the marks of a [`LineIndex`] are.
const MARK_STRIDE: usize = 256;

/// Maps byte offsets of a text to file positions.
#[derive(Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: u32,
    /// A byte offset about every [`MARK_STRIDE`] bytes, with the number of characters before
    /// it: columns far into a line are counted from the nearest mark, so finding one costs the
    /// same on a line of a million characters as on a short one. Made on first use: columns
    /// within [`MARK_STRIDE`] bytes of their line's start are counted directly.
    marks: OnceCell<Vec<(usize, usize)>>,
}

impl<'a> LineIndex<'a> {
    /// An index of `text`, whose first line is line `first_line` of the file.
    pub(crate) fn new(text: &'a str, first_line: u32) -> LineIndex<'a> {
        // Room for a line every 32 bytes at once rather than growing as lines are found (which
        // cost half as much again as finding them): Markdown's paragraphs are long lines, and
        // front matter has few.
        let mut starts = Vec::with_capacity(text.len() / 32 + 2);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            text,
            starts,
            first_line,
            marks: OnceCell::new(),
        }
    }

    /// The file line of the text's first line.
    pub(crate) fn first_line(&self) -> u32 {
        self.first_line
    }

    /// A mark at the first character boundary at or after each multiple of the stride, the
    /// characters between marks counted a stretch at a time.
    fn marks(&self) -> &[(usize, usize)] {
        self.marks.get_or_init(|| {
            let text = self.text;
            let mut marks = Vec::with_capacity(text.len() / MARK_STRIDE + 1);
            let (mut byte, mut chars) = (0, 0);
            while byte < text.len() {
                marks.push((byte, chars));
                let mut next = (marks.len() * MARK_STRIDE).min(text.len());
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                chars += text.get(byte..next).map_or(0, |s| s.chars().count());
                byte = next;
            }
            marks
        })
    }

    /// How many characters come before byte `offset`, a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let marks = self.marks();
        let i = marks.partition_point(|&(byte, _)| byte <= offset);
        let (byte, chars) = i
            .checked_sub(1)
            .and_then(|i| marks.get(i))
            .copied()
            .unwrap_or_default();
        chars + self.text.get(byte..offset).map_or(0, |s| s.chars().count())
    }

    /// How many characters lie between `line_start` and `offset`, character boundaries.
    fn chars_between(&self, line_start: usize, offset: usize) -> usize {
        if offset - line_start <= MARK_STRIDE {
            self.text.get(line_start..offset).map_or(0, count_chars)
        } else {
            self.chars_before(offset) - self.chars_before(line_start)
        }
    }

    /// The position of the byte range `span`, cut at the end of its first line.
    pub(crate) fn pos(&self, span: std::ops::Range<usize>) -> Pos {
        let start = span.start.min(self.text.len());
        let idx = self
            .starts
            .partition_point(|&s| s <= start)
            .saturating_sub(1);
        let line_start = self.starts.get(idx).copied().unwrap_or_default();
        let line_end = self
            .starts
            .get(idx + 1)
            .map_or(self.text.len(), |&s| s.saturating_sub(1));
        let end = span.end.clamp(start, line_end.max(start));
        let column = if self.text.is_char_boundary(start) {
            self.chars_between(line_start, start)
        } else {
            0
        };
        let length = self.text.get(start..end).map_or(0, count_chars);
        Pos::new(
            self.first_line.saturating_add(to_u32(idx)),
            to_u32(column).saturating_add(1),
            to_u32(length),
        )
    }
}

/// How many characters `s` holds. Front matter is mostly ASCII, whose characters are its
/// bytes: checking that a word at a time costs less than counting the characters of a short
/// text, which the standard library does a byte at a time. Longer texts, such as Markdown
/// paragraphs, are counted without the check.
fn count_chars(s: &str) -> usize {
    if s.len() <= MARK_STRIDE && s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, span: std::ops::Range<usize>, expect: (u32, u32, u32)) {
        let p = LineIndex::new(text, 2).pos(span.clone());
        assert_eq!((p.line, p.column, p.length), expect, "{text:?} {span:?}");
    }

    #[test]
    fn positions() {
        check("a = 1\nbé = 2\n", 0..1, (2, 1, 1));
        check("a = 1\nbé = 2\n", 6..9, (3, 1, 2));
        check("a = 1\nbé = 2\n", 10..11, (3, 4, 1));
        check("a = [\n1]\n", 4..8, (2, 5, 1));
        check("a", 5..9, (2, 2, 0));
        check("é\nx", 1..2, (2, 1, 0));
    }

    #[test]
    fn columns_and_lengths_count_characters() {
        // ASCII lines, lines with other characters and a line past the stride, with spans of
        // every length from every character.
        let long = "a".repeat(MARK_STRIDE) + "é = 1";
        let text = format!("url = \"https://n.example\"\nbé = \"né\"\n{long}\nx = 1");
        let index = LineIndex::new(&text, 2);
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &start in &bounds {
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let column = text[line_start..start].chars().count() + 1;
            for &end in bounds.iter().filter(|&&end| end >= start) {
                let length = text[start..end.min(line_end)].chars().count();
                let p = index.pos(start..end);
                assert_eq!(
                    (p.column as usize, p.length as usize),
                    (column, length),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn positions_on_a_long_line() {
        // Columns count characters, from marks placed every few hundred bytes.
        let line = "é".repeat(1000) + "x = 1";
        let text = format!("a = 1\n{line}\n");
        let at = text.find('x').unwrap();
        check(&text, at..at + 1, (3, 1001, 1));
        let index = LineIndex::new(&text, 2);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
            let expect = chars - text[..line_start].chars().count() + 1;
            assert_eq!(index.pos(byte..byte).column as usize, expect, "byte {byte}");
        }
    }
}
