//! The draft: an article's blocks sorted into headline, byline, lead with dateline, body and
//! trailer, before front matter and channel apply. Every reader (wire text, Markdown) produces
//! a [`Body`] of [`RawBlock`]s; [`build`] makes the one draft they all resolve from.

use newswire_model::{Block, Code, Credit, Dateline, Genre, Organization, Person};

use crate::diag::{At, Pos, Sink, to_u32};
use crate::names::merge;
use crate::text::shorten;
use crate::trailer::{self, Line, Role};
use crate::{byline, classify, dateline};

/// What the reader knows about a block's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Plain text; the kind is inferred from the conventions of wire text.
    Infer,
    /// The article's title (a Markdown `#` heading).
    Title,
    /// A section heading (a Markdown `##` heading).
    Heading,
    /// A paragraph, though it may still be a byline, dateline or trailer line.
    Paragraph,
}

/// One block of text as a reader found it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawBlock {
    /// The text, stray white space removed.
    pub(crate) text: String,
    /// The text's length in characters, as the reader counted it while cleaning the text: a
    /// block too long to be a heading is known without its text read again, which on a long
    /// article is no longer in the processor's caches by then.
    pub(crate) chars: u32,
    /// Where the text is in the file.
    pub(crate) pos: Pos,
    /// What the reader knows about its kind.
    pub(crate) hint: Hint,
}

/// Room for the blocks of a text of `text`'s length, given at once rather than grown into: a
/// block every 128 bytes, as articles' paragraphs are long (a text of many short lines grows
/// as usual).
pub(crate) fn blocks_room(text: &str) -> usize {
    text.len() / 128 + 4
}

/// A picture the text itself shows (a Markdown image), before its URL is checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BodyImage {
    /// The URL as written; it may be relative to the article's page.
    pub(crate) url: String,
    /// The image's alternative text.
    pub(crate) alt: Option<String>,
    /// The image's title, used as its caption.
    pub(crate) caption: Option<String>,
}

/// What a reader found in the text after the front matter.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Body {
    /// The blocks, in reading order.
    pub(crate) blocks: Vec<RawBlock>,
    /// The first picture of the text, if the format can show one.
    pub(crate) image: Option<At<BodyImage>>,
}

/// What the trailer lines say.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Trailer {
    /// `Written by`, `Writing by` and bylines printed at the end.
    pub(crate) written_by: Option<At<Vec<Person>>>,
    /// `Reporting by`: authors when nothing else names one, else contributors.
    pub(crate) reporters: Vec<Person>,
    /// `… contributed to this report`, `Additional reporting by`.
    pub(crate) contributors: Vec<Person>,
    /// `Editing by`.
    pub(crate) editors: Vec<Person>,
    /// The organisation after `for` in a `Written by` credit.
    pub(crate) publisher: Option<At<String>>,
    /// The genre the credit's description names.
    pub(crate) genre: Option<At<Genre>>,
    /// `Sources:` entries, in order.
    pub(crate) sources: Vec<Organization>,
    /// The picture credit.
    pub(crate) picture: Option<At<Credit>>,
}

/// An article's text, sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Draft {
    /// The headline line.
    pub(crate) headline: Option<At<String>>,
    /// The people of the top byline.
    pub(crate) byline: Option<At<Vec<Person>>>,
    /// The dateline that opened the lead, or the paragraph under a byline that follows it.
    pub(crate) dateline: Option<Dateline>,
    /// Where the lead is: the text of the first paragraph, without its dateline. The text is
    /// the body's first paragraph ([`Draft::lead`]), not a copy of it.
    pub(crate) lead: Option<Pos>,
    /// The body in reading order, lead first.
    pub(crate) body: Vec<Block>,
    /// What the trailer says.
    pub(crate) trailer: Trailer,
    /// The first picture the text shows.
    pub(crate) image: Option<At<BodyImage>>,
}

impl Draft {
    /// The lead and where it is: the body's first paragraph.
    pub(crate) fn lead(&self) -> Option<At<&str>> {
        let pos = self.lead?;
        self.body.iter().find_map(|block| match block {
            Block::Paragraph { text } => Some(At::new(text.as_str(), pos)),
            Block::Heading { .. } => None,
        })
    }
}

