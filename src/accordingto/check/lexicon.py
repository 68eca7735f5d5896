"""The check's lexicons (``resources/``), read once per process."""

from __future__ import annotations

import re
from functools import cache

from accordingto.analyze.lexicon import resource_rows
from accordingto.errors import LexiconError


def _rows(filename: str) -> list[list[str]]:
    return resource_rows("accordingto.check.resources", filename)


@cache
def patterns(filename: str) -> tuple[re.Pattern[str], ...]:
    """A one-regular-expression-a-line file, compiled case-insensitively."""
    compiled = []
    for number, row in enumerate(_rows(filename), start=1):
        try:
            compiled.append(re.compile(row[0], re.IGNORECASE))
        except re.error as exc:
            raise LexiconError(f"check/resources/{filename}: pattern {number} does not compile: {exc}") from exc
    return tuple(compiled)


def matches_any(filename: str, text: str) -> re.Match[str] | None:
    """The first match of any pattern of ``filename`` in ``text``."""
    for pattern in patterns(filename):
        found = pattern.search(text)
        if found:
            return found
    return None


def matches_whole(filename: str, text: str) -> bool:
    """Whether a pattern of ``filename`` matches all of ``text``."""
    return any(p.fullmatch(text.strip()) for p in patterns(filename))


@cache
def informant_nouns() -> dict[str, str]:
    """noun -> "always" or "described" (informants.tsv)."""
    table: dict[str, str] = {}
    for row in _rows("informants.tsv"):
        if len(row) != 2 or row[1] not in ("always", "described"):
            raise LexiconError(f"check/resources/informants.tsv: bad row {row!r}")
        table[row[0].lower()] = row[1]
    return table


@cache
def loaded_cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(whole-word pattern, what it implies) for each loaded attribution word."""
    table = []
    for row in _rows("loaded_cues.tsv"):
        if len(row) != 2:
            raise LexiconError(f"check/resources/loaded_cues.tsv: bad row {row!r}")
        table.append((re.compile(rf"\b(?:{row[0]})\b", re.IGNORECASE), row[1]))
    return tuple(table)
