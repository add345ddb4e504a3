//! The `newswire` command line: flag definitions and glue over the library crates.
//!
//! The command line is a library so that the end-to-end tests build the very code the
//! `newswire` binary runs (as their own binary target, rebuilt whenever they run), and so that
//! `cargo xtask dist` writes shell completions and man pages from the same definitions. Its
//! entry point is [`main`]:
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     newswire::main()
//! }
//! ```
//!
//! and [`command`] is its definition:
//!
//! ```
//! let command = newswire::command();
//! assert_eq!(command.get_name(), "newswire");
//! assert!(command.get_subcommands().any(|c| c.get_name() == "build"));
//! ```
#![deny(missing_docs)]

mod cli;
mod commands;
mod progress;
mod render;
mod scaffold;
mod ui;

/// The allocator of every program built on this crate: the `newswire` binary and the one the
/// end-to-end tests run. A build allocates and frees many small values on every worker thread
/// at once, which mimalloc's per-thread heaps serve faster than the system allocator. It is
/// built without transparent huge pages: where measured, they more than doubled a build's
/// memory and stalled it zeroing fresh 2 MB pages (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::process::ExitCode;

use anstyle::AnsiColor;
use clap::{CommandFactory as _, Parser as _};

/// Runs the command line on the process's arguments and standard streams.
pub fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let ui = ui::Ui::new(&cli.global);
    let result = commands::run(cli, &ui);
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "{}: {err:#}", ui.paint("error", AnsiColor::Red));
            ExitCode::from(commands::EXIT_FAILURE)
        }
    }
}

/// The command line's definition: every command, flag and help text, for shell completions
/// and man pages.
pub fn command() -> clap::Command {
    cli::Cli::command()
}

/// A reader that closed the pipe (`newswire parse x | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
