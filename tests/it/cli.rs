//! The command line as users and CI drive it: help, exit codes, output streams and formats.

use std::process::Output;

use serde_json::Value;

use crate::support::{newswire, root, run, stderr, stdout, tree};

#[test]
fn every_command_has_help_with_an_example() {
    for command in ["build", "parse", "validate", "export", "schema"] {
        let output = run(newswire().args([command, "--help"]));
        assert_eq!(output.status.code(), Some(0), "{command}");
        let help = stdout(&output);
        assert!(
            help.contains("Examples:") && help.contains("newswire "),
            "{command}: {help}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["parse"],
        &["parse", "x.txt", "--published", "yesterday"],
        &["export", "--format", "atomz", "a.txt"],
        &["validate", "does/not/exist.txt"],
        &["build", "does/not/exist", "--out", "does/not/public"],
    ] {
        let output = run(newswire().args(args));
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn schema_prints_the_committed_record_schema() {
    let output = run(newswire().arg("schema"));
    assert_eq!(output.status.code(), Some(0));
    let committed = std::fs::read_to_string(root().join("schemas/record.schema.json")).unwrap();
    assert_eq!(stdout(&output), committed);
}

#[test]
fn validate_sample_channel_is_clean() {
    let output = run(newswire().args([
        "validate",
        "feeds/harbour-ledger",
        "--deny-warnings",
        "--format",
        "json",
    ]));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.iter().all(|d| d["severity"] == "note"), "{lines:?}");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// An article with several problems: every one is reported, in each format, with exit 1.
#[test]
fn invalid_article_reports_every_problem_in_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("broken.txt");
    std::fs::write(
        &article,
        "+++\npublished = \"2026-05-01T10:00:00\"\nmodifed = 2026-05-02T10:00:00Z\n+++\nHarbour cranes stand idle\n\nThe cranes at the east quay did not move on Tuesday.\n",
    )
    .unwrap();
    let channel = root().join("tests/data/channel.toml");

    let json = run(newswire()
        .arg("validate")
        .arg(&article)
        .arg("--channel")
        .arg(&channel)
        .args(["--format", "json"]));
    assert_eq!(json.status.code(), Some(1), "{}", stderr(&json));
    let diagnostics: Vec<Value> = stdout(&json)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"NW0102"),
        "unknown key `modifed`: {codes:?}"
    );
    assert!(codes.contains(&"NW0103"), "date without offset: {codes:?}");
    let unknown = diagnostics.iter().find(|d| d["code"] == "NW0102").unwrap();
    assert_eq!(unknown["location"]["line"], 3);
    assert!(unknown["hint"].as_str().unwrap().contains("modified"));
    assert_eq!(unknown["file"], article.display().to_string());

    let github = run(newswire()
        .arg("validate")
        .arg(&article)
        .arg("--channel")
        .arg(&channel)
        .args(["--format", "github"]));
    assert_eq!(github.status.code(), Some(1));
    let annotation = stdout(&github)
        .lines()
        .find(|l| l.contains("title=NW0102"))
        .map(str::to_owned);
    let annotation = annotation.expect("an annotation for the unknown key");
    assert!(
        annotation.starts_with("::error file=") && annotation.contains(",line=3,"),
        "{annotation}"
    );

    let text = run(newswire()
        .arg("validate")
        .arg(&article)
        .arg("--channel")
        .arg(&channel));
    assert_eq!(text.status.code(), Some(1));
    let report = stderr(&text);
    assert!(
        report.contains("error[NW0102]") && report.contains("modifed = 2026-05-02T10:00:00Z"),
        "{report}"
    );
    assert!(report.contains("= help:"), "{report}");
}

