"""The engine-agnostic unit of work: documents in, outcomes out; records in, rows out.

:func:`analyze_documents` is what every batch path calls (the CLI, ``--jobs`` worker
processes, the corpus ingest, Spark partitions): it cleans and analyses each document,
batches them through ``nlp.pipe``, and turns any failure of one document into an
:class:`Outcome` with a one-line reason instead of letting it stop the batch.

:func:`partition_outcomes` is what one task of any engine runs: input records
(:mod:`accordingto.distributed.inputs`) in, one Outcome per input out. It loads the pipeline
once per worker process (:func:`worker_analyzer`) and calls :func:`analyze_documents`.

:func:`analyze_parallel` (``--jobs N``) runs it in N worker processes and yields the outcomes
in input order. :func:`process_partition` (a Spark task) runs it and flattens each outcome into
``(table, row)`` pairs, with the columns of ``accordingto export``
(:func:`accordingto.store.rows.analysis_to_rows`) plus a ``failures`` table. Both engines share
every step up to that last one, so Spark and the local command cannot drift apart.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Final

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.clean import clean_document
from accordingto.deadline import deadline
from accordingto.distributed.inputs import InputRecord, to_documents
from accordingto.errors import (
    AccordingtoError,
    AnalysisTimeoutError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    SchemaError,
)
from accordingto.ingest import DEFAULT_MAX_BYTES, Document, InputFailure
from accordingto.models import Analysis
from accordingto.settings import Settings
from accordingto.store.rows import TABLES, Column, Row, analysis_to_rows, check_references


@dataclass(slots=True)
class Outcome:
    """The result for one input: an analysis, or why there is none."""

    origin: str
    analysis: Analysis | None = None
    error: str | None = None
    error_code: str | None = None

    @property
    def ok(self) -> bool:
        return self.analysis is not None

    def problem(self) -> str:
        """Why there is no analysis, naming the input once (most errors already name it)."""
        message = self.error or "unknown error"
        return message if self.origin in message else f"{self.origin}: {message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "analysis": self.analysis.to_dict() if self.analysis else None,
            "error": self.error,
            "error_code": self.error_code,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outcome:
        raw = data.get("analysis")
        return cls(
            origin=data["origin"],
            analysis=Analysis.from_dict(raw) if raw else None,
            error=data.get("error"),
            error_code=data.get("error_code"),
        )

    @classmethod
    def failed(cls, origin: str, exc: BaseException) -> Outcome:
        if isinstance(exc, AccordingtoError):
            return cls(origin, error=str(exc), error_code=exc.code)
        return cls(origin, error=f"[AT900] internal error: {type(exc).__name__}: {exc}", error_code="AT900")


def _job(doc: Document, settings: Settings) -> Job:
    cleaned = clean_document(doc)
    if len(cleaned.text) > settings.max_chars:
        raise InputTooLargeError(
            f"{doc.origin} has {len(cleaned.text):,} characters, more than the limit of {settings.max_chars:,}"
        )
    if not cleaned.text.strip():
        raise EmptyInputError(f"{doc.origin} has no text to analyse")
    return Job(cleaned, doc.id or doc.content_id())


def analyze_documents(items: Iterable[Document | InputFailure], analyzer: Analyzer) -> Iterator[Outcome]:
    """One outcome per item, in order; a bad item never stops the others."""
    pending: list[tuple[str, Job]] = []
    for item in items:
        if isinstance(item, InputFailure):
            yield from _analyze_batch(pending, analyzer)
            pending = []
            yield Outcome(item.origin, error=str(item.error), error_code=item.error.code)
            continue
        try:
            pending.append((item.origin, _job(item, analyzer.settings)))
        except InputError as exc:
            yield from _analyze_batch(pending, analyzer)
            pending = []
            yield Outcome.failed(item.origin, exc)
            continue
        if len(pending) >= analyzer.settings.batch_size:
            yield from _analyze_batch(pending, analyzer)
            pending = []
    yield from _analyze_batch(pending, analyzer)


def _analyze_batch(pending: list[tuple[str, Job]], analyzer: Analyzer) -> Iterator[Outcome]:
    if not pending:
        return
    try:
        results = list(analyzer.analyze_many(job for _, job in pending))
    except Exception:  # one bad article in the batch: analyse them one by one
        for origin, job in pending:
            try:
                yield Outcome(origin, analysis=analyzer.analyze(job.article, id=job.id))
            except Exception as exc:
                yield Outcome.failed(origin, exc)
        return
    for (origin, _), analysis in zip(pending, results, strict=True):
        yield Outcome(origin, analysis=analysis)


# ------------------------------------------------------------------ processes
_worker: Analyzer | None = None


def _init_worker(settings: Settings) -> None:
    global _worker
    _worker = worker_analyzer(settings)


def _run_chunk(items: list[Document | InputFailure]) -> list[Outcome]:
    """One chunk in a worker process, by the function a Spark task runs too
    (:func:`partition_outcomes`), so ``--jobs`` and Spark cannot drift apart. The Outcomes are
    pickled as they are: exact (``to_dict`` rounds the confidence), with nothing to rebuild."""
    assert _worker is not None, "worker not initialised"
    return [outcome for _, outcome in partition_outcomes(items, _worker.settings, analyzer=_worker)]


def _chunks(items: Iterable[Document | InputFailure], size: int) -> Iterator[list[Document | InputFailure]]:
    chunk: list[Document | InputFailure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


Chunk = list[Document | InputFailure]
#: What a dead worker costs the input it held (the OOM killer, kill -9, a crash in native code).
WORKER_DIED: Final = (
    "[AT900] the worker process analysing it died (killed, or out of memory): it was not analysed; "
    "try it alone, or with fewer --jobs"
)


class _Workers:
    """A process pool that is rebuilt when a worker dies. A dead worker breaks the whole
    executor (every future in it fails), so each pool has a generation: a chunk of a broken
    generation is tried again, one input at a time, in the next."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings, self.jobs, self.generation = settings, jobs, 0
        self.context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        )
        self.pool = self._new_pool()

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=self.context, initializer=_init_worker, initargs=(self.settings,)
        )

    def submit(self, chunk: Chunk) -> tuple[int, cf.Future[list[Outcome]]]:
        try:
            return self.generation, self.pool.submit(_run_chunk, chunk)
        except BrokenProcessPool:
            self.rebuild(self.generation)
            return self.generation, self.pool.submit(_run_chunk, chunk)

    def rebuild(self, broken: int) -> None:
        """A new pool, unless the broken generation was already replaced."""
        if broken == self.generation:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()
            self.generation += 1

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def analyze_parallel(
    items: Iterable[Document | InputFailure],
    settings: Settings,
    *,
    jobs: int,
    chunk_size: int = 4,
) -> Iterator[Outcome]:
    """Outcomes in input order from ``jobs`` worker processes, each loading the pipeline
    once and running :func:`partition_outcomes` on its chunks. At most ``4 * jobs`` chunks are
    in flight, so memory stays bounded. A worker that dies costs only the input it held: the
    pool is rebuilt and the other inputs of the chunks it broke are analysed again."""
    workers = _Workers(settings, jobs)
    try:
        in_flight: deque[tuple[Chunk, int, cf.Future[list[Outcome]]]] = deque()
        for chunk in _chunks(items, chunk_size):
            in_flight.append((chunk, *workers.submit(chunk)))
            while len(in_flight) >= 4 * jobs:
                yield from _collect(workers, *in_flight.popleft())
        while in_flight:
            yield from _collect(workers, *in_flight.popleft())
    finally:
        workers.close()


