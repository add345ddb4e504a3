//! The YAML front matter most articles hold, read without the YAML parser: one `key: value`
//! a line, each value a quoted or plain string, a flow list of them (`[harbour, "item 1"]`)
//! or a block list of them (lines `- harbour` after the key). Read by the parser, three such
//! lines cost some 43,000 instructions more than read here, and about 70 allocations (a
//! 1,000-article build under callgrind, with and without this reading).
//!
//! It gives exactly the entries, positions included, that the parser's reading in
//! [`super::from_yaml`] gives, or nothing: any line, character or value whose meaning is in
//! the least doubt (a value that may read as a number, a boolean or null, an escape, an
//! anchor, a tab, an indented line that may continue a value, a repeated key) leaves the whole
//! front matter to the parser. A generated-input test holds the two readings to each other.

use std::borrow::Cow;

use super::tree::{Entry, Node, Place, Value};
use super::{ends_line, is_ascii_lines, quoted};
use crate::diag::{Pos, to_u32};

/// The most keys read here. Repeated keys, which the parser refuses, are found by comparing
/// each key with those before it; real front matter holds a handful.
const MAX_KEYS: usize = 32;

/// The longest key read here (the parser refuses keys of 1,024 characters or more).
const MAX_KEY_LEN: usize = 64;

/// The entries of `content`, whose first line is line `first_line` of the file, when every
/// line is of the forms read here; `None` leaves it to the parser.
pub(super) fn read(content: &str, first_line: u32) -> Option<Vec<Entry<'static>>> {
    let line_pos = |idx: usize, column: usize, length: usize| {
        Pos::new(
            first_line.saturating_add(to_u32(idx)),
            to_u32(column),
            to_u32(length),
        )
    };
    // Characters that are not read as written (line breaks other than `\n`, tabs, control
    // characters), in a value or a comment, leave it all to the parser.
    if !is_ascii_lines(content) && !content.chars().all(|c| c == '\n' || is_text_char(c)) {
        return None;
    }
    let mut entries: Vec<Entry<'static>> = Vec::new();
    let mut lines = content.split('\n').enumerate().peekable();
    while let Some((idx, line)) = lines.next() {
        if is_blank_or_comment(line) {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !is_key(key) || entries.len() == MAX_KEYS || entries.iter().any(|e| e.key == key) {
            return None;
        }
        // `key:value` is one plain string, not a key.
        if !rest.is_empty() && !rest.starts_with(' ') {
            return None;
        }
        let key_pos = line_pos(idx, 1, key.len());
        let text = rest.trim_start_matches(' ');
        let value = if is_blank_or_comment(text) {
            // Nothing after the key: null, or a block list on the lines that follow, each
            // item placed just after its dash, as the parser's reading places it.
            let mut items = Vec::new();
            let mut indent = None;
            while let Some(&(item_idx, item_line)) = lines.peek() {
                if !is_blank_or_comment(item_line) {
                    let Some(after_indent) = item_line.trim_start_matches(' ').strip_prefix('-')
                    else {
                        break;
                    };
                    let at = item_line.len() - after_indent.len() - 1;
                    if *indent.get_or_insert(at) != at || !after_indent.starts_with(' ') {
                        return None;
                    }
                    items.push(Node {
                        value: Value::Str(scalar(after_indent.trim_start_matches(' '))?),
                        place: Place::Pos(line_pos(item_idx, at + 3, 0)),
                    });
                }
                lines.next();
            }
            if items.is_empty() {
                Value::Null
            } else {
                Value::Array(items)
            }
        } else if let Some(list) = text.strip_prefix('[') {
            let items = flow_list(list)?;
            let place = Place::Pos(key_pos);
            Value::Array(
                items
                    .into_iter()
                    .map(|s| Node {
                        value: Value::Str(s),
                        place,
                    })
                    .collect(),
            )
        } else {
            Value::Str(scalar(text)?)
        };
        entries.push(Entry {
            key: Cow::Owned(key.to_owned()),
            key_pos,
            value: Node {
                value,
                place: Place::Pos(key_pos),
            },
        });
    }
    (!entries.is_empty()).then_some(entries)
}

/// A line of spaces only, or a comment from the start of the line.
fn is_blank_or_comment(line: &str) -> bool {
    line.bytes().all(|b| b == b' ') || line.starts_with('#')
}

/// A key of ASCII letters, digits, `-` and `_`, opening with a letter, that reads as a string.
fn is_key(key: &str) -> bool {
    key.len() <= MAX_KEY_LEN
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && reads_as_string(key)
}

