"""JSON Lines: one article per line, as ``{"text": ...}`` or ``{"html": ...}`` with metadata.

Recognised fields: ``text`` or ``html`` (one is required; ``text`` wins when both are
there, since offsets then index the text the user gave), and optionally ``id``, ``url``,
``title``, ``outlet``, ``published``, ``author``, ``authors`` (a list of names, or one
string such as "Jane Doe and John Roe"), ``section`` (or ``desk``), ``wire``, ``language``.
Other fields are kept in ``Document.meta``. Each line is read on its own, so a file of any size streams, and a bad
line is reported as ``file.jsonl:LINE`` while the others go on.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from typing import IO, Any, Final

from accordingto.errors import EmptyInputError, InputError, MalformedInputError
from accordingto.ingest.base import Document, InputFailure, too_large
from accordingto.ingest.encoding import Decoded, decode_text, repair_mojibake

_METADATA_FIELDS: Final = ("id", "url", "title", "outlet", "published")
_META_FIELDS: Final = ("author", "language", "section", "desk", "wire")
_CHUNK: Final = 1 << 20


def iter_jsonl(stream: IO[bytes], origin: str, max_bytes: int) -> Iterator[Document | InputFailure]:
    """A Document or InputFailure for every non-blank line of a JSONL stream."""
    lineno = 0
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except (EOFError, gzip.BadGzipFile, zlib.error):
            yield InputFailure(origin, MalformedInputError(f"{origin} is truncated or corrupt after line {lineno}"))
            return
        if not line:
            return
        lineno += 1
        where = f"{origin}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield InputFailure(where, too_large(where, max_bytes))
            continue
        if line.strip():
            yield _line_document(line, where)


def _line_document(line: bytes, where: str) -> Document | InputFailure:
    try:
        record = _parse(line, where)
        return document_from_record(record, where)
    except InputError as exc:
        return InputFailure(where, exc)


def _parse(line: bytes, where: str) -> dict[str, Any]:
    text = decode_text(line, where).text
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(f"{where} is not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise MalformedInputError(f"{where} is a JSON {type(record).__name__}, not an object with a 'text' field")
    return record


def document_from_record(record: dict[str, Any], origin: str) -> Document:
    """A Document from a JSON object with ``text`` or ``html`` and optional metadata."""
    body_field = "text" if record.get("text") is not None else "html"
    body = record.get(body_field)
    if body is None:
        raise MalformedInputError(f"{origin} has neither a 'text' nor an 'html' field")
    if not isinstance(body, str):
        raise MalformedInputError(f"{origin}: '{body_field}' is a {type(body).__name__}, not a string")
    if not body.strip():
        raise EmptyInputError(f"{origin}: '{body_field}' is empty")
    decoded = repair_mojibake(Decoded(body, "utf-8"))
    known = {name: _as_text(record.get(name)) for name in _METADATA_FIELDS}
    meta: dict[str, Any] = {k: v for k, v in record.items() if k not in ("text", "html", *_METADATA_FIELDS)}
    for name in _META_FIELDS:
        if name in meta:
            meta[name] = _as_text(meta[name])
    if "authors" in meta:
        meta["authors"] = _as_names(meta["authors"])
    if decoded.repaired:
        meta["repaired"] = "mojibake"
    return Document(
        origin=origin,
        text=decoded.text if body_field == "text" else None,
        html=decoded.text if body_field == "html" else None,
        meta=meta,
        **known,
    )


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value) if isinstance(value, dict | list) else str(value)
    return text.strip() or None


def _as_names(value: Any) -> list[str] | str | None:
    """``authors`` as given: a list of names (items that are objects give their ``name``, as
    JSON Feed and JSON-LD write them), or one string the cleaner splits ("Jane Doe; John Roe")."""
    if isinstance(value, list | tuple):
        items = (item.get("name") if isinstance(item, dict) else item for item in value)
        return [text for text in (_as_text(item) for item in items if item is not None) if text]
    if isinstance(value, dict):
        return _as_names([value])
    return _as_text(value)


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return
