"""The corpus commands as a user runs them: ingest (with the real analysis), search, sources,
source, stats, export, quote-trail, and the exit codes and one-line errors of every fault.

Assertions on what the analysis finds are kept to what the fixture articles state plainly
(tests/fixtures/corpus/README.md), since the analysis keeps improving; exact numbers are
tested on hand-built records in tests/store and tests/query."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from accordingto.analyze.analyzer import Analyzer
from accordingto.cli import main
from accordingto.query import Corpus
from accordingto.store.rows import column_names

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
ARTICLES = FIXTURES / "articles.jsonl"
ACCORDINGTO = Path(sys.executable).parent / "accordingto"


@pytest.fixture
def runner(analyzer_runner: CliRunner) -> CliRunner:
    return analyzer_runner


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Iterator[Path]:
    """The six fixture articles, ingested once for the read commands."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("accordingto.analyze.analyzer.Analyzer", lambda settings=None: analyzer)
        result = CliRunner().invoke(main, ["ingest", str(ARTICLES), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    yield db


def _one_error_line(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.output + result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


# ------------------------------------------------------------------ ingest
def test_ingest_stores_every_article_and_a_second_run_skips_them(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    first = run(runner, "ingest", ARTICLES, "--db", db)
    assert first.exit_code == 0, first.output
    assert "6 added, 0 replaced, 0 already stored, 0 failed" in first.stderr
    assert "articles/s" in first.stderr
    with Corpus(db) as corpus:
        assert len(corpus) == 6
        article = corpus.get("harbor-gazette-2024-03-04-ferrante")
        assert article is not None
        assert (article.article.outlet, article.article.published) == ("Harbor Gazette", "2024-03-04")
        assert corpus.check() == []
    again = run(runner, "ingest", ARTICLES, "--db", db)
    assert again.exit_code == 0
    assert "0 added, 0 replaced, 6 already stored" in again.stderr


def test_jobs_store_the_same_as_one_process(runner: CliRunner, stored: Path, tmp_path: Path) -> None:
    db = tmp_path / "parallel.db"
    result = run(runner, "ingest", ARTICLES, "--db", db, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "6 added" in result.stderr
    with Corpus(db) as parallel, Corpus(stored, readonly=True) as serial:
        assert [a.to_dict() for a in parallel.analyses()] == [a.to_dict() for a in serial.analyses()]
        assert parallel.check() == []


def test_a_changed_article_is_replaced(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(runner, "ingest", ARTICLES, "--db", db).exit_code == 0
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[3])
    record["text"] += "\nThe strike ended on Friday, the union said.\n"
    lines[3] = json.dumps(record, ensure_ascii=False)
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(runner, "ingest", changed, "--db", db)
    assert "0 added, 1 replaced, 5 already stored" in result.stderr
    with Corpus(db) as corpus:
        stored = corpus.get(record["id"])
        assert stored is not None and stored.article.text == record["text"]
        assert len(corpus) == 6 and corpus.check() == []


def test_a_folder_of_text_files_with_a_default_outlet(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    for line in ARTICLES.read_text(encoding="utf-8").splitlines()[:3]:
        record = json.loads(line)
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    db = tmp_path / "c.db"
    result = run(runner, "ingest", folder, "--db", db, "--outlet", "Wire Desk")
    assert result.exit_code == 0, result.output
    with Corpus(db) as corpus:
        assert len(corpus) == 3
        assert {a.outlet for a in corpus.articles().items} == {"Wire Desk"}


def test_an_input_that_cannot_be_read_fails_alone(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    result = run(runner, "ingest", ARTICLES, tmp_path / "missing.txt", "--db", db)
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr
    assert "6 added" in result.stderr and "1 failed" in result.stderr


# ------------------------------------------------------------------ read commands
def test_search_finds_the_quote_and_filters(runner: CliRunner, stored: Path) -> None:
    result = run(runner, "search", "red line", "--db", stored)
    assert result.exit_code == 0, result.output
    assert "Ferrante" in result.output and "red line" in result.output
    data = json.loads(run(runner, "search", "red line", "--db", stored, "--format", "json").stdout)
    outlets = {item["outlet"] for item in data["items"]}
    assert {"Harbor Gazette", "Northfield Courier"} <= outlets
    only = json.loads(
        run(runner, "search", "red line", "--db", stored, "--outlet", "northfield courier", "--format", "json").stdout
    )
    assert {item["outlet"] for item in only["items"]} == {"Northfield Courier"}
    anonymous = json.loads(run(runner, "search", "talks", "--anonymous", "--db", stored, "--format", "json").stdout)
    assert anonymous["items"] and all(item["source_named"] is False for item in anonymous["items"])
    dated = json.loads(
        run(runner, "search", "red line", "--since", "2024-04", "--db", stored, "--format", "json").stdout
    )
    assert {item["published"] for item in dated["items"]} <= {"2024-04-02"}


def test_a_bad_query_or_date_is_a_usage_error(runner: CliRunner, stored: Path) -> None:
    bad = run(runner, "search", '"', "--db", stored)
    assert bad.exit_code == 2
    assert "[AT508]" in _one_error_line(bad)
    raw = run(runner, "search", "red AND (", "--mode", "raw", "--db", stored)
    assert raw.exit_code == 2 and "[AT508]" in raw.stderr
    assert run(runner, "search", "x", "--since", "last week", "--db", stored).exit_code == 2


def test_sources_lists_people_across_articles(runner: CliRunner, stored: Path) -> None:
    result = run(runner, "sources", "--db", stored, "--named")
    assert result.exit_code == 0, result.output
    assert "dalia-ferrante" in result.output
    data = json.loads(run(runner, "sources", "--db", stored, "--format", "json", "--name", "Ferrante").stdout)
    dalia = next(item for item in data["items"] if item["corpus_source_id"] == "dalia-ferrante")
    assert dalia["articles"] >= 3  # named in full in four of the articles
    assert {"Harbor Gazette", "Northfield Courier"} <= {o["name"] for o in dalia["outlets"]}
    assert any(item["corpus_source_id"] == "marco-ferrante" for item in data["items"])  # a different person


def test_source_shows_what_one_source_said_in_date_order(runner: CliRunner, stored: Path) -> None:
    result = run(runner, "source", "Defense Minister Dalia Ferrante", "--db", stored, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["corpus_source_id"] == "dalia-ferrante"
    dates = [item["published"] for item in data["statements"]["items"]]
    assert dates == sorted(dates) and len(set(dates)) >= 3
    text = run(runner, "source", "dalia-ferrante", "--db", stored)
    assert text.exit_code == 0 and "attributions in" in text.output


def test_source_asks_which_one_when_a_surname_is_shared(runner: CliRunner, stored: Path) -> None:
    result = run(runner, "source", "Ferrante", "--db", stored)
    assert result.exit_code == 1
    assert "dalia-ferrante" in result.output and "marco-ferrante" in result.output
    assert "give the full name" in result.stderr
    unknown = run(runner, "source", "Nobody Known", "--db", stored)
    assert unknown.exit_code == 1 and "no source" in unknown.stderr


def test_stats_as_a_table_csv_and_json(runner: CliRunner, stored: Path) -> None:
    table = run(runner, "stats", "--db", stored, "--by", "outlet")
    assert table.exit_code == 0 and "Harbor Gazette" in table.output
    rows = list(csv.DictReader(io.StringIO(run(runner, "stats", "--db", stored, "--format", "csv").stdout)))
    gazette = [r for r in rows if r["outlet"] == "Harbor Gazette"]
    assert [r["month"] for r in gazette] == ["2024-03"]
    assert int(gazette[0]["articles"]) == 2
    assert "Dalia Ferrante" in gazette[0]["top_sources"]
    data = json.loads(run(runner, "stats", "--db", stored, "--by", "month", "--format", "json").stdout)
    assert [(r["month"], r["articles"]) for r in data] == [("2024-03", 5), ("2024-04", 1)]


@pytest.mark.parametrize("table", ["articles", "sources", "attributions", "claims"])
def test_export_every_table_in_every_format(runner: CliRunner, stored: Path, tmp_path: Path, table: str) -> None:
    jsonl = run(runner, "export", "--db", stored, "--table", table, "--format", "jsonl")
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert rows and all(list(r) == column_names(table) for r in rows)
    assert all(r["analysis_version"] for r in rows)
    out_csv = tmp_path / f"{table}.csv"
    assert run(runner, "export", "--db", stored, "--table", table, "--format", "csv", "-o", out_csv).exit_code == 0
    with out_csv.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(rows)
    out_parquet = tmp_path / f"{table}.parquet"
    result = run(runner, "export", "--db", stored, "--table", table, "--format", "parquet", "-o", out_parquet)
    assert result.exit_code == 0, result.output
    assert pq.read_table(out_parquet).num_rows == len(rows)


def test_an_exported_file_gets_the_users_umask_like_any_file_they_create(
    runner: CliRunner, stored: Path, tmp_path: Path
) -> None:
    previous = os.umask(0o027)
    try:
        out = tmp_path / "sources.csv"
        assert run(runner, "export", "--db", stored, "--table", "sources", "--format", "csv", "-o", out).exit_code == 0
    finally:
        os.umask(previous)
    assert out.stat().st_mode & 0o777 == 0o640  # not mkstemp's 0600


def test_export_reads_a_corpus_it_cannot_write(runner: CliRunner, stored: Path, tmp_path: Path) -> None:
    copy = tmp_path / "archived.db"
    copy.write_bytes(stored.read_bytes())
    copy.chmod(0o444)
    result = run(runner, "export", "--db", copy, "--table", "articles", "--format", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 6


def test_parquet_needs_a_file(runner: CliRunner, stored: Path) -> None:
    assert run(runner, "export", "--db", stored, "--format", "parquet").exit_code == 2


def test_quote_trail_names_the_first_outlet_and_the_credits(runner: CliRunner, stored: Path) -> None:
    quote = "We will not cross that red line, whatever the pressure from our allies"
    result = run(runner, "quote-trail", quote, "--db", stored)
    assert result.exit_code == 0, result.output
    assert "first: Harbor Gazette, 2024-03-04" in result.output
    data = json.loads(run(runner, "quote-trail", quote, "--db", stored, "--format", "json").stdout)
    entries = {e["outlet"]: e for e in data["entries"]}
    assert entries["Harbor Gazette"]["first"] is True
    assert entries["Northfield Courier"]["credits_first"] is True  # "told the Harbor Gazette"
    assert entries["Valley Times"]["credits_first"] is True  # "first reported by the Harbor Gazette"
    assert run(runner, "quote-trail", "--db", stored).exit_code == 2


def test_quote_trail_follows_a_short_phrase_and_refuses_one_too_short(runner: CliRunner, stored: Path) -> None:
    phrase = run(runner, "quote-trail", "cross that red line", "--db", stored)
    assert phrase.exit_code == 0, phrase.output
    assert "first: Harbor Gazette, 2024-03-04" in phrase.output
    too_short = run(runner, "quote-trail", "red line", "--db", stored)
    assert too_short.exit_code == 2
    assert "[AT508]" in _one_error_line(too_short) and "give more of the quotation" in too_short.stderr


# ------------------------------------------------------------------ faults
def test_a_foreign_file_is_exit_4_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    result = run(runner, "ingest", ARTICLES, "--db", notes)
    assert result.exit_code == 4
    assert "[AT501]" in _one_error_line(result)
    assert notes.read_text() == "not a database"


def test_a_newer_corpus_is_exit_4(runner: CliRunner, stored: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    with sqlite3.connect(stored) as source, sqlite3.connect(newer) as target:
        source.backup(target)
        target.execute("PRAGMA user_version = 999")
    result = run(runner, "stats", "--db", newer)
    assert result.exit_code == 4
    assert "[AT503]" in _one_error_line(result)


def test_a_missing_corpus_is_exit_4_and_not_created(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "search", "red", "--db", tmp_path / "none.db")
    assert result.exit_code == 4
    assert "[AT507]" in _one_error_line(result)
    assert not (tmp_path / "none.db").exists()


def test_a_locked_corpus_is_exit_4_and_keeps_its_articles(runner: CliRunner, stored: Path, tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    with sqlite3.connect(stored) as source, sqlite3.connect(db) as target:
        source.backup(target)
    new = tmp_path / "new.txt"
    new.write_text("“The harbour wall will be finished before winter,” Mayor Ines Calder said.\n", encoding="utf-8")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        result = run(runner, "ingest", new, "--db", db, "--timeout", "0.2")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 4
    assert "[AT504]" in _one_error_line(result)
    with Corpus(db) as corpus:
        assert len(corpus) == 6 and "new" not in corpus and corpus.check() == []


def test_a_full_disk_is_exit_4_and_keeps_what_was_stored(
    runner: CliRunner, stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "full.db"
    with sqlite3.connect(stored) as source, sqlite3.connect(db) as target:
        source.backup(target)
    pages = db.stat().st_size // 4096
    from accordingto.store import connection

    monkeypatch.setattr(
        connection, "PRAGMAS_READ_WRITE", (*connection.PRAGMAS_READ_WRITE, f"PRAGMA max_page_count = {pages + 2}")
    )
    big = tmp_path / "big.txt"
    big.write_text("“We will build the new harbour wall before winter,” the mayor said.\n\n" * 400, encoding="utf-8")
    result = run(runner, "ingest", big, "--db", db)
    assert result.exit_code == 4
    assert "[AT505]" in result.stderr and "Traceback" not in result.stderr
    monkeypatch.undo()
    with Corpus(db) as corpus:
        assert len(corpus) == 6 and "big" not in corpus and corpus.check() == []


# ------------------------------------------------------------------ interrupted runs
def _texts(folder: Path, n: int) -> None:
    folder.mkdir()
    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    for i in range(n):
        record = records[i % len(records)]
        (folder / f"article-{i:03d}.txt").write_text(f"{record['text']}\nEdition {i}.\n", encoding="utf-8")


def _stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _start_ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "ACCORDINGTO_BATCH_SIZE": "1"}  # commit as each article is analysed
    return subprocess.Popen(
        [str(ACCORDINGTO), "ingest", str(folder), "--db", str(db), "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for(db: Path, process: subprocess.Popen[str], count: int) -> None:
    deadline = time.monotonic() + 120
    while _stored_count(db) < count and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_an_interrupted_ingest_keeps_its_articles_and_resumes(tmp_path: Path, sig: signal.Signals) -> None:
    folder, db, total = tmp_path / "texts", tmp_path / "c.db", 40
    _texts(folder, total)
    process = _start_ingest(folder, db)
    _wait_for(db, process, 3)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert process.returncode == 130 and "interrupted" in stderr and "Traceback" not in stderr
    else:
        assert process.returncode == -signal.SIGKILL
    survivors = _stored_count(db)
    assert 3 <= survivors < total
    with Corpus(db) as corpus:
        assert corpus.check() == []
    resumed = subprocess.run(
        [str(ACCORDINGTO), "ingest", str(folder), "--db", str(db), "--no-progress"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{total - survivors} added, 0 replaced, {survivors} already stored" in resumed.stderr
    with Corpus(db) as corpus:
        assert len(corpus) == total and corpus.check() == []
