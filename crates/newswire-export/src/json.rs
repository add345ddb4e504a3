//! JSON output bytes shared by the JSON formats: pretty, keys sorted, strings filtered.
//!
//! The per-article documents (JSON-LD, ninjs) are written straight from the record by a
//! [`Writer`]; the channel documents are `serde_json` values, written by [`to_json_bytes`].
//! Both lay the bytes out the same way: two-space indent, keys sorted, a final line feed, and
//! the characters XML 1.0 forbids left out of every string, so the same value always gives
//! the same bytes and the bytes can be embedded in any document. `@`-keywords sort before
//! letters, so `@context`, `@id` and `@type` open every JSON-LD node.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use serde_json::Value;

use newswire_model::{first_forbidden_in_xml, may_start_forbidden};

use crate::document::Document;
use crate::text::{
    ByteTable, HIGH_BITS, SHORT, any_marked, clean, equal_bytes, forbidden_bytes,
    is_forbidden_control, is_noncharacter_at, push_and_list, rewrite_runs,
};

/// `value` as pretty-printed JSON (two-space indent) with a final line feed.
///
/// Object keys are sorted and characters XML 1.0 forbids are left out of every string, so the
/// same value always gives the same bytes and the bytes can be embedded in any document.
pub fn to_json_bytes(value: &Value) -> Vec<u8> {
    let mut out = String::with_capacity(1024);
    write_value(&mut out, value, 0);
    out.push('\n');
    out.into_bytes()
}

/// Removes the characters XML 1.0 forbids from every string and key in `value`.
pub(crate) fn clean_value(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let Cow::Owned(cleaned) = clean(s) {
                *s = cleaned;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_value),
        Value::Object(map) => {
            let dirty: Vec<String> = map
                .keys()
                .filter(|k| first_forbidden_in_xml(k).is_some())
                .cloned()
                .collect();
            for key in dirty {
                if let Some(v) = map.remove(&key) {
                    map.insert(clean(&key).into_owned(), v);
                }
            }
            map.values_mut().for_each(clean_value);
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The `serde_json` value of a document a [`Writer`] wrote: for the formats' functions that
/// return values, and for the channel documents, which are values.
pub(crate) fn from_own_text(text: &str) -> Value {
    serde_json::from_str(text).expect("a writer's text is JSON")
}

/// A JSON document written as it is made: what the per-article formats use, straight from
/// the record's text, with nothing built in between. The layout is [`to_json_bytes`]'s, so
/// the text is what `to_json_bytes` makes of the same value, provided each object's keys are
/// given in sorted order — which the writer checks in debug builds, and the formats' tests
/// check against `to_json_bytes`.
///
/// A value is written by [`str`](Writer::str), [`uint`](Writer::uint),
/// [`object`](Writer::object) or [`array`](Writer::array): as the whole document, as an item
/// of the array being written, or as the value of the [`key`](Writer::key) just written.
#[derive(Debug)]
pub(crate) struct Writer<'a> {
    out: String,
    /// Strings already written as JSON, borrowed rather than copied in, with where in `out`
    /// each goes (see [`Document`]).
    spliced: Vec<(usize, &'a str)>,
    /// How many arrays and objects are open.
    depth: usize,
    /// Whether the innermost open array or object has no member yet.
    empty: bool,
    /// Whether a key has just been written, so that its value follows on its line.
    keyed: bool,
    /// What is open, innermost last, to check that keys come sorted and only in objects.
    #[cfg(debug_assertions)]
    nesting: Vec<Open>,
}

/// One of the formats' own keys: its text in a document, the name quoted and followed by
/// `: `, so that the whole is copied as one constant, and in debug builds the name alone, to
/// check the order of keys. [`key!`] makes both from the name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    #[cfg(debug_assertions)]
    pub(crate) name: &'static str,
    pub(crate) text: &'static str,
}

/// The [`Key`] named by the string literal given.
macro_rules! key {
    ($name:literal) => {
        $crate::json::Key {
            #[cfg(debug_assertions)]
            name: $name,
            text: concat!("\"", $name, "\": "),
        }
    };
}
pub(crate) use key;

/// A member whose key and value are both the formats' own, neither needing escaping: its
/// text in a document, `"key": "value"`, copied as one constant, and in debug builds the key
/// alone, to check the order of keys. [`constant!`] makes both.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Constant {
    #[cfg(debug_assertions)]
    pub(crate) name: &'static str,
    pub(crate) text: &'static str,
}

