"""Which earlier source a mention refers to: one rule per kind of mention, in order.

A rule answers with the entity the mention joins, with :data:`NEW_ENTITY` when the
mention starts an entity of its own (later rules are not asked), or with None when the
mention is not of its kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from spacy.tokens import Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.acronyms import spelled_out
from accordingto.analyze.sources.coreference import all_quoted
from accordingto.analyze.sources.describe import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    THING_PRONOUNS,
    collective_of,
)
from accordingto.analyze.sources.mentions import Entity, Mention, SourceContext
from accordingto.analyze.sources.names import (
    common_first_name,
    ends_like_a_body,
    is_acronym_of,
    name_key,
    person_noun,
)
from accordingto.analyze.sources.roles import class_of_text
from accordingto.analyze.sources.salience import (
    LOOKBACK_SENTENCES,
    ORGANIZATION_ENTS,
    PRONOUN_GENDER,
    PersonMention,
    full_names_with_surname,
    quoted_at,
    ranked_antecedents,
    salience_rank,
    salient_body,
)


class _NewEntity:
    def __repr__(self) -> str:
        return "NEW_ENTITY"


NEW_ENTITY: Final = _NewEntity()
Answer = Entity | _NewEntity | None


def recent_first(sc: SourceContext) -> list[Entity]:
    return sorted(sc.entities, key=lambda e: -e.last)


@rule(
    "resolve.relative.v2",
    stage="resolve",
    order=10,
    purpose="""A relative pronoun ('who', 'which') is its antecedent noun; "who" stands for someone,
    so where the parser hung it on a thing ("talks between his government and the Taliban, who
    have refused"), the person, people or body just before it inside that phrase.""",
    examples=[
        Example("The mayor, who said the water was safe, resigned.", source="who", source_name="The mayor"),
        Example(
            "He hoped the swap would pave the way for direct talks with the Taliban, who have said they will"
            " not negotiate with Kabul.",
            source="who",
            source_name="Taliban",
        ),
    ],
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
        if m.pronoun in ("who", "whom") and not _animate(sc, antecedent):
            antecedent = _nearest_animate_before(sc, m.head, antecedent) or antecedent
        return resolve(sc, antecedent.i)
    return NEW_ENTITY


def _animate(sc: SourceContext, tok: Token) -> bool:
    """A noun that "who" can stand for: a person, a people, a body, or a noun for one."""
    return tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or sc.source_kinds.get(tok.lemma_.lower()) in (
        "person",
        "group",
        "organization",
        "outlet",
    )


def _nearest_animate_before(sc: SourceContext, relative_at: int, antecedent: Token) -> Token | None:
    """The noun just before "who", inside the phrase the parser gave it, when that noun can be
    what "who" stands for and the phrase's head cannot ("talks between his government and the
    Taliban, who have long refused": the Taliban refuse, not the talks)."""
    at = relative_at - 1
    while at > antecedent.i and sc.doc[at].is_punct:
        at -= 1
    tok = sc.doc[at]
    if at <= antecedent.i or tok.pos_ not in ("NOUN", "PROPN") or not _animate(sc, tok):
        return None
    return tok if antecedent.left_edge.i <= at <= antecedent.right_edge.i else None


@rule(
    "resolve.pronoun.v3",
    stage="resolve",
    order=20,
    purpose=""""he"/"she" join the most salient person before them whose gender, as the text states
    it, agrees (salience.py: the pronoun's sentence first, its subject first, then the subject of
    each earlier sentence); the gender of a name includes what the pronouns that can only mean
    it state ("Okafor said her team had won": a later "he" is not Okafor; coreference.py, the
    evidence source.gender.v3 reads too), a name resolved to "he" elsewhere is passed over by a
    "she", a person the text already gave the pronoun's gender comes before a nearer one it says
    nothing of, and a surname the NER calls a person elsewhere is one where it missed it
    ("Mariano wrote a memoir of her time"); "they" the last group, organization or outlet; "it" the
    last organization, outlet or document; other pronouns stand alone. Where the text does not
    decide between people, the attribution's confidence is lowered.""",
    examples=[
        Example(
            "Maria Lopez, the mayor, spoke first. She said the water was unsafe.",
            content="the water was unsafe",
            source_name="Maria Lopez",
        ),
        Example(
            "Mr. Okafor met Ms. Lund on Monday. She said the deal was close.",
            content="the deal was close",
            source_name="Lund",
        ),
        Example(
            "Pat Okafor said her team had won. Okafor met Robin Hale on Monday. He said the plan was sound.",
            content="the plan was sound",
            source_name="Robin Hale",
        ),
    ],
    counterexamples=["The mayor said the water was unsafe."],
)
def pronoun(sc: SourceContext, m: Mention) -> Answer:
    if not m.pronoun:
        return None
    candidates = recent_first(sc)
    found: Entity | None = None
    if m.pronoun in PERSON_PRONOUNS:
        found = salient_person(sc, m)
        if found is None and sc.rules.enabled("resolve.pronoun_chain.v1"):
            found = pronoun_chain(sc, m)
            if found is not None:
                sc.switches.append("resolve.pronoun_chain.v1")
    elif m.pronoun in PLURAL_PRONOUNS:
        found = next((e for e in candidates if e.plural or e.kind in ("group", "organization", "outlet")), None)
    elif m.pronoun in THING_PRONOUNS:
        found = next((e for e in candidates if e.kind in ("organization", "outlet", "document")), None)
    if m.pronoun in PLURAL_PRONOUNS | THING_PRONOUNS and sc.rules.enabled("resolve.nearer_in_text.v1"):
        nearer = nearer_in_text(sc, m, found)
        if nearer is not None:
            sc.switches.append("resolve.nearer_in_text.v1")
            return nearer
    return found or NEW_ENTITY


@rule(
    "resolve.nearer_in_text.v1",
    stage="switch",
    order=0,
    purpose=""""they" and "it" mean the people or body the text named nearer before them (their
    sentence, or the one before), though no attribution has it as a source, when more salient
    than the last mention of the earlier source (subjects first, then the nearest): people
    named together for "they" ("Senator Ann Lowe and congresswoman Rita Vance. They
    criticised..."), a named organisation or country that is a subject for "it"; never inside
    a quotation the pronoun is not in.""",
    examples=[
        Example(
            "The label said the singer could perform. Her post got the attention of two politicians:"
            " Senator Ann Lowe and congresswoman Rita Vance. They criticised the label for its conduct.",
            content="the label for its conduct",
            source_name="Ann Lowe and Rita Vance",
        )
    ],
    counterexamples=["The label said the singer could perform. They criticised the label for its conduct."],
)
def nearer_in_text(sc: SourceContext, m: Mention, found: Entity | None) -> Entity | None:
    from accordingto.analyze.sources.resolver import resolve

    pronoun = sc.doc[m.head]
    plural = m.pronoun in PLURAL_PRONOUNS
    here = sc.sentences.index_of(pronoun.i)
    start = sc.sentences.starts[max(0, here - 1)]
    latest = max((x.head for x in found.mentions if x.head < pronoun.i), default=-1) if found else -1
    quoted = quoted_at(sc, pronoun.idx)
    # the earlier source stays unless the text's candidate is more salient than its last mention
    beaten = salience_rank(sc, pronoun, sc.doc[latest]) if latest >= start else None
    best: tuple[int, bool, int] | None = None
    for tok in sc.doc[max(start, latest + 1) : pronoun.i]:
        candidate = _people_named_together(tok) if plural else _named_body(tok) and tok.text not in sc.person_words
        if not candidate or tok.i in sc.by_head or (not quoted and quoted_at(sc, tok.idx)):
            continue
        rank = salience_rank(sc, pronoun, tok)
        if (best is None or rank < best) and (beaten is None or rank < beaten):
            best = rank
    return resolve(sc, -best[2]) if best is not None else None


def _people_named_together(tok: Token) -> bool:
    """The first of two or more people's names joined by "and" (not a name inside a body's)."""
    return (
        tok.ent_type_ == "PERSON"
        and tok.pos_ == "PROPN"
        and tok.dep_ != "compound"
        and any(c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in tok.children)
    )


def _named_body(tok: Token) -> bool:
    """The head of an organisation's or a country's name the NER finds, as the subject of its
    clause ("Mexico should retaliate. It has shown..."): "it" is too often a thing for less."""
    subject = tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass"))
    return subject and tok.ent_type_ in ("ORG", "GPE") and tok.pos_ in ("PROPN", "NOUN")


def salient_person(sc: SourceContext, m: Mention) -> Entity | None:
    """The entity of the most salient earlier person whose gender agrees with the pronoun."""
    from accordingto.analyze.sources.resolver import resolve

    pronoun = sc.doc[m.head]
    wanted = PRONOUN_GENDER.get(pronoun.lower_)
    for tier in ranked_antecedents(sc, pronoun):
        agreeing = []
        for person in tier:
            entity = sc.by_head.get(person.head)
            gender = person.gender or (entity.gender if entity is not None else None)
            if wanted is None or gender in (None, wanted):
                agreeing.append((person, gender))
        while agreeing:
            chosen, gender = _most_salient(agreeing, wanted)
            entity = resolve(sc, chosen.head)
            if wanted is not None and entity.gender not in (None, wanted):
                # a name the text has called "he" elsewhere is no "she" here, though this mention says nothing
                agreeing = [pair for pair in agreeing if pair[0] is not chosen]
                continue
            others = {p.surname or p.head for p, g in agreeing[1:] if g is None and p.head != chosen.head}
            if gender is None and others - {chosen.surname or chosen.head}:
                sc.uncertain.add(m.head)  # two people the text does not tell apart
            if entity.kind in ("person", "unspecified") and not entity.plural:
                if entity.gender is None and wanted is not None:
                    entity.gender = wanted  # what the text now says of this person
                return entity
            break
    return None


@rule(
    "resolve.pronoun_chain.v1",
    stage="switch",
    order=0,
    purpose=""""She said... 'We will appeal. We have the votes.' She also accused...": a "he" or "she"
    with no agreeing person named in the sentences before it (a quotation and its speaker's
    cue can fill them) continues the last "he" or "she" of the same gender that is an earlier
    source's mention, within as many sentences, when that source is one person whose gender
    does not disagree.""",
    examples=[
        Example(
            "Rosa Imari posted a message to her fans on Monday. She claimed the label had blocked the show."
            ' "I just want to play my songs," she said. "That is all. I have tried to work this out privately.'
            ' Nobody answered. Nobody called. Nobody wrote," she added. She also accused the label of silencing'
            " her.",
            content="the label of silencing her",
            source_name="Rosa Imari",
        )
    ],
    counterexamples=["She also accused the label of silencing her."],
)
def pronoun_chain(sc: SourceContext, m: Mention) -> Entity | None:
    wanted = PRONOUN_GENDER.get(sc.doc[m.head].lower_)
    if wanted is None:
        return None
    here = sc.sentences.index_of(m.head)
    earlier = [
        (mention.head, entity)
        for entity in sc.entities
        if entity.kind == "person" and not entity.plural and entity.gender in (None, wanted)
        for mention in entity.mentions
        if mention.pronoun and mention.head < m.head and PRONOUN_GENDER.get(sc.doc[mention.head].lower_) == wanted
    ]
    if not earlier:
        return None
    head, entity = max(earlier, key=lambda pair: pair[0])
    between = range(sc.sentences.index_of(head), here)
    if sum(not all_quoted(sc, n) for n in between) > LOOKBACK_SENTENCES:
        return None
    return entity


def _most_salient(
    agreeing: list[tuple[PersonMention, str | None]], wanted: str | None
) -> tuple[PersonMention, str | None]:
    """Of the agreeing people of one tier (subjects first, then nearest first): a subject; else a
    person the text has already given the pronoun's gender over a nearer one it says nothing
    of ("Swift's albums went to a company owned by Scooter Braun. In a post she..." is Swift)."""
    if agreeing[0][0].subject or wanted is None:
        return agreeing[0]
    return next((pair for pair in agreeing if pair[1] == wanted), agreeing[0])


@rule(
    "resolve.epithet.v1",
    stage="resolve",
    order=25,
    purpose="""An epithet news copy uses for a person it has just named: "the 45-year-old said",
    "the New York Democrat said", "the Vermont independent said" (a definite, singular age or
    party noun: epithet_nouns) is the most salient person named before it, as a pronoun would
    be (its sentence and the sentences before, subjects first); where the text gave someone
    that age ("John Doe, 45,"), that person. Never a body or a group, and never a new source.""",
    examples=[
        Example(
            "Sen. Ann Lowe (D-Ore.) said the bill was dead. The Oregon Democrat said she would try again.",
            content="she would try again",
            source_name="Ann Lowe",
        ),
        Example(
            'John Doe, 45, said he saw the car. "It was going fast," the 45-year-old said.',
            content='"It was going fast,"',
            source_name="John Doe",
        ),
    ],
    counterexamples=["The Democrats said the bill was dead."],
)
def epithet(sc: SourceContext, m: Mention) -> Answer:
    age = _epithet_age(m.text)
    if age is None and not _party_epithet(sc, m):
        return None
    found = _person_of_age(sc, m, age) if age is not None else None
    if found is None:
        found = salient_person(sc, m)
    if found is None or not found.named:
        return None
    m.name, m.named, m.kind, m.plural = None, False, "person", False  # a description, not a name
    return found


@rule(
    "resolve.pair.v1",
    stage="resolve",
    order=22,
    purpose="""'Kevin King and Timothy Weeks were freed... Both men said...': 'both men', 'the two
    women', 'the pair', 'the couple' are the two people the text last named together, in this
    sentence or the three before; the pair is a named group. When the text named no two people
    together there, the description stays a source of its own.""",
    examples=[
        Example(
            "Kevin King and Timothy Weeks were freed on Tuesday. Both men said they had been treated well.",
            content="they had been treated well",
            source_name="Kevin King and Timothy Weeks",
        )
    ],
    counterexamples=["Two men were freed on Tuesday. Both men said they had been treated well."],
)
def pair(sc: SourceContext, m: Mention) -> Answer:
    if not _names_a_pair(sc, m):
        return None
    from accordingto.analyze.sources.resolver import resolve

    head = sc.doc[m.head]
    start = sc.sentences.starts[max(0, sc.sentences.index_of(head.i) - 3)]  # this sentence or the three before
    surnames: frozenset[str] | None = None
    for tok in reversed(sc.doc[start : head.left_edge.i]):
        if not any(c.dep_ == "conj" for c in tok.children):
            continue
        surnames = surnames if surnames is not None else _surnames(sc)
        if _two_people_named_together(tok, surnames):
            found = resolve(sc, tok.i)
            return found if found.kind == "group" and found.named else None
    return None


def _names_a_pair(sc: SourceContext, m: Mention) -> bool:
    """ "both men", "the two women", "the pair": a description of two people."""
    head = sc.doc[m.head]
    words = {c.lower_ for c in head.children if c.dep_ in ("det", "predet", "nummod")}
    if head.lemma_.lower() in lexicon.word_set("pair_nouns"):
        return "the" in words
    people = sc.source_kinds.get(head.lemma_.lower()) == "person" and m.plural
    return people and ("both" in words or {"the", "two"} <= words)


def _two_people_named_together(tok: Token, surnames: frozenset[str]) -> bool:
    """ "Kevin King and Timothy Weeks", "King and Weeks": a person's name with one other name
    joined to it."""
    conjuncts = [c for c in tok.children if c.dep_ == "conj"]
    if len(conjuncts) != 1 or any(c.dep_ == "conj" for c in conjuncts[0].children):
        return False
    names = (tok, conjuncts[0])
    return all(t.ent_type_ == "PERSON" or t.text in surnames for t in names)


def _surnames(sc: SourceContext) -> frozenset[str]:
    """The last words of people's names: of those the NER names, and of a capitalised word after
    a common first name ("Weeks" of "Timothy Weeks", which the NER may read as a date)."""
    named = {e[-1].text for e in sc.ner.ents if e.label_ == "PERSON" and len(e) > 1}
    named |= {
        t.text
        for t in sc.doc
        if t.is_title and any(c.dep_ == "compound" and common_first_name(c.text) for c in t.children)
    }
    return frozenset(named)


#: "the 45-year-old", "the 19-year-old": a person called by their age
_AGE_EPITHET = re.compile(r"^the (\d{1,3})[- ]year[- ]old$", re.IGNORECASE)


def _epithet_age(text: str) -> int | None:
    found = _AGE_EPITHET.match(" ".join(text.split()))
    return int(found.group(1)) if found else None


def _party_epithet(sc: SourceContext, m: Mention) -> bool:
    """ "the Democrat", "the New York Republican": one person called by their party."""
    head = sc.doc[m.head]
    determiner = next((c for c in head.children if c.dep_ == "det"), None)
    return (
        determiner is not None
        and determiner.lower_ == "the"
        and head.tag_ in ("NN", "NNP")
        and head.lower_ in lexicon.word_set("epithet_nouns")
    )


def _person_of_age(sc: SourceContext, m: Mention, age: int) -> Entity | None:
    """The person the text gave this age before the mention ("John Doe, 45,", "Doe, 45, of...")."""
    for e in recent_first(sc):
        if e.kind != "person" or e.plural or not e.named:
            continue
        for x in e.mentions:
            after = sc.text[x.span[1] : x.span[1] + 6]
            if x.head < m.head and re.match(rf",\s*{age}\b", after):
                return e
    return None


@rule(
    "resolve.name.v3",
    stage="resolve",
    order=30,
    purpose="""A proper name joins an entity with the same name (titles and possessives aside), or a
    person whose surname it is ("Calloway" -> "Ines Calloway"; the NER's label for a bare surname
    is not trusted), unless the gender the text states disagrees; a surname two people named in
    full share joins one of them only on evidence (stated gender, role), else stays apart. An
    acronym joins the body whose initials it is, an ampersand included ("CBP", "PG&E" for
    "Pacific Gas & Electric Co.") (v3).""",
    examples=[
        Example(
            "Mayor Ines Calloway said the water was unsafe. Calloway said filters would be handed out.",
            content="filters would be handed out",
            joins="the water was unsafe",
        ),
        Example(
            "Michelle Obama said the campaign was going well. “It is a good day,” Mr. Obama said."
            " Barack Obama added that he was happy.",
            content="that he was happy",
            joins="“It is a good day,”",
            apart_from="the campaign was going well",
        ),
    ],
    counterexamples=["She said filters would be handed out."],
)
def same_name(sc: SourceContext, m: Mention) -> Answer:
    if not (m.named and m.name):
        return None
    candidates = recent_first(sc)
    key = name_key(m.name)
    for e in candidates:
        if e.named and name_key(e.name) == key and not (m.gender and e.gender and m.gender != e.gender):
            return e  # the same name, unless "Mrs. Obama" and "Mr. Obama"
    for e in candidates:  # "CBP" after "Customs and Border Protection", and the other way round
        if (
            e.named
            and e.kind in ("organization", "outlet")
            and (is_acronym_of(m.name, e.name) or is_acronym_of(e.name, m.name))
        ):
            return e
    if m.kind == "outlet":
        return NEW_ENTITY
    found = _by_surname(sc, key.split(), m, candidates)
    if found is None and " " not in key and len(full_names_with_surname(sc, key)) >= 2:
        sc.uncertain.add(m.head)  # "Obama said" where Barack and Michelle Obama are both named
    return found or _described_before_named(sc, m, candidates) or NEW_ENTITY


def _described_before_named(sc: SourceContext, m: Mention, candidates: list[Entity]) -> Entity | None:
    """The unnamed entity a newly named mention turns out to be, by the first switch that finds one."""
    switches: list[tuple[str, Callable[[], Entity | None]]] = [
        ("resolve.described_before.v1", lambda: described_before(m, candidates) if m.kind == "person" else None),
        ("resolve.delayed_name.v1", lambda: named_after_office(sc, m, candidates) if m.kind == "person" else None),
        ("describe.place_body.v1", lambda: _bare_body_before(m, candidates) if m.kind == "organization" else None),
    ]
    for rule_id, find in switches:
        found = find() if sc.rules.enabled(rule_id) else None
        if found is not None:
            sc.switches.append(rule_id)
            return found
    return None


def _bare_body_before(m: Mention, candidates: list[Entity]) -> Entity | None:
    """ "Police said..." before "Hong Kong police said...": the unnamed body of the same noun, when
    every mention of it is that noun alone (or with "the")."""
    for e in candidates:
        if e.named or e.kind != "organization" or e.lemma != m.lemma:
            continue
        if all(_words_of(x.text) in ([m.lemma], ["the", m.lemma]) for x in e.mentions):
            return e
    return None


@rule(
    "resolve.described_before.v1",
    stage="switch",
    order=0,
    purpose="""A named person whose mention begins with the whole of an earlier unnamed person's
    description ("China's ambassador to Britain accused..." ... "China's ambassador to Britain
    Liu Xiaming said...") is that person, now named; an indefinite description ("an official")
    is nobody in particular and is never joined.""",
    examples=[
        Example(
            "China's ambassador to Britain accused the UK of meddling. Police said the march was illegal."
            " China's ambassador to Britain Liu Xiaming said the army could be deployed.",
            content="the army could be deployed",
            joins="the UK of meddling",
        )
    ],
    counterexamples=["An ambassador accused the UK of meddling. Ambassador Liu Xiaming said the army could act."],
)
def described_before(m: Mention, candidates: list[Entity]) -> Entity | None:
    text = _words_of(m.text)
    for e in candidates:
        if e.named or e.plural or e.kind != "person":
            continue
        for earlier in e.mentions:
            words = _words_of(earlier.text)
            definite = len(words) >= 2 and words[0] not in ("a", "an", "one", "another")
            if definite and len(text) > len(words) and text[: len(words)] == words:
                return e
    return None


@rule(
    "resolve.delayed_name.v1",
    stage="switch",
    order=0,
    purpose="""Delayed identification, as news ledes write it: "Vermont's tax commissioner says no one
    leaked the file. Jane Okafor says she ordered a review.": a person named in full for the first
    time, with no role of their own, as the subject of the sentence right after one whose
    subject was a single office the text has not named yet (a role owned by a place or body, or
    a definite one: "the state's attorney general", "the company's chief executive"), is the
    holder of that office. Anonymous and generic descriptions ("a senior official", "the
    source") are never joined.""",
    examples=[
        Example(
            "Vermont’s tax commissioner says an internal review found no leak. Jane Okafor says she ordered"
            " staff to check the logs.",
            content="she ordered staff to check the logs",
            joins="an internal review found no leak",
        )
    ],
    counterexamples=["A senior official says an internal review found no leak. Jane Okafor says she ordered a review."],
)
def named_after_office(sc: SourceContext, m: Mention, candidates: list[Entity]) -> Entity | None:
    name = sc.doc[m.head]
    if m.role or len(name_key(m.name or "").split()) < 2 or name.dep_ not in ("nsubj", "nsubjpass"):
        return None
    here = sc.sentences.index_of(m.head)
    person = next((e for e in candidates if e.kind == "person"), None)
    if person is None or person.named or person.plural or len(person.mentions) != 1:
        return None
    office = person.mentions[0]
    head = sc.doc[office.head]
    if sc.sentences.index_of(office.head) != here - 1 or head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    owned = any(c.dep_ == "poss" for c in head.children)
    generic = lexicon.word_set("anonymous_source_nouns") | lexicon.word_set("generic_people")
    if office.indefinite or not (owned or office.definite) or office.lemma in generic or office.lemma == "official":
        return None
    return person if person_noun(head, sc.source_kinds) else None


def _words_of(text: str) -> list[str]:
    return text.lower().replace("’", "'").split()


def _by_surname(sc: SourceContext, parts: list[str], m: Mention, candidates: list[Entity]) -> Entity | None:
    """The person a lone surname is ("Calloway" -> "Ines Calloway"), or whose lone surname a full
    name completes. A stated gender that disagrees ("Mr. Obama", "Michelle Obama") rules a
    person out; where the text names two people with that surname in full, the surname joins
    one only on evidence (the same stated gender, the same role) and is otherwise left apart
    and marked uncertain. A lone word no full name ends with joins the one full name it starts
    ("Liu" -> "Liu Xiaming")."""
    if not parts:
        return None
    for e in candidates:
        if not e.named or e.kind not in ("person", "unspecified"):
            continue
        other = name_key(e.name).split()
        if not other or (m.gender and e.gender and m.gender != e.gender):
            continue
        if len(parts) == 1 and parts[0] == other[-1]:
            if len(full_names_with_surname(sc, parts[0])) >= 2 and not _evidence(m, e):
                sc.uncertain.add(m.head)
                return None
            return e
        if len(other) == 1 and other[0] == parts[-1] and m.kind in ("person", "unspecified"):
            return e
    return _by_first_word(parts, m, candidates)


def _by_first_word(parts: list[str], m: Mention, candidates: list[Entity]) -> Entity | None:
    """The one person named in full whose name starts with this lone word ("Liu" after "Liu
    Xiaming", a family name written first), when no other person has that word in their name."""
    if len(parts) != 1 or m.kind not in ("person", "unspecified"):
        return None
    people = [e for e in candidates if e.named and e.kind in ("person", "unspecified")]
    starting = [e for e in people if len(name_key(e.name).split()) >= 2 and name_key(e.name).split()[0] == parts[0]]
    elsewhere = [e for e in people if parts[0] in name_key(e.name).split()[1:]]
    if (
        len(starting) == 1
        and not elsewhere
        and not (m.gender and starting[0].gender and m.gender != starting[0].gender)
    ):
        return starting[0]
    return None


def _evidence(m: Mention, e: Entity) -> bool:
    """Something beyond the surname that says a mention is this person."""
    same_gender = m.gender is not None and m.gender == e.gender
    same_role = bool(m.role and e.role and m.role.lower() == e.role.lower())
    return same_gender or same_role


@rule(
    "resolve.definite.v2",
    stage="resolve",
    order=40,
    purpose="""A definite description ("the official", "the outlet", "the ministry") joins the last
    entity with that head noun and number (a body's noun is either: "police", "the city's
    police") and no other affiliation (for "the outlet"/"the newspaper", the last outlet); "the
    senator" a named person last given that title; a body's noun with no determiner ("Hong Kong
    police") the unnamed body last called so; "the physicians" the "group of physicians" (v2).""",
    examples=[
        Example(
            "An Israeli official told reporters the talks had stalled. The official said more talks were planned.",
            content="more talks were planned",
            joins="the talks had stalled",
        ),
        Example(
            "Police said the students had to surrender. Hong Kong police threatened to use live rounds."
            " The city's police deny accusations of brutality.",
            content="accusations of brutality",
            joins="the students had to surrender",
        ),
    ],
    counterexamples=["An Israeli official said more talks were planned."],
)
def definite(sc: SourceContext, m: Mention) -> Answer:
    body = _body_of_members(sc, m)
    if body is not None:
        return body
    if not m.definite:
        return _bare_body(sc, m)
    candidates = recent_first(sc)
    if m.lemma in lexicon.word_set("outlet_nouns") or m.kind == "outlet":  # "the outlet", "the news agency"
        found = next((e for e in candidates if e.kind == "outlet"), None)
        if found is not None:
            return found
    same = next((e for e in candidates if _same_noun(sc, e, m)), None)
    if same is None and sc.rules.enabled("resolve.anonymous_source.v1"):
        same = anonymous_source(m, candidates)
        if same is not None:
            sc.switches.append("resolve.anonymous_source.v1")
    if same is None and m.kind == "organization" and not m.plural and sc.rules.enabled("resolve.definite_body.v3"):
        found = definite_body(sc, m)
        if found is not None:
            sc.switches.append("resolve.definite_body.v3")
            return found
    if same is not None or m.kind != "person" or m.plural:
        return same or NEW_ENTITY
    return _titled(sc, m, candidates) or NEW_ENTITY


def _titled(sc: SourceContext, m: Mention, candidates: list[Entity]) -> Entity | None:
    """ "The senator": the person given that title before, or else named with it later."""
    if sc.rules.enabled("resolve.titled_person.v3"):
        found = titled_person(sc, m, candidates)
        if found is not None:
            sc.switches.append("resolve.titled_person.v3")
            return found
    if sc.rules.enabled("resolve.titled_later.v1"):
        found = titled_later(sc, m)
        if found is not None:
            sc.switches.append("resolve.titled_later.v1")
            return found
    if sc.rules.enabled("resolve.described_subject.v1"):
        found = described_subject(sc, m)
        if found is not None:
            sc.switches.append("resolve.described_subject.v1")
            return found
    return None


@rule(
    "resolve.described_subject.v1",
    stage="switch",
    order=0,
    purpose="""'Hillary Clinton spoke out on Tuesday... the former secretary of state said': a
    definite description of one person by an office or job (a role the role lexicons read; not
    "the man", "the source", "the witness", "the third official" or "Morrison's lawyer") that no
    one was given before, and that the text names no one with later, and that is the subject of
    its clause, is the one person who is the subject of the main clause of the sentence before,
    when their gender does not disagree, no role the text gave them says another kind of person,
    and the rank is the same ("the vice presidential nominee" is not the "presidential nominee").
    Two subjects there, or none, leave the description a source of its own.""",
    examples=[
        Example(
            "Hillary Clinton spoke out on Tuesday about the shooting. On a morning show, the former secretary of"
            " state said she wanted to speak directly to voters.",
            content="she wanted to speak directly to voters",
            source_name="Hillary Clinton",
        )
    ],
    counterexamples=[
        "Hillary Clinton spoke after Tim Kaine had left. On a morning show, the former secretary of state said"
        " she wanted to speak directly to voters.",
    ],
)
def _main_subject(name: Token) -> bool:
    """The subject of its sentence's main verb (or of a verb joined to it), not of a clause
    inside ("hours after Trump unleashed a flurry of tweets")."""
    verb = name.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def described_subject(sc: SourceContext, m: Mention) -> Entity | None:
    from accordingto.analyze.sources.resolver import resolve

    head = sc.doc[m.head]
    described = class_of_text(m.role or head.lemma_)
    if described in (None, "ordinary_person") or head.lemma_.lower() in lexicon.word_set("generic_people"):
        return None  # "the man", "the source", "the witness": no office that says who
    if any(c.ent_type_ == "ORDINAL" or c.like_num for c in head.lefts):
        return None  # "the third witness", "the second official": one of several
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return None  # "Melanie said to the Republican nominee": whom someone speaks to is someone else
    if any(c.dep_ == "poss" and (c.ent_type_ == "PERSON" or c.pos_ == "PRON") for c in head.children):
        return None  # "Morrison's lawyer": someone's, said by whom they are to another person
    here = sc.sentences.index_of(head.i)
    # the sentence before: a name in the description's own sentence is someone else's
    tiers = [t for t in ranked_antecedents(sc, head) if here - t[0].sentence == 1]
    if not tiers:
        return None
    subjects = list({p.surname or p.head: p for p in tiers[0] if p.subject}.values())
    if len(subjects) != 1 or not _main_subject(sc.doc[subjects[0].head]):
        return None  # two subjects there, or none, or one of a clause inside: the text does not say which
    entity = resolve(sc, subjects[0].head)
    if entity.kind != "person" or entity.plural or not entity.named:
        return None
    if m.gender is not None and entity.gender not in (None, m.gender):
        return None
    if entity.role and class_of_text(entity.role) not in (None, described):
        return None
    if not _same_rank(_ranks_of(head), _rank_words(entity.role or ""), entity):
        return None  # "the vice presidential nominee" after the "presidential nominee"
    return entity


@rule(
    "resolve.members_body.v2",
    stage="switch",
    order=0,
    purpose=""""Prosecutors said..." where the text names the prosecutors' office ("the U.S. Attorney's
    Office for the Western District of New York said..."), "California's utilities regulators"
    where it names the "California Public Utilities Commission": a plural noun of the members of
    one kind of body (member_bodies: prosecutors of a prosecution authority or attorney's
    office, regulators of a commission or authority), with no determiner other than "the", is the
    one body of that kind the article names, before or after it, whose name holds every word that
    modifies the noun; when the article names two such bodies, or none, the members stay a group
    of their own. The noun is lower case, or capitalised only as a sentence's first word
    ("Prosecutors told reporters..."); the members' noun is no title of the body (v2).""",
    examples=[
        Example(
            "A man pleaded guilty to making threats, prosecutors said. He faces ten years in prison, the"
            " U.S. Attorney's Office for the District of Vermont said in a statement.",
            content="A man pleaded guilty to making threats",
            joins="He faces ten years in prison",
        ),
        Example(
            "The Norwegian Prosecution Authority said the case was closed. Prosecutors told reporters"
            " three witnesses had been heard.",
            content="three witnesses had been heard",
            joins="the case was closed",
        ),
    ],
    counterexamples=[
        "A man pleaded guilty to making threats, prosecutors said. He faces ten years in prison, his lawyer said.",
    ],
)
def members_body(sc: SourceContext, m: Mention) -> Entity | None:
    from accordingto.analyze.sources.resolver import resolve

    body_words = lexicon.member_bodies().get(m.lemma)
    mention = sc.doc[m.head]
    if body_words is None or not m.plural or m.indefinite or m.count is not None or m.count_text:
        return None
    if not mention.is_lower and not (mention.is_sent_start and mention.is_title):
        return None  # "the Regulators", a name ("Prosecutors said...", a sentence's first word, is not)
    if any(c.dep_ == "det" and c.lower_ != "the" for c in mention.children):
        return None  # "these prosecutors", "some regulators"
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in mention.children):
        return None  # "its regulators", "their prosecutors": members of a body the pronoun names
    modifiers = {_stem(c.text) for c in mention.lefts if c.dep_ in ("compound", "amod", "poss") and c.is_alpha}
    bodies = [
        name
        for name in _body_names(sc)
        if body_words & {_stem(t.text) for t in name} and modifiers <= {_stem(t.text) for t in name}
    ]
    if len({_body_key(name.text) for name in bodies}) != 1:
        return None
    entity = resolve(sc, bodies[0].root.i)
    return entity if entity.kind == "organization" and entity.named else None


