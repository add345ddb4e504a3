//! `cargo xtask bench [N...]`: builds generated channels of N articles (default 10,000 and
//! 100,000) with the binary `cargo xtask pgo` makes (the plain release binary with
//! `--no-pgo`, or where that cannot be made) and reports, in one run, the whole build's
//! articles/s and MB/s, peak memory, processor time per stage, validation records/s on one
//! core, and the I/O floor measured the same way: reading every article file and writing the
//! same output files with the same sizes, nothing else. The processor time of the build and
//! of the floor, in user space and in the kernel, is set side by side. Each size is built nine
//! times, taking turns with the floor and with the other sizes, each run after its inputs
//! are read again and `sync`; the medians are reported, and beside them each run's build
//! over its floor and the processor time the host gave to others while each ran (steal).
//! Each build is followed by a rebuild over its own outputs with nothing changed, as a
//! newsroom rebuilds all day. Then it reads one 1 MB and one 10 MB article to show the cost
//! grows with the size, counts the instructions a build spends per article (callgrind, when
//! valgrind is installed), and sets every figure against the targets, saying by how much
//! each missed one is missed.
//!
//! Everything lives under `target/bench/`; corpora are generated once per size and reused.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::{corpus, pgo};

pub(crate) fn bench(root: &Path, command: &[String]) -> anyhow::Result<()> {
    // Validation alone is timed in this process: run it optimised, as the binary is.
    if cfg!(debug_assertions) {
        let status = crate::cargo()
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
    let mut pgo = true;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--out-dir" {
            let dir = args.next().context("--out-dir needs a folder")?;
            out_dir = Some(PathBuf::from(dir));
        } else if arg == "--no-pgo" {
            pgo = false;
        } else {
            let n = arg.replace('_', "");
            sizes.push(n.parse().with_context(|| format!("not a size: {arg}"))?);
        }
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    let target = crate::target_dir(root);
    let (binary, built) = measured_binary(root, &target, pgo)?;
    let work = target.join("bench");
    std::fs::create_dir_all(&work)?;
    // What the runs write, removed once all are done: under target/bench/ unless
    // `--out-dir` names another file system (such as a tmpfs, to take the disk out).
    let scratch = out_dir.map_or_else(|| work.join("scratch"), |d| d.join("newswire-bench"));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch)?;
    // Deleting files costs nothing later on a tmpfs, so each run's outputs are removed as soon
    // as it is measured, and 100,000-article runs fit in memory; elsewhere nothing is deleted
    // until the end (see below).
    let tidy_each_run = is_tmpfs(&scratch);

    let mut report = String::new();
    let _ = writeln!(report, "machine: {} cores, {}", cores(), memory());
    let _ = writeln!(report, "command: cargo xtask bench {}", command.join(" "));
    let _ = writeln!(report, "binary: {built}");
    let _ = writeln!(report, "outputs written under: {}\n", scratch.display());
    let _ = writeln!(
        report,
        "| articles | input MB | build s | articles/s | MB/s | peak RSS MB | I/O floor s | build ÷ floor | validation alone, records/s on one core | the same, each record just parsed |"
    );
    let _ = writeln!(
        report,
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let mut stage_tables = String::new();
    let mut run_lines = String::new();
    let mut measured: Vec<Measured> = Vec::new();
    let mut sized = Vec::new();
    for &n in &sizes {
        let corpus_dir = work.join(format!("corpus-{n}"));
        ensure_corpus(n, &corpus_dir)?;
        let articles = article_files(&corpus_dir.join("articles"))?;
        let input_bytes: u64 = articles.iter().map(|(_, len)| *len).sum();
        sized.push(Size {
            n,
            corpus_dir,
            articles,
            input_bytes,
            outputs: Vec::new(),
            runs: Vec::new(),
        });
    }
    // The runs write about four bytes of output per byte of input, twice per run; on a tmpfs
    // only the largest run's are held at once, elsewhere every run's.
    let held = if tidy_each_run {
        sized.iter().map(|s| s.input_bytes).max().unwrap_or(0)
    } else {
        sized.iter().map(|s| s.input_bytes).sum::<u64>() * RUNS as u64
    };
    warm_memory(held.saturating_mul(8));
    // The sizes take turns too, run by run, so that a spell in which the host is slower or
    // faster falls on every size alike and the growth from one to the next is the code's.
    for run in 0..RUNS {
        for size in &mut sized {
            let measured = measure_run(&binary, size, &scratch, run, tidy_each_run)?;
            size.runs.push(measured);
        }
    }
    for size in sized {
        let Size {
            n,
            corpus_dir,
            articles,
            input_bytes,
            mut runs,
            ..
        } = size;
        let listed = |pick: fn(&Run) -> Duration| {
            runs.iter()
                .map(|r| format!("{:.2}", pick(r).as_secs_f64()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            run_lines,
            "- {n} articles, {RUNS} runs: build {} s; floor {} s",
            listed(|r| r.build),
            listed(|r| r.floor)
        );
        let ratios = run_ratios(&runs);
        let _ = writeln!(
            run_lines,
            "- {n} articles, each run's build over the floor measured just after it: {}; median \
             {:.2}×",
            ratios
                .iter()
                .map(|r| format!("{r:.2}"))
                .collect::<Vec<_>>()
                .join(", "),
            median_ratio(&ratios),
        );
        let steals = |pick: fn(&Run) -> Option<Duration>| {
            runs.iter()
                .map(|r| pick(r).map(|d| format!("{:.2}", d.as_secs_f64())))
                .collect::<Option<Vec<_>>>()
                .map(|listed| listed.join(", "))
        };
        if let (Some(build), Some(floor)) = (steals(|r| r.build_steal), steals(|r| r.floor_steal)) {
            let _ = writeln!(
                run_lines,
                "- {n} articles, processor time the host gave to others while each ran (steal, \
                 all cores): builds {build} s; floors {floor} s"
            );
        }
        let rebuild = median(runs.iter().map(|r| r.rebuild).collect()).as_secs_f64();
        let _ = writeln!(
            run_lines,
            "- {n} articles rebuilt over their own outputs, nothing changed: median {rebuild:.2} s \
             ({:.0} articles/s; runs {} s)",
            n as f64 / rebuild,
            listed(|r| r.rebuild)
        );
        let build_cpu = Cpu::median(runs.iter().map(|r| r.build_cpu));
        let floor_cpu = Cpu::median(runs.iter().map(|r| r.floor_cpu));
        if let (Some(build), Some(floor)) = (build_cpu, floor_cpu) {
            let _ = writeln!(
                run_lines,
                "- {n} articles, processor time (medians, all threads): build {build}; floor \
                 {floor}"
            );
        }
        let peak_kb = runs.iter().map(|r| r.peak_kb).max().unwrap_or(0);
        let floor = median(runs.iter().map(|r| r.floor).collect());
        runs.sort_by_key(|r| r.build);
        let Run {
            build: elapsed,
            stages,
            ..
        } = runs.swap_remove(runs.len() / 2);
        let secs = elapsed.as_secs_f64();
        let (validate_alone, validate_just_parsed) = validation_alone(&corpus_dir, &articles)?;
        let _ = writeln!(
            report,
            "| {n} | {:.1} | {secs:.2} | {:.0} | {:.1} | {:.0} | {:.2} | {:.2} | {:.0} | {:.0} |",
            input_bytes as f64 / 1e6,
            n as f64 / secs,
            input_bytes as f64 / 1e6 / secs,
            peak_kb as f64 / 1024.0,
            floor.as_secs_f64(),
            secs / floor.as_secs_f64(),
            validate_alone,
            validate_just_parsed,
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
        measured.push(Measured {
            articles: n,
            build: secs,
            floor: floor.as_secs_f64(),
            build_cpu,
            floor_cpu,
            peak_mb: peak_kb as f64 / 1024.0,
            validate_alone,
            validate_just_parsed,
        });
    }
    report.push('\n');
    report.push_str(&run_lines);
    if let [a, b, ..] = &measured[..] {
        let _ = writeln!(
            report,
            "\ngrowth: {} articles take {:.2}× the time of {} ({}× the articles); the I/O \
             floor, {:.2}×",
            b.articles,
            b.build / a.build,
            a.articles,
            b.articles / a.articles.max(1),
            b.floor / a.floor
        );
    }
    report.push_str(&stage_tables);
    let _ = std::fs::remove_dir_all(&scratch);
    let large = large_articles(root, &binary, &work)?;
    report.push_str(&large.table);
    report.push_str(&instructions(&binary, &work)?);
    report.push_str(&targets(&measured, &large));
    print!("{report}");
    std::fs::write(work.join("report.md"), &report)?;
    eprintln!("\nwritten to {}", work.join("report.md").display());
    Ok(())
}

/// Validation on one core, both layers, in records per second, measured two ways:
///
/// - **alone**: every article is read into a record first (not timed), then all the records
///   are validated one after another (the best of three passes), so validation runs alone
///   and its code and tables stay in the processor's caches;
/// - **each just parsed**: every article is read into a record (not timed) and validated at
///   once (timed), as `newswire validate` interleaves them (a build validates a batch of
///   records after parsing them): validation then starts each time with caches that parsing
///   filled.
fn validation_alone(corpus: &Path, articles: &[(PathBuf, u64)]) -> anyhow::Result<(f64, f64)> {
    let validator = newswire_validate::Validator::new();
    let channel = newswire_build::load_channel(&corpus.join("channel.toml"), &validator)
        .map_err(|d| anyhow::anyhow!("the corpus channel is invalid: {d:?}"))?;
    let ctx = newswire_ingest::Context {
        channel: Some(&channel),
        published: None,
    };
    let validate = |record: &newswire_model::Record| -> anyhow::Result<()> {
        let found = validator.record("bench", std::hint::black_box(record));
        if found.iter().any(|d| d.is_error()) {
            bail!("a corpus record is invalid: {found:?}");
        }
        Ok(())
    };
    let mut records = Vec::with_capacity(articles.len());
    let mut just_parsed = Duration::ZERO;
    for (path, _) in articles {
        let bytes = std::fs::read(path)?;
        let file = path.display().to_string();
        let record = match newswire_build::InputKind::of(path) {
            Some(newswire_build::InputKind::WireText) => {
                newswire_ingest::parse_wire_text(&file, &bytes, &ctx).record
            }
            Some(newswire_build::InputKind::Markdown) => {
                newswire_ingest::parse_markdown(&file, &bytes, &ctx).record
            }
            _ => None,
        };
        let record = record.with_context(|| format!("{file} gave no record"))?;
        let started = Instant::now();
        validate(&record)?;
        just_parsed += started.elapsed();
        records.push(record);
    }
    let mut in_memory = Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        for record in &records {
            validate(record)?;
        }
        in_memory = in_memory.min(started.elapsed());
    }
    let rate = |d: Duration| records.len() as f64 / d.as_secs_f64();
    Ok((rate(in_memory), rate(just_parsed)))
}

/// The middle one of `times`, the higher of the two middle ones when they are even.
/// The newswire binary to measure, and how it was built: with profile-guided optimisation
/// ([`pgo::build`]) unless `pgo` is false or that cannot be done here, the plain release
/// build otherwise.
fn measured_binary(root: &Path, target: &Path, pgo: bool) -> anyhow::Result<(PathBuf, String)> {
    let without = if pgo {
        match pgo::build(root) {
            Ok(binary) => {
                return Ok((
                    binary,
                    "release, with profile-guided optimisation (`cargo xtask pgo`: trained on \
                     a generated channel of another seed)"
                        .to_owned(),
                ));
            }
            Err(err) => {
                eprintln!("profile-guided optimisation not available: {err:#}");
                format!("release, without profile-guided optimisation: {err:#}")
            }
        }
    } else {
        "release, without profile-guided optimisation (--no-pgo)".to_owned()
    };
    let status = crate::cargo()
        .args(["build", "--release", "--quiet", "--package", "newswire"])
        .status()?;
    if !status.success() {
        bail!("cannot build the release binary");
    }
    Ok((target.join("release/newswire"), without))
}

fn median(times: Vec<Duration>) -> Duration {
    middle(times, Ord::cmp).expect("every size has runs")
}

/// The middle one of `values` in the order `cmp` (of an even number, the later of the two),
/// or `None` when there are none.
fn middle<T: Copy>(mut values: Vec<T>, cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) -> Option<T> {
    values.sort_by(cmp);
    values.get(values.len() / 2).copied()
}

/// Each run's build over its floor, in the order of the runs. A build and the floor measured
/// seconds after it meet the host in much the same state, where the medians of all builds and
/// of all floors may each fall in a different spell of a shared host: the ratio of the medians
/// is what the targets are set against, these are listed beside it to show how far the host
/// moved it.
fn run_ratios(runs: &[Run]) -> Vec<f64> {
    runs.iter()
        .map(|r| r.build.as_secs_f64() / r.floor.as_secs_f64())
        .collect()
}

/// The median of `ratios`, the middle one of an odd number of them.
fn median_ratio(ratios: &[f64]) -> f64 {
    middle(ratios.to_vec(), f64::total_cmp).unwrap_or(f64::NAN)
}

/// One corpus size: its articles, the outputs a build of them writes (listed after the first
/// run), and its runs so far.
struct Size {
    n: usize,
    corpus_dir: PathBuf,
    articles: Vec<(PathBuf, u64)>,
    input_bytes: u64,
    outputs: Vec<(PathBuf, u64)>,
    runs: Vec<Run>,
}

/// One run of one size: a build, a rebuild over its outputs and the floor, taking turns, each
/// after `sync`, so that neither pays for writing back the other's files, and each into a
/// folder of its own: off a tmpfs nothing is deleted until every run is done, since ext4
/// creates files slowly for a minute or so after many were deleted nearby.
fn measure_run(
    binary: &Path,
    size: &mut Size,
    scratch: &Path,
    run: usize,
    tidy_each_run: bool,
) -> anyhow::Result<Run> {
    let n = size.n;
    let out = scratch.join(format!("out-{n}-{run}"));
    let build = || {
        let mut command = Command::new(binary);
        command
            .arg("build")
            .arg(&size.corpus_dir)
            .arg("--out")
            .arg(&out)
            .args(["-q", "--timings"]);
        command
    };
    warm_inputs(binary, size);
    settle();
    let before = ProcessCpu::now();
    let stolen_before = stolen();
    let (elapsed, stderr) = run_measured(&mut build())?;
    let build_steal = stolen_since(stolen_before);
    let build_cpu = ProcessCpu::since(before, |p| p.children);
    let Timings { stages, peak_kib } =
        Timings::parse(&stderr).context("no --timings line from the build")?;
    // The build reports its peak where the system keeps one.
    let peak_kb = peak_kib.unwrap_or(0);
    // The same channel built again over its own outputs, as newsrooms rebuild all day: every
    // output is unchanged, and kept rather than written.
    warm_inputs(binary, size);
    settle();
    let rebuild = run_measured(&mut build())?.0;
    if size.outputs.is_empty() {
        size.outputs = output_files(&out.join(format!("corpus-{n}")))?;
    }
    // On a tmpfs the build's outputs go before the floor writes its own, so that both write
    // into memory the last run has just freed: with the build's 4.6 GB of outputs still held
    // at 100,000 articles, the floor wrote into memory never used, which the host backs only
    // as it is first written, and took three times as long as the build.
    if tidy_each_run {
        let _ = std::fs::remove_dir_all(&out);
    }
    warm_inputs(binary, size);
    settle();
    let floor_dir = scratch.join(format!("floor-{n}-{run}"));
    let before = ProcessCpu::now();
    let stolen_before = stolen();
    let floor = io_floor(&size.corpus_dir.join("articles"), &size.outputs, &floor_dir)?;
    let floor_steal = stolen_since(stolen_before);
    let floor_cpu = ProcessCpu::since(before, |p| p.own);
    if tidy_each_run {
        let _ = std::fs::remove_dir_all(&floor_dir);
    }
    Ok(Run {
        build: elapsed,
        build_cpu,
        build_steal,
        floor,
        floor_cpu,
        floor_steal,
        peak_kb,
        stages,
        rebuild,
    })
}

/// One run of a size: the build, its rebuild and the floor.
struct Run {
    build: Duration,
    /// The build's processor time, when the system reports it.
    build_cpu: Option<Cpu>,
    /// The processor time the host took from this machine while the build ran ([`stolen`]).
    build_steal: Option<Duration>,
    floor: Duration,
    floor_cpu: Option<Cpu>,
    /// The same while the floor ran.
    floor_steal: Option<Duration>,
    /// The build's peak resident memory, in KiB.
    peak_kb: u64,
    /// The build's time per stage.
    stages: Stages,
    rebuild: Duration,
}

/// Processor time, in user space and in the kernel: set side by side for the build and the
/// floor, they show what a build spends beyond the floor, and where.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cpu {
    user: Duration,
    system: Duration,
}

impl Cpu {
    /// The run with the median total, or `None` when any run went unmeasured.
    fn median(cpus: impl Iterator<Item = Option<Cpu>>) -> Option<Cpu> {
        let total = |c: &Cpu| c.user + c.system;
        middle(cpus.collect::<Option<Vec<Cpu>>>()?, |a, b| {
            total(a).cmp(&total(b))
        })
    }
}

impl std::fmt::Display for Cpu {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "user {:.2} s + system {:.2} s",
            self.user.as_secs_f64(),
            self.system.as_secs_f64()
        )
    }
}

