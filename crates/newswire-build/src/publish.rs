//! Staging a channel's outputs and publishing them atomically.
//!
//! Outputs are written into a hidden staging folder beside the channel's output folder
//! (`.<channel>.staging-*`), and moved into place only when the whole channel is built.
//!
//! The move is one system call that swaps the two folders: `renameat2` with
//! `RENAME_EXCHANGE` on Linux, `renamex_np` with `RENAME_SWAP` on macOS. At every instant the
//! output folder is either the complete old outputs or the complete new ones, never missing
//! and never a mix; afterwards the staging name holds the old outputs, which are removed. Where
//! the swap is not available (other systems, file systems that refuse it) the old folder is
//! renamed aside (`.<channel>.retired-*`) and the new one renamed in, which leaves a moment
//! with no output folder at all.
//!
//! A failed or killed build leaves the previous outputs as they were. What it leaves behind
//! (a staging folder half written, or holding the old outputs after the swap) is hidden, sits
//! beside the output folder and never inside it, and is removed by the next build.
//!
//! Two builds of one channel may run at once (a watcher and a hand-run build, two CI jobs):
//! each holds its staging folder locked (`flock`) while it writes, and, where it publishes by
//! renames, its old outputs while they are aside, so the other does not take them for a
//! killed build's leftovers; each publishes whole, and the last to publish wins.
//!
//! A rebuild keeps what did not change: an output whose bytes are those of the published file
//! of the same name is linked to that file (a hard link) rather than written again, and every
//! other output is written into a file created new. No published file is ever written into,
//! so the old outputs stay whole until the swap, and each unchanged output keeps its file and
//! its modification time, so a sync to a web server sends only what changed. Where a link
//! cannot be made (a file system without hard links, a published file owned by another
//! user), the output is written as in a first build.
//!
//! Files are not flushed to disk (`fsync`) before the swap: a killed process loses nothing the
//! kernel already holds. After a power cut the new folder may hold files the disk never
//! received; guarding against that would cost one `fsync` per output file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use newswire_export::Document;
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
            OutputName::ArticleJsonLd(slug)
            | OutputName::ArticleNinjs(slug)
            | OutputName::ArticleHtml(slug) => {
                [ARTICLES_DIR, "/", slug.as_str(), self.article_extension()].concat()
            }
        }
    }

    /// The extension of an article output, with its dot; empty for the channel files.
    fn article_extension(&self) -> &'static str {
        match self {
            OutputName::ArticleJsonLd(_) => ".jsonld",
            OutputName::ArticleNinjs(_) => ".ninjs.json",
            OutputName::ArticleHtml(_) => ".html",
            OutputName::Rss | OutputName::Atom | OutputName::JsonFeed | OutputName::FeedJsonLd => {
                ""
            }
        }
    }

    /// The folder the output is in, and its file name there.
    fn place(&self) -> (Within, String) {
        match self {
            OutputName::ArticleJsonLd(slug)
            | OutputName::ArticleNinjs(slug)
            | OutputName::ArticleHtml(slug) => (
                Within::Articles,
                [slug.as_str(), self.article_extension()].concat(),
            ),
            OutputName::Rss | OutputName::Atom | OutputName::JsonFeed | OutputName::FeedJsonLd => {
                (Within::Top, self.relative_path())
            }
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

/// The folder an output is in: the channel's output folder or its [`ARTICLES_DIR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Within {
    Top,
    Articles,
}

/// How an output came into the staging folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Staged {
    /// Written into a file of its own.
    Written,
    /// The published file of the same name holds exactly its bytes, and was linked.
    Kept,
}

const STAGING_MARK: &str = ".staging-";
const RETIRED_MARK: &str = ".retired-";

