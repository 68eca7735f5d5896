"""Who each source is: mentions described, resolved into entities, linked to attributions."""

from accordingto.analyze.sources import antecedents, describe, resolver, who  # noqa: F401  (registers the rules)
from accordingto.analyze.sources.resolver import resolve_sources

__all__ = ["resolve_sources"]
