"""Every input spec -> Documents and InputFailures, streaming.

A spec is a file, a folder (searched recursively), a glob pattern, an http(s) URL, or
``-`` for standard input. Each file's kind is detected (see :mod:`.detect`) unless
``input_format`` forces one. Containers stream: a WARC or JSONL file is read record by
record, a folder file by file, URLs are fetched a few at a time. A bad input never
raises: it becomes an InputFailure and the batch goes on.
"""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, cast

import httpx

from accordingto.errors import InputError, MalformedInputError, SettingsError
from accordingto.ingest.base import DEFAULT_MAX_BYTES, Document, InputFailure, Item, PendingFetch
from accordingto.ingest.detect import GZIP_MAGIC, INPUT_FORMATS, SNIFF_BYTES, detect_kind, is_url, split_gz
from accordingto.ingest.encoding import decode_html, decode_text
from accordingto.ingest.feeds import iter_feed
from accordingto.ingest.fetch import (
    DEFAULT_CONCURRENCY,
    DEFAULT_HOST_DELAY,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    FetchSettings,
    iter_url_list,
    resolve_fetches,
)
from accordingto.ingest.files import expand_spec, read_bounded, read_file, read_head
from accordingto.ingest.jsonl import iter_jsonl
from accordingto.ingest.warc import iter_warc

STDIN = "-"