/// A quoted or plain string that fills the rest of the line but for a comment.
fn scalar(text: &str) -> Option<Cow<'static, str>> {
    let value = match text.as_bytes().first()? {
        b'"' | b'\'' => {
            let (value, after) = quoted(text)?;
            ends_line(after).then_some(value)?
        }
        _ => {
            // A plain string ends where a comment starts.
            let end = text.find(" #").unwrap_or(text.len());
            let value = text[..end].trim_end_matches(' ');
            // `: ` (or a closing `:`) would make it a key of a nested mapping.
            let colon = value.contains(": ") || value.ends_with(':');
            (is_plain(value) && !colon).then_some(value)?
        }
    };
    Some(Cow::Owned(value.to_owned()))
}

/// The items of a flow list, `list` being the text after its `[`.
fn flow_list(list: &str) -> Option<Vec<Cow<'static, str>>> {
    let mut items = Vec::new();
    let mut rest = list.trim_start_matches(' ');
    if let Some(after) = rest.strip_prefix(']') {
        return ends_line(after).then_some(items);
    }
    loop {
        let (item, after) = match rest.as_bytes().first()? {
            b'"' | b'\'' => quoted(rest)?,
            _ => {
                let end = rest.find([',', ']'])?;
                let item = rest[..end].trim_end_matches(' ');
                // Flow indicators, quotes, comments and colons are left to the parser.
                let plain = !item.contains(['[', '{', '}', '"', '\'', '#', ':']);
                (is_plain(item) && plain).then_some((item, &rest[end..]))?
            }
        };
        items.push(Cow::Owned(item.to_owned()));
        let after = after.trim_start_matches(' ');
        match after.as_bytes().first()? {
            b',' => rest = after[1..].trim_start_matches(' '),
            b']' => return ends_line(&after[1..]).then_some(items),
            _ => return None,
        }
    }
}

/// A plain string read as written: opening with a letter (or a character beyond ASCII), and
/// not one of the words that read as null or a boolean. Opening so, it cannot read as a
/// number either, nor open with an indicator (`&`, `*`, `!`, `|`, `>`, `-`, ...).
fn is_plain(value: &str) -> bool {
    value.starts_with(|c: char| c.is_ascii_alphabetic() || !c.is_ascii()) && reads_as_string(value)
}