def _collect(workers: _Workers, chunk: Chunk, generation: int, future: cf.Future[list[Outcome]]) -> Iterator[Outcome]:
    try:
        outcomes = future.result()
    except BrokenProcessPool:
        workers.rebuild(generation)
        yield from _one_at_a_time(workers, chunk)
        return
    except Exception as exc:  # the chunk could not be sent or returned: it fails, not the run
        for item in chunk:
            yield Outcome.failed(item.origin, exc)
        return
    yield from outcomes


def _one_at_a_time(workers: _Workers, chunk: Chunk) -> Iterator[Outcome]:
    """The inputs of a chunk whose pool broke, each on its own: the one that kills its worker
    again is reported, the others are analysed."""
    for item in chunk:
        generation, future = workers.submit([item])
        try:
            yield from future.result()
        except BrokenProcessPool:
            workers.rebuild(generation)
            yield Outcome(item.origin, error=f"{item.origin}: {WORKER_DIED}", error_code="AT900")


# ------------------------------------------------------------------ records -> rows (one task of any engine)
FAILURES: Final = "failures"
#: Every table a partition writes: the four of ``accordingto export``, then the failures.
OUTPUT_TABLES: Final[tuple[str, ...]] = (*TABLES, FAILURES)

#: Why an input has no analysis, by error code (the ``reason`` column of the failures table).
REASONS: Final[dict[str, str]] = {
    "AT101": "not_found",
    "AT102": "binary",
    "AT103": "encoding",
    "AT104": "too_long",
    "AT105": "empty",
    "AT106": "no_article",
    "AT107": "fetch",
    "AT108": "malformed",
    "AT109": "timeout",
    "AT110": "language",
    "AT201": "model",
    "AT301": "schema",
    "AT900": "internal_error",
}

