"""What the rest of the text says of a source's gender: the pronouns that can only mean them and
the honorifics given their surname where they are not a source.

An attribution names its source once ("Cruz said"), but the article says "he" and "his" of
that person in many other places ("Cruz said he had...", "in his remarks"). A pronoun counts
for a source only where the text leaves no doubt who it means: outside quotation marks, with
exactly one person it can agree with in its own sentence (or, when its sentence names nobody
before it, in the sentence before), and that person a source. An honorific elsewhere ("Ms.
Simonyan") counts for a source of that surname when the text gives the surname one gender
and names no second person with it.

It reads the people pronoun resolution reads (:func:`.salience.person_mentions`), and before
resolution it gives them the genders these pronouns state (:func:`name_genders`), so the
evidence that decides a source's gender and the one that resolves "she" are one mechanism.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.sources.mentions import Entity, SourceContext
from accordingto.analyze.sources.names import name_key, same_person
from accordingto.analyze.sources.salience import (
    PersonMention,
    capitalised_common_noun,
    full_names_with_surname,
    honorifics_before,
    person_mentions,
    quoted_at,
    scan_words,
)
from accordingto.analyze.syntax import CharRange

#: a person noun joined to a name this way is the same person ("captain Cam Heyward")
_SAME_PERSON_DEPS = frozenset({"compound", "appos"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: where a clause starts, going up from a word
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp"})
#: how many sentences the pronoun's antecedent may be from it: its own, then the one before
_SENTENCES_BACK = 1


def pronouns_about(sc: SourceContext) -> dict[str, list[tuple[CharRange, str]]]:
    """Entity id -> the gendered pronouns outside any source mention that can only mean that
    source, with the gender each states (found once per document: gender and role class read it)."""
    if sc.pronouns_about is None:
        sc.pronouns_about = _pronouns_about(sc)
    return sc.pronouns_about


def _pronouns_about(sc: SourceContext) -> dict[str, list[tuple[CharRange, str]]]:
    words = lexicon.gendered_words()
    mentioned = {m.head for e in sc.entities for m in e.mentions}
    people = _people_by_sentence(sc)
    found: dict[str, list[tuple[CharRange, str]]] = {}
    for tok in _pronouns(sc):
        if tok.i in mentioned:
            continue
        entity = _only_antecedent(sc, tok, words[tok.lower_], people)
        if entity is not None:
            found.setdefault(entity.id, []).append(((tok.idx, tok.idx + len(tok.text)), words[tok.lower_]))
    return found


def surname_honorifics(sc: SourceContext, entity: Entity) -> list[Token]:
    """Honorifics and gendered nouns right before the surname of a named person anywhere in the
    text ("Ms. Simonyan"), when the text names no other person with that surname and gives
    the surname a single gender."""
    words = key_words(entity)
    if not entity.named or len(words) < 2:
        return []
    surname = words[-1]
    firsts = full_names_with_surname(sc, surname)
    if firsts - {words[0]}:
        return []  # "Michelle Obama" and "Barack Obama": "Mr. Obama" is not for both
    found = [sc.doc[i] for i in honorifics_before(sc, surname)]
    genders = {lexicon.gendered_words()[t.lower_] for t in found}
    return found if len(genders) == 1 else []


def _pronouns(sc: SourceContext) -> list[Token]:
    """The gendered personal pronouns of the text outside quotation marks."""
    scan_words(sc)
    return sc.gendered_pronouns or []


def key_words(entity: Entity) -> list[str]:
    return name_key(entity.name).split()


def _people_by_sentence(sc: SourceContext) -> dict[int, list[PersonMention]]:
    """The people of each sentence, outside quotation marks: the NER's and person nouns
    (:func:`.salience.person_mentions`) and every source mention of a person, which the NER
    may have missed ("Heyward said")."""
    people = {p.head: p for p in _named_people(sc, person_mentions(sc))}
    for entity in sc.entities:
        if entity.kind != "person" or entity.plural:
            continue
        for m in entity.mentions:
            if m.pronoun is None and m.head not in people and not quoted_at(sc, m.span[0]):
                tok = sc.doc[m.head]
                surname = tok.text if entity.named and tok.pos_ == "PROPN" else None
                people[m.head] = PersonMention(
                    m.head, sc.sentences.index_of(m.head), tok.dep_ in _SUBJECT_DEPS, m.gender, surname
                )
    by_sentence: dict[int, list[PersonMention]] = {}
    for head in sorted(people):
        by_sentence.setdefault(people[head].sentence, []).append(people[head])
    return by_sentence


def _named_people(sc: SourceContext, people: list[PersonMention]) -> list[PersonMention]:
    """The people outside quotation marks, less names that are outlets or platforms ("turned to
    Twitter", which the NER may call a person)."""
    return [p for p in people if not p.quoted and not lexicon.outlet_for(sc.doc[p.head].text)]


def _only_antecedent(
    sc: SourceContext, pronoun: Token, wanted: str, people: dict[int, list[PersonMention]]
) -> Entity | None:
    found = _sole_person(sc, pronoun, wanted, people, lambda p, tier: _identity(sc, p, tier))
    if found is None:
        return None
    who, nearest = found
    entity = _entity_by_id(sc, who)
    if entity is None or entity.kind != "person" or entity.plural or entity.gender not in (None, wanted):
        return None
    return None if _other_name_between(sc, set(key_words(entity)), nearest.head, pronoun.i) else entity


def name_genders(sc: SourceContext, people: list[PersonMention]) -> dict[str, str]:
    """Before resolution: surname -> the gender the pronouns that can only mean a person of that
    name state ("Clinton now says she opposes it"), for pronoun agreement. A surname the
    pronouns give both genders, or that two people the text names in full share, gets none."""
    words = lexicon.gendered_words()
    by_sentence: dict[int, list[PersonMention]] = {}
    for p in _named_people(sc, people):
        by_sentence.setdefault(p.sentence, []).append(p)
    found: dict[str, set[str]] = {}
    for tok in _pronouns(sc):
        sole = _sole_person(sc, tok, words[tok.lower_], by_sentence, lambda p, tier: _name_identity(sc, p, tier))
        if sole is None or not isinstance(sole[0], str):
            continue
        if not _other_name_between(sc, {sole[0]}, sole[1].head, tok.i):
            found.setdefault(sole[0], set()).add(words[tok.lower_])
    return {
        name: genders.pop()
        for name, genders in found.items()
        if len(genders) == 1 and len(full_names_with_surname(sc, name)) <= 1
    }


def _sole_person(
    sc: SourceContext,
    pronoun: Token,
    wanted: str,
    people: dict[int, list[PersonMention]],
    identity: Callable[[PersonMention, list[PersonMention]], str | int],
) -> tuple[str | int, PersonMention] | None:
    """The one person the pronoun can mean, as ``identity`` tells people apart, and the mention
    of them nearest before it; None where the text leaves a doubt."""
    here = sc.sentences.index_of(pronoun.i)
    own = [p for p in people.get(here, []) if p.gender in (None, wanted)]
    if not any(p.head < pronoun.i for p in own) and any(p.head > pronoun.i for p in own):
        return None  # "After his speech, Trump said": the pronoun may point forward
    subject = _clause_subject(pronoun)
    if subject is not None and subject.pos_ == "PROPN" and not any(p.head == subject.i for p in own):
        return None  # "Pagliano invoked his rights": a name the NER missed is the likelier one
    for sentence in _sentences_back(sc, here):
        tier = [p for p in people.get(sentence, []) if p.head < pronoun.i]
        agreeing = [p for p in tier if p.gender in (None, wanted) and _can_be(sc, p, pronoun, subject, here)]
        if not agreeing:
            continue  # "Mr. Okafor met her": nobody here she can be; the sentence before
        if sentence == here and _pronoun_before(sc, pronoun, wanted, agreeing[0].head):
            return None  # '"...," she said, ... the rise of Trump, who said what she believed': the first "she"
        who = {identity(p, tier) for p in agreeing}
        return (who.pop(), agreeing[-1]) if len(who) == 1 else None
    return None


def _pronoun_before(sc: SourceContext, pronoun: Token, wanted: str, person_head: int) -> bool:
    """Whether a pronoun of the same gender comes before the first person of the sentence who
    could be meant: the later pronoun may well mean whoever the first one does."""
    words = lexicon.gendered_words()
    start = sc.sentences.of_token(pronoun.i).start
    return any(words[t.lower_] == wanted for t in _pronouns(sc) if start <= t.i < person_head and t.i != pronoun.i)


def _sentences_back(sc: SourceContext, here: int) -> list[int]:
    """The pronoun's sentence, then the ``_SENTENCES_BACK`` before it, passing over sentences that
    are quotation through and through (a quote's speaker is named before or after its words:
    '"...," wrote Matuszewski. "..." He is not the only one')."""
    found, back = [here], here - 1
    while back >= 0 and len(found) <= _SENTENCES_BACK:
        if not all_quoted(sc, back):
            found.append(back)
        back -= 1
    return found


def all_quoted(sc: SourceContext, sentence: int) -> bool:
    """Whether every word of a sentence is inside one quotation (read once per sentence: every
    pronoun asks about the sentences before it)."""
    if sentence not in sc.all_quoted:
        sc.all_quoted[sentence] = _all_quoted(sc, sentence)
    return sc.all_quoted[sentence]


def _all_quoted(sc: SourceContext, sentence: int) -> bool:
    first, last = sc.doc[sc.sentences.starts[sentence]], sc.doc[sc.sentences.ends[sentence] - 1]
    words = [t for t in sc.doc[first.i : last.i + 1] if not t.is_punct and not t.is_space]
    if not words:
        return False
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return any(s <= start and end <= e for s, e in sc.quoted)


def _can_be(sc: SourceContext, person: PersonMention, pronoun: Token, subject: Token | None, here: int) -> bool:
    """Whether the grammar lets the pronoun mean this person: an object pronoun never means the
    subject of its own clause ("McConnell met with her") nor a person whose appositive it is in
    ("Trump, her opponent"), and a sentence before the pronoun's
    gives it only the named subject of its main clause (a noun such as "the expert" there, or
    the subject of a subordinate clause, is too weak a lead)."""
    is_object = pronoun.tag_ == "PRP" and pronoun.dep_ not in _SUBJECT_DEPS
    if subject is not None and is_object and _refers_to(subject).i in [t.i for t in sc.doc[person.head].subtree]:
        return False
    if _inside_appositive_of(pronoun, person.head):
        return False  # "Donald Trump, her Republican opponent": her is someone else
    if _in_relative_clause_of_another(sc, pronoun, person.head):
        return False  # "Melanie said to the nominee, who began his speech": his is the nominee's
    if person.sentence != here:
        tok = sc.doc[person.head]
        return person.subject and person.surname is not None and (tok.head.dep_ == "ROOT" or _says_aside(tok.head))
    return True


def _says_aside(verb: Token) -> bool:
    """A speech verb set in the main clause ("A major part of it, Okafor said, is cost"): its
    subject is the speaker of the sentence, as strong a lead as a main clause's subject."""
    return verb.dep_ == "parataxis" and verb.head.dep_ == "ROOT" and verb.lemma_.lower() in lexicon.cue_verbs()


def _in_relative_clause_of_another(sc: SourceContext, pronoun: Token, head: int) -> bool:
    """Whether the pronoun is inside a relative clause of another person's noun ("the nominee, who
    began his speech", "the nominee, who thanked the voters who had got him here"): a singular
    person noun or name that is not this person and does not hold them."""
    for tok in pronoun.ancestors:
        if tok.dep_ != "relcl":
            continue
        noun = tok.head
        person = noun.ent_type_ == "PERSON" or sc.source_kinds.get(noun.lemma_.lower()) == "person"
        if person and noun.tag_ in ("NN", "NNP") and noun.i != head and head not in (t.i for t in noun.subtree):
            return True
    return False


def _inside_appositive_of(pronoun: Token, head: int) -> bool:
    """Whether the pronoun is inside an appositive of the person's own noun phrase."""
    tok, through_appositive = pronoun, False
    while tok.head.i != tok.i:
        through_appositive = through_appositive or tok.dep_ == "appos"
        tok = tok.head
        if tok.i == head:
            return through_appositive
    return False


def _clause_subject(tok: Token) -> Token | None:
    """The subject of the clause a token is in."""
    while not (tok.dep_ in _CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX")) and tok.head.i != tok.i:
        tok = tok.head
    return next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)


def _refers_to(subject: Token) -> Token:
    """A relative pronoun's noun ("Murphy, ..., who accompanied her"), else the subject itself."""
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def _other_name_between(sc: SourceContext, own: set[str], start: int, end: int) -> bool:
    """A word the NER calls part of a person's name elsewhere in the text, between the
    antecedent and the pronoun, and not this person's ("Grisham said the trip was simply
    Trump getting a jump on his annual physical", where this "Trump" was taken for an
    organisation)."""
    return any(
        tok.text in sc.person_words
        and tok.lower_ not in own
        and not quoted_at(sc, tok.idx)
        and not capitalised_common_noun(tok)  # "Border agents say", "the border" elsewhere
        for tok in sc.doc[start + 1 : end]
    )


def _entity_by_id(sc: SourceContext, who: str | int) -> Entity | None:
    return next((e for e in sc.entities if e.id == who), None)


def _name_identity(sc: SourceContext, person: PersonMention, tier: list[PersonMention]) -> str | int:
    """Before resolution, people are told apart by surname; a person noun joined to a name is
    that name's person, any other noun its own."""
    tok = _same_person_head(sc, person, tier)
    named = next((p for p in tier if p.head == tok.i and p.surname), None)
    return named.surname.lower() if named is not None and named.surname else tok.i


def _same_person_head(sc: SourceContext, person: PersonMention, tier: list[PersonMention]) -> Token:
    tok = sc.doc[person.head]
    heads = {p.head for p in tier}
    while person.surname is None and tok.dep_ in _SAME_PERSON_DEPS and tok.head.i in heads and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _identity(sc: SourceContext, person: PersonMention, tier: list[PersonMention]) -> str | int:
    """The id of the source entity a person mention is, or its head token when it is nobody's
    source. A person noun joined to a name ("captain Cam Heyward", "Murphy, an aide") is that
    person; a name inside another's mention ("a Clinton aide") is not."""
    tok = _same_person_head(sc, person, tier)
    entity = sc.by_head.get(tok.i)
    if entity is None and person.surname is None and tok.i == person.head:
        entity = _entity_covering(sc, tok.idx)
    if entity is None and person.surname is not None:
        entity = _entity_of_surname(sc, person, tok)
    return entity.id if entity is not None else tok.i


def _entity_covering(sc: SourceContext, char: int) -> Entity | None:
    for entity in sc.entities:
        if any(m.span[0] <= char < m.span[1] for m in entity.mentions):
            return entity
    return None


def _entity_of_surname(sc: SourceContext, person: PersonMention, tok: Token) -> Entity | None:
    """The one named person source whose name this mention's name matches ("Johnson" after
    "Jeh Johnson" said)."""
    ent = sc.ner.at(tok.i)
    written = name_key(ent.text).split() if ent is not None else [str(person.surname).lower()]
    firsts = full_names_with_surname(sc, written[-1]) if written else set()
    matches = [
        e
        for e in sc.entities
        if e.named and e.kind == "person" and e.mentions and key_words(e) and same_person(key_words(e), written, firsts)
    ]
    return matches[0] if len(matches) == 1 else None
