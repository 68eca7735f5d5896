"""The ingest engine: analyse documents and store their sourcing maps in a corpus.

Where analysis (:mod:`accordingto.distributed.partition`) meets the store. Each article is
committed on its own, so an interrupted run keeps what it stored and the next run carries
on. An input already stored under the same analysis version is skipped without analysing
it; one stored under another version (other rules, lexicons, analysis code or spaCy
pipeline: the version names them all) is analysed again and replaced, and the report says
how many and under which version they had been stored.

Used by ``accordingto ingest`` and by anyone building a corpus from Python::

    with Corpus("corpus.db") as corpus:
        report = ingest_documents(corpus, iter_documents(["articles/"]), settings=Settings())
        print(report.line())
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from accordingto.errors import SchemaError, UnsupportedLanguageError
from accordingto.ingest import Document, InputFailure
from accordingto.settings import Settings

if TYPE_CHECKING:
    from accordingto.analyze.analyzer import Analyzer
    from accordingto.distributed.partition import Outcome
    from accordingto.query import Corpus

log = logging.getLogger("accordingto.ingest")
Notify = Callable[[str], None]


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0  # the same input and analysis version was already stored: not analysed again
    failed: int = 0
    #: articles left out because they are not in English (error AT110), by language named in the error
    other_language: Counter[str] = field(default_factory=Counter)
    #: analysis versions the re-analysed articles had been stored under, with how many each
    reanalysed: Counter[str] = field(default_factory=Counter)
    version: str = ""
    started: float = field(default_factory=time.perf_counter)

    @property
    def processed(self) -> int:
        return self.added + self.replaced + self.unchanged + self.skipped + self.failed + self.left_out

    @property
    def left_out(self) -> int:
        return sum(self.other_language.values())

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def line(self) -> str:
        rate = self.processed / self.elapsed if self.elapsed > 0 else 0.0
        left = f", {self.left_out} not in English left out" if self.left_out else ""
        return (
            f"{self.added} added, {self.replaced} replaced, {self.unchanged + self.skipped} already stored, "
            f"{self.failed} failed{left} in {self.elapsed:.1f} s ({rate:.1f} articles/s)"
        )

    def reanalysis_line(self) -> str | None:
        """What was analysed again because it had been stored under another analysis version."""
        if not self.reanalysed:
            return None
        total = sum(self.reanalysed.values())
        olds = ", ".join(f"{v} ({n})" for v, n in self.reanalysed.most_common(3))
        more = "" if len(self.reanalysed) <= 3 else f" and {len(self.reanalysed) - 3} more"
        return f"{total} stored under another analysis version were analysed again with {self.version}: {olds}{more}"


def input_hash(doc: Document) -> str:
    """SHA-256 of an input as read (text or HTML and its metadata): the same input analysed
    by the same analysis version is skipped before analysis."""
    payload = [doc.text, doc.html, doc.title, doc.outlet, doc.published, doc.url]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


def ingest_documents(
    corpus: Corpus,
    items: Iterable[Document | InputFailure],
    *,
    settings: Settings,
    jobs: int = 1,
    analyzer: Analyzer | None = None,
    on_item: Callable[[IngestReport], None] | None = None,
    notify: Notify = log.warning,
) -> IngestReport:
    """Analyse and store documents: each stored article is committed on its own, so an
    interrupted run keeps every article already stored and the next run skips them.
    ``notify`` receives one line per problem (a failed input, a repeated id)."""
    from accordingto.analyze.analyzer import Analyzer
    from accordingto.distributed.partition import analyze_documents, analyze_parallel

    analyzer = analyzer or Analyzer(settings)
    report = IngestReport(version=analyzer.version)
    pending: dict[str, str] = {}
    fresh = _fresh(corpus, items, analyzer.version, report, pending, on_item, notify)
    outcomes: Iterator[Outcome] = (
        analyze_parallel(fresh, settings, jobs=jobs) if jobs > 1 else analyze_documents(fresh, analyzer)
    )
    for outcome in outcomes:
        store_outcome(corpus, outcome, pending, report, notify)
        if on_item:
            on_item(report)
    return report


def _fresh(
    corpus: Corpus,
    items: Iterable[Document | InputFailure],
    version: str,
    report: IngestReport,
    pending: dict[str, str],
    on_item: Callable[[IngestReport], None] | None,
    notify: Notify,
) -> Iterator[Document | InputFailure]:
    """The inputs that need analysing: not stored yet, changed, or stored under another version."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Document):
            article_id, digest = item.id or item.content_id(), input_hash(item)
            if seen.get(article_id, digest) != digest:
                notify(
                    f"warning: {item.origin} has the same article id {article_id!r} as an earlier input; "
                    "it replaces it (give inputs distinct names or ids)"
                )
            seen[article_id] = digest
            stored = corpus.stored_version(article_id, digest)
            if stored == version:
                report.skipped += 1
                if on_item:
                    on_item(report)
                continue
            if stored is not None:
                report.reanalysed[stored] += 1
            pending[item.origin] = digest
        yield item


def store_outcome(
    corpus: Corpus, outcome: Outcome, pending: dict[str, str], report: IngestReport, notify: Notify = log.warning
) -> None:
    """Store one analysed input (or count its failure) and update the report."""
    if outcome.analysis is None:
        if outcome.error_code == UnsupportedLanguageError.code:
            report.other_language[_language_of(outcome.error or "")] += 1
            notify(f"note: {outcome.problem()}")
            return
        report.failed += 1
        notify(f"error: {outcome.problem()}")
        return
    try:
        status = corpus.add(outcome.analysis, input_hash=pending.pop(outcome.origin, None))
    except SchemaError as exc:  # a broken record fails this article only
        report.failed += 1
        notify(f"error: {outcome.origin}: {exc}")
        return
    if status == "added":
        report.added += 1
    elif status == "replaced":
        report.replaced += 1
    else:
        report.unchanged += 1


def _language_of(message: str) -> str:
    """ "German" from "the article is in German (de), not English..."."""
    found = re.search(r"is in (.+?) \(", message)
    return found.group(1) if found else "another language"


def ingest_parquet(
    corpus: Corpus,
    folder: Path,
    *,
    on_item: Callable[[IngestReport], None] | None = None,
    notify: Notify = log.warning,
) -> IngestReport:
    """Store the analyses held in Parquet tables (see :mod:`accordingto.distributed.tables`),
    one transaction per article; ``Corpus.add`` leaves an article already stored with the same
    content hash and analysis version unchanged, so a second run stores nothing new."""
    from accordingto.distributed.partition import Outcome
    from accordingto.distributed.tables import count_rows, read_analyses, table_path

    report = IngestReport()
    for item in read_analyses(folder):
        if item.analysis is None:
            report.failed += 1
            notify(f"error: {item.article_id}: {item.error}")
        else:
            store_outcome(corpus, Outcome(item.article_id, analysis=item.analysis), {}, report, notify)
        if on_item:
            on_item(report)
    failures = count_rows(table_path(folder, "failures"))
    if failures:
        notify(f"note: {folder}/failures lists {failures:,} inputs the job could not analyse; they are not stored")
    return report
