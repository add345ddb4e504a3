//! End-to-end tests: the whole pipeline and the command line, on the sample channel.

mod cli;
mod roundtrip;
mod sample;
mod sample_records;
mod seed;
mod support;
mod tidy;
