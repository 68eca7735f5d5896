"""Bad files and failing writes: a clear StoreError, and nothing already stored is damaged."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from accordingto.errors import (
    CorpusNotFoundError,
    CorruptDatabaseError,
    DatabaseAccessError,
    DatabaseLockedError,
    DiskFullError,
    ForeignDatabaseError,
    NewerSchemaError,
    StoreError,
)
from accordingto.models import Analysis
from accordingto.query import Corpus
from tests.store.builders import Said, build
from tests.store.media import simulate_read_only_media


def _article(article_id: str, padding: int = 0) -> Analysis:
    return build(
        article_id,
        [
            Said("Dalia Ferrante", "“We will not cross that red line, whatever the pressure,”", type="direct"),
            Said("a senior official", "the talks had stalled", named=False),
        ],
        outlet="Harbor Gazette",
        published="2024-03-04",
        extra="Background. " * padding,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    """A corpus of three articles, checkpointed into the main file and closed."""
    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        for i in range(3):
            corpus.add(_article(f"a{i}"))
        corpus.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    before = _digest(path)
    with pytest.raises(ForeignDatabaseError, match="not an SQLite database"):
        Corpus(path)
    assert _digest(path) == before


def test_another_applications_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        other.execute("INSERT INTO invoices (total) VALUES (12.5)")
    before = _digest(path)
    with pytest.raises(ForeignDatabaseError, match="invoices"):
        Corpus(path)
    assert _digest(path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(stored: Path) -> None:
    with sqlite3.connect(stored) as raw:
        raw.execute("PRAGMA user_version = 999")
    before = _digest(stored)
    with pytest.raises(NewerSchemaError, match="999"):
        Corpus(stored)
    with pytest.raises(NewerSchemaError):
        Corpus(stored, readonly=True)
    assert _digest(stored) == before


def test_a_damaged_corpus_gives_a_clear_error(stored: Path) -> None:
    data = bytearray(stored.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # every page but the header's: garbage
        data[start : start + page] = bytes([0xA5]) * min(page, len(data) - start)
    stored.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="damaged"), Corpus(stored) as corpus:
        corpus.search("red line")


def test_a_truncated_corpus_gives_a_clear_error(stored: Path) -> None:
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) // 3])
    with pytest.raises((CorruptDatabaseError, DatabaseAccessError)), Corpus(stored) as corpus:
        corpus.counts()
        corpus.search("red line")
        corpus.check()


def test_read_commands_never_create_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusNotFoundError):
        Corpus(tmp_path / "missing.db", create=False)
    with pytest.raises(CorpusNotFoundError):
        Corpus(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_a_folder_or_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseAccessError, match="directory"):
        Corpus(tmp_path)
    with pytest.raises(DatabaseAccessError, match="does not exist"):
        Corpus(tmp_path / "no" / "such" / "corpus.db")


def test_a_locked_corpus_times_out_with_a_clear_error_and_loses_nothing(stored: Path) -> None:
    other = sqlite3.connect(stored, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with Corpus(stored, timeout=0.2) as corpus:
            with pytest.raises(DatabaseLockedError, match="locked"):
                corpus.add(_article("a9"))
            assert len(corpus) == 3  # reading still works while another process writes (WAL)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Corpus(stored) as corpus:
        assert len(corpus) == 3 and "a9" not in corpus
        assert corpus.add(_article("a9")) == "added"
        assert corpus.check() == []


def test_a_full_disk_rolls_the_article_back_and_keeps_the_others(stored: Path) -> None:
    """SQLITE_FULL, simulated with a page limit: the article that did not fit is not stored,
    the three before it are intact, and once there is room again it can be added."""
    with Corpus(stored) as corpus:
        pages = corpus.connection.execute("PRAGMA page_count").fetchone()[0]
        corpus.connection.execute(f"PRAGMA max_page_count = {pages + 1}")
        with pytest.raises(DiskFullError, match="no space") as caught:
            corpus.add(_article("big", padding=4000))
        assert isinstance(caught.value, StoreError)
        assert len(corpus) == 3 and "big" not in corpus
        assert corpus.check() == []
        corpus.connection.execute("PRAGMA max_page_count = 1073741823")
        assert corpus.add(_article("big", padding=4000)) == "added"
    with Corpus(stored, readonly=True) as corpus:
        assert len(corpus) == 4


def test_a_failed_open_leaves_no_file_behind_for_a_foreign_path(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE t (x)")
    with pytest.raises(ForeignDatabaseError):
        Corpus(path)
    assert not Path(f"{path}-wal").exists()


@pytest.mark.parametrize("create", [True, False])
def test_an_empty_file_is_refused_and_left_empty(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "corpus.db"
    path.write_bytes(b"")
    with pytest.raises(ForeignDatabaseError, match="empty file"):
        Corpus(path, create=create)
    assert path.read_bytes() == b""  # not turned into a corpus behind the user's back


def _page_of(path: Path, table: str) -> tuple[int, int]:
    """(page number, page size) of a leaf page of ``table`` (needs SQLite's dbstat table)."""
    conn = sqlite3.connect(path)
    try:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        row = conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,)).fetchone()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")
    finally:
        conn.close()
    if row is None:
        pytest.skip(f"{table} has no leaf page")
    return int(row[0]), int(size)


def test_a_damaged_page_is_found_on_open_and_nothing_is_written(stored: Path) -> None:
    page, size = _page_of(stored, "quote_shingles")
    data = bytearray(stored.read_bytes())
    start = (page - 1) * size
    for offset in range(start, start + 200):  # 200 flipped bytes: the page's header and cell pointers
        data[offset] ^= 0xFF
    stored.write_bytes(bytes(data))
    before = _digest(stored)
    with pytest.raises(CorruptDatabaseError, match="damaged") as caught:
        Corpus(stored, create=False)
    assert "accordingto export" in str(caught.value)  # the way to save what is readable
    with pytest.raises(CorruptDatabaseError):
        Corpus(stored)
    assert _digest(stored) == before


def test_a_damaged_schema_whose_message_is_not_text_is_a_clear_error(stored: Path) -> None:
    data = stored.read_bytes()
    assert b"ON CONFLICT" in data
    stored.write_bytes(data.replace(b"ON CONFLICT", b"ON C\xb1NFLICT"))  # SQLite quotes the bad bytes back
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        Corpus(stored, create=False)


@pytest.fixture
def read_only_media(stored: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The stored corpus on read-only media: neither it nor its folder may be written."""
    simulate_read_only_media(stored.parent, monkeypatch)
    return stored


def test_a_corpus_on_read_only_media_can_be_read(read_only_media: Path) -> None:
    before = _digest(read_only_media)
    with Corpus(read_only_media, create=False) as corpus:  # what the read commands open
        assert len(corpus.search("red line").items) == 3
        assert corpus.readonly
        with pytest.raises(DatabaseAccessError):
            corpus.add(_article("new"))
    assert _digest(read_only_media) == before
    assert sorted(p.name for p in read_only_media.parent.iterdir()) == [read_only_media.name]  # no -wal, -shm
