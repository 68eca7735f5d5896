"""accordingto: according to whom? A sourcing map of every statement in a news article.

Public API::

    import accordingto
    analysis = accordingto.analyze_text(text, title=None, outlet=None)
    analysis.to_dict()       # schema accordingto/1
"""

from accordingto.analyze.analyzer import Analyzer
from accordingto.api import analyze_text, analyze_texts
from accordingto.errors import AccordingtoError
from accordingto.models import SCHEMA, Analysis, Article, Attribution, Claim, Profile, Source, Span
from accordingto.settings import Settings
from accordingto.version import __version__

__all__ = [
    "SCHEMA",
    "AccordingtoError",
    "Analysis",
    "Analyzer",
    "Article",
    "Attribution",
    "Claim",
    "Profile",
    "Settings",
    "Source",
    "Span",
    "__version__",
    "analyze_text",
    "analyze_texts",
]
