//! Tests of the ninjs export.
