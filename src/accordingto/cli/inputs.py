"""The options that say how inputs are read, shared by analyze and ingest so they mean the
same in both: --input-format, --urls (alias --urls-file), --fetch-timeout, --max-bytes and
--allow-private-addresses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from accordingto.ingest import DEFAULT_MAX_BYTES, INPUT_FORMATS, Document, InputFailure, iter_documents
from accordingto.ingest.fetch import DEFAULT_TIMEOUT

F = TypeVar("F", bound=Callable[..., Any])


def input_options(*, timeout_alias: bool) -> Callable[[F], F]:
    """The input options; ``timeout_alias``: --timeout is also accepted for --fetch-timeout
    (analyze's old name; in ingest --timeout is the wait for the corpus's write lock)."""
    timeout_names = ("--fetch-timeout", "--timeout") if timeout_alias else ("--fetch-timeout",)
    options = [
        click.option(
            "--input-format",
            type=click.Choice(list(INPUT_FORMATS)),
            default="auto",
            show_default=True,
            help="Kind of every input; auto detects it from content and extension. url: files list URLs.",
        ),
        click.option(
            "--urls",
            "--urls-file",
            "urls_file",
            default=None,
            metavar="FILE",
            help="Also fetch the URLs listed in FILE, one a line (- for stdin).",
        ),
        click.option(
            *timeout_names,
            "fetch_timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=DEFAULT_TIMEOUT,
            show_default=True,
            help="Seconds allowed to fetch one URL.",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(1),
            default=DEFAULT_MAX_BYTES,
            show_default=True,
            help="Refuse one article (file, page, JSONL line, WARC record) larger than this.",
        ),
        click.option(
            "--allow-private-addresses",
            is_flag=True,
            help="Let a feed's entry links reach loopback and private addresses (a feed of a local archive).",
        ),
    ]

    def decorate(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def documents(
    inputs: tuple[str, ...],
    *,
    input_format: str,
    urls_file: str | None,
    fetch_timeout: float,
    max_bytes: int,
    allow_private_addresses: bool,
) -> Iterator[Document | InputFailure]:
    """Every input read as the options say."""
    return iter_documents(
        inputs,
        input_format=input_format,
        urls_file=urls_file,
        timeout=fetch_timeout,
        max_bytes=max_bytes,
        allow_private_addresses=allow_private_addresses,
    )
