//! The TOML front matter most articles hold, read without the TOML parser: one `key = value`
//! a line under the top level or a `[table]` header, each value a string without escapes, a
//! list of them on one line, a date-time or a boolean. Read by the parser, three to seven
//! such lines (a table among them) cost some 8,000 instructions more than read here (a
//! 1,000-article build under callgrind, with and without this reading).
//!
//! It gives exactly the entries, places included, that the parser's reading in
//! [`super::from_toml`] gives, or nothing: anything else (numbers, escapes, multi-line strings
//! or lists, inline tables, dotted or quoted keys, a repeated key or table, a tab or a control
//! character anywhere) leaves the whole front matter to the parser. A generated-input test
//! holds the two readings to each other.

use std::borrow::Cow;

use super::tree::{Entry, LineIndex, Node, Place, Value};
use super::{ends_line, is_ascii_lines, quoted};

/// The most keys read here, in all tables. Repeated keys, which the parser refuses, are found
/// by comparing each key with those before it in its table; real front matter holds a handful.
const MAX_KEYS: usize = 32;

/// The entries of `content`, whose positions `index` finds, when every line is of the forms
/// read here; `None` leaves it to the parser.
pub(super) fn read<'a>(content: &'a str, index: &'a LineIndex<'a>) -> Option<Vec<Entry<'a>>> {
    if !is_ascii_lines(content) && content.chars().any(|c| c != '\n' && c.is_control()) {
        return None;
    }
    let mut top: Vec<Entry<'a>> = Vec::new();
    // The open `[table]`: its entry, whose value's entries the lines after it fill.
    let mut table: Option<Entry<'a>> = None;
    let mut keys = 0;
    let mut start = 0;
    for line in content.split('\n') {
        let at = start;
        start += line.len() + 1;
        let text = line.trim_start_matches(' ');
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let column = at + line.len() - text.len();
        if let Some(header) = text.strip_prefix('[') {
            let (name, after) = bare_key(header)?;
            let after = after.strip_prefix(']')?;
            let open = table.as_ref().is_some_and(|t| t.key == name);
            if !ends_line(after) || open || has_key(&top, name) {
                return None;
            }
            let key_start = column + 1;
            let entry = Entry {
                key: Cow::Borrowed(name),
                key_pos: index.pos(key_start..key_start + name.len()),
                value: Node {
                    value: Value::Table(Vec::new()),
                    place: Place::Span(index, column, key_start + name.len() + 1),
                },
            };
            top.extend(table.replace(entry));
            continue;
        }
        let (key, after) = bare_key(text)?;
        let after = after.trim_start_matches(' ').strip_prefix('=')?;
        let value_text = after.trim_start_matches(' ');
        let value_at = at + line.len() - value_text.len();
        let (value, end) = value(value_text, value_at, index)?;
        let entries = match &mut table {
            Some(Entry {
                value:
                    Node {
                        value: Value::Table(entries),
                        ..
                    },
                ..
            }) => entries,
            _ => &mut top,
        };
        keys += 1;
        if keys > MAX_KEYS || has_key(entries, key) {
            return None;
        }
        entries.push(Entry {
            key: Cow::Borrowed(key),
            key_pos: index.pos(column..column + key.len()),
            value: Node {
                value,
                place: Place::Span(index, value_at, end),
            },
        });
    }
    top.extend(table);
    (!top.is_empty()).then_some(top)
}

