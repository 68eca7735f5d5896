"""A cache of parsed gold texts, so that re-running the rules over a gold set takes seconds.

The spaCy parse is nine tenths of the analysis time; the rules are the rest. Each text's
parse (without our steps) is kept in a ``DocBin`` file keyed by the SHA-256 of the text the
parser saw, under a folder named for the pipeline and the spaCy version, so a cache is
never read by another model. Delete the folder to empty it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.analyze.pipeline import model_label


def default_cache_dir() -> Path:
    """``$ACCORDINGTO_CACHE``, else ``$XDG_CACHE_HOME/accordingto``, else ``~/.cache/accordingto``."""
    if os.environ.get("ACCORDINGTO_CACHE"):
        return Path(os.environ["ACCORDINGTO_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "accordingto"


class ParseCache:
    """Parsed Docs by text, for one pipeline."""

    def __init__(self, root: Path, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.dir = root / "parses" / f"{model_label(analyzer.nlp)}-spacy{spacy.__version__}"

    def _path(self, text: str) -> Path:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return self.dir / digest[:2] / f"{digest}.spacy"

    def get(self, text: str) -> Doc | None:
        path = self._path(text)
        if not path.is_file():
            return None
        try:
            docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(self.analyzer.nlp.vocab))
        except Exception:  # a damaged cache file: parse again
            return None
        return docs[0] if len(docs) == 1 and docs[0].text == text else None

    def put(self, text: str, doc: Doc) -> None:
        path = self._path(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(DocBin(docs=[doc], store_user_data=False).to_bytes())
        tmp.replace(path)

    def parses(self, jobs: Iterable[Job], on_parsed: Callable[[], None] | None = None) -> list[tuple[Job, Doc]]:
        """Every job's parse, from the cache or parsed now in one batch (and kept), in input
        order; ``on_parsed`` is called after each article parsed now (for a progress line)."""
        jobs = list(jobs)
        texts = [self.analyzer.prepare(job.article) for job in jobs]
        docs: list[Doc | None] = [self.get(text) for text in texts]
        missing = [k for k, doc in enumerate(docs) if doc is None]
        for k, (_, doc) in zip(missing, self.analyzer.parse_many(jobs[k] for k in missing), strict=True):
            self.put(texts[k], doc)
            docs[k] = doc
            if on_parsed is not None:
                on_parsed()
        return [(job, doc) for job, doc in zip(jobs, docs, strict=True) if doc is not None]