#[test]
fn parse_reads_standard_input() {
    use std::io::Write;
    let mut child = newswire()
        .args([
            "parse",
            "-",
            "--published",
            "2026-04-01T08:00:00+02:00",
            "--channel",
            "tests/data/channel.toml",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Lantern festival draws record crowd\nBy Mira Castell\nPORT ELLERY — More than nine thousand people walked the harbour wall on Saturday night.\n".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let record: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(record["headline"], "Lantern festival draws record crowd");
    assert_eq!(record["slug"], "lantern-festival-draws-record-crowd");
    assert_eq!(
        record["url"],
        "https://desk.example/stories/lantern-festival-draws-record-crowd"
    );
    assert_eq!(record["published"], "2026-04-01T08:00:00+02:00");
    assert_eq!(record["authors"][0]["name"], "Mira Castell");
    assert_eq!(record["dateline"]["place"], "PORT ELLERY");
}

#[test]
fn missing_date_names_the_fix() {
    let output = run(newswire()
        .args(["parse", "-", "--channel", "tests/data/channel.toml"])
        .stdin(std::fs::File::open(root().join("tests/data/channel.toml")).unwrap()));
    // channel.toml read as an article: it has no date; the error says how to give one.
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(
        report.contains("NW0301") && report.contains("--published"),
        "{report}"
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn export_writes_documents() {
    let sample = root().join("feeds/harbour-ledger/articles");
    let mut articles: Vec<_> = std::fs::read_dir(&sample)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    articles.sort();

    let rss = run(newswire()
        .args(["export", "--format", "rss"])
        .args(&articles));
    assert_eq!(rss.status.code(), Some(0), "{}", stderr(&rss));
    let feed = feed_rs::parser::parse(rss.stdout.as_slice()).unwrap();
    assert_eq!(feed.entries.len(), articles.len());

    let one = run(newswire()
        .args(["export", "--format", "jsonld"])
        .arg(&articles[0]));
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    let doc: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(doc["@type"], "NewsArticle");

    let many = run(newswire()
        .args(["export", "--format", "jsonld"])
        .args(&articles));
    assert_eq!(
        many.status.code(),
        Some(2),
        "several per-article documents need --out"
    );

    let out = tempfile::tempdir().unwrap();
    let written = run(newswire()
        .args(["export", "--format", "jsonld", "--out"])
        .arg(out.path())
        .args(&articles));
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        articles.len()
    );
}

#[test]
fn build_publishes_and_a_failed_build_keeps_the_previous_outputs() {
    let work = tempfile::tempdir().unwrap();
    let channel = work.path().join("desk");
    std::fs::create_dir_all(channel.join("articles")).unwrap();
    std::fs::copy(
        root().join("tests/data/channel.toml"),
        channel.join("channel.toml"),
    )
    .unwrap();
    std::fs::write(
        channel.join("articles/tide.txt"),
        "+++\npublished = 2026-06-01T07:00:00Z\n+++\nSpring tide floods the quay\nBy Tomas Wren\nKESTREL BAY — The spring tide topped the quay wall for the first time in a decade.\n",
    )
    .unwrap();
    let out = work.path().join("public");
    let first = run(newswire().arg("build").arg(&channel).arg("--out").arg(&out));
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let rss = std::fs::read(out.join("desk/rss.xml")).unwrap();

    std::fs::write(channel.join("articles/broken.txt"), "Only a headline\n").unwrap();
    let second = run(newswire().arg("build").arg(&channel).arg("--out").arg(&out));
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    assert_eq!(
        std::fs::read(out.join("desk/rss.xml")).unwrap(),
        rss,
        "previous outputs stay"
    );
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["desk"], "nothing half-written is left");

    let third = run(newswire()
        .arg("build")
        .arg(&channel)
        .arg("--out")
        .arg(&out)
        .arg("--keep-going"));
    assert_eq!(
        third.status.code(),
        Some(1),
        "errors are still reported: {}",
        stderr(&third)
    );
    assert!(
        out.join("desk/articles/spring-tide-floods-the-quay.jsonld")
            .is_file()
    );
    assert!(!out.join("desk/articles/only-a-headline.jsonld").exists());
}

/// `--format json` lines are valid against the published diagnostics schema.
#[test]
fn json_diagnostics_match_the_published_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/diagnostics.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(
        &article,
        "+++\npublished = 2026-05-01T10:00:00Z\nmodified = 2026-04-01T10:00:00Z\nurl = \"javascript:alert(1)\"\n+++\nThe quay lights went out at nine.\nComments (3)\n",
    )
    .unwrap();
    let output = run(newswire().arg("validate").arg(&article).args([
        "--channel",
        "tests/data/channel.toml",
        "--format",
        "json",
    ]));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let codes: Vec<&str> = lines.iter().map(|d| d["code"].as_str().unwrap()).collect();
    for code in ["NW0302", "NW0303", "NW0203"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    for line in &lines {
        assert!(validator.is_valid(line), "{line}");
    }
}

/// What `parse` prints is a record that `validate` accepts as is, and that reads back into the
/// same record.
#[test]
fn parsed_records_validate_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let article = root().join("feeds/harbour-ledger/articles/ferry-strike.txt");
    let parsed = run(newswire().arg("parse").arg(&article));
    assert_eq!(parsed.status.code(), Some(0), "{}", stderr(&parsed));
    let record_file = dir.path().join("ferry-strike.json");
    std::fs::write(&record_file, &parsed.stdout).unwrap();

    let validated = run(newswire()
        .arg("validate")
        .arg(&record_file)
        .arg("--deny-warnings"));
    assert_eq!(validated.status.code(), Some(0), "{}", stderr(&validated));

    let reparsed = run(newswire().arg("parse").arg(&record_file));
    assert_eq!(reparsed.status.code(), Some(0), "{}", stderr(&reparsed));
    assert_eq!(stdout(&reparsed), stdout(&parsed));
}

/// `build --timings` reports every stage of every channel as one JSON object, on standard
/// error, so a benchmark can read where the time went, and the process's peak memory.
#[test]
fn build_reports_stage_timings() {
    let out = tempfile::tempdir().unwrap();
    let output = run(newswire()
        .args(["build", "feeds/harbour-ledger", "-q", "--timings", "--out"])
        .arg(out.path()));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let line = stderr(&output)
        .lines()
        .find(|l| l.contains("\"stages\""))
        .map(str::to_owned);
    let timings: Value = serde_json::from_str(&line.expect("a timings line")).unwrap();
    assert_eq!(timings["channel"], "feeds/harbour-ledger");
    assert!(timings["articles"].as_u64().unwrap() >= 15);
    let stages = timings["stages"].as_object().unwrap();
    for stage in [
        "read",
        "parse",
        "validate",
        "export jsonld",
        "export ninjs",
        "export html",
        "write",
        "compare",
        "feeds",
        "publish",
    ] {
        let seconds = stages[stage].as_f64().unwrap_or(-1.0);
        assert!(seconds >= 0.0, "{stage}: {seconds}");
    }
    assert!(
        stages["parse"].as_f64().unwrap() > 0.0,
        "parsing takes some time"
    );
    // The process's peak memory, where the system keeps it: more than the executable alone
    // and less than a gigabyte for a channel of a score of articles.
    if cfg!(target_os = "linux") {
        let kib = timings["peak_resident_kib"]
            .as_u64()
            .expect("a peak on Linux");
        assert!((1024..1024 * 1024).contains(&kib), "{kib} KiB");
    }
}

/// `--max-article-bytes` holds for every command that reads articles, as it does for a build:
/// an article one byte over the limit is refused (NW0005) without being parsed, with exit 1,
/// and one at the limit is read.
#[test]
fn every_command_refuses_articles_over_the_size_limit() {
    let article = root().join("feeds/harbour-ledger/articles/ferry-strike.txt");
    let bytes = std::fs::read(&article).unwrap();
    let size = bytes.len();
    let under = (size - 1).to_string();
    let at = size.to_string();
    let refused = |output: &std::process::Output, what: &str| {
        assert_eq!(output.status.code(), Some(1), "{what}: {}", stderr(output));
        let report = stderr(output) + &stdout(output);
        assert!(
            report.contains("NW0005") && report.contains(&format!("over the limit of {under}")),
            "{what}: {report}"
        );
    };

    let parse = |limit: &str| {
        run(newswire()
            .arg("parse")
            .arg(&article)
            .args(["--max-article-bytes", limit]))
    };
    let over = parse(&under);
    refused(&over, "parse");
    assert!(stderr(&over).contains(&format!("the file is {size} bytes")));
    assert_eq!(stdout(&over), "", "no record is printed");
    let read = parse(&at);
    assert_eq!(read.status.code(), Some(0), "{}", stderr(&read));

    let validate = run(newswire().arg("validate").arg(&article).args([
        "--format",
        "json",
        "--max-article-bytes",
        &under,
    ]));
    refused(&validate, "validate a file");
    let found: Vec<Value> = stdout(&validate)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "NW0005");
    assert_eq!(found[0]["file"], article.display().to_string());

    // A channel folder is validated as a build would read it: every article over 100 bytes.
    let channel = run(newswire().args([
        "validate",
        "feeds/harbour-ledger",
        "--format",
        "json",
        "--max-article-bytes",
        "100",
    ]));
    assert_eq!(channel.status.code(), Some(1), "{}", stderr(&channel));
    let too_large = stdout(&channel)
        .lines()
        .filter(|l| l.contains("\"NW0005\""))
        .count();
    let articles = std::fs::read_dir(root().join("feeds/harbour-ledger/articles"))
        .unwrap()
        .count();
    assert_eq!(too_large, articles, "{}", stdout(&channel));

    let export = run(newswire()
        .args(["export", "--format", "jsonld"])
        .arg(&article)
        .args(["--max-article-bytes", &under]));
    refused(&export, "export");
    assert_eq!(stdout(&export), "", "nothing is exported");

    // Standard input has no size to check first: reading stops one byte past the limit.
    let parse_stdin = |limit: &str| {
        run(newswire()
            .args([
                "parse",
                "-",
                "--channel",
                "feeds/harbour-ledger/channel.toml",
            ])
            .args(["--max-article-bytes", limit])
            .stdin(std::fs::File::open(&article).unwrap()))
    };
    let over = parse_stdin(&under);
    refused(&over, "parse standard input");
    assert!(stderr(&over).contains(&format!("more than {under} bytes")));
    assert!(stderr(&over).contains("<stdin>"));
    let read = parse_stdin(&at);
    assert_eq!(read.status.code(), Some(0), "{}", stderr(&read));
}

