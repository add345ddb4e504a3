//! Where a build spends its time: each stage's duration, summed over every worker thread, so
//! a stage's figure is the processor time it took (on 2 cores a build's wall time is about
//! half the sum).

use std::time::{Duration, Instant};

macro_rules! stages {
    ($( $(#[doc = $doc:literal])+ $field:ident = $name:literal, )+) => {
        /// Time spent in each stage of a channel's build.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct StageTimes {
            $( $(#[doc = $doc])+ pub $field: Duration, )+
        }

        impl StageTimes {
            /// Every stage with its name, in pipeline order.
            pub fn entries(&self) -> Vec<(&'static str, Duration)> {
                vec![$( ($name, self.$field), )+]
            }

            pub(crate) fn add(&mut self, other: &StageTimes) {
                $( self.$field += other.$field; )+
            }
        }
    };
}

stages! {
    /// Reading article files.
    read = "read",
    /// Ingest: bytes to record.
    parse = "parse",
    /// Both validation layers.
    validate = "validate",
    /// schema.org JSON-LD of each article.
    jsonld = "export jsonld",
    /// IPTC ninjs of each article.
    ninjs = "export ninjs",
    /// HTML page of each article.
    html = "export html",
    /// Writing per-article outputs.
    write = "write",
    /// Comparing with the previous build.
    compare = "compare",
    /// The channel feeds: RSS, Atom, JSON Feed and the JSON-LD feed, made and written.
    feeds = "feeds",
    /// Moving the outputs into place.
    publish = "publish",
}

/// Times one stage: `let x = time(&mut times.parse, || parse(..));`.
pub(crate) fn time<T>(slot: &mut Duration, work: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = work();
    *slot += start.elapsed();
    value
}