/// A channel's outputs being written, not yet visible at their final place.
#[derive(Debug)]
pub(crate) struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
    /// The staging folder, open and locked while this build writes it: a build of the same
    /// channel started meanwhile leaves a locked staging folder alone (see
    /// [`remove_leftovers`]). Released when the staging ends.
    _lock: FolderLock,
    /// The staging folder, open.
    staged: Folder,
    /// The outputs published at `target` when the staging began, open, if there are any.
    published: Option<Folder>,
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
        let (dir, lock) = locked_staging_folder(parent, &name)?;
        fs::create_dir(dir.path().join(ARTICLES_DIR))?;
        Ok(Staging {
            _lock: lock,
            staged: Folder::open(dir.path())?,
            // A symbolic link in the output folder's place is not followed: publishing
            // replaces the link, and nothing is linked to what it points at.
            published: Folder::open(target).ok(),
            dir,
            target: target.to_path_buf(),
        })
    }

    /// The staging folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Stages one output file: linked to the published file of the same name when that
    /// holds exactly `bytes`, written otherwise.
    pub(crate) fn write(&self, name: OutputName<'_>, bytes: &[u8]) -> io::Result<Staged> {
        self.write_pieces(name, &[bytes])
    }

    /// [`write`](Self::write) for a document in pieces, which are written with one vectored
    /// write rather than copied together first.
    // Never inlined: `cargo xtask bench` counts a stage's instructions here.
    #[inline(never)]
    pub(crate) fn write_document(
        &self,
        name: OutputName<'_>,
        document: &Document<'_>,
    ) -> io::Result<Staged> {
        // Room for the three to seven pieces of an article's document at once: collected from
        // a filtering iterator, the vector would otherwise grow twice.
        let mut pieces: Vec<&[u8]> = Vec::with_capacity(8);
        pieces.extend(document.pieces().map(str::as_bytes));
        self.write_pieces(name, &pieces)
    }

    /// Stages the output whose bytes are `pieces`, one after another.
    fn write_pieces(&self, name: OutputName<'_>, pieces: &[&[u8]]) -> io::Result<Staged> {
        let (within, file) = name.place();
        if let Some(published) = &self.published
            && published.holds(within, &file, pieces)
            && self.staged.link(published, within, &file).is_ok()
        {
            return Ok(Staged::Kept);
        }
        self.staged.create(within, &file, pieces)?;
        Ok(Staged::Written)
    }

    /// Moves the staged outputs into place, replacing what was there.
    ///
    /// The two folders are swapped in one step where the system can (see the module
    /// documentation), and by two renames where it cannot. Once the new outputs are in place
    /// the old ones are removed; a failure to remove them is not an error, since the next
    /// build removes them.
    pub(crate) fn publish(self) -> io::Result<()> {
        let staged = self.dir.keep();
        let target = &self.target;
        if fs::symlink_metadata(target).is_err() {
            return fs::rename(&staged, target).inspect_err(|_| remove_all(&staged));
        }
        match exchange(&staged, target) {
            Ok(true) => {
                // The staging name now holds the old outputs.
                remove_all(&staged);
                Ok(())
            }
            Ok(false) => swap_by_renames(&staged, target),
            Err(err) => {
                remove_all(&staged);
                Err(err)
            }
        }
    }
}

/// An output folder and its [`ARTICLES_DIR`], open: files are named relative to them, so the
/// system resolves one name per file rather than the whole path.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
#[derive(Debug)]
struct Folder {
    top: rustix::fd::OwnedFd,
    articles: rustix::fd::OwnedFd,
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
impl Folder {
    /// Opens the output folder `path` and its articles folder; symbolic links are not
    /// followed.
    fn open(path: &Path) -> io::Result<Folder> {
        use rustix::fs::{Mode, OFlags, open, openat};
        let flags = OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let top = open(path, flags, Mode::empty())?;
        let articles = openat(&top, ARTICLES_DIR, flags, Mode::empty())?;
        Ok(Folder { top, articles })
    }

    fn dir(&self, within: Within) -> &rustix::fd::OwnedFd {
        match within {
            Within::Top => &self.top,
            Within::Articles => &self.articles,
        }
    }

    /// Writes `pieces` into the file `name`, created new: a file of that name already there
    /// (another article's output under the same slug) is replaced, never written into, since
    /// it may be linked to a published file.
    fn create(&self, within: Within, name: &str, pieces: &[&[u8]]) -> io::Result<()> {
        use rustix::fs::{AtFlags, Mode, OFlags, openat, unlinkat};
        use rustix::io::Errno;
        let dir = self.dir(within);
        // As `fs::write` creates a file: readable and writable by all that the umask allows.
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::CLOEXEC;
        let mode = Mode::from_raw_mode(0o666);
        let fd = match openat(dir, name, flags, mode) {
            Err(Errno::EXIST) => {
                unlinkat(dir, name, AtFlags::empty())?;
                openat(dir, name, flags, mode)?
            }
            opened => opened?,
        };
        write_all_pieces(&mut fs::File::from(fd), pieces)
    }

