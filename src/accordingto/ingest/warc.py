"""WARC and WARC.gz files (your own crawls, Common Crawl's CC-NEWS): HTML responses -> Documents.

The file is read record by record with warcio, so a multi-gigabyte archive never sits in
memory; a record's payload is read only up to the size limit. Response (and resource)
records carrying HTML become Documents with the record's target URI as ``url`` and its
date as ``meta["warc_date"]`` (clean uses it as the publication date when the page
states none). Response records that are not HTML, or not a 2xx answer, are reported and
skipped; request, metadata, warcinfo and revisit records are not articles and are
passed over silently.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO, Any, Final

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from accordingto.errors import BinaryInputError, ExtractionError, FetchError, InputError, MalformedInputError
from accordingto.ingest.base import Document, InputFailure, check_size
from accordingto.ingest.encoding import binary_kind, charset_from_content_type, decode_html

_ARTICLE_RECORDS: Final = frozenset({"response", "resource"})
HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
_TEXTUAL_PREFIXES: Final = ("text/", "application/json", "application/javascript", "application/xml")
_SKIP_HINT: Final = "only HTML responses in a WARC file are analysed"


def iter_warc(stream: IO[bytes], origin: str, max_bytes: int) -> Iterator[Document | InputFailure]:
    """A Document per HTML response record; an InputFailure per unusable response record."""
    count = 0
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        for record in records:
            count += 1
            if record.rec_type not in _ARTICLE_RECORDS:
                continue
            where = f"{origin}#{count}"
            try:
                yield _document(record, where, max_bytes, records)
            except InputError as exc:
                yield InputFailure(where, exc)
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError, AttributeError, TypeError) as exc:
        # warcio meets a cut-off or damaged archive with any of these
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        yield InputFailure(
            origin, MalformedInputError(f"{origin} is truncated or not a WARC file after {count} records ({detail})")
        )


def _document(record: Any, where: str, max_bytes: int, records: ArchiveIterator) -> Document:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    label = uri or where
    content_type = _content_type(record)
    _check_status(record, label)
    media_type = content_type.split(";", 1)[0].strip().lower()
    payload = record.content_stream().read(max_bytes + 1)
    offset = records.get_record_offset()  # only now: asking for it earlier skips the payload
    check_size(len(payload), max_bytes, label)
    kind = binary_kind(payload)
    if kind is not None:
        raise BinaryInputError(f"{label} is {kind}, not an HTML page", hint=_SKIP_HINT)
    if media_type and media_type not in HTML_TYPES:
        raise _not_html(label, media_type)
    decoded = decode_html(payload, label, http_charset=charset_from_content_type(content_type))
    return Document(
        origin=where,
        html=decoded.text,
        url=uri,
        meta={
            **decoded.meta(),
            "warc_date": record.rec_headers.get_header("WARC-Date"),
            "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
            "warc_offset": offset,
        },
    )


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        return str(record.http_headers.get_header("Content-Type") or "")
    return str(record.rec_headers.get_header("Content-Type") or "")


def _check_status(record: Any, label: str) -> None:
    if record.rec_type != "response" or record.http_headers is None:
        return
    status = record.http_headers.get_statuscode()
    if not str(status).startswith("2"):
        raise FetchError(f"{label}: the crawl captured HTTP {status}, not a page", hint=_SKIP_HINT)


def _not_html(label: str, media_type: str) -> InputError:
    if media_type.startswith(_TEXTUAL_PREFIXES):
        return ExtractionError(f"{label} is {media_type}, not an HTML page", hint=_SKIP_HINT)
    return BinaryInputError(f"{label} is {media_type}, not an HTML page", hint=_SKIP_HINT)
