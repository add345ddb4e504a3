//! Comparing a build with the one it replaces, to warn about what partners would get wrong.
//!
//! Partners key items by id and look at `modified` to decide whether to fetch an item again.
//! Two changes between builds therefore go wrong for them without any error: an id that
//! disappears (the item is dropped, and comes back as a new item if the article reappears
//! under another id), and content that changes while `modified` stays the same (the update
//! is never fetched).
//!
//! The previous build is read from its published per-article JSON-LD documents
//! (`articles/<slug>.jsonld`), which exist for every article and carry the id (`@id`), the
//! `dateModified` and the whole content. Nothing extra is written into the published folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use newswire_export::Document;
use newswire_model::{Code, Diagnostic, Record, Slug};
use serde_json::Value;

use crate::ARTICLES_DIR;

const JSONLD: &str = ".jsonld";

/// The outputs a previous build published, about to be replaced.
#[derive(Debug)]
pub(crate) struct Previous {
    articles: PathBuf,
}

/// How one article of the new build compares with the previous build.
#[derive(Debug, Default)]
pub(crate) struct Compared {
    /// The previous build published the article's slug under the same id.
    pub(crate) same_id: bool,
    /// The content changed while `modified` did not.
    pub(crate) warning: Option<Diagnostic>,
}

impl Compared {
    /// An article whose published document is the new one, byte for byte.
    pub(crate) fn unchanged() -> Compared {
        Compared {
            same_id: true,
            warning: None,
        }
    }
}

impl Previous {
    /// The outputs published in `out_dir`, if there are any. A symbolic link in place of the
    /// output folder is not a previous build: publishing replaces the link, and what it points
    /// to is not read.
    pub(crate) fn open(out_dir: &Path) -> Option<Previous> {
        let is_folder = std::fs::symlink_metadata(out_dir).is_ok_and(|m| m.is_dir());
        let articles = out_dir.join(ARTICLES_DIR);
        (is_folder && articles.is_dir()).then_some(Previous { articles })
    }

    /// Compares `jsonld`, the new JSON-LD document of `record` read from `file`, with the one
    /// published for the same slug.
    pub(crate) fn compare(&self, file: &str, record: &Record, jsonld: &Document<'_>) -> Compared {
        let Ok(old) = fs::read(self.document(&record.slug)) else {
            return Compared::default();
        };
        // Put together only here, for the articles a build replaces.
        let jsonld = jsonld.text();
        if old == jsonld.as_bytes() {
            return Compared::unchanged();
        }
        let (Ok(old), Ok(new)) = (
            serde_json::from_slice::<Value>(&old),
            serde_json::from_str::<Value>(&jsonld),
        ) else {
            return Compared::default();
        };
        let same_id = old.get("@id").and_then(Value::as_str) == Some(record.id.as_str());
        let unchanged_date = old.get("dateModified") == new.get("dateModified");
        let warning = (same_id && unchanged_date).then(|| {
            Diagnostic::warning(
                Code::ChangedWithoutModified,
                format!(
                    "the content of `{}` changed but its `modified` date did not: partners would miss the update",
                    record.id
                ),
            )
            .in_file(file)
            .with_hint("set `modified` to the time of this change")
        });
        Compared { same_id, warning }
    }

    /// One warning per id the previous build published that the new build drops, by slug.
    ///
    /// `same_id` holds the slugs the new build publishes under the id they had, and `ids`
    /// every id the new build publishes; `channel_articles` is named in the warnings.
    pub(crate) fn disappeared(
        &self,
        same_id: &BTreeSet<&str>,
        ids: &BTreeSet<&str>,
        channel_articles: &Path,
    ) -> Vec<Diagnostic> {
        let Ok(entries) = fs::read_dir(&self.articles) else {
            return Vec::new();
        };
        let mut slugs: Vec<String> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                Some(name.strip_suffix(JSONLD)?.to_owned())
            })
            .filter(|slug| !same_id.contains(slug.as_str()))
            .collect();
        slugs.sort();
        let mut warnings = Vec::new();
        for slug in slugs {
            let Some(id) = fs::read(self.articles.join(format!("{slug}{JSONLD}")))
                .ok()
                .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
                .and_then(|doc| doc.get("@id")?.as_str().map(str::to_owned))
            else {
                continue;
            };
            if ids.contains(id.as_str()) {
                continue;
            }
            warnings.push(
                Diagnostic::warning(
                    Code::IdDisappeared,
                    format!(
                        "id `{id}` (slug `{slug}`) disappeared: partners will drop the item"
                    ),
                )
                .in_file(channel_articles.display().to_string())
                .with_hint(
                    "if the article was renamed or moved, keep its `slug` and `url` so its id stays the same; if it was withdrawn, nothing needs fixing",
                ),
            );
        }
        warnings
    }

    fn document(&self, slug: &Slug) -> PathBuf {
        self.articles.join(format!("{slug}{JSONLD}"))
    }
}