def _body_names(sc: SourceContext) -> list[Span]:
    """The names of institutions in the text: the NER's organisations ending in a body's noun
    ("the California Public Utilities Commission"), and capitalised body nouns with the words
    before them that the NER missed ("the U.S. Attorney's Office")."""
    names = [e for e in sc.ner.ents if e.label_ in ORGANIZATION_ENTS and ends_like_a_body(e[-1].text)]
    covered = {t.i for e in names for t in e}
    for tok in sc.doc:
        if tok.i not in covered and tok.pos_ == "PROPN" and tok.is_title and ends_like_a_body(tok.text):
            start = min((c.left_edge.i for c in tok.lefts if c.dep_ in ("compound", "poss", "amod")), default=tok.i)
            names.append(sc.doc[start : tok.i + 1])
    return names


def _body_key(name: str) -> str:
    """A body's name in comparable form ("the U.S. attorney's office" is "U.S. Attorney’s Office")."""
    return name_key(name.replace("'s", "’s")).removeprefix("the ")


def _body_of_members(sc: SourceContext, m: Mention) -> Entity | None:
    if not sc.rules.enabled("resolve.members_body.v2"):
        return None
    body = members_body(sc, m)
    if body is not None:
        m.role = None  # "prosecutors" is no title of the prosecutors' office
        sc.switches.append("resolve.members_body.v2")
    return body