    /// Whether `name` is a regular file holding exactly `pieces`, one after another. Anything
    /// else (no such file, a link, a file that cannot be read) is not.
    fn holds(&self, within: Within, name: &str, pieces: &[&[u8]]) -> bool {
        use rustix::fs::{Mode, OFlags, openat};
        // Not blocking, in case the name is a pipe.
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let Ok(fd) = openat(self.dir(within), name, flags, Mode::empty()) else {
            return false;
        };
        let mut file = fs::File::from(fd);
        let len: usize = pieces.iter().map(|p| p.len()).sum();
        let sized = file
            .metadata()
            .is_ok_and(|meta| meta.is_file() && meta.len() == len as u64);
        sized && reads_as(&mut file, pieces)
    }

    /// Links the file `name` of `from` into this folder under the same name, replacing one
    /// that is there.
    fn link(&self, from: &Folder, within: Within, name: &str) -> io::Result<()> {
        use rustix::fs::{AtFlags, linkat, unlinkat};
        use rustix::io::Errno;
        let (source, dir) = (from.dir(within), self.dir(within));
        match linkat(source, name, dir, name, AtFlags::empty()) {
            Err(Errno::EXIST) => {
                unlinkat(dir, name, AtFlags::empty())?;
                Ok(linkat(source, name, dir, name, AtFlags::empty())?)
            }
            linked => Ok(linked?),
        }
    }
}

/// An output folder, by path, where folders are not opened (see the other systems' `Folder`):
/// outputs are always written.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
#[derive(Debug)]
struct Folder {
    path: PathBuf,
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
impl Folder {
    fn open(path: &Path) -> io::Result<Folder> {
        Ok(Folder {
            path: path.to_path_buf(),
        })
    }

    fn create(&self, within: Within, name: &str, pieces: &[&[u8]]) -> io::Result<()> {
        let path = match within {
            Within::Top => self.path.join(name),
            Within::Articles => self.path.join(ARTICLES_DIR).join(name),
        };
        write_all_pieces(&mut fs::File::create(path)?, pieces)
    }

    fn holds(&self, _within: Within, _name: &str, _pieces: &[&[u8]]) -> bool {
        false
    }

    fn link(&self, _from: &Folder, _within: Within, _name: &str) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// Writes `pieces` to `file`, one after another, handing the system all that is left at each
/// call (one call, mostly) rather than copying them together first.
fn write_all_pieces(file: &mut fs::File, pieces: &[&[u8]]) -> io::Result<()> {
    let mut slices: Vec<io::IoSlice<'_>> = pieces.iter().map(|p| io::IoSlice::new(p)).collect();
    let mut left = &mut slices[..];
    // Passes over empty pieces, so that an empty document makes no call.
    io::IoSlice::advance_slices(&mut left, 0);
    while !left.is_empty() {
        match io::Write::write_vectored(file, left) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => io::IoSlice::advance_slices(&mut left, n),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

/// Whether `file`, whose size is that of `pieces` together, begins with them: read up to that
/// size only, which spares the read that would find its end.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn reads_as(file: &mut fs::File, pieces: &[&[u8]]) -> bool {
    let mut buffer = [0u8; 16 * 1024];
    let mut pieces = pieces.iter().copied().filter(|p| !p.is_empty());
    let mut rest: &[u8] = pieces.next().unwrap_or_default();
    while !rest.is_empty() {
        let n = match io::Read::read(file, &mut buffer) {
            Ok(0) | Err(_) => return false,
            Ok(n) => n,
        };
        // The bytes read, against as many pieces as they cover.
        let mut read = &buffer[..n];
        while !read.is_empty() {
            let common = read.len().min(rest.len());
            if read[..common] != rest[..common] {
                return false;
            }
            read = &read[common..];
            rest = &rest[common..];
            if rest.is_empty() {
                match pieces.next() {
                    Some(next) => rest = next,
                    // More bytes than the pieces: the file grew since its size was read.
                    None => return read.is_empty(),
                }
            }
        }
    }
    true
}

/// Swaps `staged` and `target` atomically. `Ok(false)` when the system or file system cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(staged: &Path, target: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;

    // The kernel predates the call, a sandbox forbids it, or the file system refuses the
    // flag: fall back to renames. (`ENOTSUP` and `EOPNOTSUPP` are one value on Linux only.)
    let unsupported = [
        Errno::NOSYS,
        Errno::INVAL,
        Errno::OPNOTSUPP,
        Errno::NOTSUP,
        Errno::PERM,
    ];
    match renameat_with(CWD, staged, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(errno) if unsupported.contains(&errno) => Ok(false),
        Err(errno) => Err(errno.into()),
    }
}

/// Swaps `staged` and `target` atomically. `Ok(false)` when the system or file system cannot.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_staged: &Path, _target: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Replaces `target` by `staged` with two renames: the old folder aside, the new one in, then
/// the old one removed. If the second rename fails the old folder is put back.
///
/// The old folder is held locked while it is aside, so that a build of the same channel
/// cleaning up meanwhile leaves it alone rather than take it for a killed build's.
fn swap_by_renames(staged: &Path, target: &Path) -> io::Result<()> {
    let parent = staged.parent().unwrap_or(Path::new("."));
    // A symbolic link put in the folder's place is moved, not followed: nothing to hold.
    #[cfg(unix)]
    let _held = fs::symlink_metadata(target)
        .is_ok_and(|meta| meta.is_dir())
        .then(|| fs::File::open(target).and_then(|folder| folder.lock().map(|()| folder)));
    let retired = match tempfile::Builder::new()
        .prefix(&format!(".{}{RETIRED_MARK}", file_name(target)))
        .tempdir_in(parent)
    {
        Ok(dir) => dir.keep(),
        Err(err) => {
            remove_all(staged);
            return Err(err);
        }
    };
    // The name only is wanted; another build's clean-up may have removed the folder already.
    let moved = match fs::remove_dir(&retired) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => fs::rename(target, &retired),
    };
    if let Err(err) = moved {
        remove_all(staged);
        return Err(err);
    }
    if let Err(err) = fs::rename(staged, target) {
        let _ = fs::rename(&retired, target);
        remove_all(staged);
        return Err(err);
    }
    remove_all(&retired);
    Ok(())
}

/// Removes the folder (or file) at `path`, as far as it can.
fn remove_all(path: &Path) {
    let _ = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            remove_article_files(path);
            fs::remove_dir_all(path)
        }
        Ok(_) => fs::remove_file(path),
        Err(_) => Ok(()),
    };
}

