//! The feed window: the newest articles of a channel, kept while the rest stream past.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use newswire_model::Record;

/// The `limit` newest records seen, by publication date, then slug, then file, so the choice
/// never depends on the order records arrive in.
#[derive(Debug)]
pub(crate) struct Window {
    limit: usize,
    heap: BinaryHeap<Reverse<Entry>>,
}

#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) file: String,
    /// Boxed: the heap moves its entries as it keeps them in order, and in a channel read in
    /// date order every record enters the window.
    pub(crate) record: Box<Record>,
    /// The record's body as an HTML fragment, made once for its page: what the feeds carry.
    pub(crate) body_html: String,
}

impl Entry {
    fn key(&self) -> (newswire_model::Timestamp, Reverse<&str>, Reverse<&str>) {
        (
            self.record.published,
            Reverse(self.record.slug.as_str()),
            Reverse(self.file.as_str()),
        )
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Entry) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// Newer is greater.
    fn cmp(&self, other: &Entry) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl Window {
    pub(crate) fn new(limit: usize) -> Window {
        Window {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(4096) + 1),
        }
    }

    pub(crate) fn push(&mut self, entry: Entry) {
        if self.limit == 0 {
            return;
        }
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(entry));
        } else if self.heap.peek().is_some_and(|oldest| entry > oldest.0) {
            self.heap.pop();
            self.heap.push(Reverse(entry));
        }
    }

    pub(crate) fn merge(mut self, other: Window) -> Window {
        for Reverse(entry) in other.heap {
            self.push(entry);
        }
        self
    }

    /// Drops the entries `keep` refuses.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&Entry) -> bool) {
        self.heap.retain(|Reverse(e)| keep(e));
    }

    /// The entries, newest first.
    pub(crate) fn into_newest_first(self) -> Vec<Entry> {
        let mut entries: Vec<Entry> = self.heap.into_iter().map(|Reverse(e)| e).collect();
        entries.sort_by(|a, b| b.cmp(a));
        entries
    }
}
