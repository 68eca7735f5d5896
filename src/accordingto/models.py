"""Plain typed records of a sourcing map: schema ``accordingto/1``.

Everything after the analysis stage (storage, queries, the web UI, Spark) sees these
records and never a spaCy object. Every record converts to and from plain JSON-ready
dicts with ``to_dict()`` / ``from_dict()``; ``docs/schema.md`` documents each field.

Offsets are character offsets into ``Article.text`` (Python string indices), so any
span can be highlighted in the text the user gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "accordingto/1"
#: Attributions whose calibrated confidence is below this are hidden by the text report and
#: the web UI, which say how many (``--all`` / "show all" shows them); JSON, the corpus and
#: the REST API keep every attribution. About half of those are wrong (docs/schema.md).
SHOW_THRESHOLD = 0.5

SourceKind = Literal["person", "group", "organization", "outlet", "document", "unspecified"]
AttributionType = Literal["direct", "mixed", "indirect", "according_to"]
Stance = Literal["neutral", "assertive", "tentative", "distancing"]

SOURCE_KINDS: tuple[str, ...] = ("person", "group", "organization", "outlet", "document", "unspecified")
ATTRIBUTION_TYPES: tuple[str, ...] = ("direct", "mixed", "indirect", "according_to")
STANCES: tuple[str, ...] = ("neutral", "assertive", "tentative", "distancing")
#: a person source's gender as the text states it (docs/schema.md: not self-identification)
GENDERS: tuple[str, ...] = ("female", "male", "nonbinary", "unknown")
GENDER_BASES: tuple[str, ...] = ("text", "name", "none")
ROLE_CLASSES: tuple[str, ...] = (
    "politician_or_official",
    "spokesperson",
    "police",
    "legal_or_court",
    "military_or_security",
    "expert_or_academic",
    "business",
    "civil_society",
    "medical",
    "ordinary_person",
    "celebrity",
    "sports",
    "journalist_or_outlet",
    "document",
    "unknown",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Excluded:
    """A range of the input that is not article prose (stray line, headline, footer...)."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Excluded:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]), str(data["reason"]))


