"""Analysis records built by hand, for testing the store and queries without the NLP.

``build("a1", [Said("Dalia Ferrante", "the talks had stalled", role="Defense Minister")])``
writes one sentence per statement ("Dalia Ferrante said the talks had stalled."), with every
span pointing at the right characters, so the records are exactly what an analysis of that
text could have produced.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from accordingto.analyze.profile import build_profile
from accordingto.models import Analysis, Article, Attribution, Claim, Source, Span

VERSION = "test+builders-1"
_counter = itertools.count(1)


@dataclass(frozen=True)
class Said:
    """One statement: who (as written) said what. For a direct quote, put the marks in ``content``."""

    source: str | None
    content: str
    type: str = "indirect"
    kind: str = "person"
    named: bool = True
    role: str | None = None
    affiliation: str | None = None
    via: str | None = None  # the name of an outlet source it came through ("told Politico")


def build(
    article_id: str,
    statements: Sequence[Said],
    *,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    version: str = VERSION,
    extra: str = "",
    figure: str | None = None,
) -> Analysis:
    """An analysis of a text made of the statements (plus ``extra`` prose, and a sentence
    with a ``figure`` such as "about 3,000 troops" as a claim of the first statement)."""
    text = ""
    sources: dict[tuple[object, ...], Source] = {}
    attributions: list[Attribution] = []
    for said in statements:
        source = _source_for(said, sources)
        via_source = _source_for(Said(said.via, "", kind="outlet"), sources) if said.via else None
        if said.type in ("direct", "mixed") and said.content.startswith(("“", '"')):
            text, content, mention, cue = _append_quote_first(text, said)
        else:
            text, content, mention, cue = _append_source_first(text, said)
        if source is not None:
            source.mentions.append(mention)
        attributions.append(
            Attribution(
                id=f"A{len(attributions) + 1}",
                type=said.type,
                content=[content],
                cue=cue,
                source=source.id if source else None,
                source_mention=mention if source else None,
                via=[via_source.id] if via_source else [],
                confidence=0.9,
            )
        )
    claims: list[Claim] = []
    if figure:
        start = len(text) + len("Officials counted ")
        text += f"Officials counted {figure}. "
        claims.append(
            Claim(
                "C1",
                figure,
                start,
                start + len(figure),
                3000.0,
                attribution=attributions[0].id if attributions else None,
                source=attributions[0].source if attributions else None,
            )
        )
    text += extra
    analysis = Analysis(
        article=Article(id=article_id, text=text, title=title, outlet=outlet, published=published, language="en"),
        sources=list(sources.values()),
        attributions=attributions,
        claims=claims,
        analysis_version=version,
    )
    analysis.profile = build_profile(analysis)
    return analysis


def _source_for(said: Said, sources: dict[tuple[object, ...], Source]) -> Source | None:
    if said.source is None:
        return None
    key = (said.source, said.kind, said.named, said.role, said.affiliation)
    if key not in sources:
        sources[key] = Source(
            id=f"S{len(sources) + 1}",
            name=said.source,
            kind=said.kind,
            named=said.named,
            role=said.role,
            affiliation=said.affiliation,
        )
    return sources[key]


def _append_source_first(text: str, said: Said) -> tuple[str, Span, Span, Span]:
    who = said.source or "It was reported"
    start = len(text)
    verb = "said" if said.source else ""
    sentence = f"{who} {verb} {said.content}. " if verb else f"{who} that {said.content}. "
    mention = Span(start, start + len(who), who)
    cue_start = start + len(who) + 1
    cue = Span(cue_start, cue_start + len(verb or "that"), verb or "that")
    content_start = cue.end + 1
    content = Span(content_start, content_start + len(said.content), said.content)
    return text + sentence, content, mention, cue


def _append_quote_first(text: str, said: Said) -> tuple[str, Span, Span, Span]:
    start = len(text)
    content = Span(start, start + len(said.content), said.content)
    who = said.source or "someone"
    mention_start = content.end + 1
    mention = Span(mention_start, mention_start + len(who), who)
    cue = Span(mention.end + 1, mention.end + 5, "said")
    return text + f"{said.content} {who} said. ", content, mention, cue


def unique_id(prefix: str = "article") -> str:
    return f"{prefix}-{next(_counter)}"
