"""Progress for long work: a live bar on a terminal, plain log lines otherwise (cron, CI, pipes)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

log = logging.getLogger("analyser")


class ProgressReporter:
    """Counts units of work under a description; shows a bar only when stderr is a terminal."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)

    @contextmanager
    def counter(self, description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
        started = time.perf_counter()
        done = 0
        if self.console.is_terminal:
            columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*columns, console=self.console, transient=True) as bar:
                task = bar.add_task(description, total=total)

                def advance(n: int = 1) -> None:
                    nonlocal done
                    done += n
                    bar.advance(task, n)

                yield advance
        else:
            log.info("%s ...", description)

            def advance(n: int = 1) -> None:
                nonlocal done
                done += n

            yield advance
        elapsed = time.perf_counter() - started
        log.info("%s: %d done in %.1f s", description, done, elapsed)


def configure_logging(console: Console, verbose: bool = False) -> None:
    """Rich log lines on a terminal, plain timestamped lines elsewhere; always on stderr."""
    level = logging.DEBUG if verbose else logging.INFO
    root = logging.getLogger("analyser")
    root.handlers.clear()
    root.setLevel(level)
    root.propagate = False
    if console.is_terminal:
        from rich.logging import RichHandler

        handler: logging.Handler = RichHandler(console=console, show_path=False, markup=False)
    else:
        handler = logging.StreamHandler(console.file)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root.addHandler(handler)
