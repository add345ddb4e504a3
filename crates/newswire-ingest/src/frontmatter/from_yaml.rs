//! YAML front matter (`---`) into the position-carrying tree. YAML values carry no
//! positions, so keys are found by scanning the lines: a top-level key at the start of a
//! line, a nested key or list item after the line of its parent.

use std::collections::HashMap;
use std::ops::Range;

use newswire_model::Code;
use serde_norway::Value as Yaml;

use super::flat_yaml;
use super::from_toml::tidy;
use super::tree::{Entry, LineIndex, Node, Place, Value};
use crate::diag::{Pos, Sink, to_u32};

/// The deepest nesting of brackets (`[`, `{`) read. The YAML parser refuses documents nested
/// more than 128 levels deep, but the time it takes to get there grows with the square of the
/// depth, so far deeper brackets are refused before it reads them.
const MAX_BRACKET_DEPTH: usize = 1_000;

/// Parses `content`, whose first line is line `first_line` of the file; returns the entries
/// and whether there were syntax errors. The front matter most articles hold is read without
/// the parser ([`flat_yaml`]), to the same entries.
pub(crate) fn parse(
    content: &str,
    first_line: u32,
    sink: &mut Sink<'_>,
) -> (Vec<Entry<'static>>, bool) {
    match flat_yaml::read(content, first_line) {
        Some(entries) => (entries, false),
        None => by_parser(content, first_line, sink),
    }
}

/// [`parse`] with the YAML parser, whatever the front matter holds.
pub(super) fn by_parser(
    content: &str,
    first_line: u32,
    sink: &mut Sink<'_>,
) -> (Vec<Entry<'static>>, bool) {
    if let Some(offset) = too_deep(content) {
        let pos = LineIndex::new(content, first_line).pos(offset..offset + 1);
        sink.error(
            Code::FrontMatterSyntax,
            pos,
            format!("the front matter nests brackets more than {MAX_BRACKET_DEPTH} deep"),
        )
        .hint(
            "front matter holds a few keys with plain values, such as `keywords: [harbour, lamps]`",
        );
        return (Vec::new(), true);
    }
    // Pad with blank lines so that the parser's line numbers are the file's.
    let pad = first_line.saturating_sub(1) as usize;
    let mut padded = String::with_capacity(pad + content.len());
    padded.extend(std::iter::repeat_n('\n', pad));
    padded.push_str(content);
    let doc: Yaml = match serde_norway::from_str(&padded) {
        Ok(doc) => doc,
        Err(e) => {
            let pos = e.location().map_or(Pos::line(first_line), |l| {
                Pos::new(to_u32(l.line()), to_u32(l.column()), 0)
            });
            sink.error(Code::FrontMatterSyntax, pos, tidy(&e.to_string()))
                .hint("the front matter between `---` lines must be valid YAML, such as `headline: Harbour lights return`");
            return (Vec::new(), true);
        }
    };
    let lines = Lines {
        lines: content.split('\n').collect(),
        first_line,
    };
    let all = 0..lines.lines.len();
    match doc {
        Yaml::Null => (Vec::new(), false),
        Yaml::Mapping(map) => (lines.entries(map, all, true, Pos::line(first_line)), false),
        other => {
            sink.error(
                Code::FrontMatterSyntax,
                Pos::line(first_line),
                format!(
                    "the front matter is {}, not a mapping of keys to values",
                    lines
                        .convert(other, 0..0, Pos::line(first_line))
                        .value
                        .kind()
                ),
            )
            .hint("write one `key: value` per line, such as `headline: Harbour lights return`");
            (Vec::new(), true)
        }
    }
}

