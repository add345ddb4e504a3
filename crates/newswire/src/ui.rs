//! What the command line says besides its documents: how much (`-q`, `-v`), in colour or not,
//! and the closing summary.
//!
//! - `-q`: warnings and errors only; no summary, no progress bar, no "created" lines.
//! - default: warnings and errors, a progress bar on a terminal for builds that take more than
//!   a moment, and a one-line summary; notes are counted in the summary but not shown.
//! - `-v`: notes too, one line per channel, every file written.
//!
//! `--format json` and `--format github` are for programs: they carry every diagnostic,
//! notes included, whatever the verbosity.

use std::io::{IsTerminal as _, Write as _};
use std::time::Duration;

use anstyle::{AnsiColor, Style};
use newswire_build::Report;
use newswire_model::{Diagnostic, Severity};

use crate::cli::{ColourChoice, Global};

/// How much the command line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Verbosity {
    /// `-q`.
    Quiet,
    /// Neither `-q` nor `-v`.
    Normal,
    /// `-v`.
    Verbose,
}

/// The settings every command prints with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ui {
    pub(crate) verbosity: Verbosity,
    /// Whether text on standard error is coloured.
    pub(crate) colour: bool,
    /// Whether standard error is a terminal (progress bars are drawn only there).
    pub(crate) terminal: bool,
}

impl Ui {
    pub(crate) fn new(global: &Global) -> Ui {
        let terminal = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colour = match global.color {
            ColourChoice::Always => true,
            ColourChoice::Never => false,
            ColourChoice::Auto => terminal && !no_color,
        };
        let verbosity = if global.quiet {
            Verbosity::Quiet
        } else if global.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        };
        Ui {
            verbosity,
            colour,
            terminal,
        }
    }

    /// Whether text diagnostics of `severity` are shown.
    pub(crate) fn shows(&self, severity: Severity) -> bool {
        severity >= Severity::Warning || self.verbosity == Verbosity::Verbose
    }

    /// Whether a progress bar may be drawn.
    pub(crate) fn progress(&self) -> bool {
        self.terminal && self.verbosity > Verbosity::Quiet
    }

    /// Prints a line on standard error unless `-q`.
    pub(crate) fn say(&self, line: &str) -> std::io::Result<()> {
        if self.verbosity > Verbosity::Quiet {
            writeln!(std::io::stderr().lock(), "{line}")?;
        }
        Ok(())
    }

    /// Prints a line on standard error with `-v` only.
    pub(crate) fn detail(&self, line: &str) -> std::io::Result<()> {
        if self.verbosity == Verbosity::Verbose {
            writeln!(std::io::stderr().lock(), "{line}")?;
        }
        Ok(())
    }

    /// The line a build ends with: `built 1 channel: 15 articles (0 rejected), 49 outputs,
    /// 0 errors, 0 warnings, 5 notes in 0.21s`. Outputs count only published channels; after
    /// them, how many a rebuild kept unchanged, when it kept any: `49 outputs (46 unchanged)`.
    pub(crate) fn build_summary(&self, report: &Report, elapsed: Duration) -> String {
        let channels = &report.channels;
        let published = channels.iter().filter(|c| c.published).count();
        let articles: usize = channels.iter().map(|c| c.articles).sum();
        let rejected: usize = channels.iter().map(|c| c.rejected).sum();
        let published_channels = || channels.iter().filter(|c| c.published);
        let outputs: usize = published_channels().map(|c| c.outputs).sum();
        let unchanged: usize = published_channels().map(|c| c.unchanged).sum();
        let head = if published == channels.len() {
            format!(
                "{} {}",
                self.paint("built", AnsiColor::Green),
                plural(published, "channel", "channels")
            )
        } else {
            format!(
                "{} {published} of {}",
                self.paint("published", AnsiColor::Red),
                plural(channels.len(), "channel", "channels")
            )
        };
        format!(
            "{head}: {} ({rejected} rejected), {}, {} in {:.2}s",
            plural(articles, "article", "articles"),
            outputs_and_unchanged(outputs, unchanged),
            Counts::of(&report.diagnostics).describe(self.shows(Severity::Note)),
            elapsed.as_secs_f64()
        )
    }

    /// `word` in bold `colour`, when colour is on.
    pub(crate) fn paint(&self, word: &str, colour: AnsiColor) -> String {
        if self.colour {
            let style = Style::new().bold().fg_color(Some(colour.into()));
            format!("{style}{word}{style:#}")
        } else {
            word.to_owned()
        }
    }
}

