"""A progress bar per interpreter on stderr (only on a terminal: stdout carries the report)."""
from __future__ import annotations

from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def bars(enabled: bool):
    """Yields `start(label)` -> the `(done, total)` callback of a new bar (a no-op when not enabled)."""
    if not enabled:
        yield lambda label: lambda done, total: None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        def start(label):
            task = progress.add_task(label, total=None)
            return lambda done, total: progress.update(task, completed=done, total=total)
        yield start
