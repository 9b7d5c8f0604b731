"""Batch jobs that chain the stages of `analyser` under one run id."""
