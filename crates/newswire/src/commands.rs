//! What each command does: read flags, call the libraries, print, choose the exit code.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anstyle::AnsiColor;
use anyhow::{Context as _, bail};
use newswire_build::{InputKind, Options, find_channel_file, load_channel, read_article};
use newswire_ingest::{Context, Parsed, Places};
use newswire_model::{Channel, Diagnostic, Record};
use newswire_validate::Validator;

use crate::cli::{
    BuildArgs, Cli, Command, CompletionsArgs, DiagnosticFormat, ExportArgs, ExportFormat,
    NewArticleArgs, NewChannelArgs, NewCommand, ParseArgs, Reading, Reporting, SchemaArgs,
    ValidateArgs,
};
use crate::progress::Bar;
use crate::ui::{Counts, Ui, plural};
use crate::{render, scaffold};

/// Exit code when the input is invalid.
const EXIT_INVALID: u8 = 1;
/// Exit code for usage and I/O failures.
pub(crate) const EXIT_FAILURE: u8 = 2;

pub(crate) fn run(cli: Cli, ui: &Ui) -> anyhow::Result<u8> {
    match cli.command {
        Command::Build(args) => build(args, ui),
        Command::Parse(args) => parse(args, ui),
        Command::Validate(args) => validate(args, ui),
        Command::Export(args) => export(args, ui),
        Command::Schema(args) => schema(args, ui),
        Command::New(args) => match args.what {
            NewCommand::Channel(args) => new_channel(args, ui),
            NewCommand::Article(args) => new_article(args, ui),
        },
        Command::Completions(args) => completions(&args),
    }
}

fn build(args: BuildArgs, ui: &Ui) -> anyhow::Result<u8> {
    let started = Instant::now();
    let channels = if args.channels.is_empty() {
        let feeds = Path::new("feeds");
        if !feeds.is_dir() {
            bail!(
                "no ./feeds folder here: give channel folders (newswire build DIR), run where ./feeds is, or make a channel with `newswire new channel NAME`"
            );
        }
        newswire_build::discover_channels(feeds)
            .with_context(|| format!("cannot list channels in {}", feeds.display()))?
    } else {
        let mut dirs = Vec::new();
        for dir in &args.channels {
            dirs.extend(channel_dirs(dir)?);
        }
        dirs
    };
    if channels.is_empty() {
        bail!(
            "no channels in ./feeds: a channel is a folder holding channel.toml; make one with `newswire new channel NAME`"
        );
    }
    let mut options = Options::new(&args.out);
    options.keep_going = args.keep_going;
    options.published = args.published;
    options.max_article_bytes = args.max_article_bytes;
    let bar = ui.progress().then(|| Arc::new(Bar::new()));
    options.progress = bar
        .clone()
        .map(|bar| bar as Arc<dyn newswire_build::Progress>);
    let report = newswire_build::build(&channels, &options);
    if let Some(bar) = &bar {
        bar.finish();
    }
    report_diagnostics(ui, &args.reporting, &report.diagnostics, &HashMap::new())?;
    if args.timings {
        let mut stderr = std::io::stderr().lock();
        for channel in &report.channels {
            let stages: serde_json::Map<String, serde_json::Value> = channel
                .timings
                .entries()
                .into_iter()
                .map(|(name, d)| (name.to_owned(), d.as_secs_f64().into()))
                .collect();
            let mut line = serde_json::json!({
                "channel": channel.dir.display().to_string(),
                "articles": channel.articles,
                "stages": stages,
            });
            if let Some(kib) = peak_resident_kib() {
                line["peak_resident_kib"] = kib.into();
            }
            writeln!(stderr, "{line}")?;
        }
    }
    for channel in &report.channels {
        let status = if channel.published {
            "published"
        } else {
            "not published"
        };
        ui.detail(&format!(
            "{}: {}, {} rejected, {} {status} to {}",
            channel.dir.display(),
            plural(channel.articles, "article", "articles"),
            channel.rejected,
            crate::ui::outputs_and_unchanged(channel.outputs, channel.unchanged),
            channel.out_dir.display()
        ))?;
    }
    ui.say(&ui.build_summary(&report, started.elapsed()))?;
    if report.channels.iter().any(|c| !c.published) && !report.has_errors() {
        return Ok(EXIT_FAILURE);
    }
    Ok(exit_code(&report.diagnostics, args.reporting.deny_warnings))
}

