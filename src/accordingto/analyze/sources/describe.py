"""What one source mention is: its kind, name, count, anonymity, role and affiliation.

Two stages of rules: ``mention`` rules decide mentions that need nothing else (an
appositive name, a quantifier, a pronoun); the ``describe`` rules then decide the kind of
the rest, after determiners and counts are read, the first rule that answers winning.
Role and affiliation are read last.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from accordingto.analyze import layout, lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.mentions import Mention, SourceContext
from accordingto.analyze.sources.names import (
    common_first_name,
    count_of,
    display,
    ends_like_a_body,
    first_name_led,
    join_tokens,
    looks_like_person,
    name_titles,
    named_with_a_role,
    outlet_like,
    person_noun,
    person_shaped_org,
    role_phrase,
    strip_titles,
)
from accordingto.analyze.sources.salience import honorific_gender, scan_words, surname_genders
from accordingto.analyze.syntax import CharRange, chars, mention_range

#: with their possessives: "his claim that...", "their view", "its report" are sources too
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
ORG_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
#: NER labels whose whole span is a source's name ("The Centers for Disease Control")
NAME_ENTS = frozenset({"PERSON", "ORG", "FAC"})
#: births a first name needs in first_names.tsv before an unlabelled name that starts with it is a person's
#: an NER span longer than this is not taken as one name (the model sometimes runs on)
MAX_NAME_TOKENS = 8
#: lower-case words inside personal names ("Ursula von der Leyen", "Mohammed bin Salman")
NAME_PARTICLES = frozenset({"al", "bin", "da", "de", "del", "der", "di", "du", "el", "ibn", "la", "le", "van", "von"})
TokRange = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Names:
    """The proper-name tokens of a mention (None when it has none) and that name as printed."""

    tokens: TokRange | None
    text: str | None


def describe(sc: SourceContext, tok: Token, span: CharRange | None = None) -> Mention:
    """What the mention headed by ``tok`` is (``span``: its characters, when the caller knows them)."""
    rng = mention_range(tok)
    cspan = span or chars(sc.doc, rng)
    m = Mention(head=tok.i, span=cspan, text=sc.text[cspan[0] : cspan[1]], lemma=tok.lemma_.lower())
    for r in sc.rules.stage("mention"):
        if r.func(sc, tok, rng, m):
            m.described_by = r.id
            return m
    dets = [c for c in tok.children if c.dep_ in ("det", "predet")]
    m.definite = any(d.lower_ in ("the", "this", "that", "these", "those") for d in dets) or any(
        c.dep_ == "poss" for c in tok.children
    )
    m.indefinite = any(d.lower_ in ("a", "an", "another", "some", "any", "no") for d in dets)
    m.plural = tok.tag_ in ("NNS", "NNPS")
    _count(tok, m)
    names = _names(sc, tok)
    for r in sc.rules.stage("describe"):
        if r.func(sc, tok, rng, m, names):
            m.described_by = r.id
            break
    role_and_affiliation(sc, tok, rng, m)
    return m


def _names(sc: SourceContext, tok: Token) -> Names:
    found = proper_name(sc, tok)
    return Names(found, strip_titles(sc.doc[found[0] : found[1]].text) if found else None)


def _count(tok: Token, m: Mention) -> None:
    vague = lexicon.word_set("vague_quantifiers")
    for child in tok.children:
        if child.dep_ == "nummod" or (child.dep_ in ("amod", "det", "quantmod") and child.lower_ in vague):
            phrase = " ".join(t.text for t in child.subtree).lower()
            m.count_text = phrase
            m.count = count_of(phrase)
            if m.count is not None and m.count > 1:
                m.plural = True
            return
    # "all the officials", "some Democrats"
    for child in tok.children:
        if child.dep_ in ("det", "predet") and child.lower_ in vague:
            m.count_text = child.lower_
            return


# ----------------------------------------------------------------------------- mention rules
@rule(
    "describe.interviewee.v1",
    stage="mention",
    order=5,
    purpose="""The "A" of an interview's answers (layout.interview_answer.v1) is the interviewee: the
    person the text names most often before the first question ("We are thrilled to have Junior
    Gaspard... We asked him..."), in full; with no one named there, an unnamed person.""",
    examples=[
        Example(
            "Experience is thrilled to have Junior Gaspard as its new chief executive. We asked Gaspard about the"
            " year ahead.\n\nQ: How do you prioritize your day?\n\nA: I block time for meetings.",
            content="I block time for meetings",
            source_name="Junior Gaspard",
            source_kind="person",
        )
    ],
    counterexamples=["A: the first letter of the alphabet, and the grade every student wants."],
)
def interviewee(sc: SourceContext, tok: Token, rng: TokRange, m: Mention) -> bool:
    if (tok.idx, tok.idx + 1) not in layout.interview_answers(sc.text):
        return False
    m.kind, m.lemma = "person", "interviewee"
    name = _introduced_person(sc)
    if name is not None:
        m.name, m.named = name, True
    return True


def _introduced_person(sc: SourceContext) -> str | None:
    """The person named most often before an interview's first question, by the fullest name
    the text gives them there."""
    first = layout.first_question(sc.text)
    if first is None:
        return None
    people = [e for e in sc.ner.ents if e.label_ == "PERSON" and e.end_char <= first and looks_like_person(e)]
    people += _first_name_led(sc.doc, first)  # "Junior Gaspard", which the NER may miss
    if not people:
        return None
    counts = Counter(e[-1].text for e in people)
    surname = max(counts, key=lambda w: (counts[w], -next(k for k, e in enumerate(people) if e[-1].text == w)))
    longest = max((e for e in people if e[-1].text == surname), key=len)
    return strip_titles(longest.text)


def _first_name_led(doc: Doc, before: int) -> list[Span]:
    """Runs of two or three capitalised proper nouns opening with a common first name, outside
    the NER's entities, before a character offset."""
    found = []
    for tok in doc:
        if tok.idx >= before:
            break
        if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title or not common_first_name(tok.text):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i < 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        if end - tok.i >= 2 and not doc[end - 1].ent_type_:
            found.append(doc[tok.i : end])
    return found


@rule(
    "describe.appositive_name.v1",
    stage="mention",
    order=10,
    purpose="""'Halden Water’s chief executive, Martin Osei', 'one of the family's attorneys, Justin
    Bamberg': a role head whose appositive is a person's name names the source.""",
    examples=[
        Example(
            "Halden Water’s chief executive, Martin Osei, denied that the company had hidden anything.",
            source_name="Martin Osei",
            source_kind="person",
        )
    ],
    counterexamples=["The chief executive denied that the company had hidden anything."],
)
def appositive_name(sc: SourceContext, tok: Token, rng: TokRange, m: Mention) -> bool:
    appos = appositive_person(sc, tok)
    if appos is None or tok.pos_ == "PRON":
        return False
    m.name, m.kind, m.named = strip_titles(sc.doc[appos[0] : appos[1]].text), "person", True
    if not tok.like_num and tok.lower_ not in ("one", "some", "another"):
        role_and_affiliation(sc, tok, rng, m)
    return True


def appositive_body(sc: SourceContext, tok: Token) -> TokRange | None:
    """'WeWork’s parent company, The We Company': a company, agency or group whose appositive is
    its proper name."""
    if tok.pos_ == "PROPN" or sc.source_kinds.get(tok.lemma_.lower()) not in ("organization", "outlet"):
        return None
    for child in [*tok.rights, *_appositive_after_clause(tok)]:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and _body_entity(child):
            return proper_name(sc, child)
    return None


