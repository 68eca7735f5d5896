"""Mention and Entity: a source as written once, and a source as one real person or body."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import RuleSet
from accordingto.analyze.sources.names import first_name_led, named_with_a_role
from accordingto.analyze.syntax import CharRange, Entities, Ranges, Sentences, text_of


@dataclass(slots=True)
class Mention:
    head: int
    span: CharRange
    text: str
    lemma: str
    pronoun: str | None = None
    definite: bool = False
    indefinite: bool = False
    plural: bool = False
    name: str | None = None
    kind: str = "unspecified"
    named: bool = False
    count: int | None = None
    count_text: str | None = None
    role: str | None = None
    affiliation: str | None = None
    #: the describe rule that decided what this mention is
    described_by: str | None = None
    #: the gender an honorific or a gendered role noun of the mention states ("Mr. Obama")
    gender: str | None = None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    kind: str
    named: bool
    lemma: str
    plural: bool
    count: int | None = None
    count_text: str | None = None
    role: str | None = None
    affiliation: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    anonymity: list[CharRange] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    last: int = 0
    #: the person's gender as the text states it (an honorific, a role noun, a pronoun resolved to them)
    gender: str | None = None
    #: what source.gender.v3 decided after resolution from every piece of evidence (``gender``
    #: above is the first the resolution read, for pronoun agreement)
    text_gender: str = "unknown"
    gender_basis: str = "none"
    gender_evidence: list[CharRange] = field(default_factory=list)
    #: source.role_class.v3
    role_class: str = "unknown"
    #: source.descriptors.v1: the text's words for who the source is and why they would know
    descriptors: list[CharRange] = field(default_factory=list)
    #: source.group_gender.v1: a group's members by gender, when the text states them
    gender_counts: dict[str, int] = field(default_factory=dict)

    def note(self, rule_id: str | None) -> None:
        if rule_id and rule_id not in self.rules:
            self.rules.append(rule_id)


@dataclass(slots=True)
class SourceContext:
    """What the source rules read: the document, its indexes and lexicons, and the entities so far."""

    doc: Doc
    text: str
    rules: RuleSet
    sentences: Sentences
    ner: Entities
    source_kinds: dict[str, str]
    person_words: frozenset[str]
    entities: list[Entity] = field(default_factory=list)
    by_head: dict[int, Entity] = field(default_factory=dict)
    #: head token -> the ids of the rules that described and resolved the mention there
    decisions: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: switch rules that took part in the decision being made (collected, then cleared)
    switches: list[str] = field(default_factory=list)
    #: every mention of a person in the text (salience.person_mentions), built on first use
    people: list[Any] | None = None
    #: lowercased word -> the honorifics right before it (salience.honorifics_before); this and the
    #: three word lists below are read in one pass over the text (salience.scan_words), on first use
    honorifics: dict[str, list[int]] | None = None
    #: what every source's role class reads of the text (roles._TextIndex), built on first use
    role_index: Any = None
    #: surname -> the first names the text gives it in full (salience.full_names_with_surname), built on first use
    full_names: dict[str, set[str]] | None = None
    #: surname -> the first names written right before it (describe._first_names_before), and the one
    #: full name the text writes for it (describe._written_before_surname): each a search of the
    #: whole text, asked again for every mention of the surname
    first_names_before: dict[str, frozenset[str]] = field(default_factory=dict)
    written_before_surname: dict[str, str | None] = field(default_factory=dict)
    #: last word -> the entities of two words or more ending with it, in text order
    #: (describe.full_name, asked for every mention of a surname), built on first use
    names_ending_with: dict[str, list[Span]] | None = None
    #: sentence index -> whether every word of it is inside one quotation (coreference.all_quoted)
    all_quoted: dict[int, bool] = field(default_factory=dict)
    #: where an "and his" / "and her" starts in the text, every whitespace before it (who._and_their_own)
    and_their_starts: list[int] | None = None
    #: the he/she/his/her... tokens of the text outside quotations, in order (coreference)
    gendered_pronouns: list[Token] | None = None
    #: proper nouns that are words of people's names, and singular person nouns (salience)
    name_words: list[Token] | None = None
    #: runs of capitalised words of the text, where acronyms are spelled out (acronyms.py)
    capitalised_runs: list[str] | None = None
    person_nouns: list[Token] | None = None
    #: entity id -> the pronouns elsewhere that can only mean it (coreference.pronouns_about), on first use
    pronouns_about: dict[str, list[tuple[CharRange, str]]] | None = None
    #: heads of pronouns whose antecedent the text does not decide
    uncertain: set[int] = field(default_factory=set)
    #: character ranges of the quotations of the text
    quoted: list[CharRange] = field(default_factory=list)
    #: the quotations searched in order (salience.quoted_at), built on first use
    quoted_index: Ranges | None = None

    @classmethod
    def build(cls, doc: Doc, rules: RuleSet, quoted: list[CharRange] | None = None) -> SourceContext:
        ner = Entities(doc)
        return cls(
            quoted=list(quoted or []),
            doc=doc,
            text=text_of(doc),
            rules=rules,
            sentences=Sentences(doc),
            ner=ner,
            source_kinds=lexicon.source_nouns(),
            person_words=_person_words(ner, lexicon.source_nouns()),
        )


def _person_words(ner: Entities, source_kinds: dict[str, str]) -> frozenset[str]:
    """The words of the names the text gives people: what the NER calls a person, and a name it
    calls an organisation that a person's role introduces ("executive chair Marcelo Claure"), and
    the surname of one that starts with a common first name ("Lester Holt")."""
    words: set[str] = set()
    for e in ner.ents:
        if e.label_ == "PERSON" or named_with_a_role(e, source_kinds):
            words.update(t.text for t in e if t.is_title)
        elif first_name_led(e):
            words.add(e[-1].text)
    return frozenset(words)
