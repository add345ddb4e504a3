//! End-to-end tests: the whole pipeline and the command line, on the sample channel.

mod adversarial;
mod atomic;
mod batches;
mod browser;
mod cli;
mod docs;
mod facts;
mod hostile;
mod ninjs;
mod properties;
mod roundtrip;
mod sample;
mod sample_records;
mod seed;
mod stable_ids;
mod support;
mod tidy;
mod ux;