/// Removes the files of the [`ARTICLES_DIR`] of the output folder `path`, which are nearly
/// all of its files, on every core: a rebuild removes the outputs it replaced, and removed one
/// at a time they took a sixth of its time. A folder among them, and the articles folder
/// itself, are left for [`fs::remove_dir_all`]; an articles folder that is a symbolic link is
/// not followed.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn remove_article_files(path: &Path) {
    use rayon::prelude::*;
    use rustix::fs::{AtFlags, Dir, FileType, unlinkat};
    let Ok(Folder { articles: dir, .. }) = Folder::open(path) else {
        return;
    };
    let Ok(entries) = Dir::read_from(&dir) else {
        return;
    };
    let names: Vec<std::ffi::CString> = entries
        .flatten()
        .filter(|e| e.file_type() != FileType::Directory)
        .map(|e| e.file_name().to_owned())
        .collect();
    names.par_chunks(256).for_each(|names| {
        for name in names {
            let _ = unlinkat(&dir, name.as_c_str(), AtFlags::empty());
        }
    });
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn remove_article_files(_path: &Path) {}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || "channel".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A lock held on a staging folder: the open folder, where folders can be locked.
#[cfg(unix)]
type FolderLock = fs::File;
#[cfg(not(unix))]
type FolderLock = ();

/// A fresh staging folder for the outputs named `name` in `parent`, and its lock, held.
///
/// Between the folder's creation and its lock, another build's [`remove_leftovers`] may take
/// it for a killed build's and remove it; the folder is then made again.
#[cfg(unix)]
fn locked_staging_folder(parent: &Path, name: &str) -> io::Result<(tempfile::TempDir, FolderLock)> {
    use std::os::unix::fs::MetadataExt as _;
    let mut attempts = 0;
    loop {
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}{STAGING_MARK}"))
            .tempdir_in(parent)?;
        // A folder that is gone fails to open, or opens at an inode its path no longer names.
        let locked = fs::File::open(dir.path()).and_then(|lock| {
            lock.lock()?;
            let (held, named) = (lock.metadata()?, fs::metadata(dir.path())?);
            let same = held.dev() == named.dev() && held.ino() == named.ino();
            Ok(same.then_some(lock))
        });
        attempts += 1;
        match locked {
            Ok(Some(lock)) => return Ok((dir, lock)),
            Ok(None) | Err(_) if attempts < 3 => {}
            Ok(None) => {
                return Err(io::Error::other(
                    "another build of the same channel kept removing this build's staging folder",
                ));
            }
            Err(err) => return Err(err),
        }
    }
}

