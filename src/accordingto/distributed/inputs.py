"""Input records -> Documents, inside one task of any engine (a ``--jobs`` worker, a Spark task).

An input record is one of:

* a :class:`~accordingto.ingest.Document` or :class:`~accordingto.ingest.InputFailure`, already read;
* an :class:`ArticleRecord`: the fields of one article (``text`` or ``html`` and metadata), as a
  JSONL line or a Parquet row holds them; read with the JSONL reader's own
  :func:`~accordingto.ingest.jsonl.document_from_record`;
* a :class:`WarcBytes`: the bytes of WARC records (one or more, gzipped or not), read with
  the WARC reader :func:`~accordingto.ingest.warc.iter_warc`;
* a :class:`FileSplit`: a whole file, or the lines of an uncompressed JSONL file that start in
  a byte range. The task opens and streams it with the readers the local command uses
  (:func:`~accordingto.ingest.sources.from_path` for a local file), so a multi-gigabyte WARC
  file never sits in memory and every record becomes the same Document it would locally.

Paths without a scheme are local files (or a shared mount such as ``/dbfs``); any other URI
(``file://``, ``s3://`` or ``s3a://``, ``gs://``, ``hdfs://``, ``abfs://``...) is opened from
Python with pyarrow's filesystems, or fsspec when pyarrow has none for that scheme.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final, cast
from urllib.parse import unquote, urlsplit

from accordingto.errors import BinaryInputError, FetchError, InputError, InputNotFoundError
from accordingto.ingest import DEFAULT_MAX_BYTES, Document, InputFailure, PendingFetch
from accordingto.ingest.detect import GZIP_MAGIC, SNIFF_BYTES, detect_kind
from accordingto.ingest.encoding import decode_html, decode_text
from accordingto.ingest.files import read_bounded
from accordingto.ingest.jsonl import document_from_record, iter_jsonl
from accordingto.ingest.sources import _id_from_name, from_bytes, from_path, from_stream
from accordingto.ingest.warc import iter_warc

_SKIP_CHUNK: Final = 1 << 20
_NO_FETCH_HINT: Final = "the Spark job reads files only: fetch pages first (accordingto analyze), or give WARC or JSONL"


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One article's fields (``text`` or ``html``, ``id``, ``url``, ``title``, ``outlet``,
    ``published``, ``author``, ``authors``, ``section``, ``desk``, ``wire``, ``language``...), e.g.
    a Parquet row; ``origin`` names it in errors."""

    origin: str
    fields: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class WarcBytes:
    """The bytes of one or more WARC records (a WARC file, or a slice of one at record boundaries)."""

    origin: str
    data: bytes


@dataclass(frozen=True, slots=True)
class FileSplit:
    """A file to read inside a task: the whole of it (``end`` None), or the lines of an
    uncompressed JSONL file that start in ``[start, end)``.

    ``input_format`` is what ``--input-format`` says: "auto" detects the file's kind in the
    task exactly as the local command does.
    """

    uri: str
    input_format: str = "auto"
    start: int = 0
    end: int | None = None

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end is None

    @property
    def origin(self) -> str:
        """The file, or ``file@BYTE`` for a range that starts inside it (its lines are then
        named ``file@BYTE:N``, the N-th line from that byte)."""
        return self.uri if self.start == 0 else f"{self.uri}@{self.start}"


InputRecord = Document | InputFailure | ArticleRecord | WarcBytes | FileSplit


def to_documents(
    records: Iterable[InputRecord], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputFailure]:
    """Documents and failures for every record, streaming; a bad record never raises."""
    for record in records:
        if isinstance(record, Document | InputFailure):
            yield record
        elif isinstance(record, ArticleRecord):
            yield record_document(record)
        elif isinstance(record, WarcBytes):
            yield from iter_warc(io.BytesIO(record.data), record.origin, max_bytes)
        elif isinstance(record, FileSplit):
            yield from read_split(record, max_bytes)
        else:
            raise TypeError(f"not an input record: {type(record).__name__}")


def record_document(record: ArticleRecord) -> Document | InputFailure:
    """The Document of an article's fields, as a JSONL line with the same fields gives.
    A ``text`` or ``html`` field of bytes (a Parquet binary column) is decoded as a file is."""
    fields = dict(record.fields)
    try:
        for name, decode in (("text", decode_text), ("html", decode_html)):
            value = fields.get(name)
            if isinstance(value, bytes | bytearray | memoryview):
                fields[name] = decode(bytes(value), record.origin).text
        return document_from_record(fields, record.origin)
    except InputError as exc:
        return InputFailure(record.origin, exc)


# ------------------------------------------------------------------ files
def is_local(uri: str) -> bool:
    """A path without a scheme (a drive letter is not one): read with open()."""
    scheme = urlsplit(uri).scheme
    return len(scheme) <= 1


