"""Who gets quoted: people quoted by gender and attributions by role class, per outlet, month,
author or section.

Read from the stored sources (their ``gender``, ``gender_basis`` and ``role_class``) and
articles (``outlet``, ``month``, ``section``, the ``article_authors`` table), so the cost grows
with the articles selected. A person is one corpus identity: quoted in three articles of an
outlet, they count once for it; the text's gender for them is the one every article that
states one agrees on (two articles that disagree make it unknown).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date
from typing import Literal

from accordingto.models import GENDERS
from accordingto.query.filters import iso_month
from accordingto.query.records import VoicesRow
from accordingto.query.stats import outlet_month_conditions

VoicesBy = Literal["outlet", "month", "outlet-month", "author", "section"]
VOICES_BYS: tuple[str, ...] = ("outlet", "month", "outlet-month", "author", "section")
_KEYS: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet",),
    "month": ("month",),
    "outlet-month": ("outlet", "month"),
    "author": ("author",),
    "section": ("section",),
}
_KEY_SQL = {
    "outlet": "coalesce(ar.outlet, '')",
    "month": "coalesce(ar.month, '')",
    "author": "coalesce(au.name, '')",
    "section": "coalesce(ar.section, '')",
}
Key = tuple[str, ...]


def who_is_quoted(
    conn: sqlite3.Connection,
    *,
    by: VoicesBy = "outlet",
    outlets: tuple[str, ...] = (),
    since: date | str | None = None,
    until: date | str | None = None,
) -> list[VoicesRow]:
    """One row per group, sorted by its keys. ``since``/``until`` select whole months."""
    if by not in _KEYS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(VOICES_BYS)}")
    keys = _KEYS[by]
    join = "LEFT JOIN article_authors au ON au.article_pk = ar.pk" if by == "author" else ""
    conditions, params = outlet_month_conditions(outlets, iso_month(since), iso_month(until), "ar")
    key_sql = ", ".join(_KEY_SQL[k] for k in keys)
    where = _where(conditions)
    articles = {
        tuple(row[:-1]): row[-1]
        for row in conn.execute(
            f"SELECT {key_sql}, count(DISTINCT ar.pk) FROM articles ar {join} {where} GROUP BY {key_sql}", params
        )
    }
    genders: dict[Key, dict[int, set[str]]] = defaultdict(dict)
    roles: dict[Key, Counter[str]] = defaultdict(Counter)
    by_name: set[Key] = set()
    sql = f"""
        SELECT {key_sql}, s.corpus_source_pk, s.kind, s.gender, s.gender_basis, s.role_class, s.n_attributions
          FROM articles ar {join} JOIN sources s ON s.article_pk = ar.pk {_where([*conditions, "s.n_attributions > 0"])}
    """
    for row in conn.execute(sql, params):
        key, (identity, kind, gender, basis, role_class, n) = tuple(row[: len(keys)]), row[len(keys) :]
        roles[key][role_class] += n
        if kind == "person" and identity is not None:
            stated = genders[key].setdefault(identity, set())
            if gender != "unknown":
                stated.add(gender)
            if basis == "name":
                by_name.add(key)
    return [
        _row(by, key, n, genders.get(key, {}), roles.get(key, Counter()), key in by_name)
        for key, n in sorted(articles.items())
    ]


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def _row(
    by: str, key: Key, articles: int, people: dict[int, set[str]], roles: Counter[str], names_used: bool
) -> VoicesRow:
    values = dict(zip(_KEYS[by], key, strict=True))
    counted = Counter(next(iter(g)) if len(g) == 1 else "unknown" for g in people.values())
    by_gender = {g: counted.get(g, 0) for g in GENDERS}
    total = len(people)
    return VoicesRow(
        outlet=values.get("outlet"),
        month=values.get("month"),
        author=values.get("author"),
        section=values.get("section"),
        articles=articles,
        people=total,
        by_gender=by_gender,
        female_share=_share(by_gender["female"], total),
        male_share=_share(by_gender["male"], total),
        unknown_share=_share(by_gender["unknown"], total),
        attributions=sum(roles.values()),
        by_role_class=dict(sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))),
        basis="text and names" if names_used else "text",
    )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
