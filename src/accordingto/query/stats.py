"""Sourcing figures per outlet and per month.

Per group of articles: attributions per article, the share of attributions to anonymous
(and named) sources and with no source found, the share by kind of source (unattributed
counts as "unspecified", as in each article's profile), the most-quoted named sources and
the outlets cited. Figures come from the summaries the store's triggers keep per outlet and
month (``outlet_months``, ``outlet_citations``, ``source_outlets``), so the cost of a query
grows with the number of outlets and months, not of articles.

With ``voices=True`` (the default) each row also carries who gets quoted in the group: the
figures of :func:`accordingto.query.voices.who_is_quoted` for the same grouping (distinct
people by gender, attributions by role class), which are counted from the sources of every
article selected, so they cost time in proportion to the articles.

``data`` says which data the figures count (:mod:`accordingto.query.review`): ``machine`` (the
default) reads the summaries above; ``reviewed`` and ``both`` count the reviewed maps article
by article (``query.review.data_stats``), in time proportional to the articles.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date
from typing import Any, Literal

from accordingto.models import SOURCE_KINDS
from accordingto.query.filters import ascii_lower, iso_month, outlet_month_conditions, placeholders
from accordingto.query.records import Count, RankedSource, StatsRow, VoicesRow
from accordingto.query.voices import who_is_quoted

GroupBy = Literal["outlet-month", "outlet", "month"]
GROUP_BYS: tuple[str, ...] = ("outlet-month", "outlet", "month")
_GROUP_SQL = {
    "outlet-month": ("om.outlet", "om.month"),
    "outlet": ("om.outlet", "NULL"),
    "month": ("NULL", "om.month"),
}
_KIND_SUMS = ", ".join(f"sum(om.n_{kind})" for kind in SOURCE_KINDS)


def corpus_stats(
    conn: sqlite3.Connection,
    *,
    by: GroupBy = "outlet-month",
    outlets: tuple[str, ...] = (),
    since: date | str | None = None,
    until: date | str | None = None,
    top: int = 3,
    voices: bool = True,
    data: str = "machine",
) -> list[StatsRow]:
    """One row per group, sorted by outlet then month. ``since``/``until`` select whole
    months (a day selects its month); undated articles are left out when either is given.
    ``voices``: add who gets quoted (see the module docstring); ``data``: machine, reviewed
    or both (each row says which in ``data``)."""
    if by not in _GROUP_SQL:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(GROUP_BYS)}")
    if top < 0:
        raise ValueError("top must be 0 or more")
    if data != "machine":
        from accordingto.query import review  # review builds on this module's rows

        return review.data_stats(
            conn, data=data, by=by, outlets=outlets, since=since, until=until, top=top, voices=voices
        )
    first, last = iso_month(since), iso_month(until)
    conditions, params = outlet_month_conditions(outlets, first, last)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    outlet_sql, month_sql = _GROUP_SQL[by]
    sql = f"""
        SELECT {outlet_sql} AS g_outlet, {month_sql} AS g_month, sum(om.articles), sum(om.n_attributions),
               sum(om.n_named), sum(om.n_anonymous), sum(om.n_unattributed), {_KIND_SUMS}
          FROM outlet_months om {where}
         GROUP BY g_outlet, g_month ORDER BY g_outlet COLLATE NOCASE, g_month
    """
    rows = [stats_row(r) for r in conn.execute(sql, params).fetchall()]
    if top:
        ranked = [_top_sources(conn, row, by, outlets, first, last, top) for row in rows]
        names = source_names(conn, {pk for group in ranked for pk, _ in group})
        for row, group in zip(rows, ranked, strict=True):
            row.top_sources = [RankedSource(*names[pk], n) for pk, n in group if pk in names]
        _add_citations(conn, rows, by, where, params, top)
    if voices:
        _add_voices(conn, rows, by, outlets, since, until)
    return rows


def _group_key(outlet: str | None, month: str | None) -> tuple[str | None, str | None]:
    """A group as the corpus compares outlets (NOCASE)."""
    return (None if outlet is None else ascii_lower(outlet), month)


def _add_voices(
    conn: sqlite3.Connection,
    rows: list[StatsRow],
    by: GroupBy,
    outlets: tuple[str, ...],
    since: date | str | None,
    until: date | str | None,
) -> None:
    """Who gets quoted in each row's group: the voices query for the same grouping and selection."""
    found = {
        _group_key(v.outlet, v.month): v for v in who_is_quoted(conn, by=by, outlets=outlets, since=since, until=until)
    }
    for row in rows:
        voices = found.get(_group_key(row.outlet, row.month))
        if voices is not None:  # every group has articles, so voices has it: never, unless written meanwhile
            copy_voices(row, voices)


