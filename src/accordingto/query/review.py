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

Each row says which (``data``) and how many of its articles were reviewed.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from accordingto.models import SOURCE_KINDS, Analysis
from accordingto.query.filters import check_page, iso_month
from accordingto.query.records import Page
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
@dataclass(slots=True)
class _Sums:
    outlet: str | None = None
    month: str | None = None
    articles: int = 0
    reviewed: int = 0
    counts: Counter[str] = field(default_factory=Counter)


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
    if data not in STATS_DATA:
        raise ValueError(f"unknown data {data!r}; choose one of {', '.join(STATS_DATA)}")
    if by not in REVIEW_GROUP_BYS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(REVIEW_GROUP_BYS)}")
    first, last = iso_month(since), iso_month(until)
    groups: dict[tuple[str, str], _Sums] = {}
    wanted = {o.casefold() for o in outlets}

    def add(outlet: str | None, month: str | None, counts: Counter[str], reviewed: bool) -> None:
        if wanted and (outlet or "").casefold() not in wanted:
            return
        if (first or last) and (month is None or (first and month < first) or (last and month > last)):
            return
        # as in corpus_stats: "" is an unknown outlet or month, None a key the rows are not grouped by
        shown_outlet = (outlet or "") if by in ("outlet", "outlet-month") else None
        shown_month = (month or "") if by in ("month", "outlet-month") else None
        key = ((shown_outlet or "").casefold(), shown_month or "")
        sums = groups.setdefault(key, _Sums(shown_outlet, shown_month))
        sums.articles += 1
        sums.reviewed += reviewed
        sums.counts.update(counts)

    reviewed_ids: set[str] = set()
    if data in ("reviewed", "both"):
        for reviewed in under_review(conn):
            article = reviewed.analysis.article
            reviewed_ids.add(article.id)
            add(article.outlet, parse_published(article.published)[1], attribution_counts(reviewed.analysis), True)
    if data in ("machine", "both"):
        _add_machine(conn, add, exclude=reviewed_ids)
    return [_stats_row(sums, data) for _, sums in sorted(groups.items())]


def _add_machine(conn: sqlite3.Connection, add: Any, *, exclude: set[str]) -> None:
    kinds = ", ".join(f"n_{k}" for k in SOURCE_KINDS)
    sql = (
        f"SELECT article_id, outlet, month, n_attributions, n_named, n_anonymous, n_unattributed, {kinds} FROM articles"
    )
    for article_id, outlet, month, n, named, anonymous, unattributed, *by_kind in conn.execute(sql):
        if article_id in exclude:
            continue
        counts: Counter[str] = Counter(attributions=n, named=named, anonymous=anonymous, unattributed=unattributed)
        counts.update(dict(zip(SOURCE_KINDS, by_kind, strict=True)))
        add(outlet, month, counts, False)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _stats_row(sums: _Sums, data: str) -> ReviewStatsRow:
    counts = sums.counts
    total = counts["attributions"]
    return ReviewStatsRow(
        outlet=sums.outlet,
        month=sums.month,
        data=data,
        articles=sums.articles,
        reviewed_articles=sums.reviewed,
        attributions=total,
        attributions_per_article=round(total / sums.articles, 2) if sums.articles else 0.0,
        named_share=_share(counts["named"], total),
        anonymous_share=_share(counts["anonymous"], total),
        unattributed_share=_share(counts["unattributed"], total),
        by_kind={k: round(counts[k] / total, 3) for k in SOURCE_KINDS if counts[k] and total},
    )


__all__ = [
    "REVIEW_GROUP_BYS",
    "STATS_DATA",
    "ReviewStatsRow",
    "ReviewSummary",
    "attribution_counts",
    "history",
    "list_by_status",
    "review_stats",
    "reviewed_map",
    "status_counts",
    "under_review",
]
