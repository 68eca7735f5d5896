"""A body quoted by its acronym is named as the text spells it out: "the EU said" after "the
European Union" is the European Union. Only the name changes; who is who was decided before."""

from __future__ import annotations

import re

from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.mentions import Entity, SourceContext
from accordingto.analyze.sources.names import display, is_acronym_of

#: the kinds of entity the NER names that a body's full name can be
_BODY_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,7}$")
#: small words inside a body's name ("Customs and Border Protection", "Bank of America")
_NAME_JOINERS = frozenset({"and", "&", "of", "for"})


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
    for ent in sc.ner.ents:
        if ent.label_ in _BODY_ENTS and len(ent) > 1:
            name = re.sub(r"^(?:the|The)\s+", "", display(ent.text))
            if is_acronym_of(entity.name, name):
                return name
    # "Live Nation is producing the tour. According to LN...": a name the NER did not label
    return next((run for run in _capitalised_runs(sc) if is_acronym_of(entity.name, run)), None)


def _capitalised_runs(sc: SourceContext) -> list[str]:
    """Runs of two or more capitalised words ("Live Nation", "Customs and Border Protection"),
    with the small words names hold between them."""
    runs: list[str] = []
    words: list[str] = []
    for tok in sc.doc:
        if tok.is_title and tok.is_alpha:
            words.append(tok.text)
            continue
        if words and tok.lower_ in _NAME_JOINERS:
            words.append(tok.text)
            continue
        _close_run(words, runs)
        words = []
    _close_run(words, runs)
    return runs


def _close_run(words: list[str], runs: list[str]) -> None:
    while words and words[-1].lower() in _NAME_JOINERS:
        words = words[:-1]
    if len(words) >= 2:
        runs.append(" ".join(words))
