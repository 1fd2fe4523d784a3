"""atomics-tidy-bench: what the atomics-* checks cost, next to the compiler
(tools/atomics-tidy-bench, docs/benchmark.md)."""