@dataclass(slots=True)
class Article:
    """The analysed text and its metadata."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    #: the byline as one string (the authors joined with " and "), when known
    author: str | None = None
    language: str | None = None
    excluded: list[Excluded] = field(default_factory=list)
    #: the people (or desk) the article is credited to, in byline order; never a wire service
    authors: list[str] = field(default_factory=list)
    #: the section or desk the page files the article under ("Politics", "Business"), when stated
    section: str | None = None
    #: the wire service or syndication credit ("Reuters", "AP", "TOI"), when the page gives one
    wire: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "author": self.author,
            "authors": list(self.authors),
            "section": self.section,
            "wire": self.wire,
            "language": self.language,
            "text": self.text,
            "excluded": [e.to_dict() for e in self.excluded],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            title=data.get("title"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            published=data.get("published"),
            author=data.get("author"),
            language=data.get("language"),
            excluded=[Excluded.from_dict(e) for e in data.get("excluded", [])],
            authors=[str(a) for a in data.get("authors") or []],
            section=data.get("section"),
            wire=data.get("wire"),
        )


@dataclass(slots=True)
class Source:
    """One real source of the article (a person, group, organization, outlet, document...),
    with every mention of it that the analysis linked."""

    id: str
    name: str
    kind: str = "unspecified"
    named: bool = False
    count: int | None = None
    count_text: str | None = None
    role: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)
    anonymity: list[Span] = field(default_factory=list)
    #: ids of the rules that described and resolved this source (docs/rules.md)
    rules: list[str] = field(default_factory=list)
    #: a person's gender as the article states it: female | male | nonbinary | unknown
    gender: str = "unknown"
    #: what decided ``gender``: "text" (the spans in ``gender_evidence``) or "none"
    gender_basis: str = "none"
    #: the spans of the article that decided ``gender`` (pronouns, honorifics, role nouns)
    gender_evidence: list[Span] = field(default_factory=list)
    #: what kind of source this is (one of ROLE_CLASSES), from its role, name, affiliation, kind
    role_class: str = "unknown"
    #: the article's words that say who the source is and why they would know: appositives,
    #: relative clauses, "familiar with the negotiations", "who witnessed the crash"
    descriptors: list[Span] = field(default_factory=list)
    #: a group's members by gender, only when the text states them ("three women and a man":
    #: {"female": 3, "male": 1}); empty otherwise
    gender_counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "named": self.named,
            "count": self.count,
            "count_text": self.count_text,
            "role": self.role,
            "affiliation": self.affiliation,
            "mentions": [m.to_dict() for m in self.mentions],
            "anonymity": [m.to_dict() for m in self.anonymity],
            "rules": list(self.rules),
            "gender": self.gender,
            "gender_basis": self.gender_basis,
            "gender_evidence": [m.to_dict() for m in self.gender_evidence],
            "role_class": self.role_class,
            "descriptors": [m.to_dict() for m in self.descriptors],
            "gender_counts": dict(self.gender_counts),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            kind=str(data.get("kind", "unspecified")),
            named=bool(data.get("named", False)),
            count=data.get("count"),
            count_text=data.get("count_text"),
            role=data.get("role"),
            affiliation=data.get("affiliation"),
            mentions=[Span.from_dict(m) for m in data.get("mentions", [])],
            anonymity=[Span.from_dict(m) for m in data.get("anonymity", [])],
            rules=[str(r) for r in data.get("rules", [])],
            gender=str(data.get("gender") or "unknown"),
            gender_basis=str(data.get("gender_basis") or "none"),
            gender_evidence=[Span.from_dict(m) for m in data.get("gender_evidence") or []],
            role_class=str(data.get("role_class") or "unknown"),
            descriptors=[Span.from_dict(m) for m in data.get("descriptors") or []],
            gender_counts={str(k): int(v) for k, v in (data.get("gender_counts") or {}).items()},
        )


@dataclass(slots=True)
class Attribution:
    """Content attributed to a source through a cue."""

    id: str
    type: str
    content: list[Span]
    cue: Span | None = None
    source: str | None = None
    source_mention: Span | None = None
    via: list[str] = field(default_factory=list)
    confidence: float = 0.5
    stance: str = "neutral"
    hedges: list[Span] = field(default_factory=list)
    #: ids of the rules that made or changed this attribution, then those that found its source
    rules: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(s.start for s in self.content)

    @property
    def end(self) -> int:
        return max(s.end for s in self.content)

    @property
    def content_text(self) -> str:
        return " ".join(s.text for s in self.content)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "content": [s.to_dict() for s in self.content],
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source,
            "source_mention": self.source_mention.to_dict() if self.source_mention else None,
            "via": list(self.via),
            "confidence": round(self.confidence, 3),
            "stance": self.stance,
            "hedges": [h.to_dict() for h in self.hedges],
            "rules": list(self.rules),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        cue = data.get("cue")
        mention = data.get("source_mention")
        return cls(
            id=str(data["id"]),
            type=str(data["type"]),
            content=[Span.from_dict(s) for s in data["content"]],
            cue=Span.from_dict(cue) if cue else None,
            source=data.get("source"),
            source_mention=Span.from_dict(mention) if mention else None,
            via=list(data.get("via", [])),
            confidence=float(data.get("confidence", 0.5)),
            stance=str(data.get("stance", "neutral")),
            hedges=[Span.from_dict(h) for h in data.get("hedges", [])],
            rules=[str(r) for r in data.get("rules", [])],
        )


@dataclass(slots=True)
class Claim:
    """A figure stated in the article, who supplies it and what qualifies it."""

    id: str
    text: str
    start: int
    end: int
    value: float | None
    approximation: str | None = None
    unit: str | None = None
    attribution: str | None = None
    source: str | None = None
    caveats: list[Span] = field(default_factory=list)
    #: the upper end of a range or the last number of a score ("between 25 and 30", "8-27")
    value_to: float | None = None
    #: ids of the rules that found the figure
    rules: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "value_to": self.value_to,
            "rules": list(self.rules),
            "approximation": self.approximation,
            "unit": self.unit,
            "attribution": self.attribution,
            "source": self.source,
            "caveats": [c.to_dict() for c in self.caveats],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            value=data.get("value"),
            approximation=data.get("approximation"),
            unit=data.get("unit"),
            attribution=data.get("attribution"),
            source=data.get("source"),
            caveats=[Span.from_dict(c) for c in data.get("caveats", [])],
            value_to=data.get("value_to"),
            rules=[str(r) for r in data.get("rules", [])],
        )


@dataclass(slots=True)
class RankedSource:
    source: str
    name: str
    kind: str
    named: bool
    attributions: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "name": self.name,
            "kind": self.kind,
            "named": self.named,
            "attributions": self.attributions,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RankedSource:
        return cls(
            source=str(data["source"]),
            name=str(data["name"]),
            kind=str(data["kind"]),
            named=bool(data["named"]),
            attributions=int(data["attributions"]),
        )


@dataclass(slots=True)
class Profile:
    """The article's sourcing profile: how much rests on whom."""

    attributions: int = 0
    sources: int = 0
    by_kind: dict[str, float] = field(default_factory=dict)
    named_share: float | None = None
    anonymous_share: float | None = None
    unattributed: int = 0
    outlets_cited: list[str] = field(default_factory=list)
    top_sources: list[RankedSource] = field(default_factory=list)
    claims: int = 0
    claims_sourced: int = 0
    claims_unsourced: int = 0
    claims_caveated: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "attributions": self.attributions,
            "sources": self.sources,
            "by_kind": dict(self.by_kind),
            "named_share": self.named_share,
            "anonymous_share": self.anonymous_share,
            "unattributed": self.unattributed,
            "outlets_cited": list(self.outlets_cited),
            "top_sources": [r.to_dict() for r in self.top_sources],
            "claims": {
                "total": self.claims,
                "sourced": self.claims_sourced,
                "unsourced": self.claims_unsourced,
                "caveated": self.claims_caveated,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        claims = data.get("claims", {})
        return cls(
            attributions=int(data.get("attributions", 0)),
            sources=int(data.get("sources", 0)),
            by_kind={str(k): float(v) for k, v in data.get("by_kind", {}).items()},
            named_share=data.get("named_share"),
            anonymous_share=data.get("anonymous_share"),
            unattributed=int(data.get("unattributed", 0)),
            outlets_cited=list(data.get("outlets_cited", [])),
            top_sources=[RankedSource.from_dict(r) for r in data.get("top_sources", [])],
            claims=int(claims.get("total", 0)),
            claims_sourced=int(claims.get("sourced", 0)),
            claims_unsourced=int(claims.get("unsourced", 0)),
            claims_caveated=int(claims.get("caveated", 0)),
        )


@dataclass(slots=True)
class Analysis:
    """The sourcing map of one article."""

    article: Article
    sources: list[Source] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    profile: Profile = field(default_factory=Profile)
    analysis_version: str = ""

    def source(self, source_id: str | None) -> Source | None:
        """The source with this id, or None."""
        if source_id is None:
            return None
        for src in self.sources:
            if src.id == source_id:
                return src
        return None

    def shown(self, threshold: float = SHOW_THRESHOLD) -> tuple[Analysis, int]:
        """The analysis with the attributions at or above ``threshold`` only (for reading), and
        how many were left out; sources, figures and the profile stay whole."""
        kept = [a for a in self.attributions if a.confidence >= threshold]
        if len(kept) == len(self.attributions):
            return self, 0
        copy = Analysis(self.article, self.sources, kept, self.claims, self.profile, self.analysis_version)
        return copy, len(self.attributions) - len(kept)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "analysis_version": self.analysis_version,
            "article": self.article.to_dict(),
            "sources": [s.to_dict() for s in self.sources],
            "attributions": [a.to_dict() for a in self.attributions],
            "claims": [c.to_dict() for c in self.claims],
            "profile": self.profile.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        if data.get("schema") != SCHEMA:
            from accordingto.errors import SchemaError

            raise SchemaError(f"expected schema {SCHEMA!r}, got {data.get('schema')!r}")
        return cls(
            article=Article.from_dict(data["article"]),
            sources=[Source.from_dict(s) for s in data.get("sources", [])],
            attributions=[Attribution.from_dict(a) for a in data.get("attributions", [])],
            claims=[Claim.from_dict(c) for c in data.get("claims", [])],
            profile=Profile.from_dict(data.get("profile", {})),
            analysis_version=str(data.get("analysis_version", "")),
        )
