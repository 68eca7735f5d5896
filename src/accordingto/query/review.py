"""The read side of review: articles by review status, an article's reviewed map, its edit
history and stale edits, and sourcing statistics on machine data, reviewed data or both.

Functions take a ``sqlite3.Connection`` of a corpus (schema 5 or later) and return records
with ``to_dict()``; the CLI's ``export --reviewed``, the REST API (``/api/review/...``) and
the review pages (:mod:`accordingto.serve.review_pages`) share them. The reviewed map itself is built by
:func:`accordingto.store.review_map.build_map`.

Statistics and their data (``data=``):

* ``machine``: every stored article as the analysis made it;
* ``reviewed``: only the articles under review (an edit in effect, or marked reviewed), as
  their reviewed maps say;
* ``both``: every stored article, the reviewed map where there is one and the analysis
  elsewhere.

Each row says which (``data``) and how many of its articles were reviewed. The corpus's
statistics (``query.stats.corpus_stats``, ``query.voices.who_is_quoted``) count machine data
from the store's summaries; on reviewed data or both they come here (:func:`data_stats`,
:func:`data_voices`), which count the same figures article by article, and so does
:func:`review_stats`. A source of a reviewed map keeps the corpus identity of the machine
source it comes from; one reviewers added (``RS<n>``) has none and, when a person, counts as a
person of its own (docs/review.md).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from accordingto.models import SOURCE_KINDS, Analysis
from accordingto.query.filters import ascii_lower, check_page, iso_month
from accordingto.query.records import Count, Page, RankedSource, StatsRow, VoicesRow
from accordingto.query.stats import copy_voices, source_names, stats_row
from accordingto.query.voices import GROUP_KEYS, VOICES_BYS, agreed_gender, voices_row
from accordingto.store import reader
from accordingto.store.encoding import parse_published
from accordingto.store.review import load_edits
from accordingto.store.review_map import STATUSES, ReviewedMap, build_map

StatsData = Literal["machine", "reviewed", "both"]
STATS_DATA: tuple[str, ...] = ("machine", "reviewed", "both")
ReviewGroupBy = Literal["outlet-month", "outlet", "month", "all"]
REVIEW_GROUP_BYS: tuple[str, ...] = ("outlet-month", "outlet", "month", "all")
UNDER_REVIEW = ("in_progress", "reviewed")

SELECT_STATUS_PAGE = """
SELECT ar.article_id, ar.title, ar.outlet, ar.published, coalesce(ra.status, 'unreviewed'), coalesce(ra.revision, 0),
       coalesce(ra.active_edits, 0), coalesce(ra.reviewers, '[]'), ra.last_edit_at
  FROM articles ar LEFT JOIN review_articles ra ON ra.article_id = ar.article_id
 {where}
 ORDER BY ra.last_edit_at IS NULL, ra.last_edit_at DESC, ar.pk
 LIMIT ? OFFSET ?
"""
SELECT_STATUS_COUNTS = """
SELECT coalesce(ra.status, 'unreviewed'), count(*)
  FROM articles ar LEFT JOIN review_articles ra ON ra.article_id = ar.article_id GROUP BY 1
"""
SELECT_ORPHANS = "SELECT count(*) FROM review_articles WHERE article_id NOT IN (SELECT article_id FROM articles)"
SELECT_IDENTITIES = """
SELECT s.local_id, s.corpus_source_pk FROM sources s JOIN articles ar ON ar.pk = s.article_pk WHERE ar.article_id = ?
"""
SELECT_MACHINE_SOURCES = """
SELECT article_pk, corpus_source_pk, kind, named, gender, gender_basis, role_class, n_attributions
  FROM sources WHERE n_attributions > 0
"""
SELECT_MACHINE_ARTICLES = (
    "SELECT pk, article_id, outlet, month, section, n_attributions, n_named, n_anonymous, n_unattributed, "
    + ", ".join(f"n_{k}" for k in SOURCE_KINDS)
    + " FROM articles ORDER BY pk"
)
SELECT_UNDER_REVIEW = """
SELECT ra.article_id FROM review_articles ra JOIN articles ar ON ar.article_id = ra.article_id
 WHERE ra.status IN ('in_progress', 'reviewed') ORDER BY ar.pk
