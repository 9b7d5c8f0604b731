"""What every `analyser` command shares: the consoles, the --db / --config / --json options, settings and
sessions from them, JSON output, and one way to turn a user's mistake into a message and an exit code."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from analyser.config import Settings
from analyser.config_file import load_settings
from analyser.db import OpenSession, opener
from analyser.errors import AnalyserError
from analyser.progress import configure_logging

# Logs and cron mails are read at full width: only a real terminal decides the width itself.
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file (overrides the `database` setting).")]
ConfigOption = Annotated[
    Optional[Path], typer.Option("--config", help="Settings file (default: $ANALYSER_CONFIG, else ./analyser.toml).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]


def settings_from(config: Path | None, db: Path | None) -> Settings:
    return load_settings(config, database=db)


def wired(config: Path | None, db: Path | None) -> tuple[Settings, OpenSession]:
    """The settings and a way to open short sessions on their database."""
    settings = settings_from(config, db)
    return settings, opener(settings)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def handles_user_errors(command: Callable[..., int]) -> Callable[..., None]:
    """Log to stderr; turn a user-fixable error into one message on stderr and its exit code; pass the command's code on."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        configure_logging(err)
        try:
            code = command(*args, **kwargs)
        except AnalyserError as exc:
            err.print("error:", style="bold red", end=" ")
            err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        raise typer.Exit(code)

    return wrapper
