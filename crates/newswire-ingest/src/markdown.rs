//! The Markdown reader: CommonMark, as Hugo and Jekyll sites keep articles, read into the same
//! blocks as wire text, so that the same article gives the same record in either form.
//!
//! How Markdown maps onto blocks:
//!
//! - A `#` heading is a title: the headline line when it is the article's first block, a
//!   section heading anywhere else. `##` headings are section headings, and so are `###` and
//!   deeper ones: the record has one level of heading, and the text and order are kept.
//!   Heading attributes (`## Who pays? {#who-pays}`) are read as Hugo reads them and dropped.
//! - Paragraphs are paragraphs, their inline markup flattened to its text: emphasis, strong
//!   emphasis, code spans and links give their text; soft and hard line breaks give a space;
//!   entities and backslash escapes are decoded (`&amp;` is `&`). Typography is kept exactly:
//!   quotes and dashes are never made "smart". A paragraph may still be the byline, the
//!   dateline of the lead or a trailer line (a credit in *italics* is read once flattened),
//!   by the conventions of wire text. A short paragraph is never guessed to be a heading or the
//!   headline: Markdown says what is a heading.
//! - Block quotes give their paragraphs, without quotation marks added.
//! - Each list item is its own paragraph (items are separate thoughts: joined they would run
//!   unrelated sentences together). An item of a numbered list keeps its number (`2. …`), as
//!   it is shown; a bullet is not text and is dropped.
//! - Tables give one paragraph per row, header row included, the cells' text joined by ` | `
//!   and empty cells left out.
//! - Code blocks are text: each run of non-blank lines is one paragraph, its lines joined by a
//!   space, as the lines of a Markdown paragraph are.
//! - The first image (`![alt](url "title")`) is the article's picture when the front matter
//!   gives no `image.url`: its URL (a path is read relative to the article's URL), alt text,
//!   and title as caption. Images are never body text.
//! - Raw HTML is never body text: an HTML block is dropped with a warning, and inline tags are
//!   dropped with a warning, the text between them kept (`<br>` is a space). HTML comments,
//!   such as Hugo's `<!--more-->`, are dropped silently. A paragraph that is only a site
//!   generator's template code (`{{< figure … >}}`, `{% include … %}`) is dropped with a
//!   warning.
//! - Thematic breaks are dropped. Other extensions (footnotes, strikethrough, task lists) are
//!   off: their marks stay text.
//!
//! A body of nothing but paragraphs and `#` headings, with no byte that could be markup, is
//! read without the CommonMark parser, to the same blocks (see [`plain`]).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use newswire_model::Code;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::decode::{has_forbidden, is_forbidden};
use crate::diag::{At, Pos, Sink};
use crate::draft::{Body, BodyImage, Hint, RawBlock, blocks_room};
use crate::frontmatter::LineIndex;
use crate::text::{CleanLine, clean_line, clean_owned, shorten, split_lines};

mod plain;

/// The blocks of Markdown `text`, whose first line is line `first_line` of the file.
pub(crate) fn markdown_body(text: &str, first_line: u32, sink: &mut Sink<'_>) -> Body {
    read(text, first_line, sink, plain::lines(text))
}

/// [`markdown_body`], from the `plain` lines of the text when it is plain Markdown (see
/// [`plain`]), else from the CommonMark parser's events.
fn read(text: &str, first_line: u32, sink: &mut Sink<'_>, plain: Option<Vec<plain::Line>>) -> Body {
    if let Some(lines) = plain {
        return Body {
            blocks: plain::blocks(text, first_line, &lines),
            image: None,
        };
    }
    let mut reader = Reader {
        text,
        index: LineIndex::new(text, first_line),
        sink,
        body: Body {
            blocks: Vec::with_capacity(blocks_room(text)),
            image: None,
        },
        pending: None,
        lists: Vec::new(),
        number: None,
        image_depth: 0,
        open_image: None,
        code: None,
        html: None,
    };
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        reader.event(event, range);
    }
    reader.flush();
    reader.body
}

/// A block being collected.
struct Pending {
    text: String,
    /// Byte offset where the block starts.
    start: usize,
    hint: Hint,
    /// Whether any text other than a list number has been added.
    content: bool,
    /// Whether the next text opens a new table cell.
    cell_break: bool,
    /// Whether dropped inline HTML has been reported for this block.
    html_reported: bool,
    /// Whether some of the text is not the source as written (a character reference
    /// decoded), and so may hold a character XML forbids: the source, once decoded, holds
    /// none.
    rewritten: bool,
}

