//! The `newswire` command line, built as this package's own binary so the end-to-end tests
//! always run the current code.

fn main() -> std::process::ExitCode {
    newswire::main()
}
