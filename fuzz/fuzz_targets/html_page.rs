//! Fuzz target: the HTML page of any record parses without error, and its only script is
//! the article's JSON-LD, with or without a channel.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((channel, records)) = newswire_fuzz::exports(data) {
        let record = &records[0];
        newswire_fuzz::check_page(&newswire_export::html_page(Some(&channel), record), record);
        newswire_fuzz::check_page(&newswire_export::html_page(None, record), record);
    }
});
