"""The lexicons in ``resources/``, loaded once per process.

Each file is documented in ``resources/README.md``; this module only parses them into
lookup tables. Lines starting with ``#`` and blank lines are comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class CueEntry:
    lemma: str
    cls: str
    stance: str
    frames: frozenset[str] = frozenset()
    preps: tuple[str, ...] = ("about", "on", "of")


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("accordingto.analyze.resources").joinpath(filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@cache
def cue_verbs() -> dict[str, CueEntry]:
    entries = {}
    for r in _rows("cue_verbs.tsv"):
        preps = tuple(p.strip() for p in r[4].split(",")) if len(r) > 4 and r[4] else ("about", "on", "of")
        entries[r[0]] = CueEntry(r[0], r[1], r[2], frozenset(r[3]), preps)
    return entries


@cache
def lemma_fixes() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("lemma_fixes.tsv")}


@cache
def irregular_forms() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("irregular_forms.tsv")}


@cache
def cue_nouns() -> dict[str, CueEntry]:
    entries = {}
    for r in _rows("cue_nouns.tsv"):
        preps = tuple(p.strip() for p in r[3].split(",")) if len(r) > 3 and r[3] else ()
        entries[r[0]] = CueEntry(r[0], r[1], r[2], frozenset(), preps)
    return entries


@cache
def source_nouns() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("source_nouns.tsv")}


@cache
def roles() -> tuple[str, ...]:
    """Role phrases, longest first, lowercase."""
    return tuple(sorted({r[0].lower() for r in _rows("roles.txt")}, key=lambda s: (-len(s.split()), s)))


@cache
def role_words() -> frozenset[str]:
    return frozenset(w for phrase in roles() for w in phrase.split())


@cache
def outlets() -> tuple[Outlet, ...]:
    found = []
    for row in _rows("outlets.tsv"):
        aliases = tuple(a for a in row[1].split("|") if a) if len(row) > 1 else ()
        found.append(Outlet(row[0], aliases))
    return tuple(found)


@cache
def outlet_names() -> dict[str, str]:
    """Any printed name or alias (lowercased, leading "the" dropped) -> canonical name."""
    table: dict[str, str] = {}
    for outlet in outlets():
        for alias in (outlet.name, *outlet.aliases):
            table[_outlet_key(alias)] = outlet.name
    return table


def _outlet_key(name: str) -> str:
    key = " ".join(name.lower().split())
    return key[4:] if key.startswith("the ") else key


def outlet_for(name: str) -> str | None:
    """The canonical outlet a printed name refers to, or None."""
    return outlet_names().get(_outlet_key(name))


@cache
def patterns(filename: str) -> tuple[re.Pattern[str], ...]:
    """A one-regular-expression-a-line file, compiled case-insensitively."""
    return tuple(re.compile(r[0], re.IGNORECASE) for r in _rows(filename))


@cache
def outlet_words() -> frozenset[str]:
    return frozenset(r[0].lower() for r in _rows("outlet_words.txt"))


@cache
def phrases(filename: str) -> tuple[str, ...]:
    """A one-phrase-a-line file, lowercased, longest first."""
    return tuple(sorted({r[0].lower() for r in _rows(filename)}, key=lambda s: (-len(s), s)))


@cache
def word_set(name: str) -> frozenset[str]:
    """A closed word list from ``word_sets.tsv`` ("outlet_nouns", "vague_quantifiers"...)."""
    return frozenset(word_list(name))


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A word list of ``word_sets.tsv`` in its file order (where order matters, as for approximators)."""
    for row in _rows("word_sets.tsv"):
        if row[0] == name:
            return tuple(w.strip() for w in row[1].split("|") if w.strip())
    raise KeyError(f"no word set {name!r} in word_sets.tsv")


@cache
def title_abbreviations() -> dict[str, frozenset[str]]:
    """title -> how it is abbreviated before a name ("senator" -> {"sen.", "sen"})."""
    table = {}
    for item in word_list("title_abbreviations"):
        title, _, forms = item.partition("=")
        table[title] = frozenset(f for f in forms.split(",") if f)
    return table