/// Sorts the blocks of `body` into a draft, reporting dropped residue and unreadable trailer
/// lines.
pub(crate) fn build(body: Body, sink: &mut Sink<'_>) -> Draft {
    let mut draft = Draft {
        image: body.image,
        ..Draft::default()
    };
    let mut blocks = drop_residue_and_pictures(body.blocks, &mut draft.trailer, sink);
    let end = read_trailer(&blocks, &mut draft.trailer, sink);
    blocks.truncate(end);
    // Each block left is at most one block of the body: room for all of them at once, rather
    // than growing as they are added.
    draft.body = Vec::with_capacity(blocks.len());
    // Each block's text moves into the draft once its kind is known; a block's text is not
    // looked at again after that.
    let blocks = blocks.as_mut_slice();

    let mut i = 0;
    // The bylines of the first two blocks, as read while looking for the headline: the
    // byline is one of them.
    let mut read: [Option<Option<Vec<Person>>>; 2] = [None, None];
    if let Some((first, after)) = blocks.split_first_mut() {
        let title = match first.hint {
            Hint::Title => true,
            Hint::Infer => {
                // A line over a byline is the headline even when long; otherwise it must
                // read as one and be followed by a lead.
                let people = read[0].insert(byline::parse(&first.text));
                people.is_none()
                    && dateline::split(&first.text).is_none()
                    && after.first().is_some_and(|next| {
                        if read[1].insert(byline_of(next)).is_some() {
                            classify::is_title_like_over_byline(&first.text)
                        } else {
                            classify::is_title_like(&first.text) && is_lead_like(next)
                        }
                    })
            }
            Hint::Heading | Hint::Paragraph => false,
        };
        if title {
            draft.headline = Some(At::new(std::mem::take(&mut first.text), first.pos));
            i = 1;
        }
    }
    if let Some(block) = blocks.get(i)
        && let Some(people) = read
            .get_mut(i)
            .and_then(Option::take)
            .unwrap_or_else(|| byline_of(block))
    {
        draft.byline = Some(At::new(people, block.pos));
        i += 1;
    }
    if let Some(block) = blocks.get_mut(i)
        && matches!(block.hint, Hint::Infer | Hint::Paragraph)
    {
        if let Some((d, rest)) = dateline::split(&block.text).map(|(d, r)| (d, r.len())) {
            draft.dateline = Some(d);
            drop_dateline(block, rest);
        }
        draft.lead = Some(block.pos);
        draft.body.push(Block::Paragraph {
            text: std::mem::take(&mut block.text),
        });
        i += 1;
        // A byline right under the lead is the byline, not a section heading: the lead was a
        // standfirst under the headline, or a first line that ends a sentence and so is no
        // headline. The dateline then opens the paragraph under the byline.
        if draft.byline.is_none()
            && let Some(block) = blocks.get(i)
            && let Some(people) = byline_of(block)
        {
            draft.byline = Some(At::new(people, block.pos));
            i += 1;
            if draft.dateline.is_none()
                && let Some(block) = blocks.get_mut(i)
                && matches!(block.hint, Hint::Infer | Hint::Paragraph)
                && let Some((d, rest)) = dateline::split(&block.text).map(|(d, r)| (d, r.len()))
            {
                draft.dateline = Some(d);
                drop_dateline(block, rest);
                block.hint = Hint::Paragraph;
            }
        }
    }
    let rest = &mut blocks[i.min(end)..];
    // Whether the block after the current one reads as a heading, once known: each block is
    // classified once.
    let mut next_heading_like: Option<bool> = None;
    for k in 0..rest.len() {
        let heading_like = next_heading_like.take();
        let heading = match rest[k].hint {
            Hint::Title | Hint::Heading => true,
            Hint::Paragraph => false,
            Hint::Infer => {
                heading_like.unwrap_or_else(|| is_heading_like(&rest[k]))
                    && rest.get(k + 1).is_some_and(|next| match next.hint {
                        Hint::Paragraph => true,
                        Hint::Infer => {
                            let like = is_heading_like(next);
                            next_heading_like = Some(like);
                            !like
                        }
                        Hint::Title | Hint::Heading => false,
                    })
            }
        };
        let block = &mut rest[k];
        let text = std::mem::take(&mut block.text);
        if heading {
            draft.body.push(Block::Heading { text });
        } else {
            if draft.lead.is_none() {
                draft.lead = Some(block.pos);
            }
            draft.body.push(Block::Paragraph { text });
        }
    }
    draft
}

