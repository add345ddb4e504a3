//! Atom 1.0 (RFC 4287) feeds.

use newswire_model::{Channel, Record};

/// The channel's Atom 1.0 feed of `records`, given newest first and already cut to the window.
pub fn atom(channel: &Channel, records: &[&Record]) -> String {
    let _ = (channel, records);
    String::new()
}
