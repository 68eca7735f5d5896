"""What every command shares: turning library errors into one clean line and an exit code."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import (
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from accordingto.errors import (
    AccordingtoError,
    InputError,
    ModelError,
    QuerySyntaxError,
    SettingsError,
    StoreError,
)

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3
EXIT_STORE = 4
EXIT_INTERRUPTED = 130

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def exit_code_for(exc: AccordingtoError) -> int:
    if isinstance(exc, ModelError):
        return EXIT_ENVIRONMENT
    if isinstance(exc, QuerySyntaxError):  # the query is the user's to fix, not the corpus
        return EXIT_USAGE
    if isinstance(exc, StoreError):
        return EXIT_STORE
    if isinstance(exc, SettingsError):
        return EXIT_USAGE
    if isinstance(exc, InputError):
        return EXIT_SOME_FAILED
    return EXIT_SOME_FAILED


def clean_errors(func: F) -> F:
    """Library errors become one line on stderr and a documented exit code; Ctrl-C exits 130."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AccordingtoError as exc:
            fail(str(exc), exit_code_for(exc))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(EXIT_OK)

    return wrapper  # type: ignore[return-value]


def warn(message: str) -> None:
    click.echo(message, err=True)


class RateColumn(ProgressColumn):
    """Articles per second, once rich has measured a rate."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")


@contextlib.contextmanager
def progress_reporter(label: str, *, enabled: bool = True, after: int = 3) -> Iterator[Callable[[], None]]:
    """A progress line on stderr (count, articles/s, elapsed) that appears once more than
    ``after`` items went by, so a single article prints nothing; the total need not be
    known (inputs are streamed). Yields the function to call once per item."""
    count = 0
    bar: Progress | None = None
    task = None

    def advance() -> None:
        nonlocal count, bar, task
        count += 1
        if not enabled:
            return
        if bar is None and count > after:
            bar = Progress(
                SpinnerColumn(),
                TextColumn(label),
                MofNCompleteColumn(),
                RateColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            task = bar.add_task(label, total=None, completed=count)
        elif bar is not None and task is not None:
            bar.advance(task)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.stop()