FAILURE_COLUMNS: Final[tuple[Column, ...]] = (
    Column(
        "origin",
        "string",
        "the input: a file, file:LINE (JSONL), file#N (the N-th WARC record), file@BYTE:LINE (a JSONL "
        "line counted from BYTE), or the id, URL or row of a Parquet record",
    ),
    Column("article_id", "string", "the article id the input would have had, when it was read"),
    Column("url", "string", "URL, when known"),
    Column("reason", "string", "why, in one word: " + ", ".join(dict.fromkeys(REASONS.values()))),
    Column("error_code", "string", "the error code (AT104...)"),
    Column("error", "string", "the one-line error message"),
    Column("analysis_version", "string", "analysis version of the worker that tried"),
)


def output_columns(table: str) -> tuple[Column, ...]:
    """The columns of an output table: export's for the four article tables, and the failures'."""
    from accordingto.store.rows import COLUMNS

    return FAILURE_COLUMNS if table == FAILURES else COLUMNS[table]


def reason_for(error_code: str | None) -> str:
    return REASONS.get(error_code or "", "other")


_analyzers: dict[Settings, Analyzer] = {}


def worker_analyzer(settings: Settings) -> Analyzer:
    """The Analyzer of this process for these settings: the pipeline is loaded once per
    worker process (a Spark Python worker is reused across tasks), not once per task."""
    settings = settings.with_(jobs=1)
    analyzer = _analyzers.get(settings)
    if analyzer is None:
        analyzer = _analyzers[settings] = Analyzer(settings)
    return analyzer


def partition_outcomes(
    records: Iterable[InputRecord],
    settings: Settings,
    *,
    timeout: float | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    transform: Callable[[Document], Document] | None = None,
    analyzer: Analyzer | None = None,
) -> Iterator[tuple[Document | InputFailure, Outcome]]:
    """Each input's Document (or read failure) and its Outcome, in input order: the work of one
    task, ``--jobs`` worker or Spark. An analysis whose references are broken cannot be written
    as rows (:func:`~accordingto.store.rows.check_references`): it is a SchemaError failure in
    every engine.

    records: Documents, ArticleRecords, WarcBytes or FileSplits (see :mod:`.inputs`).
    timeout: seconds one article may take (a batch of n gets n times as long, then its
        articles are analysed one at a time); None for no limit. Enforced with SIGALRM, so only
        in a process's main thread (a Spark Python worker runs tasks there); elsewhere, no limit.
    transform: applied to each Document before it is analysed (set an outlet from the URL...).
    analyzer: defaults to this process's :func:`worker_analyzer` for ``settings``.
    """
    analyzer = analyzer or worker_analyzer(settings)
    if timeout is not None and timeout > 0:
        analyzer = TimedAnalyzer(analyzer, timeout)
    documents = to_documents(records, max_bytes=max_bytes)
    if transform is not None:
        documents = _transformed(documents, transform)
    pending: deque[Document | InputFailure] = deque()

    def tracked() -> Iterator[Document | InputFailure]:
        for item in documents:
            pending.append(item)
            yield item

    for outcome in analyze_documents(tracked(), analyzer):
        item = pending.popleft()
        if outcome.analysis is not None:
            try:
                check_references(outcome.analysis)
            except SchemaError as exc:
                outcome = Outcome.failed(outcome.origin, exc)
        yield item, outcome