/// Two articles validated together with one slug: the later one's error points at the line
/// that gives its slug, as a build's does (the adversarial catalogue's duplicate channels).
#[test]
fn a_shared_slug_is_reported_at_the_line_that_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, day) in [("a.txt", 14), ("b.txt", 16)] {
        std::fs::write(
            dir.path().join(name),
            format!(
                "+++\nslug = \"quay-lamps\"\npublished = 2026-03-{day}T09:30:00+00:00\n+++\n\
                 Lamps lit again\nBy Ada Quill\nPORT WREN — The lamps were lit again on the {day}th.\n"
            ),
        )
        .unwrap();
    }
    let output = run(newswire()
        .arg("validate")
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .args(["--channel", "tests/data/channel.toml", "--format", "json"]));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let shared = only_one(&found, "NW0305");
    assert_eq!(
        shared["file"],
        dir.path().join("b.txt").display().to_string()
    );
    assert_eq!(shared["pointer"], "/slug");
    assert_eq!(shared["location"]["line"], 2);
}

/// The one diagnostic of `found` with `code`.
#[track_caller]
fn only_one<'a>(found: &'a [Value], code: &str) -> &'a Value {
    let with_code: Vec<&Value> = found.iter().filter(|d| d["code"] == code).collect();
    assert_eq!(with_code.len(), 1, "one {code} in {found:?}");
    with_code[0]
}

