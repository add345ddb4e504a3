//! The build of one or more channels.
//!
//! Articles stream through in parallel, a few at a time on each worker: read, parsed,
//! validated, made into their per-article documents and written, each stage over the few
//! before the next (see `Articles::build`). Only the feed window (the channel's `limit` newest
//! records) and a slug and id per article are kept, so memory follows the window, not the
//! archive. When the build replaces published outputs, each article is compared with its
//! previous version as it passes (see `compare`).

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use foldhash::{HashMap, HashMapExt};
use std::path::{Path, PathBuf};

use newswire_export::{
    Document, PageChannel, RenderedBody, html_page_document, jsonld_article_document,
    ninjs_document,
};
use newswire_ingest::{Context, Places};
use newswire_model::{Code, Diagnostic, Location, Record, Slug, Timestamp};
use newswire_validate::{Validator, duplicate_id, duplicate_slug};
use rayon::prelude::*;

use crate::article::{
    InputKind, check_parsed, io_error, load_article, parse_article, read_article_file,
};
use crate::channel::{CHANNEL_FILE, load_channel};
use crate::compare::{Compared, Previous};
use crate::publish::{OutputName, Staged, Staging};
use crate::timings::{StageTimes, time};
use crate::window::{Entry, Window};
use newswire_ingest::Parsed;

/// Hears how a build advances, to show progress. Called from the build's worker threads.
pub trait Progress: Send + Sync {
    /// A channel with `articles` article files starts building.
    fn channel_started(&self, dir: &Path, articles: usize);
    /// One article of the current channel is done (valid or not).
    fn article_done(&self);
    /// The current channel is done.
    fn channel_finished(&self, report: &ChannelReport);
}

/// The largest article file read unless told otherwise (16 MiB): far more than any article,
/// and little enough that a stray binary or log file is refused before it is read.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// How a build runs.
#[derive(Clone)]
pub struct Options {
    /// The folder that receives one output folder per channel, named after the channel folder.
    pub out_dir: PathBuf,
    /// Publish the valid articles even when others have errors.
    pub keep_going: bool,
    /// The publication date of articles that give none.
    pub published: Option<Timestamp>,
    /// The largest article file read, in bytes.
    pub max_article_bytes: u64,
    /// Who hears how the build advances.
    pub progress: Option<std::sync::Arc<dyn Progress>>,
    /// Check every article and the channel as a build does, and make and write no outputs
    /// (`out_dir` is not used): what validating a channel folder runs. A build's outputs
    /// can add no diagnostic but a failure to write them, so the diagnostics are a build's.
    pub check_only: bool,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("out_dir", &self.out_dir)
            .field("keep_going", &self.keep_going)
            .field("published", &self.published)
            .field("max_article_bytes", &self.max_article_bytes)
            .field("progress", &self.progress.is_some())
            .field("check_only", &self.check_only)
            .finish()
    }
}

