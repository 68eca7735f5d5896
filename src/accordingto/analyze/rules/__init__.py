"""The rules of the attribution analysis, one module per family; importing this package
registers them all (see :mod:`accordingto.analyze.ruleset`)."""

from accordingto.analyze.rules import (  # noqa: F401  (registers the rules)
    according_to,
    adjectives,
    attach,
    boundaries,
    filters,
    layout_cues,
    nouns,
    phrases,
    policy,
    seen_as,
    verbs,
)
