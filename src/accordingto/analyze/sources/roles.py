"""What kind of source each one is: its role class.

Read after resolution and changing nothing it decided. ``role_classes.tsv`` is read over the
words of the source's role, head noun, mentions, name and affiliation; then over what the rest
of the text says of the person: its descriptors (a party label "(D-Calif.)" makes a politician),
the affiliation when it is an outlet ("NBC's Dante Chinni"), and every other place the text
names them ("Senate Minority Leader Harry Reid" three paragraphs before "Reid said", "the
Trump campaign"); last, what the NER says the name is. Outlets and documents are classed by
their kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.coreference import key_words
from accordingto.analyze.sources.mentions import Entity, SourceContext
from accordingto.analyze.sources.names import name_key, same_person
from accordingto.analyze.sources.salience import full_names_with_surname

#: cut a role at these words: what follows says whose role it is ("spokesman for the police")
_ROLE_CUTS = frozenset({"for", "of", "at", "with", "in", "on", "from", "to", "and", ",", "who", "which"})
#: the organisation a leader title names ends here ("of the union, which represents...")
_TAIL_ENDS = frozenset({",", "who", "which", "that", "and"})
#: an age given as a person's only description ("Quina Jones, 25", "a 43-year-old")
_AGE = re.compile(r"^\s*\d{1,3}\s*$|\b\d{1,3}-year-old\b")
_WORD = re.compile(r"[a-z][a-z.\-]*[a-z.]|[a-z]")


@rule(
    "source.role_class.v2",
    stage="switch",
    order=0,
    purpose="""After resolution, every source's role class (role_classes.tsv: politician or
    official, spokesperson, police, legal or court, military or security, expert or academic,
    business, civil society, medical, ordinary person, celebrity, sports, journalist or outlet,
    document) from the words of its role, head noun, mentions, name and affiliation, read from
    the right (a leader title such as "president of the teachers' union" takes the class of
    the body it leads); else from its descriptors (a party label "(R-Wis.)"), an affiliation
    that is an outlet, and the titles, appositives and "the Trump campaign" wherever else the
    text names the person; last, what the NER says a name is (a company: business; a country or
    city: politician_or_official; a nationality's people: ordinary_person), and for a group of
    people named one by one, the class the text gives them all. An outlet is
    journalist_or_outlet and a document a document.""",
    examples=[
        Example(
            "Senator Tim Kaine said the race was close.",
            content="the race was close",
            role_class="politician_or_official",
        ),
        Example(
            "A spokeswoman said the roads were closed.", content="the roads were closed", role_class="spokesperson"
        ),
        Example("Residents said the water smelled.", content="the water smelled", role_class="ordinary_person"),
        Example(
            "Senate Minority Leader Harry Reid spoke on Monday. Harry Reid said the vote was close.",
            content="the vote was close",
            role_class="politician_or_official",
        ),
    ],
    counterexamples=["Okafor said the deal was close."],
)
@rule(
    "source.title_elsewhere.v1",
    stage="switch",
    order=0,
    purpose="""After resolution, a named person the attributions give no role or title takes the
    title the text writes before their name elsewhere ("Secretary of State Mike Pompeo" three
    paragraphs before "Pompeo said"), or in an appositive after it ("Kurt Volker, a former
    special envoy to Kyiv,"): the first one the role and title lexicons read as a title, never
    for a surname two people named in full share.""",
    examples=[
        Example(
            "Secretary of State Mike Pompeo flew to Kabul. Mike Pompeo said the talks would resume.",
            content="the talks would resume",
            source_role="Secretary of State",
        )
    ],
    counterexamples=["Mike Pompeo said the talks would resume."],
)
def mark_titles_elsewhere(sc: SourceContext) -> None:
    index = _TextIndex.of(sc)
    for entity in sc.entities:
        if entity.mentions and entity.kind == "person" and entity.named and not entity.role:
            title = _title_elsewhere(sc, entity, index)
            if title is not None:
                entity.role = title
                entity.note("source.title_elsewhere.v1")


def _title_elsewhere(sc: SourceContext, entity: Entity, index: _TextIndex) -> str | None:
    """The first title written right before the person's name somewhere in the text."""
    for ent in _named_as(sc, entity, index):
        before = [t for t in ent.root.subtree if t.i < ent.start and not t.is_punct]
        appositives = [list(c.subtree) for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end]
        for tokens in (before, *appositives):  # "Kurt Volker, a former special envoy to Kyiv,"
            title = _as_title(tokens)
            if title is not None:
                return title
    return None


def _as_title(tokens: list[Token]) -> str | None:
    """The words as a title, without articles, whose title it is and punctuation at the ends;
    None when the lexicons do not read them as one (or they are long, or count something)."""
    while tokens and (_not_of_the_title(tokens[0]) or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    title = " ".join(t.text for t in tokens)
    if 0 < len(tokens) <= 8 and not any(t.like_num for t in tokens) and _reads_as_title(title):
        return title
    return None


def _not_of_the_title(tok: Token) -> bool:
    """An article, or whose title it is ("Trump's" of "Trump's lawyer")."""
    return tok.lower_ in ("the", "a", "an") or tok.dep_ == "poss" or tok.tag_ == "POS"


def _reads_as_title(text: str) -> bool:
    """Whether the lexicons read the words as a title: a role class, a listed role, or the last
    word of one ("Secretary of State", "Prime Minister", "lawyer")."""
    low = text.lower()
    return class_of_text(text) is not None or low in lexicon.roles() or low.split()[-1] in lexicon.role_words()


def mark_role_class(sc: SourceContext) -> None:
    index = _TextIndex.of(sc)
    for entity in sc.entities:
        if entity.mentions:
            entity.role_class = role_class_of(sc, entity, index)
            if entity.role_class != "unknown":
                entity.note("source.role_class.v2")


@dataclass(frozen=True, slots=True)
class _TextIndex:
    """What every source's role class reads of the text, found once per document."""

    #: the bodies the NER names, lowercased, with the class a leader title of one takes
    bodies: dict[str, str]
    #: surname -> the PERSON names of the text ending with it, with their words
    people: dict[str, list[tuple[Span, list[str]]]]

    @classmethod
    def of(cls, sc: SourceContext) -> _TextIndex:
        """The document's index, built once (titles and role classes both read it)."""
        if not isinstance(sc.role_index, cls):
            people: dict[str, list[tuple[Span, list[str]]]] = {}
            for ent in sc.ner.ents:
                words = name_key(ent.text).split()
                if ent.label_ == "PERSON" and words:
                    people.setdefault(words[-1], []).append((ent, words))
            sc.role_index = cls(_named_bodies(sc), people)
        return sc.role_index


def role_class_of(sc: SourceContext, entity: Entity, index: _TextIndex | None = None) -> str:
    """The role class of a source (``unknown`` when nothing says)."""
    if entity.kind == "outlet":
        return "journalist_or_outlet"
    if entity.kind == "document":
        return "document"
    index = index or _TextIndex.of(sc)
    for text in _own_words(entity):
        found = class_of_text(text, index.bodies)
        if found is not None:
            return found
    found = _from_the_rest_of_the_text(sc, entity, index) or _by_what_it_is(sc, entity)
    return found or _of_the_people_named(sc, entity, index) or "unknown"


def _of_the_people_named(sc: SourceContext, entity: Entity, index: _TextIndex) -> str | None:
    """A group that is people named one by one ("Kurt Volker and Tim Morrison") takes the class
    the text gives every one of them, when it gives them all one."""
    if entity.kind != "group" or " and " not in entity.name:
        return None
    names = [n.strip() for part in entity.name.split(" and ") for n in part.split(",") if n.strip()]
    if len(names) < 2 or not all(len(n.split()) >= 2 and n[0].isupper() for n in names):
        return None
    classes = set()
    for name in names:
        person = Entity(id="", name=name, kind="person", named=True, lemma="", plural=False)
        texts = list(_named_elsewhere(sc, person, index))
        classes.add(next((c for t in texts if (c := class_of_text(t, index.bodies))), None))
    return classes.pop() if len(classes) == 1 else None


def _by_what_it_is(sc: SourceContext, entity: Entity) -> str | None:
    """Last, what the NER says the source's name is: a named organisation no word classes is a
    company ("InfoNation", "SoftBank", "Big Machine"), a country, state or city its government
    ("China"); a
    group of a nationality or of a share of one ("44 percent of Americans") ordinary people."""
    heads = [sc.doc[m.head] for m in entity.mentions if not m.pronoun]
    if entity.kind == "organization" and entity.named:
        labels = {tok.ent_type_ for tok in heads}
        # a body no word of the lexicon classes (no ministry, agency, union, party...)
        return "politician_or_official" if labels & {"GPE", "NORP"} else "business"
    if entity.kind == "group":
        for tok in heads:
            people = [tok, *(c for c in tok.children if c.dep_ == "prep" for c in c.children if c.dep_ == "pobj")]
            if any(t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS") for t in people):
                return "ordinary_person"
    return None


def class_of_text(text: str, bodies: dict[str, str] | None = None) -> str | None:
    """The role class the words of a role, title or name say ("police spokesman": spokesperson).
    ``bodies``: the organisations and places the text names, with the class a leader title of
    one takes when the lexicon does not know it ("president of InfoNation": business)."""
    words = _words(text)
    found = _class_of_words(words)
    leaders = lexicon.word_set("leader_titles")
    led = found[1] in leaders if found is not None else any(w in leaders for w in words)
    body = _body_named_in(text, bodies) if led and bodies else None
    return body or (found[0] if found is not None else None)


def _named_bodies(sc: SourceContext) -> dict[str, str]:
    """The organisations (business) and countries, states and cities (politician_or_official)
    the NER names, lowercased: what a leader title of one of them is ("head of Platform
    Solutions for Ascom", "president of Mexico"), when the lexicon does not know the body."""
    classes = {"ORG": "business", "GPE": "politician_or_official"}
    return {e.text.lower(): classes[e.label_] for e in sc.ner.ents if e.label_ in classes and len(e.text) > 1}


def _body_named_in(text: str, bodies: dict[str, str]) -> str | None:
    """The class of the body a leader title is of, when the text names it right after "of",
    "for" or "at" ("president of InfoNation") or as its possessor ("PG&E's senior director");
    a place inside other words ("the London-based website") is not the body."""
    low = text.lower()
    for name, cls in sorted(bodies.items(), key=lambda kv: -len(kv[0])):
        named = re.escape(name)
        if re.search(rf"\b(?:of|for|at)\s+(?:the\s+)?{named}(?![\w-])", low) or re.match(rf"{named}['’]s?\s", low):
            return cls
    return None


def _own_words(entity: Entity) -> Iterator[str]:
    yield from (entity.role or "", entity.lemma if not entity.named else "")
    yield from (m.text for m in entity.mentions if not m.pronoun)
    yield from (entity.name, entity.affiliation or "")


def _from_the_rest_of_the_text(sc: SourceContext, entity: Entity, index: _TextIndex) -> str | None:
    descriptors = [sc.text[s:e] for s, e in entity.descriptors]
    if any(p.match(d) for d in descriptors for p in _party_labels()):
        return "politician_or_official"
    if entity.kind == "person" and entity.affiliation and lexicon.outlet_for(entity.affiliation):
        return "journalist_or_outlet"  # "NBC's Dante Chinni"
    for text in [*descriptors, *(_named_elsewhere(sc, entity, index) if entity.kind == "person" else [])]:
        found = class_of_text(text, index.bodies)
        if found is not None:
            return found
        if lexicon.outlet_for(text):
            return "journalist_or_outlet"  # "NBC's Dante Chinni"
    if entity.kind == "person" and any(_AGE.search(t) for t in [entity.role or "", *descriptors]):
        return "ordinary_person"  # "Quina Jones, 25": a name, an age and nothing else
    return None


def _named_elsewhere(sc: SourceContext, entity: Entity, index: _TextIndex) -> Iterator[str]:
    """What the text says the person is wherever it names them: the title before the name
    ("Senate Minority Leader Harry Reid"), an appositive either way ("Reid, the Senate leader",
    "the Republican nominee, Donald Trump"), a predicate ("the candidate is Donald Trump",
    "Trump was a novice politician"), and a noun the name modifies that says it ("the Trump
    campaign", "Trump's running mate")."""
    if not entity.named:
        return
    seen: set[int] = set()
    for ent in _named_as(sc, entity, index):
        seen.add(ent.start)
        yield from _said_of(ent)
    for span in _written_in_full(sc, entity):
        if span.start not in seen:  # "University of Pennsylvania biologist Andrew Vaughan", no PERSON
            yield from _said_of(span)


def _named_as(sc: SourceContext, entity: Entity, index: _TextIndex) -> Iterator[Span]:
    """The names the NER finds in the text that are this person's (:func:`.names.same_person`)."""
    own = key_words(entity)
    if not own:
        return
    firsts = full_names_with_surname(sc, own[-1])
    for ent, words in index.people.get(own[-1], []):
        if same_person(own, words, firsts):
            yield ent


def _written_in_full(sc: SourceContext, entity: Entity) -> Iterator[Span]:
    """Every place the text writes the person's full name, whatever the NER made of it."""
    name = entity.name
    if len(name.split()) < 2:
        return
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sc.text):
        span = sc.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            yield span


def _said_of(ent: Span) -> Iterator[str]:
    root = ent.root
    before = [t.text for t in root.subtree if t.i < ent.start]
    if before:
        yield " ".join(before)
    for child in root.children:
        if child.dep_ == "poss" and child.i < ent.start:
            yield _text(t for t in child.subtree if t.dep_ != "case")  # "NBC's": whose the person is
    for child in root.children:
        if child.dep_ == "appos":
            yield _text(child.subtree)
    head = root.head
    voted = head.lemma_ in ("for", "against") and head.head.lemma_ == "vote"
    if (root.dep_ == "dobj" and head.lemma_ in lexicon.word_set("electoral_verbs")) or (root.dep_ == "pobj" and voted):
        yield "candidate"  # "voters elected Okafor", "a vote for Okafor": someone stood for office
    if root.dep_ == "appos":
        yield _text(t for t in head.subtree if t.i < root.i and t.i not in range(ent.start, ent.end))
    if head.lemma_ == "be" and root.dep_ in ("nsubj", "attr"):
        other = "attr" if root.dep_ == "nsubj" else "nsubj"
        yield from (_text(c.subtree) for c in head.children if c.dep_ == other)
    if root.dep_ in ("compound", "poss"):
        noun = " ".join([*(c.lower_ for c in head.children if c.dep_ == "compound" and c.i > root.i), head.lemma_])
        if noun.lower() in lexicon.word_set("name_modified_roles"):
            yield noun.lower()


def _text(tokens: Iterable[Token]) -> str:
    return " ".join(t.text for t in tokens)


@cache
def _party_labels() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p.pattern) for p in lexicon.patterns("party_labels.txt"))


def _words(text: str) -> list[str]:
    """The lowercase words of ``text``; a title abbreviated with a capital ("Rep.", "Sen")
    as the title it stands for, while the same letters in lowercase are read as written ("a
    rep for Braun" is a publicist, "Rep. Schiff" a representative)."""
    table = lexicon.role_classes()
    abbreviations = _abbreviations()
    words = []
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if text[match.start()].isupper() and word in abbreviations:
            words.append(abbreviations[word])
        else:
            words.append(word.rstrip(".") if word.rstrip(".") in table else word)
    return words


def _class_of_words(words: list[str]) -> tuple[str, str] | None:
    """The class, and the listed word that gave it, of the rightmost listed word of the head
    part (before "for", "of"...), then of the rest. A leader title ("president", "director")
    takes the class of the body it leads when the lexicon knows it ("president of the
    teachers' union": civil society)."""
    cut = next((n for n, w in enumerate(words) if w in _ROLE_CUTS), len(words))
    head = _rightmost(words[:cut])
    if head is not None and head[1] in lexicon.word_set("leader_titles"):
        body = _body(words[cut + 1 :])
        if body is not None:
            return body, ""
    return head if head is not None else _rightmost(words[cut:])


def _body(words: list[str]) -> str | None:
    """The class the lexicon gives the organisation a leader title is of: its first noun phrase."""
    end = next((n for n, w in enumerate(words) if w in _TAIL_ENDS or w in _ROLE_CUTS), len(words))
    found = _rightmost(words[:end])
    return found[0] if found is not None else None


def _rightmost(part: list[str]) -> tuple[str, str] | None:
    """The class and the listed word or phrase of the rightmost one in ``part``."""
    for n in range(len(part) - 1, -1, -1):
        if n > 0:
            phrase = f"{part[n - 1]} {part[n]}"
            found = _lookup(phrase)
            if found is not None:
                return found, phrase
        found = _lookup(part[n])
        if found is not None:
            return found, part[n]
    return None


def _lookup(word: str) -> str | None:
    table = lexicon.role_classes()
    abbreviations = _abbreviations()
    for form in _singulars(word):
        if form in table:
            return table[form]
        title = abbreviations.get(form)
        if title is not None and title in table:
            return table[title]
    found = next((cls for suffix, cls in _suffixes() if word.endswith(suffix) and len(word) > len(suffix)), None)
    if found is None and "-" in word.strip("-"):  # "singer-guitarist": its parts, the last first
        found = next((c for part in reversed(word.split("-")) if part and (c := _lookup(part))), None)
    return found


@cache
def _suffixes() -> tuple[tuple[str, str], ...]:
    return tuple((w[1:], cls) for w, cls in lexicon.role_classes().items() if w.startswith("-"))


def _singulars(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    if word.endswith("men"):
        forms.append(word[:-3] + "man")
    if word.endswith("people"):
        forms.append(word[:-6] + "person")
    return forms


@cache
def _abbreviations() -> dict[str, str]:
    """An abbreviated title before a name -> the title ("sen." -> "senator"; titles.tsv), the
    first title listed for a form ("rep." is "representative" before "congressman")."""
    found: dict[str, str] = {}
    for title, forms in lexicon.title_abbreviations().items():
        for form in sorted(forms):
            found.setdefault(form, title)
    return found