impl Options {
    /// Default options writing into `out_dir`.
    pub fn new(out_dir: &Path) -> Options {
        Options {
            out_dir: out_dir.to_path_buf(),
            keep_going: false,
            published: None,
            max_article_bytes: MAX_ARTICLE_BYTES,
            progress: None,
            check_only: false,
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    /// One entry per channel, in the order given.
    pub channels: Vec<ChannelReport>,
    /// Every problem found, channel by channel, article by article in file-name order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// What the build of one channel did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelReport {
    /// The channel folder.
    pub dir: PathBuf,
    /// The folder its outputs went to.
    pub out_dir: PathBuf,
    /// Article files read.
    pub articles: usize,
    /// Articles left out because of errors.
    pub rejected: usize,
    /// Output files written.
    pub outputs: usize,
    /// Of those, the ones a rebuild kept as they were published, their bytes unchanged.
    pub unchanged: usize,
    /// Whether the outputs were published (moved into place).
    pub published: bool,
    /// Where the build spent its time.
    pub timings: StageTimes,
}

/// Builds every channel in `channel_dirs` into `options.out_dir`.
pub fn build(channel_dirs: &[PathBuf], options: &Options) -> Report {
    // The schemas are compiled while the first channel's articles are listed: each takes a
    // few milliseconds, on one thread, before any article can be built.
    let (validator, mut listed) = rayon::join(Validator::new, || {
        channel_dirs
            .first()
            .map(|dir| article_files(&dir.join(crate::ARTICLES_DIR)))
    });
    let mut report = Report::default();
    for dir in channel_dirs {
        let (channel, diagnostics) = build_listed(dir, options, &validator, listed.take());
        if let Some(progress) = &options.progress {
            progress.channel_finished(&channel);
        }
        report.channels.push(channel);
        report.diagnostics.extend(diagnostics);
    }
    report
}

/// The slug and id of an article, kept for every article of the channel; their text is kept
/// in [`Identities`].
#[derive(Debug)]
struct Identity {
    index: usize,
    /// Where the slug's text starts in [`Identities::text`], and its length; the id's text
    /// follows it.
    start: usize,
    slug_len: usize,
    id_len: usize,
    /// Where the article gave its slug and its id, for the error of a duplicate.
    slug_at: Option<Location>,
    id_at: Option<Location>,
    /// The previous build published this slug under the same id.
    same_id: bool,
    /// How many of the article's outputs were kept as published.
    unchanged: usize,
}

/// The identities of the articles a pass built, their slugs and ids in one string rather than
/// two strings each: two allocations fewer per article while it is built, and at the end of
/// the build one string for the main thread to free rather than two per article, which it freed
/// one by one with nothing left for the workers to do (5 builds of 100,000 articles in turns:
/// 4.56 → 4.38 s).
#[derive(Debug, Default)]
struct Identities {
    text: String,
    list: Vec<Identity>,
}

impl Identities {
    /// Adds article `index`, whose record is `record`, its fields read at `places`.
    fn push(
        &mut self,
        index: usize,
        record: &Record,
        places: &Places,
        same_id: bool,
        unchanged: usize,
    ) {
        let start = self.text.len();
        self.text.push_str(record.slug.as_str());
        self.text.push_str(&record.id);
        self.list.push(Identity {
            index,
            start,
            slug_len: record.slug.as_str().len(),
            id_len: record.id.len(),
            slug_at: places.find("/slug"),
            id_at: places.find("/id"),
            same_id,
            unchanged,
        });
    }

    fn slug(&self, identity: &Identity) -> &str {
        &self.text[identity.start..identity.start + identity.slug_len]
    }

    fn id(&self, identity: &Identity) -> &str {
        let start = identity.start + identity.slug_len;
        &self.text[start..start + identity.id_len]
    }
}

/// The identities of `own` and of `merged`, each with the part that holds its text, in the
/// order of the articles. Each part is in that order already (a worker takes its batches in
/// order), so the sort merges runs; only references are moved.
fn in_order<'a>(
    own: &'a Identities,
    merged: &'a [Identities],
) -> Vec<(&'a Identities, &'a Identity)> {
    let mut all: Vec<(&Identities, &Identity)> = std::iter::once(own)
        .chain(merged)
        .flat_map(|part| part.list.iter().map(move |identity| (part, identity)))
        .collect();
    all.sort_by_key(|(_, identity)| identity.index);
    all
}

/// What the parallel pass over a channel's articles gathers.
#[derive(Debug)]
struct Pass {
    diagnostics: Vec<(usize, Vec<Diagnostic>)>,
    /// The identities of the articles this pass built.
    identities: Identities,
    /// Those of the passes merged into this one, each where its worker made it: copied into
    /// one and sorted, they took the main thread about 1.5 ms for 10,000 articles, most of it
    /// faulting in the fresh memory they were copied to, while the other core waited.
    merged: Vec<Identities>,
    /// Warnings from the comparison with the previous build, by article.
    changes: Vec<(usize, Diagnostic)>,
    window: Window,
    times: StageTimes,
}

impl Pass {
    fn new(limit: usize) -> Pass {
        Pass {
            diagnostics: Vec::new(),
            identities: Identities::default(),
            merged: Vec::new(),
            changes: Vec::new(),
            window: Window::new(limit),
            times: StageTimes::default(),
        }
    }

