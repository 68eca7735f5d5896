"""A writer killed with SIGKILL in the middle of a batch: every article it committed is
there and whole, none is half-stored, and running the batch again completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from accordingto.query import Corpus
from tests.store.builders import Said, build

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 60

WRITER = textwrap.dedent(
    """
    import sys, time
    from accordingto.query import Corpus
    from tests.store.test_kill import article
    with Corpus(sys.argv[1]) as corpus:
        for i in range(int(sys.argv[2])):
            corpus.add(article(i))
            time.sleep(float(sys.argv[3]))
    """
)


def article(i: int):  # type: ignore[no-untyped-def]
    """The i-th article of the batch (the same every time it is built)."""
    return build(
        f"batch-{i:03d}",
        [
            Said(["Dalia Ferrante", "Ferrante", "Marco Ferrante"][i % 3], f"statement {i} about the border"),
            Said(
                "a senior official",
                "“We will not cross that red line, whatever the pressure,”",
                type="direct",
                named=False,
            ),
        ],
        outlet=["Harbor Gazette", "Metro Wire"][i % 2],
        published=f"2024-03-{1 + i % 28:02d}",
        extra="More background. " * (i % 50),
    )


def _run_writer(db: Path, pause: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(ARTICLES), str(pause)], cwd=ROOT, env=env)


def _committed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_mid_batch_loses_nothing_committed_and_the_rerun_completes(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    writer = _run_writer(db, pause=0.02)
    deadline = time.monotonic() + 60
    while _committed(db) < 8 and time.monotonic() < deadline and writer.poll() is None:
        time.sleep(0.02)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL, "the writer finished before it could be killed"

    with Corpus(db) as corpus:  # opening recovers the WAL
        survivors = corpus.counts()["articles"]
        assert 8 <= survivors < ARTICLES
        assert corpus.check() == []
        for i in range(survivors):  # articles are committed in order, each one whole
            stored = corpus.get(f"batch-{i:03d}")
            assert stored is not None and stored.to_dict() == article(i).to_dict()

    rerun = _run_writer(db, pause=0)
    assert rerun.wait(timeout=120) == 0
    with Corpus(db) as corpus:
        assert corpus.counts()["articles"] == ARTICLES
        ids = [r[0] for r in corpus.connection.execute("SELECT article_id FROM articles ORDER BY article_id")]
        assert ids == [f"batch-{i:03d}" for i in range(ARTICLES)]
        assert corpus.check() == []
