//! XML writing shared by the XML formats: a thin layer over quick-xml's `Writer` that
//! filters every text and attribute value and indents with two spaces.
//!
//! quick-xml escapes markup characters but writes characters XML 1.0 forbids through
//! unchanged, so every value passes through [`clean`] first. No CDATA is written: escaped
//! text cannot be closed early by a `]]>` in the input.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use newswire_model::Image;

use crate::text::clean;

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
            .write_event(Event::Text(BytesText::new(clean(text).as_ref())))?;
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