def process_partition(
    records: Iterable[InputRecord],
    settings: Settings,
    *,
    timeout: float | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    transform: Callable[[Document], Document] | None = None,
    analyzer: Analyzer | None = None,
) -> Iterator[tuple[str, Row]]:
    """``(table, row)`` for every input record: the rows of ``articles``, ``sources``,
    ``attributions`` and ``claims`` of each analysed article (:func:`analysis_to_rows`), or one
    ``failures`` row (:data:`FAILURE_COLUMNS`) for an input that could not be read or analysed.
    The arguments are those of :func:`partition_outcomes`.

    Rows are plain values (json columns as lists and objects); ``encode_row`` gives their
    Parquet and CSV form.
    """
    analyzer = analyzer or worker_analyzer(settings)
    outcomes = partition_outcomes(
        records, settings, timeout=timeout, max_bytes=max_bytes, transform=transform, analyzer=analyzer
    )
    for item, outcome in outcomes:
        if outcome.analysis is None:
            yield FAILURES, failure_row(outcome, item, analyzer.version)
            continue
        tables = analysis_to_rows(outcome.analysis)  # references checked: it cannot raise SchemaError
        for table in TABLES:
            for row in tables[table]:
                yield table, row


def failure_row(outcome: Outcome, item: Document | InputFailure, version: str) -> Row:
    document = item if isinstance(item, Document) else None
    return {
        "origin": outcome.origin,
        "article_id": (document.id or document.content_id()) if document else None,
        "url": document.url if document else None,
        "reason": reason_for(outcome.error_code),
        "error_code": outcome.error_code,
        "error": outcome.error,
        "analysis_version": version,
    }


def _transformed(
    items: Iterator[Document | InputFailure], transform: Callable[[Document], Document]
) -> Iterator[Document | InputFailure]:
    for item in items:
        if isinstance(item, Document):
            try:
                item = transform(item)
            except InputError as exc:
                item = InputFailure(item.origin, exc)
        yield item


# ------------------------------------------------------------------ time limit
class TimedAnalyzer(Analyzer):
    """An Analyzer whose batches must finish within ``timeout`` seconds per article; past
    that, :class:`~accordingto.errors.AnalysisTimeoutError` is raised inside the analysis.
    :func:`analyze_documents` then analyses the batch's articles one at a time (each with
    ``timeout`` seconds) and records the one that runs out of time as a failure."""

    def __init__(self, inner: Analyzer, timeout: float) -> None:  # no pipeline of its own: the inner one's
        self.inner = inner
        self.settings = inner.settings
        self.nlp = inner.nlp
        self.version = inner.version
        self.timeout = timeout

    def analyze_many(self, jobs: Iterable[Job]) -> Iterator[Analysis]:
        batch = list(jobs)
        with time_limit(self.timeout * max(1, len(batch))):
            results = list(self.inner.analyze_many(batch))
        yield from results


def time_limit(seconds: float) -> AbstractContextManager[None]:
    """Raise AnalysisTimeoutError in this block after ``seconds`` (see accordingto.deadline)."""
    return deadline(seconds, lambda: AnalysisTimeoutError(f"the analysis took longer than {seconds:g} s"))