/// This process's processor time so far: its own threads', and that of the children it has
/// waited for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ProcessCpu {
    own: Cpu,
    children: Cpu,
}

impl ProcessCpu {
    /// Read from `/proc/self/stat`; `None` where there is no such file.
    fn now() -> Option<ProcessCpu> {
        ProcessCpu::parse(&std::fs::read_to_string("/proc/self/stat").ok()?)
    }

    /// The fields of a `/proc/PID/stat` line: `utime`, `stime`, `cutime` and `cstime`, the
    /// 14th to 17th, in ticks of 1/100 s (the kernel's `USER_HZ` on every architecture it
    /// reports to user space in). They are counted after the command's name, which is in
    /// parentheses and may hold spaces or parentheses of its own.
    fn parse(stat: &str) -> Option<ProcessCpu> {
        let (_, after_name) = stat.rsplit_once(')')?;
        // The first field after the name is the 3rd.
        let mut fields = after_name.split_whitespace().skip(14 - 3);
        let mut tick = || ticks(fields.next()?);
        let own = Cpu {
            user: tick()?,
            system: tick()?,
        };
        let children = Cpu {
            user: tick()?,
            system: tick()?,
        };
        Some(ProcessCpu { own, children })
    }

    /// The processor time that `pick` chooses, spent since `before`.
    fn since(before: Option<ProcessCpu>, pick: fn(&ProcessCpu) -> Cpu) -> Option<Cpu> {
        let (before, after) = (pick(&before?), pick(&ProcessCpu::now()?));
        Some(Cpu {
            user: after.user.checked_sub(before.user)?,
            system: after.system.checked_sub(before.system)?,
        })
    }
}

