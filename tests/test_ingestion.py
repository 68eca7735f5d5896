"""The ingest engine: a changed rule set makes stored analyses stale, and ingest says so."""

from __future__ import annotations

from pathlib import Path

from accordingto.analyze.analyzer import Analyzer
from accordingto.ingest import Document
from accordingto.ingestion import ingest_documents
from accordingto.query import Corpus
from accordingto.settings import Settings

TEXTS = [
    "The mayor said the water was safe to drink. “We tested every school,” she said.",
    "Two officials told the Harbour Ledger that the company knew of the readings for months.",
]


def _documents() -> list[Document]:
    return [Document(origin=f"t{n}.txt", text=t, id=f"t{n}") for n, t in enumerate(TEXTS)]


def test_the_analysis_version_names_the_enabled_rules(analyzer: Analyzer) -> None:
    fewer = Analyzer(Settings(disabled_rules=("attach.cue_after.v1",)), nlp=analyzer.nlp)
    assert "+rules." in analyzer.version
    assert fewer.version != analyzer.version
    assert fewer.version == analyzer.version_for(fewer.rules)


def test_ingest_skips_what_is_current_and_reanalyses_what_other_rules_made(analyzer: Analyzer, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    settings = Settings()
    with Corpus(db) as corpus:
        first = ingest_documents(corpus, _documents(), settings=settings, analyzer=analyzer)
        again = ingest_documents(corpus, _documents(), settings=settings, analyzer=analyzer)
    assert (first.added, again.skipped, again.reanalysis_line()) == (2, 2, None)

    other = Settings(disabled_rules=("attach.cue_after.v1",))
    changed = Analyzer(other, nlp=analyzer.nlp)
    with Corpus(db) as corpus:
        report = ingest_documents(corpus, _documents(), settings=other, analyzer=changed)
        stored = corpus.get("t0")
    assert report.skipped == 0 and report.replaced == 2
    assert report.reanalysed == {analyzer.version: 2}
    line = report.reanalysis_line()
    assert line is not None and analyzer.version in line and changed.version in line
    assert stored is not None and stored.analysis_version == changed.version
