"""Which earlier source a mention refers to: one rule per kind of mention, in order.

A rule answers with the entity the mention joins, with :data:`NEW_ENTITY` when the
mention starts an entity of its own (later rules are not asked), or with None when the
mention is not of its kind.
"""

from __future__ import annotations

from typing import Final

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.describe import PERSON_PRONOUNS, PLURAL_PRONOUNS, RELATIVE_PRONOUNS, THING_PRONOUNS
from accordingto.analyze.sources.mentions import Entity, Mention, SourceContext
from accordingto.analyze.sources.names import name_key


class _NewEntity:
    def __repr__(self) -> str:
        return "NEW_ENTITY"


NEW_ENTITY: Final = _NewEntity()
Answer = Entity | _NewEntity | None
#: tokens a "he" may look back for a PERSON name when no person source precedes it
PERSON_LOOKBACK_TOKENS = 120


def recent_first(sc: SourceContext) -> list[Entity]:
    return sorted(sc.entities, key=lambda e: -e.last)


@rule(
    "resolve.relative.v1",
    stage="resolve",
    order=10,
    purpose="""A relative pronoun ('who', 'which') is its antecedent noun.""",
    examples=[Example("The mayor, who said the water was safe, resigned.", source="who", source_name="The mayor")],
    counterexamples=["The mayor said the water was safe."],
)
def relative(sc: SourceContext, m: Mention) -> Answer:
    if m.pronoun not in RELATIVE_PRONOUNS:
        return None
    from accordingto.analyze.sources.resolver import resolve

    antecedent = sc.doc[m.head].head
    while antecedent.dep_ == "relcl" or antecedent.pos_ in ("VERB", "AUX"):
        antecedent = antecedent.head
        if antecedent.head.i == antecedent.i:
            break
    if antecedent.i != m.head and antecedent.pos_ in ("NOUN", "PROPN"):
        return resolve(sc, antecedent.i)
    return NEW_ENTITY


@rule(
    "resolve.pronoun.v1",
    stage="resolve",
    order=20,
    purpose=""""he"/"she" join the last person, "they" the last group, organization or outlet,
    "it" the last organization, outlet or document; other pronouns stand alone.""",
    examples=[
        Example(
            "Mayor Ines Calloway said the water was unsafe. She said filters would be handed out.",
            content="filters would be handed out",
            source="She",
            source_name="Ines Calloway",
        )
    ],
    counterexamples=["Ines Calloway said the water was unsafe."],
)
def pronoun(sc: SourceContext, m: Mention) -> Answer:
    if not m.pronoun:
        return None
    candidates = recent_first(sc)
    found: Entity | None = None
    if m.pronoun in PERSON_PRONOUNS:
        found = next((e for e in candidates if e.kind == "person" and not e.plural), None)
        if found is None and sc.rules.enabled("resolve.person_in_text.v1"):
            found = person_in_text(sc, m)
            if found is not None:
                sc.switches.append("resolve.person_in_text.v1")
    elif m.pronoun in PLURAL_PRONOUNS:
        found = next((e for e in candidates if e.plural or e.kind in ("group", "organization", "outlet")), None)
    elif m.pronoun in THING_PRONOUNS:
        found = next((e for e in candidates if e.kind in ("organization", "outlet", "document")), None)
    return found or NEW_ENTITY


@rule(
    "resolve.person_in_text.v1",
    stage="switch",
    order=0,
    purpose="""'he' with no person source before it: the nearest PERSON name in the preceding text
    (within PERSON_LOOKBACK_TOKENS tokens).""",
    examples=[
        Example(
            "Governor Tom Wolf visited the plant on Monday. He said the jobs would stay.",
            source="He",
            source_name="Tom Wolf",
        )
    ],
    counterexamples=["The governor said the jobs would stay."],
)
def person_in_text(sc: SourceContext, m: Mention) -> Entity | None:
    from accordingto.analyze.sources.resolver import resolve

    for ent in reversed([e for e in sc.ner.ents if e.label_ == "PERSON" and e.end <= m.head]):
        if m.head - ent.end > PERSON_LOOKBACK_TOKENS:
            break
        return resolve(sc, ent.end - 1)
    return None


@rule(
    "resolve.name.v1",
    stage="resolve",
    order=30,
    purpose="""A proper name joins an entity with the same name (titles and possessives aside), or a
    person whose surname it is ("Calloway" -> "Ines Calloway"; the NER's label for a bare surname
    is not trusted).""",
    examples=[
        Example(
            "Mayor Ines Calloway said the water was unsafe. Calloway said filters would be handed out.",
            content="filters would be handed out",
            joins="the water was unsafe",
        )
    ],
    counterexamples=["She said filters would be handed out."],
)
def same_name(sc: SourceContext, m: Mention) -> Answer:
    if not (m.named and m.name):
        return None
    candidates = recent_first(sc)
    key = name_key(m.name)
    for e in candidates:
        if e.named and name_key(e.name) == key:
            return e
    if m.kind == "outlet":
        return NEW_ENTITY
    return _by_surname(key.split(), m, candidates) or NEW_ENTITY