/// The processor time the host has taken from this machine so far, summed over its
/// processors: the time a processor was ready to run and the host ran something else instead
/// (`steal` in `/proc/stat`). A build or a floor measured while it grows was measured on a
/// slower machine; the report lists it for each. `None` where the system does not report it.
fn stolen() -> Option<Duration> {
    parse_stolen(&std::fs::read_to_string("/proc/stat").ok()?)
}

/// The `steal` field of `/proc/stat`'s `cpu` line, the eighth number.
fn parse_stolen(stat: &str) -> Option<Duration> {
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    ticks(line.split_whitespace().nth(8)?)
}

/// A count of the kernel's clock ticks as `/proc` gives it, in ticks of 1/100 s (its
/// `USER_HZ` on every architecture it reports to user space in).
fn ticks(field: &str) -> Option<Duration> {
    let ticks: u64 = field.parse().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The processor time the host has taken since `before` ([`stolen`]).
fn stolen_since(before: Option<Duration>) -> Option<Duration> {
    stolen()?.checked_sub(before?)
}

/// How many times each size is built and its floor measured. Nine rather than five: on the
/// shared host these figures come from, spells in which the host ran slower for a few
/// seconds met three of five 10,000-article builds (2026-12-07: builds 0.43, 0.49, 0.50,
/// 0.38, 0.38 s against floors 0.33, 0.27, 0.30, 0.26, 0.26 s) and moved the median build by
/// an eighth; of nine runs such spells must meet five to move it.
const RUNS: usize = 9;

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

/// Whether `dir` is on a tmpfs, as `stat --file-system` names it.
fn is_tmpfs(dir: &Path) -> bool {
    Command::new("stat")
        .args(["--file-system", "--format=%T"])
        .arg(dir)
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "tmpfs")
}

