"""Opening a corpus file safely, and turning SQLite failures into :class:`StoreError` subclasses.

Every connection gets the same settings: foreign keys on, WAL journal (readers never
block the writer), ``synchronous=FULL`` so a committed article survives a power cut, and a
busy timeout so a second writer waits for the first instead of failing at once.

A file is recognised as a corpus by its SQLite ``application_id``; any other SQLite
database, or a file that is not SQLite at all, is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from accordingto.errors import (
    CorpusNotFoundError,
    CorruptDatabaseError,
    DatabaseAccessError,
    DatabaseLockedError,
    DiskFullError,
    ForeignDatabaseError,
    QuerySyntaxError,
    StoreError,
)

#: "ACTO" in ASCII: written into the file header by the first migration.
APPLICATION_ID = 0x4143544F
SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_TIMEOUT = 5.0
#: Files up to this size get SQLite's quick_check when opened (it reads every page: about a
#: second for this much); larger ones rely on the errors SQLite raises as it reads.
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024
RECOVER_HINT = (
    "nothing was changed; save what is still readable with accordingto export --db FILE "
    "(or sqlite3 FILE .recover), then rebuild the corpus with accordingto ingest, or restore a backup"
)

# SQLite primary result codes (https://www.sqlite.org/rescode.html)
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

PRAGMAS_READ_WRITE = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -65536",
)
PRAGMAS_READ_ONLY = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -65536",
)


def translate(exc: sqlite3.Error, path: str | Path) -> StoreError:
    """The StoreError subclass that says what went wrong with the corpus at ``path``."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(exc)
    lowered = message.lower()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in lowered:
        return DatabaseLockedError(f"{path} is locked by another writer ({message})")
    if primary == _SQLITE_FULL or "disk is full" in lowered:
        return DiskFullError(f"no space left to write {path} ({message}); the article being stored was rolled back")
    if primary == _SQLITE_NOTADB or "not a database" in lowered:
        return ForeignDatabaseError(f"{path} is not an accordingto corpus ({message})")
    if primary == _SQLITE_CORRUPT or "malformed" in lowered:
        return CorruptDatabaseError(f"{path} is damaged ({message})", hint=RECOVER_HINT)
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_PERM, _SQLITE_IOERR):
        return DatabaseAccessError(f"cannot use {path} ({message})")
    if "fts5" in lowered and ("syntax" in lowered or "no such column" in lowered or "unknown special" in lowered):
        return QuerySyntaxError(f"the search query cannot be parsed ({message})")
    return StoreError(f"{path}: {message}")


@contextmanager
def translated(path: str | Path) -> Iterator[None]:
    """Run a block, turning any sqlite3 error into the matching StoreError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    except UnicodeDecodeError as exc:
        # SQLite quoted damaged bytes of the schema back in its error message, which Python
        # then could not decode: the file is damaged, whatever the message was
        shown = exc.object[:100].decode("utf-8", "replace") if isinstance(exc.object, bytes) else ""
        raise CorruptDatabaseError(f"{path} is damaged ({shown})", hint=RECOVER_HINT) from None


def check_file(path: Path, *, create: bool) -> None:
    """Refuse, before SQLite touches it, a path that cannot be a corpus."""
    if path.is_dir():
        raise DatabaseAccessError(f"{path} is a directory, not a corpus file")
    if not path.exists():
        if not create:
            raise CorpusNotFoundError(f"there is no corpus at {path}")
        if not path.parent.exists():
            raise DatabaseAccessError(f"cannot create {path}: the folder {path.parent} does not exist")
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseAccessError(f"cannot read {path} ({exc.strerror})") from None
    if not header:
        # SQLite would take an empty file for an empty database and make a corpus of it
        raise ForeignDatabaseError(
            f"{path} is an empty file, not a corpus",
            hint="delete it and run the command again to create a new corpus there, or give --db a corpus",
        )
    if header != SQLITE_HEADER:
        raise ForeignDatabaseError(f"{path} is not an accordingto corpus (not an SQLite database)")


def verify(conn: sqlite3.Connection, path: Path) -> None:
    """CorruptDatabaseError when SQLite's quick_check finds the file damaged (only for files
    up to QUICK_CHECK_MAX_BYTES: it reads every page). A damaged page is otherwise found only
    when a query reads it, and a write may land beside it."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > QUICK_CHECK_MAX_BYTES:
        return
    with translated(path):
        problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check(3)") if row[0] != "ok"]
    if problems:
        raise CorruptDatabaseError(f"{path} is damaged ({'; '.join(problems)[:300]})", hint=RECOVER_HINT)


def is_writable(path: Path) -> bool:
    """Whether this process may change the file and make its journal files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_only_uri(path: Path) -> str:
    """The URI that opens ``path`` for reading only. In a folder that cannot be written (read-only
    media) SQLite could not even make the shared-memory file WAL readers need: the file is then
    opened as immutable, which needs no lock nor file beside it (nobody can change it there)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    # a -wal file beside it means a writer may be at work (or crashed): read it as SQLite does
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def connect(path: Path, *, readonly: bool = False, timeout: float = DEFAULT_TIMEOUT) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), settings applied."""
    with translated(path):
        if readonly:
            conn = sqlite3.connect(
                read_only_uri(path), uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        else:
            conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
        try:
            for pragma in PRAGMAS_READ_ONLY if readonly else PRAGMAS_READ_WRITE:
                conn.execute(pragma)
        except sqlite3.Error:
            conn.close()
            raise
    return conn


def check_identity(conn: sqlite3.Connection, path: Path) -> bool:
    """True for an accordingto corpus, False for an empty database (a new corpus);
    ForeignDatabaseError for any other SQLite database."""
    with translated(path):
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id == APPLICATION_ID:
            return True
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        ]
    if app_id == 0 and not tables:
        return False
    shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
    what = f"tables: {shown}" if tables else f"application id {app_id:#x}"
    raise ForeignDatabaseError(f"{path} is an SQLite database of another application ({what}), not a corpus")


def enable_wal(conn: sqlite3.Connection, path: Path) -> None:
    with translated(path):
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise DatabaseAccessError(f"cannot switch {path} to WAL mode (journal mode stays {mode})")


@contextmanager
def write_transaction(conn: sqlite3.Connection, path: str | Path) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT: the write lock is taken at the start (so two writers queue
    instead of deadlocking), and any failure rolls everything in the block back."""
    with translated(path):
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            # SQLite may have rolled back already (e.g. after SQLITE_FULL): nothing is half-written
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, path) from exc
        raise
