"""What every command shares: turning library errors into one clean line and an exit code."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from accordingto.errors import AccordingtoError, InputError, ModelError, SettingsError, StoreError

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
