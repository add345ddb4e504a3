//! Builds newswire channels: reads every article of a channel, validates it, exports every
//! output format, and publishes the channel's outputs atomically. A build that replaces
//! published outputs warns about ids that disappear and content changed without a new
//! `modified` date, which partners would otherwise get wrong.
//!
//! This is the pipeline both the `newswire` command line and `cargo xtask build` drive. It
//! owns the file system: the layers below it (ingest, validate, export) work on bytes and
//! values only.
//!
//! ```no_run
//! use std::path::Path;
//! use newswire_build::{Options, build};
//!
//! let options = Options::new(Path::new("public"));
//! let report = build(&[Path::new("feeds/harbour-ledger").to_path_buf()], &options);
//! for diagnostic in &report.diagnostics {
//!     eprintln!("{diagnostic}");
//! }
//! assert!(!report.has_errors());
//! ```
#![deny(missing_docs)]

mod article;
mod channel;
mod compare;
mod pipeline;
mod publish;
mod timings;
mod window;

pub use article::{InputKind, read_article, read_article_file, read_at_most, read_file_at_most};
pub use channel::{CHANNEL_FILE, discover_channels, find_channel_file, load_channel};
pub use pipeline::{
    BATCH, ChannelReport, MAX_ARTICLE_BYTES, Options, Progress, Report, build, build_channel,
};
pub use publish::{ARTICLES_DIR, OutputName};
pub use timings::StageTimes;