"""


# ------------------------------------------------------------------ records
@dataclass(slots=True)
class ReviewSummary:
    """One article in the list by review status, with its progress."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    status: str
    revision: int
    edits: int  # edits in effect
    reviewers: list[str]
    last_edit_at: str | None
    progress: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ReviewStatsRow:
    """Sourcing figures of a group of articles, on the data named in ``data``."""

    outlet: str | None
    month: str | None
    data: str
    articles: int
    reviewed_articles: int
    attributions: int
    attributions_per_article: float
    named_share: float | None
    anonymous_share: float | None
    unattributed_share: float | None
    by_kind: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ------------------------------------------------------------------ one article
def reviewed_map(conn: sqlite3.Connection, article_id: str) -> ReviewedMap | None:
    """The reviewed map of a stored article; None when it is not stored."""
    machine = reader.load_analysis(conn, article_id)
    return None if machine is None else build_map(machine, load_edits(conn, article_id))


def history(reviewed: ReviewedMap) -> list[dict[str, Any]]:
    """Every edit of the article, oldest first, with what became of it (``state``: applied,
    stale with its ``reason``, undone, undo)."""
    return reviewed.history()


# ------------------------------------------------------------------ articles by status
def status_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Stored articles by review status, their total, and the articles with edits that are no
    longer stored (``without_article``: their edits are kept, and apply again if the article
    is stored again)."""
    counts = dict.fromkeys(STATUSES, 0)
    for status, n in conn.execute(SELECT_STATUS_COUNTS):
        counts[status] = counts.get(status, 0) + int(n)
    counts["articles"] = sum(counts[s] for s in STATUSES)
    counts["without_article"] = int(conn.execute(SELECT_ORPHANS).fetchone()[0])
    return counts


def list_by_status(
    conn: sqlite3.Connection, *, status: str | None = None, limit: int = 50, offset: int = 0, with_total: bool = False
) -> Page[ReviewSummary]:
    """Stored articles with their review status and progress, the latest edited first (then in
    the order stored); ``status`` keeps one status (unreviewed, in_progress, reviewed)."""
    check_page(limit, offset)
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown review status {status!r}; choose one of {', '.join(STATUSES)}")
    where, params = ("WHERE coalesce(ra.status, 'unreviewed') = ?", [status]) if status else ("", [])
    rows = conn.execute(SELECT_STATUS_PAGE.format(where=where), [*params, limit + 1, offset]).fetchall()
    items = []
    for article_id, title, outlet, published, state, revision, edits, reviewers, last in rows[:limit]:
        reviewed = reviewed_map(conn, article_id)
        items.append(
            ReviewSummary(
                article_id=article_id,
                title=title,
                outlet=outlet,
                published=published,
                status=state,
                revision=int(revision),
                edits=int(edits),
                reviewers=list(json.loads(reviewers)),
                last_edit_at=last,
                progress=reviewed.progress() if reviewed is not None else {},
            )
        )
    total = None
    if with_total:
        counts = status_counts(conn)
        total = counts[status] if status else counts["articles"]
    return Page(items, limit, offset, offset + limit if len(rows) > limit else None, total)


def under_review(conn: sqlite3.Connection) -> Iterator[ReviewedMap]:
    """The reviewed map of every stored article under review (an edit in effect, or marked
    reviewed), in the order the articles were stored."""
    for (article_id,) in conn.execute(SELECT_UNDER_REVIEW).fetchall():
        found = reviewed_map(conn, article_id)
        if found is not None:
            yield found


# ------------------------------------------------------------------ statistics
#: a person quoted: ("corpus", identity pk), or ("added", article id, source id) for a source
#: reviewers added (RS<n>), which has no corpus identity
Person = tuple[str, ...]


@dataclass(slots=True)
class _Source:
    """What the statistics count of one source of an article (with an attribution)."""

    person: Person | None  # None: not a person
    named_pk: int | None  # the corpus identity, when named (ranked among the most quoted)
    gender: str
    by_name: bool  # the gender came from the first-name table
    role_class: str
    attributions: int


@dataclass(slots=True)
class _Article:
    """One article as the statistics count it, from the machine's rows or its reviewed map."""

    article_id: str
    outlet: str | None
    month: str | None
    section: str | None
    authors: list[str]
    reviewed: bool
    counts: Counter[str]  # attribution_counts
    sources: list[_Source]
    cited: list[str]  # outlets cited, once each


