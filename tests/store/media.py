"""Read-only media (a CD, a read-only mount) simulated for tests, which may run as root:
permissions do not stop root, so the access checks and SQLite's read-write open answer as
the media would."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from accordingto.errors import DatabaseAccessError
from accordingto.store import store as store_module


def simulate_read_only_media(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in ``folder`` may be written, nor created, for the rest of the test."""
    folder = folder.resolve()
    real_access = os.access
    real_connect = store_module.connect

    def inside(path: object) -> bool:
        return Path(str(path)).resolve().is_relative_to(folder)

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and inside(path):
            return False
        return real_access(path, mode, *args, **kwargs)

    def connect(path: Path, *, readonly: bool = False, **kwargs: Any) -> sqlite3.Connection:
        if not readonly and inside(path):  # what SQLite answers there: SQLITE_CANTOPEN
            raise DatabaseAccessError(f"cannot use {path} (unable to open database file)")
        return real_connect(path, readonly=readonly, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(store_module, "connect", connect)