/// The most memory the process has held resident so far, in KiB, as Linux keeps it (`VmHWM`
/// in `/proc/self/status`); `None` where there is no such file. Reported with `--timings`, so
/// that a benchmark learns a build's peak without watching it from outside as it runs.
fn peak_resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The channels a folder given on the command line stands for: itself when it holds a
/// channel.toml, else the channel folders directly inside it (such as ./feeds).
fn channel_dirs(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if dir.join(newswire_build::CHANNEL_FILE).is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    if !dir.is_dir() {
        bail!(
            "{} is not a folder: give a channel folder, the one holding channel.toml",
            dir.display()
        );
    }
    let inside = newswire_build::discover_channels(dir)
        .with_context(|| format!("cannot list channels in {}", dir.display()))?;
    if inside.is_empty() {
        bail!(
            "{} is not a channel folder: it has no channel.toml, and no folder in it has one",
            dir.display()
        );
    }
    Ok(inside)
}

/// A usage error when `dir` is not a channel folder.
fn check_channel_dir(dir: &Path) -> anyhow::Result<()> {
    if !dir.join(newswire_build::CHANNEL_FILE).is_file() {
        bail!(
            "{} is not a channel folder: it has no channel.toml",
            dir.display()
        );
    }
    Ok(())
}

fn parse(args: ParseArgs, ui: &Ui) -> anyhow::Result<u8> {
    let validator = Validator::new();
    let input = Input::read(&args.file, args.reading.max_article_bytes)?;
    let channel = channel_for(ui, &args.reading, &args.file, &validator)?;
    let parsed = input.parse(&args.reading, channel.as_ref(), &validator);
    report_diagnostics(
        ui,
        &reporting(args.format),
        &parsed.diagnostics,
        &input.sources(),
    )?;
    if channel.is_none() && input.kind != InputKind::Record {
        without_channel(ui, &parsed.diagnostics)?;
    }
    if let Some(record) = &parsed.record {
        let mut json = serde_json::to_vec_pretty(record)?;
        json.push(b'\n');
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&json)?;
        stdout.flush()?;
    }
    Ok(exit_code(&parsed.diagnostics, false))
}

fn validate(args: ValidateArgs, ui: &Ui) -> anyhow::Result<u8> {
    let validator = Validator::new();
    let mut files = 0usize;
    let mut channelless = false;
    let mut diagnostics = Vec::new();
    let mut sources = HashMap::new();
    // Each record with its file and where the article gave its fields, for the findings
    // across articles.
    let mut records: Vec<(String, Record, Places)> = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            for dir in channel_dirs(path)? {
                let (articles, found) = validate_channel_dir(ui, &dir, &args.reading, &validator)?;
                files += articles + 1;
                diagnostics.extend(found);
            }
        } else if path
            .file_name()
            .is_some_and(|n| n == newswire_build::CHANNEL_FILE)
        {
            files += 1;
            if let Err(ds) = load_channel(path, &validator) {
                diagnostics.extend(ds);
            }
        } else {
            files += 1;
            let input = Input::read(path, args.reading.max_article_bytes)?;
            let channel = channel_for(ui, &args.reading, path, &validator)?;
            channelless |= channel.is_none() && input.kind != InputKind::Record;
            let parsed = input.parse(&args.reading, channel.as_ref(), &validator);
            diagnostics.extend(parsed.diagnostics);
            sources.extend(input.sources());
            if let Some(record) = parsed.record {
                records.push((input.label.clone(), record, parsed.places));
            }
        }
    }
    let across = newswire_validate::check_unique(
        records
            .iter()
            .map(|(file, record, _)| (file.as_str(), record)),
    );
    diagnostics.extend(across.into_iter().map(|d| {
        let places = records
            .iter()
            .find(|(file, _, _)| d.file.as_ref() == Some(file))
            .map(|(_, _, places)| places);
        match places {
            Some(places) => places.locate(d),
            None => d,
        }
    }));
    report_diagnostics(ui, &args.reporting, &diagnostics, &sources)?;
    if channelless {
        without_channel(ui, &diagnostics)?;
    }
    let counts = Counts::of(&diagnostics);
    let word = if counts.errors > 0 {
        ui.paint("invalid", AnsiColor::Red)
    } else {
        ui.paint("validated", AnsiColor::Green)
    };
    ui.say(&format!(
        "{word} {}: {}",
        plural(files, "file", "files"),
        counts.describe(
            args.reporting.format != DiagnosticFormat::Text
                || ui.shows(newswire_model::Severity::Note)
        )
    ))?;
    Ok(exit_code(&diagnostics, args.reporting.deny_warnings))
}

