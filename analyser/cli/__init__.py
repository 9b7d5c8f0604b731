"""The `analyser` command: `main` holds the Typer app and the batch commands, `review` the review
commands, `report` and `signals_report` what they print. `app` is the console script's entry point."""

from analyser.cli.main import app

__all__ = ["app"]