/// The [`Constant`] member whose key is the string literal given first and whose value is the
/// second, a literal or a macro that makes one.
macro_rules! constant {
    ($name:literal, $value:expr) => {
        $crate::json::Constant {
            #[cfg(debug_assertions)]
            name: $name,
            text: concat!("\"", $name, "\": \"", $value, "\""),
        }
    };
}
pub(crate) use constant;

/// An array or object being written, with the last key written in it.
#[cfg(debug_assertions)]
#[derive(Debug, Clone, Copy, PartialEq)]
enum Open {
    Array,
    Object(Option<&'static str>),
}

impl<'a> Writer<'a> {
    /// A writer whose text starts with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Writer<'a> {
        Writer {
            out: String::with_capacity(capacity),
            spliced: Vec::new(),
            depth: 0,
            empty: true,
            keyed: false,
            #[cfg(debug_assertions)]
            nesting: Vec::new(),
        }
    }

    /// The document, with its final line feed.
    pub(crate) fn finish(self) -> String {
        self.finish_document().into_string()
    }

    /// The document, with its final line feed, the strings given to
    /// [`spliced_str`](Self::spliced_str) borrowed in their places.
    pub(crate) fn finish_document(mut self) -> Document<'a> {
        debug_assert!(self.depth == 0 && !self.keyed, "the document is complete");
        self.out.push('\n');
        Document::new(self.out, self.spliced)
    }

    /// Writes the member `key` of the object being written; its value is written next. Keys
    /// are the formats' own names, none of which needs escaping, and come in sorted order.
    /// Inlined, so that each key's text is copied as the constant it is.
    #[inline(always)]
    pub(crate) fn key(&mut self, key: Key) -> &mut Writer<'a> {
        #[cfg(debug_assertions)]
        {
            self.check_key(key.name);
            assert_eq!(key.text, format!("\"{}\": ", key.name), "a key's text");
        }
        self.member();
        self.out.push_str(key.text);
        self.keyed = true;
        self
    }

    /// Writes `member`, a key and its value both the formats' own, as the one constant it is.
    #[inline(always)]
    pub(crate) fn constant(&mut self, member: Constant) {
        #[cfg(debug_assertions)]
        {
            let name = member.name;
            self.check_key(name);
            let value = member
                .text
                .strip_prefix(&format!("\"{name}\": \""))
                .and_then(|rest| rest.strip_suffix('"'))
                .expect("a constant member's text");
            assert!(
                value
                    .bytes()
                    .all(|b| (0x20..0x7F).contains(&b) && b != b'"' && b != b'\\'),
                "{value:?} needs escaping"
            );
        }
        self.member();
        self.out.push_str(member.text);
    }

    /// Checks that the key `name` needs no escaping and comes after the keys written before it
    /// in the object being written.
    #[cfg(debug_assertions)]
    fn check_key(&mut self, name: &'static str) {
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'),
            "{name:?} is written unescaped"
        );
        match self.nesting.last_mut() {
            Some(Open::Object(last)) => {
                assert!(
                    last.is_none_or(|last| last < name),
                    "key {name:?} after {last:?}: keys must come sorted, each once"
                );
                *last = Some(name);
            }
            _ => panic!("key {name:?} outside an object"),
        }
    }

    /// Writes a string, filtered as [`to_json_bytes`] filters it. Inlined, as [`write_str`] is,
    /// so that a short string that needs nothing, the common case, is written without a call.
    #[inline(always)]
    pub(crate) fn str(&mut self, s: &str) {
        self.value();
        write_str(&mut self.out, s);
    }

    /// Writes the string that is the `text` of `items` as an English list, `A, B and C` (what
    /// `join_and` makes of them), each item filtered and escaped as [`str`](Self::str) writes
    /// a string and the separators, which need nothing, between them: the list's string
    /// written without being put together first.
    pub(crate) fn and_list<T>(&mut self, items: &[T], text: impl Fn(&T) -> &str) {
        self.value();
        self.out.push('"');
        push_and_list(&mut self.out, items, |out, item| {
            push_json_text(out, text(item));
        });
        self.out.push('"');
    }

    /// Writes `s`, which holds nothing JSON escapes or a format leaves out — the formats' own
    /// names, dates, language tags, URLs (which `AbsoluteUrl` keeps to RFC 3986's printable
    /// ASCII): printable ASCII without `"` or `\` — copied as it is rather than looked
    /// through. Inlined, so that a constant is copied as the constant it is. Debug builds, and
    /// so every test run, check the text.
    #[inline(always)]
    pub(crate) fn plain_str(&mut self, s: &str) {
        debug_assert!(
            s.bytes()
                .all(|b| (0x20..0x7F).contains(&b) && b != b'"' && b != b'\\'),
            "{s:?} needs escaping"
        );
        self.value();
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        self.out.push_str(s);
        self.out.push('"');
    }

    /// Writes `json`, a string already written as JSON (quotes included) as [`str`](Self::str)
    /// writes one: borrowed into the [`Document`], not copied.
    pub(crate) fn spliced_str(&mut self, json: &'a str) {
        self.value();
        self.spliced.push((self.out.len(), json));
    }

    /// Writes a count.
    pub(crate) fn uint(&mut self, n: u64) {
        self.value();
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    /// Writes an object whose members `members` writes.
    pub(crate) fn object(&mut self, members: impl FnOnce(&mut Self)) {
        self.open(
            '{',
            #[cfg(debug_assertions)]
            Open::Object(None),
        );
        members(self);
        self.close('}');
    }

    /// [`object`](Self::object), returning where in the text the object is, from its `{` to
    /// its `}`: for writing it again, or a variant of it, with [`again`](Self::again).
    pub(crate) fn placed_object(&mut self, members: impl FnOnce(&mut Self)) -> Range<usize> {
        let mut start = 0;
        self.object(|w| {
            // The `{` just written, which opens the object.
            start = w.out.len() - 1;
            members(w);
        });
        start..self.out.len()
    }

    /// How long the text written so far is: where the next byte goes.
    pub(crate) fn written(&self) -> usize {
        self.out.len()
    }

    /// Writes a value again that was written before at the same depth, with one constant
    /// member changed: the text `before` (from the value's start up to the changed member),
    /// `member`, and the text `after` (from just after the member it replaces to the value's
    /// end), copied rather than written afresh. Neither range may hold a spliced string.
    pub(crate) fn again(&mut self, before: Range<usize>, member: Constant, after: Range<usize>) {
        debug_assert!(
            before.end <= after.start
                && self.spliced.iter().all(|(at, _)| {
                    !(before.start < *at && *at < before.end
                        || after.start < *at && *at < after.end)
                }),
            "a value written before, whole, without spliced strings"
        );
        self.value();
        self.out
            .reserve(before.len() + member.text.len() + after.len());
        self.out.extend_from_within(before);
        self.out.push_str(member.text);
        self.out.extend_from_within(after);
    }

    /// Writes an array whose items `items` writes.
    pub(crate) fn array(&mut self, items: impl FnOnce(&mut Self)) {
        self.open(
            '[',
            #[cfg(debug_assertions)]
            Open::Array,
        );
        items(self);
        self.close(']');
    }

    /// Where a value starts: after its key, or as the next item of an array.
    fn value(&mut self) {
        if self.keyed {
            self.keyed = false;
        } else if self.depth > 0 {
            #[cfg(debug_assertions)]
            assert!(
                self.nesting.last() == Some(&Open::Array),
                "a value in an object without its key"
            );
            self.member();
        }
    }

    /// Where a member starts: after the comma that ends the one before, on a line of its own.
    fn member(&mut self) {
        if self.empty {
            push_break(&mut self.out, BREAK, self.depth);
        } else {
            push_break(&mut self.out, COMMA_BREAK, self.depth);
        }
        self.empty = false;
    }

    fn open(&mut self, bracket: char, #[cfg(debug_assertions)] what: Open) {
        self.value();
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
        #[cfg(debug_assertions)]
        self.nesting.push(what);
    }

    fn close(&mut self, bracket: char) {
        debug_assert!(!self.keyed, "a key without its value");
        self.depth -= 1;
        if !self.empty {
            push_line_break(&mut self.out, self.depth);
        }
        self.out.push(bracket);
        // The array or object just closed is a member of the one around it.
        self.empty = false;
        #[cfg(debug_assertions)]
        self.nesting.pop();
    }
}

