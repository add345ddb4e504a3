//! The adversarial catalogue: every hostile input in `tests/adversarial/` through the real
//! command line, with a deadline, against the outcome written down in its `expect.toml`.
//!
//! Whatever the input, newswire must finish in time, exit 0, 1 or 2 (a panic exits 101, a
//! crash is a signal), give exactly the diagnostics written down, leave every file outside its
//! output folder as it was and write nothing outside it, and publish only outputs that read
//! back: feeds through feed-rs, JSON through serde_json, with no character XML forbids and no
//! text that ends the page's script early.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use crate::support::{newswire, root};

/// How long one command may run, unless a case says otherwise. Generous for a debug build on
/// a busy machine; an input that makes newswire hang or take quadratic time exceeds it.
const DEFAULT_TIMEOUT: u64 = 20;

/// The files every published channel has besides its articles' three each.
const CHANNEL_OUTPUTS: [&str; 4] = ["atom.xml", "feed.json", "feed.jsonld", "rss.xml"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    case: Vec<Case>,
    channel: Vec<ChannelCase>,
}

/// One article, validated and built on its own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    file: String,
    what: String,
    generate: Option<String>,
    #[serde(default)]
    diagnostics: Vec<String>,
    #[serde(default)]
    counts: BTreeMap<String, usize>,
    exit: Option<i32>,
    slug: Option<String>,
    #[serde(default)]
    record: BTreeMap<String, toml::Value>,
    #[serde(default)]
    lacks: Vec<String>,
    #[serde(default = "yes")]
    build: bool,
    #[serde(default = "yes")]
    validate: bool,
    timeout: Option<u64>,
}

/// A work folder holding one or more channels, built at once.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelCase {
    name: String,
    what: String,
    #[serde(default = "default_channels")]
    channels: Vec<String>,
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    generate: BTreeMap<String, String>,
    #[serde(default)]
    links: BTreeMap<String, String>,
    #[serde(default)]
    dirs: Vec<String>,
    #[serde(default = "default_out")]
    out: String,
    #[serde(default)]
    args: Vec<String>,
    exit: i32,
    #[serde(default)]
    diagnostics: Vec<String>,
    #[serde(default)]
    counts: BTreeMap<String, usize>,
    published: Option<Vec<String>>,
    #[serde(default)]
    jsonld: BTreeMap<String, BTreeMap<String, toml::Value>>,
    #[serde(default)]
    unchanged: Vec<String>,
    timeout: Option<u64>,
}

fn yes() -> bool {
    true
}

fn default_channels() -> Vec<String> {
    vec!["desk".to_owned()]
}

fn default_out() -> String {
    "public".to_owned()
}

fn data_dir() -> PathBuf {
    root().join("tests/adversarial")
}

fn catalogue() -> Catalogue {
    let path = data_dir().join("expect.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_catalogue_is_complete_and_small() {
    let catalogue = catalogue();
    let cases = catalogue.case.len() + catalogue.channel.len();
    assert!(cases >= 50, "only {cases} cases");

    let mut used: Vec<&str> = catalogue
        .case
        .iter()
        .filter(|c| c.generate.is_none())
        .map(|c| c.file.as_str())
        .collect();
    used.extend(
        catalogue
            .channel
            .iter()
            .flat_map(|c| c.files.values().map(String::as_str)),
    );
    let mut names = std::collections::BTreeSet::new();
    let mut total = 0;
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        total += entry.metadata().unwrap().len();
        if name != "expect.toml" {
            assert!(used.contains(&name.as_str()), "{name} is in no case");
            names.insert(name);
        }
    }
    for name in &used {
        assert!(names.contains(*name), "{name} is not in tests/adversarial");
    }
    assert!(total < 200_000, "the committed inputs take {total} bytes");

    let mut seen = std::collections::BTreeSet::new();
    for case in &catalogue.case {
        assert!(seen.insert(&case.file), "{} twice", case.file);
        assert!(!case.what.is_empty() && (case.build || case.validate));
    }
    for case in &catalogue.channel {
        assert!(seen.insert(&case.name), "{} twice", case.name);
        assert!(!case.what.is_empty());
    }
}

