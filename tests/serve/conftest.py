"""Apps over small corpora for the API and page tests (FastAPI's TestClient, no network)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import spacy
from fastapi.testclient import TestClient

from accordingto.analyze.analyzer import Analyzer
from accordingto.clean import CleanArticle
from accordingto.models import Analysis, Article
from accordingto.query import Corpus
from accordingto.serve.app import create_app
from tests.query.conftest import story, who_story

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample_article.txt"

MakeClient = Callable[..., AbstractContextManager[TestClient]]


def corpus_file(path: Path, analyses: list[Analysis]) -> Path:
    with Corpus(path) as corpus:
        for analysis in analyses:
            corpus.add(analysis)
    return path


@pytest.fixture
def story_db(tmp_path: Path) -> Path:
    """The query tests' red-line story (built records, no NLP) in a corpus file."""
    return corpus_file(tmp_path / "story.db", story())


@pytest.fixture
def who_db(tmp_path: Path) -> Path:
    """The bridge story of the query tests (who gets quoted: genders, role classes, bylines)."""
    return corpus_file(tmp_path / "bridge.db", who_story())


@pytest.fixture
def make_client(story_db: Path, analyzer: Analyzer) -> MakeClient:
    """A TestClient over an app on the story corpus; keyword arguments go to create_app."""

    @contextmanager
    def make(**options: Any) -> Iterator[TestClient]:
        options.setdefault("analyzer", analyzer)
        db = options.pop("db", story_db)
        raise_errors = options.pop("raise_server_exceptions", True)
        base_url = options.pop("base_url", "http://testserver")
        app = create_app(db, **options)
        with TestClient(app, raise_server_exceptions=raise_errors, base_url=base_url) as client:
            yield client

    return make


@pytest.fixture
def client(make_client: MakeClient) -> Iterator[TestClient]:
    with make_client() as opened:
        yield opened


@pytest.fixture
def writable(make_client: MakeClient) -> Iterator[TestClient]:
    with make_client(allow_writes=True) as opened:
        yield opened


class SlowAnalyzer:
    """An analyzer that takes its time: for timeouts and full queues."""

    def __init__(self, seconds: float) -> None:
        self.nlp = spacy.blank("en")
        self.seconds = seconds
        self.calls = 0

    def analyze(self, article: CleanArticle, *, id: str | None = None) -> Analysis:
        self.calls += 1
        time.sleep(self.seconds)
        return Analysis(Article(id=id or "slow", text=article.text))


class BrokenAnalyzer:
    """An analyzer with a bug: for the 500 answer."""

    nlp = spacy.blank("en")

    def analyze(self, article: CleanArticle, *, id: str | None = None) -> Analysis:
        raise RuntimeError("secret detail /etc/passwd line 42")
