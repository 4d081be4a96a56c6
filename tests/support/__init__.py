"""Code the tests and the benchmarks share (never shipped: nothing under hooks/ imports it)."""