def _appositive_after_clause(tok: Token) -> list[Token]:
    """ "The company that runs the AMAs, Dick Clark Productions,": the appositive right after the
    noun's relative clause, which the parser hangs on the clause's last noun."""
    clause = next((c for c in tok.rights if c.dep_ == "relcl"), None)
    if clause is None:
        return []
    return [t for t in clause.subtree if t.dep_ == "appos" and t.left_edge.i == _after_comma(clause)]


def _after_comma(clause: Token) -> int:
    """Where the word after the comma that closes a relative clause's own words would be."""
    words = [
        t
        for t in clause.subtree
        if not t.is_punct and t.dep_ != "appos" and not any(a.dep_ == "appos" for a in t.ancestors)
    ]
    end = max(t.i for t in words)
    doc = clause.doc
    return end + 2 if end + 1 < len(doc) and doc[end + 1].text == "," else -1


def _body_entity(tok: Token) -> bool:
    """A proper noun of a body's name: no NER label, an organisation or place, or a person's name
    ending like a company's ("Dick Clark Productions")."""
    if tok.ent_type_ in ("ORG", "FAC", ""):
        return True
    return tok.ent_type_ == "PERSON" and ends_like_a_body(tok.text)


@rule(
    "describe.appositive_body.v1",
    stage="mention",
    order=11,
    purpose="""'WeWork’s parent company, The We Company', 'The company that runs the awards, Dick Clark
    Productions': a company, agency or group named by its appositive is that named body.""",
    examples=[
        Example(
            "WeWork’s parent company, The We Company, said it would cut jobs.",
            source_name="We Company",
            source_kind="organization",
            named=True,
        )
    ],
    counterexamples=["WeWork’s parent company said it would cut jobs."],
)
def appositive_body_name(sc: SourceContext, tok: Token, rng: TokRange, m: Mention) -> bool:
    appos = appositive_body(sc, tok)
    if appos is None or tok.pos_ == "PRON":
        return False
    name = sc.doc[appos[0] : appos[1]].text
    outlet_name = lexicon.outlet_for(name)
    m.name, m.named = name, True
    m.kind = "outlet" if outlet_name or sc.source_kinds.get(tok.lemma_.lower()) == "outlet" else "organization"
    return True


@rule(
    "describe.quantifier.v1",
    stage="mention",
    order=20,
    purpose="""'with some saying...', 'several of them said', 'others said': an unnamed part of a
    group.""",
    examples=[Example("Several said the vote was rigged.", source="Several", source_kind="group")],
    counterexamples=["The voters said the vote was rigged."],
)
def quantifier(sc: SourceContext, tok: Token, rng: TokRange, m: Mention) -> bool:
    lower = tok.lower_
    if lower not in lexicon.word_set("vague_quantifiers") and lower not in ("others", "one", "both"):
        return False
    m.kind, m.plural, m.count_text = "group", lower != "one", lower
    m.count = count_of(lower)
    return True


@rule(
    "describe.pronoun.v1",
    stage="mention",
    order=30,
    purpose="""Pronouns: he/she a person, we/they a group, relative and other pronouns unspecified
    until resolved.""",
    examples=[Example("She said the roads were closed.", source="She", source_kind="person")],
    counterexamples=["The driver said the roads were closed."],
)
def pronoun(sc: SourceContext, tok: Token, rng: TokRange, m: Mention) -> bool:
    lower = tok.lower_
    if not (tok.pos_ == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS | RELATIVE_PRONOUNS):
        return False
    if tok.is_upper and len(tok) > 1 and tok.pos_ == "PROPN":
        return False  # "The WHO said": a name in capitals, not the pronoun
    m.pronoun = lower
    if lower in PERSON_PRONOUNS | {"i", "me"}:
        m.kind = "person"
    elif lower in ("we", "us", "they", "them") or (lower == "those" and _described_people(tok)):
        m.kind = "group"  # "Those in favor of punishment say..."
    m.plural = lower in PLURAL_PRONOUNS or lower in ("we", "us", "those")
    return True


def _described_people(tok: Token) -> bool:
    """ "those in favor", "those who voted": a pronoun the words after it make a group of people."""
    return any(c.dep_ in ("prep", "relcl", "acl", "amod") and c.i > tok.i for c in tok.children)


# ----------------------------------------------------------------------------- describe rules
@rule(
    "describe.conjunction.v3",
    stage="describe",
    order=10,
    purpose="""'Will Smith, Robert DeNiro and Stevie Wonder, who joked', 'Google and Yahoo said': a
    coordinated source is a group, named when every conjunct is a proper name; not one body whose
    name the NER finds whole ('Customs and Border Protection'). Bodies named together are of
    their kind (v2): 'Google and Yahoo', 'The United Nations and European Union' organizations,
    'The Wrap and Deadline' outlets. A group named together has no role (the words are each
    one's: 'Gov. Eric Holcomb and leaders of the Legislature'); one person with two roles has
    both ('the singer and guitarist') (v3); a noun after an 'and' takes only the words after it
    as its role ('Holcomb and GOP legislative leaders': legislative leaders).""",
    examples=[
        Example("Will Smith and Robert DeNiro said they would sue.", source_kind="group", named=True),
        Example(
            "The singer and guitarist told the audience that the band would tour.",
            source_role="singer and guitarist",
        ),
        Example("Google and Yahoo said they would take the issue to court.", source_kind="organization", named=True),
    ],
    counterexamples=["Google said it would take the issue to court."],
)
def conjunction(sc: SourceContext, tok: Token, rng: TokRange, m: Mention, names: Names) -> bool:
    conjuncts = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
    conjuncts = [c for c in conjuncts if rng[0] <= c.i < rng[1]]  # one the mention keeps (syntax.mention_range)
    if not conjuncts:
        return False
    ent = sc.ner.at(tok.i)
    if ent is not None and ent.label_ in ORG_ENTS and all(ent.start <= c.i < ent.end for c in conjuncts):
        return False  # "Customs and Border Protection": one body whose name has an "and"
    if _one_person_with_two_roles(sc, tok, conjuncts):
        m.kind = "person"  # "the singer and guitarist": one determiner, two roles of one person
        return True
    m.kind, m.plural = "group", True
    m.named = all(t.pos_ == "PROPN" for t in (tok, *conjuncts))
    m.name = _conjoined_names(sc, [tok, *conjuncts]) if m.named else " ".join(sc.doc[rng[0] : rng[1]].text.split())
    if m.named:
        m.kind = _bodies_kind(sc, [tok, *conjuncts]) or "group"
    return True


def _bodies_kind(sc: SourceContext, heads: list[Token]) -> str | None:
    """ "outlet" or "organization" when every conjunct names a body of that kind, else None."""
    if all(lexicon.outlet_for(_name_at(sc, h)) for h in heads):
        return "outlet"
    if all(h.ent_type_ in ("ORG", "GPE") and not _unlabelled_person_head(sc, h) for h in heads):
        return "organization"
    return None


def _unlabelled_person_head(sc: SourceContext, head: Token) -> bool:
    ent = sc.ner.at(head.i)
    return ent is not None and looks_like_person(ent) and common_first_name(ent[0].text)


