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
from accordingto.clean import clean_document, clean_html, clean_text
from accordingto.ingest import (
    DEFAULT_MAX_BYTES,
    Document,
    Fetcher,
    FetchSettings,
    InputFailure,
    PendingFetch,
    fetch_items,
)
from accordingto.ingest.fetch import DEFAULT_TIMEOUT
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


def analyze_html(
    html: str,
    *,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    id: str | None = None,
    model: str | None = None,
) -> Analysis:
    """The sourcing map of one article given as an HTML page.

    The article body is extracted (trafilatura) and becomes ``analysis.article.text``, the
    text every offset indexes; title, author, date, outlet and language come from the
    page unless given here. Raises ExtractionError when the page holds no article.
    """
    cleaned = clean_html(html, url=url)
    cleaned.title = title or cleaned.title
    cleaned.outlet = outlet or cleaned.outlet
    return default_analyzer(model).analyze(cleaned, id=id)


def analyze_url(
    url: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    id: str | None = None,
    model: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Analysis:
    """The sourcing map of the article page at ``url``, fetched with httpx.

    Raises FetchError (timeout, HTTP error), InputTooLargeError, BinaryInputError (a PDF
    or image) or ExtractionError (no article on the page), each with a one-line message.
    """
    settings = FetchSettings(timeout=timeout, max_bytes=max_bytes)
    with Fetcher(settings) as fetcher:
        (item,) = fetch_items(fetcher, PendingFetch(url=url, origin=url, expand_feeds=False))
    if isinstance(item, InputFailure):
        raise item.error
    assert isinstance(item, Document), "a page link never expands into a feed"
    item.title = title or item.title
    item.outlet = outlet or item.outlet
    return default_analyzer(model).analyze(clean_document(item), id=id)