def attribution_counts(analysis: Analysis) -> Counter[str]:
    """The per-article counts the corpus keeps (``articles.n_*``), of any analysis: attributions,
    to named and anonymous sources, unattributed, and by kind of source (unattributed counts as
    unspecified)."""
    sources = {s.id: s for s in analysis.sources}
    counts: Counter[str] = Counter(attributions=len(analysis.attributions))
    for attribution in analysis.attributions:
        source = sources.get(attribution.source) if attribution.source else None
        if source is None:
            counts["unattributed"] += 1
            counts["unspecified"] += 1
            continue
        counts[source.kind if source.kind in SOURCE_KINDS else "unspecified"] += 1
        counts["named" if source.named else "anonymous"] += 1
    return counts


def _reviewed_article(conn: sqlite3.Connection, reviewed: ReviewedMap) -> _Article:
    """An article as its reviewed map says. A source keeps the corpus identity of the machine
    source it comes from; one that reviewers added (a new or split-off source, RS<n>) has none:
    a person of its own, counted once in its groups, never taken for anyone else."""
    analysis = reviewed.analysis
    article = analysis.article
    identities = dict(conn.execute(SELECT_IDENTITIES, [article.id]).fetchall())
    said = Counter(a.source for a in analysis.attributions if a.source)
    sources = []
    for source in analysis.sources:
        if not said[source.id]:
            continue
        mark = reviewed.sources.get(source.id)
        machine_id = mark.machine_id if mark is not None else source.id
        pk = identities.get(machine_id) if machine_id is not None else None
        person: Person | None = None
        if source.kind == "person":
            person = ("corpus", str(pk)) if pk is not None else ("added", article.id, source.id)
        sources.append(
            _Source(
                person=person,
                named_pk=pk if source.named else None,
                gender=source.gender,
                by_name=source.gender_basis == "name",
                role_class=source.role_class,
                attributions=said[source.id],
            )
        )
    cited = {o.strip().casefold(): o.strip() for o in analysis.profile.outlets_cited if o and o.strip()}
    return _Article(
        article_id=article.id,
        outlet=article.outlet,
        month=parse_published(article.published)[1],
        section=article.section,
        authors=list(article.authors),
        reviewed=True,
        counts=attribution_counts(analysis),
        sources=sources,
        cited=list(cited.values()),
    )


def _machine_articles(conn: sqlite3.Connection, *, exclude: set[str]) -> Iterator[_Article]:
    """The stored articles as the analysis made them (from the rows the store keeps), but
    those in ``exclude``."""
    sources: dict[int, list[_Source]] = {}
    for article_pk, pk, kind, named, gender, basis, role_class, n in conn.execute(SELECT_MACHINE_SOURCES):
        sources.setdefault(article_pk, []).append(
            _Source(
                person=("corpus", str(pk)) if kind == "person" and pk is not None else None,
                named_pk=int(pk) if named and pk is not None else None,
                gender=str(gender),
                by_name=basis == "name",
                role_class=str(role_class),
                attributions=int(n),
            )
        )
    authors: dict[int, list[str]] = {}
    for article_pk, name in conn.execute("SELECT article_pk, name FROM article_authors ORDER BY article_pk, position"):
        authors.setdefault(article_pk, []).append(name)
    cited: dict[int, list[str]] = {}
    for article_pk, outlet in conn.execute("SELECT article_pk, outlet FROM article_citations"):
        cited.setdefault(article_pk, []).append(outlet)
    for article_pk, article_id, outlet, month, section, n, named, anonymous, unattributed, *by_kind in conn.execute(
        SELECT_MACHINE_ARTICLES
    ):
        if article_id in exclude:
            continue
        counts: Counter[str] = Counter(attributions=n, named=named, anonymous=anonymous, unattributed=unattributed)
        counts.update(dict(zip(SOURCE_KINDS, by_kind, strict=True)))
        yield _Article(
            article_id=article_id,
            outlet=outlet,
            month=month,
            section=section,
            authors=authors.get(article_pk, []),
            reviewed=False,
            counts=counts,
            sources=sources.get(article_pk, []),
            cited=cited.get(article_pk, []),
        )


