"""The Python API: analyse text (and, through ingest and clean, other inputs).

    >>> import accordingto
    >>> analysis = accordingto.analyze_text('"It is fine," the minister said.')
    >>> analysis.attributions[0].type
    'direct'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.clean import clean_text
from accordingto.models import Analysis
from accordingto.settings import Settings


@cache
def default_analyzer(model: str | None = None) -> Analyzer:
    """One Analyzer per model per process, loaded on first use."""
    return Analyzer(Settings.from_env().with_(model=model))


def analyze_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    id: str | None = None,
    model: str | None = None,
) -> Analysis:
    """The sourcing map of one article given as plain text."""
    return default_analyzer(model).analyze(clean_text(text, title=title, outlet=outlet), id=id)


def analyze_texts(texts: Iterable[str], *, model: str | None = None) -> Iterator[Analysis]:
    """Sourcing maps of many plain-text articles, batched, in input order."""
    analyzer = default_analyzer(model)
    return analyzer.analyze_many(Job(clean_text(t)) for t in texts)