def _conjoined_names(sc: SourceContext, heads: list[Token]) -> str:
    """ "Kurt Volker and Tim Morrison" for "both Volker and Morrison": each conjunct's name, a
    person's surname completed from the text, joined as a list."""
    names = []
    for head in heads:
        name = _name_at(sc, head)
        if " " not in name:
            name = full_name(sc, name, head.i) or name
        if name not in names:  # "Procter & Gamble": its "Gamble" is a conjunct of the same name
            names.append(name)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _one_person_with_two_roles(sc: SourceContext, tok: Token, conjuncts: list[Token]) -> bool:
    words = (tok, *conjuncts)
    singular_roles = all(
        t.pos_ == "NOUN" and t.tag_ == "NN" and sc.source_kinds.get(t.lemma_.lower()) == "person" for t in words
    )
    return singular_roles and not any(c.dep_ == "det" for c in conjuncts)


@rule(
    "describe.document_author.v1",
    stage="describe",
    order=15,
    purpose=""""a new report by E! News", "data from MarketAxess", "The Wrap's report": a document
    whose author the text names ("from", "by", a possessive) is that author's statement; the
    source is the author (an outlet, organization or person), named.""",
    examples=[
        Example(
            "A new survey from Piper Jaffray found that teens prefer Netflix.",
            source_name="Piper Jaffray",
            named=True,
        ),
        Example("A new report by E! News says the couple split.", source_name="E! News", source_kind="outlet"),
    ],
    counterexamples=["A new report says the couple split.", "An analysis of the data found a rise."],
)
def document_author(sc: SourceContext, tok: Token, rng: TokRange, m: Mention, names: Names) -> bool:
    if not (tok.pos_ == "NOUN" and sc.source_kinds.get(m.lemma) == "document"):
        return False
    author = _author_of(tok)
    if author is None:
        return False
    heads = [author, *(c for c in author.children if c.dep_ == "conj" and c.pos_ == "PROPN")]
    m.name = _conjoined_names(sc, heads)
    m.named, m.definite = True, False
    m.kind = _author_kind(sc, heads, tok)
    m.plural = len(heads) > 1 and m.kind == "group"
    return True


def _author_of(tok: Token) -> Token | None:
    """The proper name that made a document: "by/from X", "X's", or the agent of a participle
    of publishing after it (publishing_verbs: "the report, released Tuesday by the Government
    Accountability Office"; not "data collected by a telescope")."""
    for child in tok.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                return pobj
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in lexicon.word_set("publishing_verbs"):
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None and pobj.pos_ == "PROPN":
                return pobj
    return None


def _name_at(sc: SourceContext, head: Token) -> str:
    """The proper name headed by ``head``, titles aside; an outlet's with the "The" that belongs to it."""
    rng = proper_name(sc, head) or (head.i, head.i + 1)
    name = strip_titles(join_tokens(list(sc.doc[rng[0] : rng[1]])))
    canonical = lexicon.outlet_for(name)
    if canonical and rng[0] > 0 and sc.doc[rng[0] - 1].lower_ == "the":
        return "The " + name  # "The Wrap", as printed
    return canonical if canonical and canonical.lower().removeprefix("the ") == name.lower() else name


#: documents a person writes; the author of other documents (a survey, data) is an organisation
_PERSONAL_DOCUMENTS = frozenset({"letter", "tweet", "post", "statement", "email", "memo", "column", "book", "essay"})


def _author_kind(sc: SourceContext, heads: list[Token], document: Token) -> str:
    if all(lexicon.outlet_for(_name_at(sc, h)) or outlet_like(_name_at(sc, h), h) for h in heads):
        return "outlet"
    if len(heads) > 1:
        return "group"
    personal = document.lemma_.lower() in _PERSONAL_DOCUMENTS
    return "person" if heads[0].ent_type_ == "PERSON" and personal else "organization"


@rule(
    "describe.document.v1",
    stage="describe",
    order=20,
    purpose=""""A Bloomberg poll", "the IMF report": a document noun (source_nouns.tsv) makes a
    document, made by someone; a bare plural with nothing saying which ("Reports said...") stays
    unspecified ("Breathing tests showed" is a document); an outlet's own journalism ("a Fast
    Company report", "a Politico story": journalism_nouns) is the outlet.""",
    examples=[
        Example(
            "A new Bloomberg poll found that turnout would be high.",
            source_kind="document",
            named=True,
            source_name="Bloomberg poll",
        )
    ],
    counterexamples=["A Bloomberg reporter found that turnout would be high."],
)
def document(sc: SourceContext, tok: Token, rng: TokRange, m: Mention, names: Names) -> bool:
    if not (
        tok.pos_ in ("NOUN", "PROPN")
        and sc.source_kinds.get(m.lemma) == "document"
        and tok.ent_type_ not in ("PERSON", "ORG")
    ):
        return False
    m.kind, m.named = "document", names.tokens is not None  # "the Bloomberg poll"; "the report" is unnamed
    if names.tokens is not None and names.tokens[0] < tok.i:
        maker = join_tokens(list(sc.doc[names.tokens[0] : tok.i]))
        if lexicon.outlet_for(maker) and m.lemma in lexicon.word_set("journalism_nouns"):
            m.kind, m.name = "outlet", maker  # "a Fast Company report": the outlet's own word
            return True
        m.name = join_tokens(list(sc.doc[names.tokens[0] : tok.i + 1]))  # "ABC News poll", not "A new ABC News poll"
    if names.tokens is None and _vague_plural(tok, m):
        m.kind = "unspecified"
    return True


def collective_of(sc: SourceContext, tok: Token) -> Token | None:
    """The people a quantity or collective noun stands for: "percent of voters", "a chorus of
    Republicans", "most of them", "a majority of Democrats"."""
    if tok.lemma_.lower() not in lexicon.word_set("collective_heads") and not tok.like_num:
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is None:
        return None
    kind = sc.source_kinds.get(pobj.lemma_.lower())
    if pobj.ent_type_ in ("NORP",) or kind in ("person", "group") or pobj.lower_ in ("them", "us", "those"):
        return pobj
    return None


def _share_of_people(tok: Token) -> bool:
    """ "Fifty-one percent said", "A majority said": a share with no "of" after it is a share of
    the people the text is counting."""
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    return tok.lemma_.lower() in lexicon.word_set("share_heads") and not has_of


@rule(
    "describe.collective.v1",
    stage="describe",
    order=30,
    purpose=""""Only 52 percent of registered voters", "A chorus of prominent Republicans": a
    quantity or collective of people is a group; so is a share with nothing after it ("Fifty-one
    percent said", "A majority said").""",
    examples=[Example("Only 52 percent of registered voters said they would vote.", source_kind="group")],
    counterexamples=["The voters said they would vote."],
)
def collective(sc: SourceContext, tok: Token, rng: TokRange, m: Mention, names: Names) -> bool:
    if collective_of(sc, tok) is None and not _share_of_people(tok):
        return False
    m.kind, m.plural = "group", True
    return True


def _outlet_named_before(sc: SourceContext, name: str) -> str | None:
    """'The New York Post reports... The Post has learned': a short name ("the Post", "the
    Times") refers to the outlet of that name already in the article."""
    words = name.split()
    if len(words) != 1:
        return None
    last = words[0].lower()
    for entity in reversed(sc.entities):
        if entity.kind == "outlet" and entity.name.split()[-1].lower() == last and not _outlets_together(entity.name):
            return entity.name
    return None


