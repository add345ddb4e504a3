//! End-to-end tests of newswire live in `it/`; this library is empty.
