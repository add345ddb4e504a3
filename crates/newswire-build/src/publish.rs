//! Staging a channel's outputs and publishing them atomically.
//!
//! Outputs are written into a hidden staging folder beside the channel's output folder, and
//! moved into place only when the whole channel is built. A failed or killed build leaves the
//! previous outputs as they were; the staging folder it leaves behind is hidden and removed by
//! the next build.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use newswire_model::Slug;

/// The folder of per-article outputs inside a channel's output folder.
pub const ARTICLES_DIR: &str = "articles";

/// The name of every output file, relative to the channel's output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputName<'a> {
    /// `rss.xml`, the RSS 2.0 feed.
    Rss,
    /// `atom.xml`, the Atom 1.0 feed.
    Atom,
    /// `feed.json`, the JSON Feed 1.1 feed.
    JsonFeed,
    /// `feed.jsonld`, the schema.org document listing the channel's articles.
    FeedJsonLd,
    /// `articles/<slug>.jsonld`, one article's schema.org document.
    ArticleJsonLd(&'a Slug),
    /// `articles/<slug>.ninjs.json`, one article's IPTC ninjs document.
    ArticleNinjs(&'a Slug),
    /// `articles/<slug>.html`, one article's page for people.
    ArticleHtml(&'a Slug),
}

impl OutputName<'_> {
    /// The file names of the channel-wide outputs.
    pub const CHANNEL_FILES: [&'static str; 4] =
        ["rss.xml", "atom.xml", "feed.json", "feed.jsonld"];

    /// The path relative to the channel's output folder, with `/` separators.
    pub fn relative_path(&self) -> String {
        match self {
            OutputName::Rss => "rss.xml".to_owned(),
            OutputName::Atom => "atom.xml".to_owned(),
            OutputName::JsonFeed => "feed.json".to_owned(),
            OutputName::FeedJsonLd => "feed.jsonld".to_owned(),
            OutputName::ArticleJsonLd(slug) => format!("{ARTICLES_DIR}/{slug}.jsonld"),
            OutputName::ArticleNinjs(slug) => format!("{ARTICLES_DIR}/{slug}.ninjs.json"),
            OutputName::ArticleHtml(slug) => format!("{ARTICLES_DIR}/{slug}.html"),
        }
    }

    /// How many files each article adds to the outputs.
    pub const ARTICLE_FILES: usize = 3;

    /// Every output of the article `slug`.
    pub fn article_outputs(slug: &Slug) -> [OutputName<'_>; OutputName::ARTICLE_FILES] {
        [
            OutputName::ArticleJsonLd(slug),
            OutputName::ArticleNinjs(slug),
            OutputName::ArticleHtml(slug),
        ]
    }
}

const STAGING_MARK: &str = ".staging-";
const RETIRED_MARK: &str = ".retired-";

/// A channel's outputs being written, not yet visible at their final place.
#[derive(Debug)]
pub(crate) struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
}

impl Staging {
    /// Starts staging the outputs that will replace `target`.
    pub(crate) fn new(target: &Path) -> io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let name = file_name(target);
        remove_leftovers(parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}{STAGING_MARK}"))
            .tempdir_in(parent)?;
        fs::create_dir(dir.path().join(ARTICLES_DIR))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
        })
    }

    /// The staging folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes one output file.
    pub(crate) fn write(&self, name: OutputName<'_>, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.dir.path().join(name.relative_path()), bytes)
    }

    /// Moves the staged outputs into place, replacing what was there.
    ///
    /// The old folder is first renamed aside, then the staged one renamed in, then the old one
    /// removed; if the second rename fails the old folder is put back.
    pub(crate) fn publish(self) -> io::Result<()> {
        let staged = self.dir.keep();
        let target = &self.target;
        let parent = staged.parent().unwrap_or(Path::new("."));
        if !target.exists() {
            return fs::rename(&staged, target);
        }
        let retired = tempfile::Builder::new()
            .prefix(&format!(".{}{RETIRED_MARK}", file_name(target)))
            .tempdir_in(parent)?
            .keep();
        fs::remove_dir(&retired)?;
        fs::rename(target, &retired)?;
        if let Err(err) = fs::rename(&staged, target) {
            let _ = fs::rename(&retired, target);
            let _ = fs::remove_dir_all(&staged);
            return Err(err);
        }
        fs::remove_dir_all(&retired)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || "channel".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Removes staging and retired folders a killed build left beside `name`.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}{STAGING_MARK}");
    let retired = format!(".{name}{RETIRED_MARK}");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file.starts_with(&staging) || file.starts_with(&retired) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_replaces_and_cleans_up() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("news");
        for round in 0..3 {
            let staging = Staging::new(&target).unwrap();
            staging
                .write(OutputName::Rss, format!("round {round}").as_bytes())
                .unwrap();
            // Nothing is visible before publishing.
            if round == 0 {
                assert!(!target.exists());
            } else {
                let previous = fs::read_to_string(target.join("rss.xml")).unwrap();
                assert_eq!(previous, format!("round {}", round - 1));
            }
            staging.publish().unwrap();
            assert_eq!(
                fs::read_to_string(target.join("rss.xml")).unwrap(),
                format!("round {round}")
            );
            let names: Vec<_> = fs::read_dir(root.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(names, ["news"], "no staging or retired folder is left");
        }
    }

    #[test]
    fn dropped_staging_leaves_previous_outputs() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("news");
        let staging = Staging::new(&target).unwrap();
        staging.write(OutputName::Rss, b"good").unwrap();
        staging.publish().unwrap();
        let failed = Staging::new(&target).unwrap();
        failed.write(OutputName::Rss, b"half").unwrap();
        drop(failed);
        assert_eq!(fs::read_to_string(target.join("rss.xml")).unwrap(), "good");
        let names: Vec<_> = fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["news"]);
    }
}
