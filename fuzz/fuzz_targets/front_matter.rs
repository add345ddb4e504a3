//! Fuzz target: any bytes as the TOML (`+++`) or YAML (`---`) front matter of an otherwise
//! valid article give diagnostics or a record that validates, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const BODY: &[u8] = b"Harbour lights return to Port Wren\n\
    By Ada Quill\n\
    PORT WREN \xE2\x80\x94 The lamps along the quay were lit again on Friday.\n";

fuzz_target!(|data: &[u8]| {
    for fence in [&b"+++"[..], b"---"] {
        let mut article = Vec::with_capacity(data.len() + BODY.len() + 8);
        for part in [fence, b"\n", data, b"\n", fence, b"\n", BODY] {
            article.extend_from_slice(part);
        }
        newswire_fuzz::ingest(&article, fence == b"---");
    }
});
