"""Sources across the corpus: listing identities, finding one by name, and what one said.

An identity (a row of ``corpus_sources``) gathers the article-level sources judged to be the
same source by the rules in :mod:`accordingto.link.identity`.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any, Literal

from accordingto.link.identity import key_word, name_words, slug
from accordingto.models import GENDERS, ROLE_CLASSES, SOURCE_KINDS
from accordingto.query.filters import Filters, check_page, check_values, placeholders
from accordingto.query.records import AttributionHit, Count, Page, SourceSummary
from accordingto.query.search import HIT_COLUMNS, row_to_hit
from accordingto.query.voices import agreed_gender

SourceOrder = Literal["attributions", "articles", "name"]
SOURCE_ORDERS: tuple[str, ...] = ("attributions", "articles", "name")
_ORDER_SQL = {
    "attributions": "cs.n_attributions DESC, cs.pk",
    "articles": "cs.n_articles DESC, cs.pk",
    "name": "cs.name COLLATE NOCASE, cs.pk",
}
IDENTITY_COLUMNS = "cs.pk, cs.corpus_source_id, cs.name, cs.named, cs.n_attributions, cs.n_articles, cs.n_sources"
TOP_FACETS = 5

SELECT_FACETS = """
SELECT corpus_source_pk, facet, value, n FROM corpus_source_facets WHERE corpus_source_pk IN ({})
 ORDER BY n DESC, value
"""
SELECT_NAMED_OUTLETS = """
SELECT corpus_source_pk, outlet, attributions FROM source_outlets
 WHERE month = '*' AND outlet <> '*' AND corpus_source_pk IN ({})
 ORDER BY attributions DESC, outlet
"""
SELECT_ANONYMOUS_OUTLETS = """
SELECT s.corpus_source_pk, coalesce(ar.outlet, ''), sum(s.n_attributions) FROM sources s
  JOIN articles ar ON ar.pk = s.article_pk
 WHERE s.corpus_source_pk IN ({}) GROUP BY 1, 2
"""


#: The gender of an identity (``cs``) as a SQL expression, for filtering: the one its articles
#: state, when every article that states one agrees; "unknown" when none states one or two
#: disagree: :func:`accordingto.query.voices.agreed_gender`, the rule ``voices`` counts people by.
IDENTITY_GENDER = (
    "(SELECT CASE WHEN count(DISTINCT g.gender) = 1 THEN max(g.gender) ELSE 'unknown' END"
    " FROM sources g WHERE g.corpus_source_pk = cs.pk AND g.gender <> 'unknown')"
)
#: Genders and role classes of the article-level sources of some identities, in one pass
#: (the cost of a listing of sources grows with the sources of the identities it shows).
SELECT_WHO = """
SELECT corpus_source_pk, gender, gender_basis, role_class, count(*) FROM sources
 WHERE corpus_source_pk IN ({}) GROUP BY 1, 2, 3, 4
"""
SELECT_DATES = """
SELECT (SELECT min(date_key) FROM sources WHERE corpus_source_pk = ?),
       (SELECT max(date_key) FROM sources WHERE corpus_source_pk = ? AND date_key < '~')
