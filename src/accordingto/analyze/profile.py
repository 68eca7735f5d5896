"""The article's sourcing profile, computed from its records alone."""

from __future__ import annotations

from collections import Counter

from accordingto.models import SOURCE_KINDS, Analysis, Profile, RankedSource


def build_profile(analysis: Analysis, *, top: int = 10) -> Profile:
    attrs = analysis.attributions
    by_source = Counter(a.source for a in attrs if a.source)
    sources = {s.id: s for s in analysis.sources}
    attributed = [a for a in attrs if a.source in sources]
    total = len(attrs)

    kinds: Counter[str] = Counter()
    for a in attrs:
        kinds[sources[a.source].kind if a.source in sources else "unspecified"] += 1
    named = sum(1 for a in attributed if sources[a.source or ""].named)

    outlets: list[str] = []
    for a in attrs:
        for ident in [*a.via, *([a.source] if a.source else [])]:
            src = sources.get(ident)
            if src is not None and src.kind == "outlet" and src.name not in outlets:
                outlets.append(src.name)

    ranked = [
        RankedSource(
            source=ident,
            name=sources[ident].name,
            kind=sources[ident].kind,
            named=sources[ident].named,
            attributions=count,
        )
        for ident, count in sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0]))
        if ident in sources
    ][:top]

    claims = analysis.claims
    return Profile(
        attributions=total,
        sources=len(by_source),
        by_kind={k: round(kinds[k] / total, 3) for k in SOURCE_KINDS if kinds[k]} if total else {},
        named_share=round(named / total, 3) if total else None,
        anonymous_share=round((len(attributed) - named) / total, 3) if total else None,
        unattributed=total - len(attributed),
        outlets_cited=outlets,
        top_sources=ranked,
        claims=len(claims),
        claims_sourced=sum(1 for c in claims if c.source),
        claims_unsourced=sum(1 for c in claims if not c.source),
        claims_caveated=sum(1 for c in claims if c.caveats),
    )
