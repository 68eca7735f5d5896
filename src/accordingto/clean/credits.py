"""Bylines and credit lines -> the people an article is credited to, and its wire service.

A credit arrives as one string, from a byline line ("By Jane Doe and John Roe, Reuters"), a
page's metadata ("Victor Tangermann, Futurism", trafilatura's "Jill Disis; CNN Business"), a
feed or a JSONL field. :func:`parse_credit` splits it into parts and sorts each one:

* a person's name goes to ``authors`` (a shouted "JANE DOE" written "Jane Doe");
* a wire service or syndication credit ("Reuters", "The Associated Press", "AP Staff")
  becomes ``wire`` (its canonical name, from ``resources/wire_services.tsv``) and is never
  an author, so "By Reuters" gives a wire and no author;
* a desk that speaks for the paper ("Editorial Board", "The Editors") is kept as an author:
  an editorial is the board's, and that is whom a reader would cite;
* staff credits that name nobody ("Staff", "Staff writer", "Admin"), job titles ("Senior
  Writer"), organisations and outlets ("CNN Business", "Telegraph Sport") are dropped.

The words that decide this are data (``resources/credit_words.tsv``), not code. Being
wrong costs more one way than the other: an outlet or a job title listed as a person is a
visible error, a missed author is only a gap, so a part must look like a name to be one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

#: Parts of a credit: "Jane Doe, John Roe and Ann Poe", "Jane Doe | CNN", "Jane Doe (Reuters)",
#: "Victor Tangermann; Futurism", "Finian Cunningham. Sputnik International", "Jane Doe - AP".
_SEPARATOR: Final = re.compile(r"\s*(?:[;|,/·•()\[\]]|\s[-–—]\s|\s(?i:and|&)\s|(?<=[^\W\d_]{3})\.\s+(?=[A-Z]))\s*")
#: "By", "Analysis by", "Words and pictures by", "Author:" opening a credit.
_OPENER: Final = re.compile(r"^(?:(?:[^\W\d_]+\s+){0,2}?(?i:by)\b\s*:?|(?i:authors?|byline|words)\s*:)\s*")
#: "Reporting by Jane Doe in London and John Roe in Paris": the places go
_IN_PLACE: Final = re.compile(r"\s+(?:in|from)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*")
_REPORTING: Final = re.compile(r"(?i:reporting|reported|writing|written)\s+(?i:by)\s+(?P<names>.+)")
#: a footer's credits: "Reporting by A, B, with reporting by C, editing by D" has three
_CREDIT_SEGMENT: Final = re.compile(
    r"\s*;\s*|\s*,\s*(?=(?i:additional|with|editing|edited|writing|compiled|graphics|fact-checked)\s)"
)
_URL_OR_EMAIL: Final = re.compile(r"https?://\S*|www\.\S+|\S+@\S+|@\w+", re.I)
_DOMAIN: Final = re.compile(r"[^\W_]\.(?:com|org|net|co|in|uk|de|br|ru|io|info|news|tv)\b", re.I)
_INITIAL: Final = re.compile(r"^(?:[A-Z]\.?|(?:[A-Z]\.){2,3})$")
_NAME_WORD: Final = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]+)*\.?$")
_MC: Final = re.compile(r"^(Ma?c)([a-z])(?=[a-z]{2})")
_EDGE_PUNCTUATION: Final = " \t.,:;'\"“”‘’*-–—"
#: at most this many words in a person's name (particles and "Jr." not counted)
MAX_NAME_WORDS: Final = 5
#: a one-word name ("Regan", as a blog's metadata gives it) has at least this many letters
MIN_ONE_WORD_LETTERS: Final = 3
#: outlet names, each as the keys of its words
_Outlets = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Credit:
    """What a credit names: the authors in byline order, and a wire service."""

    authors: tuple[str, ...] = ()
    wire: str | None = None

    def __bool__(self) -> bool:
        return bool(self.authors or self.wire)


def join_authors(authors: Iterable[str]) -> str | None:
    """The byline as one string: "Jane Doe and John Roe"."""
    return " and ".join(authors) or None


def byline(authors: Iterable[str], written: str | None) -> str | None:
    """An article's ``author``: its authors joined; when no person was found, the credit as it
    was written ("Staff Reporter", "Admin"), unless it names only a wire service: a wire is
    recorded as the wire, never as the byline."""
    joined = join_authors(authors)
    if joined or not written:
        return joined
    credit = parse_credit(written)
    return None if credit.wire and not credit.authors else " ".join(written.split()) or None


# ------------------------------------------------------------------ the data files
@dataclass(frozen=True, slots=True)
class _Wires:
    exact: dict[str, str]  # spellings written in capitals: matched as written
    folded: dict[str, str]  # the others: matched in any case
    pattern: str  # any spelling, "The" optional, as a regular expression
    regex: re.Pattern[str]


@cache
def _wires() -> _Wires:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    alternatives: list[tuple[int, str]] = []
    for spelling, canonical in _rows("wire_services.tsv"):
        escaped = r"\s+".join(re.escape(word) for word in spelling.split())
        if spelling.upper() == spelling:
            exact[spelling] = canonical
            alternatives.append((len(spelling), escaped))
        else:
            folded[_fold(spelling)] = canonical
            alternatives.append((len(spelling), f"(?i:{escaped})"))
    ordered = "|".join(regex for _, regex in sorted(alternatives, key=lambda a: -a[0]))
    pattern = rf"(?<![\w-])(?:(?i:the)\s+)?(?:{ordered})(?![\w-])"
    return _Wires(exact, folded, pattern, re.compile(pattern))


@cache
def credit_words() -> dict[str, frozenset[str]]:
    """The phrases of ``credit_words.tsv`` by kind (staff, desk, role, org, date, particle,
    suffix, section), casefolded."""
    kinds: dict[str, set[str]] = {}
    for kind, phrase in _rows("credit_words.tsv"):
        kinds.setdefault(kind, set()).add(_fold(phrase))
    return {kind: frozenset(phrases) for kind, phrases in kinds.items()}


def _rows(name: str) -> list[tuple[str, str]]:
    text = resources.files("accordingto.clean.resources").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) != 2 or not all(f.strip() for f in fields):
            raise ValueError(f"{name}:{number}: expected 2 tab-separated fields")
        rows.append((fields[0].strip(), fields[1].strip()))
    return rows


def _words(kind: str) -> frozenset[str]:
    return credit_words().get(kind, frozenset())


@cache
def _never_in_a_name() -> frozenset[str]:
    return _words("org") | _words("not-name")


def wire_pattern() -> str:
    """A regular expression for any wire spelling (the ``%WIRE%`` of ``lines.tsv``)."""
    return _wires().pattern


# ------------------------------------------------------------------ wire services
def canonical_wire(text: str | None) -> str | None:
    """The wire service a whole credit names ("The Associated Press", "REUTERS", "AP Staff",
    "AP Sports Writer" -> "AP"), or None."""
    if not text:
        return None
    words = _strip_edges(text).split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    while words:
        found = _lookup_wire(" ".join(words))
        if found or _fold(words[-1]) not in _words("role"):
            return found
        words = words[:-1]  # "AP Sports Writer": the job title after the wire goes
    return None


def wire_mentioned(text: str | None) -> str | None:
    """The first wire service a credit line mentions ("Copyright 2024 The Associated Press",
    "With inputs from PTI", "Thomson Reuters"), or None."""
    if not text:
        return None
    match = _wires().regex.search(text)
    return canonical_wire(match.group(0)) if match else None


def _lookup_wire(spelling: str) -> str | None:
    wires = _wires()
    return wires.exact.get(spelling) or wires.folded.get(_fold(spelling))


# ------------------------------------------------------------------ credits
def parse_credit(value: str | None, *, outlets: Iterable[str] = (), one_word: bool = False) -> Credit:
    """The authors and wire service of one credit string.

    outlets: names of the publishing outlet (site name, publisher, domain); a credit that is
        one of them, or the outlet with a desk after it ("Telegraph Sport"), is no person.
    one_word: the value is one field of structured metadata, where a credit of a single word
        can be a person ("Regan"); a byline line's single word never is.
    """
    if not value:
        return Credit()
    text = _OPENER.sub("", _URL_OR_EMAIL.sub(" ", " ".join(value.split())))
    parts = _attach_suffixes([p for p in _SEPARATOR.split(text) if _strip_edges(p)])
    outlet_words = _outlet_words(outlets)
    lone = one_word and len(parts) == 1
    authors: list[str] = []
    wire: str | None = None
    for part in parts:
        names, part_wire = _read_part(part, outlet_words, lone)
        authors.extend(names)
        wire = wire or part_wire
    return Credit(_unique(authors), wire)


def names_someone(value: str | None) -> bool:
    """Whether a byline's credit names a person, a desk, a wire, or staff ("By Staff
    Reporter"): a line that fits a byline pattern but names none of them ("Major Companies
    Pull Support For Republican Convention.") is no byline."""
    if not value:
        return False
    if parse_credit(value):
        return True
    parts = [_fold(_strip_edges(p)) for p in _SEPARATOR.split(_OPENER.sub("", value)) if _strip_edges(p)]
    return bool(parts) and all(p in _words("staff") or set(p.split()) <= _words("role") for p in parts)