/// Writes `value` at nesting depth `indent`, its object keys sorted.
fn write_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => {
            write_str(out, s);
        }
        Value::Array(items) => write_seq(out, indent, '[', items, |out, item, indent| {
            write_value(out, item, indent);
        }),
        Value::Object(map) => {
            // `serde_json`'s map keeps its keys sorted unless its `preserve_order` feature is
            // on; sort only when they are not.
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
                entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            }
            write_seq(out, indent, '{', &entries, |out, (key, value), indent| {
                write_str(out, key);
                out.push_str(": ");
                write_value(out, value, indent);
            });
        }
    }
}

/// Writes an array (`open` is `[`) or object (`{`) of `items`, one per line, indented by two
/// spaces per level; an empty one on one line.
fn write_seq<T>(
    out: &mut String,
    indent: usize,
    open: char,
    items: &[T],
    mut write_item: impl FnMut(&mut String, &T, usize),
) {
    let close = if open == '[' { ']' } else { '}' };
    out.push(open);
    if items.is_empty() {
        out.push(close);
        return;
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_line_break(out, indent + 1);
        write_item(out, item, indent + 1);
    }
    push_line_break(out, indent);
    out.push(close);
}

/// A line feed and the indent of nesting depth `depth`, two spaces a level.
#[inline(always)]
fn push_line_break(out: &mut String, depth: usize) {
    push_break(out, BREAK, depth);
}

