//! The command line as a new user meets it: scaffolding that builds at once, what `-q` and `-v`
//! print, colour only when asked for, the closing summary, shell completions, closed pipes.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::{newswire, root, run, stderr, stdout};

/// `newswire` run in `dir`.
fn newswire_in(dir: &Path) -> Command {
    let mut command = newswire();
    command.current_dir(dir);
    command
}

/// Expects `output` to have exited with `code`, and its standard error to contain every one of
/// `needles` and none of `absent`.
#[track_caller]
fn check(output: &Output, code: i32, needles: &[&str], absent: &[&str]) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(code), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "{needle:?} missing from:\n{err}");
    }
    for needle in absent {
        assert!(!err.contains(needle), "{needle:?} in:\n{err}");
    }
}

#[test]
fn a_new_channel_builds_cleanly_at_once() {
    let work = tempfile::tempdir().unwrap();
    let created = run(newswire_in(work.path()).args(["new", "channel", "City Desk"]));
    check(
        &created,
        0,
        &["created channel `City Desk` in feeds/city-desk"],
        &[],
    );
    let channel = work.path().join("feeds/city-desk");
    let toml = std::fs::read_to_string(channel.join("channel.toml")).unwrap();
    assert!(toml.contains("title = \"City Desk\"") && toml.contains("\n# "));
    assert!(toml.contains("https://news.example/"));
    let articles: Vec<_> = std::fs::read_dir(channel.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(articles, ["city-desk-opens-its-newsroom.md"]);

    let built = run(newswire_in(work.path()).arg("build"));
    check(
        &built,
        0,
        &["built 1 channel: 1 article (0 rejected), 7 outputs, 0 errors, 0 warnings, 0 notes in "],
        &["warning[", "error["],
    );
    assert!(
        work.path()
            .join("public/city-desk/articles/city-desk-opens-its-newsroom.html")
            .is_file()
    );
    let validated = run(newswire_in(work.path()).args([
        "validate",
        "feeds/city-desk",
        "--deny-warnings",
        "--format",
        "json",
    ]));
    assert_eq!(validated.status.code(), Some(0), "{}", stderr(&validated));
    assert_eq!(stdout(&validated), "", "no diagnostic at all");
}

#[test]
fn a_new_article_builds_cleanly() {
    let work = tempfile::tempdir().unwrap();
    check(
        &run(newswire_in(work.path()).args(["-q", "new", "channel", "desk"])),
        0,
        &[],
        &["created"],
    );
    // Inside the channel folder, no --channel is needed.
    let channel = work.path().join("feeds/desk");
    let created = run(newswire_in(&channel).args([
        "new",
        "article",
        "Tram line reopens after the storm",
        "--author",
        "Ana Ruiz",
        "--published",
        "2026-04-02T08:15:00+02:00",
    ]));
    check(
        &created,
        0,
        &["created articles/tram-line-reopens-after-the-storm.md"],
        &[],
    );
    let text =
        std::fs::read_to_string(channel.join("articles/tram-line-reopens-after-the-storm.md"))
            .unwrap();
    for line in [
        "headline = \"Tram line reopens after the storm\"",
        "slug = \"tram-line-reopens-after-the-storm\"",
        "published = 2026-04-02T08:15:00+02:00",
        "By Ana Ruiz",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} missing:\n{text}");
    }
    // From the project folder, the only channel under ./feeds is the one; the date is now.
    check(
        &run(newswire_in(work.path()).args(["new", "article", "Night market returns"])),
        0,
        &["created feeds/desk/articles/night-market-returns.md"],
        &[],
    );
    let built = run(newswire_in(work.path()).args(["build", "--deny-warnings"]));
    check(
        &built,
        0,
        &["built 1 channel: 3 articles (0 rejected), 13 outputs, 0 errors, 0 warnings"],
        &["warning[", "error["],
    );
    let record =
        run(newswire_in(&channel).args(["parse", "articles/tram-line-reopens-after-the-storm.md"]));
    let record: serde_json::Value = serde_json::from_slice(&record.stdout).unwrap();
    assert_eq!(record["authors"][0]["name"], "Ana Ruiz");
    assert_eq!(record["published"], "2026-04-02T08:15:00+02:00");
}

