//! Tests of the atom export.