/// An image whose alt text is being collected.
struct OpenImage {
    url: String,
    title: String,
    alt: String,
    start: usize,
}

/// The text of an HTML block, and where it starts.
struct HtmlBlock {
    text: String,
    start: usize,
}

/// The lines of a code block, each with its byte offset.
type CodeLines = Vec<(usize, String)>;

struct Reader<'t, 's, 'f> {
    text: &'t str,
    index: LineIndex<'t>,
    sink: &'s mut Sink<'f>,
    body: Body,
    pending: Option<Pending>,
    /// The next number of each open list; `None` for a bullet list.
    lists: Vec<Option<u64>>,
    /// The number and start of the list item whose first block has not started yet.
    number: Option<(u64, usize)>,
    /// How many images are open (an image's alt text may hold another image).
    image_depth: u32,
    open_image: Option<OpenImage>,
    code: Option<CodeLines>,
    html: Option<HtmlBlock>,
}

impl Reader<'_, '_, '_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                // A borrowed text is a piece of the source as written.
                let as_written = matches!(t, CowStr::Borrowed(_));
                self.text(&t, range, as_written);
            }
            Event::SoftBreak | Event::HardBreak => self.text(" ", range, true),
            Event::Html(h) => match &mut self.html {
                Some(block) => block.text.push_str(&h),
                None => self.inline_html(&h, range),
            },
            Event::InlineHtml(h) => self.inline_html(&h, range),
            Event::Rule => self.flush(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.begin(range.clone(), Hint::Paragraph),
            Tag::Heading { level, .. } => {
                let hint = if level == HeadingLevel::H1 {
                    Hint::Title
                } else {
                    Hint::Heading
                };
                self.begin(range, hint);
            }
            Tag::Item => {
                self.flush();
                self.number = match self.lists.last_mut() {
                    Some(Some(next)) => {
                        let n = *next;
                        *next = next.saturating_add(1);
                        Some((n, range.start))
                    }
                    _ => None,
                };
            }
            Tag::List(first) => {
                self.flush();
                self.lists.push(first);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(Vec::new());
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some(HtmlBlock {
                    text: String::new(),
                    start: range.start,
                });
            }
            Tag::TableHead | Tag::TableRow => self.begin(range, Hint::Paragraph),
            Tag::TableCell => {
                if let Some(p) = &mut self.pending {
                    p.cell_break = p.content;
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image_depth = self.image_depth.saturating_add(1);
                if self.image_depth == 1 {
                    self.open_image = Some(OpenImage {
                        url: dest_url.into_string(),
                        title: title.into_string(),
                        alt: String::new(),
                        start: range.start,
                    });
                }
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. } => {}
            Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.flush(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.number = None;
            }
            TagEnd::CodeBlock => {
                if let Some(lines) = self.code.take() {
                    self.code_paragraphs(lines);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(block) = self.html.take() {
                    self.html_block(&block);
                }
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                if self.image_depth == 0
                    && let Some(open) = self.open_image.take()
                {
                    self.shown_image(open);
                }
            }
            TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link => {}
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.flush(),
        }
    }

    /// Ends the block being collected, and starts one whose source is `source`, or starts
    /// there: the block's text, with inline markup flattened, is rarely longer, and is given
    /// room for that much at once.
    fn begin(&mut self, source: Range<usize>, hint: Hint) {
        self.flush();
        let start = source.start;
        let mut text = String::with_capacity(source.len());
        // An item's number is text, so the item's first block starts where the number does.
        let start = match self.number.take() {
            Some((n, item)) => {
                write!(text, "{n}. ").expect("a String takes any text");
                item.min(start)
            }
            None => start,
        };
        self.pending = Some(Pending {
            text,
            start,
            hint,
            content: false,
            cell_break: false,
            html_reported: false,
            rewritten: false,
        });
    }

    /// Adds `text`, which is a piece of the source `as_written` or not, to the block being
    /// collected.
    fn text(&mut self, text: &str, range: Range<usize>, as_written: bool) {
        if let Some(lines) = &mut self.code {
            code_lines(self.text, text, range, lines);
            return;
        }
        if let Some(image) = &mut self.open_image {
            image.alt.push_str(text);
            return;
        }
        if self.image_depth > 0 {
            return;
        }
        if self.pending.is_none() {
            self.begin(range.clone(), Hint::Paragraph);
        }
        let Some(p) = &mut self.pending else {
            return;
        };
        let visible = text.chars().any(|c| !c.is_whitespace());
        if visible && p.cell_break {
            p.text.push_str(" | ");
            p.cell_break = false;
        }
        // A line end is a space; `\n` is one byte, so the text between line ends is copied
        // whole, and most texts, which have none, at once.
        for (i, line) in split_lines(text).enumerate() {
            if i > 0 {
                p.text.push(' ');
            }
            p.text.push_str(line);
        }
        p.content |= visible;
        p.rewritten |= !as_written;
    }

    /// Drops an inline HTML tag, reporting the first of each block; comments are dropped
    /// silently and a line break is a space.
    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        let tag = html.trim();
        if tag.starts_with("<!--") {
            return;
        }
        let lower = tag.to_ascii_lowercase();
        if matches!(lower.as_str(), "<br>" | "<br/>" | "<br />") {
            self.text(" ", range, true);
            return;
        }
        if self.image_depth > 0 {
            return;
        }
        if self.pending.is_none() {
            self.begin(range.clone(), Hint::Paragraph);
        }
        let Some(p) = &mut self.pending else {
            return;
        };
        if p.html_reported {
            return;
        }
        p.html_reported = true;
        self.sink
            .warning(
                Code::DroppedResidue,
                self.index.pos(range),
                format!(
                    "dropped the inline HTML {}; the text around it is kept",
                    quoted(tag)
                ),
            )
            .hint("newswire keeps an article's text, not its markup: write it as Markdown");
    }

    fn html_block(&mut self, block: &HtmlBlock) {
        let visible = without_comments(&block.text);
        let Some(first) = visible.lines().find(|l| !l.trim().is_empty()) else {
            return;
        };
        let pos = self.index.pos(block.start..block.start + block.text.len());
        self.sink
            .warning(
                Code::DroppedResidue,
                pos,
                format!(
                    "dropped a raw HTML block starting {}",
                    quoted(first.trim())
                ),
            )
            .hint("newswire keeps an article's text, not its markup: write the block as Markdown, or delete it");
    }

    fn code_paragraphs(&mut self, lines: CodeLines) {
        let mut run: Option<(usize, String)> = None;
        for item in lines.into_iter().map(Some).chain([None]) {
            if let Some((start, line)) = item
                && !line.trim().is_empty()
            {
                match &mut run {
                    Some((_, text)) => {
                        text.push(' ');
                        text.push_str(&line);
                    }
                    None => run = Some((start, line)),
                }
                continue;
            }
            if let Some((start, text)) = run.take() {
                self.begin(start..start + text.len(), Hint::Paragraph);
                self.text(&text, start..start, false);
                self.flush();
            }
        }
    }

    fn shown_image(&mut self, open: OpenImage) {
        let url = open.url.trim();
        if self.body.image.is_some() || url.is_empty() {
            return;
        }
        let pos = self.index.pos(open.start..open.start.saturating_add(1));
        let alt = self.allowed(&open.alt, pos);
        let title = self.allowed(&open.title, pos);
        let some = |s: &str| clean_line(s).map(|c| c.text);
        self.body.image = Some(At::new(
            BodyImage {
                url: url.to_owned(),
                alt: some(&alt),
                caption: some(&title),
            },
            pos,
        ));
    }

    /// `text` without the characters XML forbids, which character references (`&#1;`) can
    /// give after decoding has removed those written as such; removing any is a warning at
    /// `pos`, the block's place.
    fn allowed<'a>(&mut self, text: &'a str, pos: Pos) -> Cow<'a, str> {
        if !has_forbidden(text) {
            return Cow::Borrowed(text);
        }
        self.sink
            .warning(
                Code::ForbiddenCharacter,
                pos,
                "removed a character XML does not allow, written as a character reference",
            )
            .hint("delete the character reference (such as `&#1;`) from the source file");
        Cow::Owned(text.chars().filter(|&c| !is_forbidden(c)).collect())
    }

    /// The position of the block starting at byte `start` whose text is `clean`, cut at the
    /// end of its first line. Most paragraphs are one line written as they read: when the
    /// line is the text, its length in characters is the text's, already counted, and only
    /// the column is counted here rather than every character of the line again.
    fn block_pos(&self, start: usize, clean: &CleanLine) -> Pos {
        let end = start.saturating_add(clean.text.len());
        let line_is_text = self.text.as_bytes().get(start..end) == Some(clean.text.as_bytes())
            && matches!(self.text.as_bytes().get(end), None | Some(b'\n'));
        if !line_is_text {
            return self.index.pos(start..self.text.len());
        }
        let at = self.index.pos(start..start);
        Pos::new(at.line, at.column, clean.length)
    }

    /// Ends the block being collected: a block when it holds text.
    fn flush(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        if !p.content {
            return;
        }
        let text = match p.rewritten {
            true if has_forbidden(&p.text) => {
                let pos = self.index.pos(p.start..self.text.len());
                self.allowed(&p.text, pos).into_owned()
            }
            true => p.text,
            false => {
                debug_assert!(!has_forbidden(&p.text), "text as written is clean");
                p.text
            }
        };
        let Some(clean) = clean_owned(text) else {
            return;
        };
        let pos = self.block_pos(p.start, &clean);
        if is_template(&clean.text) {
            self.sink
                .warning(
                    Code::DroppedResidue,
                    pos,
                    format!("dropped the template code {}", quoted(&clean.text)),
                )
                .hint("newswire reads no site generator's shortcodes: write the content as Markdown, or delete the line");
            return;
        }
        self.body.blocks.push(RawBlock {
            text: clean.text,
            chars: clean.length,
            pos,
            hint: p.hint,
        });
    }
}

