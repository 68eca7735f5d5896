"""Stored articles: listing them with their sourcing counts."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any, Literal

from accordingto.query.filters import Filters, check_page
from accordingto.query.records import ArticleSummary, Page

ArticleOrder = Literal["date", "-date", "stored"]
ARTICLE_ORDERS: tuple[str, ...] = ("date", "-date", "stored")
_ORDER_SQL = {
    "date": "ar.pub_date IS NULL, ar.pub_date, ar.pk",
    "-date": "ar.pub_date IS NULL, ar.pub_date DESC, ar.pk DESC",
    "stored": "ar.pk",
}
ARTICLE_COLUMNS = """
    ar.article_id, ar.title, ar.outlet, ar.published, ar.url, ar.analysis_version,
    ar.n_attributions, ar.n_sources, ar.n_claims, ar.n_anonymous
"""


def _summary(row: tuple[Any, ...]) -> ArticleSummary:
    article_id, title, outlet, published, url, version, attributions, sources, claims, anonymous = row
    return ArticleSummary(
        article_id=article_id,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        analysis_version=version,
        attributions=attributions,
        sources=sources,
        claims=claims,
        anonymous_share=round(anonymous / attributions, 3) if attributions else None,
    )


def list_articles(
    conn: sqlite3.Connection,
    *,
    outlets: tuple[str, ...] = (),
    since: date | str | None = None,
    until: date | str | None = None,
    order: ArticleOrder = "-date",
    limit: int = 50,
    offset: int = 0,
    with_total: bool = False,
) -> Page[ArticleSummary]:
    check_page(limit, offset)
    if order not in _ORDER_SQL:
        raise ValueError(f"unknown order {order!r}; choose one of {', '.join(ARTICLE_ORDERS)}")
    conditions, params = Filters(outlets=outlets, since=since, until=until).sql(conn)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = f"SELECT {ARTICLE_COLUMNS} FROM articles ar {where} ORDER BY {_ORDER_SQL[order]} LIMIT ? OFFSET ?"
    rows = conn.execute(sql, [*params, limit + 1, offset]).fetchall()
    total = int(conn.execute(f"SELECT count(*) FROM articles ar {where}", params).fetchone()[0]) if with_total else None
    return Page(
        [_summary(r) for r in rows[:limit]], limit, offset, offset + limit if len(rows) > limit else None, total
    )


def get_article_summary(conn: sqlite3.Connection, article_id: str) -> ArticleSummary | None:
    row = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles ar WHERE ar.article_id = ?", [article_id]).fetchone()
    return None if row is None else _summary(row)
