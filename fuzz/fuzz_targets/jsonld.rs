//! Fuzz target: the schema.org JSON-LD of any records, per article and for the channel, is
//! JSON that reads back as itself, with no character XML 1.0 forbids.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire_model::Record;

fuzz_target!(|data: &[u8]| {
    if let Some((channel, records)) = newswire_fuzz::exports(data) {
        for record in &records {
            newswire_fuzz::check_json("jsonld", &newswire_export::jsonld_article(record));
        }
        let refs: Vec<&Record> = records.iter().collect();
        newswire_fuzz::check_json(
            "jsonld channel",
            &newswire_export::jsonld_channel(&channel, &refs),
        );
    }
});