def _same_noun(sc: SourceContext, e: Entity, m: Mention) -> bool:
    """An entity the text called by the mention's noun: of the same number (a body's noun written
    the same way is, whatever the tagger says: "police" is "the city's police"), and of no other
    place or body than the mention's."""
    same_word = (
        e.kind == m.kind == "organization"
        and bool(e.mentions)
        and sc.doc[e.mentions[-1].head].lower_ == sc.doc[m.head].lower_
    )
    same_number = e.plural == m.plural or same_word
    other_affiliation = bool(e.affiliation and m.affiliation and e.affiliation != m.affiliation)
    if other_affiliation:
        return False
    same = e.lemma == m.lemma or e.lemma in lexicon.same_people_nouns().get(m.lemma, ())
    return (same and same_number) or (m.plural and _members_called(sc, e, m.lemma))


def _members_called(sc: SourceContext, e: Entity, lemma: str) -> bool:
    """ "A group of physicians" ... "the physicians" (or "the doctors": same_people_nouns): a
    collective the text named by its members."""
    words = lexicon.same_people_nouns().get(lemma, frozenset({lemma}))
    for x in e.mentions:
        members = collective_of(sc, sc.doc[x.head])
        if members is not None and members.lemma_.lower() in words:
            return True
    return False


def _bare_body(sc: SourceContext, m: Mention) -> Entity | None:
    """ "Police said..." then "Hong Kong police said...": a body's noun with no determiner joins the
    unnamed body the text called by that noun before."""
    if m.kind != "organization" or m.named or m.indefinite or m.count is not None or m.count_text:
        return None
    return next((e for e in recent_first(sc) if not e.named and _same_noun(sc, e, m)), None)


