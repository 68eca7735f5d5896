"""Who each source is, as the text says it: a person's gender and every source's role class.

Both are read after resolution, from the entities' mentions, and change nothing the
resolution decided (who is who, names, kinds); they only add to the records.

Gender reads the same evidence pronoun agreement reads (:mod:`.salience`, ``gendered_words.tsv``):
an honorific or gendered role noun in or just before a mention (the tokens
:func:`~.salience.mention_gender` reads), a gendered noun of the role the mention gives, a
he/she pronoun resolved to the person, and a stated "they/them" (``stated_pronouns.txt``).
Evidence that disagrees gives "unknown" and keeps every span. It is gender as the journalist
wrote it, never self-identification.

Role class reads ``role_classes.tsv`` over the words of the source's role, head noun, mentions,
name and affiliation; outlets and documents are classed by their kind.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.describe import RELATIVE_PRONOUNS
from accordingto.analyze.sources.mentions import Entity, Mention, SourceContext
from accordingto.analyze.sources.names import longest_first
from accordingto.analyze.sources.salience import PRONOUN_GENDER, gendered_tokens, mention_gender_tokens, person_mentions
from accordingto.analyze.syntax import CharRange, chars, mention_range

#: cut a role at these words: what follows says whose role it is ("spokesman for the police")
_ROLE_CUTS = frozenset({"for", "of", "at", "with", "in", "on", "from", "to", "and", ",", "who", "which"})
_WORD = re.compile(r"[a-z][a-z.\-]*[a-z.]|[a-z]")


# ----------------------------------------------------------------------------- gender
@rule(
    "source.gender.v1",
    stage="switch",
    order=0,
    purpose="""After resolution, a person source's gender as the text states it: a he/she pronoun
    resolved to them, an honorific or gendered role noun in or just before a mention or in its
    role (gendered_words.tsv, the lexicon pronoun agreement reads), a stated "they/them"
    (stated_pronouns.txt). The spans are kept as evidence; evidence that disagrees gives
    "unknown". Gender as the journalist wrote it, not self-identification.""",
    examples=[
        Example(
            "Maria Lopez spoke first. She said the water was unsafe.",
            content="the water was unsafe",
            source_name="Maria Lopez",
            gender="female",
        ),
        Example("Mr. Okafor said the deal was close.", content="the deal was close", gender="male"),
        Example("A spokeswoman said the roads were closed.", content="the roads were closed", gender="female"),
    ],
    counterexamples=["Okafor said the deal was close."],
)
def mark_gender(sc: SourceContext) -> None:
    for entity in sc.entities:
        if entity.mentions and entity.kind == "person" and not entity.plural:
            _decide_gender(sc, entity)


def _decide_gender(sc: SourceContext, entity: Entity) -> None:
    words = lexicon.gendered_words()
    found: dict[CharRange, str] = {}
    for m in entity.mentions:
        if m.pronoun in PRONOUN_GENDER:
            found.setdefault(m.span, PRONOUN_GENDER[m.pronoun])
            continue
        if m.pronoun is not None and m.pronoun not in RELATIVE_PRONOUNS:
            continue  # "they" is plural, "it" a thing: no evidence
        for tok in mention_gender_tokens(sc, m.head, m.span) + _role_nouns(sc, m):
            found.setdefault((tok.idx, tok.idx + len(tok.text)), words[tok.lower_])
    for span in _stated_they(sc, entity):
        found.setdefault(span, "nonbinary")
    if not found:
        return
    genders = set(found.values())
    entity.text_gender = genders.pop() if len(genders) == 1 else "unknown"
    entity.gender_basis = "text"
    entity.gender_evidence = sorted(found)
    entity.note("source.gender.v1")


def _role_nouns(sc: SourceContext, m: Mention) -> list[Token]:
    """The gendered nouns of the role the mention gives ("Ms. Ali, a spokesman for...")."""
    if not m.role:
        return []
    role_words = {w.lower() for w in m.role.split()}
    start, end = chars(sc.doc, mention_range(sc.doc[m.head]))
    start, end = min(start, m.span[0]), max(end, m.span[1])
    tokens = [t for t in sc.doc[max(0, m.head - 12) : m.head + 16] if start <= t.idx < end]
    return [t for t in gendered_tokens(tokens) if t.lower_ in role_words]


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
        for pattern in lexicon.patterns("stated_pronouns.txt"):
            for match in pattern.finditer(sc.text, m.span[1], end):
                if heads is None:
                    heads = [p.head for p in person_mentions(sc)]
                between = [h for h in heads if m.span[1] <= sc.doc[h].idx < match.start() and h != m.head]
                if not between:
                    found.append((match.start(), match.end()))
    return longest_first(found)


# ----------------------------------------------------------------------------- role class
@rule(
    "source.role_class.v1",
    stage="switch",
    order=0,
    purpose="""After resolution, every source's role class (role_classes.tsv: politician or
    official, spokesperson, police, legal or court, military or security, expert or academic,
    business, civil society, medical, ordinary person, celebrity, sports, journalist or outlet,
    document) from the words of its role, head noun, mentions, name and affiliation, read from
    the right; an outlet is journalist_or_outlet and a document a document.""",
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
    ],
    counterexamples=["Okafor said the deal was close."],
)
def mark_role_class(sc: SourceContext) -> None:
    for entity in sc.entities:
        if entity.mentions:
            entity.role_class = role_class_of(entity)
            if entity.role_class != "unknown":
                entity.note("source.role_class.v1")


def role_class_of(entity: Entity) -> str:
    """The role class of a source (``unknown`` when nothing says)."""
    if entity.kind == "outlet":
        return "journalist_or_outlet"
    if entity.kind == "document":
        return "document"
    texts = [entity.role, entity.lemma if not entity.named else None]
    texts += [m.text for m in entity.mentions if not m.pronoun]
    texts += [entity.name, entity.affiliation]
    for text in texts:
        if text:
            found = _class_of_words(_words(text))
            if found is not None:
                return found
    return "unknown"


def _words(text: str) -> list[str]:
    return [w.rstrip(".") if w.rstrip(".") in lexicon.role_classes() else w for w in _WORD.findall(text.lower())]


def _class_of_words(words: list[str]) -> str | None:
    """The class of the rightmost listed word of the head part (before "for", "of"...), then of
    the rest."""
    cut = next((n for n, w in enumerate(words) if w in _ROLE_CUTS), len(words))
    for part in (words[:cut], words[cut:]):
        for n in range(len(part) - 1, -1, -1):
            if n > 0:
                found = _lookup(f"{part[n - 1]} {part[n]}")
                if found is not None:
                    return found
            found = _lookup(part[n])
            if found is not None:
                return found
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
    return None


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
    """An abbreviated title before a name -> the title ("sen." -> "senator"; titles.tsv)."""
    return {form: title for title, forms in lexicon.title_abbreviations().items() for form in forms}