#[test]
fn every_article_gives_its_outcome() {
    let catalogue = catalogue();
    let failures = run_all(
        &catalogue.case,
        |case| case.file.clone(),
        |case| case.generate.is_some(),
        check_case,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_channel_gives_its_outcome() {
    let catalogue = catalogue();
    let failures = run_all(
        &catalogue.channel,
        |case| case.name.clone(),
        |case| !case.generate.is_empty(),
        check_channel,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Runs `check` on every item on a few threads, the `heavy` ones first so that they do not
/// finish last; returns the failures, in catalogue order.
fn run_all<T: Sync>(
    items: &[T],
    name: impl Fn(&T) -> String + Sync,
    heavy: impl Fn(&T) -> bool,
    check: impl Fn(&T) -> Result<(), String> + Sync,
) -> Vec<String> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| !heavy(&items[i]));
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let item = &items[i];
                    if let Err(why) = check(item) {
                        let mut failures = failures.lock().unwrap();
                        failures.push((i, format!("{}: {why}", name(item))));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    failures.into_iter().map(|(_, f)| f).collect()
}

/// Checks one article: `validate`, `build` of a channel holding only it, and `parse` for the
/// record's facts.
fn check_case(case: &Case) -> Result<(), String> {
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let work = work.path();
    let article = format!("desk/articles/{}", case.file);
    let bytes = match &case.generate {
        Some(name) => generate(name),
        None => read(&data_dir().join(&case.file))?,
    };
    write(&work.join("desk/channel.toml"), &read(&test_channel())?)?;
    write(&work.join(&article), &bytes)?;
    let timeout = Duration::from_secs(case.timeout.unwrap_or(DEFAULT_TIMEOUT));
    let expected = Expected::new(&case.diagnostics, &case.counts)?;
    let exit = case.exit.unwrap_or_else(|| expected.exit_code());
    let before = snapshot(work)?;

    if case.validate {
        let ran = run(
            newswire().current_dir(work).args([
                "validate",
                &article,
                "--channel",
                "desk/channel.toml",
                "--format",
                "json",
            ]),
            timeout,
        )
        .map_err(|e| format!("validate: {e}"))?;
        ran.expect_exit(exit)
            .map_err(|e| format!("validate: {e}"))?;
        expected
            .check(&ran.diagnostics()?, Some(&article))
            .map_err(|e| format!("validate: {e}"))?;
    }
    let mut outputs = Vec::new();
    if case.build {
        let ran = run(
            newswire()
                .current_dir(work)
                .args(["build", "desk", "--out", "public", "--format", "json"]),
            timeout,
        )
        .map_err(|e| format!("build: {e}"))?;
        ran.expect_exit(exit).map_err(|e| format!("build: {e}"))?;
        expected
            .check(&ran.diagnostics()?, Some(&article))
            .map_err(|e| format!("build: {e}"))?;
        let published = work.join("public/desk");
        match &case.slug {
            Some(slug) if exit == 0 => {
                outputs = check_outputs(&published, std::slice::from_ref(slug))?;
            }
            Some(_) => return Err(format!("a slug is given, but the exit code is {exit}")),
            None if published.exists() => {
                return Err("published, though the case gives no slug".to_owned());
            }
            None => {}
        }
    }
    check_untouched(&before, &snapshot(work)?, "public", &[])?;

    if !case.record.is_empty() || !case.lacks.is_empty() {
        let ran = run(
            newswire().current_dir(work).args([
                "parse",
                &article,
                "--channel",
                "desk/channel.toml",
            ]),
            timeout,
        )
        .map_err(|e| format!("parse: {e}"))?;
        ran.expect_exit(exit).map_err(|e| format!("parse: {e}"))?;
        let record: Value = serde_json::from_slice(&ran.stdout)
            .map_err(|e| format!("parse printed no record: {e}"))?;
        check_facts("the record", &record, &case.record)?;
        outputs.push(("the record".to_owned(), ran.stdout));
    }
    for text in &case.lacks {
        for (name, bytes) in &outputs {
            if String::from_utf8_lossy(bytes).contains(text.as_str()) {
                return Err(format!("{name} holds {text:?}"));
            }
        }
    }
    Ok(())
}

/// Checks one work folder of channels built at once.
fn check_channel(case: &ChannelCase) -> Result<(), String> {
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let work = work.path();
    for dir in &case.dirs {
        std::fs::create_dir_all(work.join(dir)).map_err(|e| format!("{dir}: {e}"))?;
    }
    for (path, input) in &case.files {
        write(&work.join(path), &read(&data_dir().join(input))?)?;
    }
    for (path, name) in &case.generate {
        write(&work.join(path), &generate(name))?;
    }
    for channel in &case.channels {
        let file = work.join(channel).join("channel.toml");
        if !file.exists() {
            write(&file, &read(&test_channel())?)?;
        }
    }
    for (path, target) in &case.links {
        make_link(target, &work.join(path))?;
    }
    let before = snapshot(work)?;

    let timeout = Duration::from_secs(case.timeout.unwrap_or(DEFAULT_TIMEOUT));
    let ran = run(
        newswire()
            .current_dir(work)
            .arg("build")
            .args(&case.channels)
            .args(["--out", &case.out, "--format", "json"])
            .args(&case.args),
        timeout,
    )?;
    ran.expect_exit(case.exit)?;
    Expected::new(&case.diagnostics, &case.counts)?.check(&ran.diagnostics()?, None)?;

    let name = Path::new(&case.channels[0])
        .file_name()
        .map_or_else(|| "channel".into(), |n| n.to_string_lossy().into_owned());
    let published = work.join(&case.out).join(name);
    match &case.published {
        Some(slugs) => {
            check_outputs(&published, slugs)?;
            for (slug, facts) in &case.jsonld {
                let path = published.join(format!("articles/{slug}.jsonld"));
                let doc: Value = serde_json::from_slice(&read(&path)?)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                check_facts(&format!("{slug}.jsonld"), &doc, facts)?;
            }
        }
        None if std::fs::symlink_metadata(&published).is_ok() && case.out != "." => {
            return Err(format!("{} exists", published.display()));
        }
        None => {}
    }
    check_untouched(&before, &snapshot(work)?, &case.out, &case.unchanged)
}

/// The test channel every case's articles are read in.
fn test_channel() -> PathBuf {
    root().join("tests/data/channel.toml")
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(unix)]
fn make_link(target: &str, link: &Path) -> Result<(), String> {
    if let Some(dir) = link.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::os::unix::fs::symlink(target, link).map_err(|e| format!("{}: {e}", link.display()))
}

#[cfg(not(unix))]
fn make_link(_target: &str, _link: &Path) -> Result<(), String> {
    Ok(())
}

/// The inputs too large to commit, by name.
fn generate(name: &str) -> Vec<u8> {
    const FRONT: &str = "+++\npublished = 2026-05-01T10:00:00Z\n+++\n";
    const TOP: &str = "Quay lights fail\nBy Ada Quill\nPORT WREN \u{2014} ";
    const MD_FRONT: &str = "---\npublished: 2026-05-01T10:00:00Z\n---\n";
    const MD_TOP: &str = "# Quay lights fail\n\nBy Ada Quill\n\nPORT WREN \u{2014} ";
    const MIB: usize = 1024 * 1024;
    let lines = |n: usize, line: &dyn Fn(usize) -> String| -> String { (0..n).map(line).collect() };
    let text = match name {
        "ten-megabyte-line" => {
            let sentence = "The lamps along the quay went out at nine and stayed dark. ";
            format!(
                "{FRONT}{TOP}{}\n",
                sentence.repeat(10 * MIB / sentence.len() + 1)
            )
        }
        "ten-megabyte-markdown-line" => {
            let sentence =
                "The *lamps* went `out` at [nine](https://desk.example/) and **stayed** dark. ";
            format!(
                "{MD_FRONT}{MD_TOP}{}\n",
                sentence.repeat(10 * MIB / sentence.len() + 1)
            )
        }
        "thirty-thousand-headings" => format!(
            "{FRONT}{TOP}The lamps went out at nine.\n{}",
            lines(30_000, &|i| format!(
                "Section {i} on the quay\nThe crews worked through the night on part {i}.\n"
            ))
        ),
        "thirty-thousand-markdown-headings" => format!(
            "{MD_FRONT}{MD_TOP}The lamps went out at nine.\n\n{}",
            lines(30_000, &|i| format!(
                "## Section {i} on the quay\n\nThe crews worked through the night on part {i}.\n\n"
            ))
        ),
        "hundred-thousand-keywords" => {
            let keywords: Vec<String> = (0..100_000).map(|i| format!("\"kw{i}\"")).collect();
            format!(
                "+++\npublished = 2026-05-01T10:00:00Z\nkeywords = [{}]\n+++\n{TOP}The lamps went out.\n",
                keywords.join(", ")
            )
        }
        "twenty-thousand-yaml-keys" => format!(
            "---\npublished: 2026-05-01T10:00:00Z\n{}---\n{MD_TOP}The lamps went out.\n",
            lines(20_000, &|i| format!("key{i}: {i}\n"))
        ),
        "million-blank-lines" => format!(
            "{FRONT}{TOP}The lamps went out at nine.\n{}The end came at dawn.\n",
            "\n".repeat(1_000_000)
        ),
        "five-mebibytes-of-nul" => return vec![0; 5 * MIB],
        "million-combining-marks" => format!(
            "{FRONT}{TOP}The sign read Z{} at dawn.\n",
            "\u{301}".repeat(1_000_000)
        ),
        "hundred-thousand-deep-yaml" => format!(
            "---\npublished: 2026-05-01T10:00:00Z\nkeywords: {}{}\n---\n{MD_TOP}The lamps went out.\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        "hundred-thousand-deep-toml" => format!(
            "+++\npublished = 2026-05-01T10:00:00Z\nkeywords = {}{}\n+++\n{TOP}The lamps went out.\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        "hundred-thousand-deep-json" => {
            format!(
                "{{\"keywords\":{}{}}}",
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
        }
        "hundred-thousand-deep-markdown" => format!(
            "{MD_FRONT}{MD_TOP}The lamps went out.\n\n{} deep\n\n{}x{}\n\n{}x{}\n",
            ">".repeat(100_000),
            "*".repeat(100_000),
            "*".repeat(100_000),
            "[".repeat(100_000),
            "](u)".repeat(100_000)
        ),
        "sixteen-mebibytes-and-one-byte" => {
            let mut text = format!("{FRONT}{TOP}");
            text.push_str(&"x".repeat(16 * MIB + 1 - text.len()));
            text
        }
        _ => panic!("no input is made under the name {name:?}"),
    };
    text.into_bytes()
}

/// A command's outcome.
#[derive(Debug)]
struct Ran {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Ran {
    fn expect_exit(&self, code: i32) -> Result<(), String> {
        if self.code == code {
            Ok(())
        } else {
            Err(format!(
                "exit {} instead of {code}\nstdout:\n{}\nstderr:\n{}",
                self.code,
                String::from_utf8_lossy(&self.stdout),
                self.stderr
            ))
        }
    }

    /// The JSON diagnostics on standard output.
    fn diagnostics(&self) -> Result<Vec<Got>, String> {
        String::from_utf8_lossy(&self.stdout)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let d: Value = serde_json::from_str(line)
                    .map_err(|e| format!("not a JSON diagnostic ({e}): {line}"))?;
                Ok(Got::new(&d))
            })
            .collect()
    }
}

/// Runs `command`, killing it when it outlives `timeout`. A panic, a signal or an exit code
/// other than 0, 1 and 2 is an error.
fn run(command: &mut Command, timeout: Duration) -> Result<Ran, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start newswire: {e}"))?;
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("still running after {timeout:?}, killed"));
            }
            Err(e) => return Err(format!("cannot wait for newswire: {e}")),
        }
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned();
    if stderr.contains("panicked at") {
        return Err(format!("panicked:\n{stderr}"));
    }
    match status.code() {
        Some(code @ 0..=2) => Ok(Ran {
            code,
            stdout,
            stderr,
        }),
        Some(code) => Err(format!("exit {code} (101 is a panic):\n{stderr}")),
        None => Err(format!("killed by a signal ({status}): a crash\n{stderr}")),
    }
}

