"""The engine-agnostic unit without Spark: input records in, the rows of export (or a failure
row with its reason) out, exactly as the local analysis gives them."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import signal
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.distributed import SPARK_INPUT_FORMATS, partition
from accordingto.distributed.inputs import ArticleRecord, FileSplit, InputRecord, LineRange, WarcBytes, to_documents
from accordingto.distributed.partition import (
    FAILURE_COLUMNS,
    FAILURES,
    TimedAnalyzer,
    analyze_documents,
    process_partition,
    worker_analyzer,
)
from accordingto.ingest import INPUT_FORMATS, Document, InputFailure, iter_documents
from accordingto.models import Analysis
from accordingto.settings import Settings
from accordingto.store.rows import TABLES, analysis_to_rows, column_names
from tests.distributed.conftest import project_records, write_jsonl
from tests.ingest.test_warc import PNG, write_crawl

PNG_LINE = b'{"id": "png", "text": "' + PNG.replace(b"\n", b"") + b'"}\n'  # bad bytes on one line


def rows_by_table(pairs: Iterable[tuple[str, dict[str, object]]]) -> dict[str, list[dict[str, object]]]:
    tables: dict[str, list[dict[str, object]]] = {t: [] for t in (*TABLES, FAILURES)}
    for table, row in pairs:
        tables[table].append(row)
    return tables


def test_rows_are_those_of_the_local_analysis(analyzer: Analyzer, tmp_path: Path) -> None:
    records = project_records()
    path = write_jsonl(tmp_path / "articles.jsonl", records)
    local: dict[str, list[dict[str, object]]] = {t: [] for t in TABLES}
    for outcome in analyze_documents(iter_documents([str(path)]), analyzer):
        assert outcome.analysis is not None, outcome.error
        for table, rows in analysis_to_rows(outcome.analysis).items():
            local[table] += rows
    got = rows_by_table(process_partition([FileSplit(str(path))], analyzer.settings, analyzer=analyzer))
    assert got[FAILURES] == []
    assert len(got["articles"]) == len(records)
    for table in TABLES:
        assert got[table] == local[table], table
        assert all(list(row) == column_names(table) for row in got[table])


def test_each_kind_of_record_becomes_the_same_document(tmp_path: Path) -> None:
    record = {"id": "a1", "text": "The mayor said the bridge would reopen.", "outlet": "Ledger"}
    path = write_jsonl(tmp_path / "one.jsonl", [record])
    from_file = next(iter(to_documents([FileSplit(str(path))])))
    from_uri = next(iter(to_documents([FileSplit(path.as_uri())])))  # through pyarrow's filesystem
    from_fields = next(iter(to_documents([ArticleRecord("row#0", record)])))
    from_bytes = next(iter(to_documents([ArticleRecord("row#1", {**record, "text": record["text"].encode()})])))
    for doc in (from_file, from_uri, from_fields, from_bytes):
        assert isinstance(doc, Document)
        assert (doc.id, doc.text, doc.outlet) == ("a1", record["text"], "Ledger")
    assert from_file.origin == f"{path}:1"
    crawl = io.BytesIO()
    write_crawl(crawl, gzip=True)
    warc = list(to_documents([WarcBytes("crawl.warc.gz", crawl.getvalue())]))
    assert [d.url for d in warc if isinstance(d, Document)] == [
        "https://ledger.example/news/seawall",
        "https://courrier.example/festival",
    ]


def test_a_remote_text_file_is_read_as_a_local_one_would_be(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b"The minister said the talks had stalled."))
    (local,) = to_documents([FileSplit(str(path))])
    (remote,) = to_documents([FileSplit(path.as_uri())])
    assert isinstance(local, Document) and isinstance(remote, Document)
    assert (remote.id, remote.text) == (local.id, local.text) == ("story", "The minister said the talks had stalled.")


def test_bad_inputs_become_failure_rows_with_their_reason(analyzer: Analyzer, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = {"id": "good", "text": "The mayor said the bridge would reopen in May."}
    long = {"id": "long", "text": "The council said the budget was approved. " * 40}
    path.write_bytes(json.dumps(good).encode() + b"\n" + PNG_LINE + b"{not json\n" + json.dumps(long).encode() + b"\n")
    small = analyzer.settings.with_(max_chars=1000)
    records: list[InputRecord] = [
        FileSplit(str(path)),
        FileSplit(str(tmp_path / "missing.jsonl")),
        ArticleRecord("table.parquet#3", {"id": "img", "text": PNG}),
        ArticleRecord("table.parquet#4", {"id": "blank", "text": "   "}),
    ]
    got = rows_by_table(process_partition(records, small, analyzer=Analyzer(small, nlp=analyzer.nlp)))
    assert [r["article_id"] for r in got["articles"]] == ["good"]
    reasons = {r["origin"]: r["reason"] for r in got[FAILURES]}
    assert reasons == {
        f"{path}:2": "binary",
        f"{path}:3": "malformed",
        f"{path}:4": "too_long",
        str(tmp_path / "missing.jsonl"): "not_found",
        "table.parquet#3": "binary",
        "table.parquet#4": "empty",
    }
    too_long = next(r for r in got[FAILURES] if r["reason"] == "too_long")
    assert too_long["article_id"] == "long" and too_long["error_code"] == "AT104"
    assert all(list(r) == [c.name for c in FAILURE_COLUMNS] for r in got[FAILURES])
    assert all(r["analysis_version"] == analyzer.version for r in got[FAILURES])


class SlowAnalyzer(Analyzer):
    """Takes 30 s over any article whose text contains SLOW, and no time over the others."""

    def __init__(self, inner: Analyzer) -> None:
        self.settings, self.nlp, self.version = inner.settings, inner.nlp, inner.version
        self.inner = inner

    def analyze_many(self, jobs: Iterable[Job]) -> Iterator[Analysis]:
        for job in jobs:
            if "SLOW" in job.article.text:
                time.sleep(30)
            yield from self.inner.analyze_many([job])


def test_an_article_over_the_time_limit_fails_alone(analyzer: Analyzer) -> None:
    docs = [
        Document(origin="a", id="a", text="The mayor said the bridge would reopen."),
        Document(origin="slow", id="slow", text="SLOW. The minister said the talks had stalled."),
        Document(origin="c", id="c", text="Officials said the port would stay closed."),
    ]
    started = time.monotonic()
    timed = TimedAnalyzer(SlowAnalyzer(analyzer), timeout=0.5)
    outcomes = list(analyze_documents(docs, timed))
    assert time.monotonic() - started < 30  # the sleeping article was interrupted, not waited for
    assert [o.origin for o in outcomes] == ["a", "slow", "c"]
    assert outcomes[0].ok and outcomes[2].ok
    assert (outcomes[1].analysis, outcomes[1].error_code) == (None, "AT109")
    got = rows_by_table(process_partition(docs, analyzer.settings, analyzer=SlowAnalyzer(analyzer), timeout=0.5))
    assert [r["article_id"] for r in got["articles"]] == ["a", "c"]
    assert [(r["article_id"], r["reason"]) for r in got[FAILURES]] == [("slow", "timeout")]


def test_a_transform_sees_every_document_before_analysis(analyzer: Analyzer) -> None:
    docs = [
        Document(origin="a", id="a", text="The mayor said the bridge would reopen.", url="https://ledger.example/x")
    ]

    def outlet_from_host(doc: Document) -> Document:
        doc.outlet = (doc.url or "").split("/")[2]
        return doc

    got = rows_by_table(process_partition(docs, analyzer.settings, analyzer=analyzer, transform=outlet_from_host))
    assert got["articles"][0]["outlet"] == "ledger.example"


def test_the_pipeline_is_loaded_once_per_worker_process(analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[Settings] = []

    def fake(settings: Settings) -> Analyzer:
        loads.append(settings)
        return analyzer

    monkeypatch.setattr("accordingto.distributed.partition._analyzers", {})
    monkeypatch.setattr("accordingto.distributed.partition.Analyzer", fake)
    for _ in range(3):
        assert worker_analyzer(Settings(jobs=2)) is analyzer
    worker_analyzer(Settings(max_chars=10))
    assert loads == [Settings(jobs=1), Settings(max_chars=10)]


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), min_size=0, max_size=25),
    cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=8),
    final_newline=st.booleans(),
)
def test_jsonl_ranges_yield_every_line_exactly_once(lines: list[bytes], cuts: list[int], final_newline: bool) -> None:
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    bounds = sorted({0, len(data), *(c for c in cuts if c < len(data))})
    seen: list[bytes] = []
    for start, end in itertools.pairwise(bounds):
        reader = LineRange(io.BytesIO(data), start, end)
        while line := reader.readline(7):  # short reads, as for over-long lines
            seen.append(line)
    assert b"".join(seen) == data
    whole = io.BytesIO(data)
    assert Counter(b"".join(seen).split(b"\n")) == Counter(whole.read().split(b"\n"))


def test_jsonl_ranges_of_a_file_give_the_documents_of_the_whole_file(tmp_path: Path) -> None:
    records = [{"id": f"a{n}", "text": f"Article {n}: the mayor said the bridge would reopen."} for n in range(40)]
    path = write_jsonl(tmp_path / "many.jsonl", records)
    size = path.stat().st_size
    splits = [FileSplit(str(path), "jsonl", s, min(s + 700, size)) for s in range(0, size, 700)]
    docs = list(to_documents(splits))
    assert [d.id for d in docs if isinstance(d, Document)] == [r["id"] for r in records]
    assert not [d for d in docs if isinstance(d, InputFailure)]
    assert docs[-1].origin.startswith(f"{path}@")  # file@BYTE:LINE


def test_spark_reads_the_file_formats_of_analyze_and_parquet() -> None:
    assert set(SPARK_INPUT_FORMATS) == (set(INPUT_FORMATS) - {"feed", "url"}) | {"parquet"}


@pytest.mark.slow
def test_a_worker_killed_mid_batch_costs_only_the_input_it_held(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The OOM killer or kill -9 takes one worker: the batch finishes, in order, every other
    input analysed, the one that killed its worker named (workers are forked: they inherit
    the session's pipeline and the poisoned step)."""
    real = partition.partition_outcomes

    def dies_on_poison(items: Any, settings: Settings, **kwargs: Any) -> Any:
        if any(isinstance(i, Document) and "POISON" in (i.text or "") for i in items):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(items, settings, **kwargs)

    monkeypatch.setattr(partition, "Analyzer", lambda settings=None: analyzer)
    monkeypatch.setattr(partition, "_analyzers", {})
    monkeypatch.setattr(partition, "partition_outcomes", dies_on_poison)
    texts = [f"The council said {n} roads were closed on Monday." for n in range(9)]
    texts[4] = "POISON: the mayor said the pipe had burst."
    docs = [Document(origin=f"a{n}.txt", text=t) for n, t in enumerate(texts)]
    outcomes = list(partition.analyze_parallel(docs, Settings(jobs=2), jobs=2, chunk_size=2))
    assert [o.origin for o in outcomes] == [d.origin for d in docs]
    assert [o.ok for o in outcomes] == [n != 4 for n in range(9)]
    assert outcomes[4].error is not None and "worker process analysing it died" in outcomes[4].error
