//! YAML front matter (`---`) into the position-carrying tree. YAML values carry no
//! positions, so keys are found by scanning the lines: a top-level key at the start of a
//! line, a nested key or list item after the line of its parent.

use std::ops::Range;

use newswire_model::Code;
use serde_norway::Value as Yaml;

use super::from_toml::tidy;
use super::tree::{Entry, Node, Value};
use crate::diag::{Pos, Sink, to_u32};

/// Parses `content`, whose first line is line `first_line` of the file; returns the entries
/// and whether there were syntax errors.
pub(crate) fn parse(content: &str, first_line: u32, sink: &mut Sink<'_>) -> (Vec<Entry>, bool) {
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

    /// The line index and column of `key` opening a line in `range`: at the very start for a
    /// top-level key, else after indentation and an optional list dash.
    fn find_key(&self, key: &str, range: Range<usize>, top: bool) -> Option<(usize, u32)> {
        range.clone().find_map(|idx| {
            let line = self.lines.get(idx)?;
            let body = if top {
                if line.starts_with([' ', '\t']) {
                    return None;
                }
                *line
            } else {
                let t = line.trim_start();
                t.strip_prefix('-').map_or(t, str::trim_start)
            };
            let rest = body
                .strip_prefix(key)
                .or_else(|| body.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| body.strip_prefix(&format!("'{key}'")))?;
            rest.trim_start().starts_with(':').then(|| {
                let column = line[..line.len() - body.len()].chars().count();
                (idx, to_u32(column).saturating_add(1))
            })
        })
    }

    fn entries(
        &self,
        map: serde_norway::Mapping,
        region: Range<usize>,
        top: bool,
        fallback: Pos,
    ) -> Vec<Entry> {
        let found: Vec<Found> = map
            .into_iter()
            .map(|(k, v)| {
                let key = match k {
                    Yaml::String(s) => s,
                    Yaml::Number(n) => n.to_string(),
                    Yaml::Bool(b) => b.to_string(),
                    _ => String::from("(complex key)"),
                };
                let at = self.find_key(&key, region.clone(), top);
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
                            .iter()
                            .copied()
                            .find(|&s| s > idx)
                            .unwrap_or(region.end);
                        (
                            Pos::new(self.file_line(idx), column, to_u32(key.chars().count())),
                            idx..end,
                        )
                    }
                    None => (fallback, region.clone()),
                };
                Entry {
                    value: self.convert(value, sub, key_pos),
                    key,
                    key_pos,
                }
            })
            .collect()
    }

    /// Converts `value`, which occupies the lines `region` (its key's line first).
    fn convert(&self, value: Yaml, region: Range<usize>, pos: Pos) -> Node {
        let value = match value {
            Yaml::Null => Value::Null,
            Yaml::Bool(b) => Value::Bool(b),
            Yaml::Number(n) => Value::Number(n.to_string()),
            Yaml::String(s) => Value::Str(s),
            Yaml::Sequence(items) => Value::Array(self.items(items, region, pos)),
            Yaml::Mapping(map) => Value::Table(self.entries(map, region, false, pos)),
            Yaml::Tagged(_) => Value::Other("a tagged value"),
        };
        Node { value, pos }
    }

    fn items(&self, items: Vec<Yaml>, region: Range<usize>, pos: Pos) -> Vec<Node> {
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
