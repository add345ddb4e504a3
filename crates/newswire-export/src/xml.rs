//! XML writing shared by the XML formats: a thin layer over quick-xml's `Writer` that
//! filters every text and attribute value and indents with two spaces.
//!
//! quick-xml escapes markup characters but writes characters XML 1.0 forbids through
//! unchanged, so every attribute value passes through [`clean`] first; element text is
//! filtered and escaped here in one pass, as quick-xml would escape the cleaned text. No CDATA
//! is written: escaped text cannot be closed early by a `]]>` in the input.

use std::borrow::Cow;
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use newswire_model::Image;

use crate::html::{NEEDS_LOOK, needs_look};
use crate::text::{clean, find_marked, is_forbidden_control, is_noncharacter_at, rewrite_runs};

/// An XML document being written into memory.
pub(crate) struct XmlOut {
    writer: Writer<Vec<u8>>,
}

impl XmlOut {
    /// A document that starts with `<?xml version="1.0" encoding="UTF-8"?>`, with room for
    /// about `capacity` bytes.
    pub(crate) fn new(capacity: usize) -> io::Result<XmlOut> {
        let mut writer = Writer::new_with_indent(Vec::with_capacity(capacity), b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(XmlOut { writer })
    }

    fn start_tag<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut tag = BytesStart::new(name);
        for &(key, value) in attrs {
            tag.push_attribute((key, clean(value).as_ref()));
        }
        tag
    }

    /// Opens the element `name` with `attrs`.
    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.writer
            .write_event(Event::Start(Self::start_tag(name, attrs)))
    }

    /// Closes the element `name`.
    pub(crate) fn end(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    /// Writes the empty element `name` with `attrs`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.writer
            .write_event(Event::Empty(Self::start_tag(name, attrs)))
    }

    /// Writes the element `name` with `attrs` holding the text `text`, escaped.
    pub(crate) fn text_element(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> io::Result<()> {
        self.start(name, attrs)?;
        self.writer
            .write_event(Event::Text(BytesText::from_escaped(escaped_text(text))))?;
        self.end(name)
    }

    /// Writes the element `name` holding `text`, with no attributes.
    pub(crate) fn text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.text_element(name, &[], text)
    }

    /// The finished document, ending with a line feed.
    pub(crate) fn finish(self) -> String {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        // Only `&str` pieces were written, so the bytes are UTF-8.
        String::from_utf8(bytes)
            .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
    }
}

/// `text` as element content: what quick-xml's `BytesText::new` makes of the text [`clean`]
/// leaves — the characters XML 1.0 forbids left out; `<`, `>`, `&`, `'` and `"` as
/// quick-xml's references, and a carriage return as `&#13;` — in one pass over the text,
/// whose clean runs are found a block at a time where quick-xml reads byte by byte. The bytes
/// looked at are the HTML escape's ([`needs_look`]): the same five and the C0 controls, the
/// carriage return among them. Borrowed when the text holds none of them.
fn escaped_text(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let Some(first) = find_marked(bytes, 0, needs_look, &NEEDS_LOOK) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    out.push_str(&text[..first]);
    let rewrite = |bytes: &[u8], at: usize| match bytes[at] {
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        b'&' => Some(("&amp;", 1)),
        b'\'' => Some(("&apos;", 1)),
        b'"' => Some(("&quot;", 1)),
        b'\r' => Some(("&#13;", 1)),
        // U+FFFE and U+FFFF are left out; other characters led by 0xEF are kept.
        0xEF if is_noncharacter_at(bytes, at) => Some(("", 3)),
        // A C0 control XML 1.0 forbids; tab and line feed stay.
        b if is_forbidden_control(b) => Some(("", 1)),
        _ => None,
    };
    rewrite_runs(&text[first..], needs_look, &NEEDS_LOOK, rewrite, |piece| {
        out.push_str(piece)
    });
    Cow::Owned(out)
}

