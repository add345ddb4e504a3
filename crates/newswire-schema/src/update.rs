//! Writing the generated schemas into a folder, or checking that the committed ones are fresh.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::generate;

/// What [`update`] does with files that differ from the generated ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write every file whose contents differ (or that is missing).
    Write,
    /// Change nothing; fail if any file differs or is missing.
    Check,
}

/// Why [`update`] failed.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// The kinds of [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// In [`Mode::Check`]: these committed files are missing or differ from what the code
    /// generates.
    Stale {
        /// Each stale file, as `<folder name>/<file name>`, such as `schemas/record.schema.json`.
        files: Vec<String>,
    },
    /// A file or folder could not be read or written.
    Io {
        /// The path that failed.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Stale { files } => {
                for (i, file) in files.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "`{file}` is stale: run `cargo xtask schemas` and commit")?;
                }
                Ok(())
            }
            ErrorKind::Io { path, source } => {
                write!(f, "cannot access `{}`: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            ErrorKind::Stale { .. } => None,
        }
    }
}

/// Brings the schema files in `dir` up to date ([`Mode::Write`]) or checks that they are
/// ([`Mode::Check`]), and returns the paths of the files that differ from the generated ones
/// (in `Write` mode, the files it wrote).
///
/// In `Check` mode every stale or missing file is listed in one [`ErrorKind::Stale`] error.
/// Line ends are compared without regard to CRLF, so a checkout that converts them is not
/// stale. Files in `dir` that newswire does not generate are left alone.
pub fn update(dir: &Path, mode: Mode) -> Result<Vec<PathBuf>, Error> {
    let mut changed = Vec::new();
    for file in generate() {
        let path = dir.join(file.name);
        let current = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => return Err(Error::io(&path, source)),
        };
        let fresh = current.is_some_and(|text| text.replace("\r\n", "\n") == file.contents);
        if fresh {
            continue;
        }
        if mode == Mode::Write {
            std::fs::create_dir_all(dir).map_err(|source| Error::io(dir, source))?;
            std::fs::write(&path, &file.contents).map_err(|source| Error::io(&path, source))?;
        }
        changed.push(path);
    }
    if mode == Mode::Check && !changed.is_empty() {
        let folder = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let files = changed
            .iter()
            .filter_map(|path| path.file_name())
            .map(|name| format!("{folder}/{}", name.to_string_lossy()))
            .collect();
        return Err(Error {
            kind: ErrorKind::Stale { files },
        });
    }
    Ok(changed)
}

impl Error {
    fn io(path: &Path, source: io::Error) -> Error {
        Error {
            kind: ErrorKind::Io {
                path: path.to_owned(),
                source,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed schemas are what the code generates. Run with `UPDATE_SCHEMAS=1` to
    /// write them (as `cargo xtask schemas` does).
    #[test]
    fn committed_schemas_are_fresh() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
        let mode = if std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1") {
            Mode::Write
        } else {
            Mode::Check
        };
        if let Err(e) = update(&dir, mode) {
            panic!("{e}");
        }
    }

    /// One step on a scratch folder: what to do to it first, the mode, and the expected
    /// outcome (the changed file names, or the error message).
    #[track_caller]
    fn check(dir: &Path, prepare: impl FnOnce(&Path), mode: Mode, expect: Result<&[&str], &str>) {
        prepare(dir);
        let got = update(dir, mode)
            .map(|paths| {
                paths
                    .iter()
                    .filter_map(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
            })
            .map_err(|e| e.to_string());
        let expect = expect
            .map(|names| names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .map_err(str::to_owned);
        assert_eq!(got, expect);
    }

    #[test]
    fn write_then_check() {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path().join("schemas");
        let all: &[&str] = &[
            "record.schema.json",
            "channel.schema.json",
            "diagnostics.schema.json",
        ];
        let nothing = |_: &Path| {};
        let edit = |name: &'static str| {
            move |dir: &Path| {
                std::fs::write(dir.join(name), "{}\n").unwrap();
            }
        };

        check(
            &dir,
            nothing,
            Mode::Check,
            Err(
                "`schemas/record.schema.json` is stale: run `cargo xtask schemas` and commit\n\
                 `schemas/channel.schema.json` is stale: run `cargo xtask schemas` and commit\n\
                 `schemas/diagnostics.schema.json` is stale: run `cargo xtask schemas` and commit",
            ),
        );
        check(&dir, nothing, Mode::Write, Ok(all));
        check(&dir, nothing, Mode::Check, Ok(&[]));
        check(&dir, nothing, Mode::Write, Ok(&[]));
        check(
            &dir,
            edit("channel.schema.json"),
            Mode::Check,
            Err("`schemas/channel.schema.json` is stale: run `cargo xtask schemas` and commit"),
        );
        check(&dir, nothing, Mode::Write, Ok(&["channel.schema.json"]));
        check(
            &dir,
            |dir: &Path| {
                let path = dir.join("record.schema.json");
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
            },
            Mode::Check,
            Ok(&[]),
        );
    }
}
