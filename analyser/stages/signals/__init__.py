"""Weak signals: `components` (the registry of signal components), `compute` (per-cluster scores),
`explain` (their words), `pockets` (recent pockets), `journey`, `intensity`, `run` (the stage) and `store` (its writes and reads)."""
