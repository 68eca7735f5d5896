"""Small helpers over a spaCy dependency parse, shared by the analysis components.

Token ranges are half-open ``(start, end)`` token indices; character spans are
half-open ``(start, end)`` offsets into ``doc.text``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

import numpy
from spacy.attrs import POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.quotes import ALL_MARKS

TokRange = tuple[int, int]
CharRange = tuple[int, int]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass", "csubjpass"})
CLAUSE_CUT_DEPS = frozenset({"relcl", "acl"})
EDGE_PUNCT = frozenset(",.;:—–-…()[]•·▪►●*") | {"--"}
OPENING_MARKS = frozenset("“„‟«‘‚‹\"'")
CLOSING_MARKS = frozenset("”»’›\"'")
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "us",
        "me",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
    ]
)


def subtree_range(tok: Token) -> TokRange:
    return tok.left_edge.i, tok.right_edge.i + 1


def runs(indices: Iterable[int]) -> list[TokRange]:
    """Contiguous runs of token indices, as token ranges."""
    ordered = sorted(set(indices))
    found: list[TokRange] = []
    for i in ordered:
        if found and found[-1][1] == i:
            found[-1] = (found[-1][0], i + 1)
        else:
            found.append((i, i + 1))
    return found


def chars(doc: Doc, rng: TokRange) -> CharRange:
    start, end = rng
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def is_space(tok: Token) -> bool:
    return tok.is_space or not tok.text.strip()


def is_quote_mark(tok: Token) -> bool:
    return len(tok.text) <= 2 and all(ch in ALL_MARKS for ch in tok.text)


def trim(doc: Doc, rng: TokRange, *, keep_marks: bool = True) -> TokRange | None:
    """Shrink a range past spaces and edge punctuation. Quote marks stay when
    ``keep_marks`` (they belong to the content); "?" and "!" stay at the end."""
    start, end = rng
    while start < end and (
        is_space(doc[start]) or doc[start].text in EDGE_PUNCT or _stray_mark(doc, start, keep_marks)
    ):
        start += 1
    while end > start and (
        is_space(doc[end - 1]) or doc[end - 1].text in EDGE_PUNCT or _stray_mark(doc, end - 1, keep_marks)
    ):
        end -= 1
    return (start, end) if end > start else None


def _stray_mark(doc: Doc, i: int, keep_marks: bool) -> bool:
    return not keep_marks and is_quote_mark(doc[i])


def verb_group(verb: Token) -> TokRange:
    """The cue's verb with its entourage: auxiliaries, negation, particles and an
    adjacent adverb ("has repeatedly said", "did not immediately respond", "pointed out")."""
    start = end = verb.i
    for child in verb.lefts:
        entourage = child.dep_ in ("aux", "auxpass", "neg", "advmod") and start - 3 <= child.i < verb.i
        if entourage and all(verb.doc[j].dep_ in ("aux", "auxpass", "neg", "advmod") for j in range(child.i, verb.i)):
            start = min(start, child.i)
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == end + 1:
            end = child.i
    return start, end + 1


def find_subject(verb: Token, depth: int = 0) -> Token | None:
    """The agent of a verb: its subject, a passive's "by" phrase, or the subject it
    shares with what governs it: an xcomp ("wants to say", "is likely to say", "was quick
    to embrace", "is expected to endorse"), a conjunct ("stood and said"), a participle
    ("..., saying"; "Criticizing X, she said"), a gerund after a preposition ("pivoted to
    arguing"), or a reduced relative ("officials speaking")."""
    if depth > 5:
        return None
    own = _own_subject(verb)
    if own is not None:
        return own
    if any(c.dep_ in PASSIVE_DEPS for c in verb.children):
        return _passive_agent(verb) if depth == 0 else _raised_subject(verb)
    if verb.head.i == verb.i:
        return None
    return _governing_subject(verb, depth)


def _own_subject(verb: Token) -> Token | None:
    """The verb's subject. Where the parser split one subject in two ("CPUC President Marybel
    Batjer said", "executive chair Marcelo Claure said": the body or role, then the name, both
    subjects), the one nearer the verb, which heads the name."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    while len(subjects) > 1 and _split_subject(subjects[0], subjects[1], verb):
        subjects = subjects[1:]
    return subjects[0] if subjects else None


def _split_subject(first: Token, second: Token, verb: Token) -> bool:
    """Whether two subjects of a verb are one phrase the parser split: right after each other
    before the verb, the first with no clause of its own ("A spokesperson who did not wish to be
    named because of agency policy said" is one subject, "policy" a word of its clause)."""
    adjacent = first.right_edge.i + 1 == second.left_edge.i and second.i < verb.i
    return adjacent and not any(t.pos_ in ("VERB", "AUX") for t in first.subtree)


def _passive_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb ("was reported by the Post")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    return None


def _raised_subject(verb: Token) -> Token | None:
    """ "is expected to endorse": the raised subject is the agent of the infinitive."""
    return next((c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")), None)


def _governing_subject(verb: Token, depth: int) -> Token | None:
    """The subject a subjectless verb shares with the word that governs it."""
    head, dep = verb.head, verb.dep_
    if dep == "pcomp" or (dep == "pobj" and verb.tag_ == "VBG"):
        # "began by talking about", "pivoted to arguing": climb from the preposition to its verb
        if head.head.i != head.i and head.head.pos_ in ("VERB", "AUX", "ADJ"):
            return find_subject(head.head, depth + 1)
        return None
    purpose = dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if dep in ("xcomp", "acomp", "conj", "dep") or (dep == "advcl" and verb.tag_ == "VBG") or purpose:
        found = find_subject(head, depth + 1)
        if found is not None or dep != "dep":
            return found
    if dep == "acl" and _medium_of_a_verb(head):
        return find_subject(head.head.head, depth + 1)  # "Swift posted on Twitter accusing the label"
    if dep == "acl" and (owner := _owner_of_an_act(head)) is not None:
        return owner  # "his refusal to say which side he was on": he refuses, not the refusal
    if dep in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head
    return _stranded_subject(verb) if depth == 0 else None


def _medium_of_a_verb(noun: Token) -> bool:
    """ "on Twitter", "in an interview": a medium or an occasion a verb's subject spoke through,
    which a participle after it describes the speaker of, never the medium."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and noun.lemma_.lower() in lexicon.word_set("occasion_nouns")
        and prep.dep_ == "prep"
        and prep.head.pos_ in ("VERB", "AUX")
    )


def _owner_of_an_act(noun: Token) -> Token | None:
    """The possessor of a noun that names an act, not a speaker ("his refusal", "the company's
    decision"): who does what the infinitive or participle after it says."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in lexicon.source_nouns():
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _stranded_subject(verb: Token) -> Token | None:
    """'About 4 in 10 say...' parsed with no subject: the noun or number phrase right
    before the verb, when the parser hung it on the verb as a modifier."""
    lefts = [c for c in verb.lefts if c.dep_ in ("nummod", "npadvmod", "dep", "quantmod", "nmod")]
    for child in reversed(lefts):
        if child.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and child.ent_type_ not in ("DATE", "TIME"):
            return child
    return None


def mention_range(head: Token) -> TokRange:
    """A noun phrase around ``head``: its subtree without relative clauses or trailing
    punctuation. Appositives stay (they identify the source)."""
    doc = head.doc
    keep = {head.i}
    cut_from = _first_non_speaker_conjunct(head)
    named = head.pos_ == "PROPN" or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children)
    for child in head.children:
        if (child.dep_ in CLAUSE_CUT_DEPS and not _position_to_know(child)) or (
            cut_from is not None and child.i >= cut_from
        ):
            continue
        if named and child.i > head.i and _medium_phrase(child):
            continue
        if child.dep_ == "advmod" and child.pos_ == "ADV" and child.i in (head.left_edge.i, head.right_edge.i):
            continue  # "Even the policy manual", "only the mayor": the writer's word, not the source's name
        keep.update(range(child.left_edge.i, child.right_edge.i + 1))
    first = min(keep)
    last = max(keep) + 1
    # a relative clause removed from the middle cuts the mention there
    pieces = runs(keep)
    if len(pieces) > 1:
        last = pieces[0][1] if head.i < pieces[0][1] else last
        first = pieces[0][0]
    rng = trim(doc, (first, last), keep_marks=False)
    return rng if rng else (head.i, head.i + 1)


def _position_to_know(clause: Token) -> bool:
    """ "a person briefed on the talks", "people involved in the deal": a participle that says
    why an unnamed source would know (knowledge_participles) is part of who the source is."""
    return (
        clause.dep_ == "acl"
        and clause.tag_ == "VBN"
        and clause.head.pos_ == "NOUN"
        and clause.lemma_.lower() in lexicon.word_set("knowledge_participles")
    )


def _medium_phrase(prep: Token) -> bool:
    """ "in an email to staff", "on Twitter" after a named speaker: where they spoke, which the
    parser hung on the name; a name needs no phrase to say who it is."""
    if prep.dep_ != "prep":
        return False
    words = lexicon.word_set("medium_nouns") | lexicon.word_set("occasion_nouns")
    return any(c.dep_ == "pobj" and c.lemma_.lower() in words for c in prep.children)


def _first_non_speaker_conjunct(head: Token) -> int | None:
    """Where a coordination stops naming sources: "by a woman and sexual assault by another": a
    common noun conjunct no source noun (source_nouns.tsv) is another phrase the parser joined.
    Returns the index of its conjunction word (or of the conjunct), or None."""
    if head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    kinds = lexicon.source_nouns()
    people = lexicon.word_set("generic_people")
    for conj in (c for c in head.children if c.dep_ == "conj"):
        lemma = conj.lemma_.lower()
        # a singular common noun with no owner ("sexual assault"), not "its partners", "his wife"
        owned = any(c.dep_ == "poss" for c in conj.children)
        if conj.tag_ == "NN" and not owned and lemma not in kinds and lemma not in people:
            cc = [c.i for c in head.children if c.dep_ in ("cc", "punct") and head.i < c.i < conj.left_edge.i]
            return min(cc) if cc else conj.left_edge.i
    return None


def core_name_range(head: Token) -> TokRange:
    """The head with its compound and flat-name modifiers: "Yoav Gallant" in
    "Defense Minister Yoav Gallant, who ...", "Defense Department official"."""
    start = end = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "nummod", "poss", "det", "case") or child.pos_ == "PROPN":
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in ("compound", "flat") and child.i == end + 1:
            end = child.i
    return start, end + 1


def token_strings(doc: Doc, attr: int) -> list[str]:
    """Each token's string of a string attribute (``LOWER``, ``TAG``, ``DEP``), as ``tok.lower_``,
    ``tok.tag_``, ``tok.dep_`` give it, read from one array of the document: a loop that asks
    every token costs a Token attribute per question otherwise."""
    keys, inverse = numpy.unique(doc.to_array(attr), return_inverse=True)
    names = [doc.vocab.strings[int(key)] for key in keys]
    return [names[k] for k in inverse.tolist()]


def token_pos(doc: Doc) -> list[str]:
    """Each token's coarse part of speech, as ``tok.pos_`` gives it, from one array of the document."""
    return [POS_NAMES[k] for k in doc.to_array(POS).tolist()]


class Ranges:
    """Character ranges searched in order, for texts that ask of thousands of characters
    whether a range holds them: the starts sorted, and how far the furthest range reaches."""

    __slots__ = ("furthest", "starts")

    def __init__(self, ranges: Iterable[CharRange]) -> None:
        spans = sorted(ranges)
        self.starts = [s for s, _ in spans]
        self.furthest = list(itertools.accumulate((e for _, e in spans), max))

    def covers(self, char: int) -> bool:
        """Whether a range holds ``char`` strictly inside it (start < char < end)."""
        return self.overlaps(char, char)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a range starts before ``end`` and ends after ``start``."""
        k = bisect.bisect_left(self.starts, end)  # ranges[:k] start before ``end``
        return k > 0 and self.furthest[k - 1] > start


class Sentences:
    """Sentence lookup in O(log n). spaCy's ``Token.sent`` walks the document from its
    start on every call, which is quadratic on long articles."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        bounds = [(s.start, s.end) for s in doc.sents]
        self.starts = [b[0] for b in bounds]
        self.ends = [b[1] for b in bounds]

    def of_token(self, i: int) -> Span:
        k = max(0, bisect.bisect_right(self.starts, i) - 1)
        return self.doc[self.starts[k] : self.ends[k]]

    def index_of(self, i: int) -> int:
        """The number of the sentence token ``i`` is in (0 for the first)."""
        return max(0, bisect.bisect_right(self.starts, i) - 1)

    def of_char(self, char: int) -> Span | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return self.of_token(span.start) if span is not None and len(self.starts) else None


_TEXT_KEY = "accordingto.text"


def text_of(doc: Doc) -> str:
    """The document's text, kept on the document: spaCy rebuilds ``doc.text`` from its tokens on
    every access, and each step of the analysis reads it."""
    cached = doc.user_data.get(_TEXT_KEY)
    if isinstance(cached, str):
        return cached
    text: str = doc.text
    doc.user_data[_TEXT_KEY] = text
    return text


POSSESSIVE_MARKERS = frozenset({"'s", "’s", "'", "’"})


class Entities:
    """Named entities by token, looked up without rescanning ``doc.ents``. An entity the NER ran
    over its possessive marker or a dash ("Taylor Swift's", "Kim Kardashian -") ends before it,
    so its last word is the name's, and one that ran on into the sentence ends where it did."""

    def __init__(self, doc: Doc) -> None:
        self.ents = [_trimmed(e) for e in doc.ents]
        self.by_token: dict[int, Span] = {t: e for e in self.ents for t in range(e.start, e.end)}

    def at(self, i: int) -> Span | None:
        return self.by_token.get(i)


#: lower-case words no name holds: where the NER ran on past a name ("the American Music Awards
#: after Swift publicly scolded...")
_NAME_BREAKS = frozenset({"after", "amid", "before", "during", "since", "until", "while", "when", "because"})


def _trimmed(ent: Span) -> Span:
    doc = ent.doc  # tokens read by index: a slice of the entity costs more than its few words
    end = next(
        (
            i
            for i in range(ent.start + 1, ent.end)
            if (t := doc[i]).is_lower and (t.lower_ in _NAME_BREAKS or t.pos_ in ("VERB", "AUX", "SCONJ"))
        ),
        ent.end,
    )
    while end - ent.start > 1 and (doc[end - 1].text in POSSESSIVE_MARKERS or doc[end - 1].is_punct):
        end -= 1
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


def contains(outer: CharRange, inner: CharRange) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def overlap(a: CharRange, b: CharRange) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
