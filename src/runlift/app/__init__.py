"""Use cases: join the pure core with storage and input. The only layer that commits."""