/// Two articles giving one `url` have one id under the default scheme: the second is reported
/// at its `url` key, in `validate` and in `build` alike.
#[test]
fn a_shared_id_is_reported_at_the_url_key_that_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::copy(
        root().join("tests/data/channel.toml"),
        dir.path().join("channel.toml"),
    )
    .unwrap();
    for (name, day) in [("a.txt", 14), ("b.txt", 16)] {
        std::fs::write(
            articles.join(name),
            format!(
                "+++\npublished = 2026-03-{day}T09:30:00+00:00\nurl = \"https://desk.example/stories/quay-lamps\"\n+++\n\
                 Lamps lit again on the {day}th\nBy Ada Quill\nPORT WREN — The lamps were lit again on the {day}th.\n"
            ),
        )
        .unwrap();
    }
    let validate = run(newswire()
        .arg("validate")
        .arg(articles.join("a.txt"))
        .arg(articles.join("b.txt"))
        .args(["--channel", "tests/data/channel.toml", "--format", "json"]));
    let build = run(newswire()
        .arg("build")
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("public"))
        .args(["--format", "json"]));
    for output in [validate, build] {
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let text = format!("{}{}", stdout(&output), stderr(&output));
        let found: Vec<Value> = text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        let shared = only_one(&found, "NW0306");
        assert!(
            shared["file"].as_str().unwrap().ends_with("b.txt"),
            "{found:?}"
        );
        assert_eq!(shared["pointer"], "/id");
        assert_eq!(shared["location"]["line"], 3, "{found:?}");
    }
}