def _by_surname(parts: list[str], m: Mention, candidates: list[Entity]) -> Entity | None:
    if not parts:
        return None
    for e in candidates:
        if not e.named or e.kind not in ("person", "unspecified"):
            continue
        other = name_key(e.name).split()
        if not other:
            continue
        if len(parts) == 1 and parts[0] == other[-1]:
            return e
        if len(other) == 1 and other[0] == parts[-1] and m.kind in ("person", "unspecified"):
            return e
    return None


@rule(
    "resolve.definite.v1",
    stage="resolve",
    order=40,
    purpose="""A definite description ("the official", "the outlet", "the ministry") joins the last
    entity with that head noun (for "the outlet"/"the newspaper", the last outlet); "the senator"
    a named person last given that title.""",
    examples=[
        Example(
            "An Israeli official told reporters the talks had stalled. The official said more talks were planned.",
            content="more talks were planned",
            joins="the talks had stalled",
        )
    ],
    counterexamples=["An Israeli official said more talks were planned."],
)
def definite(sc: SourceContext, m: Mention) -> Answer:
    if not m.definite:
        return None
    candidates = recent_first(sc)
    if m.lemma in lexicon.word_set("outlet_nouns"):
        found = next((e for e in candidates if e.kind == "outlet"), None)
        if found is not None:
            return found
    same = next((e for e in candidates if e.lemma == m.lemma and e.plural == m.plural), None)
    if same is not None or m.kind != "person" or m.plural:
        return same or NEW_ENTITY
    if sc.rules.enabled("resolve.titled_person.v1"):
        found = titled_person(sc, m, candidates)
        if found is not None:
            sc.switches.append("resolve.titled_person.v1")
            return found
    return NEW_ENTITY


@rule(
    "resolve.titled_person.v1",
    stage="switch",
    order=0,
    purpose="""'The senator said...', 'The Democratic presidential nominee says...': the named person
    last given that title, as a source or in the preceding sentences.""",
    examples=[
        Example(
            "Senator Tim Kaine spoke in Ohio on Monday. The senator said the race was close.",
            source="The senator",
            source_name="Tim Kaine",
        )
    ],
    counterexamples=["A senator said the race was close."],
)
def titled_person(sc: SourceContext, m: Mention, candidates: list[Entity]) -> Entity | None:
    from accordingto.analyze.sources.resolver import resolve

    titles = {m.lemma, *lexicon.title_abbreviations().get(m.lemma, ())}
    for e in candidates:
        if e.kind == "person" and e.named and not e.plural:
            words = {w.lower() for w in (e.role or "").split()}
            words |= {w.lower() for x in e.mentions for w in x.text.split()}
            if words & titles:
                return e
    head = sc.doc[m.head]
    window_start = sc.sentences.of_token(max(0, sc.sentences.of_token(head.i).start - 1)).start
    for ent in reversed(
        [e for e in sc.ner.ents if e.label_ == "PERSON" and window_start <= e.start and e.end <= head.i]
    ):
        before = sc.doc[max(0, ent.start - 3) : ent.start]
        if {t.lower_ for t in before} & titles:
            return resolve(sc, ent.end - 1)
    return None


@rule(
    "resolve.indefinite.v1",
    stage="resolve",
    order=50,
    purpose="""Indefinite and counted descriptions ("An Israeli official", "Two Israeli officials")
    always start a new entity, so distinct anonymous sources stay apart.""",
    examples=[
        Example(
            "An official said the talks had stalled. An official said the talks would resume.",
            content="the talks would resume",
            apart_from="the talks had stalled",
        )
    ],
    counterexamples=["The official said the talks had stalled."],
)
def indefinite(sc: SourceContext, m: Mention) -> Answer:
    return NEW_ENTITY if (m.indefinite or m.count is not None or m.count_text) else None


@rule(
    "resolve.same_text.v1",
    stage="resolve",
    order=60,
    purpose="""An unnamed mention written the same way as an earlier unnamed source's mention
    ("officials" ... "officials") is that source.""",
    examples=[
        Example(
            "Officials said the road was closed. Later, officials said it had reopened.",
            content="it had reopened",
            joins="the road was closed",
        )
    ],
    counterexamples=["Officials said the road was closed. Later, residents said it had reopened."],
)
def same_text(sc: SourceContext, m: Mention) -> Answer:
    key = m.text.lower()
    return next((e for e in recent_first(sc) if not e.named and any(x.text.lower() == key for x in e.mentions)), None)
