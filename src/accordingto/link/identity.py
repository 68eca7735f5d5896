"""Who is who across articles: the rules that give each stored source a corpus identity.

Pure functions on :class:`~accordingto.models.Source` values; :mod:`accordingto.store.writer`
applies them inside the transaction that stores an article.

The rules (``docs/database.md`` has examples):

1. An anonymous source (``named=False``) is its own identity, never merged with anything.
2. A named source is reduced to a *name key*: accents, case, punctuation and a possessive
   "'s" removed, and leading titles dropped ("Defense Minister Yoav Gallant" -> ``yoav gallant``;
   "The Washington Post" -> ``washington post``). Two sources with the same key of two or
   more words are one identity, whatever their kind (the full name is the evidence).
   So are organizations, outlets, groups and documents with the same one-word key ("Reuters").
3. A person named by a surname alone ("Gallant") is a *lone surname*. It joins a full-name
   person with that surname only on evidence: the same role ("defense minister"), the same
   affiliation, or being the only full-name person in the corpus with that surname (and not
   contradicting that person's roles). Otherwise it joins the other lone surnames with the
   same role or affiliation, or stays on its own: two different people who share a surname
   are never merged without evidence.

Rule 3 is order-independent: whenever a source with surname X is stored or removed, every
lone surname X in the corpus is decided again from the current full-name persons.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from accordingto.analyze import lexicon
from accordingto.models import Source

PERSON_LIKE_KINDS = frozenset({"person", "unspecified"})
#: changes whenever a rule below decides differently: a corpus stored under other rules has
#: its lone surnames decided again when it is next opened for writing (store.writer.repair_identities)
RULES_VERSION = "2"

#: Words that come before a name without being part of it: honorifics, offices, ranks,
#: descriptors (titles.tsv of the analysis lexicon, shared with the analysis).
TITLE_WORDS = lexicon.title_words()
#: Nationality and place adjectives dropped only when a title word follows ("Israeli Defense
#: Minister..."), so that first names such as "Brian" are kept.
_DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ic", "ch")
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
_ARTICLES = frozenset({"the", "a", "an"})
_ROLE_DROP = frozenset({"former", "then", "acting", "interim", "the", "a", "an", "its", "his", "her", "their"})

_APOSTROPHES = lexicon.apostrophe_folding()
_TOKEN = re.compile(r"[^\W_](?:[\w'\-.]*[^\W_])?", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def key_word(token: str) -> str:
    return fold(token).replace("'", "").replace(".", "")


def raw_tokens(name: str) -> list[str]:
    """The words of a name as written, possessive "'s" removed."""
    tokens = []
    for raw in _TOKEN.findall(name.translate(_APOSTROPHES)):
        token = raw[:-2] if raw.endswith("'s") else raw
        if key_word(token):
            tokens.append(token)
    return tokens


def name_tokens(name: str) -> list[str]:
    """The words of a name in comparable form (folded, no apostrophes or dots)."""
    return [key_word(t) for t in raw_tokens(name)]


def _is_title(word: str) -> bool:
    return word in TITLE_WORDS


def _is_descriptor(token: str, following: str) -> bool:
    """A leading word that describes rather than names: a title, a lower-case word
    ("billionaire"), or a nationality before a title ("Israeli Defense ...")."""
    word = key_word(token)
    if _is_title(word) or token[:1].islower():
        return True
    return word.endswith(_DEMONYM_ENDINGS) and _is_title(key_word(following))


def name_words(name: str, role: str | None = None, kind: str = "person") -> list[str]:
    """The name proper, as written. For a person (or an unspecified kind): leading titles and
    descriptors, the source's role, and trailing suffixes (Jr., III) dropped; empty when only
    titles were left ("the President"). For an organization, outlet, group or document only
    a leading article goes ("The port authority" -> "port authority")."""
    words = raw_tokens(name)
    if kind not in PERSON_LIKE_KINDS:
        while len(words) > 1 and key_word(words[0]) in _ARTICLES:
            words = words[1:]
        return [] if len(words) == 1 and key_word(words[0]) in _ARTICLES else words
    role_words = name_tokens(role) if role else []
    if role_words and [key_word(w) for w in words[: len(role_words)]] == role_words and len(words) > len(role_words):
        words = words[len(role_words) :]
    while len(words) > 1 and _is_descriptor(words[0], words[1]):
        words = words[1:]
    while len(words) > 1 and key_word(words[-1]) in NAME_SUFFIXES:
        words = words[:-1]
    if len(words) == 1 and (_is_title(key_word(words[0])) or words[0][:1].islower()):
        return []
    return words


def slug(words: Iterable[str]) -> str:
    return "-".join(w.replace("-", "") for w in words if w)


def role_key(value: str | None) -> str | None:
    """A role or affiliation in comparable form ("Former Defense Minister" -> "defense minister"),
    or None when nothing usable is left."""
    if not value:
        return None
    words = [w for w in name_tokens(value) if w not in _ROLE_DROP and w.isalpha()]
    key = " ".join(words)
    return key if len(key) >= 3 else None


def roles_match(a: str, b: str) -> bool:
    """Same role, or one is a part of the other ("minister" and "defense minister")."""
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


@dataclass(frozen=True, slots=True)
class Fixed:
    """An identity decided by the source alone: its key, display name, and the surname under
    which lone surnames may look it up (full-name identities only)."""

    corpus_source_id: str
    display: str
    named: bool
    surname: str | None
    rule: str


@dataclass(frozen=True, slots=True)
class LoneSurname:
    """A person named by one word: decided against the corpus (:func:`decide_lone_surname`)."""

    surname: str
    display: str
    kind: str
    role_key: str | None
    affiliation_key: str | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A full-name identity that a lone surname could belong to, with the roles and
    affiliations its full-name sources were given."""

    corpus_source_id: str
    name: str
    roles: frozenset[str]
    affiliations: frozenset[str]


