"""The only place where a spaCy Doc becomes :mod:`accordingto.models` records."""

from __future__ import annotations

from spacy.tokens import Doc

from accordingto.analyze.confidence import calibrated, raw_confidence
from accordingto.analyze.profile import build_profile
from accordingto.analyze.state import AttributionRecord, ClaimRecord, SourceLink, SourceRecord, read
from accordingto.models import Analysis, Article, Attribution, Claim, Source, Span


def _span(text: str, rng: tuple[int, int] | None) -> Span | None:
    return Span.of(text, rng[0], rng[1]) if rng else None


def _source(text: str, s: SourceRecord) -> Source:
    return Source(
        id=s.id,
        name=s.name,
        kind=s.kind,
        named=s.named,
        count=s.count,
        count_text=s.count_text,
        role=s.role,
        affiliation=s.affiliation,
        mentions=[Span.of(text, a, b) for a, b in s.mentions],
        anonymity=[Span.of(text, a, b) for a, b in s.anonymity],
        rules=list(s.rules),
        gender=s.gender,
        gender_basis=s.gender_basis,
        gender_evidence=[Span.of(text, a, b) for a, b in s.gender_evidence],
        role_class=s.role_class,
        descriptors=[Span.of(text, a, b) for a, b in s.descriptors],
        gender_counts=dict(s.gender_counts),
    )


def _attribution(
    text: str, a: AttributionRecord, link: SourceLink | None, source: SourceRecord | None, calibrate: bool
) -> Attribution:
    raw = raw_confidence(
        a.confidence,
        words=sum(len(text[s:e].split()) for s, e in a.content),
        uncertain_source=bool(link and link.uncertain),
        source_kind=source.kind if source else None,
        source_named=bool(source and source.named),
    )
    return Attribution(
        id=a.id,
        type=a.type,
        content=[Span.of(text, s, e) for s, e in a.content],
        cue=_span(text, a.cue),
        source=link.source_id if link else None,
        source_mention=_span(text, link.mention) if link else None,
        via=list(link.via) if link else [],
        confidence=calibrated(raw, a.type) if calibrate else raw,
        stance=a.stance,
        hedges=[Span.of(text, s, e) for s, e in a.hedges],
        rules=[*a.rules, *(link.rules if link else ())],
    )


def _claim(text: str, n: int, c: ClaimRecord) -> Claim:
    return Claim(
        id=f"C{n}",
        text=text[c.start : c.end],
        start=c.start,
        end=c.end,
        value=c.value,
        approximation=c.approximation,
        unit=c.unit,
        attribution=c.attribution,
        source=c.source,
        caveats=[Span.of(text, a, b) for a, b in c.caveats],
        value_to=c.value_to,
        rules=list(c.rules),
    )


def doc_to_analysis(doc: Doc, article: Article, analysis_version: str, *, calibrate: bool = True) -> Analysis:
    """Records of everything the components left on ``doc``; offsets index ``article.text``
    (``calibrate=False``: raw confidences, for fitting the calibration)."""
    text = article.text
    links = {link.attribution: link for link in read(doc, "links", SourceLink)}
    sources = {s.id: s for s in read(doc, "sources", SourceRecord)}
    attributions = []
    for a in read(doc, "attributions", AttributionRecord):
        link = links.get(a.id)
        source = sources.get(link.source_id) if link and link.source_id else None
        attributions.append(_attribution(text, a, link, source, calibrate))
    analysis = Analysis(
        article=article,
        sources=[_source(text, s) for s in sources.values()],
        attributions=attributions,
        claims=[_claim(text, n, c) for n, c in enumerate(read(doc, "claims", ClaimRecord), start=1)],
        analysis_version=analysis_version,
    )
    analysis.profile = build_profile(analysis)
    return analysis
