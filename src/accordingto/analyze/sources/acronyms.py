"""A body quoted by its acronym is named as the text spells it out: "the EU said" after "the
European Union" is the European Union. Only the name changes; who is who was decided before."""

from __future__ import annotations

import re

from spacy.tokens import Span

from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.mentions import Entity, SourceContext
from accordingto.analyze.sources.names import display, is_acronym_of

#: the kinds of entity the NER names that a body's full name can be
_BODY_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,7}$")
#: two or more capitalised words, with the small words a body's name holds between them
#: ("Customs and Border Protection", "Bank of America")
_CAPITALISED = re.compile(r"[A-Z][\w&'’-]*(?:\s+(?:(?:and|of|the|for|on|in|to|&)\s+)*[A-Z][\w&'’-]*)+")


@rule(
    "source.acronym_name.v1",
    stage="switch",
    order=0,
    purpose="""After resolution, an organisation or group named by an acronym ("EU", "CBP") takes
    the full name the text spells out for it anywhere ("the European Union", "Customs and Border
    Protection"), the first the NER names whose initials the acronym is.""",
    examples=[
        Example(
            "The European Union met on Monday. The EU said the deal was fair.",
            content="the deal was fair",
            source_name="European Union",
        )
    ],
    counterexamples=["The EU said the deal was fair."],
)
def spell_out_acronyms(sc: SourceContext) -> None:
    for entity in sc.entities:
        if entity.mentions and entity.named and entity.kind in ("organization", "group"):
            full = _spelled_out(sc, entity)
            if full is not None:
                entity.name = full
                entity.note("source.acronym_name.v1")


def _spelled_out(sc: SourceContext, entity: Entity) -> str | None:
    if not _ACRONYM.match(entity.name):
        return None
    return next(iter(spelled_out(sc, entity.name)), None)


def spelled_out(sc: SourceContext, acronym: str) -> list[str]:
    """What an acronym stands for where the text spells it out: the bodies the NER names whose
    initials it is ("the European Union" for "EU"), then runs of capitalised words the NER did
    not label whole ("Live Nation is producing the tour. According to LN...", "Customs and
    Border Protection", which the NER may cut in two)."""
    if not acronym.replace(".", "").isupper():
        return []
    found = [re.sub(r"^(?:the|The)\s+", "", display(ent.text)) for ent in bodies_spelling(sc, acronym)]
    return found + [run for run in _capitalised_runs(sc) if is_acronym_of(acronym, run)]


def bodies_spelling(sc: SourceContext, acronym: str) -> list[Span]:
    """The bodies the NER names (of more than one word) whose initials the acronym is."""
    if not acronym.replace(".", "").isupper():
        return []
    return [e for e in sc.ner.ents if e.label_ in _BODY_ENTS and len(e) > 1 and is_acronym_of(acronym, e.text)]


def _capitalised_runs(sc: SourceContext) -> list[str]:
    """Runs of two or more capitalised words, with the small words names hold between them;
    read once per document."""
    if sc.capitalised_runs is None:
        sc.capitalised_runs = [m.group() for m in _CAPITALISED.finditer(sc.text)]
    return sc.capitalised_runs
