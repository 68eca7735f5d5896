"""Paths: folders searched recursively, glob patterns, gzip-compressed files, bounded reads."""

from __future__ import annotations

import glob
import gzip
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

from accordingto.errors import InputNotFoundError, MalformedInputError
from accordingto.ingest.base import InputFailure, check_size
from accordingto.ingest.detect import EXTENSION_KINDS, GZIP_MAGIC, SNIFF_BYTES, is_collectable

_GLOB_CHARS = frozenset("*?[")
#: What a path that is not a regular file is, for the error that refuses it.
_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_NOT_REGULAR_HINT = "give a regular file, or '-' to read standard input"


def expand_spec(spec: str) -> Iterator[Path | InputFailure]:
    """The files a command-line spec names: itself, a folder's article files, or a glob's matches."""
    path = Path(spec)
    if path.is_dir():
        yield from _folder_files(path, spec)
    elif not path.exists() and _GLOB_CHARS & set(spec):
        yield from _glob_files(spec)
    else:
        yield path


def _folder_files(folder: Path, spec: str) -> Iterator[Path | InputFailure]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and is_collectable(p.name) and not _hidden(p, folder))
    if not files:
        known = ", ".join(sorted(EXTENSION_KINDS))
        yield InputFailure(spec, InputNotFoundError(f"{spec} is a directory with no article files ({known}, or .gz)"))
    yield from files


def _glob_files(pattern: str) -> Iterator[Path | InputFailure]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield InputFailure(pattern, InputNotFoundError(f"{pattern}: no file matches this pattern"))
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _folder_files(path, match)
        else:
            yield path


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def check_regular_file(path: Path) -> None:
    """Refuse anything but a regular file, without opening it: opening a named pipe blocks
    until something writes to it (forever, in a batch), and a device never ends."""
    origin = str(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise _unreadable(origin, exc) from None
    if stat.S_ISDIR(mode):
        raise InputNotFoundError(f"{origin} is a directory")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
        raise InputNotFoundError(f"{origin} is {kind}, not a regular file: it is not read", hint=_NOT_REGULAR_HINT)


def read_head(path: Path) -> bytes:
    """The first bytes of a file, for detecting its kind. Raises InputNotFoundError."""
    origin = str(path)
    check_regular_file(path)
    try:
        with path.open("rb") as stream:
            return stream.read(SNIFF_BYTES)
    except OSError as exc:
        raise _unreadable(origin, exc) from None


def _unreadable(origin: str, exc: OSError) -> InputNotFoundError:
    """The one-line error for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return InputNotFoundError(f"{origin}: no such file")
    if isinstance(exc, IsADirectoryError):
        return InputNotFoundError(f"{origin} is a directory")
    if isinstance(exc, PermissionError):
        return InputNotFoundError(f"{origin}: permission denied")
    return InputNotFoundError(f"{origin} cannot be read ({exc.strerror or exc})")


def open_maybe_gzip(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when it is gzip data (whatever its name)."""
    with path.open("rb") as probe:
        compressed = probe.read(2) == GZIP_MAGIC
    return cast(IO[bytes], gzip.open(path, "rb")) if compressed else path.open("rb")


def read_bounded(stream: IO[bytes], limit: int, origin: str) -> bytes:
    """All of a stream, refusing more than ``limit`` bytes and reporting damaged gzip data."""
    try:
        data = stream.read(limit + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise MalformedInputError(f"{origin} is a truncated or corrupt gzip file ({_reason(exc)})") from None
    check_size(len(data), limit, origin)
    return data


def read_file(path: Path, limit: int) -> bytes:
    """A whole (possibly gzip-compressed) file, within ``limit`` bytes once decompressed."""
    origin = str(path)
    read_head(path)  # the clear not-found / permission errors
    try:
        with open_maybe_gzip(path) as stream:
            return read_bounded(stream, limit, origin)
    except OSError as exc:
        if isinstance(exc, gzip.BadGzipFile):
            raise MalformedInputError(f"{origin} is a corrupt gzip file ({_reason(exc)})") from None
        raise InputNotFoundError(f"{origin} cannot be read ({exc.strerror or exc})") from None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.rstrip(".")