/// Validates a whole channel folder as a build checks it, making and writing no outputs;
/// returns how many article files it has, and the diagnostics.
fn validate_channel_dir(
    ui: &Ui,
    dir: &Path,
    reading: &Reading,
    validator: &Validator,
) -> anyhow::Result<(usize, Vec<Diagnostic>)> {
    let mut options = Options::new(dir);
    options.check_only = true;
    options.max_article_bytes = reading.max_article_bytes;
    let bar = ui.progress().then(|| Arc::new(Bar::new()));
    options.progress = bar
        .clone()
        .map(|bar| bar as Arc<dyn newswire_build::Progress>);
    let (report, diagnostics) = newswire_build::build_channel(dir, &options, validator);
    if let Some(bar) = &bar {
        bar.finish();
    }
    Ok((report.articles, diagnostics))
}

fn export(args: ExportArgs, ui: &Ui) -> anyhow::Result<u8> {
    let validator = Validator::new();
    let per_article = args.format.per_article();
    if per_article && args.out.is_none() && args.files.len() > 1 {
        bail!(
            "{} files given: per-article formats need --out DIR to write one file each",
            args.files.len()
        );
    }
    let channel = channel_for(ui, &args.reading, &args.files[0], &validator)?;
    let mut diagnostics = Vec::new();
    let mut sources = HashMap::new();
    let mut records = Vec::new();
    for path in &args.files {
        let input = Input::read(path, args.reading.max_article_bytes)?;
        let parsed = input.parse(&args.reading, channel.as_ref(), &validator);
        diagnostics.extend(parsed.diagnostics);
        sources.extend(input.sources());
        records.extend(parsed.record.map(|r| (input.label.clone(), r)));
    }
    diagnostics.extend(newswire_validate::check_unique(
        records.iter().map(|(file, record)| (file.as_str(), record)),
    ));
    report_diagnostics(
        ui,
        &reporting(DiagnosticFormat::Text),
        &diagnostics,
        &sources,
    )?;
    if channel.is_none() {
        without_channel(ui, &diagnostics)?;
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(EXIT_INVALID);
    }
    let mut records: Vec<Record> = records.into_iter().map(|(_, r)| r).collect();
    records.sort_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let records: Vec<&Record> = records.iter().collect();
    let documents = documents(args.format, channel.as_ref(), &records)?;
    match &args.out {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            for (name, bytes) in &documents {
                let path = dir.join(name);
                std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                ui.detail(&format!("wrote {}", path.display()))?;
            }
            ui.say(&format!(
                "wrote {} to {}",
                plural(documents.len(), "file", "files"),
                dir.display()
            ))?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            for (_, bytes) in &documents {
                stdout.write_all(bytes)?;
            }
            stdout.flush()?;
        }
    }
    Ok(exit_code(&diagnostics, false))
}

