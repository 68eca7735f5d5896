"""WARC and WARC.gz files (your own crawls, Common Crawl's CC-NEWS): HTML responses -> Documents.

The file is read record by record with warcio, so a multi-gigabyte archive never sits in
memory; a record's payload is read only up to the size limit. Response (and resource)
records carrying HTML become Documents with the record's target URI as ``url`` and its
date as ``meta["warc_date"]`` (clean uses it as the publication date when the page
states none). Response records that are not HTML, or not a 2xx answer, are reported and
skipped; request, metadata, warcinfo and revisit records are not articles and are
passed over silently.

Damaged archives are reported, never passed off as whole articles. warcio itself reads
a record that ends early (an interrupted download) as if it were complete, so every
record is checked once it has been read: fewer bytes than its Content-Length, a header
with no WARC-Type or Content-Length, or gzip data that stops before its end marker each
become an InputFailure naming the record, and the records after it are still read.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO, Any, Final

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader

from accordingto.errors import (
    BinaryInputError,
    EmptyInputError,
    ExtractionError,
    FetchError,
    InputError,
    MalformedInputError,
)
from accordingto.ingest.base import Document, InputFailure, check_size
from accordingto.ingest.detect import GZIP_MAGIC
from accordingto.ingest.encoding import binary_kind, charset_from_content_type, decode_html

_ARTICLE_RECORDS: Final = frozenset({"response", "resource"})
HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
_TEXTUAL_PREFIXES: Final = ("text/", "application/json", "application/javascript", "application/xml")
_SKIP_HINT: Final = "only HTML responses in a WARC file are analysed"
_CUT_HINT: Final = "the archive is cut off or damaged, as by an interrupted download; fetch it again"
#: What warcio raises on a damaged archive it cannot read any further.
#: Bytes of the file's end kept to check what follows the last record.
_TAIL_BYTES: Final = 64 * 1024
_UNREADABLE: Final = (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError, AttributeError, TypeError)


class _TolerantLoader(ArcWarcRecordLoader):
    """warcio's loader, except that a record with no WARC-Target-URI is returned (and then
    reported) instead of crashing the iteration with "'NoneType' object has no attribute
    'startswith'": a header cut off before that field is a damaged record, not a damaged file."""

    def load_http_headers(self, rec_type: Any, uri: Any, stream: Any, length: Any) -> Any:
        if uri is None:
            return None
        return super().load_http_headers(rec_type, uri, stream, length)