/// Validating a channel folder reports exactly what building it reports — each article's
/// problems, a shared slug, warnings — with the same exit, and writes nothing anywhere: not
/// into the channel or beside it, not into a temporary folder (there is none to write into).
#[test]
fn validating_a_channel_folder_reports_what_a_build_does_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let channel = dir.path().join("desk");
    let articles = channel.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::copy(
        root().join("tests/data/channel.toml"),
        channel.join("channel.toml"),
    )
    .unwrap();
    let story = |day: u32, front: &str| {
        format!(
            "+++\npublished = 2026-03-{day}T09:30:00+00:00\n{front}+++\n\
             Lamps lit again on the {day}th\nBy Ada Quill\n\
             PORT WREN — The lamps on the north quay were lit again on the {day}th.\n"
        )
    };
    let clean = [
        ("a.txt", story(11, "")),
        (
            "e.md",
            "---\nheadline: Ferry timetable\npublished: 2026-03-12T08:00:00Z\n---\n\
             The winter ferry runs twice a day from the north quay.\n"
                .to_owned(),
        ),
    ];
    let broken = [
        ("b.txt", story(12, "slug = \"quay-lamps\"\n")),
        ("c.txt", story(13, "slug = \"quay-lamps\"\n")),
        ("d.txt", story(14, "modifed = 2026-03-15T09:30:00Z\n")),
    ];
    for (name, text) in clean.iter().chain(&broken) {
        std::fs::write(articles.join(name), text).unwrap();
    }
    let found = |output: &Output| -> Vec<String> {
        let mut found: Vec<String> = stdout(output)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .map(|d| {
                format!(
                    "{} {} {} {}",
                    d["code"], d["severity"], d["file"], d["location"]["line"]
                )
            })
            .collect();
        found.sort();
        found
    };
    let no_temp = dir.path().join("no-such-folder");
    for (round, exit) in [("broken", 1), ("clean", 0)] {
        if round == "clean" {
            for (name, _) in &broken {
                std::fs::remove_file(articles.join(name)).unwrap();
            }
        }
        let before = tree(dir.path());
        let validate = run(newswire()
            .env("TMPDIR", &no_temp)
            .arg("validate")
            .arg(&channel)
            .args(["--format", "json"]));
        assert_eq!(tree(dir.path()), before, "{round}: nothing written");
        let build = run(newswire()
            .arg("build")
            .arg(&channel)
            .arg("--out")
            .arg(dir.path().join("public"))
            .args(["--format", "json"]));
        std::fs::remove_dir_all(dir.path().join("public")).ok();
        assert_eq!(
            validate.status.code(),
            Some(exit),
            "{round}: {}",
            stderr(&validate)
        );
        assert_eq!(
            build.status.code(),
            Some(exit),
            "{round}: {}",
            stderr(&build)
        );
        let reported = found(&validate);
        if round == "broken" {
            assert!(
                ["NW0102", "NW0305"]
                    .iter()
                    .all(|code| reported.iter().any(|d| d.contains(code))),
                "{reported:?}"
            );
        }
        assert_eq!(reported, found(&build), "{round}");
    }
}
