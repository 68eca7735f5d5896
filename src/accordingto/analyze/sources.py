"""Who each source is: mentions resolved into entities, with kind, name, anonymity,
count, role, affiliation, and the outlets a statement travelled through (``via``).

Resolution runs in text order over the source mentions of the attributions (and the
outlets they were told to or cited through):

* proper names join an entity with the same name, or whose surname they are
  ("Gallant" -> "Defense Minister Yoav Gallant");
* "he"/"she" join the last person, "they" the last group or organization, "it" the last
  organization, outlet or document; relative pronouns their antecedent;
* definite descriptions ("the official", "the outlet", "the ministry") join the last
  entity with that head noun (or, for "the outlet"/"the newspaper", the last outlet);
* indefinite and counted descriptions ("An Israeli official", "Two Israeli officials")
  always start a new entity, so distinct anonymous sources stay apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from accordingto.analyze import lexicon
from accordingto.analyze.syntax import CharRange, Entities, Sentences, chars, mention_range

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
THING_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "a dozen": 12, "both": 2,
    "a couple": 2, "a pair": 2,
}  # fmt: skip
VAGUE_QUANTIFIERS = lexicon.word_set("vague_quantifiers")
OUTLET_NOUNS = lexicon.word_set("outlet_nouns")
NAME_TITLES = lexicon.word_set("name_titles")
TITLE_ABBREVIATIONS = lexicon.title_abbreviations()
COLLECTIVE_HEADS = lexicon.word_set("collective_heads")
ANONYMITY_ADJECTIVES = lexicon.word_set("anonymity_adjectives")
ORG_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


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
    last: int = 0

    def to_plain(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "named": self.named,
            "count": self.count,
            "count_text": self.count_text,
            "role": self.role,
            "affiliation": self.affiliation,
            "mentions": sorted({m.span for m in self.mentions}),
            "anonymity": sorted(set(self.anonymity)),
        }


class Resolver:
    """Builds the source entities of one document and links attributions to them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds doc.text on every access
        self.entities: list[Entity] = []
        self.by_head: dict[int, Entity] = {}
        self.source_kinds = lexicon.source_nouns()
        self.sentences = Sentences(doc)
        self.ner = Entities(doc)
        self.person_words = {t.text for e in self.ner.ents if e.label_ == "PERSON" for t in e if t.is_title}

    # ----------------------------------------------------------------- driver
    def run(self, attributions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for attr in sorted(attributions, key=lambda a: a["content"][0][0]):
            self._link(attr)
        self._mark_anonymity()
        return [e.to_plain() for e in self.entities if e.mentions]

    def _link(self, attr: dict[str, Any]) -> None:
        attr["source_id"] = None
        attr["source_mention"] = None
        attr["via"] = []
        via: list[Entity] = []
        head = attr.get("source_head")
        cited = attr.get("cited_head")
        if cited is not None and head is not None:
            via.append(self.resolve(head, span=_maybe(attr.get("source"))))
            head, attr["source"] = cited, list(chars(self.doc, mention_range(self.doc[cited])))
        recipient = attr.get("recipient_head")
        if recipient is not None:
            medium = self.resolve_outlet(recipient)
            if medium is not None:
                via.append(medium)
        if head is not None:
            entity = self.resolve(head, span=_maybe(attr.get("source")))
            attr["source_id"] = entity.id
            attr["source_mention"] = attr.get("source")
            if via:
                for v in via:
                    if v.id not in entity.via and v is not entity:
                        entity.via.append(v.id)
            elif not entity.named and entity.via:
                via = [e for e in self.entities if e.id in entity.via]
        attr["via"] = [v.id for v in via]

    # ------------------------------------------------------------- resolving
    def resolve(self, head: int, *, span: CharRange | None = None) -> Entity:
        """The entity the mention headed by token ``head`` refers to (created if new)."""
        if head in self.by_head:
            return self.by_head[head]
        mention = self.describe(self.doc[head], span)
        entity = self._antecedent(mention)
        if entity is None:
            entity = self._new_entity(mention)
        else:
            self._absorb(entity, mention)
        self._add_mention(entity, mention)
        return entity

    def resolve_outlet(self, head: int) -> Entity | None:
        """The outlet a statement was told to ("told Politico", "told the outlet"), if it is one."""
        if head in self.by_head:
            found = self.by_head[head]
            return found if found.kind == "outlet" else None
        mention = self.describe(self.doc[head])
        entity = self._antecedent(mention)
        if (entity.kind if entity is not None else mention.kind) != "outlet":
            return None
        if entity is None:
            entity = self._new_entity(mention)
        self._add_mention(entity, mention)
        return entity

    def _add_mention(self, entity: Entity, mention: Mention) -> None:
        entity.mentions.append(mention)
        entity.last = mention.head
        self.by_head[mention.head] = entity

    def _new_entity(self, mention: Mention) -> Entity:
        entity = Entity(
            id=f"S{len(self.entities) + 1}",
            name=mention.name or _display(mention.text),
            kind=mention.kind,
            named=mention.named,
            lemma=mention.lemma,
            plural=mention.plural,
            count=mention.count,
            count_text=mention.count_text,
            role=mention.role,
            affiliation=mention.affiliation,
        )
        self.entities.append(entity)
        return entity

    def _absorb(self, entity: Entity, mention: Mention) -> None:
        """A later mention can tell more about the entity (a fuller name, a role)."""
        if entity.kind == "person" and mention.kind == "organization" and mention.named:
            mention.kind = "person"  # a surname the NER took for an organization
        if mention.name and (not entity.named or len(mention.name) > len(entity.name)) and mention.named:
            entity.name = mention.name
            entity.named = True
        entity.role = entity.role or mention.role
        entity.affiliation = entity.affiliation or mention.affiliation
        if entity.kind == "unspecified" and mention.kind != "unspecified":
            entity.kind = mention.kind

    def _antecedent(self, m: Mention) -> Entity | None:
        candidates = sorted(self.entities, key=lambda e: -e.last)
        if m.pronoun in RELATIVE_PRONOUNS:
            antecedent = self.doc[m.head].head
            while antecedent.dep_ == "relcl" or antecedent.pos_ in ("VERB", "AUX"):
                antecedent = antecedent.head
                if antecedent.head.i == antecedent.i:
                    break
            if antecedent.i != m.head and antecedent.pos_ in ("NOUN", "PROPN"):
                return self.resolve(antecedent.i)
            return None
        if m.pronoun in PERSON_PRONOUNS:
            return next((e for e in candidates if e.kind == "person" and not e.plural), None) or self._person_in_text(m)
        if m.pronoun in PLURAL_PRONOUNS:
            return next((e for e in candidates if e.plural or e.kind in ("group", "organization", "outlet")), None)
        if m.pronoun in THING_PRONOUNS:
            return next((e for e in candidates if e.kind in ("organization", "outlet", "document")), None)
        if m.pronoun:
            return None
        if m.named and m.name:
            return self._same_name(m, candidates)
        if m.definite:
            if m.lemma in OUTLET_NOUNS:
                found = next((e for e in candidates if e.kind == "outlet"), None)
                if found is not None:
                    return found
            same = next((e for e in candidates if e.lemma == m.lemma and e.plural == m.plural), None)
            if same is not None or m.kind != "person" or m.plural:
                return same
            return self._titled_person(m, candidates)
        if m.indefinite or m.count is not None or m.count_text:
            return None
        key = m.text.lower()
        return next((e for e in candidates if not e.named and any(x.text.lower() == key for x in e.mentions)), None)

    def _same_name(self, m: Mention, candidates: list[Entity]) -> Entity | None:
        """A named entity with the same name, or a person whose surname this is
        ("Calloway" -> "Ines Calloway"; the NER's label for a bare surname is not trusted)."""
        assert m.name is not None
        name = _name_key(m.name)
        for e in candidates:
            if e.named and _name_key(e.name) == name:
                return e
        if m.kind == "outlet":
            return None
        parts = name.split()
        for e in candidates:
            if not e.named or e.kind not in ("person", "unspecified"):
                continue
            other = _name_key(e.name).split()
            if not other:
                continue
            if len(parts) == 1 and parts[0] == other[-1]:
                return e
            if len(other) == 1 and other[0] == parts[-1] and m.kind in ("person", "unspecified"):
                return e
        return None

    def _titled_person(self, m: Mention, candidates: list[Entity]) -> Entity | None:
        """'The senator said...', 'The Democratic presidential nominee says...': the
        named person last given that title, as a source or in the preceding sentences."""
        titles = {m.lemma, *TITLE_ABBREVIATIONS.get(m.lemma, ())}
        for e in candidates:
            if e.kind == "person" and e.named and not e.plural:
                words = {w.lower() for w in (e.role or "").split()}
                words |= {w.lower() for x in e.mentions for w in x.text.split()}
                if words & titles:
                    return e
        head = self.doc[m.head]
        window_start = self.sentences.of_token(max(0, self.sentences.of_token(head.i).start - 1)).start
        for ent in reversed(
            [e for e in self.ner.ents if e.label_ == "PERSON" and window_start <= e.start and e.end <= head.i]
        ):
            before = self.doc[max(0, ent.start - 3) : ent.start]
            if {t.lower_ for t in before} & titles:
                return self.resolve(ent.end - 1)
        return None

    def _person_in_text(self, m: Mention) -> Entity | None:
        """'he' with no person source before it: the nearest PERSON name in the preceding text."""
        for ent in reversed([e for e in self.ner.ents if e.label_ == "PERSON" and e.end <= m.head]):
            if m.head - ent.end > 120:
                break
            return self.resolve(ent.end - 1)
        return None

    # ------------------------------------------------------------- describing
    def describe(self, tok: Token, span: CharRange | None = None) -> Mention:
        doc = self.doc
        rng = mention_range(tok)
        cspan = span or chars(doc, rng)
        text = self.text[cspan[0] : cspan[1]]
        lower = tok.lower_
        lemma = tok.lemma_.lower()
        m = Mention(head=tok.i, span=cspan, text=text, lemma=lemma)
        appos = self._appositive_name(tok)
        if appos is not None and tok.pos_ != "PRON":
            # "one of the family's attorneys, Justin Bamberg"
            m.name, m.kind, m.named = _strip_titles(self.doc[appos[0] : appos[1]].text), "person", True
            if not tok.like_num and lower not in ("one", "some", "another"):
                self._role_and_affiliation(tok, rng, m)
            return m
        if lower in VAGUE_QUANTIFIERS or lower in ("others", "one", "both"):
            # 'with some saying...', 'several of them said': an unnamed part of a group
            m.kind, m.plural, m.count_text = "group", lower != "one", lower
            m.count = _number(lower)
            return m
        if tok.pos_ == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS | RELATIVE_PRONOUNS:
            m.pronoun = lower
            m.kind = (
                "person" if lower in PERSON_PRONOUNS | {"i", "me"}
                else "group" if lower in ("we", "us", "they", "them")
                else "unspecified"
            )  # fmt: skip
            m.plural = lower in PLURAL_PRONOUNS or lower in ("we", "us")
            return m
        dets = [c for c in tok.children if c.dep_ in ("det", "predet")]
        m.definite = any(d.lower_ in ("the", "this", "that", "these", "those") for d in dets) or any(
            c.dep_ == "poss" for c in tok.children
        )
        m.indefinite = any(d.lower_ in ("a", "an", "another", "some", "any", "no") for d in dets)
        m.plural = tok.tag_ in ("NNS", "NNPS")
        self._count(tok, m)
        self._name_and_kind(tok, rng, m)
        self._role_and_affiliation(tok, rng, m)
        return m

    def _count(self, tok: Token, m: Mention) -> None:
        for child in tok.children:
            if child.dep_ == "nummod" or (
                child.dep_ in ("amod", "det", "quantmod") and child.lower_ in VAGUE_QUANTIFIERS
            ):
                phrase = " ".join(t.text for t in child.subtree).lower()
                m.count_text = phrase
                m.count = _number(phrase)
                if m.count is not None and m.count > 1:
                    m.plural = True
                return
        # "all the officials", "some Democrats"
        for child in tok.children:
            if child.dep_ in ("det", "predet") and child.lower_ in VAGUE_QUANTIFIERS:
                m.count_text = child.lower_
                return

    def _name_and_kind(self, tok: Token, rng: tuple[int, int], m: Mention) -> None:
        doc = self.doc
        conjuncts = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
        if conjuncts:
            # "Google and Yahoo said", "Will Smith, Robert DeNiro and Stevie Wonder, who joked"
            m.kind, m.plural = "group", True
            m.named = all(t.pos_ == "PROPN" for t in (tok, *conjuncts))
            m.name = " ".join(doc[rng[0] : rng[1]].text.split())
            return
        names = self._proper_name(tok)
        lemma = m.lemma
        if (
            tok.pos_ in ("NOUN", "PROPN")
            and self.source_kinds.get(lemma) == "document"
            and tok.ent_type_ not in ("PERSON", "ORG")
        ):
            # "A Bloomberg poll", "the IMF report": the document, made by someone
            m.kind, m.named = "document", m.definite or names is not None
            if m.plural and not m.definite and not m.indefinite and m.count is None and names is None:
                m.kind = "unspecified"  # "Reports said..."
            return
        collective = self._collective_of(tok)
        if collective is not None:
            # "Only 52 percent of registered voters", "A chorus of prominent Republicans"
            m.kind, m.plural = "group", True
            return
        if names is not None:
            name = _strip_titles(doc[names[0] : names[1]].text)
            outlet = (
                self._outlet_named_before(name)
                or lexicon.outlet_for(name)
                or lexicon.outlet_for(doc[rng[0] : rng[1]].text)
            )
            if outlet or _outlet_like(name, doc[names[1] - 1]):
                m.name, m.kind, m.named = outlet or name, "outlet", True
                return
            if all(
                w.lower().strip(".") in lexicon.role_words() or w.lower() in ("retired", "former") for w in name.split()
            ):
                # "Judge Rejects Request", "Retired General Reveals...": a title, not a name
                m.kind, m.role = "person", name
                return
            if tok.pos_ == "PROPN" or (tok.i < names[1] and tok.i >= names[0]):
                m.name = name
                m.named = True
                label = doc[names[1] - 1].ent_type_
                if names[1] - names[0] == 1 and name in self.person_words:
                    label = "PERSON"  # "Sanders said": the NER's ORG for a surname used alone elsewhere as a person's
                if label == "PERSON":
                    m.kind = "person"
                    m.name = self._full_name(name) or name
                elif label in ("NORP",):
                    m.kind = "group"
                    m.plural = True
                elif label in ORG_ENTS:
                    m.kind = "organization"
                else:
                    m.kind = "person" if _looks_like_person(doc[names[0] : names[1]]) else "organization"
                return
            if lemma in OUTLET_NOUNS and lexicon.outlet_for(name):
                m.name, m.kind, m.named = lexicon.outlet_for(name), "outlet", True
                return
        if rng[1] - rng[0] == 1 and tok.is_title and tok.text in self.person_words:
            # '"..." Trump knows...': a name the tagger took for a common noun here, and the
            # NER for a person's name elsewhere in the article
            m.name, m.kind, m.named = self._full_name(tok.text) or tok.text, "person", True
            return
        kind = self.source_kinds.get(lemma)
        if kind is None and tok.ent_type_ in ORG_ENTS:
            kind = "organization"
        if kind == "organization" and m.definite:
            m.named = True  # "the state environment agency": an institution the reader can identify
        if kind == "person" and (m.plural or lemma in ("people",)):
            kind = "group"
        if kind == "document" and m.plural and not m.definite and not m.indefinite and m.count is None:
            kind = "unspecified"  # "Reports said..."
        if lemma in OUTLET_NOUNS:
            kind = "outlet"
        if lemma == "paper" and m.plural:
            kind = "document"  # "legal papers", "court papers"
        m.kind = kind or ("group" if m.plural else "unspecified")

    def _full_name(self, surname: str) -> str | None:
        """'Sanders said...' in an article that names Bernie Sanders elsewhere: the one
        full name in the text ending with this surname, if there is exactly one."""
        if " " in surname:
            return None
        full = {
            " ".join(t.text for t in e if not t.is_punct)
            for e in self.ner.ents
            if e.label_ == "PERSON" and len(e) > 1 and e[-1].text == surname
        }
        return next(iter(full)) if len(full) == 1 else None

    def _outlet_named_before(self, name: str) -> str | None:
        """'The New York Post reports... The Post has learned': a short name ("the Post",
        "the Times") refers to the outlet of that name already in the article."""
        words = name.split()
        if len(words) != 1:
            return None
        last = words[0].lower()
        for entity in reversed(self.entities):
            if entity.kind == "outlet" and entity.name.split()[-1].lower() == last:
                return entity.name
        return None

    def _collective_of(self, tok: Token) -> Token | None:
        """The people a quantity or collective noun stands for: "percent of voters",
        "a chorus of Republicans", "most of them", "a majority of Democrats"."""
        if tok.lemma_.lower() not in COLLECTIVE_HEADS and not tok.like_num:
            return None
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            return None
        kind = self.source_kinds.get(pobj.lemma_.lower())
        if pobj.ent_type_ in ("NORP",) or kind in ("person", "group") or pobj.lower_ in ("them", "us", "those"):
            return pobj
        return None

    def _appositive_name(self, tok: Token) -> tuple[int, int] | None:
        """'Halden Water’s chief executive, Martin Osei': a role head whose appositive is a
        person's name names the source."""
        if tok.pos_ == "PROPN":
            return None
        person_head = self.source_kinds.get(tok.lemma_.lower()) == "person"
        for child in tok.rights:
            if (
                child.dep_ == "appos"
                and child.pos_ == "PROPN"
                and (child.ent_type_ == "PERSON" or (person_head and child.ent_type_ == ""))
            ):
                return self._proper_name(child)
        return None

    def _proper_name(self, tok: Token) -> tuple[int, int] | None:
        """The name tokens of the mention: a proper-noun head with its compounds ("Yoav
        Gallant" in "Defense Minister Yoav Gallant", "Gaza health ministry"), or the
        proper-noun compound of a common-noun head ("Politico" in "the Politico site")."""
        doc = self.doc
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG"):
            start = tok.i
            for child in sorted(tok.lefts, key=lambda c: -c.i):
                if child.dep_ in ("compound", "flat", "nmod") and child.right_edge.i == start - 1:
                    start = child.left_edge.i
                elif not child.is_punct:
                    break
            end = tok.i
            while end + 1 < len(doc) and doc[end + 1].dep_ in ("flat", "compound") and doc[end + 1].head.i == tok.i:
                end += 1
            if tok.ent_type_ == "PERSON":
                ent = self.ner.at(tok.i)
                if ent is not None:
                    start = max(start, ent.start)
                    end = max(end, ent.end - 1)
            while (
                start < end
                and (doc[start].lower_ in lexicon.role_words() or doc[start].lower_ in NAME_TITLES)
                and doc[start].ent_type_ != "PERSON"
            ):
                start += 1
            return start, end + 1
        compounds = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if compounds:
            first = min(c.left_edge.i for c in compounds)
            last = max(c.i for c in compounds)
            return first, last + 1
        return None

    def _role_and_affiliation(self, tok: Token, rng: tuple[int, int], m: Mention) -> None:
        """Role from titles and appositives ("Defense Minister", "national security
        adviser", "a doctor"), affiliation from nationality, place and organization
        modifiers ("US", "Israeli", "Defense Department") or "of/for/at X"."""
        if m.kind in ("outlet", "document") or m.pronoun:
            return
        doc = self.doc
        pre = [t for t in doc[rng[0] : tok.i] if t.dep_ not in ("det", "nummod", "poss", "case") and not t.is_punct]
        if m.named and m.kind == "person" and self._appositive_name(tok) is not None:
            pre = [*pre, tok]
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None:
                m.affiliation = _join([t for t in owner.subtree if t.dep_ != "case" and t.text not in ("’s", "'s")])
        elif m.named and m.kind == "person":
            names = self._proper_name(tok)
            pre = [t for t in pre if names is None or t.i < names[0]]
            pre = [t for t in pre if t.lower_ not in NAME_TITLES]
        elif m.kind in ("person", "group") and not m.named and self.source_kinds.get(tok.lemma_.lower()) == "person":
            pre = [*pre, tok]
        else:
            pre = []
        pre = [
            t for t in pre
            if t.lower_ not in ANONYMITY_ADJECTIVES and t.lower_ not in VAGUE_QUANTIFIERS and t.ent_type_ != "ORDINAL"
        ]  # fmt: skip
        role_tokens = _role_phrase(pre)
        affiliation = [
            t
            for t in pre
            if t not in role_tokens
            and (t.ent_type_ in ORG_ENTS or t.pos_ == "PROPN" or t.text in ("US", "U.S.", "UN", "EU"))
        ]
        if not role_tokens:
            role_tokens = [t for t in pre if t not in affiliation]
        if affiliation and m.affiliation is None:
            m.affiliation = _join(affiliation)
        if role_tokens:
            text = _join(role_tokens)
            m.role = text if text.lower() not in ("the", "a", "an") else None
        for child in tok.children:
            if child.dep_ == "appos" and m.role is None and m.kind == "person":
                appos = mention_range(child)
                m.role = re.sub(r"^(?:the|a|an)\s+", "", doc[appos[0] : appos[1]].text, flags=re.I)
            if child.dep_ == "prep" and child.lower_ in ("for", "at", "of", "with") and m.affiliation is None:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and (
                    pobj.ent_type_ in ORG_ENTS
                    or pobj.pos_ == "PROPN"
                    or self.source_kinds.get(pobj.lemma_.lower()) == "organization"
                ):
                    m.affiliation = re.sub(
                        r"^the\s+", "", doc[pobj.left_edge.i : pobj.right_edge.i + 1].text, flags=re.I
                    )

    # ------------------------------------------------------------- anonymity
    def _mark_anonymity(self) -> None:
        found: list[CharRange] = []
        for pattern in lexicon.patterns("anonymity.txt"):
            found.extend((m.start(), m.end()) for m in pattern.finditer(self.text))
        for marker in _longest_first(found):
            self._apply_marker(marker)

    def _apply_marker(self, marker: CharRange) -> None:
        span = self.doc.char_span(marker[0], marker[1], alignment_mode="expand")
        if span is None:
            return
        sent = self.sentences.of_token(span.start)
        covered = [e for e in self.entities if any(sent.start <= m.head < sent.end for m in e.mentions)]
        subject = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ in ("NNS", "PRP") and not covered:
            lemma = subject.lemma_.lower()
            covered = [
                e for e in self.entities
                if not e.named and e.mentions and e.mentions[0].head < sent.start
                and (e.lemma == lemma or subject.lower_ in PLURAL_PRONOUNS)
            ]  # fmt: skip
        if subject is not None and subject.tag_ in ("NNS",) and covered == []:
            return
        for entity in covered:
            if not entity.named and marker not in entity.anonymity:
                entity.anonymity.append(marker)


def _outlet_like(name: str, last: Token) -> bool:
    """A proper name ending like a newspaper's ("the Harbour Ledger", "Tampa Bay Times")."""
    words = name.split()
    return len(words) >= 2 and last.pos_ == "PROPN" and words[-1].lower() in lexicon.outlet_words()


def _longest_first(ranges: list[CharRange]) -> list[CharRange]:
    """Matches with those inside a longer one dropped, in text order."""
    kept: list[CharRange] = []
    for start, end in sorted(ranges, key=lambda r: (r[0], -r[1])):
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    return kept


def _maybe(value: Any) -> CharRange | None:
    return (int(value[0]), int(value[1])) if value else None


def _number(phrase: str) -> int | None:
    cleaned = phrase.lower().replace(",", "").strip()
    if cleaned in NUMBER_WORDS:
        return NUMBER_WORDS[cleaned]
    if cleaned.isdigit():
        return int(cleaned)
    return None


def _strip_titles(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in NAME_TITLES:
        words = words[1:]
    while words and words[-1] in ("'s", "’s"):
        words = words[:-1]
    return " ".join(words) or name


def _name_key(name: str) -> str:
    return " ".join(w for w in _strip_titles(name).lower().replace("’s", "").split() if w not in NAME_TITLES)


def _display(text: str) -> str:
    return " ".join(text.split())


def _join(tokens: list[Token]) -> str:
    """Tokens as printed: contiguous ones keep their spacing, gaps become one space."""
    ordered = sorted(tokens, key=lambda t: t.i)
    parts: list[str] = []
    for k, t in enumerate(ordered):
        if k and ordered[k - 1].i + 1 != t.i:
            parts.append(" ")
        parts.append(t.text_with_ws if k + 1 < len(ordered) and ordered[k + 1].i == t.i + 1 else t.text)
    return "".join(parts).strip()


def _role_phrase(tokens: list[Token]) -> list[Token]:
    """The longest run of tokens that is a known role ("defense minister")."""
    words = [t.lower_ for t in tokens]
    for phrase in lexicon.roles():
        parts = phrase.split()
        for k in range(len(words) - len(parts) + 1):
            if words[k : k + len(parts)] == parts and all(
                tokens[k + j + 1].i == tokens[k + j].i + 1 for j in range(len(parts) - 1)
            ):
                return tokens[k : k + len(parts)]
    return []


def _looks_like_person(span: Any) -> bool:
    words = [t for t in span if t.is_alpha]
    return 1 <= len(words) <= 4 and all(t.is_title for t in words)