def credit_from_values(values: Iterable[str], *, outlets: Iterable[str] = (), one_word: bool = True) -> Credit:
    """Several credit strings of one source (a JSON-LD author list, a feed's creators)."""
    outlets = tuple(outlets)
    authors: list[str] = []
    wire: str | None = None
    for value in values:
        credit = parse_credit(value, outlets=outlets, one_word=one_word)
        authors.extend(credit.authors)
        wire = wire or credit.wire
    return Credit(_unique(authors), wire)


def reporters_in(credits: str | None) -> Credit:
    """The reporters and writers of a credit footer ("Reporting by Jane Doe in London;
    Writing by Ann Poe; Editing by John Roe" -> Jane Doe, Ann Poe): editors, additional
    reporting, graphics and the like are not the article's authors."""
    if not credits:
        return Credit()
    authors: list[str] = []
    wire: str | None = None
    for segment in _CREDIT_SEGMENT.split(credits.strip(" ()")):
        match = _REPORTING.match(segment)
        if match:
            credit = parse_credit(_IN_PLACE.sub("", match.group("names")))
            authors.extend(credit.authors)
            wire = wire or credit.wire
    return Credit(_unique(authors), wire)


def _read_part(part: str, outlets: _Outlets, lone: bool) -> tuple[list[str], str | None]:
    """One part of a credit: the names in it, and the wire it names."""
    text = _strip_edges(part)
    key = _fold(text)
    if key in _words("staff"):
        return [], None
    if key in _words("desk") or any(key.endswith(" " + desk) for desk in _words("desk") if " " in desk):
        return [_normal_case(text)], None
    wire = canonical_wire(text)
    if wire:
        return [], wire
    person = _person(text, outlets, lone)
    if person:
        return [person], None
    return _name_before_wire(text, outlets)


