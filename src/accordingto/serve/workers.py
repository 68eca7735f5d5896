"""Blocking work kept off the event loop, bounded in threads, queue length and time.

* :class:`QueryPool`: a few threads, each with its own read-only :class:`Corpus` (SQLite
  connections are not shared between threads; WAL lets them all read while one writes).
  A query that runs past its time is interrupted (``sqlite3.Connection.interrupt``).
* :class:`AnalysisWorker`: one thread holding the spaCy pipeline, loaded once per process.
  Each analysis runs inside ``nlp.memory_zone()``, so the strings it adds to the
  vocabulary are dropped afterwards and memory stays flat however many articles pass.
  One thread, because a pipeline (and a memory zone) must not be used by two threads at
  once; the CPU-bound parse would not run faster in parallel threads anyway.
* :class:`Writer`: one thread with the read-write Corpus, when writes are allowed.

Each refuses work at once (503) when too much is already waiting, and gives up waiting
(504) after its time limit.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol, TypeVar

from spacy.language import Language

from accordingto.clean import CleanArticle
from accordingto.models import Analysis
from accordingto.query import Corpus
from accordingto.serve.errors import ApiError
from accordingto.settings import Settings

T = TypeVar("T")


class AnalyzerLike(Protocol):
    """What the worker needs of :class:`accordingto.analyze.analyzer.Analyzer`."""

    nlp: Language

    def analyze(self, article: CleanArticle, *, id: str | None = None) -> Analysis: ...


def busy(what: str) -> ApiError:
    return ApiError(503, f"the server is busy with other {what}; try again shortly", headers={"Retry-After": "2"})


class _Waiting:
    """A counter of jobs waiting or running, refusing more than ``limit``."""

    def __init__(self, limit: int, what: str) -> None:
        self.limit = limit
        self.what = what
        self.count = 0

    def __enter__(self) -> None:
        if self.count >= self.limit:
            raise busy(self.what)
        self.count += 1

    def __exit__(self, *exc: object) -> None:
        self.count -= 1


class _QueryJob:
    """The corpus a query is running on, so that a timeout can interrupt exactly that query."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.corpus: Corpus | None = None
        self.abandoned = False

    def interrupt(self) -> None:
        with self.lock:
            self.abandoned = True
            if self.corpus is not None:
                self.corpus.connection.interrupt()


class QueryPool:
    """Runs ``func(corpus)`` on a thread with its own read-only Corpus."""

    def __init__(self, path: Path, *, workers: int, timeout: float, max_waiting: int) -> None:
        self.path = path
        self.timeout = timeout
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._opened: list[Corpus] = []
        self._opened_lock = threading.Lock()
        self._waiting = _Waiting(max_waiting + workers, "queries")

    def _corpus(self) -> Corpus:
        corpus: Corpus | None = getattr(self._local, "corpus", None)
        if corpus is None:
            corpus = Corpus(self.path, create=False, readonly=True)
            self._local.corpus = corpus
            with self._opened_lock:
                self._opened.append(corpus)
        return corpus

    async def run(self, func: Callable[[Corpus], T]) -> T:
        job = _QueryJob()

        def call() -> T:
            corpus = self._corpus()
            with job.lock:
                if job.abandoned:
                    raise TimeoutError("abandoned before it started")
                job.corpus = corpus
            try:
                return func(corpus)
            finally:
                with job.lock:
                    job.corpus = None

        with self._waiting:
            future = asyncio.get_running_loop().run_in_executor(self._executor(), call)
            try:
                return await asyncio.wait_for(future, self.timeout)
            except asyncio.TimeoutError:
                job.interrupt()
                raise ApiError(
                    504, f"the query took more than {self.timeout:g} s and was stopped; narrow it down"
                ) from None

    def _executor(self) -> ThreadPoolExecutor:
        # made on first use, so that an app closed by its lifespan can be started again
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="accordingto-query")
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        with self._opened_lock:
            for corpus in self._opened:
                corpus.close()
            self._opened.clear()


def _nothing(analysis: Analysis) -> None:
    return None


class AnalysisWorker:
    """One thread, one pipeline: analyses in line, each in a memory zone, each with a deadline."""

    def __init__(
        self,
        settings: Settings,
        *,
        timeout: float,
        max_waiting: int,
        analyzer: AnalyzerLike | None = None,
    ) -> None:
        self.settings = settings
        self.timeout = timeout
        self._analyzer = analyzer
        self._pool: ThreadPoolExecutor | None = None
        self._waiting = _Waiting(max_waiting + 1, "analyses")

    def _pipeline(self) -> AnalyzerLike:
        """The analyzer, loaded on first use, on the worker thread (the only one using it)."""
        if self._analyzer is None:
            from accordingto.analyze.analyzer import Analyzer

            self._analyzer = Analyzer(self.settings)
        return self._analyzer

    def load(self) -> None:
        """Load the pipeline now (a server does it at start, so the first client does not wait)."""
        self._executor().submit(self._pipeline).result()

    def _analyze(
        self, prepare: Callable[[], CleanArticle], article_id: str | None, then: Callable[[Analysis], T]
    ) -> tuple[Analysis, T]:
        analyzer = self._pipeline()
        article = prepare()  # cleaning (HTML extraction too) is CPU work: it belongs here as well
        with analyzer.nlp.memory_zone():
            analysis = analyzer.analyze(article, id=article_id)
        return analysis, then(analysis)

    async def analyze(self, prepare: Callable[[], CleanArticle], *, article_id: str | None = None) -> Analysis:
        """The analysis of the article ``prepare()`` returns; 504 past the timeout (time spent
        waiting in line counts: it is what the client waits), 503 when the line is full."""
        analysis, _ = await self.analyze_then(prepare, _nothing, article_id=article_id)
        return analysis

    async def analyze_then(
        self, prepare: Callable[[], CleanArticle], then: Callable[[Analysis], T], *, article_id: str | None = None
    ) -> tuple[Analysis, T]:
        """The analysis, and ``then(analysis)`` run on the worker thread right after it (the
        sourcing check): one job in the line, one time limit for both, and the event loop
        never runs the CPU work of either."""
        with self._waiting:
            future = asyncio.get_running_loop().run_in_executor(
                self._executor(), self._analyze, prepare, article_id, then
            )
            try:
                return await asyncio.wait_for(future, self.timeout)
            except asyncio.TimeoutError:
                # a job still in line is cancelled; one already running finishes and is dropped
                raise ApiError(504, f"the analysis took more than {self.timeout:g} s; try a shorter article") from None

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="accordingto-analysis")
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


class Writer:
    """The one read-write Corpus of a server that allows writes, used by one thread."""

    def __init__(self, path: Path, *, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._pool: ThreadPoolExecutor | None = None
        self._corpus: Corpus | None = None

    def _open(self) -> Corpus:
        if self._corpus is None:
            self._corpus = Corpus(self.path)
        return self._corpus

    async def run(self, func: Callable[[Corpus], T]) -> T:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="accordingto-writer")
        future = asyncio.get_running_loop().run_in_executor(self._pool, lambda: func(self._open()))
        try:
            return await asyncio.wait_for(future, self.timeout)
        except asyncio.TimeoutError:
            raise ApiError(504, f"writing to the corpus took more than {self.timeout:g} s") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._corpus is not None:
            self._corpus.close()
            self._corpus = None
