"""The only place where a spaCy Doc becomes :mod:`accordingto.models` records."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from accordingto.analyze import lexicon
from accordingto.analyze.profile import build_profile
from accordingto.analyze.state import state
from accordingto.models import Analysis, Article, Attribution, Claim, Source, Span

_DOUBLE = frozenset('"“”„‟«»″')


def attribution_type(text: str, content: list[tuple[int, int]], pattern: str) -> str:
    """direct (wholly quoted), mixed (quoted fragments), according_to, or indirect."""
    pieces = [text[s:e].strip().strip(".,;:!?—–- ") for s, e in content]
    pieces = [p for p in pieces if p]
    if pieces and all(_wholly_quoted(p) for p in pieces):
        return "direct"
    if any(_double_marks(p) for p in pieces):
        return "mixed"
    if pattern == "according_to":
        return "according_to"
    return "indirect"


def _double_marks(piece: str) -> int:
    """Double quotation marks in a piece; ``these'' count as one mark each."""
    return sum(ch in _DOUBLE for ch in piece) + piece.count("''") + piece.count("``")


def _wholly_quoted(piece: str) -> bool:
    opens = piece[0] in _DOUBLE or piece.startswith(("''", "``"))
    closes = piece[-1] in _DOUBLE or piece.endswith("''")
    return opens and closes and _double_marks(piece) == 2


def find_hedges(text: str, content: list[tuple[int, int]]) -> list[Span]:
    found: list[Span] = []
    for s, e in content:
        piece = text[s:e].lower()
        for phrase in lexicon.phrases("hedges.txt"):
            for match in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", piece):
                start = s + match.start()
                if not any(h.start <= start < h.end for h in found):
                    found.append(Span.of(text, start, s + match.end()))
    return sorted(found, key=lambda h: h.start)


def _span(text: str, rng: Any) -> Span | None:
    return Span.of(text, int(rng[0]), int(rng[1])) if rng else None


def doc_to_analysis(doc: Doc, article: Article, analysis_version: str) -> Analysis:
    """Records of everything the components left on ``doc``; offsets index ``article.text``."""
    st = state(doc)
    text = article.text
    sources = [
        Source(
            id=s["id"],
            name=s["name"],
            kind=s["kind"],
            named=bool(s["named"]),
            count=s["count"],
            count_text=s["count_text"],
            role=s["role"],
            affiliation=s["affiliation"],
            mentions=[Span.of(text, a, b) for a, b in s["mentions"]],
            anonymity=[Span.of(text, a, b) for a, b in s["anonymity"]],
        )
        for s in st["sources"]
    ]
    attributions = []
    for row in st["attributions"]:
        content = [(int(s), int(e)) for s, e in row["content"]]
        attributions.append(
            Attribution(
                id=row["id"],
                type=attribution_type(text, content, row["pattern"]),
                content=[Span.of(text, s, e) for s, e in content],
                cue=_span(text, row["cue"]),
                source=row.get("source_id"),
                source_mention=_span(text, row.get("source_mention")),
                via=list(row.get("via", [])),
                confidence=float(row["confidence"]),
                stance=row["stance"],
                hedges=find_hedges(text, content),
            )
        )
    claims = [
        Claim(
            id=f"C{n}",
            text=text[c["start"] : c["end"]],
            start=c["start"],
            end=c["end"],
            value=c["value"],
            approximation=c["approximation"],
            unit=c["unit"],
            attribution=c["attribution"],
            source=c["source"],
            caveats=[Span.of(text, a, b) for a, b in c["caveats"]],
        )
        for n, c in enumerate(st["claims"], start=1)
    ]
    analysis = Analysis(
        article=article,
        sources=sources,
        attributions=attributions,
        claims=claims,
        analysis_version=analysis_version,
    )
    analysis.profile = build_profile(analysis)
    return analysis