/// How many levels of indent [`BREAK`] and [`COMMA_BREAK`] hold.
const LEVELS_AT_HAND: usize = 8;
/// A line feed and the indent of [`LEVELS_AT_HAND`] levels.
const BREAK: &str = "\n                ";
/// A comma, a line feed and the indent of [`LEVELS_AT_HAND`] levels.
const COMMA_BREAK: &str = ",\n                ";

/// Writes `piece` ([`BREAK`] or [`COMMA_BREAK`]) with the indent of nesting depth `depth`.
/// At the depths documents reach, the whole piece is copied, as the constant it is, and the
/// spaces beyond the indent cut off again: cheaper than a copy of a length known only as it
/// runs, which every line of every document pays.
#[inline(always)]
fn push_break(out: &mut String, piece: &'static str, depth: usize) {
    let head = piece.len() - 2 * LEVELS_AT_HAND;
    if depth <= LEVELS_AT_HAND {
        let end = out.len() + head + 2 * depth;
        out.push_str(piece);
        out.truncate(end);
    } else {
        push_deep_break(out, &piece[..head], depth);
    }
}

/// Writes `head` and the indent of nesting depth `depth`, deeper than the pieces at hand.
#[cold]
fn push_deep_break(out: &mut String, head: &str, depth: usize) {
    out.push_str(head);
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Writes `s` as a JSON string: `"` and `\` escaped, tab, line feed and carriage return as
/// `\t`, `\n` and `\r`, the characters XML 1.0 forbids left out, everything else as it is.
/// Runs of text that need nothing are copied whole. Returns how many characters were left
/// out. Inlined, so that a short string that needs nothing, the common case, is written
/// without a call; the others go to [`push_json_chars`].
#[inline(always)]
pub(crate) fn write_str(out: &mut String, s: &str) -> usize {
    out.reserve(s.len() + 2);
    out.push('"');
    let dropped = push_json_text(out, s);
    out.push('"');
    dropped
}

/// Writes the characters of `s` as they are inside a JSON string, as [`write_str`] does
/// between the quotes; returns how many were left out.
#[inline(always)]
fn push_json_text(out: &mut String, s: &str) -> usize {
    // Most short strings need nothing: a cheap test of all their bytes, and a copy.
    if s.len() < SHORT && !any_marked(s.as_bytes(), any_needs_escape) {
        out.push_str(s);
        0
    } else {
        push_json_chars(out, s)
    }
}

/// Whether `b` needs something done in a JSON string: a quote or a backslash, a C0 control,
/// or a byte that may start a character XML 1.0 forbids (from 0xEF up). Branch-free, so
/// that many bytes are tested at once.
#[inline(always)]
fn needs_escape(b: u8) -> bool {
    (b == b'"') | (b == b'\\') | may_start_forbidden(b)
}

/// Whether any of the eight bytes of `x` is one [`needs_escape`] marks.
#[inline(always)]
fn any_needs_escape(x: u64) -> bool {
    (equal_bytes(x, b'"') | equal_bytes(x, b'\\') | forbidden_bytes(x)) & HIGH_BITS != 0
}

/// Writes the characters of `s` as they are inside a JSON string (see [`write_str`]); returns
/// how many were left out. Kept out of line: the strings that need it are few.
#[inline(never)]
fn push_json_chars(out: &mut String, s: &str) -> usize {
    let dropped = std::cell::Cell::new(0);
    // The bytes `needs_escape` marks; the rewrite keeps a lead byte from 0xEF up unless it
    // starts U+FFFE or U+FFFF.
    let special = needs_escape;
    let rewrite = |bytes: &[u8], at: usize| match bytes[at] {
        b'"' => Some(("\\\"", 1)),
        b'\\' => Some(("\\\\", 1)),
        b'\t' => Some(("\\t", 1)),
        b'\n' => Some(("\\n", 1)),
        b'\r' => Some(("\\r", 1)),
        b if is_forbidden_control(b) => {
            dropped.set(dropped.get() + 1);
            Some(("", 1))
        }
        // U+FFFE and U+FFFF are left out; other characters led by 0xEF are kept.
        _ if is_noncharacter_at(bytes, at) => {
            dropped.set(dropped.get() + 1);
            Some(("", 3))
        }
        _ => None,
    };
    rewrite_runs(s, special, &NEEDS_ESCAPE, rewrite, |piece| {
        out.push_str(piece)
    });
    dropped.get()
}

/// [`needs_escape`] as a table.
static NEEDS_ESCAPE: std::sync::LazyLock<ByteTable> =
    std::sync::LazyLock::new(|| ByteTable::of(needs_escape));

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[track_caller]
    fn check(value: Value, expect: &str) {
        let bytes = to_json_bytes(&value);
        assert_eq!(String::from_utf8_lossy(&bytes), expect);
        let mut cleaned = value;
        clean_value(&mut cleaned);
        let reread: Value = serde_json::from_slice(&bytes).expect("output is JSON");
        assert_eq!(reread, cleaned, "the bytes hold the cleaned value");
        // Once filtered, the layout is `serde_json`'s own pretty printing.
        let mut pretty = serde_json::to_vec_pretty(&cleaned).expect("a value is JSON");
        pretty.push(b'\n');
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            String::from_utf8_lossy(&pretty)
        );
    }

    /// Writes a document with `write`; expects `expect`, which must also be what
    /// `to_json_bytes` makes of the value the text holds.
    #[track_caller]
    fn check_writer(write: impl FnOnce(&mut Writer), expect: &str) {
        let mut w = Writer::with_capacity(0);
        write(&mut w);
        let text = w.finish();
        assert_eq!(text, expect);
        assert_eq!(
            String::from_utf8_lossy(&to_json_bytes(&from_own_text(&text))),
            expect,
            "the text is the value's canonical bytes"
        );
    }

    #[test]
    fn writers_write_canonical_text() {
        check_writer(|w| w.object(|_| {}), "{}\n");
        check_writer(|w| w.array(|_| {}), "[]\n");
        check_writer(|w| w.str("\u{1}"), "\"\"\n");
        check_writer(|w| w.uint(u64::MAX), "18446744073709551615\n");
        check_writer(
            |w| {
                w.object(|w| {
                    w.constant(constant!("@context", "c"));
                    w.key(key!("@type")).str("T");
                    w.key(key!("a")).object(|_| {});
                    w.key(key!("m")).array(|w| {
                        w.uint(7);
                        w.str("x\u{0}\u{FFFF}y\"\n");
                        w.object(|w| w.key(key!("k")).array(|_| {}));
                    });
                    w.key(key!("z")).array(|_| {});
                });
            },
            "{\n  \"@context\": \"c\",\n  \"@type\": \"T\",\n  \"a\": {},\n  \"m\": [\n    7,\n    \"xy\\\"\\n\",\n    {\n      \"k\": []\n    }\n  ],\n  \"z\": []\n}\n",
        );
    }

    /// Strings written already are borrowed into the document in their places, and its text
    /// is what writing them as strings gives.
    #[test]
    fn spliced_strings_take_their_places() {
        /// With `spliced`, the two strings are given written already.
        fn write<'a>(w: &mut Writer<'a>, spliced: Option<[&'a str; 2]>) {
            w.object(|w| {
                w.key(key!("a")).array(|w| {
                    match spliced {
                        Some([first, _]) => w.spliced_str(first),
                        None => w.str("x\n"),
                    }
                    w.uint(1);
                });
                w.key(key!("b"));
                match spliced {
                    Some([_, second]) => w.spliced_str(second),
                    None => w.str("é"),
                }
            });
        }
        let (first, second) = ("\"x\\n\"".to_owned(), "\"é\"".to_owned());
        let mut plain = Writer::with_capacity(0);
        write(&mut plain, None);
        let mut spliced = Writer::with_capacity(0);
        write(&mut spliced, Some([&first, &second]));
        let document = spliced.finish_document();
        let pieces: Vec<&str> = document.pieces().collect();
        assert_eq!(
            pieces,
            [
                "{\n  \"a\": [\n    ",
                &first,
                ",\n    1\n  ],\n  \"b\": ",
                &second,
                "\n}\n"
            ]
        );
        assert_eq!(document.text(), plain.finish());
    }

    /// Expects writing with `write` to stop on the check whose message holds `expect`.
    #[cfg(debug_assertions)]
    #[track_caller]
    fn check_refused(write: impl FnOnce(&mut Writer) + std::panic::UnwindSafe, expect: &str) {
        let stopped = std::panic::catch_unwind(|| write(&mut Writer::with_capacity(0)))
            .expect_err("the writer stops");
        let message = stopped
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| stopped.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        assert!(message.contains(expect), "stopped with {message:?}");
    }

    #[test]
    #[cfg(debug_assertions)]
    fn writers_check_keys_in_debug_builds() {
        let out_of_order = |w: &mut Writer| {
            w.object(|w| {
                w.key(key!("b")).uint(1);
                w.key(key!("a")).uint(2);
            });
        };
        check_refused(out_of_order, "keys must come sorted");
        let twice = |w: &mut Writer| {
            w.object(|w| {
                w.key(key!("a")).uint(1);
                w.key(key!("a")).uint(2);
            });
        };
        check_refused(twice, "keys must come sorted");
        let constant_out_of_order = |w: &mut Writer| {
            w.object(|w| {
                w.key(key!("b")).uint(1);
                w.constant(constant!("a", "x"));
            });
        };
        check_refused(constant_out_of_order, "keys must come sorted");
        let in_array = |w: &mut Writer| w.array(|w| w.key(key!("a")).uint(1));
        check_refused(in_array, "outside an object");
        let keyless = |w: &mut Writer| w.object(|w| w.uint(1));
        check_refused(keyless, "without its key");
    }

    #[test]
    fn canonical_bytes() {
        for (value, expect) in [
            (json!({}), "{}\n"),
            (json!([]), "[]\n"),
            (
                json!({"b": 1, "@type": "T", "a": [true, null, 2.5], "@context": "c"}),
                "{\n  \"@context\": \"c\",\n  \"@type\": \"T\",\n  \"a\": [\n    true,\n    null,\n    2.5\n  ],\n  \"b\": 1\n}\n",
            ),
            (
                json!({"k\u{0}": "nul\u{0}\u{1}x", "s": "</script> & 🚢"}),
                "{\n  \"k\": \"nulx\",\n  \"s\": \"</script> & 🚢\"\n}\n",
            ),
            (
                json!({"t": "tab\there\r\nquote\" back\\ \u{8}\u{C}\u{7F}\u{FFFE}\u{FFFF}\u{FFFD}"}),
                "{\n  \"t\": \"tab\\there\\r\\nquote\\\" back\\\\ \u{7F}\u{FFFD}\"\n}\n",
            ),
        ] {
            check(value, expect);
        }
    }

    /// Every character up to U+FFFF and a few beyond, in a string, is written as serde_json
    /// writes it, or left out when XML 1.0 forbids it.
    #[test]
    fn every_character_is_written_as_serde_json_writes_it() {
        let chars = (0..=0xFFFF)
            .chain([0x1F6A2, 0x10FFFF])
            .filter_map(char::from_u32);
        for c in chars {
            let text = format!("a{c}b{c}");
            let mut written = String::new();
            let dropped = push_json_chars(&mut written, &text);
            let kept: String = text
                .chars()
                .filter(|&c| !newswire_model::is_forbidden_in_xml(c))
                .collect();
            let expect = serde_json::to_string(&kept).expect("a string is JSON");
            assert_eq!(format!("\"{written}\""), expect, "U+{:04X}", u32::from(c));
            assert_eq!(dropped, text.chars().count() - kept.chars().count());
        }
    }

    /// Over generated strings, short and long, clean and not, `write_str` writes what the
    /// run by run rewrite writes.
    #[test]
    fn short_strings_are_written_as_rewritten() {
        let pieces = [
            "a", "Zé", " ", "\"", "\\", "\t", "\n", "\u{0}", "\u{1F}", "\u{7F}", "\u{FFFD}",
            "\u{FFFE}", "\u{FFFF}", "\u{EFFF}", "🚢", "#", "<&>",
        ];
        let mut next = crate::tests::numbers(17);
        let mut clean = 0;
        for _ in 0..50_000 {
            let mut s = String::new();
            crate::tests::push_pieces(&mut s, &mut next, &pieces, 24, 4);
            let mut written = String::new();
            let dropped = write_str(&mut written, &s);
            let mut rewritten = String::from("\"");
            let expect = push_json_chars(&mut rewritten, &s);
            rewritten.push('"');
            assert_eq!(written, rewritten, "{s:?}");
            assert_eq!(dropped, expect, "{s:?}");
            clean += usize::from(written.len() == s.len() + 2);
        }
        assert!(
            (5_000..45_000).contains(&clean),
            "{clean} strings were clean"
        );
    }

    /// A list written item by item is its list written as one string, over generated lists
    /// of none to five items, short and long, holding what JSON escapes or leaves out.
    #[test]
    fn lists_are_written_as_their_string() {
        let pieces = [
            "\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "é", "🚢", " and ",
        ];
        let mut next = crate::tests::numbers(61);
        for _ in 0..20_000 {
            let items: Vec<String> = (0..next() % 6)
                .map(|_| {
                    let mut item = String::new();
                    crate::tests::push_pieces(&mut item, &mut next, &pieces, 40, 4);
                    item
                })
                .collect();
            let mut listed = Writer::with_capacity(0);
            listed.and_list(&items, String::as_str);
            let mut joined = Writer::with_capacity(0);
            joined.str(&crate::text::join_and(&items));
            assert_eq!(listed.finish(), joined.finish(), "{items:?}");
        }
    }

    /// Writers indent every depth as `to_json_bytes` does, beyond the levels at hand too.
    #[test]
    fn writers_indent_deep_nesting() {
        fn nest(w: &mut Writer, depth: usize) {
            match depth {
                0 => w.str("leaf"),
                _ if depth.is_multiple_of(2) => w.array(|w| {
                    w.uint(depth as u64);
                    nest(w, depth - 1);
                }),
                _ => w.object(|w| {
                    w.key(key!("a")).uint(depth as u64);
                    w.key(key!("k"));
                    nest(w, depth - 1);
                }),
            }
        }
        for depth in 0..=3 * LEVELS_AT_HAND {
            let mut w = Writer::with_capacity(0);
            nest(&mut w, depth);
            let text = w.finish();
            assert_eq!(
                String::from_utf8_lossy(&to_json_bytes(&from_own_text(&text))),
                text,
                "depth {depth}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_indented_like_serde_json() {
        // Deeper than the indent the writer keeps at hand (8 levels).
        let mut value = json!("leaf");
        for depth in 0..40 {
            value = if depth % 2 == 0 {
                json!([value])
            } else {
                json!({ "k": value })
            };
        }
        let mut pretty = serde_json::to_vec_pretty(&value).expect("a value is JSON");
        pretty.push(b'\n');
        check(value, &String::from_utf8_lossy(&pretty));
    }
}