def _outlets_together(name: str) -> bool:
    """ "The Wrap and Deadline": two outlets cited together, which "Deadline" alone is only one of
    (an outlet of the list whose name holds "and", "The Post and Courier", is one outlet)."""
    return (" and " in name or " & " in name) and lexicon.outlet_for(name) is None


@rule(
    "describe.outlet.v2",
    stage="describe",
    order=40,
    purpose="""A name of the outlet list (outlets.tsv), a short name of an outlet named before ("the
    Post"), or a proper name ending like a newspaper's ("the Harbour Ledger") is an outlet; so is
    such a name before an outlet noun ("the Independent newspaper", "the Politico website"),
    named without the noun (v2).""",
    examples=[
        Example("Politico reported that the deal was close.", source_name="Politico", source_kind="outlet"),
        Example(
            "The prince was a fool, the Independent newspaper reported.",
            source_name="The Independent",
            source_kind="outlet",
        ),
    ],
    counterexamples=["Microsoft reported that the deal was close."],
)
def outlet(sc: SourceContext, tok: Token, rng: TokRange, m: Mention, names: Names) -> bool:
    named_outlet = _outlet_before_noun(sc, tok, m)
    if named_outlet is not None:  # "the Independent newspaper", "the Politico website"
        m.name, m.kind, m.named = named_outlet, "outlet", True
        return True
    if names.tokens is None or names.text is None:
        return False
    name = names.text
    whole = lexicon.outlet_for(sc.doc[rng[0] : rng[1]].text)  # "the Politico site"
    if not (names.tokens[0] <= tok.i < names.tokens[1] or whole):
        return False  # "an Associated Press journalist": a person of the outlet, not the outlet
    before = _outlet_named_before(sc, name)
    if not (before or whole or lexicon.outlet_for(name) or outlet_like(name, sc.doc[names.tokens[1] - 1])):
        return False
    # the fullest name the article prints ("Bloomberg News", "AFP"), with the "The" that belongs to it
    # ("The Washington Post"); a short name of an outlet named before ("the Post") takes that name
    canonical = lexicon.outlet_for(name)
    printed = canonical if canonical and canonical.lower().removeprefix("the ") == name.lower() else name
    m.name, m.kind, m.named = before or printed, "outlet", True
    return True


def _outlet_before_noun(sc: SourceContext, tok: Token, m: Mention) -> str | None:
    """The outlet a listed name or one named before gives an outlet noun ("the Independent
    newspaper"): the capitalised words right before the noun."""
    if m.lemma not in lexicon.word_set("outlet_nouns"):
        return None
    words: list[str] = []
    for left in reversed(list(tok.lefts)):
        if left.i != tok.i - len(words) - 1 or left.dep_ not in ("compound", "amod") or not left.is_title:
            break
        words.insert(0, left.text)
    if not words:
        return None
    name = " ".join(words)
    return lexicon.outlet_for(name) or _outlet_named_before(sc, name)


@rule(
    "describe.title_only.v1",
    stage="describe",
    order=50,
    purpose=""""Judge Rejects Request", "Retired General Reveals...": a capitalised title alone is a
    person's role, not a name.""",
    examples=[
        Example("Judge rejects request to unseal the divorce file.", source="Judge", source_kind="person", named=False)
    ],
    counterexamples=["Judge Ann Lee rejects request to unseal the divorce file."],
)
def title_only(sc: SourceContext, tok: Token, rng: TokRange, m: Mention, names: Names) -> bool:
    if names.text is None:
        return False
    roles = lexicon.role_words()
    if not all(w.lower().strip(".") in roles or w.lower() in ("retired", "former") for w in names.text.split()):
        return False
    m.kind, m.role = "person", names.text
    return True


@rule(
    "describe.proper_name.v2",
    stage="describe",
    order=60,
    purpose="""A proper name: a person, group or organization by its NER label; a surname the NER
    calls an organization is a person when the article names that person elsewhere; with no
    label, title-case words of up to four are a person, save one word that nothing in the text
    introduces as a person's name and that the text puts before a common noun elsewhere ("its
    Twitter account ... Twitter pledged"): a body, and so is "the" and one name, labelled or not
    ("The Lakers said"); a desk an outlet possesses is that outlet's ("The Washington Post's Fact
    Checker": desk_words) (v2).""",
    examples=[
        Example("Bernie Sanders said the system was rigged.", source_name="Bernie Sanders", source_kind="person"),
        Example(
            "The party renamed its Twitter account. Twitter pledged to take corrective action.",
            source="Twitter",
            source_kind="organization",
        ),
    ],
    counterexamples=["He said the system was rigged."],
)
def proper_name_kind(sc: SourceContext, tok: Token, rng: TokRange, m: Mention, names: Names) -> bool:
    if names.tokens is None or names.text is None:
        return False
    start, end = names.tokens
    if not (tok.pos_ == "PROPN" or start <= tok.i < end):
        return False
    m.name, m.named = names.text, True
    if names.text.islower():  # "foreign ministry" the NER took for a name: the body as the text describes it
        m.name = re.sub(r"^(?:the|a|an)\s+", "", display(sc.doc[rng[0] : rng[1]].text), flags=re.I)
    desk = _desk_of_an_outlet(sc, sc.doc[start:end])
    if desk is not None:
        m.kind, m.name = "outlet", desk  # "The Washington Post's Fact Checker": the paper's desk speaks
        return True
    label = _name_label(sc, names.text, start, end)
    if label == "PERSON":
        m.kind = "person"
        m.name = _person_name(sc, strip_titles(names.text), end - 1)  # "Ms Persson" -> "Persson", completed
    elif label == "ORG" and _person_the_ner_called_a_body(sc, start, end):
        m.kind = "person"
    elif label == "NORP":
        m.kind, m.plural = "group", True
    elif label in ORG_ENTS:
        m.kind = "organization"
    else:
        m.kind = "person" if _unlabelled_person(sc, sc.doc[start:end]) else "organization"
        if m.kind == "person" and end - start == 1:
            m.name = full_name(sc, names.text, end - 1) or names.text  # "Ms Persson", unlabelled
    return True


def _desk_of_an_outlet(sc: SourceContext, name: Span) -> str | None:
    """A name an outlet possesses that is no person's ("The Washington Post's Fact Checker",
    "CNN's Reality Check"): the outlet's column or desk, named in full with its outlet."""
    owner = next((c for c in name.root.children if c.dep_ == "poss" and c.i < name.start), None)
    if owner is None or common_first_name(name[0].text) or name[-1].lower_ not in lexicon.word_set("desk_words"):
        return None  # "CNN's Anderson Cooper" is a person: a desk's name ends with what it does
    outlet = join_tokens([t for t in owner.subtree if t.dep_ != "case"])
    if not lexicon.outlet_for(outlet):
        return None
    return f"{outlet}'s {display(name.text)}"


def _name_label(sc: SourceContext, text: str, start: int, end: int) -> str:
    """The NER's label of a name, corrected where the text says better."""
    label = sc.doc[end - 1].ent_type_
    if end - start == 1 and (text in sc.person_words or (_in_capitals(text) and text.title() in sc.person_words)):
        label = "PERSON"  # "Sanders said", "PENCE:": the NER's ORG for a surname the text gives a person
    if label == "PERSON" and len(text.split()) > 1 and ends_like_a_body(text.split()[-1]):
        label = "ORG"  # "Dick Clark Productions": a person's name in a company's
    if label in ("PERSON", "") and end - start == 1 and start > 0 and sc.doc[start - 1].lower_ == "the":
        label = "ORG"  # "the Intelligencer", "The Lakers": nobody is called "the" and one name; a body is
    return label


