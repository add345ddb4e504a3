//! The build's progress bar (indicatif), drawn on standard error only when it is a terminal,
//! and only once a channel has taken more than a moment.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use newswire_build::{ChannelReport, Progress};

/// How long a channel builds before its bar appears; quicker builds print no bar at all.
const DELAY: Duration = Duration::from_millis(300);

/// A bar per channel: `harbour-ledger [=====>    ] 812/2,000 articles, 1530/s, 1s left`.
#[derive(Debug)]
pub(crate) struct Bar {
    bar: ProgressBar,
    /// When the bar was made; `started` counts from it.
    epoch: Instant,
    /// When the current channel started, in milliseconds after `epoch`.
    started: AtomicU64,
    shown: AtomicBool,
}

impl Bar {
    pub(crate) fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template(
            "{prefix} [{bar:30}] {human_pos}/{human_len} articles, {rate}/s, {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                let _ = write!(out, "{:.0}", state.per_sec());
            },
        )
        .progress_chars("=> ");
        bar.set_style(style);
        Bar {
            bar,
            epoch: Instant::now(),
            started: AtomicU64::new(0),
            shown: AtomicBool::new(false),
        }
    }

    fn reveal_when_slow(&self) {
        if self.shown.load(Ordering::Relaxed) {
            return;
        }
        let started = Duration::from_millis(self.started.load(Ordering::Relaxed));
        let elapsed = self.epoch.elapsed().saturating_sub(started);
        if elapsed >= DELAY && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Progress for Bar {
    fn channel_started(&self, dir: &Path, articles: usize) {
        let now = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.started.store(now, Ordering::Relaxed);
        self.bar.reset();
        self.bar
            .set_length(u64::try_from(articles).unwrap_or(u64::MAX));
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.bar.set_prefix(name);
    }

    fn article_done(&self) {
        self.bar.inc(1);
        self.reveal_when_slow();
    }

    fn channel_finished(&self, _report: &ChannelReport) {
        self.finish();
    }
}

impl Bar {
    /// Takes the bar off the screen, so what follows starts on a clean line.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