/// A diagnostic as printed.
#[derive(Debug)]
struct Got {
    file: String,
    severity: String,
    code: String,
    location: Option<(u64, u64, u64)>,
    pointer: Option<String>,
    message: String,
}

impl Got {
    fn new(d: &Value) -> Got {
        let text = |key: &str| d[key].as_str().unwrap_or_default().to_owned();
        let number = |key: &str| d["location"][key].as_u64().unwrap_or_default();
        Got {
            file: text("file"),
            severity: text("severity"),
            code: text("code"),
            location: d["location"]
                .is_object()
                .then(|| (number("line"), number("column"), number("length"))),
            pointer: d["pointer"].as_str().map(str::to_owned),
            message: text("message"),
        }
    }

    fn place(&self) -> String {
        match (&self.location, &self.pointer) {
            (Some((line, column, length)), _) => format!("{line}:{column}+{length}"),
            (None, Some(pointer)) => pointer.clone(),
            (None, None) => "-".to_owned(),
        }
    }
}

impl std::fmt::Display for Got {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} {} {} | {}",
            self.file,
            self.severity,
            self.code,
            self.place(),
            self.message
        )
    }
}

/// A diagnostic as written in `expect.toml`: `[FILE: ]SEVERITY CODE PLACE[ | TEXT]`.
#[derive(Debug)]
struct Want {
    file: Option<String>,
    severity: String,
    code: String,
    place: String,
    text: Option<String>,
    written: String,
}

