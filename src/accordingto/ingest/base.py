"""Documents, failures, and the limits every reader shares."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Final

from accordingto.errors import InputError, InputTooLargeError
from accordingto.ingest.encoding import decode_text

#: One article (a file, a fetched page, a JSONL line, a WARC record) larger than this is
#: refused. Containers (folders, WARC and JSONL files) are streamed and have no limit.
DEFAULT_MAX_BYTES: Final = 16 * 1024 * 1024

#: Hint for InputTooLargeError raised on bytes (the analysis limit is in characters).
MAX_BYTES_HINT: Final = "split it into articles, or raise --max-bytes"


@dataclass(slots=True)
class Document:
    """One article as it arrived: decoded text or HTML, and what is known about it.

    Exactly one of ``text`` and ``html`` is set. ``origin`` says where it came from
    (a path, a URL, "stdin", "crawl.warc.gz#12") and is what error messages name.
    ``meta`` holds the rest: "author" and "language" when the source states them,
    "encoding", "warc_date", "feed", "requested_url"...
    """

    origin: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def content_id(self) -> str:
        """A stable id from the content: the first 16 hex digits of its SHA-256."""
        body = self.text if self.text is not None else (self.html or "")
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class InputFailure:
    """An input that could not be read; ``error`` says why in one line."""

    origin: str
    error: InputError

    def line(self) -> str:
        return f"{self.origin}: {self.error}"


@dataclass(slots=True)
class PendingFetch:
    """A page still to be fetched (a URL given, listed, or linked from a feed entry).

    ``expand_feeds``: when the URL turns out to serve a feed, read its entries (true for
    URLs the user gave; false for a feed entry's link, which must be a page). ``template``
    carries the metadata known before fetching (a feed entry's title, date, outlet).
    ``linked``: the URL was found in content (a feed entry), not given by the user, so it
    is fetched only from a public address unless private addresses are allowed.
    """

    url: str
    origin: str
    expand_feeds: bool = True
    template: Document | None = None
    linked: bool = False


Item = Document | InputFailure | PendingFetch


def read_text_bytes(data: bytes, origin: str) -> str:
    """Decode bytes that should be text (any encoding), refusing binary data with a clear error."""
    return decode_text(data, origin).text


def too_large(origin: str, limit: int) -> InputTooLargeError:
    """The error for an input larger than ``limit`` bytes."""
    return InputTooLargeError(f"{origin} is larger than the limit of {limit:,} bytes", hint=MAX_BYTES_HINT)


def check_size(size: int, limit: int, origin: str) -> None:
    """Refuse an input of ``size`` bytes when it exceeds ``limit``."""
    if size > limit:
        raise too_large(origin, limit)