/// A fresh staging folder for the outputs named `name` in `parent`: where folders cannot be
/// locked, builds of one channel must not run at the same time.
#[cfg(not(unix))]
fn locked_staging_folder(parent: &Path, name: &str) -> io::Result<(tempfile::TempDir, FolderLock)> {
    let dir = tempfile::Builder::new()
        .prefix(&format!(".{name}{STAGING_MARK}"))
        .tempdir_in(parent)?;
    Ok((dir, ()))
}

/// Removes the staging and retired folders a killed build left beside `name`. A folder
/// another build holds locked (its staging folder being written, or its old outputs put aside
/// while it publishes) is that build's and is left alone; one that can be locked is removed
/// under the lock, so its build cannot start using it meanwhile.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}{STAGING_MARK}");
    let retired = format!(".{name}{RETIRED_MARK}");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if !(file.starts_with(&staging) || file.starts_with(&retired)) {
            continue;
        }
        #[cfg(unix)]
        let _held = match fs::File::open(entry.path()) {
            Ok(folder) => match folder.try_lock() {
                Ok(()) => Some(folder),
                Err(fs::TryLockError::WouldBlock) => continue,
                Err(fs::TryLockError::Error(_)) => None,
            },
            Err(_) => None,
        };
        remove_all(&entry.path());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How a test moves staged outputs into place.
    #[derive(Debug, Clone, Copy)]
    enum Move {
        /// `Staging::publish`: the atomic swap where the system has one.
        Publish,
        /// The fallback for systems without the swap.
        Renames,
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[track_caller]
    fn check_rounds(how: Move) {
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
            match how {
                Move::Renames if round > 0 => {
                    let target = staging.target.clone();
                    let staged = staging.dir.keep();
                    swap_by_renames(&staged, &target).unwrap();
                }
                _ => staging.publish().unwrap(),
            }
            assert_eq!(
                fs::read_to_string(target.join("rss.xml")).unwrap(),
                format!("round {round}"),
                "{how:?}"
            );
            assert_eq!(names(&target), ["articles", "rss.xml"], "{how:?}");
            assert_eq!(
                names(root.path()),
                ["news"],
                "{how:?}: no staging or retired folder is left"
            );
        }
    }

    #[test]
    fn publish_replaces_and_cleans_up() {
        for how in [Move::Publish, Move::Renames] {
            check_rounds(how);
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
        assert_eq!(names(root.path()), ["news"]);
    }

    /// What a killed build leaves (a staging folder half written or holding the old outputs
    /// after the swap, a retired folder) is removed by the next build, and only that.
    #[test]
    fn the_next_build_removes_what_a_killed_build_left() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("news");
        let staging = Staging::new(&target).unwrap();
        staging.write(OutputName::Rss, b"good").unwrap();
        staging.publish().unwrap();
        for left in [".news.staging-a1", ".news.retired-b2", ".news.staging-c3"] {
            fs::create_dir_all(root.path().join(left).join(ARTICLES_DIR)).unwrap();
            fs::write(root.path().join(left).join("rss.xml"), "old").unwrap();
        }
        fs::create_dir(root.path().join(".other.staging-d4")).unwrap();
        let next = Staging::new(&target).unwrap();
        let mut expect = vec![
            ".other.staging-d4".to_owned(),
            next.path()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            "news".to_owned(),
        ];
        expect.sort();
        assert_eq!(names(root.path()), expect);
        assert_eq!(fs::read_to_string(target.join("rss.xml")).unwrap(), "good");
    }

    /// Two builds of one channel at once: the second leaves the first's staging folder alone,
    /// and each publishes whole.
    #[cfg(unix)]
    #[test]
    fn a_build_running_meanwhile_keeps_its_staging_folder() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("news");
        let first = Staging::new(&target).unwrap();
        first.write(OutputName::Rss, b"first").unwrap();
        let second = Staging::new(&target).unwrap();
        assert!(first.path().is_dir(), "the running build's folder is kept");
        first.write(OutputName::Atom, b"first").unwrap();
        first.publish().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("atom.xml")).unwrap(),
            "first"
        );
        second.write(OutputName::Rss, b"second").unwrap();
        second.publish().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("rss.xml")).unwrap(),
            "second"
        );
        assert!(!target.join("atom.xml").exists());
        assert_eq!(names(root.path()), ["news"]);
    }

    /// Old outputs another build has put aside while it publishes by renames are held
    /// locked, and a clean-up leaves them until they are free.
    #[cfg(unix)]
    #[test]
    fn a_clean_up_leaves_old_outputs_put_aside_by_a_build_publishing() {
        let root = tempfile::tempdir().unwrap();
        let aside = root.path().join(format!(".news{RETIRED_MARK}a1"));
        fs::create_dir(&aside).unwrap();
        fs::write(aside.join("rss.xml"), "old").unwrap();
        let held = fs::File::open(&aside).unwrap();
        held.lock().unwrap();
        remove_leftovers(root.path(), "news");
        assert_eq!(fs::read_to_string(aside.join("rss.xml")).unwrap(), "old");
        drop(held);
        remove_leftovers(root.path(), "news");
        assert!(names(root.path()).is_empty(), "a free one is removed");
    }

    fn slug(s: &str) -> Slug {
        Slug::new(s).unwrap()
    }

    /// A folder with a first build published in it as `news`: `rss.xml` and the page of
    /// article `a` and `b`, each holding its name. The folder, and the path of `news`.
    fn published_first() -> (tempfile::TempDir, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("news");
        let staging = Staging::new(&target).unwrap();
        let (a, b) = (slug("a"), slug("b"));
        for (name, bytes) in [
            (OutputName::Rss, "rss"),
            (OutputName::ArticleHtml(&a), "a"),
            (OutputName::ArticleHtml(&b), "b"),
        ] {
            assert_eq!(
                staging.write(name, bytes.as_bytes()).unwrap(),
                Staged::Written
            );
        }
        staging.publish().unwrap();
        (root, target)
    }

    /// A rebuild links each output whose bytes are those published under its name, and
    /// writes the others into new files: a published file is never written into, and keeps
    /// what it held until the swap and after it.
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    #[test]
    fn a_rebuild_keeps_the_files_of_unchanged_outputs() {
        use std::os::unix::fs::MetadataExt as _;
        let (root, target) = published_first();
        let inode = |path: &Path| fs::metadata(path).unwrap().ino();
        let (rss, a, b) = (
            target.join("rss.xml"),
            target.join("articles/a.html"),
            target.join("articles/b.html"),
        );
        let before = [inode(&rss), inode(&a), inode(&b)];
        // The old page of `b`, held open as a partner reading it would.
        let mut old_b = fs::File::open(&b).unwrap();

        let staging = Staging::new(&target).unwrap();
        let (slug_a, slug_b) = (slug("a"), slug("b"));
        assert_eq!(
            staging.write(OutputName::Rss, b"rss").unwrap(),
            Staged::Kept
        );
        assert_eq!(
            staging
                .write(OutputName::ArticleHtml(&slug_a), b"a")
                .unwrap(),
            Staged::Kept
        );
        // Same size, other bytes; then a size of its own.
        assert_eq!(
            staging
                .write(OutputName::ArticleHtml(&slug_b), b"B")
                .unwrap(),
            Staged::Written
        );
        assert_eq!(
            staging.write(OutputName::Atom, b"atom").unwrap(),
            Staged::Written,
            "nothing was published under that name"
        );
        assert_eq!(fs::read_to_string(&b).unwrap(), "b", "published, untouched");
        staging.publish().unwrap();

        assert_eq!(inode(&rss), before[0]);
        assert_eq!(inode(&a), before[1]);
        assert_ne!(inode(&b), before[2]);
        assert_eq!(fs::read_to_string(&b).unwrap(), "B");
        let mut held = String::new();
        io::Read::read_to_string(&mut old_b, &mut held).unwrap();
        assert_eq!(held, "b", "the old file was replaced, not written into");
        for path in [&rss, &a, &b] {
            assert_eq!(fs::metadata(path).unwrap().nlink(), 1, "{path:?}");
        }
        assert_eq!(names(root.path()), ["news"]);
    }

    /// A document in pieces is written as its pieces together, and found to be what a
    /// published file holds however its pieces are cut: across the 16 KB reads, with empty
    /// pieces, a byte changed on either side of a cut, one byte short or over.
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    #[test]
    fn documents_in_pieces_are_written_and_compared_whole() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("news");
        // 40,000 bytes, no run of which repeats at a small shift.
        let text: Vec<u8> = (0..40_000u32)
            .map(|i| b'a' + (i.wrapping_mul(7919) % 26) as u8)
            .collect();
        let staging = Staging::new(&target).unwrap();
        let written = [&text[..100], &[], &text[100..30_000], &text[30_000..]];
        assert_eq!(
            staging.write_pieces(OutputName::Rss, &written).unwrap(),
            Staged::Written
        );
        staging.publish().unwrap();
        assert_eq!(fs::read(target.join("rss.xml")).unwrap(), text);

        let published = Folder::open(&target).unwrap();
        let holds = |pieces: &[&[u8]]| published.holds(Within::Top, "rss.xml", pieces);
        /// `bytes` in pieces, cut at each of `cuts` (in order).
        fn cut<'a>(bytes: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
            let mut pieces = Vec::with_capacity(cuts.len() + 1);
            let mut from = 0;
            for &at in cuts {
                pieces.push(&bytes[from..at]);
                from = at;
            }
            pieces.push(&bytes[from..]);
            pieces
        }
        for cuts in [
            vec![],
            vec![0],
            vec![1, 16_384],
            vec![16_383, 16_384, 16_385],
            vec![5, 5, 32_768, 39_999],
            vec![40_000],
        ] {
            assert!(holds(&cut(&text, &cuts)), "cut at {cuts:?}");
            for &at in cuts.iter().chain(&[0, 16_384, 39_999]) {
                for at in [at.saturating_sub(1), at.min(39_999)] {
                    let mut other = text.clone();
                    other[at] ^= 1;
                    let changed = cut(&other, &cuts);
                    assert!(!holds(&changed), "byte {at} changed, cut at {cuts:?}");
                }
            }
        }
        assert!(!holds(&[&text[..39_999]]), "one byte short");
        assert!(!holds(&[&text[..], b"x"]), "one byte over");
        assert!(!holds(&[]), "nothing");
    }

    /// An output staged twice under one name (two articles with one slug) replaces the file
    /// staged first, even one linked to a published file, which keeps what it holds.
    #[test]
    fn an_output_staged_twice_leaves_the_published_file_alone() {
        let (_root, target) = published_first();
        let page = target.join("articles/a.html");
        let staging = Staging::new(&target).unwrap();
        let a = slug("a");
        staging.write(OutputName::ArticleHtml(&a), b"a").unwrap();
        assert_eq!(
            staging
                .write(OutputName::ArticleHtml(&a), b"other")
                .unwrap(),
            Staged::Written
        );
        assert_eq!(fs::read_to_string(&page).unwrap(), "a");
        // And the other way round: written, then linked over.
        let b = slug("b");
        staging.write(OutputName::ArticleHtml(&b), b"bb").unwrap();
        staging.write(OutputName::ArticleHtml(&b), b"b").unwrap();
        let staged = staging.path().join("articles");
        assert_eq!(fs::read_to_string(staged.join("a.html")).unwrap(), "other");
        assert_eq!(fs::read_to_string(staged.join("b.html")).unwrap(), "b");
        staging.publish().unwrap();
        assert_eq!(fs::read_to_string(&page).unwrap(), "other");
        assert_eq!(
            fs::read_to_string(target.join("articles/b.html")).unwrap(),
            "b"
        );
    }

    /// What is not a plain file of the published folder is never linked: a symbolic link in
    /// the folder or in the output folder's place.
    #[cfg(unix)]
    #[test]
    fn symbolic_links_in_the_published_outputs_are_not_kept() {
        let (root, target) = published_first();
        let outside = root.path().join("outside.html");
        fs::write(&outside, "a").unwrap();
        let page = target.join("articles/a.html");
        fs::remove_file(&page).unwrap();
        std::os::unix::fs::symlink(&outside, &page).unwrap();
        let staging = Staging::new(&target).unwrap();
        let a = slug("a");
        assert_eq!(
            staging.write(OutputName::ArticleHtml(&a), b"a").unwrap(),
            Staged::Written
        );
        staging.publish().unwrap();
        assert!(fs::symlink_metadata(&page).unwrap().is_file());

        // The output folder itself a link to a folder of the same outputs.
        let elsewhere = root.path().join("elsewhere");
        fs::rename(&target, &elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &target).unwrap();
        let staging = Staging::new(&target).unwrap();
        assert_eq!(
            staging.write(OutputName::Rss, b"rss").unwrap(),
            Staged::Written
        );
        staging.publish().unwrap();
        assert!(fs::symlink_metadata(&target).unwrap().is_dir());
        assert_eq!(fs::read_to_string(&outside).unwrap(), "a");
        assert_eq!(
            names(&elsewhere),
            ["articles"],
            "what it pointed at is untouched"
        );
        assert_eq!(
            fs::read_to_string(elsewhere.join("articles/a.html")).unwrap(),
            "a"
        );
        assert_eq!(fs::read_to_string(target.join("rss.xml")).unwrap(), "rss");
    }

    /// The outputs a publish replaces are removed whole, however many article files they
    /// hold (more than one share of the parallel removal) and whatever else is among them; a
    /// link among them goes, and what it points at stays.
    #[cfg(unix)]
    #[test]
    fn replaced_outputs_are_removed_whole_and_no_link_is_followed() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("news");
        let outside = root.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("kept.html"), "kept").unwrap();
        for round in 0..3 {
            let staging = Staging::new(&target).unwrap();
            let slugs: Vec<Slug> = (0..700).map(|i| slug(&format!("s{round}-{i}"))).collect();
            for s in &slugs {
                staging.write(OutputName::ArticleHtml(s), b"page").unwrap();
            }
            staging.write(OutputName::Rss, b"rss").unwrap();
            staging.publish().unwrap();
            assert_eq!(names(root.path()), ["news", "outside"], "round {round}");
            let articles = names(&target.join("articles"));
            assert_eq!(
                articles.len(),
                700,
                "round {round}: only this round's pages"
            );
            assert!(
                articles
                    .iter()
                    .all(|n| n.starts_with(&format!("s{round}-")))
            );
            // Before the next round replaces them: a folder, a link to a file outside and a
            // link to the folder outside among the pages.
            let published = target.join("articles");
            fs::create_dir_all(published.join("extra/deeper")).unwrap();
            fs::write(published.join("extra/deeper/x.html"), "x").unwrap();
            std::os::unix::fs::symlink(outside.join("kept.html"), published.join("l.html"))
                .unwrap();
            std::os::unix::fs::symlink(&outside, published.join("folder")).unwrap();
        }
        assert_eq!(names(&outside), ["kept.html"]);
        assert_eq!(
            fs::read_to_string(outside.join("kept.html")).unwrap(),
            "kept"
        );

        // The articles folder itself a link to the folder outside: not followed.
        fs::remove_dir_all(target.join("articles")).unwrap();
        std::os::unix::fs::symlink(&outside, target.join("articles")).unwrap();
        let staging = Staging::new(&target).unwrap();
        staging.write(OutputName::Rss, b"rss").unwrap();
        staging.publish().unwrap();
        assert_eq!(names(root.path()), ["news", "outside"]);
        assert_eq!(names(&outside), ["kept.html"]);
    }

    /// A pipe in the published folder, named as an output, is not read (which would wait for
    /// a writer for ever): the output is written.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_in_the_published_outputs_is_not_read() {
        use rustix::fs::{CWD, FileType, Mode, mknodat};
        let (_root, target) = published_first();
        let page = target.join("articles/a.html");
        fs::remove_file(&page).unwrap();
        mknodat(CWD, &page, FileType::Fifo, Mode::from_raw_mode(0o600), 0).unwrap();
        // On a thread of its own, so that a build waiting for ever fails the test rather
        // than hang it.
        let (done, finished) = std::sync::mpsc::channel();
        let building = target.clone();
        std::thread::spawn(move || {
            let staging = Staging::new(&building).unwrap();
            let staged = staging.write(OutputName::ArticleHtml(&slug("a")), b"a");
            staging.publish().unwrap();
            let _ = done.send(staged.unwrap());
        });
        let staged = finished
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the build waits on the pipe");
        assert_eq!(staged, Staged::Written);
        assert_eq!(fs::read_to_string(&page).unwrap(), "a");
    }

    /// On Linux the two folders really are swapped in one step.
    #[cfg(target_os = "linux")]
    #[test]
    fn linux_swaps_in_one_step() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("from-a"), "").unwrap();
        fs::write(b.join("from-b"), "").unwrap();
        assert!(
            exchange(&a, &b).unwrap(),
            "the file system refused the swap"
        );
        assert_eq!(names(&a), ["from-b"]);
        assert_eq!(names(&b), ["from-a"]);
    }
}
