"""Errors a user can cause: each carries one clear message (what, where, how to fix) and an exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_PARTIAL = 1  # the job finished but some rows were quarantined
EXIT_FAILURE = 2


class AnalyserError(Exception):
    """A failure the user can fix; the CLI prints the message without a traceback."""

    exit_code = EXIT_FAILURE


class ConfigError(AnalyserError):
    """A missing or invalid setting."""


class SourceError(AnalyserError):
    """An input file that cannot be read at all (missing, not a table, wrong column mapping)."""