@rule(
    "resolve.anonymous_source.v1",
    stage="switch",
    order=0,
    purpose=""""the source", "the insider", "the person": the last unnamed source the text called by one
    of these words (anonymous_source_nouns), of the same number ("An insider told the outlet...
    the source added").""",
    examples=[
        Example(
            "An insider told the magazine the tour would go ahead. The source added that tickets had sold out.",
            content="that tickets had sold out",
            joins="the tour would go ahead",
        )
    ],
    counterexamples=["An insider said the tour would go ahead. A source said that tickets had sold out."],
)
def anonymous_source(m: Mention, candidates: list[Entity]) -> Entity | None:
    words = lexicon.word_set("anonymous_source_nouns")
    if m.lemma not in words:
        return None
    return next((e for e in candidates if not e.named and e.lemma in words and e.plural == m.plural), None)


@rule(
    "resolve.definite_body.v3",
    stage="switch",
    order=0,
    purpose=""""the company", "the agency", "the utility" with no earlier source of that noun: the last
    organisation the text named whose name holds the mention's modifiers ("the production
    company" is "Dick Clark Productions", "the utilities commission" the "California Public
    Utilities Commission"), else the most salient one named before (its sentence first, then
    each earlier one, subjects first), unless the mention is owned by another ("the EU's top
    court") or that organisation's name ends in another body noun ("the commission" is no
    "Office of...") (v3); a noun of one kind of institution (institution_nouns: "the police",
    "the court") only joins a body whose name holds it.""",
    examples=[
        Example(
            "Microsoft cut its forecast on Monday. The company said losses would narrow next year.",
            content="losses would narrow next year",
            source_name="Microsoft",
        ),
        Example(
            "The show is run by Dick Clark Productions. Big Machine said on Monday that the singer could"
            " perform. The production company said no deal had been reached.",
            content="no deal had been reached",
            source_name="Dick Clark Productions",
        ),
    ],
    counterexamples=["The company said losses would narrow next year."],
)
def definite_body(sc: SourceContext, m: Mention) -> Entity | None:
    from accordingto.analyze.sources.resolver import resolve

    mention = sc.doc[m.head]
    if any(c.dep_ == "poss" for c in mention.children):
        return None  # "its parent company", "the EU's top court": another body, owned by one
    head = _body_named_with(sc, mention)
    if head is None:
        head = salient_body(sc, mention, lambda body: not _no_company(sc, _names_of_body(sc, body), m.lemma))
        source = _more_salient_source(sc, mention, head)
        if source is not None:
            words = [_stem(w) for w in source.name.split() if w.isalpha()]
            names = [source.name, *(x.text for x in source.mentions if not x.pronoun)]
            return None if _another_kind_of_body(sc, words, m.lemma) or _no_company(sc, names, m.lemma) else source
    if head is None or _another_kind_of_body(sc, _name_lemmas(sc, sc.doc[head]), m.lemma):
        return None
    entity = resolve(sc, head)
    return entity if entity.kind == "organization" and entity.named else None