def _name_before_wire(text: str, outlets: _Outlets) -> tuple[list[str], str | None]:
    """ "JILL LAWLESS Associated Press": a name run into the wire it works for."""
    for match in _wires().regex.finditer(text):
        if match.end() == len(text) and match.start() > 0:
            person = _person(text[: match.start()].strip(), outlets, lone=False)
            if person:
                return [person], canonical_wire(match.group(0))
    return [], None


def _person(text: str, outlets: _Outlets, lone: bool) -> str | None:
    """``text`` as a person's name, case normalised, or None when it is not one."""
    tokens = [t.strip(",;:") for t in text.split()]
    while len(tokens) > 1 and _fold(tokens[-1]).rstrip(".,") in _words("date"):
        tokens.pop()  # "Malcolm Owen Monday": the page's date ran into the byline
    if not tokens or _DOMAIN.search(text) or any(c.isdigit() for c in text):
        return None
    shouted = text.upper() == text and sum(c.isalpha() for c in text) > 3
    if not all(_name_token(t, i, len(tokens), shouted) for i, t in enumerate(tokens)):
        return None
    named = [t for t in tokens if not _is_particle(t) and not _is_suffix(t)]
    if {_fold(t).rstrip(".") for t in named} & _never_in_a_name() or _contains_outlet(tokens, outlets):
        return None
    if len(named) == 1 and not _one_word_name(named[0], outlets, lone and not shouted):
        return None
    if not 1 <= len(named) <= MAX_NAME_WORDS:
        return None
    return " ".join(_title_word(t, i) for i, t in enumerate(tokens)) if shouted else " ".join(tokens)