fn has_key(entries: &[Entry<'_>], key: &str) -> bool {
    entries.iter().any(|e| e.key == key)
}

/// The bare key (ASCII letters, digits, `-`, `_`) that opens `text`, and the text after it.
fn bare_key(text: &str) -> Option<(&str, &str)> {
    let len = text
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .count();
    (len > 0).then(|| text.split_at(len))
}

/// The value `text` opens with, which starts at byte `at` of the front matter, and the byte
/// where it ends, when nothing but a comment follows it on its line.
fn value<'a>(text: &'a str, at: usize, index: &'a LineIndex<'a>) -> Option<(Value<'a>, usize)> {
    let (value, len) = match text.as_bytes().first()? {
        b'"' | b'\'' => {
            let (value, _) = quoted(text)?;
            (Value::Str(Cow::Borrowed(value)), value.len() + 2)
        }
        b'[' => {
            let (items, len) = list(text, at, index)?;
            (Value::Array(items), len)
        }
        _ => {
            let len = text.find(' ').unwrap_or(text.len());
            let value = match &text[..len] {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                token if token.starts_with(|c: char| c.is_ascii_digit()) => {
                    Value::DateTime(token.parse().ok()?)
                }
                _ => return None,
            };
            (value, len)
        }
    };
    ends_line(&text[len..]).then_some((value, at + len))
}