/// The byte offset of the first bracket nested deeper than [`MAX_BRACKET_DEPTH`], counting
/// every bracket, quoted or not: a count that can only err towards refusing text no real
/// front matter holds.
fn too_deep(content: &str) -> Option<usize> {
    // Brackets cannot nest deeper than there are opening ones, which are counted cheaply.
    let opening = content
        .bytes()
        .filter(|&b| (b == b'[') | (b == b'{'))
        .count();
    if opening <= MAX_BRACKET_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    for (i, b) in content.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKET_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A mapping entry and where its key was found: line index and column.
struct Found {
    key: String,
    value: Yaml,
    at: Option<(usize, u32)>,
}

struct Lines<'a> {
    lines: Vec<&'a str>,
    first_line: u32,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

impl Lines<'_> {
    fn file_line(&self, idx: usize) -> u32 {
        self.first_line.saturating_add(to_u32(idx))
    }

    /// The key that opens each line of `range`, with the line index and column: at the very
    /// start for a top-level key, else after indentation and an optional list dash. When a key
    /// opens several lines, the first is kept.
    fn keys_in(&self, range: Range<usize>, top: bool) -> HashMap<&str, (usize, u32)> {
        let mut keys = HashMap::new();
        for idx in range {
            let Some(line) = self.lines.get(idx) else {
                break;
            };
            let body = if top {
                if line.starts_with([' ', '\t']) {
                    continue;
                }
                *line
            } else {
                let t = line.trim_start();
                t.strip_prefix('-').map_or(t, str::trim_start)
            };
            if let Some(key) = line_key(body) {
                let column = line[..line.len() - body.len()].chars().count();
                keys.entry(key)
                    .or_insert((idx, to_u32(column).saturating_add(1)));
            }
        }
        keys
    }

    fn entries(
        &self,
        map: serde_norway::Mapping,
        region: Range<usize>,
        top: bool,
        fallback: Pos,
    ) -> Vec<Entry<'static>> {
        let keys = self.keys_in(region.clone(), top);
        let found: Vec<Found> = map
            .into_iter()
            .map(|(k, v)| {
                let key = match k {
                    Yaml::String(s) => s,
                    Yaml::Number(n) => n.to_string(),
                    Yaml::Bool(b) => b.to_string(),
                    _ => String::from("(complex key)"),
                };
                let at = keys.get(key.as_str()).copied();
                Found { key, value: v, at }
            })
            .collect();
        let mut starts: Vec<usize> = found.iter().filter_map(|f| f.at.map(|a| a.0)).collect();
        starts.sort_unstable();
        found
            .into_iter()
            .map(|Found { key, value, at }| {
                let (key_pos, sub) = match at {
                    Some((idx, column)) => {
                        let end = starts
                            .get(starts.partition_point(|&s| s <= idx))
                            .copied()
                            .unwrap_or(region.end);
                        (
                            Pos::new(self.file_line(idx), column, to_u32(key.chars().count())),
                            idx..end,
                        )
                    }
                    // Where the value is is unknown: its parts take the key's place.
                    None => (fallback, region.start..region.start),
                };
                Entry {
                    value: self.convert(value, sub, key_pos),
                    key: key.into(),
                    key_pos,
                }
            })
            .collect()
    }

    /// Converts `value`, which occupies the lines `region` (its key's line first).
    fn convert(&self, value: Yaml, region: Range<usize>, pos: Pos) -> Node<'static> {
        let value = match value {
            Yaml::Null => Value::Null,
            Yaml::Bool(b) => Value::Bool(b),
            Yaml::Number(n) => Value::Number(n.to_string()),
            Yaml::String(s) => Value::Str(s.into()),
            Yaml::Sequence(items) => Value::Array(self.items(items, region, pos)),
            Yaml::Mapping(map) => Value::Table(self.entries(map, region, false, pos)),
            Yaml::Tagged(_) => Value::Other("a tagged value"),
        };
        Node {
            value,
            place: Place::Pos(pos),
        }
    }

    fn items(&self, items: Vec<Yaml>, region: Range<usize>, pos: Pos) -> Vec<Node<'static>> {
        // Block-style items: the lines after the key that open with a dash, at the smallest
        // indentation among them.
        let after = (region.start + 1).min(region.end)..region.end;
        let dashes: Vec<usize> = after
            .filter(|&i| {
                let t = self.lines.get(i).map_or("", |l| l.trim_start());
                t == "-" || t.starts_with("- ")
            })
            .collect();
        let min = dashes
            .iter()
            .filter_map(|&i| self.lines.get(i).map(|l| indent(l)))
            .min()
            .unwrap_or_default();
        let dashes: Vec<usize> = dashes
            .into_iter()
            .filter(|&i| self.lines.get(i).is_some_and(|l| indent(l) == min))
            .collect();
        items
            .into_iter()
            .enumerate()
            .map(|(n, item)| match dashes.get(n) {
                Some(&idx) => {
                    let end = dashes.get(n + 1).copied().unwrap_or(region.end);
                    let line = self.lines.get(idx).copied().unwrap_or_default();
                    let item_pos = Pos::new(self.file_line(idx), to_u32(indent(line) + 3), 0);
                    self.convert(item, idx..end, item_pos)
                }
                _ => self.convert(item, region.clone(), pos),
            })
            .collect()
    }
}