/// Cuts the dateline off `block`'s text, keeping its last `rest` bytes (the length of the text
/// after the dateline, as [`dateline::split`] returns it): in place, without a copy of the rest.
fn drop_dateline(block: &mut RawBlock, rest: usize) {
    let cut = block.text.len() - rest;
    block.chars = block
        .chars
        .saturating_sub(to_u32(block.text[..cut].chars().count()));
    block.text.replace_range(..cut, "");
}

/// Whether `block` reads as a section heading ([`classify::is_heading_like`]): a block longer
/// than any heading is ruled out by its count of characters, its text not read.
fn is_heading_like(block: &RawBlock) -> bool {
    block.chars as usize <= classify::HEADING_MAX_CHARS && classify::is_heading_like(&block.text)
}

/// The people of `block` when it is a byline.
fn byline_of(block: &RawBlock) -> Option<Vec<Person>> {
    match block.hint {
        Hint::Infer | Hint::Paragraph => byline::parse(&block.text),
        Hint::Title | Hint::Heading => None,
    }
}

/// Whether `block` can be the lead after a headline: a paragraph, not another title.
fn is_lead_like(block: &RawBlock) -> bool {
    match block.hint {
        Hint::Paragraph => true,
        Hint::Infer => {
            !classify::is_title_like(&block.text) || dateline::split(&block.text).is_some()
        }
        Hint::Title | Hint::Heading => false,
    }
}

/// A line quoted in a message, shortened.
fn quoted(text: &str) -> String {
    format!("{:?}", shorten(text, 60))
}

/// Drops page residue wherever it is, and takes picture credits out of the text.
fn drop_residue_and_pictures(
    blocks: Vec<RawBlock>,
    trailer: &mut Trailer,
    sink: &mut Sink<'_>,
) -> Vec<RawBlock> {
    let mut kept = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.hint == Hint::Title {
            kept.push(block);
            continue;
        }
        if classify::is_residue(&block.text) {
            sink.note(
                Code::DroppedResidue,
                block.pos,
                format!("dropped page residue {}", quoted(&block.text)),
            )
            .hint("scraped page furniture is not article text; delete the line to silence this");
            continue;
        }
        if block.hint == Hint::Heading {
            kept.push(block);
            continue;
        }
        match trailer::picture(&block.text) {
            Some(Some(credit)) if trailer.picture.is_none() => {
                trailer.picture = Some(At::new(credit, block.pos));
            }
            Some(Some(_)) => {
                sink.warning(
                    Code::UnreadableTrailer,
                    block.pos,
                    format!(
                        "dropped a second picture credit {}; an article has one picture",
                        quoted(&block.text)
                    ),
                )
                .hint("keep the credit of the article's main picture only");
            }
            Some(None) => {
                sink.warning(
                    Code::UnreadableTrailer,
                    block.pos,
                    "dropped a picture credit line that names nobody",
                )
                .hint("write the credit as `Photo: NAME / AGENCY`");
            }
            None => kept.push(block),
        }
    }
    kept
}

/// Reads trailer lines from the end of `blocks` upward; returns where the trailer starts.
fn read_trailer(blocks: &[RawBlock], trailer: &mut Trailer, sink: &mut Sink<'_>) -> usize {
    let mut lines = Vec::new();
    let mut end = blocks.len();
    while end > 0 {
        let block = &blocks[end - 1];
        if !matches!(block.hint, Hint::Infer | Hint::Paragraph) {
            break;
        }
        let Some(line) = trailer::parse(&block.text) else {
            break;
        };
        lines.push(line);
        end -= 1;
    }
    for (line, block) in lines.into_iter().rev().zip(&blocks[end..]) {
        apply(line, block, trailer, sink);
    }
    end
}