#[test]
fn nothing_is_overwritten() {
    let work = tempfile::tempdir().unwrap();
    run(newswire_in(work.path()).args(["new", "channel", "desk"]));
    let toml = work.path().join("feeds/desk/channel.toml");
    std::fs::write(&toml, "# edited\n").unwrap();
    let article = [
        "new",
        "article",
        "Quay wall repaired",
        "--channel",
        "feeds/desk",
    ];
    check(&run(newswire_in(work.path()).args(article)), 0, &[], &[]);
    let written = work
        .path()
        .join("feeds/desk/articles/quay-wall-repaired.md");
    std::fs::write(&written, "edited\n").unwrap();

    for (args, message) in [
        (&["new", "channel", "desk"][..], "feeds/desk already exists"),
        (&["new", "channel", "Desk"], "feeds/desk already exists"),
        (&article, "quay-wall-repaired.md already exists"),
        (
            &[
                "new",
                "article",
                "Quay wall repaired!",
                "--channel",
                "feeds/desk",
            ],
            "quay-wall-repaired.md already exists",
        ),
        (&["new", "channel", "!!!"], "cannot make a folder name"),
        (
            &["new", "article", "x", "--channel", "feeds/none"],
            "feeds/none is not a channel folder",
        ),
    ] {
        check(
            &run(newswire_in(work.path()).args(args)),
            2,
            &[message],
            &["created"],
        );
    }
    assert_eq!(std::fs::read_to_string(&toml).unwrap(), "# edited\n");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "edited\n");
}

#[test]
fn new_article_asks_which_channel_when_there_are_several() {
    let work = tempfile::tempdir().unwrap();
    check(
        &run(newswire_in(work.path()).args(["new", "article", "Quay wall repaired"])),
        2,
        &[
            "no channel to add the article to",
            "newswire new channel NAME",
        ],
        &[],
    );
    run(newswire_in(work.path()).args(["new", "channel", "north"]));
    run(newswire_in(work.path()).args(["new", "channel", "south"]));
    check(
        &run(newswire_in(work.path()).args(["new", "article", "Quay wall repaired"])),
        2,
        &["which channel?", "feeds/north, feeds/south"],
        &[],
    );
}

/// What each verbosity prints for a build with notes (the sample channel drops page residue).
#[test]
fn quiet_and_verbose_builds() {
    let out = tempfile::tempdir().unwrap();
    let build = |flag: Option<&str>| {
        let mut command = newswire();
        command
            .args(flag)
            .args(["build", "feeds/harbour-ledger", "--out"])
            .arg(out.path());
        run(&mut command)
    };
    let summary = "built 1 channel: ";
    check(&build(Some("-q")), 0, &[], &[summary, "note["]);
    let quiet = build(Some("--quiet"));
    assert_eq!(stderr(&quiet), "");
    check(
        &build(None),
        0,
        &[summary, "notes (-v shows notes) in "],
        &["note[", "feeds/harbour-ledger: "],
    );
    check(
        &build(Some("-v")),
        0,
        &[
            summary,
            "note[NW0203]",
            " --> feeds/harbour-ledger/articles/",
            "feeds/harbour-ledger: ",
            "published to ",
        ],
        &["(-v shows notes)"],
    );
}

/// `-q` and `-v` are accepted by every command, before or after its name.
#[test]
fn every_command_takes_quiet_and_verbose() {
    let sample = "feeds/harbour-ledger";
    let article = "feeds/harbour-ledger/articles/ferry-strike.txt";
    let out = tempfile::tempdir().unwrap();
    let out = out.path().to_str().unwrap();
    let commands: [&[&str]; 7] = [
        &["build", sample, "--out", out],
        &["parse", article],
        &["validate", sample],
        &["export", "--format", "rss", article],
        &["schema"],
        &["completions", "fish"],
        &["new", "channel", "x", "--dir", out],
    ];
    for command in commands {
        for flag in ["-q", "-v"] {
            for flag_first in [true, false] {
                let mut line = newswire();
                if flag_first {
                    line.arg(flag).args(command);
                } else {
                    line.args(command).arg(flag);
                }
                let output = run(&mut line);
                assert_eq!(
                    output.status.code(),
                    Some(0),
                    "{flag} {command:?}: {}",
                    stderr(&output)
                );
                if flag == "-q" {
                    assert_eq!(stderr(&output), "", "-q {command:?} says nothing");
                }
                let _ = std::fs::remove_dir_all(Path::new(out).join("x"));
            }
        }
    }
    let both = run(newswire().args(["-q", "-v", "schema"]));
    check(&both, 2, &["cannot be used with"], &[]);
}

