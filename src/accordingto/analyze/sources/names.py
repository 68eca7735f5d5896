"""Names as printed: titles stripped, keys to compare, tokens joined as they were written."""

from __future__ import annotations

import functools
import re
from typing import Any

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.syntax import CharRange


def name_titles() -> frozenset[str]:
    return lexicon.name_titles()


#: names are compared thousands of times per article set, few distinct ones per article
@functools.lru_cache(maxsize=65536)
def strip_titles(name: str) -> str:
    words = name.split()
    titles = name_titles()
    while words and words[0].lower() in titles:
        words = words[1:]
    while words and words[-1] in ("'s", "’s"):
        words = words[:-1]
    return " ".join(words) or name


NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
#: words left out of an organisation's initials ("Customs and Border Protection" -> CBP)
INITIALS_SKIP = frozenset({"and", "of", "the", "for", "&", "de", "on", "in"})


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A name in comparable form: lower case, titles, suffixes ("Jr.") and hyphens aside, so that
    "Sui-Lee Wee" and "Sui Lee Wee", "James P. Kennedy Jr." and "James P. Kennedy" are one key."""
    titles = name_titles()
    words = strip_titles(name).lower().replace("’s", "").replace("-", " ").replace(",", " ").split()
    words = [w.removesuffix(".com") for w in words]  # "Edmunds.com" is Edmunds
    return " ".join(w for w in words if w not in titles and w not in NAME_SUFFIXES)


@functools.lru_cache(maxsize=65536)
def initials(name: str) -> str:
    """The initials of a name's capitalised words ("Customs and Border Protection" -> "CBP"; a
    company's legal designator aside: "General Motors Co." -> "GM")."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in INITIALS_SKIP]
    if len(words) > 2 and words[-1].lower().rstrip(".") in lexicon.word_set("legal_designators"):
        words = words[:-1]
    return "".join(w[0] for w in words if w[0].isupper())


def is_acronym_of(short: str, name: str) -> bool:
    """ "CBP" for "Customs and Border Protection", "EU" for "the European Union" (two letters or more),
    "PG&E" for "Pacific Gas & Electric Co." (the ampersand is the name's own "&")."""
    letters = short.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha() and initials(name) == letters


def display(text: str) -> str:
    return " ".join(text.split())


def join_tokens(tokens: list[Token]) -> str:
    """Tokens as printed: contiguous ones keep their spacing, gaps become one space."""
    ordered = sorted(tokens, key=lambda t: t.i)
    parts: list[str] = []
    for k, t in enumerate(ordered):
        if k and ordered[k - 1].i + 1 != t.i:
            parts.append(" ")
        parts.append(t.text_with_ws if k + 1 < len(ordered) and ordered[k + 1].i == t.i + 1 else t.text)
    return "".join(parts).strip()


@functools.cache
def _role_phrase_words() -> tuple[list[str], ...]:
    """The words of each role phrase, in the lexicon's order (longest first), split once."""
    return tuple(phrase.split() for phrase in lexicon.roles())


def role_phrase(tokens: list[Token]) -> list[Token]:
    """The longest run of tokens that is a known role ("defense minister")."""
    words = [t.lower_ for t in tokens]
    present = set(words)
    for parts in _role_phrase_words():
        if not present.issuperset(parts):
            continue  # most phrases have a word the tokens lack: no run to look for
        for k in range(len(words) - len(parts) + 1):
            if words[k : k + len(parts)] == parts and all(
                tokens[k + j + 1].i == tokens[k + j].i + 1 for j in range(len(parts) - 1)
            ):
                return tokens[k : k + len(parts)]
    return []


def looks_like_person(span: Any) -> bool:
    words = [t for t in span if t.is_alpha]
    return 1 <= len(words) <= 4 and all(t.is_title for t in words) and not ends_like_a_body(words[-1].text)


def person_noun(tok: Token, source_kinds: dict[str, str]) -> bool:
    """A noun that names what a person is ("director", "chair", "spokeswoman")."""
    return source_kinds.get(tok.lemma_.lower()) == "person" or tok.lower_ in lexicon.role_words()


def person_shaped_org(ent: Any) -> bool:
    """An entity the NER calls an organisation that is shaped like a person's name: two to four
    capitalised words, no company ending ("Eva-Marie Persson", "Marcelo Claure"). Only with a
    person's role written beside it is it taken for one."""
    return ent.label_ == "ORG" and len([t for t in ent if t.is_alpha]) >= 2 and looks_like_person(ent)


#: births a first name needs in first_names.tsv to be taken for one (read for a name's kind, never its gender)
MIN_FIRST_NAME_BIRTHS = 500


def common_first_name(word: str) -> bool:
    first = lexicon.first_names().get(word.lower())
    return first is not None and first[1] >= MIN_FIRST_NAME_BIRTHS


def first_name_led(ent: Any) -> bool:
    """ "NBC's Lester Holt": a person-shaped name the NER calls an organisation whose first word is a
    common first name. Only its last word used alone ("if Holt asks") is read as that person: a
    company can bear a founder's full name ("Morgan Stanley"), rarely its surname alone."""
    words = [t for t in ent if t.is_alpha]
    return person_shaped_org(ent) and len(words) <= 3 and common_first_name(words[0].text)


def named_with_a_role(ent: Any, source_kinds: dict[str, str]) -> bool:
    """ "executive chair Marcelo Claure": a person-shaped name the NER calls an organisation, with a
    person's role noun just before it."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.pos_ == "NOUN" and person_noun(before, source_kinds) and person_shaped_org(ent)


def ends_like_a_body(word: str) -> bool:
    """A proper name's last word that makes it a company or institution ("Dick Clark Productions")."""
    return word.lower().rstrip(".") in lexicon.word_set("organization_suffixes")


def outlet_like(name: str, last: Token) -> bool:
    """A proper name ending like a newspaper's ("the Harbour Ledger", "Tampa Bay Times")."""
    words = name.split()
    return len(words) >= 2 and last.pos_ == "PROPN" and words[-1].lower() in lexicon.outlet_words()


def longest_first(ranges: list[CharRange]) -> list[CharRange]:
    """Matches with those inside a longer one dropped, in text order."""
    kept: list[CharRange] = []
    for start, end in sorted(ranges, key=lambda r: (r[0], -r[1])):
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    return kept


def count_of(phrase: str) -> int | None:
    """The number a count phrase states ("four", "a dozen", "12"), or None."""
    cleaned = phrase.lower().replace(",", "").strip()
    value = lexicon.count_words().get(cleaned)
    if value is not None:
        return value
    if cleaned.isdigit():
        return int(cleaned)
    return None


def same_person(own: list[str], written: list[str], firsts: set[str]) -> bool:
    """Whether a name written in the text is this person's: the same first name and surname,
    or one of them a surname alone where the text names nobody else with it in full ("Mr.
    Obama" with Barack and Michelle Obama in the text is neither's)."""
    if not written or own[-1] != written[-1]:
        return False
    if len(own) >= 2 and len(written) >= 2:
        return own[0] == written[0]
    if len(own) >= 2:
        return firsts <= {own[0]}
    return len(firsts) <= 1
