"""The engine-agnostic unit of work: documents in, outcomes out.

:func:`analyze_documents` is what every batch path calls (the CLI, ``--jobs`` worker
processes, the corpus ingest, Spark partitions): it cleans and analyses each document,
batches them through ``nlp.pipe``, and turns any failure of one document into an
:class:`Outcome` with a one-line reason instead of letting it stop the batch.

:func:`analyze_parallel` runs it in N worker processes, each loading the pipeline once,
and yields outcomes in input order.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.clean import clean_document
from accordingto.errors import AccordingtoError, EmptyInputError, InputError, InputTooLargeError
from accordingto.ingest import Document, InputFailure
from accordingto.models import Analysis
from accordingto.settings import Settings


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
    _worker = Analyzer(settings.with_(jobs=1))


def _run_chunk(items: list[Document | InputFailure]) -> list[dict[str, Any]]:
    assert _worker is not None, "worker not initialised"
    return [o.to_dict() for o in analyze_documents(items, _worker)]


def _chunks(items: Iterable[Document | InputFailure], size: int) -> Iterator[list[Document | InputFailure]]:
    chunk: list[Document | InputFailure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyze_parallel(
    items: Iterable[Document | InputFailure],
    settings: Settings,
    *,
    jobs: int,
    chunk_size: int = 4,
) -> Iterator[Outcome]:
    """Outcomes in input order from ``jobs`` worker processes, each loading the pipeline
    once. At most ``4 * jobs`` chunks are in flight, so memory stays bounded."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        in_flight: deque[tuple[list[str], cf.Future[list[dict[str, Any]]]]] = deque()
        for chunk in _chunks(items, chunk_size):
            in_flight.append(([i.origin for i in chunk], pool.submit(_run_chunk, chunk)))
            while len(in_flight) >= 4 * jobs:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())


def _collect(origins: list[str], future: cf.Future[list[dict[str, Any]]]) -> Iterator[Outcome]:
    try:
        rows = future.result()
    except Exception as exc:  # a worker died (out of memory, killed): the chunk fails, not the run
        for origin in origins:
            yield Outcome.failed(origin, exc)
        return
    for row in rows:
        yield Outcome.from_dict(row)