    fn merge(mut self, other: Pass) -> Pass {
        self.diagnostics.extend(other.diagnostics);
        self.merged.push(other.identities);
        self.merged.extend(other.merged);
        self.changes.extend(other.changes);
        self.window = self.window.merge(other.window);
        self.times.add(&other.times);
        self
    }
}

/// Builds the channel in `dir` into `options.out_dir/<folder name>`.
///
/// When that folder holds a previous build, the new build is compared with it, and warnings
/// name the ids that disappear ([`Code::IdDisappeared`]) and the articles whose content
/// changed while their `modified` date did not ([`Code::ChangedWithoutModified`]). They are
/// reported only when the new outputs are published, and never stop publishing.
pub fn build_channel(
    dir: &Path,
    options: &Options,
    validator: &Validator,
) -> (ChannelReport, Vec<Diagnostic>) {
    build_listed(dir, options, validator, None)
}

/// [`build_channel`], its articles listed already when `listed` holds what [`article_files`]
/// found in them.
fn build_listed(
    dir: &Path,
    options: &Options,
    validator: &Validator,
    listed: Option<(Vec<PathBuf>, Vec<Diagnostic>)>,
) -> (ChannelReport, Vec<Diagnostic>) {
    let name = dir
        .file_name()
        .map_or_else(|| "channel".into(), |n| n.to_os_string());
    let mut report = ChannelReport {
        dir: dir.to_path_buf(),
        out_dir: options.out_dir.join(name),
        articles: 0,
        rejected: 0,
        outputs: 0,
        unchanged: 0,
        published: false,
        timings: StageTimes::default(),
    };
    if !options.check_only
        && let Some(refused) = crate::channel::replaces_sources(dir, &report.out_dir)
    {
        return (report, vec![refused]);
    }
    let channel = match load_channel(&dir.join(CHANNEL_FILE), validator) {
        Ok(channel) => channel,
        Err(diagnostics) => return (report, diagnostics),
    };
    let (files, mut diagnostics) =
        listed.unwrap_or_else(|| article_files(&dir.join(crate::ARTICLES_DIR)));
    report.articles = files.len();
    if let Some(progress) = &options.progress {
        progress.channel_started(dir, files.len());
    }
    if files.is_empty() {
        diagnostics.push(
            Diagnostic::error(Code::ChannelEmpty, "the channel has no articles")
                .in_file(dir.join(crate::ARTICLES_DIR).display().to_string())
                .with_hint("add articles (.txt, .md or .json) to the channel's articles/ folder"),
        );
        return (report, diagnostics);
    }
    let staging = match options.check_only {
        true => None,
        false => match Staging::new(&report.out_dir) {
            Ok(staging) => Some(staging),
            Err(err) => {
                diagnostics.push(output_error(&report.out_dir, &err));
                return (report, diagnostics);
            }
        },
    };

    let previous = staging
        .as_ref()
        .and_then(|_| Previous::open(&report.out_dir));
    let ctx = Context {
        channel: Some(&channel),
        published: options.published,
    };
    let limit = usize::try_from(channel.limit).unwrap_or(usize::MAX);
    let page_channel = PageChannel::new(&channel);
    let articles = Articles {
        page_channel: &page_channel,
        ctx: &ctx,
        validator,
        options,
        staging: staging.as_ref(),
        previous: previous.as_ref(),
    };
    // Each worker takes the next batch as it comes free, until none is left, into a pass of
    // its own. Rayon's own split of the batches ended with one worker alone on its last
    // share for about 20 ms of a 10,000-article build; split down to single batches, every
    // batch's pass held its records until merged, and the records one worker made were
    // freed by the other (the allocator's cold free lists cost more than the balance won).
    // With a counter both finish within a batch of each other, and each frees its own.
    let next = AtomicUsize::new(0);
    let batches = files.len().div_ceil(BATCH);
    let pass = (0..rayon::current_num_threads())
        .into_par_iter()
        .map(|_| {
            let mut pass = Pass::new(limit);
            loop {
                let batch = next.fetch_add(1, Ordering::Relaxed);
                if batch >= batches {
                    break pass;
                }
                let first = batch * BATCH;
                let paths = &files[first..files.len().min(first + BATCH)];
                articles.build(first, paths, &mut pass);
            }
        })
        .reduce(|| Pass::new(limit), Pass::merge);

    report.timings = pass.times;
    let mut found = pass.diagnostics;
    found.sort_by_key(|(index, _)| *index);
    let mut rejected: Vec<bool> = vec![false; files.len()];
    for (index, ds) in &found {
        rejected[*index] = ds.iter().any(Diagnostic::is_error);
    }
    diagnostics.extend(found.into_iter().flat_map(|(_, ds)| ds));

    // Slugs and ids must be unique: the first file (by name) keeps its slug or id, and every
    // later file that repeats it is rejected.
    let identities = in_order(&pass.identities, &pass.merged);
    // Only looked up, never listed in order, so hashed rather than ordered; by foldhash
    // rather than std's SipHash, which spent about 1,000 instructions an article here, on
    // one thread while the others wait.
    let mut slugs: HashMap<&str, usize> = HashMap::with_capacity(identities.len());
    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(identities.len());
    let mut rewrite = Vec::new();
    for &(part, identity) in &identities {
        let (slug, id) = (part.slug(identity), part.id(identity));
        // Each file's name made only for a diagnostic.
        let file = |i: usize| files[i].display().to_string();
        if let Some(&first) = slugs.get(slug) {
            let this = file(identity.index);
            let mut found = duplicate_slug(&this, slug, &file(first));
            found.location = identity.slug_at;
            diagnostics.push(found);
            rejected[identity.index] = true;
            rewrite.push(first);
            continue;
        }
        slugs.insert(slug, identity.index);
        if let Some(&first) = ids.get(id) {
            let this = file(identity.index);
            let mut found = duplicate_id(&this, id, &file(first));
            found.location = identity.id_at;
            diagnostics.push(found);
            rejected[identity.index] = true;
            continue;
        }
        ids.insert(id, identity.index);
    }
    report.rejected = rejected.iter().filter(|r| **r).count();
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let Some(staging) = staging.filter(|_| !has_errors || options.keep_going) else {
        return (report, diagnostics);
    };

    let mut window = pass.window;
    let rejected_files: std::collections::BTreeSet<String> = (0..files.len())
        .filter(|&i| rejected[i])
        .map(|i| files[i].to_string_lossy().into_owned())
        .collect();
    window.retain(|e| !rejected_files.contains(&e.file));
    // A rejected duplicate may have overwritten the outputs of the article that keeps the
    // slug: write those again from their own file.
    // How many of each rewritten article's outputs were kept, by article.
    let mut rewritten: HashMap<usize, usize> = HashMap::new();
    for index in rewrite {
        let parsed = read_article_file(&files[index], options.max_article_bytes, &ctx, validator);
        let Some(record) = parsed.record else {
            continue;
        };
        match write_article(&staging, &page_channel, &record) {
            Ok(staged) => {
                rewritten.insert(index, unchanged(&staged));
            }
            Err(err) => diagnostics.push(output_error(&files[index], &err)),
        }
    }
    // Outputs of rejected articles whose slug no kept article uses are left out. (The slug was
    // a record's, so it is one again.)
    for &(part, identity) in &identities {
        let slug = part.slug(identity);
        if rejected[identity.index]
            && slugs.get(slug) == Some(&identity.index)
            && let Ok(slug) = Slug::new(slug)
        {
            for name in OutputName::article_outputs(&slug) {
                let _ = std::fs::remove_file(staging_path(&staging, name));
            }
        }
    }
    // What partners would get wrong, read from the previous outputs before they are replaced.
    let mut changes: Vec<Diagnostic> = Vec::new();
    if let Some(previous) = &previous {
        let kept = || identities.iter().filter(|(_, i)| !rejected[i.index]);
        let same_id: BTreeSet<&str> = kept()
            .filter(|(_, i)| i.same_id)
            .map(|(part, i)| part.slug(i))
            .collect();
        let ids: BTreeSet<&str> = kept().map(|(part, i)| part.id(i)).collect();
        changes = previous.disappeared(&same_id, &ids, &dir.join(crate::ARTICLES_DIR));
        let mut changed = pass.changes;
        changed.retain(|(index, _)| !rejected[*index]);
        changed.sort_by_key(|(index, _)| *index);
        changes.extend(changed.into_iter().map(|(_, d)| d));
    }

    let feeds_started = std::time::Instant::now();
    let entries = window.into_newest_first();
    let records: Vec<&Record> = entries.iter().map(|e| &*e.record).collect();
    // Each body fragment as its page made it: nothing is rendered twice.
    let bodies: Vec<&str> = entries.iter().map(|e| e.body_html.as_str()).collect();
    // The four channel documents are made and written on the worker threads, two at a time,
    // rather than one after another on this one.
    let write = |name: OutputName<'_>, bytes: Vec<u8>| staging.write(name, &bytes);
    let ((rss, atom), (json_feed, feed_jsonld)) = rayon::join(
        || {
            rayon::join(
                || {
                    let rss = newswire_export::rss_with(&channel, &records, &bodies);
                    write(OutputName::Rss, rss.into_bytes())
                },
                || {
                    let atom = newswire_export::atom_with(&channel, &records, &bodies);
                    write(OutputName::Atom, atom.into_bytes())
                },
            )
        },
        || {
            rayon::join(
                || {
                    let feed = newswire_export::json_feed_with(&channel, &records, &bodies);
                    write(OutputName::JsonFeed, newswire_export::to_json_bytes(&feed))
                },
                || {
                    let feed = newswire_export::jsonld_channel(&channel, &records);
                    write(
                        OutputName::FeedJsonLd,
                        newswire_export::to_json_bytes(&feed),
                    )
                },
            )
        },
    );
    let feeds: Vec<Staged> = match [rss, atom, json_feed, feed_jsonld].into_iter().collect() {
        Ok(staged) => staged,
        Err(err) => {
            diagnostics.push(output_error(&report.out_dir, &err));
            return (report, diagnostics);
        }
    };
    report.timings.feeds = feeds_started.elapsed();
    let kept = files.len() - report.rejected;
    report.outputs = kept * OutputName::ARTICLE_FILES + OutputName::CHANNEL_FILES.len();
    report.unchanged = unchanged(&feeds)
        + identities
            .iter()
            .filter(|(_, i)| !rejected[i.index])
            .map(|(_, i)| rewritten.get(&i.index).copied().unwrap_or(i.unchanged))
            .sum::<usize>();
    match time(&mut report.timings.publish, || staging.publish()) {
        Ok(()) => {
            report.published = true;
            diagnostics.extend(changes);
        }
        Err(err) => diagnostics.push(output_error(&report.out_dir, &err)),
    }
    (report, diagnostics)
}

/// At most how many articles a build's worker takes at a time (see `Articles::build`).
pub const BATCH: usize = 16;
/// A worker stops reading articles into a batch once they hold this many bytes, so that a
/// batch of large articles holds few of them.
const BATCH_BYTES: usize = 1 << 20;

/// What building a channel's articles needs.
struct Articles<'a> {
    /// What the channel's pages take from it, made once for them all.
    page_channel: &'a PageChannel,
    ctx: &'a Context<'a>,
    validator: &'a Validator,
    options: &'a Options,
    /// Where the outputs go; `None` when the build only checks.
    staging: Option<&'a Staging>,
    previous: Option<&'a Previous>,
}