/// The strings of the one-line list that opens `text` (at byte `at`), and its length.
fn list<'a>(text: &'a str, at: usize, index: &'a LineIndex<'a>) -> Option<(Vec<Node<'a>>, usize)> {
    let mut items = Vec::new();
    let mut pos = 1;
    loop {
        pos += text[pos..].len() - text[pos..].trim_start_matches(' ').len();
        let rest = &text[pos..];
        // An empty list, or a comma closing the last item.
        if rest.starts_with(']') {
            return Some((items, pos + 1));
        }
        if !rest.starts_with(['"', '\'']) {
            return None;
        }
        let (value, _) = quoted(rest)?;
        let len = value.len() + 2;
        items.push(Node {
            value: Value::Str(Cow::Borrowed(value)),
            place: Place::Span(index, at + pos, at + pos + len),
        });
        pos += len;
        pos += text[pos..].len() - text[pos..].trim_start_matches(' ').len();
        match text.as_bytes().get(pos)? {
            b',' => pos += 1,
            b']' => return Some((items, pos + 1)),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sink;
    use crate::frontmatter::Pieces;

    /// The parser's reading of `content` (from line 2), which must have no diagnostics.
    fn by_parser<'a>(content: &'a str, index: &'a LineIndex<'a>) -> Option<Vec<Entry<'a>>> {
        let mut sink = Sink::new("t.md");
        let (entries, broken) = super::super::from_toml::by_parser(content, index, &mut sink);
        (!broken && sink.located_codes().is_empty()).then_some(entries)
    }

    #[test]
    fn reads_what_the_parser_reads() {
        let content = "published = 2020-01-01T00:15:00+00:00 # first\n\
                       section = 'Coast'\n\
                       \n\
                       # the list\n\
                       keywords = [\"harbour\", 'bench' , \"item 0\",]\n\
                       draft = false\n\
                       [image]\n\
                       url = \"https://n.example/a.jpg\"\n\
                       alt=\"Ørsted\"\n";
        let index = LineIndex::new(content, 2);
        let read = read(content, &index).expect("read without the parser");
        assert_eq!(Some(read.clone()), by_parser(content, &index));
        let keys: Vec<String> = read
            .iter()
            .map(|e| format!("{}@{}:{}", e.key, e.key_pos.line, e.key_pos.column))
            .collect();
        assert_eq!(
            keys,
            [
                "published@2:1",
                "section@3:1",
                "keywords@6:1",
                "draft@7:1",
                "image@8:2"
            ]
        );
        let Value::Array(items) = &read[2].value.value else {
            panic!("keywords: {:?}", read[2].value);
        };
        let at: Vec<(u32, u32, u32)> = items
            .iter()
            .map(|n| (n.pos().line, n.pos().column, n.pos().length))
            .collect();
        assert_eq!(at, [(6, 13, 9), (6, 24, 7), (6, 34, 8)]);
    }

    #[test]
    fn leaves_to_the_parser_what_may_read_otherwise() {
        for content in [
            "",
            "a = 1\n",
            "a = \"x\\ty\"\n",
            "a = \"\"\"x\"\"\"\n",
            "a = [\"x\",\n  \"y\"]\n",
            "a.b = \"x\"\n",
            "\"a\" = \"x\"\n",
            "a = \"x\"\na = \"y\"\n",
            "[t]\n[t]\n",
            "a = { b = \"x\" }\n",
            "a = 2026-02-30T10:00:00Z\n",
            "a = \"x\"\tb\n",
            "[[t]]\n",
        ] {
            let index = LineIndex::new(content, 2);
            assert_eq!(read(content, &index), None, "{content:?}");
        }
    }

    /// Front matter made from pieces, read here and by the parser: whatever is read here is
    /// what the parser reads, with no diagnostic. Each list opens with the pieces likely to be
    /// read here, picked more often, so that both outcomes are common.
    #[test]
    fn generated_front_matter_reads_as_the_parser_reads_it() {
        #[rustfmt::skip]
        const KEYS: Pieces = (7, &[
            "headline", "section", "keywords", "a-b", "a_b", "k9", "9",
            "k k", "k.k", "\"q\"", "'q'", "é", "", "k\t", "true",
        ]);
        #[rustfmt::skip]
        const AFTER_KEY: Pieces = (3, &[
            " = ", "=", "  =  ",
            " =\t", "\t= ", " == ", " : ",
        ]);
        #[rustfmt::skip]
        const VALUES: Pieces = (36, &[
            "\"Harbour lights\"", "'harbour'", "\"\"", "''", "\"a # b\"", "'a\\b'", "\"Ørsted\"",
            "\"a\u{a0}b\"", "\"\u{2028}\"", "\"\u{feff}\"", "\"☕\"", "true", "false",
            "2020-01-01T00:15:00+00:00", "2020-01-01T00:15:00Z", "2020-01-01t00:15:00z",
            "2020-01-01", "00:15:00", "2020-01-01T00:15:00.5-05:30", "2020-01-01T00:15Z",
            "1979-05-27T07:32:00", "2024-02-29T00:00:00Z", "2020-01-01T23:59:60Z",
            "[\"a\", 'b']", "[]", "[ ]", "[\"a\",]", "[ 'a' , \"b\" ]", "\"x\" # c", "\"x\"#c",
            "true # c", "2020-01-01T00:15:00Z # c", "[\"a\"] # c", "\"a\" ", "\"é\"", "'\"'",
            // Less likely to be read here.
            "1", "-1", "+1", "1.5", "1e3", "0x1F", "inf", "nan", "True", "FALSE", "\"a\\\"b\"",
            "\"a\\tb\"", "\"\"\"x\"\"\"", "'''x'''", "\"open", "'open", "\"x\" y", "[\"a\", 1]",
            "[\"a\" \"b\"]", "[,]", "[\"a\",,]", "[[\"a\"]]", "[a]", "{ a = \"x\" }", "{}",
            "2026-02-30T10:00:00Z", "2026-02-28T10:00:00+24:00", "2020-1-01", "2020-01-01 00:15:00Z",
            "2020-01-01T24:00:00Z", "x", "\"x\"\u{85}", "\"\u{7f}\"", "'a'b'", "[\"a\"",
            "\"a\"]", "",
        ]);
        #[rustfmt::skip]
        const LINES: Pieces = (8, &[
            "", "   ", "# note", "#", "  # indented", "[image]", "[table-2]", "[image] # c",
            "[ image ]", "[[image]]", "[a.b]", "[\"q\"]", "[image", "image]", "[]", "  [image]",
            "  key = \"x\"", "+++", "# \u{7f}", "\"x\"", "[image]x",
        ]);
        let (mut read_here, mut left) = (0, 0);
        for content in
            super::super::generated_front_matter(40_000, 7, [KEYS, AFTER_KEY, VALUES, LINES], false)
        {
            let index = LineIndex::new(&content, 2);
            match read(&content, &index) {
                Some(entries) => {
                    read_here += 1;
                    assert_eq!(Some(entries), by_parser(&content, &index), "{content:?}");
                }
                None => left += 1,
            }
        }
        assert!(
            read_here > 4_000 && left > 4_000,
            "{read_here} read here, {left} left"
        );
    }
}
