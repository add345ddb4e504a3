//! The documentation cannot drift from the code: every diagnostic code has its section in
//! `docs/diagnostics.md`, and every command and flag of the command line has its place in
//! `docs/guide.md`.

use newswire_model::Code;

use crate::support::{newswire, root, run, stdout};

const DIAGNOSTICS: &str = "docs/diagnostics.md";
const GUIDE: &str = "docs/guide.md";

fn read(doc: &str) -> String {
    std::fs::read_to_string(root().join(doc)).unwrap_or_else(|err| panic!("{doc}: {err}"))
}

/// Expects `doc` to hold `heading` as a line of its own.
#[track_caller]
fn check_section(doc: &str, heading: &str) {
    let text = read(doc);
    assert!(
        text.lines().any(|line| line.trim_end() == heading),
        "{doc} has no line `{heading}`"
    );
}

/// Expects `doc` to mention `needle`.
#[track_caller]
fn check_mention(doc: &str, needle: &str) {
    let text = read(doc);
    assert!(text.contains(needle), "{doc} does not mention {needle}");
}

#[test]
fn every_code_has_a_section() {
    for code in Code::ALL {
        check_section(DIAGNOSTICS, &format!("## {}", code.as_str()));
    }
}

#[test]
fn diagnostics_has_no_section_for_an_unknown_code() {
    let text = read(DIAGNOSTICS);
    let sections: Vec<&str> = text
        .lines()
        .filter_map(|line| line.strip_prefix("## NW"))
        .collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| &c.as_str()[2..]).collect();
    assert_eq!(
        sections, codes,
        "{DIAGNOSTICS}: one `## NWxxxx` section per code, in order"
    );
}

#[test]
fn every_diagnostics_link_has_its_section() {
    for doc in [GUIDE, DIAGNOSTICS] {
        let text = read(doc);
        for (at, _) in text.match_indices("#nw") {
            let anchor: String = text[at + 1..].chars().take(6).collect();
            let code = anchor.to_uppercase();
            assert!(
                Code::ALL.iter().any(|c| c.as_str() == code),
                "{doc} links to #{anchor}, which is no code"
            );
            check_section(DIAGNOSTICS, &format!("## {code}"));
        }
    }
}

/// The help of `newswire` followed by `path`.
fn help(path: &[&str]) -> String {
    let output = run(newswire().args(path).arg("--help"));
    assert_eq!(output.status.code(), Some(0), "{path:?} --help");
    stdout(&output)
}

/// The subcommands a help text lists (`help` aside).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim_end() != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// The long flags a help text lists, such as `--keep-going`.
fn flags(help: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in help.lines() {
        let line = line.trim_start();
        if !line.starts_with('-') || line.starts_with("- ") {
            continue;
        }
        for word in line.split_whitespace() {
            let word = word.trim_end_matches(',');
            if word.starts_with("--") {
                out.push(word.to_owned());
            } else if !word.starts_with('-') && !word.starts_with('<') {
                break;
            }
        }
    }
    out
}

/// Every command path, such as `["new", "channel"]`, with its help text.
fn commands() -> Vec<(Vec<String>, String)> {
    let mut todo = vec![Vec::new()];
    let mut out = Vec::new();
    while let Some(path) = todo.pop() {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        let text = help(&args);
        for sub in subcommands(&text) {
            let mut next = path.clone();
            next.push(sub);
            todo.push(next);
        }
        out.push((path, text));
    }
    out.sort();
    out
}

#[test]
fn every_command_has_a_section_in_the_guide() {
    let commands = commands();
    assert!(
        commands.iter().any(|(path, _)| path == &["build"]),
        "{commands:?}"
    );
    for (path, _) in &commands {
        match path.as_slice() {
            [] => {}
            [command] => check_section(GUIDE, &format!("### `newswire {command}`")),
            _ => check_mention(GUIDE, &format!("newswire {}", path.join(" "))),
        }
    }
}

#[test]
fn every_flag_is_in_the_guide() {
    for (path, text) in commands() {
        let flags = flags(&text);
        assert!(flags.contains(&"--help".to_owned()), "{path:?}: {flags:?}");
        for flag in flags {
            check_mention(GUIDE, &format!("`{flag}"));
        }
    }
}
