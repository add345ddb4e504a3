//! Tests of the jsonfeed export.
