//! The `newswire` binary.

fn main() -> std::process::ExitCode {
    newswire::main()
}