def copy_voices(row: StatsRow, voices: VoicesRow) -> None:
    """Who gets quoted in a stats row's group: the figures of its voices row."""
    row.people = voices.people
    row.by_gender = voices.by_gender
    row.female_share = voices.female_share
    row.male_share = voices.male_share
    row.nonbinary_share = voices.nonbinary_share
    row.unknown_share = voices.unknown_share
    row.by_role_class = voices.by_role_class
    row.role_class_shares = voices.role_class_shares
    row.gender_basis = voices.basis


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def stats_row(r: tuple[Any, ...]) -> StatsRow:
    """A row from its sums: (outlet, month, articles, attributions, named, anonymous,
    unattributed, then the attributions per kind of source in SOURCE_KINDS order)."""
    outlet, month, articles, attributions, named, anonymous, unattributed, *kinds = r
    attributions = attributions or 0
    by_kind = {k: round(n / attributions, 3) for k, n in zip(SOURCE_KINDS, kinds, strict=True) if n and attributions}
    return StatsRow(
        outlet=outlet,
        month=month,
        articles=articles,
        attributions=attributions,
        attributions_per_article=round(attributions / articles, 2) if articles else 0.0,
        named_share=_share(named or 0, attributions),
        anonymous_share=_share(anonymous or 0, attributions),
        unattributed_share=_share(unattributed or 0, attributions),
        by_kind=by_kind,
    )


def _top_sources(
    conn: sqlite3.Connection,
    row: StatsRow,
    by: GroupBy,
    outlets: tuple[str, ...],
    first: str | None,
    last: str | None,
    top: int,
) -> list[tuple[int, int]]:
    """The most-quoted named identities of a group, read from the source_outlets summary:
    its exact cell when there is one, else summed over the months or outlets selected."""
    if by == "outlet-month" or (by == "outlet" and not (first or last)) or (by == "month" and not outlets):
        cell_outlet = row.outlet if row.outlet is not None else "*"
        cell_month = row.month if row.month is not None else "*"
        sql = """
            SELECT so.corpus_source_pk, so.attributions FROM source_outlets so
             WHERE so.outlet = ? AND so.month = ? AND so.attributions > 0
             ORDER BY so.attributions DESC, so.corpus_source_pk LIMIT ?
        """
        return [(int(pk), int(n)) for pk, n in conn.execute(sql, [cell_outlet, cell_month, top])]
    elif by == "outlet":
        conditions = ["so.outlet = ?", "so.month NOT IN ('*', '')"]
        params: list[Any] = [row.outlet]
        if first:
            conditions.append("so.month >= ?")
            params.append(first)
        if last:
            conditions.append("so.month <= ?")
            params.append(last)
        return _summed(conn, conditions, params, top)
    return _summed(conn, [f"so.outlet IN ({placeholders(outlets)})", "so.month = ?"], [*outlets, row.month], top)


def _summed(conn: sqlite3.Connection, conditions: list[str], params: list[Any], top: int) -> list[tuple[int, int]]:
    sql = f"""
        SELECT so.corpus_source_pk, sum(so.attributions) AS n FROM source_outlets so
         WHERE {" AND ".join(conditions)} GROUP BY so.corpus_source_pk HAVING n > 0
         ORDER BY n DESC, so.corpus_source_pk LIMIT ?
    """
    return [(int(pk), int(n)) for pk, n in conn.execute(sql, [*params, top]).fetchall()]


def source_names(conn: sqlite3.Connection, pks: set[int]) -> dict[int, tuple[str, str]]:
    """pk -> (corpus source id, name)."""
    found: dict[int, tuple[str, str]] = {}
    ordered = sorted(pks)
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        sql = f"SELECT pk, corpus_source_id, name FROM corpus_sources WHERE pk IN ({placeholders(chunk)})"
        for pk, corpus_source_id, name in conn.execute(sql, chunk):
            found[int(pk)] = (corpus_source_id, name)
    return found


def _add_citations(
    conn: sqlite3.Connection, rows: list[StatsRow], by: GroupBy, where: str, params: list[Any], top: int
) -> None:
    outlet_sql, month_sql = _GROUP_SQL[by]
    sql = f"""
        SELECT {outlet_sql} AS g_outlet, {month_sql} AS g_month, om.cited, sum(om.articles) AS n
          FROM outlet_citations om {where}
         GROUP BY g_outlet, g_month, om.cited ORDER BY n DESC, om.cited
    """
    cited: dict[tuple[Any, Any], list[Count]] = defaultdict(list)
    for outlet, month, cited_outlet, n in conn.execute(sql, params):
        key = (outlet.casefold() if isinstance(outlet, str) else outlet, month)
        if len(cited[key]) < top:
            cited[key].append(Count(cited_outlet, n))
    for row in rows:
        row.outlets_cited = cited.get((row.outlet.casefold() if row.outlet is not None else None, row.month), [])
