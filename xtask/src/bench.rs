//! `cargo xtask bench [N...]`: builds generated channels of N articles (default 10,000 and
//! 100,000) with the release binary and reports, in one run, the whole build's articles/s
//! and MB/s, peak memory, processor time per stage, validation records/s on one core, and the
//! I/O floor measured the same way: reading every article file and writing the same output
//! files with the same sizes, nothing else. Each size is built three times, taking turns with
//! the floor, each run after `sync`; the medians are reported. Then it parses one 1 MB and
//! one 10 MB article to show the cost grows with the size.
//!
//! Everything lives under `target/bench/`; corpora are generated once per size and reused.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::corpus;

pub(crate) fn bench(root: &Path, command: &[String]) -> anyhow::Result<()> {
    // Validation alone is timed in this process: run it optimised, as the binary is.
    if cfg!(debug_assertions) {
        let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args([
                "run",
                "--release",
                "--quiet",
                "--package",
                "xtask",
                "--",
                "bench",
            ])
            .args(command)
            .current_dir(root)
            .status()?;
        if !status.success() {
            bail!("the benchmark failed");
        }
        return Ok(());
    }
    let args = command;
    let mut sizes: Vec<usize> = Vec::new();
    let mut out_dir: Option<PathBuf> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--out-dir" {
            let dir = args.next().context("--out-dir needs a folder")?;
            out_dir = Some(PathBuf::from(dir));
        } else {
            let n = arg.replace('_', "");
            sizes.push(n.parse().with_context(|| format!("not a size: {arg}"))?);
        }
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--release", "--quiet", "--package", "newswire"])
        .status()?;
    if !status.success() {
        bail!("cannot build the release binary");
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let binary = target.join("release/newswire");
    let work = target.join("bench");
    std::fs::create_dir_all(&work)?;
    // What the runs write, removed once all are done: under target/bench/ unless
    // `--out-dir` names another file system (such as a tmpfs, to take the disk out).
    let scratch = out_dir.map_or_else(|| work.join("scratch"), |d| d.join("newswire-bench"));
    let _ = std::fs::remove_dir_all(&scratch);

    let mut report = String::new();
    let _ = writeln!(report, "machine: {} cores, {}", cores(), memory());
    let _ = writeln!(report, "command: cargo xtask bench {}", command.join(" "));
    let _ = writeln!(report, "outputs written under: {}\n", scratch.display());
    let _ = writeln!(
        report,
        "| articles | input MB | build s | articles/s | MB/s | peak RSS MB | I/O floor s | build ÷ floor | validation alone, records/s on one core |"
    );
    let _ = writeln!(report, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut stage_tables = String::new();
    let mut run_lines = String::new();
    let mut build_times = Vec::new();
    for &n in &sizes {
        let corpus_dir = work.join(format!("corpus-{n}"));
        ensure_corpus(n, &corpus_dir)?;
        let articles = article_files(&corpus_dir.join("articles"))?;
        let input_bytes: u64 = articles.iter().map(|(_, len)| *len).sum();
        // Warm the page cache, so the floor and the build both read from memory.
        for (path, _) in &articles {
            let _ = std::fs::read(path)?;
        }
        // The runs write about four bytes of output per byte of input, twice per run.
        warm_memory(input_bytes.saturating_mul(8 * RUNS as u64));
        // Build and floor take turns, each after `sync`, so that neither pays for writing
        // back the other's files, and each into a folder of its own: nothing is deleted until
        // every run is done, since ext4 creates files slowly for a minute or so after many
        // were deleted nearby. The median of the runs is reported.
        let mut runs: Vec<(Duration, Duration, u64, Stages)> = Vec::new();
        let mut outputs = Vec::new();
        for run in 0..RUNS {
            let out = scratch.join(format!("out-{n}-{run}"));
            settle();
            let (elapsed, peak_kb, stderr) = run_measured(
                Command::new(&binary)
                    .arg("build")
                    .arg(&corpus_dir)
                    .arg("--out")
                    .arg(&out)
                    .args(["-q", "--timings"]),
            )?;
            let stages = Stages::parse(&stderr).context("no --timings line from the build")?;
            if outputs.is_empty() {
                outputs = output_files(&out.join(format!("corpus-{n}")))?;
            }
            settle();
            let floor = io_floor(
                &articles,
                &outputs,
                &scratch.join(format!("floor-{n}-{run}")),
            )?;
            runs.push((elapsed, floor, peak_kb, stages));
        }
        let listed = |pick: fn(&(Duration, Duration, u64, Stages)) -> Duration| {
            runs.iter()
                .map(|r| format!("{:.2}", pick(r).as_secs_f64()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            run_lines,
            "- {n} articles, {RUNS} runs: build {} s; floor {} s",
            listed(|r| r.0),
            listed(|r| r.1)
        );
        let peak_kb = runs.iter().map(|r| r.2).max().unwrap_or(0);
        let mut floors: Vec<Duration> = runs.iter().map(|r| r.1).collect();
        floors.sort();
        let floor = floors[floors.len() / 2];
        runs.sort_by_key(|r| r.0);
        let (elapsed, _, _, stages) = runs.swap_remove(runs.len() / 2);
        let secs = elapsed.as_secs_f64();
        let validate_alone = validation_alone(&corpus_dir, &articles)?;
        let _ = writeln!(
            report,
            "| {n} | {:.1} | {secs:.2} | {:.0} | {:.1} | {:.0} | {:.2} | {:.2} | {:.0} |",
            input_bytes as f64 / 1e6,
            n as f64 / secs,
            input_bytes as f64 / 1e6 / secs,
            peak_kb as f64 / 1024.0,
            floor.as_secs_f64(),
            secs / floor.as_secs_f64(),
            validate_alone,
        );
        let _ = writeln!(
            stage_tables,
            "\nprocessor time per stage, {n} articles (seconds, summed over threads):\n"
        );
        let _ = writeln!(stage_tables, "| stage | s | µs/article |\n|---|---:|---:|");
        for (name, s) in &stages.0 {
            let _ = writeln!(
                stage_tables,
                "| {name} | {s:.3} | {:.1} |",
                s * 1e6 / n as f64
            );
        }
        build_times.push((n, secs));
    }
    report.push('\n');
    report.push_str(&run_lines);
    if let [(n1, t1), (n2, t2), ..] = build_times[..] {
        let _ = writeln!(
            report,
            "\ngrowth: {n2} articles take {:.2}× the time of {n1} ({}× the articles)",
            t2 / t1,
            n2 / n1.max(1)
        );
    }
    report.push_str(&stage_tables);
    let _ = std::fs::remove_dir_all(&scratch);
    report.push_str(&large_articles(&binary, &work, root)?);
    print!("{report}");
    std::fs::write(work.join("report.md"), &report)?;
    eprintln!("\nwritten to {}", work.join("report.md").display());
    Ok(())
}

/// Validation alone, on one core: every article of the corpus is read into a record first
/// (not timed), then the records are validated one after another, both layers, and the
/// records per second of that loop returned (the best of three passes).
fn validation_alone(corpus: &Path, articles: &[(PathBuf, u64)]) -> anyhow::Result<f64> {
    let validator = newswire_validate::Validator::new();
    let channel = newswire_build::load_channel(&corpus.join("channel.toml"), &validator)
        .map_err(|d| anyhow::anyhow!("the corpus channel is invalid: {d:?}"))?;
    let ctx = newswire_ingest::Context {
        channel: Some(&channel),
        published: None,
    };
    let records: Vec<_> = articles
        .iter()
        .filter_map(|(path, _)| {
            let kind = newswire_build::InputKind::of(path)?;
            let bytes = std::fs::read(path).ok()?;
            let file = path.display().to_string();
            match kind {
                newswire_build::InputKind::WireText => {
                    newswire_ingest::parse_wire_text(&file, &bytes, &ctx).record
                }
                newswire_build::InputKind::Markdown => {
                    newswire_ingest::parse_markdown(&file, &bytes, &ctx).record
                }
                newswire_build::InputKind::Record => None,
            }
        })
        .collect();
    if records.len() != articles.len() {
        bail!(
            "only {} of {} corpus articles gave a record",
            records.len(),
            articles.len()
        );
    }
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        for record in &records {
            let found = validator.record("bench", std::hint::black_box(record));
            if found.iter().any(|d| d.is_error()) {
                bail!("a corpus record is invalid: {found:?}");
            }
        }
        best = best.min(started.elapsed());
    }
    Ok(records.len() as f64 / best.as_secs_f64())
}

/// How many times each size is built and its floor measured.
const RUNS: usize = 3;

/// Writes to `bytes` of fresh memory (at most half of what is available) and frees it.
///
/// A virtual machine's memory may be backed by its host only when first written, and on the
/// machines this runs on that first write costs far more than the file writes being
/// measured. Touching the memory the runs' page cache will need, once and before any
/// measurement, spares the build and the floor alike.
fn warm_memory(bytes: u64) {
    let available = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            let line = m.lines().find(|l| l.starts_with("MemAvailable:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kb| kb * 1024);
    let bytes = usize::try_from(bytes.min(available / 2)).unwrap_or(0);
    // Not zeros: a zeroed allocation is mapped lazily and never touched.
    let touched = vec![1u8; bytes];
    std::hint::black_box(&touched);
}

/// Writes every dirty page back to the disk, so that the next measurement starts even.
fn settle() {
    let _ = Command::new("sync").status();
}

fn ensure_corpus(n: usize, dir: &Path) -> anyhow::Result<()> {
    let stamp = dir.join(".stamp");
    let want = format!("{n} {}", corpus::VERSION);
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    eprintln!("generating {n} articles in {}", dir.display());
    corpus::generate(n, dir)?;
    std::fs::write(stamp, want)?;
    Ok(())
}

fn article_files(dir: &Path) -> anyhow::Result<Vec<(PathBuf, u64)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        files.push((entry.path(), entry.metadata()?.len()));
    }
    files.sort();
    Ok(files)
}

/// Every file under `dir`, relative, with its size.
fn output_files(dir: &Path) -> anyhow::Result<Vec<(PathBuf, u64)>> {
    let mut files = Vec::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        for entry in std::fs::read_dir(dir.join(&rel))? {
            let entry = entry?;
            let path = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                todo.push(path);
            } else {
                files.push((path, entry.metadata()?.len()));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The I/O floor: read every article, write every output file with its size, with as many
/// threads as the machine has cores, into a fresh folder. Nothing is parsed or formatted.
fn io_floor(
    articles: &[(PathBuf, u64)],
    outputs: &[(PathBuf, u64)],
    dir: &Path,
) -> anyhow::Result<Duration> {
    let threads = cores().max(1);
    let filler = vec![b'x'; outputs.iter().map(|(_, n)| *n).max().unwrap_or(0) as usize];
    let started = Instant::now();
    std::fs::create_dir_all(dir.join("articles"))?;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let mut handles = Vec::new();
        for t in 0..threads {
            let filler = &filler;
            handles.push(scope.spawn(move || -> std::io::Result<()> {
                for (path, _) in articles.iter().skip(t).step_by(threads) {
                    std::hint::black_box(std::fs::read(path)?);
                }
                for (rel, len) in outputs.iter().skip(t).step_by(threads) {
                    std::fs::write(dir.join(rel), &filler[..*len as usize])?;
                }
                Ok(())
            }));
        }
        for handle in handles {
            handle
                .join()
                .map_err(|_| anyhow::anyhow!("a floor thread panicked"))??;
        }
        Ok(())
    })?;
    Ok(started.elapsed())
}

/// Parses generated 1 MB and 10 MB articles: the time should grow in proportion.
fn large_articles(binary: &Path, work: &Path, root: &Path) -> anyhow::Result<String> {
    let mut out = String::from(
        "\none large article, `newswire parse` (best of 3; \"net\" takes off the time of a \
         one-paragraph article, the process's fixed cost):\n\n\
         | size | s | net s | net MB/s |\n|---:|---:|---:|---:|\n",
    );
    let paragraph = "The harbour council met again on Tuesday to weigh the cost of the sea wall, and the fishing co-operative asked for more time to answer. ";
    let mut times = Vec::new();
    let mut baseline = 0.0;
    for (label, size) in [("0", 0usize), ("1 MB", 1_000_000), ("10 MB", 10_000_000)] {
        let path = work.join(format!("large-{size}.txt"));
        let mut text = String::from(
            "+++\npublished = 2026-01-05T09:00:00Z\n+++\nSea wall costs rise again\nBy Ada Quill\nPORT ELLERY — ",
        );
        text.push_str(paragraph);
        while text.len() < size {
            text.push_str(paragraph);
            if text.len() % 7 == 0 {
                text.push('\n');
            }
        }
        text.push('\n');
        std::fs::write(&path, &text)?;
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let (elapsed, _, _) = run_measured(
                Command::new(binary)
                    .args(["parse", "--channel"])
                    .arg(root.join("tests/data/channel.toml"))
                    .arg(&path)
                    .arg("-q"),
            )?;
            best = best.min(elapsed);
        }
        let secs = best.as_secs_f64();
        if size == 0 {
            baseline = secs;
            let _ = writeln!(out, "| one paragraph | {secs:.3} | — | — |");
            continue;
        }
        let net = (secs - baseline).max(1e-6);
        let _ = writeln!(
            out,
            "| {label} | {secs:.3} | {net:.3} | {:.1} |",
            text.len() as f64 / 1e6 / net
        );
        times.push(net);
    }
    if let [one, ten] = times[..] {
        let _ = writeln!(out, "\n10 MB takes {:.1}× the net time of 1 MB", ten / one);
    }
    Ok(out)
}

/// Runs `command` with its standard output thrown away; returns the wall time, the peak
/// resident memory in KiB (the kernel's high-water mark, `VmHWM`, read every few
/// milliseconds while the child runs), and what it printed on standard error.
fn run_measured(command: &mut Command) -> anyhow::Result<(Duration, u64, String)> {
    let started = Instant::now();
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {command:?}"))?;
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let stderr_pipe = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = stderr_pipe {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
        }
        text
    });
    let mut peak_kb = 0;
    let status = loop {
        if let Some(kb) = std::fs::read_to_string(&status_file)
            .ok()
            .as_deref()
            .and_then(high_water_kb)
        {
            peak_kb = peak_kb.max(kb);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = started.elapsed();
    let stderr = reader.join().unwrap_or_default();
    if !status.success() {
        bail!("{command:?} failed ({status}):\n{stderr}");
    }
    Ok((elapsed, peak_kb, stderr))
}

fn high_water_kb(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn memory() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_owned())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or_else(
            || "memory unknown".to_owned(),
            |kb| format!("{} GiB memory", kb / 1024 / 1024),
        )
}

/// The stages of the build's `--timings` line, in seconds.
struct Stages(Vec<(String, f64)>);

impl Stages {
    fn parse(stderr: &str) -> Option<Stages> {
        let line = stderr.lines().find(|l| l.contains("\"stages\""))?;
        let value: serde_json::Value = serde_json::from_str(line).ok()?;
        let stages = value["stages"].as_object()?;
        Some(Stages(
            stages
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_f64()?)))
                .collect(),
        ))
    }
}
