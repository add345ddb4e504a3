//! Fuzz target: any bytes read as a Markdown article give diagnostics or a record that
//! validates, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    newswire_fuzz::ingest(data, true);
});