/// Whether a plain word opening with a letter reads as a string.
fn reads_as_string(word: &str) -> bool {
    !matches!(
        word,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// A character that stands for itself on a line: printable ASCII, or a printable character
/// beyond it that no YAML reader takes for a line break or a byte order mark.
fn is_text_char(c: char) -> bool {
    matches!(c, ' '..='~')
        || (c >= '\u{A0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sink;
    use crate::frontmatter::Pieces;

    /// The parser's reading of `content` (from line 2), which must have no diagnostics.
    fn by_parser(content: &str) -> Option<Vec<Entry<'static>>> {
        let mut sink = Sink::new("t.md");
        let (entries, broken) = super::super::from_yaml::by_parser(content, 2, &mut sink);
        (!broken && sink.located_codes().is_empty()).then_some(entries)
    }

    /// The test of printable ASCII lines passes only text that both readers' own tests of
    /// every character pass, and passes it for every byte from ` ` to `~` and the line feed.
    #[test]
    fn ascii_lines_need_no_look_at_their_characters() {
        let chars = (0..=0x7F)
            .chain([
                0x85, 0xA0, 0xE9, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF, 0x1F6A2,
            ])
            .filter_map(char::from_u32);
        for c in chars {
            let text = format!("key: a{c}b\n# c{c}");
            let ascii = c == '\n' || (' '..='~').contains(&c);
            assert_eq!(is_ascii_lines(&text), ascii, "{c:?}");
            if ascii {
                assert!(text.chars().all(|c| c == '\n' || is_text_char(c)), "{c:?}");
                assert!(!text.chars().any(|c| c != '\n' && c.is_control()), "{c:?}");
            }
        }
    }

    #[test]
    fn reads_what_the_parser_reads() {
        let content = "headline: Harbour lights return # for now\n\
                       section: 'Coast'\n\
                       \n\
                       # the list\n\
                       keywords: [harbour, \"item 1\", Ørsted ]\n\
                       tags:\n  - quay\n  - \"north: pier\"\n\
                       image: https://n.example/a.jpg\n\
                       description: # none yet\n";
        let read = read(content, 2).expect("read without the parser");
        assert_eq!(Some(read.clone()), by_parser(content));
        let shown: Vec<String> = read
            .iter()
            .map(|e| {
                format!(
                    "{}@{}:{} {:?}",
                    e.key, e.key_pos.line, e.key_pos.column, e.value.value
                )
            })
            .collect();
        assert_eq!(shown.len(), 6);
        assert_eq!(shown[0], "headline@2:1 Str(\"Harbour lights return\")");
        let Value::Array(items) = &read[3].value.value else {
            panic!("tags: {:?}", read[3].value);
        };
        let at: Vec<(u32, u32)> = items
            .iter()
            .map(|n| (n.pos().line, n.pos().column))
            .collect();
        assert_eq!(at, [(8, 5), (9, 5)]);
        assert_eq!(read[5].value.value, Value::Null);
    }

    #[test]
    fn leaves_to_the_parser_what_may_read_otherwise() {
        for content in [
            "",
            "a: 1\n",
            "a: true\n",
            "a: null\n",
            "a: ~\n",
            "a: \"x\\ty\"\n",
            "a: 'it''s'\n",
            "a: b: c\n",
            "a:b\n",
            "a: x\n  continued\n",
            "a: x\na: y\n",
            "a: &anchor x\n",
            "a: [x, [y]]\n",
            "a:\n  - x\n - y\n",
            "a: x\tb\n",
            "a: x\u{2028}y\n",
            "---\na: x\n",
        ] {
            assert_eq!(read(content, 2), None, "{content:?}");
        }
    }

    /// Front matter made from pieces, read here and by the parser: whatever is read here is
    /// what the parser reads, with no diagnostic. Each list opens with the pieces likely to be
    /// read here, picked more often, so that both outcomes are common.
    #[test]
    fn generated_front_matter_reads_as_the_parser_reads_it() {
        #[rustfmt::skip]
        const KEYS: Pieces = (6, &[
            "headline", "section", "keywords", "a-b", "a_b", "k9",
            "null", "True", "FALSE", "y", "no", "on", "9k", "k k", "k\t", "\"q\"", "'q'", "-k",
            "k:k", "é", "?k",
        ]);
        #[rustfmt::skip]
        const AFTER_KEY: Pieces = (2, &[
            ": ", ":  ",
            ":", ": \t", ":\t", " : ", "::", ": #", ":#",
        ]);
        #[rustfmt::skip]
        const VALUES: Pieces = (48, &[
            "Harbour lights", "harbour", "yes", "No", "on", "off", "y", "n", "inf", "nan",
            "NaN", "infinity", "Infinity", "e5", "x1", "https://n.example/a.jpg", "a:b",
            "a #b", "a#b", "a # c", "O'Neill", "\"a\"", "'a'", "\"a #b\"", "\"a: b\"", "\"\"",
            "''", "[a, b]", "[harbour, bench, \"item 1\"]", "[]", "[ ]", "[a b, c]",
            "['x', 'y']", "[a] # c", "Ørsted", "a\u{a0}", "\u{a0}a", "a\u{fffd}", "a  ",
            "Café ☕", "\u{1F30A} wave", "a\\b", "a, b", "a]", "x{y}", "a - b", "nULL", "tRUE",
            // Less likely to be read here.
            "null", "Null", "NULL", "~", "true", "TRUE", "False", "FALSE", "1e3", "0x1F",
            "0o17", "+1", "-1", ".5", ".inf", "-.inf", "2020-01-02", "2020-01-02T01:15:00+01:00",
            "12:30", "a: b", "a:", "#c", "a  #c", "'a''b'", "\"a\\\"b\"", "\"a\\tb\"",
            "\"x\" y", "'x'#y", "\"open", "'open", "[a,]", "[a, [b]]", "[a: b]", "[a:b]",
            "[\"a, b\"]", "[a] x", "[a]#c", "[a, null]", "[true]", "[1, 2]", "[a, ~]",
            "[a,, b]", "[a", "{a: x}", "&x a", "*x", "!t a", "|", ">", "@x", "`x", "%x",
            "?x", "- a", "a\u{85}b", "a\u{2028}b", "\u{feff}a", "a\tb",
        ]);
        #[rustfmt::skip]
        const LINES: Pieces = (10, &[
            "", "   ", "# note", "#", "- a", "  - b", "- \"c\"", "- 'd'", "    - d", " - x # y",
            "  # indented", "  continued", "---", "...", "-", "- [a]", "-\tx", "- a: b",
            "- null", "- FALSE", "- 1", "-a", "\t- x", "%YAML 1.2", "- x:", "- \"x\\ty\"",
        ]);
        let (mut read_here, mut left) = (0, 0);
        for content in
            super::super::generated_front_matter(40_000, 6, [KEYS, AFTER_KEY, VALUES, LINES], true)
        {
            match read(&content, 2) {
                Some(entries) => {
                    read_here += 1;
                    assert_eq!(Some(entries), by_parser(&content), "{content:?}");
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
