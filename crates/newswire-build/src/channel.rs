//! Finding channels and reading their `channel.toml`.

use std::path::{Path, PathBuf};

use newswire_model::{Channel, Code, Diagnostic};
use newswire_validate::Validator;

/// The file that makes a folder a channel.
pub const CHANNEL_FILE: &str = "channel.toml";

/// The channel folders directly under `feeds_dir` (folders holding a `channel.toml`), sorted
/// by name so the order never depends on the directory listing.
pub fn discover_channels(feeds_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(feeds_dir)? {
        let path = entry?.path();
        if path.join(CHANNEL_FILE).is_file() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// The `channel.toml` that governs the article at `article`: the nearest one in the article's
/// folder or any folder above it.
pub fn find_channel_file(article: &Path) -> Option<PathBuf> {
    let start = if article.is_absolute() {
        article.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(article)
    };
    start
        .ancestors()
        .skip(1)
        .map(|dir| dir.join(CHANNEL_FILE))
        .find(|p| p.is_file())
}

/// An error when the output folder `out_dir` is the channel folder `dir` or a folder holding
/// it: publishing replaces the output folder and removes what it held, the articles with it.
///
/// Folders are compared as the file system resolves them, except that `out_dir` itself may be
/// a symbolic link: publishing replaces the link, not what it points to.
pub(crate) fn replaces_sources(dir: &Path, out_dir: &Path) -> Option<Diagnostic> {
    let channel = std::fs::canonicalize(dir).ok()?;
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // An output folder whose parent does not exist yet cannot hold the channel.
    let target = std::fs::canonicalize(parent)
        .ok()?
        .join(out_dir.file_name()?);
    channel.starts_with(&target).then(|| {
        Diagnostic::error(
            Code::Io,
            format!(
                "the output folder {} is the channel folder or holds it: publishing would \
                 remove the articles",
                out_dir.display()
            ),
        )
        .in_file(dir.display().to_string())
        .with_hint("write the outputs outside the channel's folder, such as `--out public`")
    })
}

/// Reads and validates the channel file at `path` against the published channel schema.
pub fn load_channel(path: &Path, validator: &Validator) -> Result<Channel, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|err| {
        vec![
            Diagnostic::error(Code::Io, format!("cannot read the channel file: {err}"))
                .in_file(&file)
                .with_hint("a channel folder holds a channel.toml describing the feed"),
        ]
    })?;
    let table: toml::Table = toml::from_str(&text).map_err(|err| {
        let mut d = Diagnostic::error(
            Code::ChannelInvalid,
            format!("invalid TOML: {}", err.message()),
        )
        .in_file(&file)
        .with_hint("fix the TOML syntax; see schemas/channel.schema.json for the keys");
        if let Some(span) = err.span() {
            let (line, column) = line_column(&text, span.start);
            let length = text[span.clone()].chars().count();
            d = d.at(line, column, u32::try_from(length).unwrap_or(0));
        }
        vec![d]
    })?;
    let value = serde_json::to_value(&table).map_err(|err| {
        vec![Diagnostic::error(Code::ChannelInvalid, err.to_string()).in_file(&file)]
    })?;
    let mut diagnostics = validator.channel_json(&file, &value);
    for d in &mut diagnostics {
        if let Some(line) = d.pointer.as_deref().and_then(|p| key_line(&text, p)) {
            d.location = Some(newswire_model::Location {
                line,
                column: 1,
                length: 0,
            });
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    serde_json::from_value(value).map_err(|err| {
        vec![
            Diagnostic::error(Code::ChannelInvalid, err.to_string())
                .in_file(&file)
                .with_hint("see schemas/channel.schema.json for the keys and their values"),
        ]
    })
}

/// 1-based line and character column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// The line of the key a JSON pointer names, found by a plain scan; good enough to point a
/// person at the right line of a small hand-written file. A key of a table (`/publisher/name`)
/// is looked for under the table's `[publisher]` header, or is the line of an inline table
/// (`publisher = { … }`); a top-level key, before the first header, or a table's header.
fn key_line(text: &str, pointer: &str) -> Option<u32> {
    let mut keys = pointer
        .split('/')
        .filter(|seg| !seg.is_empty() && !seg.bytes().all(|b| b.is_ascii_digit()));
    let first = keys.next()?;
    let assigns = |line: &str, key: &str| {
        line.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let is_header = |line: &str| line.trim_start().starts_with('[');
    let lines = || text.lines().enumerate();
    let header = format!("[{first}]");
    let table = lines().position(|(_, line)| line.trim() == header);
    let found = match keys.next() {
        None => lines()
            .take_while(|(_, line)| !is_header(line))
            .find(|(_, line)| assigns(line, first))
            .or_else(|| table.map(|at| (at, ""))),
        Some(key) => match table {
            Some(at) => lines()
                .skip(at + 1)
                .take_while(|(_, line)| !is_header(line))
                .find(|(_, line)| assigns(line, key)),
            None => lines()
                .take_while(|(_, line)| !is_header(line))
                .find(|(_, line)| assigns(line, first)),
        },
    };
    found.and_then(|(i, _)| u32::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 10), (2, 4));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn output_folders_that_would_replace_the_sources_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        std::fs::create_dir_all(root.join("feeds/desk/articles")).unwrap();
        std::fs::create_dir_all(root.join("public")).unwrap();
        let channel = root.join("feeds/desk");
        for (out_dir, refused) in [
            (root.join("feeds/desk"), true),
            (root.join("feeds/desk/articles/../../desk"), true),
            (root.join("feeds"), true),
            (root.join("public/desk"), false),
            (root.join("feeds/desk/public/desk"), false),
            (root.join("feeds/desk/articles/desk"), false),
            (root.join("missing/desk"), false),
        ] {
            let got = replaces_sources(&channel, &out_dir);
            assert_eq!(got.is_some(), refused, "{}", out_dir.display());
            if let Some(d) = got {
                assert_eq!(d.code, Code::Io);
            }
        }
        // A link in place of the output folder is replaced, not followed.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&channel, root.join("public/link")).unwrap();
            assert!(replaces_sources(&channel, &root.join("public/link")).is_none());
        }
    }

    #[test]
    fn key_lines() {
        let text = "title = \"x\"\ndefault_author = { name = \"\" }\n\n[publisher]\nname = \"y\"\nurl = \"z\"\n\n[id_scheme]\nkind = \"url\"\nurl = \"w\"\n";
        assert_eq!(key_line(text, "/publisher/url"), Some(6));
        assert_eq!(key_line(text, "/publisher/name"), Some(5));
        assert_eq!(key_line(text, "/id_scheme/url"), Some(10));
        assert_eq!(key_line(text, "/default_author/name"), Some(2));
        assert_eq!(key_line(text, "/title"), Some(1));
        assert_eq!(key_line(text, "/id_scheme"), Some(8));
        assert_eq!(
            key_line(text, "/url"),
            None,
            "only keys of tables are named url"
        );
        assert_eq!(key_line(text, "/missing"), None);
        assert_eq!(key_line(text, "/publisher/missing"), None);
    }
}