fn apply(line: Line, block: &RawBlock, trailer: &mut Trailer, sink: &mut Sink<'_>) {
    let pos = block.pos;
    match line {
        Line::Written {
            authors,
            publisher,
            description,
        } => {
            add_writers(trailer, authors, pos);
            if let Some(p) = publisher
                && trailer.publisher.is_none()
            {
                trailer.publisher = Some(At::new(p, pos));
            }
            if let Some(genre) = description.as_deref().and_then(trailer::genre_of)
                && trailer.genre.is_none()
            {
                trailer.genre = Some(At::new(genre, pos));
            }
        }
        Line::Byline(people) => add_writers(trailer, people, pos),
        Line::Roles(roles) => {
            for (role, people) in roles {
                match role {
                    Role::Writing => add_writers(trailer, people, pos),
                    Role::Reporting => merge(&mut trailer.reporters, people),
                    Role::Contributing => merge(&mut trailer.contributors, people),
                    Role::Editing => merge(&mut trailer.editors, people),
                }
            }
        }
        Line::Contributed(people) => merge(&mut trailer.contributors, people),
        Line::Sources(list) => {
            for name in list {
                if !trailer.sources.iter().any(|o| o.name == name) {
                    trailer.sources.push(Organization::named(name));
                }
            }
        }
        Line::Unreadable(what) => {
            sink.warning(
                Code::UnreadableTrailer,
                pos,
                format!("dropped {what}: {}", quoted(&block.text)),
            )
            .hint("write credits as `Written by NAME for ORGANISATION.` and sources as `Sources: A, B.`");
        }
    }
}