impl Want {
    fn parse(written: &str) -> Result<Want, String> {
        let (head, text) = match written.split_once(" | ") {
            Some((head, text)) => (head, Some(text.to_owned())),
            None => (written, None),
        };
        let mut words = head.rsplitn(4, ' ');
        let (Some(place), Some(code), Some(severity)) = (words.next(), words.next(), words.next())
        else {
            return Err(format!("cannot read the expected diagnostic {written:?}"));
        };
        let file = words
            .next()
            .map(|f| f.strip_suffix(':').unwrap_or(f).to_owned());
        if !matches!(severity, "error" | "warning" | "note") {
            return Err(format!("no severity in {written:?}"));
        }
        Ok(Want {
            file,
            severity: severity.to_owned(),
            code: code.to_owned(),
            place: place.to_owned(),
            text,
            written: written.to_owned(),
        })
    }

    /// Whether `got` is this diagnostic; `file` is the file of a case without file names.
    fn matches(&self, got: &Got, file: Option<&str>) -> bool {
        let place = match (&got.location, &self.place) {
            (Some((line, column, length)), want) if want.contains(':') => {
                *want == format!("{line}:{column}+{length}") || *want == format!("{line}:{column}")
            }
            (_, want) if want.starts_with('/') => got.pointer.as_deref() == Some(want.as_str()),
            // `-`: the whole file, or the whole record (the empty JSON pointer).
            (None, want) => want == "-" && got.pointer.as_deref().is_none_or(str::is_empty),
            (Some(_), _) => false,
        };
        let wanted_file = self.file.as_deref().or(file);
        place
            && got.severity == self.severity
            && got.code == self.code
            && wanted_file.is_none_or(|f| got.file == f)
            && self.text.as_deref().is_none_or(|t| got.message.contains(t))
    }
}

