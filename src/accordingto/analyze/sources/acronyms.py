"""A body is named in full where the text names it so: "the EU said" after "the European
Union" is the European Union, "SoftBank said" after "SoftBank Group Corp." is SoftBank Group
Corp. Only the name changes; who is who was decided before."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from accordingto.analyze import lexicon
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


@rule(
    "source.company_full_name.v1",
    stage="switch",
    order=0,
    purpose="""After resolution, an organisation named by a short form ("SoftBank") takes the one
    longer name the NER gives it elsewhere in the text that only adds words saying what kind of
    company it is (legal_designators: "SoftBank Group Corp.", "Acme Holdings Ltd"): the fullest
    proper name the article gives it. Product and unit names ("Apple Music") add other words
    and are left alone.""",
    examples=[
        Example(
            "The deal was led by SoftBank Group Corp. on Monday. SoftBank said the rescue would close soon.",
            content="the rescue would close soon",
            source_name="SoftBank Group Corp.",
        )
    ],
    counterexamples=["The deal was led by Apple Music on Monday. Apple said the rescue would close soon."],
)
def name_companies_in_full(sc: SourceContext) -> None:
    for entity in sc.entities:
        if entity.mentions and entity.named and entity.kind == "organization":
            full = _company_in_full(sc, entity.name)
            if full is not None:
                entity.name, rule_id = full
                entity.note(rule_id)


def _company_in_full(sc: SourceContext, name: str) -> tuple[str, str] | None:
    """The one fuller name of the body, and the rule that found it."""
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    designators = lexicon.word_set("legal_designators")
    longer = set()
    for ent in sc.ner.ents:
        if ent.label_ != "ORG":
            continue
        kept = [t for t in ent if t.text not in (",", ".") and t.tag_ != "POS"]
        if kept and kept[0].lower_ == "the":
            kept = kept[1:]
        tokens = [t.text for t in kept]
        extra = tokens[len(words) :]
        if tokens[: len(words)] == words and extra and all(w.lower().rstrip(".") in designators for w in extra):
            full = re.sub(r"\s*['’]s$", "", display(ent.text)).removeprefix("the ").removeprefix("The ")
            longer.add((full, "source.company_full_name.v1"))
        elif sc.rules.enabled("source.national_full_name.v1") and national_before(kept, words):
            longer.add((" ".join(tokens), "source.national_full_name.v1"))
    return next(iter(longer)) if len({n for n, _ in longer}) == 1 else None


@rule(
    "source.national_full_name.v1",
    stage="switch",
    order=0,
    purpose="""An organisation named without the nation or place its name holds ("Communist Party",
    "the Senate") takes the one longer name the NER gives it elsewhere in the text that only adds
    adjectives of a nation or region before it (nationality_adjectives: "the Chinese Communist
    Party", "The Nigerian Senate"): the
    fullest proper name the article gives it. A person's name or another noun before it ("the
    Trump White House") is no part of the body's name. Applied with source.company_full_name.v1.""",
    examples=[
        Example(
            "The protests degrade the Chinese Communist Party's claim to power. The Communist Party said the"
            " protesters were rioters.",
            content="the protesters were rioters",
            source_name="Chinese Communist Party",
        )
    ],
    counterexamples=[
        "The Trump White House was silent on Monday. The White House said the protesters were rioters.",
    ],
)
def national_before(tokens: list[Token], words: list[str]) -> bool:
    """ "Chinese Communist Party" of "Communist Party", "Nigerian Senate" of "Senate": the name
    after adjectives of a nation or region (nationality_adjectives), which the NER names as one body."""
    extra = tokens[: len(tokens) - len(words)]
    return (
        bool(extra)
        and [t.text for t in tokens[len(extra) :]] == words
        and all(t.is_title and t.lower_ in lexicon.word_set("nationality_adjectives") for t in extra)
    )
