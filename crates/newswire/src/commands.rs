//! What each command does: read flags, call the libraries, print, choose the exit code.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use newswire_build::{InputKind, Options, find_channel_file, load_channel, read_article};
use newswire_ingest::{Context, Parsed};
use newswire_model::{Channel, Diagnostic, Record};
use newswire_validate::Validator;

use crate::cli::{
    BuildArgs, Cli, Command, DiagnosticFormat, ExportArgs, ExportFormat, ParseArgs, Reading,
    Reporting, SchemaArgs, ValidateArgs,
};
use crate::render;

/// Exit code when the input is invalid.
const EXIT_INVALID: u8 = 1;
/// Exit code for usage and I/O failures.
pub(crate) const EXIT_FAILURE: u8 = 2;

pub(crate) fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Parse(args) => parse(args),
        Command::Validate(args) => validate(args),
        Command::Export(args) => export(args),
        Command::Schema(args) => schema(args),
    }
}

fn build(args: BuildArgs) -> anyhow::Result<u8> {
    let channels = if args.channels.is_empty() {
        let feeds = Path::new("feeds");
        newswire_build::discover_channels(feeds)
            .with_context(|| format!("cannot list channels in {}", feeds.display()))?
    } else {
        args.channels
    };
    if channels.is_empty() {
        bail!("no channels to build: give channel folders, or run where ./feeds holds them");
    }
    let mut options = Options::new(&args.out);
    options.keep_going = args.keep_going;
    options.published = args.published;
    options.max_article_bytes = args.max_article_bytes;
    let report = newswire_build::build(&channels, &options);
    report_diagnostics(&args.reporting, &report.diagnostics, &HashMap::new())?;
    let mut stderr = std::io::stderr().lock();
    for channel in &report.channels {
        let status = if channel.published {
            "published"
        } else {
            "not published"
        };
        writeln!(
            stderr,
            "{}: {} articles, {} rejected, {} outputs {status} to {}",
            channel.dir.display(),
            channel.articles,
            channel.rejected,
            channel.outputs,
            channel.out_dir.display()
        )?;
    }
    if report.channels.iter().any(|c| !c.published) && !report.has_errors() {
        return Ok(EXIT_FAILURE);
    }
    Ok(exit_code(&report.diagnostics, args.reporting.deny_warnings))
}

fn parse(args: ParseArgs) -> anyhow::Result<u8> {
    let validator = Validator::new();
    let input = Input::read(&args.file)?;
    let channel = channel_for(&args.reading, &args.file, &validator)?;
    let parsed = input.parse(&args.reading, channel.as_ref(), &validator);
    report_diagnostics(
        &reporting(args.format),
        &parsed.diagnostics,
        &input.sources(),
    )?;
    if let Some(record) = &parsed.record {
        let mut stdout = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut stdout, record)?;
        writeln!(stdout)?;
    }
    Ok(exit_code(&parsed.diagnostics, false))
}

fn validate(args: ValidateArgs) -> anyhow::Result<u8> {
    let validator = Validator::new();
    let mut diagnostics = Vec::new();
    let mut sources = HashMap::new();
    let mut records: Vec<(String, Record)> = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            diagnostics.extend(validate_channel_dir(path, &validator)?);
        } else if path
            .file_name()
            .is_some_and(|n| n == newswire_build::CHANNEL_FILE)
        {
            if let Err(ds) = load_channel(path, &validator) {
                diagnostics.extend(ds);
            }
        } else {
            let input = Input::read(path)?;
            let channel = channel_for(&args.reading, path, &validator)?;
            let parsed = input.parse(&args.reading, channel.as_ref(), &validator);
            diagnostics.extend(parsed.diagnostics);
            sources.extend(input.sources());
            if let Some(record) = parsed.record {
                records.push((input.label.clone(), record));
            }
        }
    }
    diagnostics.extend(newswire_validate::check_unique(
        records.iter().map(|(file, record)| (file.as_str(), record)),
    ));
    report_diagnostics(&args.reporting, &diagnostics, &sources)?;
    Ok(exit_code(&diagnostics, args.reporting.deny_warnings))
}

