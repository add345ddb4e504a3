//! Fuzz target: the JSON Feed of any records is JSON that reads back as itself, with no
//! character XML 1.0 forbids.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire_model::Record;

fuzz_target!(|data: &[u8]| {
    if let Some((channel, records)) = newswire_fuzz::exports(data) {
        let refs: Vec<&Record> = records.iter().collect();
        newswire_fuzz::check_json("json feed", &newswire_export::json_feed(&channel, &refs));
    }
});