class _Counted:
    """The raw stream, counting the bytes read and keeping the last few: warcio takes a
    file that ends inside a gzip member's header for a file that ends between records, so
    what is left after the last record is checked here."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.position = _start_of(raw)  # so record offsets stay offsets into the file
        self.tail = b""

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.position += len(data)
        self.tail = (self.tail + data)[-_TAIL_BYTES:]
        return data

    def tell(self) -> int:
        return self.position

    def leftover(self, end_of_last_record: int) -> bytes | None:
        """The bytes after the last record, when they are few enough to have been kept."""
        size = self.position - end_of_last_record
        if size <= 0:
            return b""
        return self.tail[-size:] if size <= len(self.tail) else None


def _start_of(stream: IO[bytes]) -> int:
    try:
        return stream.tell()
    except (OSError, ValueError, AttributeError):  # a pipe, standard input
        return 0


def _archive_iterator(stream: _Counted) -> ArchiveIterator:
    records = ArchiveIterator(stream, arc2warc=True)
    records.loader = _TolerantLoader(verify_http=False, arc2warc=True)
    return records


def iter_warc(stream: IO[bytes], origin: str, max_bytes: int) -> Iterator[Document | InputFailure]:
    """A Document per HTML response record; an InputFailure per unusable or damaged record."""
    count = 0
    counted = _Counted(stream)
    try:
        records = _archive_iterator(counted)
        for record in records:
            count += 1
            yield from _record_items(record, f"{origin}#{count}", max_bytes, records)
    except _UNREADABLE as exc:
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        message = f"{origin} is damaged or not a WARC file after {count} records ({detail})"
        yield InputFailure(origin, MalformedInputError(message, hint=_CUT_HINT))
        return
    if not _only_padding(counted.leftover(records.offset)):
        extra = counted.position - records.offset
        message = f"{origin} ends with {extra:,} bytes after record {count} that are not a whole record"
        yield InputFailure(origin, MalformedInputError(message, hint=_CUT_HINT))
    elif count == 0:
        yield InputFailure(origin, EmptyInputError(f"{origin} holds no WARC records"))


def _only_padding(rest: bytes | None) -> bool:
    """Whether the bytes after the last record are blank, or gzip members holding only blanks."""
    if rest is None:
        return False
    while rest.startswith(GZIP_MAGIC):
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            if member.decompress(rest).strip() or not member.eof:
                return False
        except zlib.error:
            return False
        rest = member.unused_data
    return not rest.strip()


def _record_items(
    record: Any, where: str, max_bytes: int, records: ArchiveIterator
) -> Iterator[Document | InputFailure]:
    """The record's Document or InputFailure; nothing for a whole record that is not an article."""
    damaged = _header_problem(record, where)
    if damaged is not None:
        yield InputFailure(where, damaged)
        return
    is_article = record.rec_type in _ARTICLE_RECORDS
    payload, unreadable = _read_payload(record, max_bytes) if is_article else (b"", None)
    offset = records.get_record_offset()  # reads the rest of the record: only now is its length known
    damaged = _cut_off(record, where, records) or unreadable
    if damaged is not None:
        yield InputFailure(where, damaged)
        return
    if not is_article:
        return
    try:
        yield _document(record, payload, where, offset, max_bytes)
    except InputError as exc:
        yield InputFailure(where, exc)


def _header_problem(record: Any, where: str) -> InputError | None:
    """A record whose WARC header lacks the fields every record has: cut off or not WARC."""
    if record.format != "warc":
        return None
    missing = [name for name in ("WARC-Type", "Content-Length") if not record.rec_headers.get_header(name)]
    if record.rec_type in _ARTICLE_RECORDS and not record.rec_headers.get_header("WARC-Target-URI"):
        missing.append("WARC-Target-URI")
    if not missing:
        return None
    return MalformedInputError(f"{where}: the WARC record header has no {', '.join(missing)}", hint=_CUT_HINT)


def _read_payload(record: Any, max_bytes: int) -> tuple[bytes, InputError | None]:
    """Up to ``max_bytes + 1`` bytes of the payload, or the error a damaged payload gave."""
    try:
        return record.content_stream().read(max_bytes + 1), None
    except Exception as exc:  # warcio's chunked/gzip readers raise plain Exceptions on bad data
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        return b"", MalformedInputError(f"the record's HTTP payload cannot be read ({detail})", hint=_CUT_HINT)


def _cut_off(record: Any, where: str, records: ArchiveIterator) -> InputError | None:
    """Whether the record, now read to its end, holds fewer bytes than its header promised."""
    declared = record.length
    missing = getattr(record.raw_stream, "limit", 0)  # warcio's LimitReader: bytes it never got
    if isinstance(declared, int) and missing > 0:
        label = record.rec_headers.get_header("WARC-Target-URI") or "the record"
        return MalformedInputError(
            f"{where} ({label}) is cut off: its Content-Length is {declared:,} bytes "
            f"but only {declared - missing:,} are in the file",
            hint=_CUT_HINT,
        )
    decompressor = records.reader.decompressor if records.reader is not None else None
    if decompressor is not None and not decompressor.eof and records.next_line is None:
        # the record's content is all there but its gzip member stops before its end marker
        return MalformedInputError(f"{where}: the file ends inside this record's gzip data", hint=_CUT_HINT)
    return None


def _document(record: Any, payload: bytes, where: str, offset: int, max_bytes: int) -> Document:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    label = uri or where
    content_type = _content_type(record)
    _check_status(record, label)
    media_type = content_type.split(";", 1)[0].strip().lower()
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
