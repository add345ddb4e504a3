//! `cargo xtask dist`: shell completions and man pages, generated from the same clap
//! definitions the `newswire` binary parses its arguments with.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ValueEnum as _;
use clap_complete::Shell;

/// Writes `<target>/dist/completions/*` and `<target>/dist/man/*.1`, where `<target>` is
/// `CARGO_TARGET_DIR` or `target/`.
pub(crate) fn dist(root: &Path) -> anyhow::Result<()> {
    let written = write(&crate::target_dir(root).join("dist"))?;
    for path in &written {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// Writes the completions and man pages under `dist`, replacing what an earlier run left, and
/// returns the files written.
fn write(dist: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let completions = dist.join("completions");
    let man = dist.join("man");
    for dir in [&completions, &man] {
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .with_context(|| format!("cannot remove {}", dir.display()))?;
        }
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut written = Vec::new();
    for shell in Shell::value_variants() {
        let path =
            clap_complete::generate_to(*shell, &mut newswire::command(), "newswire", &completions)
                .with_context(|| format!("cannot write the {shell} completions"))?;
        written.push(path);
    }
    clap_mangen::generate_to(newswire::command(), &man)
        .with_context(|| format!("cannot write man pages into {}", man.display()))?;
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&man)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    pages.sort();
    written.extend(pages);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shell has its script and every command its page, naming the commands it documents.
    #[test]
    fn writes_completions_and_a_page_per_command() {
        let dir = tempfile::tempdir().unwrap();
        let written = write(dir.path()).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| {
                let rel = p.strip_prefix(dir.path()).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        for expected in [
            "completions/newswire.bash",
            "completions/_newswire",
            "completions/newswire.fish",
            "completions/newswire.elv",
            "completions/_newswire.ps1",
            "man/newswire.1",
            "man/newswire-build.1",
            "man/newswire-validate.1",
            "man/newswire-new.1",
            "man/newswire-new-channel.1",
            "man/newswire-new-article.1",
            "man/newswire-completions.1",
        ] {
            assert!(names.iter().any(|n| n == expected), "{expected}: {names:?}");
        }
        let bash = std::fs::read_to_string(dir.path().join("completions/newswire.bash")).unwrap();
        assert!(bash.contains("--keep-going") && bash.contains("completions"));
        let page = std::fs::read_to_string(dir.path().join("man/newswire-build.1")).unwrap();
        assert!(
            page.contains("keep\\-going") && page.contains("newswire build"),
            "{page}"
        );
    }
}