/// The diagnostics a case expects.
#[derive(Debug)]
struct Expected<'a> {
    wants: Vec<Want>,
    counts: &'a BTreeMap<String, usize>,
}

impl<'a> Expected<'a> {
    fn new(
        written: &[String],
        counts: &'a BTreeMap<String, usize>,
    ) -> Result<Expected<'a>, String> {
        let wants = written
            .iter()
            .map(|w| Want::parse(w))
            .collect::<Result<_, _>>()?;
        Ok(Expected { wants, counts })
    }

    fn exit_code(&self) -> i32 {
        i32::from(self.wants.iter().any(|w| w.severity == "error"))
    }

    /// Every wanted diagnostic is there, every one there is wanted (but for the codes counted),
    /// and the counts are right.
    fn check(&self, got: &[Got], file: Option<&str>) -> Result<(), String> {
        let mut unmatched: Vec<&Got> = got.iter().collect();
        let mut problems = Vec::new();
        for want in &self.wants {
            match unmatched.iter().position(|g| want.matches(g, file)) {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => problems.push(format!("missing: {}", want.written)),
            }
        }
        for g in unmatched {
            if !self.counts.contains_key(&g.code) {
                problems.push(format!("unexpected: {g}"));
            }
        }
        for (code, count) in self.counts {
            let n = got.iter().filter(|g| g.code == *code).count();
            if n != *count {
                problems.push(format!("{n} diagnostics {code} instead of {count}"));
            }
        }
        if problems.is_empty() {
            return Ok(());
        }
        let all: Vec<String> = got.iter().map(|g| format!("  {g}")).collect();
        Err(format!(
            "{}\nall diagnostics:\n{}",
            problems.join("\n"),
            all.join("\n")
        ))
    }
}