/// Adds the text of a code block event to `lines`, each line with its byte offset.
fn code_lines(source: &str, text: &str, range: Range<usize>, lines: &mut CodeLines) {
    // Offsets within the event hold only when the text is the source as written.
    let verbatim = source.get(range.clone()) == Some(text);
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = if verbatim {
            range.start + at
        } else {
            range.start
        };
        at += line.len();
        lines.push((start, line.trim_end_matches('\n').to_owned()));
    }
}

/// `html` without its comments; an unclosed comment runs to the end.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        match rest[open + 4..].find("-->") {
            Some(close) => rest = &rest[open + 4 + close + 3..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// Whether a whole block is a site generator's template tag: Hugo shortcodes (`{{< … >}}`,
/// `{{% … %}}`) and Liquid or Go template tags (`{% … %}`, `{{ … }}`).
fn is_template(text: &str) -> bool {
    (text.starts_with("{{") && text.ends_with("}}"))
        || (text.starts_with("{%") && text.ends_with("%}"))
}

/// Text quoted in a message, shortened.
fn quoted(text: &str) -> String {
    format!("{:?}", shorten(text, 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text`; expects its blocks as `kind@line:column text` (`title`, `h`, `p`), the
    /// image as `image url alt caption`, and diagnostics as `code line:column`.
    #[track_caller]
    fn check(text: &str, expect: &[&str]) {
        let mut sink = Sink::new("t.md");
        let body = markdown_body(text, 1, &mut sink);
        let mut got: Vec<String> = body
            .blocks
            .iter()
            .map(|b| {
                let kind = match b.hint {
                    Hint::Title => "title",
                    Hint::Heading => "h",
                    Hint::Paragraph => "p",
                    Hint::Infer => "?",
                };
                format!("{kind}@{}:{} {}", b.pos.line, b.pos.column, b.text)
            })
            .collect();
        if let Some(i) = &body.image {
            let v = &i.value;
            got.push(format!(
                "image@{}:{} {} {} {}",
                i.pos.line,
                i.pos.column,
                v.url,
                v.alt.as_deref().unwrap_or("-"),
                v.caption.as_deref().unwrap_or("-")
            ));
        }
        for d in sink.finish() {
            let l = d.location.expect("a located diagnostic");
            got.push(format!("{} {}:{}", d.code, l.line, l.column));
        }
        assert_eq!(got, expect, "{text:?}");
    }

    #[test]
    fn constructs() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("\n\n   \n", &[]),
            // Headings: `#` is a title, `##` and deeper are headings, setext too.
            (
                "# Lamps *lit* again\n\n## Why?\n\n### Deeper\n\n#### Deepest ####\n",
                &[
                    "title@1:1 Lamps lit again",
                    "h@3:1 Why?",
                    "h@5:1 Deeper",
                    "h@7:1 Deepest",
                ],
            ),
            (
                "Title\n=====\n\nSub\n---\n",
                &["title@1:1 Title", "h@4:1 Sub"],
            ),
            ("## Who pays? {#who-pays}\n", &["h@1:1 Who pays?"]),
            ("#\n\n##   \n", &[]),
            // Inline markup flattened; breaks are spaces; entities and escapes decoded.
            (
                "The *quay* **reopened** on `Friday`, [said](https://x.example \"t\") the\ncouncil.  \nIt rained\\\nall day.\n",
                &["p@1:1 The quay reopened on Friday, said the council. It rained all day."],
            ),
            (
                "Fish &amp; chips &lt;3 &copy; &#8212; \\*not emphasis\\* 4 &deg;C\n",
                &["p@1:1 Fish & chips <3 © — *not emphasis* 4 °C"],
            ),
            // Typography kept exactly: no smart quotes, dashes or ellipses.
            (
                "\"Straight\" 'quotes' -- and ... “curly” ‘ones’ — kept\n",
                &["p@1:1 \"Straight\" 'quotes' -- and ... “curly” ‘ones’ — kept"],
            ),
            // Stray spaces collapse as in wire text; indentation below four is not code.
            ("   Spaced    out\ttext   \n", &["p@1:4 Spaced out text"]),
            // Lists: one paragraph per item; numbers kept, bullets dropped; nesting.
            (
                "- one\n- two\n  - nested\n\n3. three\n4. four\n",
                &[
                    "p@1:3 one",
                    "p@2:3 two",
                    "p@3:5 nested",
                    "p@5:1 3. three",
                    "p@6:1 4. four",
                ],
            ),
            (
                "1. Loose item\n\n   with a second paragraph\n\n2. Next\n",
                &[
                    "p@1:1 1. Loose item",
                    "p@3:4 with a second paragraph",
                    "p@5:1 2. Next",
                ],
            ),
            (
                "- ![only a picture](https://x.example/a.jpg)\n- \n",
                &["image@1:3 https://x.example/a.jpg only a picture -"],
            ),
            // Block quotes give their paragraphs.
            (
                "> “We will be back,”\n> she said.\n>\n> > Nested.\n",
                &["p@1:3 “We will be back,” she said.", "p@4:5 Nested."],
            ),
            // Code blocks: runs of lines are paragraphs.
            (
                "```text\nLamp lit at sunset.\nWind south-west.\n\nAll well.\n```\n\n    Indented\n    code\n",
                &[
                    "p@2:1 Lamp lit at sunset. Wind south-west.",
                    "p@5:1 All well.",
                    "p@8:5 Indented code",
                ],
            ),
            // Tables: a paragraph per row, empty cells left out.
            (
                "| Year | Catch |\n|---|---|\n| 2025 | 310 t |\n|  | *none* |\n",
                &["p@1:1 Year | Catch", "p@3:1 2025 | 310 t", "p@4:1 none"],
            ),
            // Images: the first one is the picture, never text; its title is the caption.
            (
                "![Lamps at *dusk*](/media/lamps.jpg \"The first lamp\") The quay.\n\n![Second](https://x.example/b.jpg)\n",
                &[
                    "p@1:1 The quay.",
                    "image@1:1 /media/lamps.jpg Lamps at dusk The first lamp",
                ],
            ),
            (
                "![](https://x.example/a.jpg)\n\n![Later](https://x.example/b.jpg)\n",
                &["image@1:1 https://x.example/a.jpg - -"],
            ),
            ("![empty]()\n\n![b](b.jpg)\n", &["image@3:1 b.jpg b -"]),
            (
                "[![Linked](https://x.example/a.jpg)](https://x.example/)\n",
                &["image@1:2 https://x.example/a.jpg Linked -"],
            ),
            // Raw HTML: blocks dropped with a warning, inline tags dropped, text kept.
            (
                "<div class=\"ad\">\n<p>Buy now</p>\n</div>\n\nAfter the block.\n",
                &["p@5:1 After the block.", "NW0203 1:1"],
            ),
            (
                "Text with <span class=\"x\">inline</span> tags and <b>more</b>.<br>Next line.\n",
                &[
                    "p@1:1 Text with inline tags and more. Next line.",
                    "NW0203 1:11",
                ],
            ),
            (
                "<!-- more -->\n\nText<!-- hidden --> goes on.\n\n<!--\nmulti\n-->\n",
                &["p@3:1 Text goes on."],
            ),
            ("<script>alert(1)</script>\n", &["NW0203 1:1"]),
            // Template code: dropped with a warning.
            (
                "{{< figure src=\"a.jpg\" >}}\n\n{% include ad.html %}\n\nText {{ .Site }} kept.\n",
                &["p@5:1 Text {{ .Site }} kept.", "NW0203 1:1", "NW0203 3:1"],
            ),
            // Thematic breaks are dropped; extensions that are off stay text.
            (
                "One.\n\n***\n\n~~struck~~ [^1] - [ ] task\n",
                &["p@1:1 One.", "p@5:1 ~~struck~~ [^1] - [ ] task"],
            ),
            // Byline, dateline and trailer stay paragraphs: the draft reads them.
            (
                "# Title\nBy Ada Quill\n\nPORT WREN — Lead.\n\n*Written by Ada Quill for Harbour Ledger, analysis.*\n",
                &[
                    "title@1:1 Title",
                    "p@2:1 By Ada Quill",
                    "p@4:1 PORT WREN — Lead.",
                    "p@6:1 Written by Ada Quill for Harbour Ledger, analysis.",
                ],
            ),
        ];
        for (text, expect) in cases {
            check(text, expect);
        }
    }

    #[test]
    fn positions_count_from_the_first_line_and_in_characters() {
        let mut sink = Sink::new("t.md");
        let body = markdown_body("é *x* <i>y</i>\n\n## Zé\n", 7, &mut sink);
        let at: Vec<(u32, u32)> = body
            .blocks
            .iter()
            .map(|b| (b.pos.line, b.pos.column))
            .collect();
        assert_eq!(at, [(7, 1), (9, 1)]);
        let list = sink.finish();
        let l = list[0].location.expect("a located diagnostic");
        assert_eq!((l.line, l.column, l.length), (7, 7, 3));
    }

    #[test]
    fn blocks_are_where_the_line_index_puts_them() {
        // Blocks whose line is their text and blocks whose line is not (markup, entities,
        // stray spaces, wrapped lines, containers), with other characters than ASCII: each
        // block's position is the one the line index gives from where the block starts.
        let pieces = [
            "Plain words on one line.",
            "Quay lamps — lit at 5°C, ’twas said.",
            "Trailing spaces here.   ",
            "Two  spaces\tand a tab.",
            "Wrapped é line\nand its second line.",
            "Some *emphasis* and `code` é.",
            "Fish &amp; chips &#1; é.",
            "# Heading é",
            "## Heading #",
            "Setext é\n===",
            "- item é\n- *item* two",
            "3. numbered\n4. next é",
            "> quoted é\n> still",
            "   indented é",
            "| a é | b |\n|---|---|\n| c | d |",
            "```\ncode é\n\nmore\n```",
            "{{< shortcode é >}}",
            "Text <b>html</b> é.",
            "é",
        ];
        // Lines longer than the line index counts directly, and a block starting far into
        // one.
        let long = "Quay lamps lit é. ".repeat(30);
        let deep = format!("{}deep é", "> ".repeat(140));
        let pieces: Vec<&str> = pieces.into_iter().chain([&*long, &*deep]).collect();
        let mut checked = 0;
        for &a in &pieces {
            for &b in &pieces {
                for end in ["", "\n", "  \n"] {
                    let text = format!("{a}\n\n{b}{end}");
                    let mut sink = Sink::new("t.md");
                    let body = markdown_body(&text, 1, &mut sink);
                    let index = LineIndex::new(&text, 1);
                    for block in &body.blocks {
                        let line_start: usize = text
                            .split_inclusive('\n')
                            .take(block.pos.line as usize - 1)
                            .map(str::len)
                            .sum();
                        let start = text[line_start..]
                            .char_indices()
                            .nth(block.pos.column as usize - 1)
                            .map_or(text.len(), |(i, _)| line_start + i);
                        assert_eq!(
                            block.pos,
                            index.pos(start..text.len()),
                            "{text:?} {:?}",
                            block.text
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn comments_are_removed() {
        for (html, expect) in [
            ("a<!-- b -->c", "ac"),
            ("<!-- a --><!-- b -->", ""),
            ("a<!-- open", "a"),
            ("<!---->x", "x"),
        ] {
            assert_eq!(without_comments(html), expect, "{html:?}");
        }
    }
}