def _no_company(sc: SourceContext, names: list[str], lemma: str) -> bool:
    """ "the company" is no "New York State Attorney General (NYAG)": a business's noun
    (company_nouns) never means a body whose name, or what the text spells its acronym out as,
    the role classes call a government's, a court's, a university's... (role_classes.tsv)."""
    if lemma not in lexicon.word_set("company_nouns"):
        return False
    spelled = [full for name in names for full in spelled_out(sc, name)]
    return any(class_of_text(name) not in (None, "business") for name in [*names, *spelled])


def _names_of_body(sc: SourceContext, head: Token) -> list[str]:
    """The name the NER finds around a body's head, and the noun phrase it is set beside
    ("NYAG" of "The New York State Attorney General (NYAG)")."""
    ent = sc.ner.at(head.i)
    names = [(ent if ent is not None else sc.doc[head.i : head.i + 1]).text]
    if head.dep_ == "appos":
        names.append(sc.doc[head.head.left_edge.i : head.head.i + 1].text)
    return names


def _more_salient_source(sc: SourceContext, mention: Token, named: int | None) -> Entity | None:
    """A named organisation already a source, when one of its mentions is more salient for the
    mention (nearer sentence, then a subject) than the organisation the NER names most saliently
    (``named``): the NER misses names ("The group that owns her music, Big Machine, says...")
    that the source rules read."""
    best: Entity | None = None
    best_rank = salience_rank(sc, mention, sc.doc[named]) if named is not None else None
    for entity in sc.entities:
        if entity.kind != "organization" or not entity.named:
            continue
        for m in entity.mentions:
            if m.head < mention.i and not m.pronoun:
                rank = salience_rank(sc, mention, sc.doc[m.head])
                if rank[0] <= LOOKBACK_SENTENCES and (best_rank is None or rank < best_rank):
                    best, best_rank = entity, rank
    return best


