//! Fuzz target: the Atom 1.0 feed of any records is well-formed XML with no character XML 1.0
//! forbids.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire_model::Record;

fuzz_target!(|data: &[u8]| {
    if let Some((channel, records)) = newswire_fuzz::exports(data) {
        let refs: Vec<&Record> = records.iter().collect();
        newswire_fuzz::check_xml("atom", &newswire_export::atom(&channel, &refs));
    }
});
