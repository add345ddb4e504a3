//! A per-article document as a build writes it: the text made for it, with the long pieces it
//! shares with the other documents — the body's renditions, the page's style sheet —
//! borrowed and spliced in at their places rather than copied into it.
//!
//! The body is most of every per-article document: copied in, it would be copied five times
//! per article (twice into the ninjs document, once into the JSON-LD and twice into the page)
//! before the system copies it once more into the files. A [`Document`] hands its pieces to
//! the system in one vectored write instead, and the documents a build holds at a time shrink
//! to the text around the body.

/// A document made of its own text and borrowed pieces placed between parts of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document<'a> {
    /// The document's own text, the borrowed pieces left out.
    own: String,
    /// Each borrowed piece with where in `own` it goes, in order of place.
    spliced: Vec<(usize, &'a str)>,
}

impl<'a> Document<'a> {
    /// A document of `own` with `spliced` in their places (offsets into `own`, in order, on
    /// character boundaries).
    pub(crate) fn new(own: String, spliced: Vec<(usize, &'a str)>) -> Document<'a> {
        debug_assert!(
            spliced.is_sorted_by_key(|(at, _)| *at)
                && spliced.iter().all(|(at, _)| own.is_char_boundary(*at)),
            "splices in order, on character boundaries"
        );
        Document { own, spliced }
    }

    /// The document's text in pieces, in order, none of them empty: what a vectored write
    /// hands the system.
    pub fn pieces(&self) -> impl Iterator<Item = &str> {
        let own = |k: usize| {
            let start = k.checked_sub(1).map_or(0, |before| self.spliced[before].0);
            let end = self.spliced.get(k).map_or(self.own.len(), |(at, _)| *at);
            &self.own[start..end]
        };
        (0..=self.spliced.len())
            .flat_map(move |k| std::iter::once(own(k)).chain(self.spliced.get(k).map(|(_, p)| *p)))
            .filter(|piece| !piece.is_empty())
    }

    /// The document's length in bytes.
    pub fn len(&self) -> usize {
        self.own.len() + self.spliced.iter().map(|(_, p)| p.len()).sum::<usize>()
    }

    /// Whether the document is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The document's whole text.
    pub fn text(&self) -> String {
        let mut text = String::with_capacity(self.len());
        self.pieces().for_each(|piece| text.push_str(piece));
        text
    }

    /// The document's whole text, its own text taken as it is when nothing is spliced in.
    pub fn into_string(self) -> String {
        if self.spliced.is_empty() {
            self.own
        } else {
            self.text()
        }
    }

    /// The document's own text up to the first borrowed piece, and after it: for a document
    /// with one piece, what is around it.
    pub(crate) fn around_first(&self) -> (&str, &str) {
        let at = self.spliced.first().map_or(self.own.len(), |(at, _)| *at);
        self.own.split_at(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_interleave_in_order() {
        let doc = Document::new(
            "abcdef".to_owned(),
            vec![(0, "X"), (2, "Y"), (2, ""), (6, "Z")],
        );
        let pieces: Vec<&str> = doc.pieces().collect();
        assert_eq!(pieces, ["X", "ab", "Y", "cdef", "Z"]);
        assert_eq!(doc.len(), 9);
        assert_eq!(doc.around_first(), ("", "abcdef"));
        assert_eq!(doc.text(), "XabYcdefZ");
        assert_eq!(doc.into_string(), "XabYcdefZ");
    }

    #[test]
    fn without_pieces_the_document_is_its_own_text() {
        let doc = Document::new("{}\n".to_owned(), Vec::new());
        assert_eq!(doc.pieces().collect::<Vec<_>>(), ["{}\n"]);
        assert_eq!(doc.around_first(), ("{}\n", ""));
        assert_eq!(doc.clone().into_string(), "{}\n");
        assert!(Document::default().is_empty());
        assert_eq!(Document::default().pieces().count(), 0);
    }
}