def _body_named_with(sc: SourceContext, mention: Token) -> int | None:
    """The head of the last organisation named before the mention whose name holds every word
    that modifies the mention's noun ("production" of "the production company")."""
    modifiers = {_stem(c.text) for c in mention.lefts if c.dep_ in ("compound", "amod") and c.is_alpha}
    if not modifiers:
        return None
    named = [
        e
        for e in sc.ner.ents
        if (e.label_ in ORGANIZATION_ENTS or ends_like_a_body(e[-1].text))  # "Dick Clark Productions"
        and e.end <= mention.left_edge.i  # not the mention's own words: "the iPhone maker" is no "iPhone"
        and modifiers <= {_stem(t.text) for t in e}
    ]
    return named[-1].root.i if named else None


def _stem(word: str) -> str:
    """A word without its plural ending, in lower case ("Utilities" and "utility" alike)."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _name_lemmas(sc: SourceContext, name_head: Token) -> list[str]:
    """The lowercase lemmas of the words of the name the NER finds around a head."""
    ent = sc.ner.at(name_head.i)
    return [t.lemma_.lower() for t in (ent if ent is not None else [name_head]) if t.is_alpha]


def _another_kind_of_body(sc: SourceContext, name_words: list[str], lemma: str) -> bool:
    """ "the utilities commission" is no "Office of Emergency Services": a body whose name ends in
    another body noun (office, court, ministry...) than the mention's; and "the police", "the
    court", a noun of one kind of institution (institution_nouns), means only a body whose name
    holds it ("the Hong Kong Police Force"), not whichever organisation the text named last."""
    last = next((w for w in reversed(name_words) if sc.source_kinds.get(w) == "organization"), None)
    if last is not None and last != lemma:
        return True
    return lemma in lexicon.word_set("institution_nouns") and _stem(lemma) not in {_stem(w) for w in name_words}


@rule(
    "resolve.titled_person.v3",
    stage="switch",
    order=0,
    purpose="""'The senator said...', 'The Democratic presidential nominee says...': the named person
    last given that title, as a source or in the preceding sentences (before the name, or as
    its appositive: 'Michael Webb, a suspect in the kidnapping,'). The person titled in a list
    of people named together ('Gov. Eric Holcomb and leaders of the Legislature') is found where
    the text names them alone; of two people given the title, the one whose surname the text
    wrote since the sentence before (v2). A rank ("vice", "deputy", "assistant") must be the
    same on both: "the vice presidential nominee" is not the "presidential nominee" (v3).""",
    examples=[
        Example(
            "Senator Tim Kaine spoke in Ohio on Monday. Thousands came. The senator said the race was close.",
            source="The senator",
            source_name="Tim Kaine",
        ),
        Example(
            "Gov. Eric Holcomb and leaders of the Legislature have avoided criticism. In Kentucky, Gov. Matt"
            " Bevin faces a close race. Teachers did not see Holcomb on Tuesday: he was at a conference of"
            " donors to Holcomb's campaign. The governor said he was waiting for a commission to report.",
            source="The governor",
            source_name="Eric Holcomb",
        ),
    ],
    counterexamples=[
        "A senator said the race was close.",
        "The Republican presidential nominee Donald Trump spoke first. The Republican vice presidential nominee"
        " said the race was close.",
    ],
)
def _rank_words(text: str) -> set[str]:
    """The rank words of a title ("vice" of "vice presidential nominee": office_ranks)."""
    return set(text.lower().split()) & lexicon.word_set("office_ranks")


def _ranks_of(head: Token) -> set[str]:
    """The rank words before a description's noun ("the vice presidential nominee")."""
    return _rank_words(" ".join(c.text for c in head.lefts))