def open_uri(uri: str) -> IO[bytes]:
    """A buffered, seekable binary stream of a file given by path or URI. Raises
    InputNotFoundError with one line when it cannot be opened."""
    if is_local(uri):
        try:
            return open(uri, "rb")  # the caller closes it
        except OSError as exc:
            raise InputNotFoundError(f"{uri} cannot be read ({exc.strerror or exc})") from None
    try:
        return _open_remote(uri)
    except InputError:
        raise
    except Exception as exc:
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise InputNotFoundError(f"{uri} cannot be read ({detail})") from None


def _open_remote(uri: str) -> IO[bytes]:
    from pyarrow import fs

    parts = urlsplit(uri)
    if parts.scheme == "file":
        return io.BufferedReader(fs.LocalFileSystem().open_input_file(unquote(parts.path)))
    target = "s3://" + uri.split("://", 1)[1] if parts.scheme in ("s3a", "s3n") else uri
    try:
        filesystem, path = fs.FileSystem.from_uri(target)
    except Exception:  # a scheme pyarrow has no filesystem for: fsspec may have one
        try:
            import fsspec
        except ImportError:
            raise InputNotFoundError(
                f"{uri}: no Python filesystem for {parts.scheme}:// (pyarrow has none; install fsspec and its plugin)"
            ) from None
        return cast(IO[bytes], fsspec.open(uri, "rb").open())
    return io.BufferedReader(filesystem.open_input_file(path))


def read_split(split: FileSplit, max_bytes: int) -> Iterator[Document | InputFailure]:
    """The Documents of one file split; PendingFetch items (URL lists, feed entries) become
    failures, since a task does not fetch pages."""
    if split.whole and is_local(split.uri):
        items: Iterable[Document | InputFailure | PendingFetch]
        items = from_path(Path(split.uri), split.input_format, max_bytes)
    elif split.whole:
        items = _read_remote(split, max_bytes)
    else:
        items = _read_jsonl_range(split, max_bytes)
    for item in items:
        if isinstance(item, PendingFetch):
            yield InputFailure(item.origin, FetchError(f"{item.url} was not fetched", hint=_NO_FETCH_HINT))
        else:
            yield item


def _read_remote(split: FileSplit, max_bytes: int) -> Iterator[Document | InputFailure | PendingFetch]:
    """What :func:`from_path` does for a local file, on a stream opened from a URI."""
    origin = split.uri
    try:
        stream = open_uri(split.uri)
    except InputError as exc:
        yield InputFailure(origin, exc)
        return
    with stream:
        head = stream.read(SNIFF_BYTES)
        stream.seek(0)
        name = urlsplit(split.uri).path.rsplit("/", 1)[-1]
        kind = detect_kind(name, head) if split.input_format == "auto" else split.input_format
        gzipped = head.startswith(GZIP_MAGIC)
        if kind in ("warc", "jsonl"):
            yield from from_stream(stream, origin, kind, max_bytes, gzipped=gzipped)
            return
        body = cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb")) if gzipped else stream
        try:
            data = read_bounded(body, max_bytes, origin)
        except InputError as exc:
            yield InputFailure(origin, exc)
            return
        yield from from_bytes(data, origin, kind, doc_id=_id_from_name(name))


def _read_jsonl_range(split: FileSplit, max_bytes: int) -> Iterator[Document | InputFailure]:
    try:
        stream = open_uri(split.uri)
    except InputError as exc:
        yield InputFailure(split.origin, exc)
        return
    with stream:
        head = stream.read(2)
        if head == GZIP_MAGIC:  # the planner splits only uncompressed files; never guess inside gzip
            error = BinaryInputError(f"{split.uri} is gzip-compressed: it cannot be read from byte {split.start}")
            yield InputFailure(split.origin, error)
            return
        yield from iter_jsonl(cast(IO[bytes], LineRange(stream, split.start, split.end)), split.origin, max_bytes)


class LineRange:
    """The lines of a seekable binary stream that start in ``[start, end)`` (``end`` None: to
    the end). A line belongs to the range its first byte is in, so consecutive ranges of a
    file yield each of its lines exactly once, however the file is cut."""

    def __init__(self, stream: IO[bytes], start: int, end: int | None) -> None:
        self.stream = stream
        self.end = end
        stream.seek(max(0, start - 1))
        if start > 0:  # skip the rest of the line that byte start-1 is in (just its "\n" if it ends there)
            while True:
                piece = stream.readline(_SKIP_CHUNK)
                if not piece or piece.endswith(b"\n"):
                    break
        self.position = stream.tell()
        self.at_line_start = True

    def readline(self, size: int = -1) -> bytes:
        if self.at_line_start and self.end is not None and self.position >= self.end:
            return b""
        line = self.stream.readline(size)
        self.position += len(line)
        self.at_line_start = not line or line.endswith(b"\n")
        return line