/// Checks that each JSON pointer of `facts` leads to its value in `doc`.
fn check_facts(
    what: &str,
    doc: &Value,
    facts: &BTreeMap<String, toml::Value>,
) -> Result<(), String> {
    for (pointer, want) in facts {
        let want = serde_json::to_value(want).map_err(|e| e.to_string())?;
        match doc.pointer(pointer) {
            Some(got) if *got == want => {}
            got => return Err(format!("{what} has {got:?} at {pointer}, not {want}")),
        }
    }
    Ok(())
}

/// Checks a published channel folder: exactly the channel's outputs and three per slug, each
/// read back by a parser, none holding a character XML forbids, the feeds' titles the
/// articles' headlines, and pages whose script only the real end tag ends. Returns every
/// output with its bytes.
fn check_outputs(dir: &Path, slugs: &[String]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let files = crate::support::tree(dir);
    let mut expect: Vec<String> = CHANNEL_OUTPUTS.iter().map(|s| (*s).to_owned()).collect();
    for slug in slugs {
        for ext in ["html", "jsonld", "ninjs.json"] {
            expect.push(format!("articles/{slug}.{ext}"));
        }
    }
    expect.sort();
    let names: Vec<&String> = files.keys().collect();
    if names != expect.iter().collect::<Vec<_>>() {
        return Err(format!("published {names:?}, not {expect:?}"));
    }
    let mut headlines = Vec::new();
    for slug in slugs {
        let doc: Value = serde_json::from_slice(&files[&format!("articles/{slug}.jsonld")])
            .map_err(|e| format!("{slug}.jsonld: {e}"))?;
        headlines.push(doc["headline"].as_str().unwrap_or_default().to_owned());
    }
    headlines.sort();
    for (name, bytes) in &files {
        let text = std::str::from_utf8(bytes).map_err(|e| format!("{name}: {e}"))?;
        if let Some(c) = forbidden_in_xml().find(|&c| text.contains(c)) {
            return Err(format!("{name} holds U+{:04X}", u32::from(c)));
        }
        if name.ends_with(".xml") || name == "feed.json" {
            let feed =
                feed_rs::parser::parse(bytes.as_slice()).map_err(|e| format!("{name}: {e}"))?;
            let mut titles: Vec<String> = feed
                .entries
                .iter()
                .map(|e| {
                    e.title
                        .as_ref()
                        .map(|t| t.content.clone())
                        .unwrap_or_default()
                })
                .collect();
            titles.sort();
            if titles != headlines {
                return Err(format!(
                    "{name} has the titles {titles:?}, not {headlines:?}"
                ));
            }
        }
        if name.ends_with(".json") || name.ends_with(".jsonld") {
            serde_json::from_str::<Value>(text).map_err(|e| format!("{name}: {e}"))?;
        }
        if let Some(stem) = name.strip_suffix(".html") {
            check_page(name, text, &files[&format!("{stem}.jsonld")])?;
        }
    }
    Ok(files.into_iter().collect())
}

