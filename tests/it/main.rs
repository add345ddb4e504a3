//! End-to-end tests: the whole pipeline and the command line, on the sample channel.

mod cli;
mod roundtrip;
mod sample;
mod seed;
mod support;
