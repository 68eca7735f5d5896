"""A person source's gender, as the text says it.

It is read after resolution, from the entities' mentions and what the rest of the text says
of them (:mod:`.coreference`), and changes nothing the resolution decided (who is who, names,
kinds); it only adds to the records.

Gender reads the same evidence pronoun agreement reads (:mod:`.salience`, ``gendered_words.tsv``):
an honorific or gendered role noun in or just before a mention (the tokens
:func:`~.salience.mention_gender` reads), a gendered noun of the role the mention gives, a
he/she pronoun resolved to the person, and a stated "they/them" (``stated_pronouns.txt``).
Evidence that disagrees gives "unknown" and keeps every span. It is gender as the journalist
wrote it, never self-identification.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.coreference import key_words, pronouns_about, surname_honorifics
from accordingto.analyze.sources.describe import RELATIVE_PRONOUNS
from accordingto.analyze.sources.mentions import Entity, Mention, SourceContext
from accordingto.analyze.sources.names import longest_first
from accordingto.analyze.sources.roles import names_of
from accordingto.analyze.sources.salience import (
    PRONOUN_GENDER,
    full_names_with_surname,
    gendered_tokens,
    mention_gender_tokens,
    person_mentions,
    quoted_at,
)
from accordingto.analyze.syntax import CharRange, chars, mention_range


@rule(
    "source.gender.v3",
    stage="switch",
    order=0,
    purpose="""After resolution, a person source's gender as the text states it: a he/she pronoun
    resolved to them, an honorific or gendered role noun in or just before a mention or in its
    role (gendered_words.tsv, the lexicon pronoun agreement reads), a stated "they/them"
    (stated_pronouns.txt), and what the rest of the text says of them: a he/his/she/her outside
    quotations that can mean no one else (the only person of its sentence it can agree with, not
    the subject of its own clause when it is an object, not inside a relative clause of another
    person's noun, no other person's name between, and no pronoun of its gender before that
    person in its sentence; else the named subject of the sentence before (of its main clause,
    or of a speech verb set in it: "..., Hollis said, is..."), passing over
    sentences that are all quotation), a his/her right after the surname and "and" ("Ortiz
    and her students", outside quotations), a gendered role noun written as part of the full
    name elsewhere ("chairman Marcelo Claure" where the statement says "Claure said") (v3), and
    "Ms. Simonyan" where the text gives the surname one
    gender and names nobody else with it. The spans are kept as evidence; evidence that disagrees
    gives "unknown". Gender as the journalist wrote it, not self-identification.""",
    examples=[
        Example(
            "Maria Lopez spoke first. She said the water was unsafe.",
            content="the water was unsafe",
            source_name="Maria Lopez",
            gender="female",
        ),
        Example("Mr. Okafor said the deal was close.", content="the deal was close", gender="male"),
        Example("A spokeswoman said the roads were closed.", content="the roads were closed", gender="female"),
        Example(
            "Jeh Johnson said the threat was real. Johnson did not name a city in his remarks.",
            content="the threat was real",
            gender="male",
        ),
        Example(
            'In an email sent by chairman Marcelo Claure, staff were told of layoffs. "We have to make cuts,"'
            " Claure said.",
            content='"We have to make cuts,"',
            gender="male",
        ),
    ],
    counterexamples=["Okafor said the deal was close."],
)
def mark_gender(sc: SourceContext) -> None:
    elsewhere = pronouns_about(sc)
    for entity in sc.entities:
        if entity.mentions and entity.kind == "person" and not entity.plural:
            _decide_gender(sc, entity, elsewhere.get(entity.id, []))


def _decide_gender(sc: SourceContext, entity: Entity, pronouns: list[tuple[CharRange, str]]) -> None:
    words = lexicon.gendered_words()
    found: dict[CharRange, str] = dict(pronouns)
    for tok in surname_honorifics(sc, entity):
        found.setdefault((tok.idx, tok.idx + len(tok.text)), words[tok.lower_])
    for span, gender in _and_their_own(sc, entity):
        found.setdefault(span, gender)
    for m in entity.mentions:
        if m.pronoun in PRONOUN_GENDER:
            found.setdefault(m.span, PRONOUN_GENDER[m.pronoun])
            continue
        if m.pronoun is not None and m.pronoun not in RELATIVE_PRONOUNS:
            continue  # "they" is plural, "it" a thing: no evidence
        for tok in mention_gender_tokens(sc, m.head, m.span) + _role_nouns(sc, m):
            found.setdefault((tok.idx, tok.idx + len(tok.text)), words[tok.lower_])
    for tok in _role_nouns_before_name(sc, entity):
        found.setdefault((tok.idx, tok.idx + len(tok.text)), words[tok.lower_])
    for span in _stated_they(sc, entity):
        found.setdefault(span, "nonbinary")
    if not found:
        return
    genders = set(found.values())
    entity.text_gender = genders.pop() if len(genders) == 1 else "unknown"
    entity.gender_basis = "text"
    entity.gender_evidence = sorted(found)
    entity.note("source.gender.v3")


def _and_their_own(sc: SourceContext, entity: Entity) -> list[tuple[CharRange, str]]:
    """ "Paganini and his team", "Reyes and her husband": a his/her right after the person's
    surname and "and", outside quotations, is theirs (when no one else the text names in full
    has that surname)."""
    words = key_words(entity)
    if not entity.named or not words or len(full_names_with_surname(sc, words[-1]) - {words[0]}) > 0:
        return []
    tails = _and_their_starts(sc)
    if not any(_may_end_with(sc.text, tail, words[-1]) for tail in tails):
        return []  # no pattern of the surname to compile: most texts name no one "X and his"
    found: list[tuple[CharRange, str]] = []
    pattern = re.compile(rf"(?<![\w-]){re.escape(words[-1])}\s+and\s+(his|her)\s+\w", re.IGNORECASE)
    # A match is the surname ending where an "and his/her" starts: the pattern is tried only
    # there, in text order and never overlapping a match (as finditer would), not over the whole
    # text once per person.
    reached = 0
    for tail in tails:
        start = tail - len(words[-1])
        match = pattern.match(sc.text, start) if start >= reached else None
        if match is None:
            continue
        reached = match.end()
        if not quoted_at(sc, match.start()):
            found.append((match.span(1), PRONOUN_GENDER[match.group(1).lower()]))
    return found


def _may_end_with(text: str, end: int, word: str) -> bool:
    """Whether ``text`` can have ``word`` (whatever its case) ending at ``end``: surely not when
    both are ASCII and differ in lower case; beyond ASCII the pattern itself decides."""
    written = text[max(0, end - len(word)) : end]
    return not (written.isascii() and word.isascii()) or written.lower() == word.lower()


#: where "and his" or "and her" follows a word (every whitespace before it): where a surname
#: written "Paganini and his team" ends
_AND_THEIR = re.compile(r"(?=\s+and\s+(?:his|her)\s+\w)", re.IGNORECASE)


def _and_their_starts(sc: SourceContext) -> list[int]:
    """The offsets where an "and his/her" can follow a surname, found once per document."""
    if sc.and_their_starts is None:
        sc.and_their_starts = [m.start() for m in _AND_THEIR.finditer(sc.text)]
    return sc.and_their_starts


def _role_nouns_before_name(sc: SourceContext, entity: Entity) -> list[Token]:
    """The gendered role nouns written as part of the person's full name anywhere in the text
    ("chairman Marcelo Claure" where the statement says only "Claure said")."""
    if not entity.named or len(key_words(entity)) < 2:
        return []
    found = []
    for ent in names_of(sc, entity):
        before = [t for t in ent.root.subtree if t.i < ent.start and t.dep_ == "compound"]
        found += [t for t in gendered_tokens(before) if t.pos_ == "NOUN"]
    return found


def _role_nouns(sc: SourceContext, m: Mention) -> list[Token]:
    """The gendered nouns of the role the mention gives ("Ms. Ali, a spokesman for...")."""
    if not m.role:
        return []
    role_words = {w.lower() for w in m.role.split()}
    start, end = chars(sc.doc, mention_range(sc.doc[m.head]))
    start, end = min(start, m.span[0]), max(end, m.span[1])
    tokens = [t for t in sc.doc[max(0, m.head - 12) : m.head + 16] if start <= t.idx < end]
    return [t for t in gendered_tokens(tokens) if t.lower_ in role_words and not _of_an_owner(t, m.head)]


def _of_an_owner(tok: Token, head: int) -> bool:
    """Whether a word belongs to whose the role is, not to the role ("Andrew, Queen Elizabeth II's
    third child": "Queen" is the mother's)."""
    for t in [tok, *tok.ancestors]:
        if t.i == head:
            return False
        if t.dep_ == "poss":
            return True
    return False


def _stated_they(sc: SourceContext, entity: Entity) -> list[CharRange]:
    """Spans of a stated "they/them" after a mention of the person, in its sentence, with no
    other person mentioned between."""
    found: list[CharRange] = []
    heads: list[int] | None = None
    for m in entity.mentions:
        if m.pronoun is not None:
            continue
        sent = sc.sentences.of_token(m.head)
        end = sent.end_char
        if not lexicon.matches_any("stated_pronouns.txt", sc.text, m.span[1], end):
            continue  # most sentences state no pronoun: one scan instead of one per pattern
        for pattern in lexicon.patterns("stated_pronouns.txt"):
            for match in pattern.finditer(sc.text, m.span[1], end):
                if heads is None:
                    heads = [p.head for p in person_mentions(sc)]
                between = [h for h in heads if m.span[1] <= sc.doc[h].idx < match.start() and h != m.head]
                if not between:
                    found.append((match.start(), match.end()))
    return longest_first(found)