def _person_name(sc: SourceContext, bare: str, head: int) -> str:
    """A person's name completed from the text: the full name a surname alone is, also for a
    surname in capitals ("PENCE:" of a transcript, "Mike Pence" in the text)."""
    full = full_name(sc, bare, head)
    if full is None and _in_capitals(bare):
        full = full_name(sc, bare.title(), head)
    return full or bare


def _in_capitals(name: str) -> bool:
    """A name written in capitals, as a transcript labels its speakers ("PENCE"), not an initialism."""
    return name.isupper() and len(name) > 2


@rule(
    "describe.person_elsewhere.v1",
    stage="describe",
    order=80,
    purpose="""'"..." Trump knows...': a one-word title-case mention the tagger took for a common
    noun here, and the NER for a person's name elsewhere in the article, is that person.""",
    examples=[
        Example(
            "Jack Black spoke on Monday. Black insists the count was fair.",
            source="Black",
            source_name="Jack Black",
            source_kind="person",
        )
    ],
    counterexamples=["Governors: Varga needs to move past all of this party squabbling."],
)
def person_elsewhere(sc: SourceContext, tok: Token, rng: TokRange, m: Mention, names: Names) -> bool:
    if not (rng[1] - rng[0] == 1 and tok.is_title and tok.text in sc.person_words):
        return False
    m.name, m.kind, m.named = full_name(sc, tok.text, tok.i) or tok.text, "person", True
    return True


@rule(
    "describe.source_noun.v2",
    stage="describe",
    order=90,
    purpose="""The kind of a common noun from source_nouns.tsv ("official" a person, "agency" an
    organization, "poll" a document), an ORG/GPE entity an organization; plurals of person nouns
    are groups, a definite organization ("the state agency") is identifiable, outlet nouns are
    outlets, save a paper someone wrote ("a paper published in the journal Nature", "a research
    paper": a document) (v2). Everything else is a group when plural, else unspecified.""",
    examples=[
        Example("An official said the talks had stalled.", source_kind="person", named=False),
        Example(
            "A paper published in the journal Nature Astronomy found that the moon holds water.",
            source_kind="document",
        ),
    ],
    counterexamples=["John Smith said the talks had stalled."],
)
def source_noun(sc: SourceContext, tok: Token, rng: TokRange, m: Mention, names: Names) -> bool:
    lemma = m.lemma
    kind = sc.source_kinds.get(lemma)
    if kind is None and tok.ent_type_ in ORG_ENTS:
        kind = "organization"
    if kind == "organization" and m.definite:
        m.named = True  # "the state environment agency": an institution the reader can identify
    elif kind == "organization" and body_of_a_place(sc, tok):
        m.named = True  # "Hong Kong police", "Ohio police": the one force of the place it names
        m.name = display(sc.doc[rng[0] : rng[1]].text)
    if kind == "person" and (m.plural or lemma in ("people",)):
        kind = "group"
    if kind == "document" and _vague_plural(tok, m):
        kind = "unspecified"
    if lemma in lexicon.word_set("outlet_nouns") or (kind == "organization" and _news_body(tok)):
        kind = "outlet"
    if lemma == "paper" and (m.plural or _written_paper(tok)):
        kind = "document"  # "legal papers", "court papers", "a paper published in the journal..."
    m.kind = kind or ("group" if m.plural else "unspecified")
    return True


def _written_paper(tok: Token) -> bool:
    """ "A paper published in the journal Nature", "a new paper by researchers", "a research
    paper": a paper someone wrote, not a newspaper (which is "the paper" that reports)."""
    if any(c.dep_ == "acl" and c.tag_ == "VBN" for c in tok.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "by" for c in tok.children):
        return True
    return any(c.dep_ in ("amod", "compound") and c.lower_ in lexicon.word_set("paper_kinds") for c in tok.children)


def _unlabelled_person(sc: SourceContext, words: Span) -> bool:
    """A name the NER gave no label is a person's when it is shaped like one: one word (a surname
    the NER missed, "Schiff"), or several that start with a common first name (first_names.tsv,
    read here for the name's kind, never its gender) or end with a person's title ("Jonah
    Okafor", "United Nations High Commissioner"; not "Wall Street" or "Box Office Mojo")."""
    if not looks_like_person(words):
        return False
    if len(words) == 1:
        if _speaks_of_itself_as_it(words[0]):
            return False  # "Walmart said it would raise wages": a body, whatever the NER missed
        if sc.source_kinds.get(words[0].lemma_.lower()) == "organization":
            return False  # "Office"
        return _introduced_as_a_person(sc, words[0]) or not _names_a_thing_elsewhere(sc, words[0])
    if words[-1].lower_ in lexicon.role_words():
        return True
    return common_first_name(words[0].text)


def _introduced_as_a_person(sc: SourceContext, word: Token) -> bool:
    """One unlabelled word is a person's surname when the text says it is one: a name of a
    person the NER found ends with it, a first name stands before it somewhere ("Adam Schiff"
    the NER missed), or a title or honorific stands before it here ("Rep. Schiff", "Ms Wee").
    News introduces people in full before their surnames alone."""
    if word.text in sc.person_words:
        return True
    before = sc.doc[max(0, word.i - 2) : word.i]
    if honorific_gender(list(before)) is not None or any(t.lower_.rstrip(".") in lexicon.role_words() for t in before):
        return True
    return any(common_first_name(first) for first in _first_names_before(sc, word.text))


def _names_a_thing_elsewhere(sc: SourceContext, word: Token) -> bool:
    """A name never introduced as a person's that the text also puts before a common noun
    ("Twitter pledged..." where it wrote "the Twitter account"): a company's or a product's
    name; a person named by a bare surname alone ("Schiff asked") stays a person."""
    return any(t.text == word.text and t.i != word.i and t.dep_ == "compound" and t.head.pos_ == "NOUN" for t in sc.doc)


def _speaks_of_itself_as_it(name: Token) -> bool:
    """A subject whose verb reports a clause about what is "its" ("X says its sales rose", "X
    said its stores would close"): nobody speaks of their own things as "its", a company or
    body does (a bare "it", "X said it was a disgrace", is mostly something else)."""
    if name.dep_ != "nsubj":
        return False
    for clause in name.head.children:
        if clause.dep_ != "ccomp":
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and any(c.lower_ == "its" and c.dep_ == "poss" for c in subject.children):
            return True
    return False


def _person_the_ner_called_a_body(sc: SourceContext, start: int, end: int) -> bool:
    """ "executive chair Marcelo Claure", a name the NER took for a company's; "Lester Holt", whose
    surname the text uses alone."""
    if _after_person_role(sc, start) and _person_shaped(sc, sc.doc[end - 1]):
        return True
    return _first_name_led_person(sc, start, end)


def _first_name_led_person(sc: SourceContext, start: int, end: int) -> bool:
    """A name the NER calls an organisation that starts with a common first name (names.first_name_led)
    and whose last word the text also writes alone, as a name of its own ("if Holt asks")."""
    ent = sc.ner.at(end - 1)
    if ent is None or ent.start != start or not first_name_led(ent):
        return False
    surname = ent[-1].text
    scan_words(sc)
    return any(
        t.text == surname and not (start <= t.i < end) and (t.i == 0 or sc.doc[t.i - 1].pos_ != "PROPN")
        for t in sc.name_words or []
    )