/// The documents of `format` for `records` (newest first), each with its file name: one per
/// article for per-article formats, else one feed of the channel's window.
fn documents(
    format: ExportFormat,
    channel: Option<&Channel>,
    records: &[&Record],
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    use newswire_export as export;
    let each = |ext: &str, make: &dyn Fn(&Record) -> Vec<u8>| {
        records
            .iter()
            .map(|r| (format!("{}.{ext}", r.slug), make(r)))
            .collect()
    };
    let feed = || -> anyhow::Result<(&Channel, &[&Record])> {
        let channel = channel.context("feeds need a channel: pass --channel channel.toml")?;
        let limit = usize::try_from(channel.limit).unwrap_or(usize::MAX);
        Ok((channel, &records[..records.len().min(limit)]))
    };
    Ok(match format {
        ExportFormat::Jsonld => each("jsonld", &|r| {
            export::to_json_bytes(&export::jsonld_article(r))
        }),
        ExportFormat::Ninjs => each("ninjs.json", &|r| export::to_json_bytes(&export::ninjs(r))),
        ExportFormat::Html => each("html", &|r| export::html_page(channel, r).into_bytes()),
        ExportFormat::Rss => {
            let (channel, window) = feed()?;
            vec![(
                "rss.xml".to_owned(),
                export::rss(channel, window).into_bytes(),
            )]
        }
        ExportFormat::Atom => {
            let (channel, window) = feed()?;
            vec![(
                "atom.xml".to_owned(),
                export::atom(channel, window).into_bytes(),
            )]
        }
        ExportFormat::Jsonfeed => {
            let (channel, window) = feed()?;
            vec![(
                "feed.json".to_owned(),
                export::to_json_bytes(&export::json_feed(channel, window)),
            )]
        }
    })
}

fn schema(args: SchemaArgs, ui: &Ui) -> anyhow::Result<u8> {
    let schemas = newswire_schema::generate();
    match args.out {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            for schema in &schemas {
                let path = dir.join(schema.name);
                std::fs::write(&path, &schema.contents)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                ui.detail(&format!("wrote {}", path.display()))?;
            }
        }
        None => {
            let record = schemas.iter().find(|s| s.name == "record.schema.json");
            let record = record.context("the record schema is missing")?;
            std::io::stdout()
                .lock()
                .write_all(record.contents.as_bytes())?;
        }
    }
    Ok(0)
}

fn new_channel(args: NewChannelArgs, ui: &Ui) -> anyhow::Result<u8> {
    let Some(slug) = newswire_ingest::slugify(&args.name) else {
        bail!(
            "cannot make a folder name from `{}`: give a name with letters or digits, such as city-desk",
            args.name
        );
    };
    let title = match &args.title {
        Some(title) if !title.trim().is_empty() => title.trim().to_owned(),
        Some(_) => bail!("the title is empty: give --title a few words, or leave it out"),
        None => scaffold::title_for(&args.name, &slug),
    };
    let dir = args.dir.join(slug.as_str());
    if dir.exists() {
        bail!(
            "{} already exists: choose another name, or remove it first",
            dir.display()
        );
    }
    let headline = format!("{title} opens its newsroom");
    let article_slug = newswire_ingest::slugify(&headline).unwrap_or_else(|| slug.clone());
    let article_path = dir
        .join(newswire_build::ARTICLES_DIR)
        .join(format!("{article_slug}.md"));
    std::fs::create_dir_all(dir.join(newswire_build::ARTICLES_DIR))
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let channel_path = dir.join(newswire_build::CHANNEL_FILE);
    create_new(&channel_path, &scaffold::channel_toml(&slug, &title))?;
    let article = scaffold::article(&headline, &article_slug, &scaffold::now(), None);
    create_new(&article_path, &article)?;
    ui.say(&format!(
        "{} channel `{title}` in {}",
        ui.paint("created", AnsiColor::Green),
        dir.display()
    ))?;
    ui.detail(&format!("  {}", channel_path.display()))?;
    ui.detail(&format!("  {}", article_path.display()))?;
    let build = if args.dir == Path::new("feeds") {
        "newswire build".to_owned()
    } else {
        format!("newswire build {}", dir.display())
    };
    ui.say(&format!(
        "next:\n  edit {}: its news.example addresses are placeholders\n  newswire new article \"A headline\" --channel {}\n  {build}",
        channel_path.display(),
        dir.display()
    ))?;
    Ok(0)
}

