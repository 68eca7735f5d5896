"""Hedges inside attributed content: words that weaken or distance a statement (hedges.txt)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from accordingto.analyze import lexicon
from accordingto.analyze.syntax import CharRange


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per hedge phrase, with the phrase, longest phrase first (so "believed to be" wins)."""
    return tuple((p, re.compile(r"(?<!\w)" + re.escape(p) + r"(?!\w)")) for p in lexicon.phrases("hedges.txt"))


def find_hedges(text: str, content: Iterable[CharRange]) -> list[CharRange]:
    """Every hedge phrase in the content, none starting inside another."""
    found: list[CharRange] = []
    for s, e in content:
        piece = text[s:e].lower()
        for phrase, pattern in _patterns():
            if phrase not in piece:
                continue  # a plain substring test is far cheaper than the regex scan it rules out
            for match in pattern.finditer(piece):
                start = s + match.start()
                if not any(a <= start < b for a, b in found):
                    found.append((start, s + match.end()))
    return sorted(found)
