"""The registered spaCy components of accordingto.

Each step is a factory with a default config, so it can be added by name to any English
pipeline with a parser and NER::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("accordingto")          # all steps, in order
    doc = nlp(text)
    doc._.accordingto["attributions"]     # plain dicts with character offsets

or step by step (``accordingto_quotes``, ``accordingto_attributions``,
``accordingto_sources``, ``accordingto_claims``). Results are plain data in
``doc._.accordingto`` (see :mod:`accordingto.analyze.state`) and span groups, so they
survive ``nlp.pipe(n_process=...)`` and ``DocBin``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from accordingto.analyze.attributions import Linker
from accordingto.analyze.claims import link_claims
from accordingto.analyze.quotes import Quote, find_quotes
from accordingto.analyze.sources import Resolver
from accordingto.analyze.state import state

QUOTES_KEY = "at_quotes"
CUES_KEY = "at_cues"
CONTENT_KEY = "at_content"
SOURCES_KEY = "at_sources"


class QuoteFinder:
    """Quote spans: ``doc.spans[spans_key]`` (label ``closed``/``open``, chain in ``kb_id_``)."""

    def __init__(self, spans_key: str = QUOTES_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc.text)
        state(doc)["quotes"] = [[q.start, q.end, q.closed, q.chain, q.double] for q in quotes]
        spans = []
        for quote in quotes:
            span = doc.char_span(
                quote.start,
                quote.end,
                label="closed" if quote.closed else "open",
                kb_id=str(quote.chain),
                alignment_mode="expand",
            )
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def stored_quotes(doc: Doc) -> list[Quote]:
    rows = state(doc)["quotes"]
    if not rows:
        return find_quotes(doc.text)
    return [Quote(int(s), int(e), bool(c), int(ch), bool(d)) for s, e, c, ch, d in rows]


class AttributionFinder:
    """Content, cue and source mention of every attribution."""

    def __init__(self, content_key: str = CONTENT_KEY, cues_key: str = CUES_KEY) -> None:
        self.content_key = content_key
        self.cues_key = cues_key

    def __call__(self, doc: Doc) -> Doc:
        found = Linker(doc, stored_quotes(doc)).run()
        plain: list[dict[str, Any]] = []
        for n, cand in enumerate(found, start=1):
            row = cand.to_plain()
            row["id"] = f"A{n}"
            plain.append(row)
        state(doc)["attributions"] = plain
        doc.spans[self.content_key] = [
            span
            for row in plain
            for s, e in row["content"]
            if (span := doc.char_span(s, e, label=row["id"], alignment_mode="expand")) is not None
        ]
        doc.spans[self.cues_key] = [
            span
            for row in plain
            if row["cue"]
            and (span := doc.char_span(row["cue"][0], row["cue"][1], label=row["id"], alignment_mode="expand"))
            is not None
        ]
        return doc


class SourceResolver:
    """Source entities (kind, name, anonymity, role) and each attribution's source and via."""

    def __init__(self, spans_key: str = SOURCES_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st["sources"] = Resolver(doc).run(st["attributions"])
        doc.spans[self.spans_key] = [
            span
            for src in st["sources"]
            for s, e in src["mentions"]
            if (span := doc.char_span(s, e, label=src["id"], alignment_mode="expand")) is not None
        ]
        return doc


class ClaimFinder:
    """Figures with their source and caveats."""

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st["claims"] = link_claims(doc, st["attributions"])
        return doc


class Accordingto:
    """All steps in order: quotes, attributions, sources, claims."""

    def __init__(self) -> None:
        self.steps = (QuoteFinder(), AttributionFinder(), SourceResolver(), ClaimFinder())

    def __call__(self, doc: Doc) -> Doc:
        for step in self.steps:
            doc = step(doc)
        return doc


@Language.factory(
    "accordingto_quotes", assigns=["doc.spans", "doc._.accordingto"], default_config={"spans_key": QUOTES_KEY}
)
def make_quotes(nlp: Language, name: str, spans_key: str) -> QuoteFinder:
    return QuoteFinder(spans_key)


@Language.factory(
    "accordingto_attributions",
    assigns=["doc.spans", "doc._.accordingto"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={"content_key": CONTENT_KEY, "cues_key": CUES_KEY},
)
def make_attributions(nlp: Language, name: str, content_key: str, cues_key: str) -> AttributionFinder:
    return AttributionFinder(content_key, cues_key)


@Language.factory(
    "accordingto_sources",
    assigns=["doc.spans", "doc._.accordingto"],
    requires=["token.dep", "token.ent_type"],
    default_config={"spans_key": SOURCES_KEY},
)
def make_sources(nlp: Language, name: str, spans_key: str) -> SourceResolver:
    return SourceResolver(spans_key)


@Language.factory("accordingto_claims", assigns=["doc._.accordingto"], requires=["token.ent_type"])
def make_claims(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder()


@Language.factory(
    "accordingto",
    assigns=["doc.spans", "doc._.accordingto"],
    requires=["token.dep", "token.lemma", "token.pos", "token.ent_type"],
)
def make_accordingto(nlp: Language, name: str) -> Accordingto:
    return Accordingto()


STEP_NAMES = ("accordingto_quotes", "accordingto_attributions", "accordingto_sources", "accordingto_claims")