def _after_person_role(sc: SourceContext, start: int) -> bool:
    """Whether a person's role noun is written just before the name that begins at ``start``."""
    return start > 0 and sc.doc[start - 1].pos_ == "NOUN" and person_noun(sc.doc[start - 1], sc.source_kinds)


def _vague_plural(tok: Token, m: Mention) -> bool:
    """ "Reports said...": a bare plural document noun, with no word that says which (not
    "Breathing tests showed", "parliamentary reports", "data collected by the telescope")."""
    modified = any(c.dep_ in ("amod", "compound", "nmod") for c in tok.lefts)
    modified = modified or any(c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children) for c in tok.rights)
    return m.plural and not (m.definite or m.indefinite or m.count is not None or modified)


@rule(
    "describe.place_body.v1",
    stage="switch",
    order=0,
    purpose="""A singular body noun (source_nouns: organization) whose only modifier is a place
    name ("Hong Kong police", "Texas police") is the one body of that place, a named organization;
    an earlier bare mention of the same noun ("Police said...", "the police") is that body, now
    named. Not "Israeli courts" (many bodies) or "local police" (no place named). Applied where a
    common noun's kind is read and where a named mention looks for its entity.""",
    examples=[
        Example(
            "Police said the protesters had thrown bricks. Hong Kong police said two officers were hurt.",
            content="the protesters had thrown bricks",
            source_name="Hong Kong police",
            named=True,
        ),
    ],
    counterexamples=["Local police said the protesters had thrown bricks."],
)
def body_of_a_place(sc: SourceContext, tok: Token) -> bool:
    if not sc.rules.enabled("describe.place_body.v1") or (tok.tag_ == "NNS" and tok.lower_ != "police"):
        return False
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "det", "poss")]
    if not mods or any(c.dep_ in ("det", "poss") for c in mods):
        return False
    if not all(t.ent_type_ == "GPE" for c in mods for t in c.subtree):
        return False
    sc.switches.append("describe.place_body.v1")
    return True


def _news_body(tok: Token) -> bool:
    """ "the news organization", "the news agency": a body whose noun "news" modifies is an outlet."""
    return any(c.dep_ == "compound" and c.lower_ == "news" for c in tok.lefts)


# ----------------------------------------------------------------------------- names
def full_name(sc: SourceContext, surname: str, head: int | None = None) -> str | None:
    """'Sanders said...' in an article that names Bernie Sanders elsewhere: the one full name in
    the text ending with this surname, if there is exactly one. A gender the mention states
    ("Mr. Obama") rules out a full name whose stated gender disagrees ("Mrs. Michelle Obama",
    "first lady Michelle Obama"), and so does the gender the text gives the surname elsewhere
    ("President Obama" is not "the first lady, Michelle Obama" where it says "Mr. Obama")."""
    if " " in surname:
        return None
    wanted = honorific_gender(list(sc.doc[max(0, head - 2) : head])) if head is not None else None
    # "Mr. Obama" and "Mrs. Obama" both in the text: two people; a full name must state its gender
    genders = surname_genders(sc, surname)
    # (only asked when the mention states a gender, so the text is searched only then)
    two_people = wanted is not None and (len(genders) > 1 or len(_first_names_before(sc, surname)) > 1)
    full = set()
    seen = False  # a full name the NER finds, taken or not: the text's own spelling is not read then
    for e in _names_ending_with(sc, surname):
        if " " not in strip_titles(e.text):
            continue  # "Ms Persson" is a surname with a title, no full name
        seen = True
        # the NER often calls a hyphenated name an organization ("Eva-Marie Persson")
        person = (
            e.label_ == "PERSON"
            or (e.label_ == "ORG" and "-" in e.text and looks_like_person(e))
            or named_with_a_role(e, sc.source_kinds)  # "executive chair Marcelo Claure", an ORG to the NER
            or first_name_led(e)  # "NBC's Lester Holt", an ORG to the NER, where "Holt" is used alone
        )
        if not person:
            continue
        stated = honorific_gender([*sc.doc[max(0, e.start - 3) : e.start], e[0]])
        begin = _person_name_start(sc.doc, e.start, e.end - 1)  # not "Browns DL" of "Browns DL Sheldon Richardson"
        name = strip_titles(join_tokens([t for t in sc.doc[begin : e.end] if t.text not in (",", ".")]))
        # "the first lady, Michelle Obama" is no "President Obama" where the text says "Mr. Obama"
        other = stated is not None and bool(genders) and stated not in genders
        if " " in name and not other and (wanted is None or stated == wanted or (stated is None and not two_people)):
            full.add(name)
    if not seen and not two_people:
        return _written_before_surname(sc, surname)  # "Ms Persson" after "Eva-Marie Persson"
    return next(iter(full)) if len(full) == 1 else None


def _names_ending_with(sc: SourceContext, surname: str) -> list[Span]:
    """The entities of two words or more whose last word is ``surname``, in text order: indexed
    once per document, as every mention of a surname asks."""
    if sc.names_ending_with is None:
        sc.names_ending_with = {}
        for e in sc.ner.ents:
            if len(e) >= 2:
                sc.names_ending_with.setdefault(e[-1].text, []).append(e)
    return sc.names_ending_with.get(surname, [])


def _written_before_surname(sc: SourceContext, surname: str) -> str | None:
    """ "Deputy Director Eva-Marie Persson", a full name the NER did not find: the one first name
    (hyphenated ones too) the text writes right before the surname where the name ends there
    (not "Britain" of "ambassador to Britain Liu Xiaming"), when it is a common one
    (first_names.tsv, read for what the word is, never for a gender). Searched once per surname."""
    if surname not in sc.written_before_surname:
        sc.written_before_surname[surname] = _search_written_before_surname(sc, surname)
    return sc.written_before_surname[surname]


def _search_written_before_surname(sc: SourceContext, surname: str) -> str | None:
    found = {
        m.group(1) for m in re.finditer(rf"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) {re.escape(surname)}\b(?! [A-Z])", sc.text)
    }
    skip = _not_first_names()
    found = {w for w in found if w.lower() not in skip and w.lower() + "." not in skip}
    first = next(iter(found)) if len(found) == 1 else None
    if first is None or not all(common_first_name(part) for part in first.split("-")):
        return None
    return f"{first} {surname}"


def _first_names_before(sc: SourceContext, surname: str) -> set[str]:
    """The capitalised words written right before the surname anywhere, titles and honorifics
    aside: "Bill Clinton" and "Hillary Clinton" are two people though the NER names only one.
    Searched once per surname."""
    if surname not in sc.first_names_before:
        skip = _not_first_names()
        found = {m.group(1) for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(surname)}\b", sc.text)}
        firsts = (w for w in found if w.lower() not in skip and w.lower() + "." not in skip)
        sc.first_names_before[surname] = frozenset(firsts)
    return set(sc.first_names_before[surname])


@cache
def _not_first_names() -> frozenset[str]:
    """Titles and honorifics: words written before a surname that are no first name."""
    return frozenset(name_titles() | lexicon.gendered_words().keys())


