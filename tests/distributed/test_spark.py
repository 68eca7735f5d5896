"""The Spark job in local mode: the same results as ``accordingto analyze``, failures recorded
with their reason, a crashed worker retried without duplicate rows, Parquet that the corpus
and DuckDB read. One SparkSession for the whole test session (conftest.py: it takes seconds to start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from accordingto.analyze.analyzer import Analyzer
from accordingto.cli import main
from accordingto.distributed.partition import FAILURE_COLUMNS, FAILURES, OUTPUT_TABLES, analyze_documents
from accordingto.distributed.spark_job import SUMMARY, SparkJobOptions, run_job
from accordingto.ingest import Document, iter_documents
from accordingto.query import Corpus
from accordingto.settings import Settings
from accordingto.store.export import parquet_schema
from accordingto.store.rows import TABLES, analysis_to_rows, encode_row, rows_to_analysis
from tests.distributed.conftest import fifty_articles, project_records, read_table, write_jsonl
from tests.ingest.test_warc import PNG, write_crawl

pytestmark = pytest.mark.spark

ID_COLUMNS = {"articles": "article_id", "sources": "source_id", "attributions": "attribution_id", "claims": "claim_id"}


@pytest.fixture
def runner(analyzer_runner: CliRunner) -> CliRunner:
    return analyzer_runner


def run(runner: CliRunner, *args: object) -> Result:
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def by_id(rows: list[dict[str, Any]], table: str) -> dict[str, dict[str, Any]]:
    keyed = {row[ID_COLUMNS[table]]: row for row in rows}
    assert len(keyed) == len(rows), f"repeated ids in {table}"
    return keyed


@pytest.fixture(scope="module")
def fifty(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, str]]:
    """The 50 articles as JSONL, and the output folder of `accordingto spark` run on them."""
    folder = tmp_path_factory.mktemp("fifty")
    records, label = fifty_articles()
    assert len(records) == 50
    path = write_jsonl(folder / "articles.jsonl", records)
    out = folder / "out"
    result = CliRunner().invoke(
        main, ["spark", str(path), "--output", str(out), "--split-size", "20000"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    yield path, out, label


# ------------------------------------------------------------------ the same results
@pytest.mark.slow
def test_spark_gives_the_attributions_sources_and_claims_of_analyze(
    runner: CliRunner, analyzer: Analyzer, fifty: tuple[Path, Path, str]
) -> None:
    """The same 50 articles through `accordingto analyze --format jsonl` and `accordingto spark`:
    the same articles, sources, attributions and claims (ids, offsets, every field)."""
    path, out, label = fifty
    local = run(runner, "analyze", "--format", "jsonl", "--no-progress", path)
    assert local.exit_code == 0, local.stderr
    printed = {d["article"]["id"]: d for d in map(json.loads, local.stdout.splitlines())}
    assert len(printed) == 50, label
    written = {t: read_table(out, t) for t in TABLES}
    assert len(written["attributions"]) > 100, "too few attributions to compare"
    # 1. as records of schema accordingto/1, exactly what analyze prints
    for article in written["articles"]:
        ident = article["article_id"]
        rows = {t: [r for r in written[t] if r["article_id"] == ident] for t in TABLES}
        assert rows_to_analysis(rows).to_dict() == printed[ident], ident
    # 2. as rows, exactly those of the same analysis run in this process (the JSON record
    # rounds confidence to 3 decimals; rows keep the float as the analysis made it)
    expected: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for outcome in analyze_documents(iter_documents([str(path)]), analyzer):
        assert outcome.analysis is not None
        for table, table_rows in analysis_to_rows(outcome.analysis).items():
            expected[table] += [encode_row(table, r) for r in table_rows]  # json columns as Parquet holds them
    for table in TABLES:
        assert by_id(written[table], table) == by_id(expected[table], table), table
    assert read_table(out, FAILURES) == []


def test_the_tables_have_the_columns_and_types_of_export(fifty: tuple[Path, Path, str]) -> None:
    _, out, _ = fifty
    for table in TABLES:
        schema = pq.read_schema(next((out / table).glob("*.parquet")))
        expected = parquet_schema(table)
        assert schema.names == expected.names, table
        assert [f.type for f in schema] == [f.type for f in expected], table
    # who gets quoted (issue 13): each source's gender, its basis, role class, descriptors and a
    # group's counts by gender; each article's bylines, desk and wire credit
    who = {"gender", "gender_basis", "gender_evidence", "role_class", "descriptors", "gender_counts"}
    assert who <= set(pq.read_schema(next((out / "sources").glob("*.parquet"))).names)
    assert {"authors", "section", "wire"} <= set(pq.read_schema(next((out / "articles").glob("*.parquet"))).names)
    sources = read_table(out, "sources")
    assert {s["gender"] for s in sources} <= {"female", "male", "nonbinary", "unknown"}
    assert any(s["gender"] != "unknown" for s in sources), "the 50 articles state some genders"
    assert any(s["role_class"] != "unknown" for s in sources)
    assert pq.read_schema(next((out / FAILURES).glob("*.parquet"))).names == [c.name for c in FAILURE_COLUMNS]


def test_the_summary_counts_what_was_written(fifty: tuple[Path, Path, str]) -> None:
    _path, out, _ = fifty
    summary = json.loads((out / SUMMARY).read_text(encoding="utf-8"))
    assert (summary["records_in"], summary["articles_out"], summary["failures"]) == (50, 50, 0)
    assert summary["failures_by_reason"] == {}
    assert summary["rows"] == {t: len(read_table(out, t)) for t in OUTPUT_TABLES}
    assert summary["tasks"] > 1  # the JSONL file was cut into byte ranges (--split-size)
    assert summary["seconds"] > 0 and summary["articles_per_second"] > 0
    assert not (out / "_staging").exists()


def test_the_output_loads_into_the_corpus_and_a_second_load_changes_nothing(
    runner: CliRunner, fifty: tuple[Path, Path, str], tmp_path: Path
) -> None:
    _, out, _ = fifty
    db = tmp_path / "corpus.db"
    first = run(runner, "ingest", "--from-parquet", out, "--db", db, "--no-progress")
    assert first.exit_code == 0, first.stderr
    assert "50 added, 0 replaced, 0 already stored, 0 failed" in first.stderr
    again = run(runner, "ingest", "--from-parquet", out, "--db", db, "--no-progress")
    assert "0 added, 0 replaced, 50 already stored, 0 failed" in again.stderr
    with Corpus(db) as corpus:
        assert corpus.check() == []
        for table in TABLES:
            stored = sorted(json.dumps(encode_row(table, r), sort_keys=True) for r in corpus.rows(table))
            written = sorted(json.dumps(r, sort_keys=True) for r in read_table(out, table))
            assert stored == written, table


def test_duckdb_queries_the_output_directly(fifty: tuple[Path, Path, str]) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is a development dependency")
    _, out, _ = fifty
    ((n_attributions, n_named),) = (
        duckdb.connect()
        .execute(
            f"""SELECT count(*), count(*) FILTER (WHERE s.named)
                FROM read_parquet('{out}/attributions/*.parquet') a
                LEFT JOIN read_parquet('{out}/sources/*.parquet') s USING (source_id)"""
        )
        .fetchall()
    )
    assert n_attributions == len(read_table(out, "attributions"))
    assert 0 < n_named <= n_attributions


# ------------------------------------------------------------------ failures
def test_failing_inputs_are_recorded_with_their_reason_and_the_job_goes_on(spark: Any, tmp_path: Path) -> None:
    good = project_records()[:3]
    too_long = {"id": "too-long", "text": "The council said the budget was approved. " * 100}
    lines = tmp_path / "mixed.jsonl"
    lines.write_bytes(
        b"".join(json.dumps(r).encode() + b"\n" for r in good)
        + b'{"id": "png", "text": "'
        + PNG.replace(b"\n", b"")
        + b'"}\n'
        + json.dumps(too_long).encode()
        + b"\n"
    )
    crawl = tmp_path / "crawl.warc.gz"
    with crawl.open("wb") as stream:
        write_crawl(stream, gzip=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(crawl.read_bytes()[: int(crawl.stat().st_size * 0.8)])
    pq.write_table(
        __import__("pyarrow").table({"id": ["img"], "text": [PNG]}),
        tmp_path / "binary.parquet",
    )
    out = tmp_path / "out"
    settings = Settings(max_chars=3000)
    summary = run_job(
        spark,
        SparkJobOptions(
            inputs=(str(lines), str(crawl), str(cut), str(tmp_path / "binary.parquet"), str(tmp_path / "none.jsonl")),
            output=str(out),
            settings=settings,
        ),
    )
    failures = read_table(out, FAILURES)
    reasons = {(r["origin"], r["reason"]) for r in failures}

    def failed(name: str, reason: str) -> bool:
        return any(name in origin and why == reason for origin, why in reasons)

    assert failed("mixed.jsonl:4", "binary")
    assert failed("mixed.jsonl:5", "too_long")
    assert failed("none.jsonl", "not_found")
    assert failed("binary.parquet#0", "binary")
    assert failed("crawl.warc.gz#4", "binary")  # the PNG response
    assert failed("cut.warc.gz", "malformed")  # cut short: its whole records are read, then the failure
    too_long_row = next(r for r in failures if r["reason"] == "too_long")
    assert too_long_row["article_id"] == "too-long" and too_long_row["error_code"] == "AT104"
    articles = read_table(out, "articles")
    assert {r.get("id") for r in good} <= {r["article_id"] for r in articles}
    assert summary.failures == len(failures) and summary.articles_out == len(articles)
    assert summary.failures_by_reason["binary"] >= 3
    assert summary.records_in == summary.articles_out + summary.failures


@pytest.mark.slow
def test_an_article_over_the_time_limit_is_a_failure_in_spark(spark: Any, tmp_path: Path) -> None:
    sample = project_records()[0]["text"]
    huge = (sample + "\n\n") * (1_000_000 // len(sample))  # about a minute of work on one core
    path = write_jsonl(tmp_path / "huge.jsonl", [{"id": "huge", "text": huge}])
    out = tmp_path / "out"
    run_job(spark, SparkJobOptions(inputs=(str(path),), output=str(out), timeout=0.5))
    (failure,) = read_table(out, FAILURES)
    assert (failure["article_id"], failure["reason"], failure["error_code"]) == ("huge", "timeout", "AT109")
    assert read_table(out, "articles") == []


@pytest.mark.slow
def test_a_crashed_worker_is_retried_and_no_row_is_written_twice(spark: Any, tmp_path: Path) -> None:
    records = project_records()[:8]
    write_jsonl(tmp_path / "part1.jsonl", records[:4])
    write_jsonl(tmp_path / "part2.jsonl", records[4:])
    marker = str(tmp_path / "crashed-once")
    victim = records[5]["id"]

    def crash_once(doc: Document) -> Document:
        """Kill the Python worker (as the OOM killer would) the first time it meets the victim."""
        if doc.id == victim and not os.path.exists(marker):
            with open(marker, "w") as flag:
                flag.write(str(os.getpid()))
            os._exit(1)
        return doc

    sc = spark.sparkContext
    sc.setJobGroup("crash-test", "a worker crash")
    try:
        out = tmp_path / "out"
        summary = run_job(
            spark, SparkJobOptions(inputs=(str(tmp_path / "*.jsonl"),), output=str(out), transform=crash_once)
        )
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
    assert os.path.exists(marker), "the worker never crashed"
    tracker = sc.statusTracker()
    failed_tasks = sum(
        tracker.getStageInfo(stage).numFailedTasks
        for job in tracker.getJobIdsForGroup("crash-test")
        for stage in tracker.getJobInfo(job).stageIds
        if tracker.getStageInfo(stage) is not None
    )
    assert failed_tasks >= 1  # Spark saw the task fail, and retried it
    articles = read_table(out, "articles")
    assert sorted(r["article_id"] for r in articles) == sorted(r["id"] for r in records)
    for table in TABLES:
        by_id(read_table(out, table), table)  # no id twice
    assert read_table(out, FAILURES) == [] and summary.failures == 0


def test_an_output_folder_is_not_overwritten_unless_asked(spark: Any, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "one.jsonl", project_records()[:1])
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["spark", str(path), "--output", str(out)])
    assert result.exit_code == 2
    assert "exists and is not empty" in result.stderr and "Traceback" not in result.output
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    again = CliRunner().invoke(main, ["spark", str(path), "--output", str(out), "--overwrite"])
    assert again.exit_code == 0, again.output
    assert len(read_table(out, "articles")) == 1


# ------------------------------------------------------------------ spark-submit
@pytest.mark.slow
def test_spark_submit_runs_the_same_command(tmp_path: Path) -> None:
    submit = Path(sys.executable).parent / "spark-submit"
    if not submit.exists():
        pytest.skip("pyspark's spark-submit is not in this environment")
    records = project_records()[:3]
    path = write_jsonl(tmp_path / "three.jsonl", records)
    script = CliRunner().invoke(main, ["spark", "--submit-script"]).stdout.strip()
    out = tmp_path / "out"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    done = subprocess.run(
        [
            str(submit),
            "--master",
            "local[2]",
            "--conf",
            "spark.ui.enabled=false",
            script,
            str(path),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "3 articles in, 3 analysed, 0 failed" in done.stdout  # spark-submit sends Python's stderr there
    assert sorted(r["article_id"] for r in read_table(out, "articles")) == sorted(r["id"] for r in records)
    assert json.loads((out / SUMMARY).read_text(encoding="utf-8"))["master"] == "local[2]"
