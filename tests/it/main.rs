//! End-to-end tests: the whole pipeline and the command line, on the sample channel.

mod browser;
mod cli;
mod facts;
mod hostile;
mod ninjs;
mod roundtrip;
mod sample;
mod sample_records;
mod seed;
mod support;
mod tidy;
