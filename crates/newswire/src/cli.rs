//! The command-line interface: every command, flag and help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use newswire_model::Timestamp;

/// Turn news articles into validated, syndicatable records and feeds.
#[derive(Debug, Parser)]
#[command(name = "newswire", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  newswire new channel city-desk       make feeds/city-desk with an example article\n  newswire build                       build every channel under ./feeds into ./public\n  newswire parse story.txt --published 2026-03-14T09:30:00+00:00\n  newswire validate feeds/harbour-ledger --format github"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    #[command(flatten)]
    pub(crate) global: Global,
}

/// Flags every command takes, before or after the command's name.
#[derive(Debug, Clone, Args)]
pub(crate) struct Global {
    /// Print only warnings and errors: no summary, no progress bar, no notes.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Print more: notes, one line per channel, every file written.
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,
    /// When to colour text output [default: auto, which is when standard error is a terminal
    /// and NO_COLOR is not set].
    #[arg(long, value_enum, global = true, value_name = "WHEN", default_value_t = ColourChoice::Auto, hide_default_value = true)]
    pub(crate) color: ColourChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColourChoice {
    /// Colour when standard error is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build channels: validate every article and publish every output format.
    #[command(
        after_help = "Examples:\n  newswire build\n  newswire build feeds/harbour-ledger --out public\n  newswire build feeds/harbour-ledger --keep-going"
    )]
    Build(BuildArgs),
    /// Parse one article and print its record as JSON.
    #[command(
        after_help = "Examples:\n  newswire parse feeds/harbour-ledger/articles/ferry-strike.txt\n  cat story.txt | newswire parse - --published 2026-03-14T09:30:00+00:00 --channel channel.toml"
    )]
    Parse(ParseArgs),
    /// Validate articles, records, channel files or whole channel folders.
    #[command(
        after_help = "Examples:\n  newswire validate feeds/harbour-ledger\n  newswire validate record.json --format json\n  newswire validate feeds/*/articles/*.txt --deny-warnings --format github"
    )]
    Validate(ValidateArgs),
    /// Export articles in one output format.
    #[command(
        after_help = "Examples:\n  newswire export --format rss feeds/harbour-ledger/articles/*.txt > rss.xml\n  newswire export --format jsonld story.txt --channel feeds/harbour-ledger/channel.toml\n  newswire export --format jsonld feeds/harbour-ledger/articles/*.txt --out out/"
    )]
    Export(ExportArgs),
    /// Print or write the published JSON Schemas.
    #[command(
        after_help = "Examples:\n  newswire schema > record.schema.json\n  newswire schema --out schemas/"
    )]
    Schema(SchemaArgs),
    /// Create a channel folder or a new article from a template.
    #[command(
        after_help = "Examples:\n  newswire new channel city-desk\n  newswire new channel \"City Desk\" --dir feeds\n  newswire new article \"Harbour lights return\" --channel feeds/city-desk"
    )]
    New(NewArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  newswire completions bash > ~/.local/share/bash-completion/completions/newswire\n  newswire completions zsh > ~/.zfunc/_newswire\n  newswire completions fish > ~/.config/fish/completions/newswire.fish"
    )]
    Completions(CompletionsArgs),
}