fn new_article(args: NewArticleArgs, ui: &Ui) -> anyhow::Result<u8> {
    let dir = match &args.channel {
        Some(path)
            if path
                .file_name()
                .is_some_and(|n| n == newswire_build::CHANNEL_FILE) =>
        {
            path.parent().map_or_else(PathBuf::new, Path::to_path_buf)
        }
        Some(dir) => {
            check_channel_dir(dir)?;
            dir.clone()
        }
        None => default_channel_dir()?,
    };
    let headline = args.title.trim();
    let Some(slug) = newswire_ingest::slugify(headline) else {
        bail!(
            "cannot make a file name from `{}`: give a headline with letters or digits",
            args.title
        );
    };
    let articles = dir.join(newswire_build::ARTICLES_DIR);
    for ext in ["txt", "md", "json"] {
        let path = articles.join(format!("{slug}.{ext}"));
        if path.exists() {
            bail!(
                "{} already exists: give the new article another headline",
                path.display()
            );
        }
    }
    std::fs::create_dir_all(&articles)
        .with_context(|| format!("cannot create {}", articles.display()))?;
    let path = articles.join(format!("{slug}.md"));
    let published = args.published.unwrap_or_else(scaffold::now);
    let text = scaffold::article(headline, &slug, &published, args.author.as_deref());
    create_new(&path, &text)?;
    ui.say(&format!(
        "{} {}",
        ui.paint("created", AnsiColor::Green),
        path.display()
    ))?;
    if args.author.is_none() {
        let channel = load_channel(&dir.join(newswire_build::CHANNEL_FILE), &Validator::new());
        if channel.is_ok_and(|c| c.default_author.is_none()) {
            ui.say(
                "note: the channel names no default author: add a byline (`By NAME`) or `authors` to the front matter, or `default_author` to channel.toml",
            )?;
        }
    }
    Ok(0)
}

/// The channel a new article goes in when `--channel` is not given: the channel the current
/// folder is in, else the only channel under ./feeds.
fn default_channel_dir() -> anyhow::Result<PathBuf> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    if let Some(dir) = cwd
        .ancestors()
        .find(|dir| dir.join(newswire_build::CHANNEL_FILE).is_file())
    {
        // Relative to the current folder: `articles/x.md` inside the channel, `../articles/x.md`
        // is never needed since the channel is the current folder or above it.
        return Ok(dir
            .strip_prefix(&cwd)
            .map_or_else(|_| dir.to_path_buf(), Path::to_path_buf));
    }
    let feeds = Path::new("feeds");
    let channels = if feeds.is_dir() {
        newswire_build::discover_channels(feeds)
            .with_context(|| format!("cannot list channels in {}", feeds.display()))?
    } else {
        Vec::new()
    };
    match channels.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!(
            "no channel to add the article to: pass --channel DIR, or make a channel with `newswire new channel NAME`"
        ),
        many => bail!(
            "which channel? pass --channel with one of: {}",
            many.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Writes `text` to a file that must not exist yet.
fn create_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| {
            if path.exists() {
                format!(
                    "{} already exists: newswire never overwrites it",
                    path.display()
                )
            } else {
                format!("cannot create {}", path.display())
            }
        })?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

fn completions(args: &CompletionsArgs) -> anyhow::Result<u8> {
    let mut command = crate::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "newswire", &mut script);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&script)?;
    stdout.flush()?;
    Ok(0)
}

/// One article's bytes, from a file or standard input.
struct Input {
    label: String,
    kind: InputKind,
    /// The bytes, or the error that refused them: over `--max-article-bytes`.
    bytes: Result<Vec<u8>, Diagnostic>,
    from_stdin: bool,
}

