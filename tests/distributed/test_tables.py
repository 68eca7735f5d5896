"""`accordingto ingest --from-parquet`: analyses stored from Parquet tables without analysing
again, whether Spark wrote them (a folder of part files per table) or `export` did (one file
per table); idempotent. And `accordingto spark` without pyspark or Java: one line, exit 3."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from accordingto.analyze.analyzer import Analyzer
from accordingto.cli import main
from accordingto.distributed.partition import analyze_documents
from accordingto.distributed.tables import read_analyses
from accordingto.ingest import iter_documents
from accordingto.models import Analysis
from accordingto.query import Corpus
from accordingto.store.export import parquet_schema
from accordingto.store.rows import TABLES, analysis_to_rows, encode_row
from tests.distributed.conftest import project_records, write_jsonl


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def analyses(analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> list[Analysis]:
    path = write_jsonl(tmp_path_factory.mktemp("in") / "articles.jsonl", project_records())
    found = [o.analysis for o in analyze_documents(iter_documents([str(path)]), analyzer)]
    assert all(a is not None for a in found)
    return [a for a in found if a is not None]


def write_spark_layout(folder: Path, analyses: list[Analysis], parts: int = 3) -> Path:
    """Each table as a folder of part files, as Spark writes it: the rows of one article stay
    together and in order (one task made them), the articles are spread over the parts."""
    for table in TABLES:
        (folder / table).mkdir(parents=True)
        (folder / table / "_SUCCESS").write_bytes(b"")
        for n in range(parts):
            rows = [encode_row(table, r) for a in reversed(analyses[n::parts]) for r in analysis_to_rows(a)[table]]
            table_rows = pa.Table.from_pylist(rows, schema=parquet_schema(table))
            pq.write_table(table_rows, folder / table / f"part-{n}.parquet")
    return folder


def test_tables_read_back_as_the_same_analyses(analyses: list[Analysis], tmp_path: Path) -> None:
    folder = write_spark_layout(tmp_path / "out", analyses)
    back = {item.article_id: item for item in read_analyses(folder)}
    assert set(back) == {a.article.id for a in analyses}
    for analysis in analyses:
        item = back[analysis.article.id]
        assert item.error is None
        assert item.analysis == analysis


def test_ingest_from_parquet_stores_them_once(analyses: list[Analysis], tmp_path: Path) -> None:
    folder = write_spark_layout(tmp_path / "out", analyses)
    db = tmp_path / "corpus.db"
    first = run("ingest", "--from-parquet", folder, "--db", db, "--no-progress")
    assert first.exit_code == 0, first.output
    assert f"{len(analyses)} added, 0 replaced, 0 already stored, 0 failed" in first.stderr
    again = run("ingest", "--from-parquet", folder, "--db", db, "--no-progress")
    assert again.exit_code == 0
    assert f"0 added, 0 replaced, {len(analyses)} already stored, 0 failed" in again.stderr
    with Corpus(db) as corpus:
        assert corpus.check() == []
        for analysis in analyses:
            assert corpus.get(analysis.article.id) == analysis


def test_export_files_round_trip_through_ingest_from_parquet(analyses: list[Analysis], tmp_path: Path) -> None:
    source_db, copy_db, folder = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "export"
    folder.mkdir()
    with Corpus(source_db) as corpus:
        for analysis in analyses:
            corpus.add(analysis)
    for table in TABLES:
        result = run(
            "export", "--db", source_db, "--table", table, "--format", "parquet", "-o", folder / f"{table}.parquet"
        )
        assert result.exit_code == 0, result.output
    assert run("ingest", "--from-parquet", folder, "--db", copy_db, "--no-progress").exit_code == 0
    with Corpus(source_db) as one, Corpus(copy_db) as two:
        for table in TABLES:
            assert list(one.rows(table)) == list(two.rows(table)), table


def test_an_article_given_twice_is_stored_once_and_conflicting_ones_not_at_all(
    analyses: list[Analysis], tmp_path: Path
) -> None:
    twice = write_spark_layout(tmp_path / "twice", [analyses[0], analyses[1], analyses[0]])
    items = {i.article_id: i.analysis for i in read_analyses(twice)}
    assert items == {analyses[0].article.id: analyses[0], analyses[1].article.id: analyses[1]}
    changed = Analysis.from_dict({**analyses[0].to_dict(), "analysis_version": "other"})
    conflict = write_spark_layout(tmp_path / "conflict", [analyses[0], changed])
    (item,) = list(read_analyses(conflict))
    assert item.analysis is None and item.error is not None and "different contents" in str(item.error)
    db = tmp_path / "corpus.db"
    result = run("ingest", "--from-parquet", conflict, "--db", db, "--no-progress")
    assert result.exit_code == 1
    assert "0 added" in result.stderr and "1 failed" in result.stderr


def test_a_folder_without_the_tables_is_one_line_and_inputs_exclude_it(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    result = CliRunner().invoke(main, ["ingest", "--from-parquet", str(tmp_path), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert "has no sources, attributions, claims table" in result.stderr and "Traceback" not in result.output
    both = CliRunner().invoke(main, ["ingest", "x.txt", "--from-parquet", str(tmp_path)])
    assert both.exit_code == 2 and "not both" in both.stderr


def test_the_failures_table_is_reported_not_stored(analyses: list[Analysis], tmp_path: Path) -> None:
    folder = write_spark_layout(tmp_path / "out", analyses[:1])
    (folder / "failures").mkdir()
    rows = [{"origin": "a.jsonl:2", "reason": "binary", "error": "[AT102] ...", "error_code": "AT102"}]
    pq.write_table(pa.Table.from_pylist(rows), folder / "failures" / "part-0.parquet")
    result = run("ingest", "--from-parquet", folder, "--db", tmp_path / "c.db", "--no-progress")
    assert result.exit_code == 0
    assert "lists 1 inputs the job could not analyse" in result.stderr


# ------------------------------------------------------------------ spark without its requirements
def test_spark_without_pyspark_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    result = CliRunner().invoke(main, ["spark", "x.jsonl", "--output", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert result.stderr.strip() == "error: pyspark is not installed: pip install 'accordingto[spark]'"


def test_spark_without_java_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="this test checks the Java message, after the pyspark check")
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-java"))
    monkeypatch.delenv("PYSPARK_GATEWAY_PORT", raising=False)
    result = CliRunner().invoke(main, ["spark", "x.jsonl", "--output", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "Java is not installed" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_package_imports_and_the_spark_help_shows_without_loading_spark() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from accordingto.cli import main; "
        "r = CliRunner().invoke(main, ['spark', '--help']); assert r.exit_code == 0, r.output; "
        "print(json.dumps(['pyspark' in sys.modules, 'spacy' in sys.modules, 'spark-submit' in r.output]))"
    )
    done = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [False, False, True]


def test_a_local_spark_session_logs_errors_only_unless_told_otherwise() -> None:
    from accordingto.distributed.spark_job import JAVA_OPTIONS, QUIET_LOG_CONFIG, launch_conf

    conf = launch_conf({"spark.ui.showConsoleProgress": "true"}, under_submit=False)
    assert conf[JAVA_OPTIONS] == f"-Dlog4j2.configurationFile={QUIET_LOG_CONFIG.as_uri()}"
    settings = dict(
        line.split(" = ", 1) for line in QUIET_LOG_CONFIG.read_text().splitlines() if " = " in line and line[0] != "#"
    )
    assert settings["rootLogger.level"] == "error"  # no WARN lines at start-up (loopback, native-hadoop)
    assert settings["logger.repl.level"] == "error"  # no "Setting default log level" banner
    own = {JAVA_OPTIONS: "-Dlog4j2.configurationFile=mine.properties"}
    assert launch_conf(own, under_submit=False) == own  # the user's own logging wins
    assert JAVA_OPTIONS not in launch_conf({}, under_submit=True)  # spark-submit's configuration is the cluster's
