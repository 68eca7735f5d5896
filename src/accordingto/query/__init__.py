"""The read side of a corpus, shared by the CLI, the REST API and the web UI.

Plain functions that take a ``sqlite3.Connection`` (``Corpus(path).connection``) and return
typed records (:mod:`accordingto.query.records`, each with ``to_dict()``), pages of them with
limit/offset pagination, never printing anything:

* :func:`search_attributions` full-text search with :class:`Filters`;
* :func:`list_sources`, :func:`find_sources`, :func:`get_source`, :func:`source_statements`;
* :func:`corpus_stats` per outlet and month;
* :func:`quote_trail` who ran a quote first and who repeated it;
* :func:`list_articles`, :func:`get_article_summary`.

:class:`Corpus` wraps them all, with the write side (:class:`accordingto.store.Store`).
"""

from accordingto.query.articles import get_article_summary, list_articles
from accordingto.query.corpus import Corpus
from accordingto.query.filters import Filters
from accordingto.query.records import (
    ArticleSummary,
    AttributionHit,
    Count,
    Page,
    QuoteTrail,
    RankedSource,
    SourceSummary,
    StatsRow,
    TrailEntry,
)
from accordingto.query.search import fts_query, search_attributions
from accordingto.query.sources import find_sources, get_source, list_sources, source_statements
from accordingto.query.stats import corpus_stats
from accordingto.query.trail import quote_trail

__all__ = [
    "ArticleSummary",
    "AttributionHit",
    "Corpus",
    "Count",
    "Filters",
    "Page",
    "QuoteTrail",
    "RankedSource",
    "SourceSummary",
    "StatsRow",
    "TrailEntry",
    "corpus_stats",
    "find_sources",
    "fts_query",
    "get_article_summary",
    "get_source",
    "list_articles",
    "list_sources",
    "quote_trail",
    "search_attributions",
    "source_statements",
]