/// Reads what a build reads — its executable, the channel's `articles` folder and every
/// article — so that each timed run, the build's and the floor's alike, starts with them in
/// memory. Read once before all the runs, they did not stay there on the machine these
/// figures come from: by hand, a 10,000-article build whose inputs had not just been read
/// waited on the disk 10 to 187 times (for articles, the folder's blocks and pages of its own
/// code), and 0 to 4 times, all for a folder's lock, when they had (`perf record -e
/// sched:sched_switch`, 2026-12-07).
fn warm_inputs(binary: &Path, size: &Size) {
    let _ = std::fs::read(binary);
    if let Ok(listing) = std::fs::read_dir(size.corpus_dir.join("articles")) {
        listing.for_each(drop);
    }
    for (path, _) in &size.articles {
        let _ = std::fs::read(path);
    }
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
    corpus::generate(n, dir, corpus::SEED)?;
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

/// The I/O floor: list the articles in `articles_dir`, read every one, write every output file
/// with its size, with as many threads as the machine has cores, into a fresh folder. Nothing
/// is parsed or formatted. The folder is listed as any program that reads its articles must
/// first learn which there are, and as a build lists it (on one thread, before any is read).
/// As a build does, each thread reads a batch of articles ([`newswire_build::BATCH`]) and then
/// writes their share of the outputs (about three files each), batch after batch, so reading
/// and writing interleave and the floor meets the memory and the page cache in the state the
/// build meets them. Files are created as a build creates them: article files relative to the
/// open `articles` folder, the others by path.
fn io_floor(
    articles_dir: &Path,
    outputs: &[(PathBuf, u64)],
    dir: &Path,
) -> anyhow::Result<Duration> {
    let threads = cores().max(1);
    let filler = vec![b'x'; outputs.iter().map(|(_, n)| *n).max().unwrap_or(0) as usize];
    let started = Instant::now();
    let articles: Vec<PathBuf> = std::fs::read_dir(articles_dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    let articles = &articles;
    std::fs::create_dir_all(dir.join("articles"))?;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let mut handles = Vec::new();
        for t in 0..threads {
            let filler = &filler;
            handles.push(scope.spawn(move || -> std::io::Result<()> {
                let folder = FloorDir::open(&dir.join("articles"))?;
                // Article `k`'s share: the outputs cut into as many even runs as there are
                // articles.
                let share = |k: usize| {
                    let n = articles.len().max(1);
                    &outputs[k * outputs.len() / n..(k + 1) * outputs.len() / n]
                };
                let count = articles.len().max(1);
                let size = newswire_build::BATCH;
                for batch in (t..count.div_ceil(size)).step_by(threads) {
                    let batch = batch * size..((batch + 1) * size).min(count);
                    for path in articles.get(batch.clone()).unwrap_or_default() {
                        std::hint::black_box(std::fs::read(path)?);
                    }
                    for (rel, len) in batch.flat_map(share) {
                        let bytes = &filler[..*len as usize];
                        match rel.strip_prefix("articles") {
                            Ok(name) => folder.write(name, bytes)?,
                            Err(_) => std::fs::write(dir.join(rel), bytes)?,
                        }
                    }
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

/// The floor's `articles` folder, which files are created in as the build's staging creates
/// them.
struct FloorDir {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    fd: rustix::fd::OwnedFd,
    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    path: PathBuf,
}

impl FloorDir {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    fn open(path: &Path) -> std::io::Result<FloorDir> {
        use rustix::fs::{Mode, OFlags};
        let fd = rustix::fs::open(path, OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
        Ok(FloorDir { fd })
    }

    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    fn write(&self, name: &Path, bytes: &[u8]) -> std::io::Result<()> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name, flags, Mode::from_raw_mode(0o666))?;
        std::io::Write::write_all(&mut std::fs::File::from(fd), bytes)
    }

    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    fn open(path: &Path) -> std::io::Result<FloorDir> {
        Ok(FloorDir {
            path: path.to_path_buf(),
        })
    }

    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    fn write(&self, name: &Path, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::write(self.path.join(name), bytes)
    }
}

/// What one bench run measured for one corpus size.
struct Measured {
    articles: usize,
    /// The median build, in seconds.
    build: f64,
    /// The median I/O floor, in seconds.
    floor: f64,
    /// The build's processor time, the run with the median total.
    build_cpu: Option<Cpu>,
    /// The floor's, the same way.
    floor_cpu: Option<Cpu>,
    /// The highest peak resident memory of the runs, in MiB.
    peak_mb: f64,
    /// Records per second, validation alone on one core.
    validate_alone: f64,
    /// The same with each record validated as soon as it is parsed.
    validate_just_parsed: f64,
}

/// The large-article measurements: their table, the 10 MB time over the 1 MB time, and the
/// same for the instructions when they were counted.
struct Large {
    table: String,
    time_ratio: Option<f64>,
    instruction_ratio: Option<f64>,
}

/// A generated wire-text article of about `size` bytes: one long story in paragraphs.
fn large_text(size: usize) -> String {
    let paragraph = "The harbour council met again on Tuesday to weigh the cost of the sea wall, and the fishing co-operative asked for more time to answer. ";
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
    text
}

/// Reads generated 1 MB and 10 MB wire-text articles into validated records, in this process
/// (as `newswire parse` does, without the process start and schema compilation around it):
/// the time should grow in proportion to the size. Best of ten each, the sizes taking turns.
/// When valgrind is installed, also counts the instructions `newswire parse` spends on each,
/// net of a one-paragraph article: a count that does not move with the machine's caches and
/// load.
fn large_articles(root: &Path, binary: &Path, work: &Path) -> anyhow::Result<Large> {
    let channel_file = root.join("tests/data/channel.toml");
    let validator = newswire_validate::Validator::new();
    let channel = newswire_build::load_channel(&channel_file, &validator)
        .map_err(|d| anyhow::anyhow!("tests/data/channel.toml is invalid: {d:?}"))?;
    let ctx = newswire_ingest::Context {
        channel: Some(&channel),
        published: None,
    };
    let counted = |text: &str, name: &str| -> anyhow::Result<Option<u64>> {
        let path = work.join(name);
        std::fs::write(&path, text)?;
        let mut parse = Command::new(binary);
        parse
            .args(["parse", "--channel"])
            .arg(&channel_file)
            .arg(&path)
            .arg("-q");
        callgrind(&mut parse, &work.join("callgrind-large.out"))
    };
    let baseline = counted(&large_text(0), "large-0.txt")?;
    let mut table = String::from(
        "\none large wire-text article read into a validated record (parse and both validation \
         layers, in process, best of 10 taking turns; instructions: `newswire parse` under callgrind, net of \
         a one-paragraph article):\n\n| size | s | MB/s | instructions |\n|---:|---:|---:|---:|\n",
    );
    let sizes = [("1 MB", 1_000_000usize), ("10 MB", 10_000_000)];
    let texts = sizes.map(|(_, size)| large_text(size));
    // The sizes take turns, so that a change in the machine's speed while they run (on a
    // shared host, by half within seconds) reaches both alike rather than one size's runs.
    let mut best = [Duration::MAX; 2];
    for _ in 0..10 {
        for ((best, text), (label, _)) in best.iter_mut().zip(&texts).zip(sizes) {
            let started = Instant::now();
            let parsed = newswire_build::read_article(
                "large.txt",
                newswire_build::InputKind::WireText,
                std::hint::black_box(text.as_bytes()),
                &ctx,
                &validator,
            );
            *best = (*best).min(started.elapsed());
            if parsed.record.is_none() {
                bail!("the {label} article is invalid: {:?}", parsed.diagnostics);
            }
        }
    }
    let mut times = Vec::new();
    let mut counts = Vec::new();
    for (((label, size), text), best) in sizes.into_iter().zip(&texts).zip(best) {
        let net = counted(text, &format!("large-{size}.txt"))?
            .zip(baseline)
            .map(|(n, base)| n.saturating_sub(base));
        let secs = best.as_secs_f64();
        let _ = writeln!(
            table,
            "| {label} | {secs:.4} | {:.1} | {} |",
            text.len() as f64 / 1e6 / secs,
            net.map_or_else(|| "—".to_owned(), |n| n.to_string()),
        );
        times.push(secs);
        counts.extend(net);
    }
    let ratio = |v: &[f64]| match v {
        [one, ten] => Some(ten / one),
        _ => None,
    };
    let time_ratio = ratio(&times);
    let instruction_ratio = ratio(&counts.iter().map(|&n| n as f64).collect::<Vec<_>>());
    if let Some(r) = time_ratio {
        let _ = write!(table, "\n10 MB takes {r:.1}× the time of 1 MB");
    }
    if let Some(r) = instruction_ratio {
        let _ = write!(table, " and {r:.1}× the instructions");
    }
    table.push('\n');
    Ok(Large {
        table,
        time_ratio,
        instruction_ratio,
    })
}

/// Runs `command` under valgrind's callgrind, writing its counts to `counts`; the number of
/// instructions it ran, or `None` when valgrind is not installed.
fn callgrind(command: &mut Command, counts: &Path) -> anyhow::Result<Option<u64>> {
    let have_valgrind = Command::new("valgrind")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !have_valgrind {
        return Ok(None);
    }
    let mut run = Command::new("valgrind");
    run.arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", counts.display()))
        .arg(command.get_program())
        .args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => run.env(key, value),
            None => run.env_remove(key),
        };
    }
    let run = run.output()?;
    if !run.status.success() {
        bail!(
            "{command:?} failed under callgrind:\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    String::from_utf8_lossy(&run.stderr)
        .lines()
        .find_map(|l| l.split_once("refs:").map(|(_, n)| count(n)))
        .flatten()
        .context("no instruction count from callgrind")
        .map(Some)
}

/// The user-space instructions per article of a build of 1,000 generated articles on one
/// thread, counted by valgrind's callgrind: unlike seconds, the count is the same from run to
/// run and from machine to machine (of one architecture), so it compares two versions of the
/// code even on a busy or virtual machine. The system calls' work in the kernel is not in it.
/// Skipped, with a line saying so, when valgrind is not installed.
fn instructions(binary: &Path, work: &Path) -> anyhow::Result<String> {
    const N: usize = 1_000;
    let mut out = format!(
        "\nuser-space instructions per article (valgrind --tool=callgrind, {N} articles, one thread):\n\n"
    );
    let corpus_dir = work.join(format!("corpus-{N}"));
    ensure_corpus(N, &corpus_dir)?;
    let counts = work.join("callgrind.out");
    let scratch = work.join("callgrind-scratch");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut build = Command::new(binary);
    build
        .arg("build")
        .arg(&corpus_dir)
        .arg("--out")
        .arg(&scratch)
        .arg("-q")
        .env("RAYON_NUM_THREADS", "1");
    let total = callgrind(&mut build, &counts);
    let _ = std::fs::remove_dir_all(&scratch);
    let Some(total) = total? else {
        out.push_str("skipped: valgrind is not installed\n");
        return Ok(out);
    };
    let _ = writeln!(out, "| stage | instructions per article |\n|---|---:|");
    let _ = writeln!(out, "| whole build | {:.0} |", total as f64 / N as f64);
    // Each stage's inclusive count, from the annotation of the functions the pipeline calls
    // once per article per stage.
    let annotated = Command::new("callgrind_annotate")
        .args(["--inclusive=yes", "--threshold=100"])
        .arg(&counts)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    // The documents' stage counts rendering the body they borrow, making them and handing
    // them to the kernel: the exporters' own entry points, which the pipeline calls once per
    // article however it orders its work. The renditions' whole count, with the helpers
    // inlined into them, is the entry callgrind files under their source file's full path,
    // not the one marked with the binary.
    let stages: [(&str, &[&str]); 3] = [
        ("parse", &["newswire_build::article::parse_article ["]),
        ("validate", &["newswire_build::article::check_parsed ["]),
        (
            "export, all per-article formats",
            &[
                "body.rs:newswire_export::body::RenderedBody::make",
                "newswire_export::jsonld::jsonld_article_document [",
                "newswire_export::ninjs::ninjs_document [",
                "newswire_export::page::html_page_document [",
                "newswire_build::publish::Staging::write_document [",
            ],
        ),
    ];
    for (stage, functions) in stages {
        let found: Option<u64> = functions
            .iter()
            .map(|function| {
                annotated
                    .lines()
                    .find(|l| l.contains(function))
                    .and_then(|l| count(l.split_whitespace().next()?))
            })
            .sum();
        match found {
            Some(n) => {
                let _ = writeln!(out, "| {stage} | {:.0} |", n as f64 / N as f64);
            }
            None => {
                let _ = writeln!(out, "| {stage} | — (inlined) |");
            }
        }
    }
    Ok(out)
}

/// A count as callgrind prints it, with thousands separators.
fn count(text: &str) -> Option<u64> {
    text.trim().replace(',', "").parse().ok()
}

/// The issue's targets against what this run measured: met, or missed by how much.
fn targets(measured: &[Measured], large: &Large) -> String {
    /// One target: a bound on a measured value, and how the value reads in the report.
    struct Target {
        name: &'static str,
        value: Option<f64>,
        shown: Option<String>,
        /// The bound, and whether the value must reach it (`true`) or stay within it.
        limit: f64,
        at_least: bool,
    }
    let at = |n: usize| measured.iter().find(|m| m.articles == n);
    let (ten, hundred) = (at(10_000), at(100_000));
    let slowest = |pick: fn(&Measured) -> f64| measured.iter().map(pick).reduce(f64::min);
    let alone = slowest(|m| m.validate_alone);
    let just_parsed = slowest(|m| m.validate_just_parsed);
    let rows = [
        Target {
            name: "10,000-article build ≥ 12,000 articles/s",
            value: ten.map(|m| m.articles as f64 / m.build),
            shown: ten.map(|m| format!("{:.0} articles/s", m.articles as f64 / m.build)),
            limit: 12_000.0,
            at_least: true,
        },
        Target {
            name: "10,000-article build ≤ 1.5× the I/O floor",
            value: ten.map(|m| m.build / m.floor),
            shown: ten.map(|m| format!("{:.2}×", m.build / m.floor)),
            limit: 1.5,
            at_least: false,
        },
        Target {
            name: "peak memory < 150 MB at 10,000",
            value: ten.map(|m| m.peak_mb),
            shown: ten.map(|m| format!("{:.0} MB", m.peak_mb)),
            limit: 150.0,
            at_least: false,
        },
        Target {
            name: "peak memory < 300 MB at 100,000",
            value: hundred.map(|m| m.peak_mb),
            shown: hundred.map(|m| format!("{:.0} MB", m.peak_mb)),
            limit: 300.0,
            at_least: false,
        },
        Target {
            name: "validation alone ≥ 100,000 records/s on one core (slowest corpus)",
            value: alone,
            shown: alone
                .zip(just_parsed)
                .map(|(v, p)| format!("{v:.0} records/s ({p:.0} with each record just parsed)")),
            limit: 100_000.0,
            at_least: true,
        },
        Target {
            name: "100,000 articles take ≤ 12× the time of 10,000",
            value: ten.zip(hundred).map(|(a, b)| b.build / a.build),
            // The floor's own growth beside it: the kernel's file work, which the build
            // shares, need not grow in proportion to the articles either.
            shown: ten.zip(hundred).map(|(a, b)| {
                format!(
                    "{:.2}× (the I/O floor {:.2}×)",
                    b.build / a.build,
                    b.floor / a.floor
                )
            }),
            limit: 12.0,
            at_least: false,
        },
        Target {
            name: "a 10 MB article in ≤ 12× the time of 1 MB (proportional to size, with the growth target's slack)",
            value: large.time_ratio,
            shown: large.time_ratio.map(|v| match large.instruction_ratio {
                Some(i) => format!("{v:.1}× (instructions {i:.1}×)"),
                None => format!("{v:.1}×"),
            }),
            limit: 12.0,
            at_least: false,
        },
    ];
    let mut out = String::from("\ntargets:\n\n| target | measured | met? |\n|---|---:|---|\n");
    for row in rows {
        let verdict = match row.value {
            None => "not measured in this run".to_owned(),
            Some(v) if row.at_least && v >= row.limit => "yes".to_owned(),
            Some(v) if !row.at_least && v <= row.limit => "yes".to_owned(),
            Some(v) if row.at_least => format!("no: {:.1}% short", (1.0 - v / row.limit) * 100.0),
            Some(v) => format!("no: {:.1}% over", (v / row.limit - 1.0) * 100.0),
        };
        let shown = row.shown.unwrap_or_else(|| "—".to_owned());
        let _ = writeln!(out, "| {} | {shown} | {verdict} |", row.name);
    }
    if let Some(budget) = ten.and_then(UserBudget::of) {
        let _ = writeln!(out, "\n{budget}");
    }
    if let Some(growth) = ten.zip(hundred).and_then(|(a, b)| GrowthBound::of(a, b)) {
        let _ = writeln!(out, "\n{growth}");
    }
    out
}

/// What bounds the growth target: the processor time per article, in user space and in the
/// kernel, of the build and of the floor at both sizes. Work that grows in proportion to the
/// articles keeps its time per article; what grows faster shows where the growth comes from,
/// and whether the floor, which does nothing but the file work, grew as well.
struct GrowthBound {
    /// Microseconds per article at the smaller and the larger size.
    build_user: (f64, f64),
    build_system: (f64, f64),
    floor_user: (f64, f64),
    floor_system: (f64, f64),
    articles: (usize, usize),
}

impl GrowthBound {
    fn of(small: &Measured, large: &Measured) -> Option<GrowthBound> {
        let per_article = |m: &Measured, d: Duration| d.as_secs_f64() * 1e6 / m.articles as f64;
        let pair = |cpu: fn(&Measured) -> Option<Cpu>, part: fn(Cpu) -> Duration| {
            Some((
                per_article(small, part(cpu(small)?)),
                per_article(large, part(cpu(large)?)),
            ))
        };
        Some(GrowthBound {
            build_user: pair(|m| m.build_cpu, |c| c.user)?,
            build_system: pair(|m| m.build_cpu, |c| c.system)?,
            floor_user: pair(|m| m.floor_cpu, |c| c.user)?,
            floor_system: pair(|m| m.floor_cpu, |c| c.system)?,
            articles: (small.articles, large.articles),
        })
    }
}

impl std::fmt::Display for GrowthBound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let grew = |(a, b): (f64, f64)| format!("{a:.1} → {b:.1} µs ({:.2}×)", b / a);
        write!(
            f,
            "what bounds the growth target: per article, from {} to {} articles, the build \
             spent {} in user space and {} in the kernel; the floor, {} and {}",
            self.articles.0,
            self.articles.1,
            grew(self.build_user),
            grew(self.build_system),
            grew(self.floor_user),
            grew(self.floor_system)
        )
    }
}

/// What bounds the floor target: the user-space processor time per article a 10,000-article
/// build could spend and still take at most 1.5× the floor, were its time in the kernel and
/// the cores it keeps busy as they were measured — beside what it spent. The build and the
/// floor do the same file work in the kernel, and both keep every core busy, so it is user
/// time the target bounds.
struct UserBudget {
    /// Microseconds per article, allowed and spent.
    allowed: f64,
    spent: f64,
    /// How many cores the build kept busy.
    cores: f64,
    /// The build's time in the kernel, microseconds per article.
    system: f64,
}

impl UserBudget {
    fn of(m: &Measured) -> Option<UserBudget> {
        let cpu = m.build_cpu?;
        let per_article = |s: f64| s * 1e6 / m.articles as f64;
        let (user, system) = (cpu.user.as_secs_f64(), cpu.system.as_secs_f64());
        let cores = (user + system) / m.build;
        Some(UserBudget {
            allowed: per_article(1.5 * m.floor * cores - system),
            spent: per_article(user),
            cores,
            system: per_article(system),
        })
    }
}

impl std::fmt::Display for UserBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "what bounds the floor target: keeping {:.2} cores busy and spending {:.1} µs per \
             article in the kernel, as it did, a 10,000-article build within 1.5× the floor \
             could spend {:.1} µs per article in user space; it spent {:.1}",
            self.cores, self.system, self.allowed, self.spent
        )
    }
}

/// Runs a build, waiting for it to end rather than watching it as it runs (which would take
/// processor time from it, and see it end a moment late): how long it took and its standard
/// error, where `--timings` reports its stages and its peak memory.
fn run_measured(command: &mut Command) -> anyhow::Result<(Duration, String)> {
    let started = Instant::now();
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {command:?}"))?;
    let stderr_pipe = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = stderr_pipe {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
        }
        text
    });
    let status = child.wait()?;
    let elapsed = started.elapsed();
    let stderr = reader.join().unwrap_or_default();
    if !status.success() {
        bail!("{command:?} failed ({status}):\n{stderr}");
    }
    Ok((elapsed, stderr))
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

/// What a build's `--timings` lines say, each line read once: the first channel's stages, and
/// the highest peak resident memory any line reports, in KiB (none where the system keeps
/// none).
struct Timings {
    stages: Stages,
    peak_kib: Option<u64>,
}

impl Timings {
    fn parse(stderr: &str) -> Option<Timings> {
        let lines: Vec<serde_json::Value> = stderr
            .lines()
            .filter(|l| l.contains("\"stages\""))
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        let stages = lines.first()?["stages"].as_object()?;
        Some(Timings {
            stages: Stages(
                stages
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_f64()?)))
                    .collect(),
            ),
            peak_kib: lines
                .iter()
                .filter_map(|v| v["peak_resident_kib"].as_u64())
                .max(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn processor_times_are_read_after_the_command_name_in_ticks() {
        // A name with spaces and parentheses of its own; utime 57, stime 66, cutime 123,
        // cstime 4.
        let stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 250 0 0 0 57 66 123 4 20 0 3 0";
        let cpu = ProcessCpu::parse(stat).unwrap();
        let ms = Duration::from_millis;
        assert_eq!(
            cpu.own,
            Cpu {
                user: ms(570),
                system: ms(660)
            }
        );
        assert_eq!(
            cpu.children,
            Cpu {
                user: ms(1230),
                system: ms(40)
            }
        );
        // Cut short, or a field that is not a number: nothing.
        assert_eq!(
            ProcessCpu::parse("4242 (x) S 1 4242 4242 0 -1 4194560 250 0 0 0 57"),
            None
        );
        assert_eq!(ProcessCpu::parse(&stat.replace(" 66 ", " x ")), None);
        // This process's own, read where the system has them, which only grow.
        let first = ProcessCpu::now();
        assert_eq!(first.is_some(), cfg!(target_os = "linux"));
        if let Some(spent) = ProcessCpu::since(first, |p| p.own) {
            assert!(spent.user + spent.system < Duration::from_secs(3600));
        }
    }

    #[test]
    fn stolen_time_is_the_eighth_number_of_the_cpu_line() {
        let stat = "cpu  7309359 17279 1403320 7460307 36067 0 10347 4304 0 0\n\
                    cpu0 3087568 8869 657134 4349893 8444 0 3133 2142 0 0\n\
                    intr 1 2 3\n";
        assert_eq!(parse_stolen(stat), Some(Duration::from_millis(43_040)));
        // The per-processor lines are not the total.
        assert_eq!(parse_stolen("cpu0 1 2 3 4 5 6 7 8 9 10\n"), None);
        // A kernel too old to count it.
        assert_eq!(parse_stolen("cpu  1 2 3 4 5 6 7\n"), None);
    }

    #[test]
    fn the_median_ratio_is_the_middle_one() {
        // The runs of 2026-12-07 named at `RUNS`.
        let builds = [0.43, 0.49, 0.50, 0.38, 0.38];
        let floors = [0.33, 0.27, 0.30, 0.26, 0.26];
        let ratios: Vec<f64> = builds.iter().zip(floors).map(|(b, f)| b / f).collect();
        assert!((median_ratio(&ratios) - 0.38 / 0.26).abs() < 1e-12);
        assert_eq!(median_ratio(&[2.0]), 2.0);
        assert!(median_ratio(&[]).is_nan());
    }

    #[test]
    fn the_median_processor_time_is_the_run_with_the_median_total() {
        let cpu = |user, system| Cpu {
            user: Duration::from_millis(user),
            system: Duration::from_millis(system),
        };
        let runs = [
            Some(cpu(100, 900)),
            Some(cpu(500, 100)),
            Some(cpu(300, 400)),
        ];
        assert_eq!(Cpu::median(runs.into_iter()), Some(cpu(300, 400)));
        assert_eq!(Cpu::median([Some(cpu(1, 1)), None].into_iter()), None);
        assert_eq!(cpu(570, 660).to_string(), "user 0.57 s + system 0.66 s");
    }

    #[test]
    fn the_user_budget_is_what_a_build_at_the_target_spends() {
        let measured = |build: f64, user: u64| Measured {
            articles: 10_000,
            build,
            floor: 0.2,
            build_cpu: Some(Cpu {
                user: Duration::from_millis(user),
                system: Duration::from_millis(370),
            }),
            floor_cpu: None,
            peak_mb: 30.0,
            validate_alone: 1.0,
            validate_just_parsed: 1.0,
        };
        // Exactly 1.5× the floor, 1.9 cores busy: it spent all it could.
        let at = UserBudget::of(&measured(0.3, 200)).unwrap();
        assert!((at.allowed - 20.0).abs() < 1e-9 && (at.spent - 20.0).abs() < 1e-9);
        assert!((at.cores - 1.9).abs() < 1e-9 && (at.system - 37.0).abs() < 1e-9);
        // Twice the floor, as busy and as long in the kernel: the same user time is allowed.
        let over = UserBudget::of(&measured(0.4, 390)).unwrap();
        assert!((over.allowed - 20.0).abs() < 1e-9, "{}", over.allowed);
        assert_eq!(
            over.to_string(),
            "what bounds the floor target: keeping 1.90 cores busy and spending 37.0 µs per \
             article in the kernel, as it did, a 10,000-article build within 1.5× the floor \
             could spend 20.0 µs per article in user space; it spent 39.0"
        );
        let unmeasured = Measured {
            build_cpu: None,
            ..measured(0.3, 200)
        };
        assert!(UserBudget::of(&unmeasured).is_none());
    }

    #[test]
    fn the_growth_bound_is_the_time_per_article_at_both_sizes() {
        let cpu = |user, system| {
            Some(Cpu {
                user: Duration::from_millis(user),
                system: Duration::from_millis(system),
            })
        };
        let measured = |articles, build_cpu, floor_cpu| Measured {
            articles,
            build: 1.0,
            floor: 1.0,
            build_cpu,
            floor_cpu,
            peak_mb: 30.0,
            validate_alone: 1.0,
            validate_just_parsed: 1.0,
        };
        let small = measured(10_000, cpu(210, 520), cpu(20, 470));
        let large = measured(100_000, cpu(2_420, 7_790), cpu(400, 6_910));
        let growth = GrowthBound::of(&small, &large).unwrap();
        assert_eq!(
            growth.to_string(),
            "what bounds the growth target: per article, from 10000 to 100000 articles, the \
             build spent 21.0 → 24.2 µs (1.15×) in user space and 52.0 → 77.9 µs (1.50×) in \
             the kernel; the floor, 2.0 → 4.0 µs (2.00×) and 47.0 → 69.1 µs (1.47×)"
        );
        // Either run unmeasured, either program: nothing to say.
        assert!(GrowthBound::of(&measured(10_000, None, cpu(1, 1)), &large).is_none());
        assert!(GrowthBound::of(&small, &measured(100_000, cpu(1, 1), None)).is_none());
    }

    #[test]
    fn the_peak_is_the_highest_a_timings_line_reports() {
        let stderr = concat!(
            "warning: something\n",
            r#"{"channel":"a","articles":2,"stages":{"read":0.1},"peak_resident_kib":2048}"#,
            "\n",
            r#"{"channel":"b","articles":2,"stages":{"read":0.1},"peak_resident_kib":4096}"#,
            "\n",
        );
        let peak = |stderr| Timings::parse(stderr).and_then(|t| t.peak_kib);
        assert_eq!(peak(stderr), Some(4096));
        // A build that does not report its peak, or no timings at all.
        let without = r#"{"channel":"a","articles":2,"stages":{"read":0.1}}"#;
        assert_eq!(peak(without), None);
        assert_eq!(peak("peak_resident_kib 99"), None);
    }

    #[test]
    fn the_floor_reads_every_article_and_writes_every_output_with_its_size() {
        let tmp = tempfile::tempdir().unwrap();
        // A part of a batch, and batches with a part of one over.
        for count in [3, 2 * newswire_build::BATCH + 5] {
            let articles = tmp.path().join(format!("articles-{count}"));
            std::fs::create_dir(&articles).unwrap();
            for i in 0..count {
                std::fs::write(articles.join(format!("a{i}.txt")), "text").unwrap();
            }
            // Not a multiple of the articles: files and a channel file to share out.
            let files = 2 * count + 1;
            let mut outputs: Vec<(PathBuf, u64)> = (0..files)
                .map(|i| (PathBuf::from(format!("articles/s{i}.html")), 10 + i as u64))
                .collect();
            outputs.push((PathBuf::from("rss.xml"), 3));
            let dir = tmp.path().join(format!("floor-{count}"));
            io_floor(&articles, &outputs, &dir).unwrap();
            for (rel, len) in &outputs {
                let written = std::fs::metadata(dir.join(rel)).unwrap().len();
                assert_eq!(written, *len, "{}", rel.display());
            }
            let made = std::fs::read_dir(dir.join("articles")).unwrap().count();
            assert_eq!(made, files);
        }
        // No article at all: the outputs are still written.
        let outputs = [(PathBuf::from("rss.xml"), 3)];
        let (empty, dir) = (tmp.path().join("none"), tmp.path().join("floor-empty"));
        std::fs::create_dir(&empty).unwrap();
        io_floor(&empty, &outputs, &dir).unwrap();
        assert!(dir.join("rss.xml").exists());
        // A folder that cannot be listed is an error, not a floor of nothing.
        assert!(io_floor(&tmp.path().join("missing"), &outputs, &dir).is_err());
    }
}