/// Validates a whole channel folder by building it into a scratch folder that is thrown away.
fn validate_channel_dir(dir: &Path, validator: &Validator) -> anyhow::Result<Vec<Diagnostic>> {
    if !dir.join(newswire_build::CHANNEL_FILE).is_file() {
        bail!(
            "{} is not a channel folder: it has no channel.toml",
            dir.display()
        );
    }
    let scratch = tempfile::tempdir().context("cannot make a scratch folder")?;
    let options = Options::new(scratch.path());
    let (_, diagnostics) = newswire_build::build_channel(dir, &options, validator);
    Ok(diagnostics)
}

fn export(args: ExportArgs) -> anyhow::Result<u8> {
    let validator = Validator::new();
    let per_article = args.format.per_article();
    if per_article && args.out.is_none() && args.files.len() > 1 {
        bail!(
            "{} files given: per-article formats need --out DIR to write one file each",
            args.files.len()
        );
    }
    let channel = channel_for(&args.reading, &args.files[0], &validator)?;
    let mut diagnostics = Vec::new();
    let mut sources = HashMap::new();
    let mut records = Vec::new();
    for path in &args.files {
        let input = Input::read(path)?;
        let parsed = input.parse(&args.reading, channel.as_ref(), &validator);
        diagnostics.extend(parsed.diagnostics);
        sources.extend(input.sources());
        records.extend(parsed.record.map(|r| (input.label.clone(), r)));
    }
    diagnostics.extend(newswire_validate::check_unique(
        records.iter().map(|(file, record)| (file.as_str(), record)),
    ));
    report_diagnostics(&reporting(DiagnosticFormat::Text), &diagnostics, &sources)?;
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
            }
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

fn schema(args: SchemaArgs) -> anyhow::Result<u8> {
    let schemas = newswire_schema::generate();
    match args.out {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            for schema in &schemas {
                let path = dir.join(schema.name);
                std::fs::write(&path, &schema.contents)
                    .with_context(|| format!("cannot write {}", path.display()))?;
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

/// One article's bytes, from a file or standard input.
struct Input {
    label: String,
    kind: InputKind,
    bytes: Vec<u8>,
    from_stdin: bool,
}

impl Input {
    fn read(path: &Path) -> anyhow::Result<Input> {
        if path == Path::new("-") {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            let looks_like_json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
            let kind = if looks_like_json {
                InputKind::Record
            } else {
                InputKind::WireText
            };
            return Ok(Input {
                label: "<stdin>".to_owned(),
                kind,
                bytes,
                from_stdin: true,
            });
        }
        let Some(kind) = InputKind::of(path) else {
            bail!(
                "{}: newswire reads wire text (.txt), Markdown (.md) and records (.json)",
                path.display()
            );
        };
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Input {
            label: path.display().to_string(),
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
        read_article(&self.label, self.kind, &self.bytes, &ctx, validator)
    }

    /// The text of inputs that are not files, for diagnostics to quote.
    fn sources(&self) -> HashMap<String, String> {
        let mut map = HashMap::new();
        if self.from_stdin {
            map.insert(
                self.label.clone(),
                String::from_utf8_lossy(&self.bytes).into_owned(),
            );
        }
        map
    }
}

/// The channel an article belongs to: `--channel`, or the nearest channel.toml above it.
fn channel_for(
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
                &reporting(DiagnosticFormat::Text),
                &diagnostics,
                &HashMap::new(),
            )?;
            bail!("the channel file {} is invalid", path.display())
        }
    }
}

/// Reporting for a command whose standard output is its document.
fn reporting(format: DiagnosticFormat) -> Reporting {
    Reporting {
        format,
        deny_warnings: false,
        stdout_free: false,
    }
}

/// Prints diagnostics: text for people on standard error; JSON lines and GitHub annotations
/// on standard output, where CI reads them, except for commands whose standard output is
/// the document they make (`parse`, `export`).
fn report_diagnostics(
    reporting: &Reporting,
    diagnostics: &[Diagnostic],
    sources: &HashMap<String, String>,
) -> anyhow::Result<()> {
    if reporting.format == DiagnosticFormat::Text || !reporting.stdout_free {
        render::write(
            &mut std::io::stderr().lock(),
            reporting.format,
            diagnostics,
            sources,
        )?;
    } else {
        let mut stdout = std::io::stdout().lock();
        render::write(&mut stdout, reporting.format, diagnostics, sources)?;
        stdout.flush()?;
    }
    Ok(())
}

fn exit_code(diagnostics: &[Diagnostic], deny_warnings: bool) -> u8 {
    newswire_validate::exit_code(diagnostics, deny_warnings)
}
