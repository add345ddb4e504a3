//! Project chores, run as `cargo xtask <task>`: generated files, the sample build, CI.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a chore runner talks to its user

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use newswire_schema::Mode;

mod bench;
mod corpus;
mod dist;
mod pgo;

const HELP: &str = "\
cargo xtask <task>

Tasks:
  schemas       write schemas/ from the record model
  check         fail when schemas/ differs from what the model generates
  build         build the sample channel into public/ (release build of newswire)
  conformance   run ../shared/conformance/check on public/
  dist          write shell completions and man pages into target/dist/
  gen-corpus N DIR [--seed S]
                write a deterministic channel of N generated articles into DIR (another
                seed, other articles of the same kinds)
  pgo           build newswire with profile-guided optimisation, trained on a generated
                channel, into target/pgo/ (installs llvm-tools with rustup when missing)
  bench [N...] [--out-dir DIR] [--no-pgo]
                build generated channels (default 10000 and 100000 articles) with the
                binary `pgo` builds (the plain release binary with --no-pgo, or when
                profile-guided optimisation is not available) and report
                articles/s, MB/s, peak memory, time per stage, the I/O floor, validation
                alone, large articles, instructions per article (with valgrind) and the
                targets met or missed; outputs go under DIR/newswire-bench (default
                target/bench/scratch; on a tmpfs each run's outputs are removed once measured)
  ci            everything CI runs: fmt, clippy, schema check, tests (with the browser
                test, after installing Chromium if missing), docs, build, conformance
";

fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    // `cargo xtask bench --help` and the like: every task is described in the one page.
    if std::env::args()
        .skip(2)
        .any(|a| matches!(a.as_str(), "-h" | "--help"))
    {
        print!("{HELP}");
        return Ok(());
    }
    let root = project_root();
    std::env::set_current_dir(&root)?;
    match task.as_str() {
        "schemas" => schemas(&root, Mode::Write),
        "check" => schemas(&root, Mode::Check),
        "build" => build_sample(),
        "conformance" => conformance(&root),
        "dist" => dist::dist(&root),
        "gen-corpus" => gen_corpus(),
        "pgo" => pgo::build(&root).map(|binary| println!("{}", binary.display())),
        "bench" => bench::bench(&root, &std::env::args().skip(2).collect::<Vec<_>>()),
        "ci" => ci(&root),
        "" | "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => bail!("unknown task `{other}`\n\n{HELP}"),
    }
}

fn gen_corpus() -> anyhow::Result<()> {
    const USAGE: &str = "usage: cargo xtask gen-corpus N DIR [--seed S]";
    let mut positional = Vec::new();
    let mut seed = corpus::SEED;
    let mut args = std::env::args().skip(2);
    while let Some(arg) = args.next() {
        if arg == "--seed" {
            let s = args.next().context(USAGE)?;
            seed = s.parse().with_context(|| format!("not a seed: {s}"))?;
        } else {
            positional.push(arg);
        }
    }
    let [n, dir] = <[String; 2]>::try_from(positional).map_err(|_| anyhow::anyhow!(USAGE))?;
    let n: usize = n
        .replace('_', "")
        .parse()
        .with_context(|| format!("not a number: {n}"))?;
    corpus::generate(n, Path::new(&dir), seed)?;
    eprintln!("wrote {n} articles into {dir}");
    Ok(())
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn schemas(root: &Path, mode: Mode) -> anyhow::Result<()> {
    let changed = newswire_schema::update(&root.join("schemas"), mode)?;
    for path in &changed {
        eprintln!("wrote {}", path.display());
    }
    if changed.is_empty() {
        eprintln!("schemas/ is up to date");
    }
    Ok(())
}

fn build_sample() -> anyhow::Result<()> {
    run(cargo().args([
        "run",
        "--release",
        "--quiet",
        "--package",
        "newswire",
        "--",
        "build",
        "--out",
        "public",
    ]))
}

/// The conformance bundle beside the project, when it is there.
fn conformance_script(root: &Path) -> Option<PathBuf> {
    let script = root.parent()?.join("shared/conformance/check");
    script.is_file().then_some(script)
}

fn conformance(root: &Path) -> anyhow::Result<()> {
    let Some(script) = conformance_script(root) else {
        bail!(
            "../shared/conformance/check is not there: the conformance bundle sits beside the project"
        );
    };
    run(Command::new("bash").arg(script).arg("public"))
}

fn ci(root: &Path) -> anyhow::Result<()> {
    step("format", cargo().args(["fmt", "--all", "--", "--check"]))?;
    step(
        "lint",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    eprintln!("==> schemas");
    schemas(root, Mode::Check)?;
    step(
        "browser tools",
        Command::new("bash").arg("tests/browser/setup.sh"),
    )?;
    step(
        "tests",
        cargo()
            .args(["test", "--workspace", "--all-targets"])
            .env("INSTA_UPDATE", "no"),
    )?;
    step("doc tests", cargo().args(["test", "--workspace", "--doc"]))?;
    step(
        "docs build without warnings",
        cargo()
            .args(["doc", "--workspace", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    eprintln!("==> build the sample channel");
    build_sample()?;
    if conformance_script(root).is_some() {
        eprintln!("==> conformance");
        conformance(root)?;
    } else if std::env::var_os("CI").is_some() {
        bail!("CI must have ../shared/conformance beside the project");
    } else {
        eprintln!("==> conformance: skipped, ../shared/conformance is not beside the project");
    }
    eprintln!("==> ci: all steps passed");
    Ok(())
}

/// Where cargo builds: `CARGO_TARGET_DIR`, or `target/` in the project.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn step(name: &str, command: &mut Command) -> anyhow::Result<()> {
    eprintln!("==> {name}");
    run(command)
}

fn run(command: &mut Command) -> anyhow::Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed: {status}");
    }
    Ok(())
}