impl Input {
    /// Reads the article at `path` (`-`: standard input); one over `max_bytes` is not read
    /// but refused with a diagnostic, as a build refuses it.
    fn read(path: &Path, max_bytes: u64) -> anyhow::Result<Input> {
        if path == Path::new("-") {
            let label = "<stdin>".to_owned();
            let bytes = newswire_build::read_at_most(std::io::stdin().lock(), None, max_bytes)
                .context("cannot read standard input")?
                .map_err(|d| d.in_file(label.clone()));
            let looks_like_json = bytes
                .as_ref()
                .is_ok_and(|bytes| bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'));
            let kind = if looks_like_json {
                InputKind::Record
            } else {
                InputKind::WireText
            };
            return Ok(Input {
                label,
                kind,
                bytes,
                from_stdin: true,
            });
        }
        if path.is_dir() {
            bail!(
                "{} is a folder: give article files, or use `newswire validate` or `newswire build` for a channel folder",
                path.display()
            );
        }
        let Some(kind) = InputKind::of(path) else {
            bail!(
                "{}: newswire reads wire text (.txt), Markdown (.md) and records (.json)",
                path.display()
            );
        };
        let label = path.display().to_string();
        let bytes = newswire_build::read_file_at_most(path, max_bytes)
            .with_context(|| format!("cannot read {label}"))?
            .map_err(|d| d.in_file(label.clone()));
        Ok(Input {
            label,
            kind,
            bytes,
            from_stdin: false,
        })
    }

    fn parse(&self, reading: &Reading, channel: Option<&Channel>, validator: &Validator) -> Parsed {
        let ctx = Context {
            channel,
            published: reading.published,
        };
        match &self.bytes {
            Ok(bytes) => read_article(&self.label, self.kind, bytes, &ctx, validator),
            Err(refused) => Parsed::failed(refused.clone()),
        }
    }

    /// The text of inputs that are not files, for diagnostics to quote.
    fn sources(&self) -> HashMap<String, String> {
        let mut map = HashMap::new();
        if self.from_stdin
            && let Ok(bytes) = &self.bytes
        {
            map.insert(
                self.label.clone(),
                String::from_utf8_lossy(bytes).into_owned(),
            );
        }
        map
    }
}

/// The channel an article belongs to: `--channel`, or the nearest channel.toml above it.
fn channel_for(
    ui: &Ui,
    reading: &Reading,
    article: &Path,
    validator: &Validator,
) -> anyhow::Result<Option<Channel>> {
    let path: Option<PathBuf> = match &reading.channel {
        Some(path) => Some(path.clone()),
        None => find_channel_file(article),
    };
    let Some(path) = path else { return Ok(None) };
    match load_channel(&path, validator) {
        Ok(channel) => Ok(Some(channel)),
        Err(diagnostics) => {
            report_diagnostics(
                ui,
                &reporting(DiagnosticFormat::Text),
                &diagnostics,
                &HashMap::new(),
            )?;
            bail!("the channel file {} is invalid", path.display())
        }
    }
}

/// Says, after errors, that an article read without a channel misses what a channel gives.
fn without_channel(ui: &Ui, diagnostics: &[Diagnostic]) -> anyhow::Result<()> {
    if diagnostics.iter().any(Diagnostic::is_error) {
        ui.say(
            "note: no channel.toml was found in the article's folder or above it, so it has no base URL, language or publisher: pass --channel FILE",
        )?;
    }
    Ok(())
}

/// Reporting for a command whose standard output is its document.
fn reporting(format: DiagnosticFormat) -> Reporting {
    Reporting {
        format,
        deny_warnings: false,
        stdout_free: false,
    }
}

/// Prints diagnostics: text for people on standard error (notes only with `-v`); JSON lines
/// and GitHub annotations, every diagnostic, on standard output, where CI reads them, except
/// for commands whose standard output is the document they make (`parse`, `export`).
fn report_diagnostics(
    ui: &Ui,
    reporting: &Reporting,
    diagnostics: &[Diagnostic],
    sources: &HashMap<String, String>,
) -> anyhow::Result<()> {
    if reporting.format == DiagnosticFormat::Text {
        let shown: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| ui.shows(d.severity))
            .cloned()
            .collect();
        render::write(
            &mut std::io::stderr().lock(),
            reporting.format,
            &shown,
            sources,
            ui.colour,
        )?;
    } else if !reporting.stdout_free {
        render::write(
            &mut std::io::stderr().lock(),
            reporting.format,
            diagnostics,
            sources,
            false,
        )?;
    } else {
        let mut stdout = std::io::stdout().lock();
        render::write(&mut stdout, reporting.format, diagnostics, sources, false)?;
        stdout.flush()?;
    }
    Ok(())
}

fn exit_code(diagnostics: &[Diagnostic], deny_warnings: bool) -> u8 {
    newswire_validate::exit_code(diagnostics, deny_warnings)
}
