"""accordingto: according to whom? A sourcing map of every statement in a news article.

Public API::

    import accordingto
    analysis = accordingto.analyze_text(text, title=None, outlet=None)
    analysis.to_dict()       # schema accordingto/1

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
    "Profile": "accordingto.models",
    "Settings": "accordingto.settings",
    "Source": "accordingto.models",
    "Span": "accordingto.models",
    "analyze_text": "accordingto.api",
    "analyze_texts": "accordingto.api",
}

__all__ = sorted([*_EXPORTS, "__version__"])

if TYPE_CHECKING:
    from accordingto.analyze.analyzer import Analyzer
    from accordingto.api import analyze_text, analyze_texts
    from accordingto.errors import AccordingtoError
    from accordingto.models import SCHEMA, Analysis, Article, Attribution, Claim, Profile, Source, Span
    from accordingto.settings import Settings


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'accordingto' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
