"""Shared fixtures: the analyzer (loaded once), the project's own sample articles, and
the ../shared data, which tests skip with a reason when it is absent."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

# Some tests patch Analyzer with a stand-in that reuses the session's pipeline; the module
# that subclasses Analyzer must be imported before that, or it would subclass the stand-in.
import accordingto.distributed.partition  # noqa: F401
from accordingto.analyze.analyzer import Analyzer
from accordingto.clean import clean_text
from accordingto.models import Analysis

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("ACCORDINGTO_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there (a user's fresh clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared data beside the repository")
    return path


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def analyse(analyzer: Analyzer) -> Callable[[str], Analysis]:
    """Analyse a text as the CLI would (cleaned first)."""

    def run(text: str) -> Analysis:
        return analyzer.analyze(clean_text(text))

    return run


@pytest.fixture
def analyzer_runner(analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CLI runner whose commands reuse the session's analyzer instead of loading spaCy again."""
    monkeypatch.setattr("accordingto.analyze.analyzer.Analyzer", lambda settings=None: analyzer)
    return CliRunner()


@pytest.fixture
def fixture_text() -> Callable[[str], str]:
    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read
