"""DocContext: what every rule may read about one parsed document, built once.

Read-only by convention: rules look things up here and return what they found; they
never change the context. Building it costs one pass over the document (quotation
index, sentences, paragraphs, entities), which keeps every rule's lookups cheap on long
articles.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, LOWER, ORTH, TAG
from spacy.tokens import Doc, Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.layout import paragraphs
from accordingto.analyze.quotes import Quote
from accordingto.analyze.ruleset import RuleSet
from accordingto.analyze.syntax import (
    CharRange,
    Entities,
    Ranges,
    Sentences,
    is_space,
    overlap,
    text_of,
    token_pos,
    token_strings,
)

#: quotations shorter than this many words are titles or scare quotes: cues inside them still count
MIN_QUOTE_WORDS = 4


@dataclass(slots=True)
class DocContext:
    doc: Doc
    text: str
    quotes: list[Quote]
    rules: RuleSet
    paragraphs: list[tuple[int, int]]
    sentences: Sentences
    entities: Entities
    verbs: dict[str, lexicon.CueEntry]
    nouns: dict[str, lexicon.CueEntry]
    source_nouns: dict[str, str]
    #: each token's coarse and fine part of speech, and its lower-case form and dependency as
    #: string-store keys (``tok.lower``, ``tok.dep``: compare with ``spacy.strings.get_string_id``),
    #: by index: the cue rules' triggers ask them of every token of the document
    pos: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    lower_keys: list[int] = field(default_factory=list)
    dep_keys: list[int] = field(default_factory=list)
    quoted_tokens: frozenset[int] = frozenset()
    _quote_starts: list[int] = field(default_factory=list)
    _quoted: Ranges = field(default_factory=lambda: Ranges([]))
    _person_words: frozenset[str] | None = None
    _bracket_depth: list[int] | None = None

    @classmethod
    def build(cls, doc: Doc, quotes: list[Quote], rules: RuleSet) -> DocContext:
        text = text_of(doc)
        ctx = cls(
            doc=doc,
            text=text,
            quotes=sorted(quotes, key=lambda q: q.start),
            rules=rules,
            paragraphs=paragraphs(text),
            sentences=Sentences(doc),
            entities=Entities(doc),
            verbs=lexicon.cue_verbs(),
            nouns=lexicon.cue_nouns(),
            source_nouns=lexicon.source_nouns(),
            pos=token_pos(doc),
            tags=token_strings(doc, TAG),
            lower_keys=doc.to_array(LOWER).tolist(),
            dep_keys=doc.to_array(DEP).tolist(),
        )
        ctx._quote_starts = [q.start for q in ctx.quotes]
        ctx._quoted = Ranges((q.start, q.end) for q in ctx.quotes)
        ctx.quoted_tokens = ctx._long_quote_tokens()
        return ctx

    def _long_quote_tokens(self) -> frozenset[int]:
        """Tokens inside quotations of more than a few words (not titles or scare quotes)."""
        inside: set[int] = set()
        for q in self.quotes:
            if len(self.text[q.start : q.end].split()) < MIN_QUOTE_WORDS:
                continue
            span = self.doc.char_span(q.start, q.end, alignment_mode="contract")
            if span is not None:
                inside.update(range(span.start, span.end))
        return frozenset(inside)

    # ---------------------------------------------------------------- quotes
    def inside_quote(self, char: int) -> bool:
        """Whether ``char`` lies strictly inside a quotation (marks excluded)."""
        return self._quoted.covers(char)

    def person_words(self) -> frozenset[str]:
        """The words of the names the NER gives people, read once per document."""
        if self._person_words is None:
            self._person_words = frozenset(t.text for e in self.doc.ents if e.label_ == "PERSON" for t in e)
        return self._person_words

    def quote_starting_at(self, char: int) -> Quote | None:
        k = bisect.bisect_left(self._quote_starts, char)
        if k < len(self.quotes) and self.quotes[k].start == char:
            return self.quotes[k]
        return None

    def mostly_quoted(self, rng: CharRange) -> bool:
        """Whether more than half of a character range is inside one quotation."""
        s, e = rng
        return any(overlap((s, e), (q.start, q.end)) > (e - s) // 2 for q in self.quotes)

    def quote_span(self, quote: Quote) -> Span | None:
        return self.doc.char_span(quote.start, quote.end, alignment_mode="expand")

    # ---------------------------------------------------------------- tokens
    def brackets_open(self, start: int, end: int) -> bool:
        """Whether more brackets open than close among the tokens ``start`` to ``end``
        (exclusive). Asked for every comma of every reported clause: a running count over the
        document, made on first use, answers in constant time instead of a walk over the clause."""
        if end <= start:
            return False
        if self._bracket_depth is None:
            self._bracket_depth = _bracket_depths(self.doc)
        return self._bracket_depth[end] - self._bracket_depth[start] > 0

    def next_word(self, i: int) -> Token | None:
        """The first token from ``i`` on that is neither space nor a comma or colon."""
        doc = self.doc
        while i < len(doc) and (is_space(doc[i]) or doc[i].text in (",", ":")):
            i += 1
        return doc[i] if i < len(doc) else None


def _bracket_depths(doc: Doc) -> list[int]:
    """How many brackets are open before each token (and after the last), counted over one
    array of the document's words rather than one Token object per token."""
    strings = doc.vocab.strings
    orth = doc.to_array(ORTH)
    opening = numpy.isin(orth, [strings["("], strings["["]])
    closing = numpy.isin(orth, [strings[")"], strings["]"]])
    steps = opening.astype(numpy.int64) - closing.astype(numpy.int64)
    return [0, *numpy.cumsum(steps).tolist()]
