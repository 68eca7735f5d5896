"""Documents and failures, and reading plain text files, folders and stdin."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accordingto.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputNotFoundError,
)


@dataclass(slots=True)
class Document:
    """One article as it arrived: decoded text or HTML, and what is known about it.

    Exactly one of ``text`` and ``html`` is set. ``origin`` says where it came from
    (a path, a URL, "stdin", "crawl.warc.gz#12") and is what error messages name.
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


def read_text_bytes(data: bytes, origin: str) -> str:
    """Decode bytes that should be UTF-8 text, refusing binary data with a clear error."""
    if not data.strip():
        raise EmptyInputError(f"{origin} is empty")
    if b"\x00" in data[:4096]:
        raise BinaryInputError(f"{origin} looks like binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{origin} is not valid UTF-8 (byte {exc.start})") from None
    return text


def _read_path(path: Path) -> Document | InputFailure:
    origin = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return InputFailure(origin, InputNotFoundError(f"{origin}: no such file"))
    except IsADirectoryError:
        return InputFailure(origin, InputNotFoundError(f"{origin} is a directory"))
    except PermissionError:
        return InputFailure(origin, InputNotFoundError(f"{origin}: permission denied"))
    try:
        return Document(origin=origin, text=read_text_bytes(data, origin), id=path.stem)
    except InputError as exc:
        return InputFailure(origin, exc)


def iter_documents(specs: Iterable[str], **_options: Any) -> Iterator[Document | InputFailure]:
    """Documents for each spec: a file, a folder (its .txt files, recursively) or '-'."""
    for spec in specs:
        if spec == "-":
            data = sys.stdin.buffer.read()
            try:
                yield Document(origin="stdin", text=read_text_bytes(data, "stdin"))
            except InputError as exc:
                yield InputFailure("stdin", exc)
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                yield InputFailure(spec, InputNotFoundError(f"{spec} is a directory with no .txt files"))
            for file in files:
                yield _read_path(file)
            continue
        yield _read_path(path)
