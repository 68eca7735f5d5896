"""accordingto: according to whom? A sourcing map of every statement in a news article.

Public API::

    import accordingto
    analysis = accordingto.analyze_text(text, title=None, outlet=None)
    analysis = accordingto.analyze_html(html, url=None)   # a saved page
    analysis = accordingto.analyze_url("https://...")      # fetched with httpx
    analysis.to_dict()       # schema accordingto/1
    corpus = accordingto.Corpus("corpus.db")  # store, search, compare outlets, export

Names are imported on first use, so ``import accordingto`` stays light and a stage can be
used without loading the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from accordingto.version import __version__

_EXPORTS = {
    "SCHEMA": "accordingto.models",
    "AccordingtoError": "accordingto.errors",
    "Analysis": "accordingto.models",
    "Analyzer": "accordingto.analyze.analyzer",
    "Article": "accordingto.models",
    "Attribution": "accordingto.models",
    "Claim": "accordingto.models",
    "Corpus": "accordingto.query",
    "Profile": "accordingto.models",
    "Settings": "accordingto.settings",
    "Source": "accordingto.models",
    "Span": "accordingto.models",
    "analyze_html": "accordingto.api",
    "analyze_text": "accordingto.api",
    "analyze_texts": "accordingto.api",
    "analyze_url": "accordingto.api",
}

__all__ = sorted([*_EXPORTS, "__version__"])

if TYPE_CHECKING:
    from accordingto.analyze.analyzer import Analyzer
    from accordingto.api import analyze_html, analyze_text, analyze_texts, analyze_url
    from accordingto.errors import AccordingtoError
    from accordingto.models import SCHEMA, Analysis, Article, Attribution, Claim, Profile, Source, Span
    from accordingto.query import Corpus
    from accordingto.settings import Settings


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'accordingto' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
