"""atomics-tidy-fuzz: random C programs through every atomics-* check."""