def _ranks_before(sc: SourceContext, ent: Span) -> set[str]:
    """The rank words written in the title before a person's name ("vice" of "vice presidential
    nominee Mike Pence")."""
    return _rank_words(sc.doc[max(0, ent.start - 6) : ent.start].text)


def _same_rank(wanted: set[str], given: set[str], e: Entity) -> bool:
    """Whether a title's rank ("vice", "deputy") is the one the person was given: every rank
    word the description has, and none their role has that it lacks."""
    return wanted <= given and _rank_words(e.role or "") <= wanted


def _title_forms(m: Mention) -> set[str]:
    """The ways a title noun is written before a name ("governor": "Gov.", "gov")."""
    return {m.lemma, *lexicon.title_abbreviations().get(m.lemma, ()), *lexicon.same_titles().get(m.lemma, ())}


def titled_person(sc: SourceContext, m: Mention, candidates: list[Entity]) -> Entity | None:
    titles = _title_forms(m)
    head = sc.doc[m.head]
    # "The Democratic presidential nominee" is not the one titled "Republican presidential nominee"
    proper = {c.lower_ for c in head.lefts if c.dep_ in ("amod", "compound") and c.is_title and c.i > head.left_edge.i}
    # "the vice presidential nominee" is not the one titled "presidential nominee", nor the reverse
    ranked = _ranks_of(head)
    for e in candidates:
        if e.kind == "person" and e.named and not e.plural:
            words = {w.lower() for w in (e.role or "").split()}
            words |= {w.lower() for x in e.mentions for w in x.text.split()}
            if words & titles and _all_written(proper, words) and _same_rank(ranked, _rank_words(" ".join(words)), e):
                return e
    window_start = sc.sentences.of_token(max(0, sc.sentences.of_token(head.i).start - 1)).start
    titled = [
        e
        for e in sc.ner.ents
        if e.label_ == "PERSON"
        and e.end <= head.i
        and _given_title(sc, e, titles)
        and _given_words(sc, e, proper)
        and _ranks_before(sc, e) == ranked
    ]
    near = [e for e in titled if e.start >= window_start]
    if near:  # "Michael Webb, a suspect in the kidnapping," ... "the suspect"
        return _person_named(sc, near[-1], head.i)
    if len({e[-1].text for e in titled}) == 1:  # "Wikileaks co-founder Julian Assange" ... "The Wikileaks founder"
        return _person_named(sc, titled[-1], head.i)
    recent = _surnames_written_since(sc, {e[-1].text for e in titled}, window_start, head.i)
    if len(recent) == 1:  # "Gov. Eric Holcomb" ... "Gov. Matt Bevin" ... "Holcomb's campaign. The governor said"
        return _person_named(sc, next(e for e in reversed(titled) if e[-1].text in recent), head.i)
    return None