def _articles(
    conn: sqlite3.Connection,
    data: str,
    outlets: tuple[str, ...],
    since: date | str | None,
    until: date | str | None,
) -> Iterator[_Article]:
    """The articles ``data`` counts (see the module docstring), in the selection: outlets as the
    corpus compares them (ASCII case folded), whole months (undated articles left out when
    ``since`` or ``until`` is given)."""
    if data not in STATS_DATA:
        raise ValueError(f"unknown data {data!r}; choose one of {', '.join(STATS_DATA)}")
    first, last = iso_month(since), iso_month(until)
    wanted = {ascii_lower(o) for o in outlets}

    def selected(article: _Article) -> bool:
        if wanted and ascii_lower(article.outlet or "") not in wanted:
            return False
        month = article.month
        return not (first or last) or not (month is None or (first and month < first) or (last and month > last))

    reviewed_ids: set[str] = set()
    if data in ("reviewed", "both"):
        for reviewed in under_review(conn):
            reviewed_ids.add(reviewed.analysis.article.id)
            article = _reviewed_article(conn, reviewed)
            if selected(article):
                yield article
    if data in ("machine", "both"):
        yield from filter(selected, _machine_articles(conn, exclude=reviewed_ids))


@dataclass(slots=True)
class _Group:
    """The sums of one group of articles."""

    key: tuple[str | None, ...]  # as shown: the first spelling of an outlet met
    articles: int = 0
    reviewed: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    stated: dict[Person, set[str]] = field(default_factory=dict)  # person -> genders their articles state
    by_name: bool = False
    quoted: Counter[int] = field(default_factory=Counter)  # named identity -> attributions
    cited: Counter[str] = field(default_factory=Counter)  # outlet cited (folded) -> articles
    cited_names: dict[str, str] = field(default_factory=dict)

    def add(self, article: _Article) -> None:
        self.articles += 1
        self.reviewed += article.reviewed
        self.counts.update(article.counts)
        for source in article.sources:
            self.roles[source.role_class] += source.attributions
            if source.named_pk is not None:
                self.quoted[source.named_pk] += source.attributions
            if source.person is not None:
                genders = self.stated.setdefault(source.person, set())
                if source.gender != "unknown":
                    genders.add(source.gender)
                self.by_name |= source.by_name
        for outlet in article.cited:
            folded = ascii_lower(outlet)
            self.cited[folded] += 1
            self.cited_names.setdefault(folded, outlet)

    def people(self) -> Counter[str]:
        """The group's people by the gender their articles agree on (``voices.agreed_gender``)."""
        return Counter(agreed_gender(stated) for stated in self.stated.values())


def _grouped(articles: Iterator[_Article], keys: tuple[str, ...]) -> list[_Group]:
    """Articles summed per group of ``keys`` (outlet, month, author, section; none: one group
    of all), "" for an unknown value; an article with several authors is in each one's group.
    Sorted by the keys, outlets as the corpus compares them."""
    groups: dict[tuple[str, ...], _Group] = {}
    for article in articles:
        values = {"outlet": [article.outlet or ""], "month": [article.month or ""], "section": [article.section or ""]}
        values["author"] = article.authors or [""]
        for key in itertools.product(*(values[k] for k in keys)):
            folded = tuple(ascii_lower(v) if k == "outlet" else v for k, v in zip(keys, key, strict=True))
            groups.setdefault(folded, _Group(key)).add(article)
    return [groups[k] for k in sorted(groups)]