/// `media:content` for a picture whose URL is known, with its caption (or, lacking one, its
/// alternative text) and credits: the photographer with the EBU role `photographer`, the
/// supplying agency without a role, and the printed credit when neither is known apart.
pub(crate) fn write_media(x: &mut XmlOut, image: &Image) -> io::Result<()> {
    let Some(url) = &image.url else {
        return Ok(());
    };
    let attrs = [("url", url.as_str()), ("medium", "image")];
    let description = image.caption.as_deref().or(image.alt.as_deref());
    if description.is_none() && image.credit.is_none() {
        return x.empty("media:content", &attrs);
    }
    x.start("media:content", &attrs)?;
    if let Some(description) = description {
        x.text_element("media:description", &[("type", "plain")], description)?;
    }
    if let Some(credit) = &image.credit {
        if let Some(creator) = &credit.creator {
            x.text_element(
                "media:credit",
                &[("role", "photographer"), ("scheme", "urn:ebu")],
                creator,
            )?;
        }
        if let Some(provider) = &credit.provider {
            x.text("media:credit", provider)?;
        }
        if credit.creator.is_none() && credit.provider.is_none() {
            x.text("media:credit", &credit.text)?;
        }
    }
    x.end("media:content")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(build: impl FnOnce(&mut XmlOut) -> io::Result<()>) -> String {
        let mut out = XmlOut::new(256).expect("writing to memory");
        build(&mut out).expect("writing to memory");
        out.finish()
    }

    #[track_caller]
    fn check(text: &str, attr: &str, expect: &str) {
        let got = document(|x| {
            x.start("r", &[])?;
            x.text_element("t", &[("a", attr)], text)?;
            x.end("r")
        });
        let want = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>\n  {expect}\n</r>\n");
        assert_eq!(got, want, "text {text:?}, attribute {attr:?}");
    }

    /// `escaped_text` writes what quick-xml's escape makes of the cleaned text: over
    /// generated texts of every length up to a few blocks, mostly plain with what either
    /// rewrites here and there, and over every character up to U+FFFF and a few beyond.
    #[test]
    fn escaped_text_is_quick_xml_escape_of_the_clean_text() {
        let plain = |text: &str| quick_xml::escape::escape(clean(text).into_owned()).into_owned();
        let mut next = crate::tests::numbers(29);
        let pieces = [
            "<", ">", "&", "'", "\"", "#", "\r", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "’", "é",
            "\u{EFFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "🚢", "&amp;", "<p>",
        ];
        let mut changed = 0;
        for i in 0..20_000 {
            let mut text = String::new();
            crate::tests::push_pieces(&mut text, &mut next, &pieces, 100, 1 + i % 24);
            let escaped = escaped_text(&text);
            assert_eq!(escaped, plain(&text), "{text:?}");
            changed += usize::from(escaped != text);
        }
        assert!(
            (2_000..18_000).contains(&changed),
            "{changed} texts changed"
        );
        let chars = (0..=0xFFFF)
            .chain([0x1F6A2, 0x10FFFF])
            .filter_map(char::from_u32);
        for c in chars {
            let text = format!("a{c}b{c}");
            assert_eq!(escaped_text(&text), plain(&text), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn escapes_and_filters() {
        for (text, attr, expect) in [
            ("plain", "v", r#"<t a="v">plain</t>"#),
            (
                "a < b & c > d ]]>",
                "x&y",
                r#"<t a="x&amp;y">a &lt; b &amp; c &gt; d ]]&gt;</t>"#,
            ),
            (
                "nul\u{0}ctl\u{1}\u{FFFF}",
                "q\"\u{0}'",
                r#"<t a="q&quot;&apos;">nulctl</t>"#,
            ),
            (
                "cr\rlf\n",
                "tab\tlf\n",
                "<t a=\"tab&#9;lf&#10;\">cr&#13;lf\n</t>",
            ),
            ("🚢 “quoted”", "é", r#"<t a="é">🚢 “quoted”</t>"#),
        ] {
            check(text, attr, expect);
        }
    }
}