@rule(
    "resolve.titled_later.v1",
    stage="switch",
    order=0,
    purpose="""A lede that gives the office before the name: 'Austria's interior minister said on
    Tuesday...', then 'Interior Minister Wolfgang Peschorn said...'. A definite person noun no
    one was given before is the one person the text names later with that title and every word
    that modifies the noun ('interior'); when it names two, or none, the description stays a
    source of its own.""",
    examples=[
        Example(
            "The house will become a police station, Austria's interior minister said on Tuesday. The"
            " decision ends years of debate, Interior Minister Wolfgang Peschorn said in a statement.",
            source="Austria's interior minister",
            source_name="Wolfgang Peschorn",
        ),
    ],
    counterexamples=[
        "The house will become a police station, Austria's interior minister said on Tuesday. Foreign"
        " Minister Karin Kneissl was not available for comment.",
        "He is recovering, his doctor said. Dr. Owen Dempsey wrote the case report.",
    ],
)
def titled_later(sc: SourceContext, m: Mention) -> Entity | None:
    head = sc.doc[m.head]
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
        return None  # "his doctor": someone's, not an office the text goes on to name
    titles = _title_forms(m)
    modifiers = {c.lower_ for c in head.lefts if c.dep_ in ("amod", "compound")}
    later = [
        e
        for e in sc.ner.ents
        if e.label_ == "PERSON"
        and e.start > head.i
        and _given_title(sc, e, titles)  # cheap: the words around the name, before its subtree
        and _titled_with(e, titles, modifiers)
    ]
    if len({e[-1].text for e in later}) != 1:
        return None
    return _person_named(sc, later[0], len(sc.doc))


def _titled_with(name: Span, titles: set[str], modifiers: set[str]) -> bool:
    """Whether a person's name is written with one of the titles and every modifier as part of
    it ("Interior Minister Wolfgang Peschorn"), not with a noun it depends on ("a rep for Braun")."""
    before = {t.lower_ for t in name.root.subtree if t.i < name.start}
    return bool(before & titles) and modifiers <= before


def _surnames_written_since(sc: SourceContext, surnames: set[str], start: int, end: int) -> set[str]:
    """Which of the surnames the text writes between two tokens."""
    return {t.text for t in sc.doc[start:end] if t.text in surnames and t.pos_ == "PROPN"}


def _person_named(sc: SourceContext, name: Span, before: int) -> Entity | None:
    """The one person a titled name is, resolved at that name or, when it is one of people named
    together ("Gov. Eric Holcomb and leaders of the Legislature"), where the text names that
    person alone before ``before``; None when it never does."""
    from accordingto.analyze.sources.resolver import resolve

    surname = name[-1].text
    alone = [e for e in sc.ner.ents if e.label_ == "PERSON" and e.end <= before and e[-1].text == surname]
    for ent in sorted(alone, key=lambda e: e.start != name.start):  # the titled name first
        head = ent.end - 1
        if head not in sc.by_head and any(c.dep_ == "conj" for c in sc.doc[head].children):
            continue  # resolving it would make a source of the people named together
        found = resolve(sc, head)
        if found.kind == "person" and not found.plural:
            return found
    return None


def _all_written(wanted: set[str], words: set[str]) -> bool:
    """Every wanted word is one of the words, or the start of one ("Fed" of "Federal Reserve")."""
    return all(w in words or (len(w) >= 3 and any(x.startswith(w) for x in words)) for w in wanted)


def _given_words(sc: SourceContext, ent: Span, words: set[str]) -> bool:
    """Whether the words before a person's name hold all these ("Democratic" of "Democratic
    nominee Hillary Clinton")."""
    return words <= {t.lower_ for t in sc.doc[max(0, ent.start - 6) : ent.start]}


def _given_title(sc: SourceContext, ent: Span, titles: set[str]) -> bool:
    """Whether a person's name is written with one of these titles: just before it, or in its
    appositive ("Michael Webb, a suspect in the kidnapping,")."""
    before = {t.lower_ for t in sc.doc[max(0, ent.start - 3) : ent.start]}
    before |= {part for t in sc.doc[max(0, ent.start - 3) : ent.start] for part in t.lower_.split("-")}
    appositive = {c.lemma_.lower() for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end}
    return bool((before | appositive) & titles)


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
