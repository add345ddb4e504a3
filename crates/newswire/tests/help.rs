//! The binary starts and answers `--help`; the end-to-end tests in `tests/` drive the rest.

#[test]
fn help_lists_every_command() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_newswire"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for command in ["build", "parse", "validate", "export", "schema"] {
        assert!(help.contains(command), "{command} missing from:\n{help}");
    }
}