def iter_documents(
    specs: Iterable[str],
    *,
    input_format: str | None = None,
    urls_file: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    concurrency: int = DEFAULT_CONCURRENCY,
    host_delay: float = DEFAULT_HOST_DELAY,
    user_agent: str = DEFAULT_USER_AGENT,
    allow_private_addresses: bool = False,
    stdin: IO[bytes] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[Document | InputFailure]:
    """Documents (and failures) for every spec, then for every URL listed in ``urls_file``.

    input_format: "auto" (or None) detects each input's kind; "text", "html", "jsonl",
        "warc", "feed" force one; "url" reads each file (or stdin) as a list of URLs.
    max_bytes: the size limit of one article (a file, a page, a JSONL line, a WARC record).
    timeout, concurrency, host_delay, user_agent: how URLs are fetched (see ingest.fetch).
    allow_private_addresses: let a feed's entry links reach loopback and private addresses
        (a feed of a local archive); by default they are refused, each with an error.
    stdin, transport: what ``-`` reads and how HTTP is sent (tests pass their own).

    Raises SettingsError for an unknown input_format or a non-positive limit, right away;
    never for a bad input.
    """
    fmt = _check_options(input_format, max_bytes, timeout, concurrency, host_delay)
    settings = FetchSettings(
        timeout=timeout,
        max_bytes=max_bytes,
        concurrency=concurrency,
        host_delay=host_delay,
        user_agent=user_agent,
        allow_private_addresses=allow_private_addresses,
    )
    reader = _Reader(fmt, max_bytes, stdin)
    return resolve_fetches(reader.items(specs, urls_file), settings, transport=transport)


def _check_options(input_format: str | None, max_bytes: int, timeout: float, concurrency: int, delay: float) -> str:
    fmt = (input_format or "auto").lower()
    if fmt not in INPUT_FORMATS:
        raise SettingsError(f"unknown input format {input_format!r}; choose one of {', '.join(INPUT_FORMATS)}")
    if max_bytes < 1 or timeout <= 0 or concurrency < 1 or delay < 0:
        raise SettingsError("max_bytes, timeout and concurrency must be positive and host_delay not negative")
    return fmt


class _Reader:
    """Turns specs into items (Documents, InputFailures, pages still to fetch)."""

    def __init__(self, fmt: str, max_bytes: int, stdin: IO[bytes] | None) -> None:
        self.fmt = fmt
        self.max_bytes = max_bytes
        self.stdin = stdin

    def items(self, specs: Iterable[str], urls_file: str | None) -> Iterator[Item]:
        for spec in specs:
            yield from self.spec_items(spec)
        if urls_file is not None:
            yield from self.url_list_items(urls_file)

    def spec_items(self, spec: str) -> Iterator[Item]:
        if spec == STDIN:
            yield from self.stdin_items()
        elif is_url(spec):
            yield from self.url_items(spec)
        else:
            for path in expand_spec(spec):
                if isinstance(path, InputFailure):
                    yield path
                else:
                    yield from from_path(path, self.fmt, self.max_bytes)

    def url_items(self, url: str) -> Iterator[Item]:
        if self.fmt in ("jsonl", "warc"):
            message = f"{url}: reading {self.fmt} from a URL is not supported; download the file and give its path"
            yield InputFailure(url, MalformedInputError(message, hint="save it locally first"))
            return
        yield PendingFetch(url=url, origin=url, expand_feeds=self.fmt in ("auto", "feed", "url"))

    def url_list_items(self, urls_file: str) -> Iterator[Item]:
        if urls_file == STDIN:
            stream = self._stdin_stream()
            try:
                data = read_bounded(stream, self.max_bytes, "stdin")
                yield from iter_url_list(decode_text(data, "stdin").text, "stdin")
            except InputError as exc:
                yield InputFailure("stdin", exc)
            return
        path = Path(urls_file)
        try:
            data = read_file(path, self.max_bytes)
            yield from iter_url_list(decode_text(data, urls_file).text, urls_file)
        except InputError as exc:
            yield InputFailure(urls_file, exc)

    def stdin_items(self) -> Iterator[Item]:
        raw = self._stdin_stream()
        head = raw.read(SNIFF_BYTES)
        stream = _Prefixed.wrap(head, raw)
        kind: str = detect_kind("", head) if self.fmt == "auto" else self.fmt
        yield from from_stream(stream, "stdin", kind, self.max_bytes, gzipped=head.startswith(GZIP_MAGIC))

    def _stdin_stream(self) -> IO[bytes]:
        return self.stdin if self.stdin is not None else sys.stdin.buffer


def from_path(path: Path, fmt: str, max_bytes: int) -> Iterator[Item]:
    """The items of one file, its kind detected unless ``fmt`` forces it."""
    origin = str(path)
    try:
        head = read_head(path)
    except InputError as exc:
        yield InputFailure(origin, exc)
        return
    kind = detect_kind(path.name, head) if fmt == "auto" else fmt
    if kind in ("warc", "jsonl"):
        with path.open("rb") as stream:
            yield from from_stream(stream, origin, kind, max_bytes, gzipped=head.startswith(GZIP_MAGIC))
        return
    try:
        data = read_file(path, max_bytes)
    except InputError as exc:
        yield InputFailure(origin, exc)
        return
    yield from from_bytes(data, origin, kind, doc_id=_id_from_name(path.name))


def from_stream(stream: IO[bytes], origin: str, kind: str, max_bytes: int, *, gzipped: bool) -> Iterator[Item]:
    """The items of an open stream (a file or stdin) of the given kind."""
    if kind == "warc":  # warcio reads gzip members itself
        yield from iter_warc(stream, origin, max_bytes)
        return
    body = cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb")) if gzipped else stream
    if kind == "jsonl":
        yield from iter_jsonl(body, origin, max_bytes)
        return
    try:
        data = read_bounded(body, max_bytes, origin)
    except InputError as exc:
        yield InputFailure(origin, exc)
        return
    yield from from_bytes(data, origin, kind)


def from_bytes(data: bytes, origin: str, kind: str, *, doc_id: str | None = None) -> Iterator[Item]:
    """The items in the whole bytes of one input of the given kind (not WARC or JSONL)."""
    try:
        if kind == "feed":
            yield from iter_feed(data, origin)
        elif kind == "url":
            yield from iter_url_list(decode_text(data, origin).text, origin)
        elif kind == "html":
            decoded = decode_html(data, origin)
            yield Document(origin=origin, html=decoded.text, id=doc_id, meta=decoded.meta())
        else:
            decoded = decode_text(data, origin)
            yield Document(origin=origin, text=decoded.text, id=doc_id, meta=decoded.meta())
    except InputError as exc:
        yield InputFailure(origin, exc)


def _id_from_name(name: str) -> str:
    """ "a.html.gz" -> "a"; "story.txt" -> "story"."""
    stem, _ = split_gz(name)
    dot = stem.rfind(".")
    return stem[:dot] if dot > 0 else stem


class _Prefixed(io.RawIOBase):
    """A stream that replays bytes already read (for sniffing) before the rest of ``raw``."""

    def __init__(self, head: bytes, raw: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._raw = raw

    @classmethod
    def wrap(cls, head: bytes, raw: IO[bytes]) -> IO[bytes]:
        return io.BufferedReader(cls(head, raw))

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        chunk = self._raw.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)
