//! The `newswire` command line: flag definitions and glue over the library crates.
//!
//! The command line is a library so that the end-to-end tests build the very code the
//! `newswire` binary runs (as their own binary target, rebuilt whenever they run). Its one
//! entry point is [`main`]:
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     newswire::main()
//! }
//! ```
#![deny(missing_docs)]

mod cli;
mod commands;
mod render;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Runs the command line on the process's arguments and standard streams.
pub fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = commands::run(cli);
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {err:#}");
            ExitCode::from(commands::EXIT_FAILURE)
        }
    }
}

/// A reader that closed the pipe (`newswire parse x | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