/// A page's script element ends only at its end tag, as a browser reads it, no comment opens,
/// and the script holds the article's JSON-LD.
fn check_page(name: &str, page: &str, jsonld: &[u8]) -> Result<(), String> {
    let lower = page.to_ascii_lowercase();
    let opens = lower.matches("<script").count();
    let closes = lower.matches("</script").count();
    if opens != 1 || closes != 1 || page.contains("<!--") {
        return Err(format!(
            "{name}: {opens} `<script`, {closes} `</script`, comment: {}",
            page.contains("<!--")
        ));
    }
    let start = lower.find("<script").unwrap_or_default();
    let body = start + page[start..].find('>').unwrap_or_default() + 1;
    let end = lower.find("</script").unwrap_or_default();
    let embedded: Value = serde_json::from_str(page.get(body..end).unwrap_or_default())
        .map_err(|e| format!("{name}: the script is not JSON: {e}"))?;
    let document: Value = serde_json::from_slice(jsonld).map_err(|e| e.to_string())?;
    if embedded != document {
        return Err(format!("{name} embeds another document than its .jsonld"));
    }
    Ok(())
}

/// The characters XML 1.0 forbids (outside its `Char` production), that a string can hold.
fn forbidden_in_xml() -> impl Iterator<Item = char> {
    ('\u{0}'..='\u{1F}')
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .chain(['\u{FFFE}', '\u{FFFF}'])
}

/// What is at a path of the work folder, links not followed.
#[derive(Debug, PartialEq, Eq)]
enum Node {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
    Other,
}

/// Everything under `dir`, by path relative to it.
fn snapshot(dir: &Path) -> Result<BTreeMap<String, Node>, String> {
    let mut nodes = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            let rel = path
                .strip_prefix(dir)
                .map_err(|e| e.to_string())?
                .to_string_lossy()
                .replace('\\', "/");
            let meta = std::fs::symlink_metadata(&path).map_err(|e| e.to_string())?;
            let node = if meta.is_symlink() {
                Node::Link(std::fs::read_link(&path).map_err(|e| e.to_string())?)
            } else if meta.is_dir() {
                todo.push(path);
                Node::Dir
            } else if meta.is_file() {
                Node::File(read(&path)?)
            } else {
                Node::Other
            };
            nodes.insert(rel, node);
        }
    }
    Ok(nodes)
}

/// Nothing outside the output folder `out` changed or appeared, and the `unchanged` paths are
/// as they were wherever they are.
fn check_untouched(
    before: &BTreeMap<String, Node>,
    after: &BTreeMap<String, Node>,
    out: &str,
    unchanged: &[String],
) -> Result<(), String> {
    let inside = |path: &str| out == "." || path == out || path.starts_with(&format!("{out}/"));
    for (path, node) in before {
        if (!inside(path) || unchanged.contains(path)) && after.get(path) != Some(node) {
            return Err(format!("{path} was changed or removed"));
        }
    }
    for path in unchanged {
        if !before.contains_key(path) {
            return Err(format!("{path} is listed as unchanged but was not there"));
        }
    }
    for path in after.keys() {
        if !before.contains_key(path) && !inside(path) {
            return Err(format!(
                "{path} was written outside the output folder {out}"
            ));
        }
    }
    Ok(())
}