/// How many diagnostics of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) notes: usize,
}

impl Counts {
    pub(crate) fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut counts = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Note => counts.notes += 1,
            }
        }
        counts
    }

    /// `1 error, 0 warnings, 3 notes`, saying when notes were left out of the text output.
    pub(crate) fn describe(&self, notes_shown: bool) -> String {
        let mut s = format!(
            "{}, {}, {}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.notes, "note", "notes"),
        );
        if self.notes > 0 && !notes_shown {
            s.push_str(" (-v shows notes)");
        }
        s
    }
}

/// `1 article`, `2 articles`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `49 outputs`, or `49 outputs (46 unchanged)` when a rebuild kept some as they were.
pub(crate) fn outputs_and_unchanged(outputs: usize, unchanged: usize) -> String {
    let outputs = plural(outputs, "output", "outputs");
    if unchanged == 0 {
        outputs
    } else {
        format!("{outputs} ({unchanged} unchanged)")
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use newswire_build::ChannelReport;
    use newswire_model::Code;

    use super::*;

    fn channel(articles: usize, rejected: usize, outputs: usize, published: bool) -> ChannelReport {
        ChannelReport {
            dir: PathBuf::from("feeds/desk"),
            out_dir: PathBuf::from("public/desk"),
            articles,
            rejected,
            outputs,
            unchanged: 0,
            published,
            timings: newswire_build::StageTimes::default(),
        }
    }

    #[track_caller]
    fn check_summary(
        verbosity: Verbosity,
        channels: Vec<ChannelReport>,
        severities: &[Severity],
        expect: &str,
    ) {
        let ui = Ui {
            verbosity,
            colour: false,
            terminal: false,
        };
        let report = Report {
            channels,
            diagnostics: severities
                .iter()
                .map(|s| Diagnostic::new(Code::EmptyBody, *s, "x"))
                .collect(),
        };
        assert_eq!(
            ui.build_summary(&report, Duration::from_millis(1234)),
            expect
        );
    }

    #[test]
    fn build_summaries() {
        check_summary(
            Verbosity::Normal,
            vec![channel(15, 0, 49, true)],
            &[Severity::Note; 5],
            "built 1 channel: 15 articles (0 rejected), 49 outputs, 0 errors, 0 warnings, 5 notes (-v shows notes) in 1.23s",
        );
        check_summary(
            Verbosity::Verbose,
            vec![channel(1, 0, 7, true), channel(2, 1, 10, true)],
            &[Severity::Error, Severity::Warning],
            "built 2 channels: 3 articles (1 rejected), 17 outputs, 1 error, 1 warning, 0 notes in 1.23s",
        );
        check_summary(
            Verbosity::Normal,
            vec![channel(1, 0, 7, true), channel(2, 1, 10, false)],
            &[Severity::Error],
            "published 1 of 2 channels: 3 articles (1 rejected), 7 outputs, 1 error, 0 warnings, 0 notes in 1.23s",
        );
        // A rebuild: the outputs kept unchanged, of the published channels only.
        let kept = |mut c: ChannelReport, unchanged| {
            c.unchanged = unchanged;
            c
        };
        check_summary(
            Verbosity::Verbose,
            vec![
                kept(channel(1, 0, 7, true), 5),
                kept(channel(2, 0, 10, true), 10),
                kept(channel(2, 1, 10, false), 3),
            ],
            &[],
            "published 2 of 3 channels: 5 articles (1 rejected), 17 outputs (15 unchanged), 0 errors, 0 warnings, 0 notes in 1.23s",
        );
    }

    #[track_caller]
    fn check(severities: &[Severity], notes_shown: bool, expect: &str) {
        let diagnostics: Vec<Diagnostic> = severities
            .iter()
            .map(|s| Diagnostic::new(Code::EmptyBody, *s, "x"))
            .collect();
        assert_eq!(Counts::of(&diagnostics).describe(notes_shown), expect);
    }

    #[test]
    fn counts() {
        check(&[], false, "0 errors, 0 warnings, 0 notes");
        check(
            &[Severity::Error, Severity::Note, Severity::Note],
            false,
            "1 error, 0 warnings, 2 notes (-v shows notes)",
        );
        check(
            &[Severity::Warning, Severity::Note],
            true,
            "0 errors, 1 warning, 1 note",
        );
    }
}