def _name_token(token: str, index: int, count: int, shouted: bool) -> bool:
    """A word a name can have here: a capitalised word, an initial, a particle inside it,
    a suffix at its end; an acronym ("CNN", "MS") only in a byline shouted throughout."""
    if _is_particle(token):
        return 0 < index < count - 1
    if _is_suffix(token):
        return index == count - 1 and index > 0
    if _INITIAL.match(token):
        return True
    if not token[:1].isupper() or not _NAME_WORD.match(token):
        return False
    if index == 0 and token.casefold() == "the":
        return False  # "The Washington Post", "The Associated Press": names never start so
    letters = [c for c in token if c.isalpha()]
    return shouted or len(letters) < 2 or not all(c.isupper() for c in letters)


def _one_word_name(token: str, outlets: _Outlets, allowed: bool) -> bool:
    """A credit of one word is a person only in structured metadata, and not when it is the
    outlet or part of the site's domain ("LinkNaija", "Beachbody" on beachbodyondemand.com)."""
    key = _key(token)
    if not allowed or len(key) < MIN_ONE_WORD_LETTERS or key in _words("staff"):
        return False
    return not any(key in "".join(words) for words in outlets)


def _contains_outlet(tokens: list[str], outlets: _Outlets) -> bool:
    """The outlet's name with more words around it: "Telegraph Sport", "CNN Business"."""
    keys = [_key(t) for t in tokens]
    for words in outlets:
        size = len(words)
        if 0 < size < len(keys) and any(tuple(keys[i : i + size]) == words for i in range(len(keys) - size + 1)):
            return True
    return False


def _outlet_words(outlets: Iterable[str]) -> _Outlets:
    """Each outlet name as the keys of its words, a leading "The" left out."""
    found = []
    for outlet in outlets:
        words = outlet.split()
        if words and words[0].casefold() == "the":
            words = words[1:]
        keys = tuple(k for k in (_key(w) for w in words) if k)
        if keys:
            found.append(keys)
    return tuple(found)


def _attach_suffixes(parts: list[str]) -> list[str]:
    """ "Martin Luther King, Jr.": the suffix belongs to the name before it."""
    joined: list[str] = []
    for part in parts:
        suffix = part.strip(" ,;")
        if joined and _is_suffix(suffix):
            joined[-1] = f"{joined[-1]} {suffix}"
        else:
            joined.append(part)
    return joined


def _title_word(token: str, index: int) -> str:
    """A word of a shouted name in its usual case: "O'NEIL" -> "O'Neil", "MCDONALD" ->
    "McDonald", "JEAN-PAUL" -> "Jean-Paul", "VAN" inside a name -> "van"."""
    if _INITIAL.match(token):
        return token
    lower = token.lower()
    if index > 0 and lower in _words("particle"):
        return lower
    if lower.rstrip(".") in ("ii", "iii", "iv"):
        return token
    titled = re.sub(r"(^|[-'’])([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), lower)
    return _MC.sub(lambda m: m.group(1) + m.group(2).upper(), titled)


def _normal_case(text: str) -> str:
    """A desk as usually written: "THE EDITORIAL BOARD" -> "The Editorial Board"."""
    if text.upper() != text:
        return text
    words = text.lower().split()
    return " ".join(w if i and w in ("of", "the", "and") else w.capitalize() for i, w in enumerate(words))


def _is_particle(token: str) -> bool:
    return token.islower() and token in _words("particle")


def _is_suffix(token: str) -> bool:
    return _fold(token) in _words("suffix")


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    """Names in order, each once: "Sarah E. Needleman" and "Sarah E Needleman" are one, and
    so are "Troy Smith" and "Troy L. Smith" (initials are left out of the comparison)."""
    seen: set[str] = set()
    unique = []
    for name in names:
        key = _key(" ".join(w for w in name.split() if not _INITIAL.match(w)))
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return tuple(unique)


def _strip_edges(text: str) -> str:
    """Punctuation around a part goes, but not the full stop of "Jr." or an initial."""
    stripped = text.strip(_EDGE_PUNCTUATION)
    rest = text[len(text) - len(text.lstrip(_EDGE_PUNCTUATION)) + len(stripped) :]
    words = stripped.split()
    if rest.startswith(".") and words and (_is_suffix(words[-1] + ".") or _INITIAL.match(words[-1] + ".")):
        return stripped + "."
    return stripped


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())
