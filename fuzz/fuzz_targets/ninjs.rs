//! Fuzz target: the IPTC ninjs document of any record is JSON that reads back as itself,
//! with no character XML 1.0 forbids.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((_, records)) = newswire_fuzz::exports(data) {
        for record in &records {
            newswire_fuzz::check_json("ninjs", &newswire_export::ninjs(record));
        }
    }
});