def appositive_person(sc: SourceContext, tok: Token) -> TokRange | None:
    """'Halden Water’s chief executive, Martin Osei': a role head whose appositive is a person's
    name names the source."""
    if tok.pos_ == "PROPN" and tok.lower_ not in lexicon.role_words():
        return None  # a name, not a role ("the then UK Home Secretary, Sajid Javid" is a role)
    person_head = person_noun(tok, sc.source_kinds)
    for child in tok.rights:
        if (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and (child.ent_type_ == "PERSON" or (person_head and _person_shaped(sc, child)))
        ):
            return proper_name(sc, child)
    return _name_split_off(sc, tok) if person_head else None


def _name_split_off(sc: SourceContext, tok: Token) -> TokRange | None:
    """ "executive chair Marcelo Claure said": the name right after the role noun that the parser
    made a second subject of the verb instead of the role's compound."""
    if tok.i + 1 >= len(sc.doc):
        return None
    nxt = sc.doc[tok.i + 1]
    name = nxt.head if nxt.dep_ in ("compound", "flat") and nxt.head.i > nxt.i else nxt
    if name.pos_ != "PROPN" or name.head.i != tok.head.i or name.dep_ != tok.dep_ or name.i == tok.head.i:
        return None
    return proper_name(sc, name) if name.ent_type_ == "PERSON" or _person_shaped(sc, name) else None


def _person_shaped(sc: SourceContext, tok: Token) -> bool:
    """A proper noun with no NER label, or in an entity shaped like a person's name the NER calls
    an organisation; the caller knows a person's role is written with it."""
    ent = sc.ner.at(tok.i)
    return tok.ent_type_ == "" or (ent is not None and person_shaped_org(ent))


def proper_name(sc: SourceContext, tok: Token) -> TokRange | None:
    """The name tokens of the mention: a proper-noun head with its compounds ("Yoav Gallant" in
    "Defense Minister Yoav Gallant", "Gaza health ministry"), the whole name the NER found around
    it ("The Centers for Disease Control", "Ming-Chi Kuo"), or the proper-noun compound of a
    common-noun head ("Politico" in "the Politico site")."""
    doc = sc.doc
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG"):
        start, end = _compound_name(doc, tok)
        ent = sc.ner.at(tok.i)
        if ent is not None and ent.label_ in NAME_ENTS and ent.end - ent.start <= MAX_NAME_TOKENS:
            start, end = min(start, ent.start), max(end, ent.end - 1)
            if ent.label_ == "PERSON":
                start = _person_name_start(doc, _past_other_entities(sc, start, ent.start), end)
        while end > start and (doc[end].text in ("'s", "’s") or doc[end].is_punct):
            end -= 1
        if ent is None or ent.label_ != "PERSON":
            end = _office_of_what(sc, end)
        return _without_leading_titles(doc, start, end), end + 1
    compounds = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if compounds:
        return min(c.left_edge.i for c in compounds), max(c.i for c in compounds) + 1
    return None


def _office_of_what(sc: SourceContext, last: int) -> int:
    """The last token of a body's or an office's name that goes on with "for" or "of" and a
    proper name ("the U.S. Attorney's Office for the Western District of New York", "the High
    Commissioner for Human Rights"): the name is all of it, not "Office" or "Commissioner"."""
    doc = sc.doc
    head = doc[last]
    if not (ends_like_a_body(head.text) or sc.source_kinds.get(head.lower_) == "person") or last + 1 >= len(doc):
        return last
    prep = doc[last + 1]
    if prep.lower_ not in ("for", "of") or prep.head.i != last:
        return last
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.pos_ != "PROPN":
        return last
    words = doc[prep.i + 1 : pobj.right_edge.i + 1]
    if not all(t.is_title or t.is_upper or t.lower_ in _NAME_LINKS for t in words):
        return last
    return pobj.right_edge.i


#: lower-case words inside a proper name ("Office for the Western District of New York")
_NAME_LINKS = frozenset({"of", "the", "for", "and", "&"})


def _past_other_entities(sc: SourceContext, start: int, name_start: int) -> int:
    """Where a person's name begins once the compounds before it that the NER calls places,
    nationalities or bodies are left out ("ambassador to Britain Liu Xiaming")."""
    while start < name_start and sc.doc[start].ent_type_ in ORG_ENTS:
        start += 1
    return start


def _without_leading_titles(doc: Doc, start: int, end: int) -> int:
    """Where a name begins after the articles, titles and roles written before it ("Defense
    Minister Yoav Gallant"). A word of a role that is part of an organisation's name is not
    one: "Home Depot" keeps its "Home" (of "home secretary") unless a whole role is written."""
    titles, role_words, roles = name_titles(), lexicon.role_words(), frozenset(lexicon.roles())
    while start < end:
        tok = doc[start]
        whole = next((k for k in range(min(4, end - start), 0, -1) if _phrase(doc, start, k) in roles), 0)
        if tok.lower_ in ("the", "a", "an"):
            start += 1
        elif whole and tok.ent_type_ != "PERSON" and not _company_name_at(doc, start, end):
            start += whole
        elif _title_word(doc, start, end, (titles, role_words, roles)) and tok.ent_type_ not in ("PERSON", "ORG"):
            start += 1
        else:
            break
    return start


def _company_name_at(doc: Doc, start: int, end: int) -> bool:
    """ "General Motors Co.": a name ending in a legal designator is a company's from its first
    word, which is no title ("General") even where it spells one."""
    last = doc[end].lower_.rstrip(".") if end < len(doc) else ""
    return doc[start].ent_type_ == "ORG" and last in lexicon.word_set("legal_designators")


def _title_word(doc: Doc, i: int, end: int, words: tuple[frozenset[str], frozenset[str], frozenset[str]]) -> bool:
    """A title ("Senator", "Dr."), or a word of a role that is one only before another ("Foreign"
    of "Foreign Minister", "Former"; not the "Home" of "Home Depot"). ``words``: the titles,
    role words and whole roles of the lexicon."""
    titles, role_words, roles = words
    word = doc[i].lower_
    if word in titles:
        return True
    if word not in role_words:
        return False
    after = doc[i + 1].lower_ if i + 1 < end else ""
    return after in titles or after in role_words or word in roles


def _phrase(doc: Doc, start: int, k: int) -> str:
    return " ".join(t.lower_ for t in doc[start : start + k])


def _person_name_start(doc: Doc, start: int, end: int) -> int:
    """Where a person's name begins in the span ``[start, end]``: the run of name-like words that
    ends it ("Sheldon Richardson" in "Browns DL Sheldon Richardson", "Ming-Chi Kuo"), without
    titles, roles and the words the NER ran over before it."""
    roles, titles = lexicon.role_words() | lexicon.descriptor_words(), name_titles()
    i = end
    while i > start:
        prev = doc[i - 1]
        word = prev.lower_
        joiner = prev.text in ("-", "‑") and i - 1 > start and doc[i - 2].is_title
        name_like = _name_word(prev) or _is_initial(prev) or word in NAME_PARTICLES or joiner
        if not name_like or word in roles or word in titles:
            break
        i -= 1
    return i


def _name_word(tok: Token) -> bool:
    """A word that can be part of a person's name: capitalised ("McDonald", "DeBose", "O'Brien"),
    not a short abbreviation ("DL", "CEO")."""
    text = tok.text.replace("'", "").replace("’", "")
    if not (text[:1].isupper() and text.isalpha()):
        return False
    return not (text.isupper() and len(text) <= 3)