fn add_writers(trailer: &mut Trailer, people: Vec<Person>, pos: Pos) {
    match &mut trailer.written_by {
        Some(list) => merge(&mut list.value, people),
        None => trailer.written_by = Some(At::new(people, pos)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::wire_blocks;

    /// Builds a draft from wire text; expects its parts rendered one per line.
    #[track_caller]
    fn check(text: &str, expect: &str) {
        let mut sink = Sink::new("t.txt");
        let body = Body {
            blocks: wire_blocks(text, 1),
            image: None,
        };
        let draft = build(body, &mut sink);
        let mut out = String::new();
        if let Some(h) = &draft.headline {
            out.push_str(&format!("headline {}\n", h.value));
        }
        if let Some(b) = &draft.byline {
            let names: Vec<&str> = b.value.iter().map(|p| p.name.as_str()).collect();
            out.push_str(&format!("byline {}\n", names.join("|")));
        }
        if let Some(d) = &draft.dateline {
            out.push_str(&format!("dateline {}\n", d.place));
        }
        for block in &draft.body {
            match block {
                Block::Paragraph { text } => out.push_str(&format!("p {text}\n")),
                Block::Heading { text } => out.push_str(&format!("h {text}\n")),
            }
        }
        let t = &draft.trailer;
        if let Some(w) = &t.written_by {
            let names: Vec<&str> = w.value.iter().map(|p| p.name.as_str()).collect();
            out.push_str(&format!("written {}\n", names.join("|")));
        }
        for (label, list) in [
            ("reporters", &t.reporters),
            ("contributors", &t.contributors),
            ("editors", &t.editors),
        ] {
            if !list.is_empty() {
                let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
                out.push_str(&format!("{label} {}\n", names.join("|")));
            }
        }
        if let Some(p) = &t.publisher {
            out.push_str(&format!("publisher {}\n", p.value));
        }
        if let Some(g) = &t.genre {
            out.push_str(&format!("genre {}\n", g.value.as_str()));
        }
        if !t.sources.is_empty() {
            let names: Vec<&str> = t.sources.iter().map(|o| o.name.as_str()).collect();
            out.push_str(&format!("sources {}\n", names.join("|")));
        }
        if let Some(p) = &t.picture {
            out.push_str(&format!("picture {}\n", p.value.text));
        }
        for d in sink.finish() {
            let line = d.location.map_or(0, |l| l.line);
            out.push_str(&format!("{} {} line {line}\n", d.severity, d.code));
        }
        assert_eq!(out, expect, "{text:?}");
    }

    #[test]
    fn drafts() {
        let cases: &[(&str, &str)] = &[
            // Headline, byline, dateline lead, a heading, a one-line quotation.
            (
                "Harbour lights return to Port Wren\n\
                 By Ada Quill\n\
                 PORT WREN — The lamps were lit again on Friday.\n\
                 Crowds gathered on the quay to watch.\n\
                 What happens next?\n\
                 The council meets on Monday to decide.\n\
                 “It was worth the wait”\n\
                 The ferry sailed at dawn.\n",
                "headline Harbour lights return to Port Wren\nbyline Ada Quill\ndateline PORT WREN\n\
                 p The lamps were lit again on Friday.\np Crowds gathered on the quay to watch.\n\
                 h What happens next?\np The council meets on Monday to decide.\n\
                 p “It was worth the wait”\np The ferry sailed at dawn.\n",
            ),
            // No headline: the first line is a lead; a short last line is not a heading.
            (
                "KESTREL BAY (Coastwire) — Rain fell all week. Roads closed.\n\
                 The river rose\n",
                "dateline KESTREL BAY\np Rain fell all week. Roads closed.\np The river rose\n",
            ),
            // A headline followed by the lead without byline.
            (
                "Tide tables change in Norland\nThe tide office published new tables on Monday.\n",
                "headline Tide tables change in Norland\np The tide office published new tables on Monday.\n",
            ),
            // Two short lines: the first is not a headline, being followed by another title.
            (
                "Tide tables change\nNew office opens\n",
                "p Tide tables change\np New office opens\n",
            ),
            // Byline first, without headline.
            (
                "BY ADA QUILL, STAFF WRITER\nThe quay reopened.\n",
                "byline Ada Quill\np The quay reopened.\n",
            ),
            // The trailer: credits, sources, picture, residue, all out of the body.
            (
                "The quay reopened on Friday after repairs.\n\
                 Advertisement\n\
                 The council paid for the work.\n\
                 Written by Ada Quill and Bo Renn for Harbour Ledger Group, a weekend feature.\n\
                 Reporting by Cy Tarn; Editing by Di Moss\n\
                 Ed Vale contributed to this report.\n\
                 Sources: Port Wren Council, Coastwire.\n\
                 Photo: Fen Orr / Lumen\n\
                 Share this article\n\
                 Comments (3)\n",
                "p The quay reopened on Friday after repairs.\np The council paid for the work.\n\
                 written Ada Quill|Bo Renn\nreporters Cy Tarn\ncontributors Ed Vale\neditors Di Moss\n\
                 publisher Harbour Ledger Group\ngenre feature\nsources Port Wren Council|Coastwire\n\
                 picture Fen Orr / Lumen\n\
                 note NW0203 line 2\nnote NW0203 line 9\nnote NW0203 line 10\n",
            ),
            // A picture credit after the lead, and an unreadable sources line.
            (
                "The quay reopened on Friday.\nPhoto: Lumen\nThe council paid.\nSources:\n",
                "p The quay reopened on Friday.\np The council paid.\npicture Lumen\nwarning NW0205 line 4\n",
            ),
            // Only trailer lines: no body.
            ("Sources: Coastwire.\n", "sources Coastwire\n"),
        ];
        for (text, expect) in cases {
            check(text, expect);
        }
    }

    /// Every block either reader makes counts its text's characters, and so does a block once
    /// its dateline is cut off: the count stands in for the text where a length rules a block
    /// out as a heading, and rules out no more than the text would.
    #[test]
    fn blocks_count_their_characters() {
        const PIECES: &[&str] = &[
            "Harbour",
            "quay",
            "PORT ELLERY —",
            "SÃO VICENTE, Cape Verde —",
            " ",
            "  ",
            "\t",
            "é",
            "—",
            "\u{a0}",
            "“",
            "## ",
            "*",
            "\n",
            "\n\n",
            "Ferries stop.",
            "12",
            "By Ada Quill",
            ", ",
            "&amp;",
            "`x`",
            "[a](https://example.com)",
        ];
        let mut next = crate::tests::numbers();
        let mut datelines = 0;
        for _ in 0..3_000 {
            let mut text: String = (0..next() % 60)
                .map(|_| PIECES[next() % PIECES.len()])
                .collect();
            if next().is_multiple_of(3) {
                // Long lines, some of them just over a heading's length.
                text.push_str(&"Ferries stop. ".repeat(next() % 12));
            }
            let mut sink = Sink::new("t");
            let read = [
                wire_blocks(&text, 1),
                crate::markdown::markdown_body(&text, 1, &mut sink).blocks,
            ];
            for mut block in read.into_iter().flatten() {
                assert_eq!(block.chars as usize, block.text.chars().count(), "{text:?}");
                assert_eq!(
                    is_heading_like(&block),
                    classify::is_heading_like(&block.text),
                    "{text:?}"
                );
                if let Some((_, rest)) = dateline::split(&block.text).map(|(d, r)| (d, r.len())) {
                    datelines += 1;
                    drop_dateline(&mut block, rest);
                    assert_eq!(block.chars as usize, block.text.chars().count(), "{text:?}");
                }
            }
        }
        assert!(datelines > 100, "only {datelines} datelines cut off");
    }
}