impl Articles<'_> {
    /// Builds the articles `paths`, the first of which is article `first` of the channel,
    /// into `pass`: a few at a time, each stage over all of those before the next. Reading,
    /// parsing, validating, making the documents and writing them each run a while without
    /// the others evicting their code and data from the processor's caches: taken one article
    /// after another through every stage, 10,000 articles took a quarter longer to build on a
    /// tmpfs (median 0.84 s against 0.675 s on 2026-12-03), most of it in parsing and
    /// validating. Each stage is timed once for all the articles it takes, not article by
    /// article: reading the clock a score of times an article cost more than some stages.
    fn build(&self, mut first: usize, mut paths: &[PathBuf], pass: &mut Pass) {
        while !paths.is_empty() {
            let mut loaded = Vec::with_capacity(paths.len());
            time(&mut pass.times.read, || {
                let mut bytes = 0;
                for path in paths {
                    if bytes >= BATCH_BYTES {
                        break;
                    }
                    let article = load_article(path, self.options.max_article_bytes);
                    bytes += article.as_ref().map_or(0, |(_, b)| b.len());
                    loaded.push(article);
                }
            });
            let (now, later) = paths.split_at(loaded.len());
            self.build_loaded(first, now, loaded, pass);
            first += now.len();
            paths = later;
        }
    }

    /// Builds the articles `paths`, read into `loaded`.
    fn build_loaded(
        &self,
        first: usize,
        paths: &[PathBuf],
        loaded: Vec<Result<(InputKind, Vec<u8>), Diagnostic>>,
        pass: &mut Pass,
    ) {
        let times = &mut pass.times;
        // What `display` shows, made without the formatting machinery.
        let files: Vec<String> = paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let parsed: Vec<(Option<InputKind>, Parsed)> = time(&mut times.parse, || {
            loaded
                .into_iter()
                .zip(&files)
                .map(|(loaded, file)| match loaded {
                    Ok((kind, bytes)) => (
                        Some(kind),
                        parse_article(file, kind, &bytes, self.ctx, self.validator),
                    ),
                    Err(diagnostic) => (None, Parsed::failed(diagnostic)),
                })
                .collect()
        });
        let checked: Vec<Parsed> = time(&mut times.validate, || {
            parsed
                .into_iter()
                .zip(&files)
                .map(|((kind, parsed), file)| match kind {
                    Some(kind) => check_parsed(file, kind, parsed, self.validator),
                    None => parsed,
                })
                .collect()
        });
        if let Some(progress) = &self.options.progress {
            for _ in paths {
                progress.article_done();
            }
        }
        let Some(staging) = self.staging else {
            // Only checking: each article's identity for the checks across articles, nothing
            // made.
            for (i, parsed) in checked.into_iter().enumerate() {
                let index = first + i;
                if let Some(record) = &parsed.record {
                    pass.identities
                        .push(index, record, &parsed.places, false, 0);
                }
                if !parsed.diagnostics.is_empty() {
                    pass.diagnostics.push((index, parsed.diagnostics));
                }
            }
            return;
        };
        // The body's renditions, which every document borrows, then the documents, then
        // their writes; the documents go before the feed window takes the body fragments.
        let bodies: Vec<Option<RenderedBody>> = time(&mut times.html, || {
            checked
                .iter()
                .map(|parsed| {
                    let record = parsed.record.as_ref()?;
                    Some(match &parsed.body_scan {
                        Some(scan) => RenderedBody::of_scanned(record, scan),
                        None => RenderedBody::of(record),
                    })
                })
                .collect()
        });
        let articles: Vec<Option<(&Record, &RenderedBody)>> = checked
            .iter()
            .zip(&bodies)
            .map(|(parsed, body)| Some((parsed.record.as_ref()?, body.as_ref()?)))
            .collect();
        let documents = Documents::of_all(self.page_channel, &articles, times);
        let staged: Vec<Option<std::io::Result<_>>> = time(&mut times.write, || {
            articles
                .iter()
                .zip(&documents)
                .map(|(article, documents)| {
                    let ((record, _), documents) = (article.as_ref()?, documents.as_ref()?);
                    Some(documents.write(staging, &record.slug))
                })
                .collect()
        });
        let written: Vec<Option<std::io::Result<Written>>> = time(&mut times.compare, || {
            staged
                .into_iter()
                .zip(&articles)
                .zip(&documents)
                .zip(&files)
                .map(|(((staged, article), documents), file)| {
                    let (staged, (record, _), documents) =
                        (staged?, article.as_ref()?, documents.as_ref()?);
                    Some(staged.map(|staged| {
                        // A document kept from the previous build is the one published for
                        // the slug: nothing to read again.
                        let compared = match staged[0] {
                            Staged::Kept => Compared::unchanged(),
                            Staged::Written => self.previous.map_or_else(Default::default, |p| {
                                p.compare(file, record, &documents.jsonld)
                            }),
                        };
                        Written { staged, compared }
                    }))
                })
                .collect()
        });
        drop(documents);
        for (i, (((parsed, body), written), (file, path))) in checked
            .into_iter()
            .zip(bodies)
            .zip(written)
            .zip(files.into_iter().zip(paths))
            .enumerate()
        {
            let index = first + i;
            let mut found = parsed.diagnostics;
            let places = parsed.places;
            if let (Some(record), Some(body), Some(written)) = (parsed.record, body, written) {
                match written {
                    Ok(Written { staged, compared }) => {
                        if let Some(warning) = compared.warning {
                            pass.changes.push((index, warning));
                        }
                        pass.identities.push(
                            index,
                            &record,
                            &places,
                            compared.same_id,
                            unchanged(&staged),
                        );
                        pass.window.push(Entry {
                            file,
                            record: Box::new(record),
                            body_html: body.into_html(),
                        });
                    }
                    Err(err) => found.push(output_error(path, &err)),
                }
            }
            if !found.is_empty() {
                pass.diagnostics.push((index, found));
            }
        }
    }
}