def _stats_rows(
    conn: sqlite3.Connection, groups: list[_Group], by: str, *, data: str, top: int, voices: bool
) -> list[StatsRow]:
    """The rows of ``query.stats`` for groups of :func:`_grouped` (by outlet-month, outlet,
    month or all), with their ``data``."""
    keys = GROUP_KEYS.get(by, ())
    names = source_names(conn, {pk for g in groups for pk, _ in _top(g.quoted, top)}) if top else {}
    rows = []
    for group in groups:
        shown = dict(zip(keys, group.key, strict=True))
        counts = group.counts
        row = stats_row(
            (
                shown.get("outlet"),
                shown.get("month"),
                group.articles,
                counts["attributions"],
                counts["named"],
                counts["anonymous"],
                counts["unattributed"],
                *(counts[k] for k in SOURCE_KINDS),
            )
        )
        if top:
            row.top_sources = [RankedSource(*names[pk], n) for pk, n in _top(group.quoted, top) if pk in names]
            row.outlets_cited = [Count(group.cited_names[o], n) for o, n in _top(group.cited, top)]
        if voices:
            copy_voices(row, _voices_row(group, by, data))
        row.data, row.reviewed_articles = data, group.reviewed
        rows.append(row)
    return rows


def _top(counts: Counter[Any], top: int) -> list[tuple[Any, int]]:
    """The ``top`` most counted, ties in key order (as the summaries' SQL orders them)."""
    return sorted(((k, n) for k, n in counts.items() if n > 0), key=lambda kv: (-kv[1], kv[0]))[:top]


def _voices_row(group: _Group, by: str, data: str) -> VoicesRow:
    row = voices_row(by, tuple(str(v) for v in group.key), group.articles, group.people(), group.roles, group.by_name)
    row.data, row.reviewed_articles = data, group.reviewed
    return row


def data_stats(
    conn: sqlite3.Connection,
    *,
    data: str,
    by: str = "outlet-month",
    outlets: tuple[str, ...] = (),
    since: date | str | None = None,
    until: date | str | None = None,
    top: int = 3,
    voices: bool = True,
) -> list[StatsRow]:
    """``query.stats.corpus_stats`` on ``data`` (machine, reviewed or both), counted article by
    article: the same figures, the same rows; ``by`` may also be ``all`` (one row)."""
    if by not in REVIEW_GROUP_BYS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(REVIEW_GROUP_BYS)}")
    groups = _grouped(_articles(conn, data, outlets, since, until), GROUP_KEYS.get(by, ()))
    return _stats_rows(conn, groups, by, data=data, top=top, voices=voices)


def data_voices(
    conn: sqlite3.Connection,
    *,
    data: str,
    by: str = "outlet",
    outlets: tuple[str, ...] = (),
    since: date | str | None = None,
    until: date | str | None = None,
) -> list[VoicesRow]:
    """``query.voices.who_is_quoted`` on ``data`` (machine, reviewed or both), counted article
    by article: the same figures, the same rows."""
    if by not in GROUP_KEYS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(VOICES_BYS)}")
    groups = _grouped(_articles(conn, data, outlets, since, until), GROUP_KEYS[by])
    return [_voices_row(group, by, data) for group in groups]


def review_stats(
    conn: sqlite3.Connection,
    *,
    data: StatsData = "both",
    by: ReviewGroupBy = "outlet",
    outlets: tuple[str, ...] = (),
    since: date | str | None = None,
    until: date | str | None = None,
) -> list[ReviewStatsRow]:
    """Sourcing figures per outlet, month, outlet and month, or over all (``by="all"``), on
    ``data`` (see the module docstring); rows sorted by outlet then month. ``since``/``until``
    select whole months; undated articles are left out when either is given."""
    rows = data_stats(conn, data=data, by=by, outlets=outlets, since=since, until=until, top=0, voices=False)
    return [
        ReviewStatsRow(
            outlet=r.outlet,
            month=r.month,
            data=data,
            articles=r.articles,
            reviewed_articles=r.reviewed_articles or 0,
            attributions=r.attributions,
            attributions_per_article=r.attributions_per_article,
            named_share=r.named_share,
            anonymous_share=r.anonymous_share,
            unattributed_share=r.unattributed_share,
            by_kind=r.by_kind,
        )
        for r in rows
    ]


__all__ = [
    "REVIEW_GROUP_BYS",
    "STATS_DATA",
    "ReviewStatsRow",
    "ReviewSummary",
    "attribution_counts",
    "data_stats",
    "data_voices",
    "history",
    "list_by_status",
    "review_stats",
    "reviewed_map",
    "status_counts",
    "under_review",
]