/// Flags shared by the commands that report diagnostics.
#[derive(Debug, Args)]
pub(crate) struct Reporting {
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    pub(crate) format: DiagnosticFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// Whether standard output is free for machine-readable diagnostics.
    #[arg(skip = true)]
    pub(crate) stdout_free: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiagnosticFormat {
    /// Compiler-style text with the source line.
    Text,
    /// One JSON object per line (schemas/diagnostics.schema.json).
    Json,
    /// GitHub Actions annotations.
    Github,
}

/// Flags that decide how articles are read.
#[derive(Debug, Args)]
pub(crate) struct Reading {
    /// Publication date (RFC 3339 with offset) for articles that give none.
    #[arg(long, value_name = "RFC3339", value_parser = parse_timestamp)]
    pub(crate) published: Option<Timestamp>,
    /// The channel file the articles belong to [default: the nearest channel.toml above each file].
    #[arg(long, value_name = "FILE")]
    pub(crate) channel: Option<PathBuf>,
    /// Largest article read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = newswire_build::MAX_ARTICLE_BYTES)]
    pub(crate) max_article_bytes: u64,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Channel folders, or folders of channel folders [default: every folder under ./feeds
    /// with a channel.toml].
    #[arg(value_name = "CHANNEL_DIR")]
    pub(crate) channels: Vec<PathBuf>,
    /// Where outputs go: one folder per channel.
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub(crate) out: PathBuf,
    /// Publish the valid articles even when others have errors.
    #[arg(long)]
    pub(crate) keep_going: bool,
    /// Publication date (RFC 3339 with offset) for articles that give none.
    #[arg(long, value_name = "RFC3339", value_parser = parse_timestamp)]
    pub(crate) published: Option<Timestamp>,
    /// Largest article file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = newswire_build::MAX_ARTICLE_BYTES)]
    pub(crate) max_article_bytes: u64,
    /// Print where each channel's build spent its time (processor seconds per stage, summed
    /// over threads) and the peak memory so far, as one JSON object per channel on standard
    /// error.
    #[arg(long)]
    pub(crate) timings: bool,
    #[command(flatten)]
    pub(crate) reporting: Reporting,
}

#[derive(Debug, Args)]
pub(crate) struct ParseArgs {
    /// The article file, or `-` for standard input.
    #[arg(value_name = "FILE|-")]
    pub(crate) file: PathBuf,
    #[command(flatten)]
    pub(crate) reading: Reading,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    pub(crate) format: DiagnosticFormat,
}

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Article files (.txt, .md), records (.json), channel.toml files, channel folders or folders
    /// of channel folders; `-` reads an article from standard input.
    #[arg(value_name = "PATH", required = true)]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) reading: Reading,
    #[command(flatten)]
    pub(crate) reporting: Reporting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// RSS 2.0 feed of the given articles.
    Rss,
    /// Atom 1.0 feed of the given articles.
    Atom,
    /// JSON Feed 1.1 of the given articles.
    Jsonfeed,
    /// schema.org JSON-LD, one NewsArticle document per article.
    Jsonld,
    /// IPTC ninjs 3.1, one document per article.
    Ninjs,
    /// HTML page with embedded JSON-LD, one per article.
    Html,
}

impl ExportFormat {
    /// Whether the format makes one document per article (rather than one feed).
    pub(crate) fn per_article(self) -> bool {
        matches!(
            self,
            ExportFormat::Jsonld | ExportFormat::Ninjs | ExportFormat::Html
        )
    }
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The output format.
    #[arg(long, value_enum)]
    pub(crate) format: ExportFormat,
    /// Article files, or `-` for standard input.
    #[arg(value_name = "FILE", required = true)]
    pub(crate) files: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) reading: Reading,
    /// Write into this folder (one file per article for per-article formats) instead of stdout.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    #[command(subcommand)]
    pub(crate) what: NewCommand,
}

#[derive(Debug, Subcommand)]
pub(crate) enum NewCommand {
    /// A channel folder: a commented channel.toml and one example article that builds cleanly.
    #[command(
        after_help = "Examples:\n  newswire new channel city-desk\n  newswire new channel \"City Desk\" --dir feeds"
    )]
    Channel(NewChannelArgs),
    /// An article with front matter in a channel's articles/ folder, published now.
    #[command(
        after_help = "Examples:\n  newswire new article \"Harbour lights return\"\n  newswire new article \"Harbour lights return\" --channel feeds/city-desk --author \"Mira Castell\""
    )]
    Article(NewArticleArgs),
}

#[derive(Debug, Args)]
pub(crate) struct NewChannelArgs {
    /// The channel's name: its folder is the name in lower case with hyphens (`City Desk` makes
    /// `city-desk`).
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
    /// The folder the channel folder goes in.
    #[arg(long, value_name = "DIR", default_value = "feeds")]
    pub(crate) dir: PathBuf,
    /// The feed's title [default: NAME, or NAME in title case when it is a folder name].
    #[arg(long)]
    pub(crate) title: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct NewArticleArgs {
    /// The headline; the file name and slug are made from it.
    #[arg(value_name = "TITLE")]
    pub(crate) title: String,
    /// The channel folder [default: the channel the current folder is in, or the only channel
    /// under ./feeds].
    #[arg(long, value_name = "DIR")]
    pub(crate) channel: Option<PathBuf>,
    /// The author, written as the byline [default: none, so the channel's default author].
    #[arg(long, value_name = "NAME")]
    pub(crate) author: Option<String>,
    /// The publication date, RFC 3339 with offset [default: now, in UTC, to the minute].
    #[arg(long, value_name = "RFC3339", value_parser = parse_timestamp)]
    pub(crate) published: Option<Timestamp>,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Write every schema into this folder instead of printing the record schema.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
}

fn parse_timestamp(s: &str) -> Result<Timestamp, String> {
    let t = chrono::DateTime::parse_from_rfc3339(s).map_err(|err| {
        format!("{err}: use RFC 3339 with an offset, such as 2026-03-14T09:30:00+00:00")
    })?;
    if newswire_model::misplaced_leap_second(&t) {
        return Err("RFC 3339 allows second 60 only at 23:59:60 UTC; write :59".to_owned());
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