@dataclass(frozen=True, slots=True)
class Decision:
    corpus_source_id: str
    display: str
    rule: str


def classify(source: Source, source_id: str) -> Fixed | LoneSurname:
    """What the source alone says about its identity."""
    if not source.named:
        return Fixed(f"anonymous~{source_id}", source.name, False, None, "anonymous")
    shown = name_words(source.name, source.role, source.kind)
    if not shown:
        return Fixed(f"unnamed~{source_id}", source.name, True, None, "unnamed")
    display = " ".join(shown)
    words = [key_word(w) for w in shown]
    if len(words) == 1 and source.kind in PERSON_LIKE_KINDS:
        return LoneSurname(
            surname=words[0],
            display=display,
            kind=source.kind,
            role_key=role_key(source.role),
            affiliation_key=role_key(source.affiliation),
        )
    surname = words[-1] if len(words) > 1 else None
    return Fixed(slug(words), display, True, surname, "name")


def lookup_keys(source: Source) -> set[str]:
    """The surnames and one-word keys whose lone surnames must be decided again when this
    source is stored or removed."""
    if not source.named:
        return set()
    words = name_words(source.name, source.role, source.kind)
    return {key_word(words[-1])} if words else set()


def decide_lone_surname(
    lone: LoneSurname,
    source_id: str,
    candidates: Sequence[Candidate],
    exact: Candidate | None,
    *,
    outlet: str | None = None,
    role_identities: Sequence[Candidate] = (),
) -> Decision:
    """The identity of a lone surname, given the full-name persons with that surname
    (``candidates``), an existing one-word identity with the same key (``exact``), the lone
    identities of that surname made by a role or affiliation (``role_identities``) and the
    outlet of its article."""
    if lone.kind == "unspecified" and exact is not None and not candidates:
        return Decision(exact.corpus_source_id, exact.name, "name")
    if lone.role_key:
        matching = [c for c in candidates if any(roles_match(lone.role_key, r) for r in c.roles)]
        if len(matching) == 1:
            return Decision(matching[0].corpus_source_id, matching[0].name, "surname-role")
    if lone.affiliation_key:
        matching = [c for c in candidates if any(roles_match(lone.affiliation_key, a) for a in c.affiliations)]
        if len(matching) == 1:
            return Decision(matching[0].corpus_source_id, matching[0].name, "surname-affiliation")
    if len(candidates) == 1 and not _contradicts(lone, candidates[0]):
        return Decision(candidates[0].corpus_source_id, candidates[0].name, "surname-unique")
    if lone.role_key:
        return Decision(f"{lone.surname}~role~{slug(lone.role_key.split())}", lone.display, "same-surname-role")
    if lone.affiliation_key:
        key = f"{lone.surname}~affiliation~{slug(lone.affiliation_key.split())}"
        return Decision(key, lone.display, "same-surname-affiliation")
    if len(role_identities) == 1 and not candidates:
        only = role_identities[0]  # the one "Trump" the corpus knows by a role: nothing says this is another
        return Decision(only.corpus_source_id, only.name, "surname-one-role")
    if outlet and not candidates:
        # one outlet's bare "Trump" is one person: no corpus listing shows "Trump (5); Trump (4)"
        return Decision(f"{lone.surname}~outlet~{slug(name_tokens(outlet))}", lone.display, "surname-outlet")
    return Decision(f"{lone.surname}~{source_id}", lone.display, "surname-alone")


def _contradicts(lone: LoneSurname, candidate: Candidate) -> bool:
    """A role (or affiliation) that none of the candidate's is like: evidence of another person."""
    if lone.role_key and candidate.roles and not any(roles_match(lone.role_key, r) for r in candidate.roles):
        return True
    return bool(
        lone.affiliation_key
        and candidate.affiliations
        and not any(roles_match(lone.affiliation_key, a) for a in candidate.affiliations)
    )
