"""A group's members by gender, only where the text states them: "three women and a man",
"two mothers", "a man and a woman".

Every part of the group's phrase must be a gendered noun of ``gendered_words.tsv`` with a stated
number (a numeral, a number word, "a"/"an"/"one"): "five officials, two of them women" or
"women" alone state no full count and give none. The group's own ``gender`` stays unknown (a
group has no single gender); the counts and the nouns that state them are its evidence.
"""

from __future__ import annotations

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.mentions import Entity, SourceContext
from accordingto.analyze.sources.names import count_of
from accordingto.analyze.syntax import CharRange

#: determiners that state one member ("a man")
_ONE = frozenset({"a", "an", "one"})


@rule(
    "source.group_gender.v1",
    stage="switch",
    order=2,
    purpose="""After resolution, a group's members by gender when its phrase states every one of
    them with a number and a gendered noun (gendered_words.tsv): "three women and a man" gives
    {"female": 3, "male": 1}, with the nouns as evidence. A group whose phrase leaves members
    uncounted or ungendered ("women", "two officials and a woman") gets no counts.""",
    examples=[
        Example(
            "Three women and a man said the shelter had closed.",
            content="the shelter had closed",
            gender_counts="female=3 male=1",
        ),
    ],
    counterexamples=["Women said the shelter had closed."],
)
def mark_group_genders(sc: SourceContext) -> None:
    for entity in sc.entities:
        if entity.mentions and entity.kind in ("person", "group") and (entity.plural or entity.count):
            _count_members(sc, entity)


def _count_members(sc: SourceContext, entity: Entity) -> None:
    for m in entity.mentions:
        if m.pronoun is not None:
            continue
        stated = stated_members(sc.doc[m.head])
        if stated is not None:
            counts, evidence = stated
            entity.gender_counts = counts
            entity.gender_basis = "text"
            entity.gender_evidence = evidence
            entity.note("source.group_gender.v1")
            return


def stated_members(head: Token) -> tuple[dict[str, int], list[CharRange]] | None:
    """The members by gender the phrase headed by ``head`` states, with the nouns' spans, or
    None when any part of it is uncounted or ungendered."""
    words = lexicon.gendered_words()
    counts: dict[str, int] = {}
    evidence: list[CharRange] = []
    for part in (head, *head.conjuncts):
        noun = part.lemma_.lower()
        if part.pos_ != "NOUN" or noun not in words:  # honorifics ("Mr.") and pronouns are no nouns
            return None
        number = _stated_number(part)
        if number is None:
            return None
        counts[words[noun]] = counts.get(words[noun], 0) + number
        evidence.append((part.idx, part.idx + len(part.text)))
    return counts, evidence


def _stated_number(noun: Token) -> int | None:
    """The number of members a noun's own modifiers state ("three women", "a man")."""
    for child in noun.children:
        if child.dep_ == "nummod":
            return count_of(" ".join(t.text for t in child.subtree))
        if child.dep_ == "det" and child.lower_ in _ONE:
            return 1
    return None