/// How an article's documents were staged, and what comparing them with the previous build
/// found.
struct Written {
    staged: [Staged; OutputName::ARTICLE_FILES],
    compared: Compared,
}

/// Makes and writes the per-article documents of `record`; how each was staged.
fn write_article(
    staging: &Staging,
    channel: &PageChannel,
    record: &Record,
) -> std::io::Result<[Staged; OutputName::ARTICLE_FILES]> {
    let body = RenderedBody::of(record);
    Documents::of(channel, record, &body).write(staging, &record.slug)
}

/// How many of `staged` were kept as published.
fn unchanged(staged: &[Staged]) -> usize {
    staged.iter().filter(|s| **s == Staged::Kept).count()
}

/// The per-article documents of a record, made and not yet written; each borrows the body's
/// renditions rather than holding a copy (see [`Document`]).
struct Documents<'a> {
    jsonld: Document<'a>,
    ninjs: Document<'a>,
    page: Document<'a>,
}

impl<'a> Documents<'a> {
    /// The documents of `record`, whose body is rendered in `body`, in the channel whose
    /// pages take what `channel` holds.
    fn of(channel: &PageChannel, record: &Record, body: &'a RenderedBody) -> Documents<'a> {
        let jsonld = jsonld_article_document(record, body);
        let ninjs = ninjs_document(record, body);
        let page = html_page_document(Some(channel), record, body, &jsonld);
        Documents {
            jsonld,
            ninjs,
            page,
        }
    }

    /// [`of`](Self::of) for each of `articles` that has a record: one kind of document for
    /// all of them, then the next, each kind timed once.
    fn of_all(
        channel: &PageChannel,
        articles: &[Option<(&Record, &'a RenderedBody)>],
        times: &mut StageTimes,
    ) -> Vec<Option<Documents<'a>>> {
        let each = |make: &dyn Fn(&Record, &'a RenderedBody) -> Document<'a>| -> Vec<_> {
            articles
                .iter()
                .map(|article| article.map(|(record, body)| make(record, body)))
                .collect()
        };
        let jsonld = time(&mut times.jsonld, || each(&jsonld_article_document));
        let ninjs = time(&mut times.ninjs, || each(&ninjs_document));
        time(&mut times.html, || {
            articles
                .iter()
                .zip(jsonld.into_iter().zip(ninjs))
                .map(|(article, documents)| {
                    let ((record, body), (jsonld, ninjs)) = (article.as_ref()?, documents);
                    let (jsonld, ninjs) = (jsonld?, ninjs?);
                    let page = html_page_document(Some(channel), record, body, &jsonld);
                    Some(Documents {
                        jsonld,
                        ninjs,
                        page,
                    })
                })
                .collect()
        })
    }

    /// Writes the documents into the staging folder; how each was staged, in the order of
    /// [`OutputName::article_outputs`] (JSON-LD first).
    fn write(
        &self,
        staging: &Staging,
        slug: &Slug,
    ) -> std::io::Result<[Staged; OutputName::ARTICLE_FILES]> {
        Ok([
            staging.write_document(OutputName::ArticleJsonLd(slug), &self.jsonld)?,
            staging.write_document(OutputName::ArticleNinjs(slug), &self.ninjs)?,
            staging.write_document(OutputName::ArticleHtml(slug), &self.page)?,
        ])
    }
}

fn staging_path(staging: &Staging, name: OutputName<'_>) -> PathBuf {
    staging.path().join(name.relative_path())
}

/// The article files of a channel, sorted by name; hidden files are passed over, and files
/// of other kinds are reported.
fn article_files(dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(io_error(&err).in_file(dir.display().to_string()));
            return (Vec::new(), diagnostics);
        }
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let hidden = name.as_encoded_bytes().starts_with(b".");
        // The listing says what each entry is without a `stat` per file; only a link is
        // followed to see what it points at.
        let is_file = match entry.file_type() {
            Ok(kind) if kind.is_symlink() => path.is_file(),
            Ok(kind) => kind.is_file(),
            Err(_) => path.is_file(),
        };
        if hidden || !is_file {
            continue;
        }
        if InputKind::of(&path).is_some() {
            files.push((name, path));
        } else {
            diagnostics.push(
                Diagnostic::warning(Code::UnknownFileKind, "not an article file; it was skipped")
                    .in_file(path.display().to_string())
                    .with_hint("articles are wire text (.txt), Markdown (.md) or records (.json)"),
            );
        }
    }
    // All in one folder, so by name is by path; names compare as bytes, where paths compare
    // component by component, several times slower.
    files.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    diagnostics.sort_by(|a, b| a.file.cmp(&b.file));
    (
        files.into_iter().map(|(_, path)| path).collect(),
        diagnostics,
    )
}

fn output_error(path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("cannot write the outputs: {err}"))
        .in_file(path.display().to_string())
        .with_hint("check that the output folder is writable and the disk has room")
}