/// Colour only with `--color always`, or on a terminal without NO_COLOR: never in a pipe.
#[test]
fn colour_only_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(
        &article,
        "+++\npublished = 2026-05-01T10:00:00Z\nheadlin = \"x\"\n+++\nQuay lights out\n\nThe quay lights went out at nine.\n",
    )
    .unwrap();
    let escape = "\u{1b}[";
    for (colour, env_no_color, expect) in [
        (None, None, false),
        (None, Some("1"), false),
        (Some("always"), Some("1"), true),
        (Some("always"), None, true),
        (Some("never"), None, false),
    ] {
        let mut command = newswire();
        command.env_remove("NO_COLOR");
        if let Some(value) = env_no_color {
            command.env("NO_COLOR", value);
        }
        if let Some(when) = colour {
            command.args(["--color", when]);
        }
        command
            .arg("validate")
            .arg(&article)
            .args(["--channel", "tests/data/channel.toml"]);
        let output = run(&mut command);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{err}");
        assert!(err.contains("NW0102"), "{err}");
        assert_eq!(
            err.contains(escape),
            expect,
            "{colour:?} {env_no_color:?}: {err:?}"
        );
        assert!(!stdout(&output).contains(escape));
    }
}

/// Text diagnostics are rustc-style: place, source line, underline, hint.
#[test]
fn text_diagnostics_show_the_line_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(
        &article,
        "+++\npublished = 2026-05-01T10:00:00Z\nsectoin = \"Harbour\"\n+++\nQuay lights out\n\nThe quay lights went out at nine.\n",
    )
    .unwrap();
    let output = run(newswire()
        .arg("validate")
        .arg(&article)
        .args(["--channel", "tests/data/channel.toml"]));
    let expected = format!(
        "error[NW0102]: unknown front matter key `sectoin`\n --> {}:3:1\n  |\n3 | sectoin = \"Harbour\"\n  | ^^^^^^^\n  |\n  = help: did you mean `section`?",
        article.display()
    );
    check(&output, 1, &[&expected, "invalid 1 file: 1 error"], &[]);
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _newswire"),
        ("zsh", "#compdef newswire"),
        ("fish", "complete -c newswire"),
        ("elvish", "edit:completion:arg-completer[newswire]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = run(newswire().args(["completions", shell]));
        assert_eq!(
            output.status.code(),
            Some(0),
            "{shell}: {}",
            stderr(&output)
        );
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("keep-going"),
            "{shell} completes build's flags"
        );
    }
    check(
        &run(newswire().args(["completions", "tcsh"])),
        2,
        &["invalid value"],
        &[],
    );
}

/// A reader that stops early (`newswire parse x | head`) ends the command quietly.
#[test]
fn a_closed_pipe_is_not_an_error() {
    let article = root().join("feeds/harbour-ledger/articles/ferry-strike.txt");
    for args in [
        vec!["parse".to_owned(), article.display().to_string()],
        vec!["schema".to_owned()],
        vec!["completions".to_owned(), "zsh".to_owned()],
    ] {
        let mut child = newswire()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        check(&output, 0, &[], &["error", "panicked"]);
    }
}

/// Usage mistakes name the fix.
#[test]
fn mistakes_name_the_fix() {
    let empty = tempfile::tempdir().unwrap();
    check(
        &run(newswire_in(empty.path()).arg("build")),
        2,
        &["no ./feeds folder here", "newswire new channel NAME"],
        &[],
    );
    check(
        &run(newswire().args(["build", "feeds/harbour-ledger/articles"])),
        2,
        &["is not a channel folder: it has no channel.toml"],
        &[],
    );
    check(
        &run(newswire().args(["build", "no/such/folder"])),
        2,
        &["no/such/folder is not a folder"],
        &[],
    );
    // A folder of channels stands for the channels in it.
    let out = tempfile::tempdir().unwrap();
    check(
        &run(newswire().args(["build", "feeds", "--out"]).arg(out.path())),
        0,
        &["built 1 channel"],
        &[],
    );
    check(
        &run(newswire().args(["validate", "feeds"])),
        0,
        &["validated "],
        &[],
    );
    // An article outside any channel: the errors say what is missing, a note says how to
    // give a channel.
    let story = empty.path().join("story.txt");
    std::fs::write(
        &story,
        "Quay lights out\n\nThe quay lights went out at nine.\n",
    )
    .unwrap();
    check(
        &run(newswire_in(empty.path()).args(["parse", "story.txt"])),
        1,
        &["no channel.toml was found", "--channel"],
        &[],
    );
}
