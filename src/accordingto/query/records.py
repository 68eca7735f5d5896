"""What queries return: small typed records with ``to_dict()`` (JSON-ready), and pages of them.

These are the shapes the CLI prints and the REST API and web UI serve; field names are
part of the contract.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of results. ``next_offset`` is the offset of the next page, None on the last;
    ``total`` is counted only when asked for (counting every match can cost more than the page);
    ``note`` says when the results are not in the order asked for, and why."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None
    total: int | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [item.to_dict() if hasattr(item, "to_dict") else item for item in self.items],
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": self.next_offset,
            "total": self.total,
            "note": self.note,
        }


@dataclass(slots=True)
class AttributionHit:
    """One attribution with its source and article: a search result, or one statement of a source."""

    attribution_id: str
    article_id: str
    type: str
    content: str
    start: int
    end: int
    cue: str | None
    confidence: float
    stance: str
    source_id: str | None
    source_name: str | None
    source_kind: str | None
    source_named: bool | None
    source_role: str | None
    source_gender: str | None  # as this article states it (None: no source found)
    source_role_class: str | None
    corpus_source_id: str | None
    corpus_source_name: str | None
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    score: float | None = None  # search relevance (bm25, higher is better); None elsewhere

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Count:
    """A name and how often: an outlet quoting a source, a role given, an outlet cited."""

    name: str
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "n": self.n}


@dataclass(slots=True)
class SourceSummary:
    """A source across the corpus (one identity, see ``link/identity.py``)."""

    corpus_source_id: str
    name: str
    named: bool
    kind: str
    attributions: int
    articles: int
    mentions_merged: int  # article-level sources merged into this identity
    kinds: list[Count] = field(default_factory=list)
    roles: list[Count] = field(default_factory=list)
    affiliations: list[Count] = field(default_factory=list)
    outlets: list[Count] = field(default_factory=list)  # outlets quoting it, by attributions
    first_date: str | None = None
    last_date: str | None = None
    #: the gender its articles state, when every one that states one agrees; else "unknown"
    gender: str = "unknown"
    gender_basis: str = "none"  # "text" when an article's words said it, "name" when first names alone did
    role_classes: list[Count] = field(default_factory=list)  # its article-level sources by role class

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class RankedSource:
    corpus_source_id: str
    name: str
    attributions: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class StatsRow:
    """Sourcing figures of one group of articles (an outlet, a month, or an outlet in a month).
    ``outlet`` or ``month`` is None when the group spans all of them, "" when unknown.

    The who-gets-quoted figures (``people`` to ``gender_basis``) are those of
    :class:`VoicesRow` for the same group (``query.voices``), None or empty when not asked
    for (``voices=False``): distinct people quoted, by gender as the text states it, and the
    attributions to a source by role class, with their shares of those attributions."""

    outlet: str | None
    month: str | None
    articles: int
    attributions: int
    attributions_per_article: float
    named_share: float | None
    anonymous_share: float | None
    unattributed_share: float | None
    by_kind: dict[str, float]
    top_sources: list[RankedSource] = field(default_factory=list)
    outlets_cited: list[Count] = field(default_factory=list)
    people: int | None = None
    by_gender: dict[str, int] = field(default_factory=dict)
    female_share: float | None = None
    male_share: float | None = None
    nonbinary_share: float | None = None
    unknown_share: float | None = None
    by_role_class: dict[str, int] = field(default_factory=dict)
    role_class_shares: dict[str, float] = field(default_factory=dict)
    gender_basis: str | None = None  # VoicesRow.basis: "text", or "text and names"
    #: the data counted: "machine", "reviewed" or "both" (``query.review``), and how many of
    #: the ``articles`` were counted from their reviewed maps (None on machine data)
    data: str = "machine"
    reviewed_articles: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class TrailEntry:
    """One article carrying a quote, with whether it credited the outlet that ran it first."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    attribution_id: str
    quote: str
    similarity: float
    source_name: str | None
    corpus_source_id: str | None
    first: bool = False
    same_outlet_as_first: bool | None = None
    credits_first: bool | None = None  # None: first entry, same outlet, or first outlet unknown
    credit: str | None = None  # the evidence, e.g. "names Politico in the text"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class QuoteTrail:
    """Every stored article that carries a quote, earliest first."""

    query: str
    normalized: str
    entries: list[TrailEntry]
    note: str | None = None  # why the trail is empty or uncertain (too short, undated...)

    @property
    def first(self) -> TrailEntry | None:
        return next((e for e in self.entries if e.first), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "normalized": self.normalized,
            "note": self.note,
            "entries": [e.to_dict() for e in self.entries],
        }


@dataclass(slots=True)
class ArticleSummary:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    analysis_version: str
    attributions: int
    sources: int
    claims: int
    anonymous_share: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class VoicesRow:
    """Who gets quoted in one group of articles (an outlet, a month, an outlet in a month, an
    author or a section; the other keys are None; "" when unknown). ``people``: distinct people
    quoted (corpus identities of person sources with an attribution); ``by_gender``: how many of
    them the text gives each gender (a person given two genders in two articles counts as
    unknown); ``female_share``: of all ``people``, with the counts behind it; ``by_role_class``:
    attributions per role class, every kind of source, and ``role_class_shares`` their shares
    of ``attributions`` (the attributions to a source); ``basis``: "text", or "text and names"
    when some genders came from the first-name table (--gender-from-names)."""

    outlet: str | None
    month: str | None
    author: str | None
    section: str | None
    articles: int
    people: int
    by_gender: dict[str, int]
    female_share: float | None
    male_share: float | None
    nonbinary_share: float | None
    unknown_share: float | None
    attributions: int
    by_role_class: dict[str, int]
    role_class_shares: dict[str, float]
    basis: str
    #: the data counted: "machine", "reviewed" or "both" (``query.review``), and how many of
    #: the ``articles`` were counted from their reviewed maps (None on machine data)
    data: str = "machine"
    reviewed_articles: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
