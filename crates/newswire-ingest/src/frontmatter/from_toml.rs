//! TOML front matter (`+++`) into the position-carrying tree.

use newswire_model::Code;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::tree::{Entry, LineIndex, Node, Value};
use crate::diag::Sink;

/// Parses `content`, whose first line is line `first_line` of the file. Syntax errors are
/// reported; what could be read is still returned, so that every problem shows at once, with
/// whether there were syntax errors.
pub(crate) fn parse(content: &str, first_line: u32, sink: &mut Sink<'_>) -> (Vec<Entry>, bool) {
    let index = LineIndex::new(content, first_line);
    let (table, errors) = DeTable::parse_recoverable(content);
    for e in &errors {
        let pos = e
            .span()
            .map_or_else(|| crate::diag::Pos::line(first_line), |s| index.pos(s));
        sink.error(Code::FrontMatterSyntax, pos, tidy(e.message()))
            .hint("the front matter between `+++` lines must be valid TOML, such as `headline = \"Harbour lights return\"`");
    }
    (entries(table.into_inner(), &index), !errors.is_empty())
}

/// A parser message as a diagnostic message: lower-case start, no closing full stop, one line.
pub(crate) fn tidy(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default().trim();
    let line = line.trim_end_matches('.');
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let rest = chars.as_str();
    if first.is_uppercase() && !rest.starts_with(char::is_uppercase) {
        first.to_lowercase().chain(rest.chars()).collect()
    } else {
        line.to_owned()
    }
}

fn entries(table: DeTable<'_>, index: &LineIndex<'_>) -> Vec<Entry> {
    let mut out: Vec<Entry> = table
        .into_iter()
        .map(|(key, value)| Entry {
            key_pos: index.pos(key.span()),
            key: key.into_inner().into_owned(),
            value: node(value, index),
        })
        .collect();
    // Tables come sorted by key; keep the order of the file instead.
    out.sort_by_key(|e| (e.key_pos.line, e.key_pos.column));
    out
}

fn node(value: Spanned<DeValue<'_>>, index: &LineIndex<'_>) -> Node {
    let pos = index.pos(value.span());
    let value = match value.into_inner() {
        DeValue::String(s) => Value::Str(s.into_owned()),
        DeValue::Integer(i) => Value::Number(i.as_str().to_owned()),
        DeValue::Float(f) => Value::Number(f.as_str().to_owned()),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::DateTime(d.to_string()),
        DeValue::Array(items) => Value::Array(items.into_iter().map(|v| node(v, index)).collect()),
        DeValue::Table(t) => Value::Table(entries(t, index)),
    };
    Node { value, pos }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_messages() {
        for (raw, expect) in [
            ("Invalid string.", "invalid string"),
            ("TOML parse error", "TOML parse error"),
            ("expected `=`\nmore", "expected `=`"),
        ] {
            assert_eq!(tidy(raw), expect);
        }
    }
}