def _is_initial(tok: Token) -> bool:
    """ "J.", "P.J.": initials of a name."""
    return re.fullmatch(r"(?:[A-Z]\.)+", tok.text) is not None


def _compound_name(doc: Doc, tok: Token) -> TokRange:
    """A proper-noun head with the compound and flat names the parser hung on it, and the proper
    name a body's name is owned by ("the U.S. Attorney's Office")."""
    start = tok.i
    for child in sorted(tok.lefts, key=lambda c: -c.i):
        adjacent = child.right_edge.i == start - 1
        name_part = child.dep_ in ("compound", "flat", "nmod")
        owner = child.dep_ == "poss" and child.pos_ == "PROPN" and ends_like_a_body(tok.text)  # "Attorney's Office"
        if adjacent and (name_part or owner):
            start = child.left_edge.i
        elif not child.is_punct:
            break
    end = tok.i
    while end + 1 < len(doc) and doc[end + 1].dep_ in ("flat", "compound") and doc[end + 1].head.i == tok.i:
        end += 1
    return start, end


# ----------------------------------------------------------------------------- role and affiliation
def role_and_affiliation(sc: SourceContext, tok: Token, rng: TokRange, m: Mention) -> None:
    """Role from titles and appositives ("Defense Minister", "national security adviser", "a
    doctor"), affiliation from nationality, place and organization modifiers ("US", "Israeli",
    "Defense Department") or "of/for/at X"."""
    if m.kind in ("outlet", "document") or m.pronoun:
        return
    if m.described_by == "describe.conjunction.v3" and m.kind == "group":
        return  # "Holcomb and GOP legislative leaders": the words are each one's, no role of the group
    if m.described_by == "describe.conjunction.v3" and m.kind == "person" and not m.named:
        m.role = join_tokens([t for t in sc.doc[rng[0] : rng[1]] if t.dep_ not in ("det", "poss", "case")])
        return  # "the singer and guitarist": both roles are the person's
    pre = _role_tokens(sc, tok, rng, m)
    role_tokens = role_phrase(pre)
    affiliation = [
        t
        for t in pre
        if t not in role_tokens
        and not _hyphened_to_next(t)
        and (t.ent_type_ in ORG_ENTS or t.pos_ == "PROPN" or t.text in ("US", "U.S.", "UN", "EU"))
    ]
    if not role_tokens:
        role_tokens = [t for t in pre if t not in affiliation]
    if affiliation and m.affiliation is None:
        m.affiliation = join_tokens(affiliation)
    if role_tokens:
        text = join_tokens(role_tokens)
        m.role = text if text.lower() not in ("the", "a", "an") else None
    _role_from_children(sc, tok, m)


def _joins_words(tok: Token) -> bool:
    """A hyphen inside a word ("Oscar-winning", "co-founder"), kept with it."""
    doc = tok.doc
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not doc[tok.i - 1].whitespace_


def _hyphened_to_next(tok: Token) -> bool:
    """A word of a hyphened compound and the proper nouns written before it ("Oscar" of
    "Oscar-winning", "Pulitzer Prize" of "Pulitzer Prize-winning"): a part of the role, no
    affiliation."""
    doc = tok.doc
    k = tok.i
    while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and tok.whitespace_ and k - tok.i < 3:
        k += 1  # "Pulitzer" -> "Prize"
    return k + 1 < len(doc) and _joins_words(doc[k + 1])


def _role_tokens(sc: SourceContext, tok: Token, rng: TokRange, m: Mention) -> list[Token]:
    """The words before the head (and the head itself for role nouns) that may hold a role."""
    doc = sc.doc
    pre = [
        t
        for t in doc[rng[0] : tok.i]
        if t.dep_ not in ("det", "nummod", "poss", "case") and (not t.is_punct or _joins_words(t))
    ]
    if m.named and m.kind == "person" and appositive_person(sc, tok) is not None:
        pre = [*pre, tok]
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":  # "Its general secretary": whose, the pronoun does not say
            m.affiliation = join_tokens([t for t in owner.subtree if t.dep_ != "case" and t.text not in ("’s", "'s")])
    elif m.named and m.kind == "person":
        names = proper_name(sc, tok)
        titles = name_titles()
        pre = [t for t in pre if (names is None or t.i < names[0]) and t.lower_ not in titles]
    elif m.kind in ("person", "group") and not m.named and sc.source_kinds.get(tok.lemma_.lower()) == "person":
        # "a spokesperson", "four US officials": the noun is the role; "sources", "investors",
        # "people familiar with..." say who, not what job (no role)
        generic = tok.lemma_.lower() in lexicon.word_set("generic_people")
        pre = generic_noun_words(sc, pre) if generic else [*pre, tok]
    else:
        pre = []
    joined = [k for k, t in enumerate(pre) if t.dep_ == "cc"]
    if joined:  # "Holcomb and GOP legislative leaders": the words after the "and" are the noun's
        pre = pre[joined[-1] + 1 :]
    anonymous = lexicon.word_set("anonymity_adjectives")
    vague = lexicon.word_set("vague_quantifiers")
    return [t for t in pre if t.lower_ not in anonymous and t.lower_ not in vague and t.ent_type_ != "ORDINAL"]


@rule(
    "describe.generic_no_role.v1",
    stage="switch",
    order=0,
    purpose="""The words before a person noun that says who someone is, not what job (generic_people:
    "source", "users", "residents"), describe the people, they name no office: "a local police
    source", "other social media users", "an insurgent source" have no role; a name among them is
    still the affiliation ("a White House source": White House). Applied where a mention's role is
    read.""",
    examples=[
        Example(
            'The convoy was hit near the border, a local police source said. "We lost two men," he said.',
            content="The convoy was hit near the border",
            source_role="",
        ),
    ],
    counterexamples=["The convoy was hit near the border, a local police chief said."],
)
def generic_noun_words(sc: SourceContext, pre: list[Token]) -> list[Token]:
    """Of the words before a generic person noun, those that may still be an affiliation."""
    if not sc.rules.enabled("describe.generic_no_role.v1"):
        return pre
    kept = [t for t in pre if t.ent_type_ in ORG_ENTS or t.pos_ == "PROPN" or t.text in ("US", "U.S.")]
    if len(kept) < len(pre):
        sc.switches.append("describe.generic_no_role.v1")
    return kept


def _role_from_children(sc: SourceContext, tok: Token, m: Mention) -> None:
    """An appositive as the role ("Smith, a doctor,") and "of/for/at/with X" as the affiliation."""
    doc = sc.doc
    for child in tok.children:
        if child.dep_ == "appos" and m.role is None and m.kind == "person":
            appos = mention_range(child)
            text = doc[appos[0] : appos[1]].text
            party = any(p.match(text) for p in lexicon.patterns("party_labels.txt"))  # "R-W.Va." is no role
            if not party and any(c.isalpha() for c in text):
                m.role = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
        if child.dep_ == "prep" and child.lower_ in ("for", "at", "of", "with") and m.affiliation is None:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and (
                pobj.ent_type_ in ORG_ENTS
                or pobj.pos_ == "PROPN"
                or sc.source_kinds.get(pobj.lemma_.lower()) == "organization"
            ):
                m.affiliation = re.sub(r"^the\s+", "", doc[pobj.left_edge.i : pobj.right_edge.i + 1].text, flags=re.I)
