//! HTML article pages for people, with the article's JSON-LD embedded.

use newswire_model::{Channel, Record};

/// The article's HTML page. With a channel, the page links the channel's feeds.
pub fn html_page(channel: Option<&Channel>, record: &Record) -> String {
    let _ = (channel, record);
    String::new()
}
