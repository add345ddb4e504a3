//! `cargo xtask pgo`: newswire built with profile-guided optimisation. An instrumented build
//! of the binary builds a generated channel, twice (the second time over its own outputs),
//! and the sample channel; LLVM's `llvm-profdata` merges what it counted, and the release
//! build is made again with that profile, so the compiler inlines and lays out the code as a
//! build runs it. The training channel is generated with another seed than the benchmark's:
//! the same kinds of article, not the same articles. The optimised binary must then build
//! the training channel to the instrumented binary's outputs, byte for byte.
//!
//! `llvm-profdata` must be the one of the compiler's own LLVM: it comes with rustup's
//! `llvm-tools` component, which is installed when missing. Each build has a target folder
//! of its own under `target/pgo/`, so neither invalidates the ordinary release build.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::{corpus, run};

/// How many articles the instrumented binary builds: enough for every path a build takes
/// often to be counted often, few enough to take a second.
const TRAINING_ARTICLES: usize = 2_000;

/// Not [`corpus::SEED`]: the profile is not made from the articles it is measured on.
const TRAINING_SEED: u64 = 0x5EED_5EED_7EA1_0001;

/// Builds the optimised binary and returns its path.
pub(crate) fn build(root: &Path) -> anyhow::Result<PathBuf> {
    let host = host_triple()?;
    let profdata = profdata_tool(&host)?;
    let pgo = crate::target_dir(root).join("pgo");
    let profiles = pgo.join("profiles");
    clear(&profiles)?;
    eprintln!("==> pgo: the instrumented build");
    let instrumented = release_build(
        &pgo.join("instrumented"),
        &host,
        &format!("-Cprofile-generate={}", profiles.display()),
    )?;
    eprintln!("==> pgo: training on {TRAINING_ARTICLES} generated articles and the sample channel");
    train(root, &instrumented, &pgo.join("training"))?;
    let merged = pgo.join("newswire.profdata");
    run(Command::new(&profdata)
        .arg("merge")
        .arg("-o")
        .arg(&merged)
        .arg(&profiles))?;
    eprintln!("==> pgo: the optimised build");
    let optimised = release_build(
        &pgo.join("optimised"),
        &host,
        &format!("-Cprofile-use={}", merged.display()),
    )?;
    check(&optimised, &pgo.join("training"))?;
    Ok(optimised)
}

/// Holds the optimised `binary` to the instrumented one: its build of the training channel in
/// `dir` must be the instrumented build's, byte for byte.
fn check(binary: &Path, dir: &Path) -> anyhow::Result<()> {
    let out = dir.join("check");
    clear(&out)?;
    run(Command::new(binary)
        .arg("build")
        .arg(dir.join("channel"))
        .arg("--out")
        .arg(&out)
        .arg("-q"))?;
    let (theirs, ours) = (files(&dir.join("out"))?, files(&out)?);
    if theirs.is_empty() || theirs != ours {
        bail!(
            "the optimised binary's build of {} differs from the instrumented binary's",
            dir.join("channel").display()
        );
    }
    Ok(())
}

/// Every file under `dir`, by path relative to it, with its bytes, in order of path.
fn files(dir: &Path) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)
            .with_context(|| format!("cannot list {}", folder.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                found.push((path.strip_prefix(dir)?.to_path_buf(), bytes));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Runs the instrumented binary on the training channels, writing under `dir`.
fn train(root: &Path, binary: &Path, dir: &Path) -> anyhow::Result<()> {
    let channel = dir.join("channel");
    corpus::generate(TRAINING_ARTICLES, &channel, TRAINING_SEED)?;
    let out = dir.join("out");
    clear(&out)?;
    // The second build finds every output unchanged, as the newsrooms' rebuilds do.
    for _ in 0..2 {
        run(Command::new(binary)
            .arg("build")
            .arg(&channel)
            .arg("--out")
            .arg(&out)
            .arg("-q"))?;
    }
    run(Command::new(binary)
        .arg("build")
        .arg(root.join("feeds"))
        .arg("--out")
        .arg(dir.join("sample"))
        .arg("-q"))
}

/// Removes `dir` and what it holds, if it is there: what an earlier run left.
fn clear(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    Ok(())
}

/// `cargo build --release` of newswire into `target_dir` with `flag` added to the compiler's
/// flags; returns the binary. The host is named as the target so that the flag reaches
/// newswire's code only, not the build scripts and macros that make it.
fn release_build(target_dir: &Path, host: &str, flag: &str) -> anyhow::Result<PathBuf> {
    // The flags the caller gave, in cargo's encoded form (one flag a field, so a path with a
    // space in it stays one flag), and this one after them.
    let mut flags: Vec<String> = match std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        Ok(encoded) if !encoded.is_empty() => encoded.split('\x1f').map(str::to_owned).collect(),
        _ => std::env::var("RUSTFLAGS")
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    };
    flags.push(flag.to_owned());
    run(crate::cargo()
        .args([
            "build",
            "--release",
            "--quiet",
            "--package",
            "newswire",
            "--target",
            host,
        ])
        .arg("--target-dir")
        .arg(target_dir)
        .env("CARGO_ENCODED_RUSTFLAGS", flags.join("\x1f")))?;
    Ok(target_dir.join(host).join("release/newswire"))
}

/// The compiler's host triple, as `rustc -vV` gives it.
fn host_triple() -> anyhow::Result<String> {
    let out = rustc(&["-vV"])?;
    out.lines()
        .find_map(|line| line.strip_prefix("host: "))
        .map(str::to_owned)
        .context("`rustc -vV` names no host")
}

/// rustup's `llvm-profdata`, installed with the `llvm-tools` component when missing.
fn profdata_tool(host: &str) -> anyhow::Result<PathBuf> {
    let sysroot = rustc(&["--print", "sysroot"])?;
    let tool = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(host)
        .join("bin/llvm-profdata");
    if !tool.is_file() {
        eprintln!("==> pgo: installing llvm-profdata (rustup component add llvm-tools)");
        let installed = Command::new("rustup")
            .args(["component", "add", "llvm-tools"])
            .status()
            .is_ok_and(|s| s.success());
        if !installed || !tool.is_file() {
            bail!(
                "no {}: profile-guided optimisation needs the compiler's own llvm-profdata, \
                 from `rustup component add llvm-tools`",
                tool.display()
            );
        }
    }
    Ok(tool)
}

fn rustc(args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("rustc")
        .args(args)
        .output()
        .context("cannot run rustc")?;
    if !out.status.success() {
        bail!("rustc {} failed: {}", args.join(" "), out.status);
    }
    String::from_utf8(out.stdout).context("rustc's output is not UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files of a folder and its folders, relative to it, in order, with their bytes: two
    /// builds' outputs compare equal only when every file and byte is the same.
    #[test]
    fn files_lists_every_file_below_a_folder_with_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        std::fs::write(root.join("b/c/z.json"), b"{}").unwrap();
        std::fs::write(root.join("b/y.xml"), b"<y/>").unwrap();
        std::fs::write(root.join("a.txt"), b"a").unwrap();
        let found = files(root).unwrap();
        let expect: Vec<(PathBuf, Vec<u8>)> = vec![
            ("a.txt".into(), b"a".to_vec()),
            ("b/c/z.json".into(), b"{}".to_vec()),
            ("b/y.xml".into(), b"<y/>".to_vec()),
        ];
        assert_eq!(found, expect);
        std::fs::write(root.join("b/c/z.json"), b"{ }").unwrap();
        assert_ne!(files(root).unwrap(), expect, "a changed byte went unseen");
    }
}