/// The key that `body` (a line without its indentation) opens with: a quoted key, or the text
/// before the first colon that is followed by white space or ends the line.
fn line_key(body: &str) -> Option<&str> {
    for quote in ['"', '\''] {
        if let Some(rest) = body.strip_prefix(quote) {
            let end = rest.find(quote)?;
            let after = rest.get(end + 1..)?;
            return after.trim_start().starts_with(':').then(|| &rest[..end]);
        }
    }
    let (colon, _) = body.match_indices(':').find(|&(i, _)| {
        body.get(i + 1..)
            .is_some_and(|after| after.is_empty() || after.starts_with(char::is_whitespace))
    })?;
    Some(body[..colon].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `content` (from line 2); expects each key with its line and column, nested
    /// keys after their parent, and the diagnostics as `code line:column`.
    #[track_caller]
    fn check(content: &str, keys: &[&str], diagnostics: &[&str]) {
        fn walk(entries: &[Entry<'_>], out: &mut Vec<String>) {
            for e in entries {
                out.push(format!("{}@{}:{}", e.key, e.key_pos.line, e.key_pos.column));
                if let Value::Table(inner) = &e.value.value {
                    walk(inner, out);
                }
            }
        }
        let mut sink = Sink::new("t.md");
        let (entries, _) = parse(content, 2, &mut sink);
        let mut got = Vec::new();
        walk(&entries, &mut got);
        assert_eq!(got, keys, "keys of {content:?}");
        assert_eq!(
            sink.located_codes(),
            diagnostics,
            "diagnostics of {content:?}"
        );
    }

    #[test]
    fn key_positions() {
        check(
            "headline: A\n\"slug\": a\nimage:\n  url: https://n.example/a.jpg\n  alt : x\n",
            &[
                "headline@2:1",
                "slug@3:1",
                "image@4:1",
                "url@5:3",
                "alt@6:3",
            ],
            &[],
        );
        // A colon inside a value or a key does not end the key.
        check(
            "url: https://n.example/a\n\"a:b\": 1\nc:d: 2\n",
            &["url@2:1", "a:b@3:1", "c:d@4:1"],
            &[],
        );
        // Keys not at the start of a line are not found; they take the fallback place.
        check(
            "{headline: A,\n slug: a}\n",
            &["headline@2:1", "slug@2:1"],
            &[],
        );
    }

    #[test]
    fn many_keys_are_placed_in_linear_time() {
        let content: String = (0..20_000).map(|i| format!("key{i}: {i}\n")).collect();
        let mut sink = Sink::new("t.md");
        let (entries, broken) = parse(&content, 2, &mut sink);
        assert!(!broken);
        assert_eq!(entries.len(), 20_000);
        let last = &entries[19_999];
        assert_eq!((&*last.key, last.key_pos.line), ("key19999", 20_001));
    }

    #[test]
    fn deep_brackets_are_refused_before_parsing() {
        let deep = |n: usize| format!("keywords: {}{}\n", "[".repeat(n), "]".repeat(n));
        check(&deep(100_000), &[], &["NW0101 2:1011"]);
        check(&format!("x: 1\n{}", deep(1_001)), &[], &["NW0101 3:1011"]);
        // As deep as allowed: the parser reads it, and refuses it itself.
        let mut sink = Sink::new("t.md");
        let (_, broken) = parse(&deep(1_000), 2, &mut sink);
        assert!(broken);
        assert!(sink.finish()[0].message.contains("recursion limit"));
    }
}
