"""The lexicons in ``resources/``, loaded once per process.

Each file is documented in ``resources/README.md``; this module only parses them into
lookup tables. Lines starting with ``#`` and blank lines are comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from accordingto.errors import LexiconError


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
    """The rows of a resource file, cells stripped; ``#`` lines and blank lines skipped."""
    return [[cell.strip() for cell in row] for row in _rows_raw(filename)]


def _rows_raw(filename: str) -> list[list[str]]:
    """The rows of a resource file as written (cells may be spaces or marks)."""
    text = resources.files("accordingto.analyze.resources").joinpath(filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(line.split("\t"))
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


def _pairs(name: str) -> tuple[tuple[str, str], ...]:
    """A word set of ``key=value`` items, in file order."""
    found = []
    for item in word_list(name):
        key, sep, value = item.partition("=")
        if not sep:
            raise LexiconError(f"word_sets.tsv: {name} item {item!r} is not key=value")
        found.append((key, value))
    return tuple(found)


@cache
def particle_verbs() -> dict[str, str]:
    """Cue verbs that report only with a particle ("point" -> "out")."""
    return dict(_pairs("particle_verbs"))


@cache
def verb_suffixes() -> tuple[tuple[str, str], ...]:
    """(suffix, replacement) to undo on a finite verb form, tried in order."""
    return _pairs("verb_suffixes")


@cache
def confidences() -> dict[str, float]:
    """``confidence.tsv``: rule ids, cue classes and penalties -> confidence."""
    table = {}
    for row in _rows("confidence.tsv"):
        try:
            table[row[0]] = float(row[1])
        except (IndexError, ValueError):
            raise LexiconError(f"confidence.tsv: {row!r} is not a key and a number") from None
    return table


NUMBER_CLASSES = frozenset({"cardinal", "phrase", "article"})


@cache
def _number_rows() -> tuple[tuple[str, int, str], ...]:
    found = []
    for row in _rows("numbers.tsv"):
        if len(row) != 3 or row[2] not in NUMBER_CLASSES or not row[1].isdigit():
            raise LexiconError(f"numbers.tsv: {row!r} is not a word, a number and one of {sorted(NUMBER_CLASSES)}")
        found.append((row[0], int(row[1]), row[2]))
    return tuple(found)


@cache
def count_words() -> dict[str, int]:
    """Words and phrases that count sources ("four", "both", "a dozen")."""
    return {w: v for w, v, c in _number_rows() if c in ("cardinal", "phrase")}


@cache
def figure_words() -> dict[str, int]:
    """Number words inside figures ("four", "twenty", "a" in "a million")."""
    return {w: v for w, v, c in _number_rows() if c in ("cardinal", "article")}


@dataclass(frozen=True, slots=True)
class QuoteMark:
    mark: str
    double: bool
    direction: str
    partners: str


QUOTE_WEIGHTS = frozenset({"double", "single"})
QUOTE_DIRECTIONS = frozenset({"open", "close", "either"})


@cache
def quote_marks() -> dict[str, QuoteMark]:
    """``quote_marks.tsv``: every quotation mark the analysis knows, by character."""
    table: dict[str, QuoteMark] = {}
    for row in _rows_raw("quote_marks.tsv"):
        if len(row) != 4 or len(row[0]) != 1 or row[1] not in QUOTE_WEIGHTS or row[2] not in QUOTE_DIRECTIONS:
            raise LexiconError(f"quote_marks.tsv: {row!r} is not a mark, double|single, open|close|either, partners")
        table[row[0]] = QuoteMark(row[0], row[1] == "double", row[2], row[3])
    return table


def marks_of(*, double: bool | None = None, direction: str | None = None) -> frozenset[str]:
    """Quotation marks by weight and glyph direction ("either" for straight marks)."""
    return frozenset(
        q.mark
        for q in quote_marks().values()
        if (double is None or q.double == double) and (direction is None or q.direction == direction)
    )


@cache
def apostrophe_folding() -> dict[int, str]:
    """str.translate table folding every apostrophe glyph to '."""
    return str.maketrans({a: "'" for a in word_list("apostrophes")})
