//! Hostile article text through the whole pipeline: nothing an author writes can end the
//! embedded script early, open a comment, break the XML or inject markup, in any format.

use std::path::Path;

use serde_json::Value;

use crate::support::{newswire, root, run, shared, stderr, stdout, tree};

const HOSTILE_HEADLINE: &str = "Quay “lights” </script> & <!-- ]]> fail";
const HOSTILE_PARAGRAPH: &str = "The sign read </script><script>alert(1)</script> and <!-- a comment --> and ]]> \
     and <img src=x onerror=alert(1)> & \"quotes\" 'too' \u{2028}line\u{2029}para \u{1}bell.";

fn write_channel(dir: &Path) {
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::copy(
        root().join("tests/data/channel.toml"),
        dir.join("channel.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("articles/hostile.txt"),
        format!(
            "+++\npublished = 2026-07-01T12:00:00+02:00\nkeywords = [\"</script>\", \"a & b\"]\n\
             [image]\nurl = \"https://desk.example/media/x.jpg?a=1&b=2\"\nalt = \"\\\"><script>alert(1)</script>\"\n+++\n\
             {HOSTILE_HEADLINE}\nBy Ada </script> Quill\nPORT ELLERY — {HOSTILE_PARAGRAPH}\n\
             Is <b>this</b> a heading?\nIt is followed by a paragraph that ends properly.\n\
             Sources: Harbour <Board>; ]]> Agency.\nPhoto: Ada Quill / <Lumen>\n"
        ),
    )
    .unwrap();
}

#[test]
fn hostile_text_cannot_break_any_output() {
    let work = tempfile::tempdir().unwrap();
    let channel = work.path().join("desk");
    write_channel(&channel);
    let out = work.path().join("public");
    let build = run(newswire().arg("build").arg(&channel).arg("--out").arg(&out));
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let dir = out.join("desk");
    let files = tree(&dir);
    assert_eq!(files.len(), 4 + 3, "{:?}", files.keys().collect::<Vec<_>>());

    for (name, bytes) in &files {
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(
            !text.contains('\u{1}'),
            "{name}: a character XML 1.0 forbids"
        );
        if name.ends_with(".xml") {
            let feed =
                feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{name}: {e}"));
            let entry = &feed.entries[0];
            assert_eq!(
                entry.title.as_ref().unwrap().content,
                HOSTILE_HEADLINE,
                "{name}"
            );
        } else if name.ends_with(".json") || name.ends_with(".jsonld") {
            let _: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    let jsonld_name = files
        .keys()
        .find(|k| k.ends_with(".jsonld") && k.starts_with("articles/"))
        .unwrap();
    let jsonld: Value = serde_json::from_slice(&files[jsonld_name]).unwrap();
    assert_eq!(jsonld["headline"], HOSTILE_HEADLINE);
    assert!(
        jsonld["articleBody"]
            .as_str()
            .unwrap()
            .contains("</script><script>alert(1)</script>")
    );

    let page_name = jsonld_name.replace(".jsonld", ".html");
    let page = std::str::from_utf8(&files[&page_name]).unwrap();
    // As a browser tokenises: the script element ends at the first `</script`, whatever case.
    let lower = page.to_ascii_lowercase();
    assert_eq!(
        lower.matches("<script").count(),
        1,
        "exactly one script element"
    );
    assert_eq!(
        lower.matches("</script").count(),
        1,
        "the only `</script` is the real end tag"
    );
    assert!(
        !page.contains("<!--"),
        "no comment is opened by article text"
    );
    let start = lower.find("<script").unwrap();
    let body_start = start + page[start..].find('>').unwrap() + 1;
    let body_end = lower.find("</script").unwrap();
    let embedded: Value = serde_json::from_str(&page[body_start..body_end]).unwrap();
    assert_eq!(embedded, jsonld, "the page embeds the same JSON-LD");

    let html = scraper::Html::parse_document(page);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(
        html.select(&select("img[onerror]")).count(),
        0,
        "no injected markup"
    );
    assert_eq!(html.select(&select("b")).count(), 0, "no injected markup");
    let h1: String = html.select(&select("h1")).next().unwrap().text().collect();
    assert_eq!(h1, HOSTILE_HEADLINE);
    let img = html.select(&select("figure img")).next().unwrap();
    assert_eq!(img.attr("alt"), Some("\"><script>alert(1)</script>"));
    assert_eq!(
        img.attr("src"),
        Some("https://desk.example/media/x.jpg?a=1&b=2")
    );

    // Every output also passes the independent validators, when they are beside the project.
    if let Some(shared) = shared() {
        let check = run(std::process::Command::new("bash")
            .arg(shared.join("conformance/check"))
            .arg(&dir));
        let report = stdout(&check);
        assert_eq!(check.status.code(), Some(0), "{report}{}", stderr(&check));
        assert!(report.contains(" 0 failed"), "{report}");
    }
}
