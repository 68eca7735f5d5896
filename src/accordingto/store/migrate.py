"""Versioned schema migrations: ``migrations/NNNN_name.sql``, applied in order, each in one
transaction that also sets ``PRAGMA user_version`` to its number.

A corpus whose ``user_version`` is higher than the newest migration this version knows was
written by a newer accordingto: it is refused (NewerSchemaError) before anything is written.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from accordingto.errors import NewerSchemaError, StoreError
from accordingto.store.connection import translate
from accordingto.version import __version__

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    """The migrations shipped in the package, in version order."""
    folder = resources.files("accordingto.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"the bundled migrations are not numbered 1..n: {versions}")
    return found


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_not_newer(conn: sqlite3.Connection, path: Path, migrations: list[Migration]) -> int:
    """The corpus's schema version; NewerSchemaError when this accordingto cannot read it."""
    current = schema_version(conn)
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise NewerSchemaError(
            f"{path} has corpus schema version {current}, written by a newer accordingto; "
            f"this one ({__version__}) reads versions up to {latest}"
        )
    return current


def pending(conn: sqlite3.Connection, path: Path, migrations: list[Migration]) -> list[Migration]:
    current = check_not_newer(conn, path, migrations)
    return [m for m in migrations if m.version > current]


def statements(sql: str) -> list[str]:
    """The statements of a script, split where SQLite says one is complete (triggers included)."""
    found, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                found.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()):
        raise StoreError(f"migration script ends with an incomplete statement: {buffer.strip()[:60]!r}")
    return found


def apply(conn: sqlite3.Connection, path: Path, migration: Migration) -> bool:
    """One migration in one transaction: all of it, or none of it. False when another process
    applied it first (both opened a new corpus at the same moment)."""
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        conn.execute("BEGIN IMMEDIATE")
        if schema_version(conn) >= migration.version:
            conn.execute("ROLLBACK")
            return False
        for statement in statements(migration.sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO migrations (version, name, applied_at, accordingto_version) VALUES (?, ?, ?, ?)",
            (migration.version, migration.name, stamp, __version__),
        )
        conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise translate(exc, path) from exc
    return True


def upgrade(conn: sqlite3.Connection, path: Path, migrations: list[Migration] | None = None) -> list[int]:
    """Apply every pending migration; the versions applied."""
    todo = pending(conn, path, migrations if migrations is not None else bundled_migrations())
    return [m.version for m in todo if apply(conn, path, m)]