"""


def list_sources(
    conn: sqlite3.Connection,
    *,
    name: str | None = None,
    kinds: tuple[str, ...] = (),
    named: bool | None = None,
    outlets: tuple[str, ...] = (),
    genders: tuple[str, ...] = (),
    role_classes: tuple[str, ...] = (),
    order: SourceOrder = "attributions",
    limit: int = 50,
    offset: int = 0,
    with_total: bool = False,
) -> Page[SourceSummary]:
    """Identities with their counts, kinds, roles and the outlets quoting them, most quoted
    first. ``name`` keeps those whose display name contains it (case-insensitive); ``kinds``
    and ``role_classes`` those that one of their article-level sources has; ``genders`` those
    whose gender (:data:`IDENTITY_GENDER`: the one their articles agree on) is one of them."""
    check_page(limit, offset)
    if order not in _ORDER_SQL:
        raise ValueError(f"unknown order {order!r}; choose one of {', '.join(SOURCE_ORDERS)}")
    check_values("source kind", kinds, SOURCE_KINDS)
    check_values("gender", genders, GENDERS)
    check_values("role class", role_classes, ROLE_CLASSES)
    conditions, params = _list_conditions(name, kinds, named, outlets)
    if genders:
        conditions.append(f"{IDENTITY_GENDER} IN ({placeholders(genders)})")
        params += list(genders)
    if role_classes:
        conditions.append(
            "EXISTS (SELECT 1 FROM sources r WHERE r.corpus_source_pk = cs.pk"
            f" AND r.role_class IN ({placeholders(role_classes)}))"
        )
        params += list(role_classes)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = f"SELECT {IDENTITY_COLUMNS} FROM corpus_sources cs {where} ORDER BY {_ORDER_SQL[order]} LIMIT ? OFFSET ?"
    rows = conn.execute(sql, [*params, limit + 1, offset]).fetchall()
    items = summaries(conn, rows[:limit])
    total = None
    if with_total:
        total = int(conn.execute(f"SELECT count(*) FROM corpus_sources cs {where}", params).fetchone()[0])
    return Page(items, limit, offset, offset + limit if len(rows) > limit else None, total)


def _list_conditions(
    name: str | None, kinds: tuple[str, ...], named: bool | None, outlets: tuple[str, ...]
) -> tuple[list[str], list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if name:
        conditions.append("cs.name LIKE ? ESCAPE '\\'")
        params.append("%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if kinds:
        conditions.append(
            "EXISTS (SELECT 1 FROM corpus_source_facets f WHERE f.corpus_source_pk = cs.pk"
            f" AND f.facet IN ('kind', 'lone-kind') AND f.value IN ({placeholders(kinds)}))"
        )
        params += list(kinds)
    if named is not None:
        conditions.append("cs.named = ?")
        params.append(int(named))
    if outlets:
        # named identities have per-outlet counts; anonymous ones are found through their article
        conditions.append(
            "(EXISTS (SELECT 1 FROM source_outlets so WHERE so.corpus_source_pk = cs.pk AND so.month = '*'"
            f" AND so.outlet IN ({placeholders(outlets)}))"
            " OR (cs.named = 0 AND EXISTS (SELECT 1 FROM sources s JOIN articles ar ON ar.pk = s.article_pk"
            f" WHERE s.corpus_source_pk = cs.pk AND ar.outlet IN ({placeholders(outlets)}))))"
        )
        params += list(outlets) + list(outlets)
    return conditions, params


def summaries(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[SourceSummary]:
    """SourceSummary records for rows of IDENTITY_COLUMNS, facets and outlets filled in."""
    if not rows:
        return []
    pks = [int(r[0]) for r in rows]
    facets: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for pk, facet, value, n in conn.execute(SELECT_FACETS.format(placeholders(pks)), pks):
        bucket = facet.removeprefix("lone-")
        facets[pk][bucket][value] = facets[pk][bucket].get(value, 0) + n
    outlets = _outlets(conn, rows)
    stated: dict[int, dict[str, set[str]]] = defaultdict(dict)  # pk -> gender -> its bases
    role_classes: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, gender, basis, role_class, n in conn.execute(SELECT_WHO.format(placeholders(pks)), pks):
        role_classes[pk][role_class] = role_classes[pk].get(role_class, 0) + n
        if gender != "unknown":
            stated[pk].setdefault(gender, set()).add(basis)
    found = []
    for pk, corpus_source_id, name, named, attributions, articles, merged in rows:
        kinds = _counts(facets[pk]["kind"])
        gender = agreed_gender(stated[pk])
        gender_basis = "none" if gender == "unknown" else "text" if "text" in stated[pk][gender] else "name"
        first, last = conn.execute(SELECT_DATES, (pk, pk)).fetchone()
        found.append(
            SourceSummary(
                corpus_source_id=corpus_source_id,
                name=name,
                named=bool(named),
                kind=kinds[0].name if kinds else "unspecified",
                attributions=attributions,
                articles=articles,
                mentions_merged=merged,
                kinds=kinds,
                roles=_counts(facets[pk]["role"])[:TOP_FACETS],
                affiliations=_counts(facets[pk]["affiliation"])[:TOP_FACETS],
                outlets=outlets.get(pk, []),
                first_date=None if first in (None, "~") else first,
                last_date=last,
                gender=gender,
                gender_basis=gender_basis,
                role_classes=_counts(role_classes[pk]),
            )
        )
    return found


def _counts(values: dict[str, int]) -> list[Count]:
    return [Count(k, v) for k, v in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))]


def _outlets(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> dict[int, list[Count]]:
    named = [int(r[0]) for r in rows if r[3]]
    anonymous = [int(r[0]) for r in rows if not r[3]]
    found: dict[int, list[Count]] = defaultdict(list)
    if named:
        for pk, outlet, n in conn.execute(SELECT_NAMED_OUTLETS.format(placeholders(named)), named):
            found[pk].append(Count(outlet, n))
    if anonymous:
        for pk, outlet, n in conn.execute(SELECT_ANONYMOUS_OUTLETS.format(placeholders(anonymous)), anonymous):
            found[pk].append(Count(outlet, n))
    return found


def find_sources(conn: sqlite3.Connection, name: str, *, limit: int = 20) -> list[SourceSummary]:
    """Identities a name may mean, the most likely first: an exact corpus source id; the same
    full name ("Defense Minister Yoav Gallant" finds ``yoav-gallant``); for one word, every
    full-name person with that surname, a one-word organization, and lone surnames not
    attributed to anyone. Anonymous sources are found by id only."""
    rows: list[tuple[Any, ...]] = []
    seen: set[int] = set()

    def take(sql: str, params: list[Any]) -> None:
        for row in conn.execute(sql, params).fetchall():
            if row[0] not in seen:
                seen.add(row[0])
                rows.append(row)

    base = f"SELECT {IDENTITY_COLUMNS} FROM corpus_sources cs"
    take(f"{base} WHERE cs.corpus_source_id = ?", [name.strip()])
    words = [key_word(w) for w in name_words(name)]
    for form in (words, [key_word(w) for w in name_words(name, kind="organization")]):
        if form:  # a person's name, or an organization's ("Interior Ministry" keeps "Interior")
            take(f"{base} WHERE cs.corpus_source_id = ?", [slug(form)])
    if len(words) == 1:
        token = words[0]
        take(f"{base} WHERE cs.surname = ? ORDER BY cs.n_attributions DESC LIMIT ?", [token, limit])
        take(
            f"{base} WHERE cs.corpus_source_id > ? AND cs.corpus_source_id < ? ORDER BY cs.n_attributions DESC LIMIT ?",
            [f"{token}~", f"{token}\x7f", limit],
        )
    return summaries(conn, rows[:limit])


def is_exact_match(name: str, summary: SourceSummary) -> bool:
    """True when a name designates this identity without doubt (its id, or its full name)."""
    if name.strip() == summary.corpus_source_id:
        return True
    person = [key_word(w) for w in name_words(name)]
    organization = [key_word(w) for w in name_words(name, kind="organization")]
    return (len(person) > 1 and slug(person) == summary.corpus_source_id) or (
        summary.kind not in ("person", "unspecified") and slug(organization) == summary.corpus_source_id
    )


def get_source(conn: sqlite3.Connection, corpus_source_id: str) -> SourceSummary | None:
    rows = conn.execute(
        f"SELECT {IDENTITY_COLUMNS} FROM corpus_sources cs WHERE cs.corpus_source_id = ?", [corpus_source_id]
    ).fetchall()
    found = summaries(conn, rows)
    return found[0] if found else None


def source_statements(
    conn: sqlite3.Connection,
    corpus_source_id: str,
    *,
    filters: Filters | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[AttributionHit]:
    """Everything one source said, across articles, in date order (undated articles last),
    then in the order of the text."""
    check_page(limit, offset)
    row = conn.execute("SELECT pk FROM corpus_sources WHERE corpus_source_id = ?", [corpus_source_id]).fetchone()
    if row is None:
        return Page([], limit, offset, None, 0)
    conditions, params = (filters or Filters()).sql(conn)
    where = " AND ".join(["s.corpus_source_pk = ?", *conditions])
    sql = f"""
        SELECT {HIT_COLUMNS}
          FROM sources s
          JOIN corpus_sources cs ON cs.pk = s.corpus_source_pk
          JOIN attributions a ON a.source_pk = s.pk
          JOIN articles ar ON ar.pk = s.article_pk
         WHERE {where}
         ORDER BY s.date_key, s.article_pk, a.start, a.pk
         LIMIT ? OFFSET ?
    """
    rows = conn.execute(sql, [row[0], *params, limit + 1, offset]).fetchall()
    items = [row_to_hit(r) for r in rows[:limit]]
    return Page(items, limit, offset, offset + limit if len(rows) > limit else None)
