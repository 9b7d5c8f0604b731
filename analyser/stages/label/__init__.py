"""Cluster labels: `prompt` (templates, validation, fallback), `extractive` (no-model labels), `providers`
(LLM back ends), `run` (the stage), `store` (its tables), `card` (use-case card drafts)."""
