"""Who gets quoted: people quoted by gender and attributions by role class, per outlet, month,
author or section.

Read from the stored sources (their ``gender``, ``gender_basis`` and ``role_class``) and
articles (``outlet``, ``month``, ``section``, the ``article_authors`` table), so the cost grows
with the articles selected. A person is one corpus identity: quoted in three articles of an
outlet, they count once for it; the text's gender for them is the one every article that
states one agrees on (two articles that disagree make it unknown). Outlets are grouped
case-insensitively, as the corpus compares them (and as ``query.stats`` groups them).

``data`` says which data it counts (:mod:`accordingto.query.review`): ``machine`` (the default)
is the SQL here; ``reviewed`` and ``both`` count the reviewed maps (``query.review.data_voices``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Collection
from datetime import date
from typing import Literal

from accordingto.models import GENDERS
from accordingto.query.filters import ascii_lower, iso_month, outlet_month_conditions
from accordingto.query.records import VoicesRow

VoicesBy = Literal["outlet", "month", "outlet-month", "author", "section"]
VOICES_BYS: tuple[str, ...] = ("outlet", "month", "outlet-month", "author", "section")
GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet",),
    "month": ("month",),
    "outlet-month": ("outlet", "month"),
    "author": ("author",),
    "section": ("section",),
}
_KEY_SQL = {
    "outlet": "coalesce(ar.outlet, '') COLLATE NOCASE",
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
    data: str = "machine",
) -> list[VoicesRow]:
    """One row per group, sorted by its keys. ``since``/``until`` select whole months;
    ``data``: machine, reviewed or both (each row says which in ``data``)."""
    if by not in GROUP_KEYS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(VOICES_BYS)}")
    if data != "machine":
        from accordingto.query import review  # review builds on this module's rows

        return review.data_voices(conn, data=data, by=by, outlets=outlets, since=since, until=until)
    keys = GROUP_KEYS[by]
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
    # the rows of the sources below spell an outlet as each article does; the group, as above
    folded = "outlet" in keys
    groups = {_folded(key, keys): key for key in articles} if folded else {}

    def group(row: tuple[object, ...]) -> Key:
        key = tuple(str(v) for v in row[: len(keys)])
        return groups[_folded(key, keys)] if folded else key

    quoted = _where([*conditions, "s.n_attributions > 0"])
    sources = f"articles ar {join} JOIN sources s ON s.article_pk = ar.pk {quoted}"
    roles: dict[Key, Counter[str]] = defaultdict(Counter)
    for row in conn.execute(
        f"SELECT {key_sql}, s.role_class, sum(s.n_attributions) FROM {sources} GROUP BY {key_sql}, s.role_class", params
    ):
        roles[group(row)][str(row[-2])] += int(row[-1])
    genders: dict[Key, Counter[str]] = defaultdict(Counter)
    by_name: set[Key] = set()
    aliased = ", ".join(f"{_KEY_SQL[k]} AS k{n}" for n, k in enumerate(keys))
    people_sql = _PEOPLE_SQL.format(aliased=aliased, key_sql=key_sql, sources=sources, keys=_key_names(keys))
    for row in conn.execute(people_sql, params):
        key = group(row)
        genders[key][str(row[-3])] += int(row[-2])
        if row[-1]:
            by_name.add(key)
    return [
        voices_row(by, key, n, genders.get(key, Counter()), roles.get(key, Counter()), key in by_name)
        for key, n in sorted(articles.items())
    ]


#: per group, the people (one corpus identity each) by the gender their articles agree on,
#: and whether a first name decided any: the aggregation stays in SQLite, whose cost grows
#: with the sources of the articles selected, not with Python rows
_PEOPLE_SQL = """
    SELECT {keys}, agreed, count(*), max(by_name) FROM (
        SELECT {aliased}, s.corpus_source_pk,
               CASE WHEN count(DISTINCT nullif(s.gender, 'unknown')) = 1
                    THEN max(nullif(s.gender, 'unknown')) ELSE 'unknown' END AS agreed,
               max(s.gender_basis = 'name') AS by_name
          FROM {sources} AND s.kind = 'person' AND s.corpus_source_pk IS NOT NULL
         GROUP BY {key_sql}, s.corpus_source_pk
    ) GROUP BY {keys}, agreed
"""


def _key_names(keys: tuple[str, ...]) -> str:
    return ", ".join(f"k{n}" for n in range(len(keys)))


def agreed_gender(stated: Collection[str]) -> str:
    """A person's gender from the genders their articles state: the one, when they state one;
    "unknown" when none does or two disagree. (``query.sources.IDENTITY_GENDER`` is this rule
    in SQL, for filtering identities.)"""
    return next(iter(stated)) if len(stated) == 1 else "unknown"


def _folded(key: Key, keys: tuple[str, ...]) -> Key:
    return tuple(ascii_lower(v) if k == "outlet" else v for k, v in zip(keys, key, strict=True))


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def voices_row(
    by: str, key: Key, articles: int, counted: Counter[str], roles: Counter[str], names_used: bool
) -> VoicesRow:
    """A group's row (``by`` one of GROUP_KEYS, or any other for a group of every article):
    ``counted``: the group's people by the gender their articles agree on."""
    values = dict(zip(GROUP_KEYS.get(by, ()), key, strict=True))
    by_gender = {g: counted.get(g, 0) for g in GENDERS}
    total = sum(counted.values())
    attributions = sum(roles.values())
    by_role_class = dict(sorted(roles.items(), key=lambda kv: (-kv[1], kv[0])))
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
        nonbinary_share=_share(by_gender["nonbinary"], total),
        unknown_share=_share(by_gender["unknown"], total),
        attributions=attributions,
        by_role_class=by_role_class,
        role_class_shares={r: round(n / attributions, 4) for r, n in by_role_class.items()},
        basis="text and names" if names_used else "text",
    )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
