//! End-to-end tests: the whole pipeline and the command line.
