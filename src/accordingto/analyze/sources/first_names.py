"""Gender from a person's first name, only when asked for (``--gender-from-names``).

The table (``first_names.tsv``) is the US Social Security Administration's count of births by
first name and registered sex, 1930-2017 (public domain; ``scripts/build_first_names.py``).
It is a statistic of a population, not a statement of the text: it decides only for a person
the text gives no gender at all, only when nearly every bearer of the name was registered one
sex and the name is common enough for the share to mean something, and its result is always
marked ``gender_basis: name``. Names the table does not know (most names outside the US), rare
names, names given to both sexes ("Jordan", "Robin") and hyphenated names it does not list
("Jean-Pierre" is not read as "Jean") stay unknown.
"""

from __future__ import annotations

import re

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.mentions import Entity, SourceContext
from accordingto.analyze.sources.salience import full_names_with_surname
from accordingto.analyze.syntax import CharRange

#: a name is called only when at least this share of its bearers were registered one sex
CALL_SHARE = 0.95
#: and at least this many births carried it (a share of a handful of babies says little)
MIN_BIRTHS = 500
_FIRST_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


@rule(
    "source.gender_from_names.v1",
    stage="switch",
    order=1,
    opt_in=True,
    purpose="""Opt-in (--gender-from-names): after source.gender.v3, a named person the text gives
    no gender gets one from the first name of their full name in first_names.tsv (US Social
    Security births 1930-2017, public domain), when at least 95% of at least 500 bearers were
    registered one sex; gender_basis "name" and the first name as evidence. Text evidence always
    comes first; names the table cannot call with confidence stay unknown. A source mentioned by
    surname alone reads the full name the text gives it elsewhere ("Reid" after "Harry Reid"),
    when the text names nobody else with that surname. The same call steers pronoun agreement:
    "she" does not resolve to a John Okafor the text gives no gender.""",
    examples=[
        Example("Patricia Okafor said the deal was close.", content="the deal was close", gender="female"),
        Example("Gregory Lund said the roads were closed.", content="the roads were closed", gender="male"),
    ],
    counterexamples=["Jordan Okafor said the deal was close."],
)
def mark_gender_from_names(sc: SourceContext) -> None:
    for entity in sc.entities:
        person = entity.kind == "person" and entity.named and not entity.plural
        if entity.mentions and person and entity.gender_basis == "none":
            _decide_from_name(sc, entity)


def _decide_from_name(sc: SourceContext, entity: Entity) -> None:
    first = first_name_span(sc, entity)
    if first is None:
        return
    gender = gender_of_first_name(sc.text[first[0] : first[1]])
    if gender is None:
        return
    entity.text_gender = gender
    entity.gender_basis = "name"
    entity.gender_evidence = [first]
    entity.note("source.gender_from_names.v1")


def gender_of_first_name(name: str) -> str | None:
    """ "female" or "male" when the table calls the name with confidence, else None."""
    found = lexicon.first_names().get(name.lower())
    if found is None:
        return None
    share, births = found
    if births < MIN_BIRTHS:
        return None
    if share >= CALL_SHARE:
        return "female"
    if share <= 1 - CALL_SHARE:
        return "male"
    return None


def first_name_span(sc: SourceContext, entity: Entity) -> CharRange | None:
    """Where the first word of the person's full name is written in a mention of them, when
    that word is a given name (not an initial, not a lone surname); for a source named by
    surname alone, where the text writes the one full name it has with that surname
    ("Claure" after "Marcelo Claure")."""
    words = entity.name.split()
    if len(words) < 2:
        return _full_name_elsewhere(sc, entity.name)
    match = _FIRST_WORD.match(words[0])
    if match is None or len(match.group()) < 2 or match.group() != words[0].rstrip(",."):
        return None  # "J.", "O'": initials and fragments are not given names
    given = match.group()
    for m in entity.mentions:
        if m.pronoun is None:
            at = sc.text.find(given, m.span[0], m.span[1])
            if at >= 0:
                return (at, at + len(given))
    # mentioned as "Reid", named in full elsewhere: "Senate Minority Leader Harry Reid"
    found = re.search(rf"(?<!\w){re.escape(entity.name)}(?!\w)", sc.text)
    return (found.start(), found.start() + len(given)) if found else None


def _full_name_elsewhere(sc: SourceContext, surname: str) -> CharRange | None:
    """The given name of the one person the text names in full with this surname."""
    firsts = full_names_with_surname(sc, surname.lower())
    if len(firsts) != 1:
        return None  # "Okafor" alone, or "Barack" and "Michelle Obama": nothing to read
    for ent in sc.ner.ents:
        words = [t for t in ent if t.is_alpha]
        if ent.label_ == "PERSON" and len(words) >= 2 and words[-1].lower_ == surname.lower():
            given = words[0]
            if given.lower_ in firsts and len(given.text) >= 2:
                return (given.idx, given.idx + len(given.text))
    return None
