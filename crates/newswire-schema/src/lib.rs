//! Generates newswire's published JSON Schemas (draft 2020-12) from the record model.
//!
//! The schemas in the repository's `schemas/` folder are generated here from
//! `newswire-model` and committed, so partners can pin them and the validator can check
//! records against exactly the bytes partners see. [`update()`] writes them, or in
//! [`Mode::Check`] fails when the committed files differ from what the code generates; a test
//! in this crate runs the check, so plain `cargo test` catches drift.
//!
//! ```
//! let files = newswire_schema::generate();
//! let record = files.iter().find(|f| f.name == "record.schema.json").unwrap();
//! let schema: serde_json::Value = serde_json::from_str(&record.contents).unwrap();
//! assert_eq!(schema["$id"], "https://newswire.dev/schemas/v1/record.schema.json");
//! assert_eq!(schema["properties"]["published"]["format"], "date-time");
//! assert!(record.contents.ends_with("}\n"));
//! ```
#![deny(missing_docs)]

mod generate;
mod update;

pub use generate::{ID_BASE, SchemaFile, generate};
pub use update::{Error, ErrorKind, Mode, update};
