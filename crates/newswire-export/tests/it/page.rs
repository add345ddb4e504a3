//! Tests of the page export.
