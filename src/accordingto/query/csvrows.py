"""The CSV of the corpus statistics (stats and voices): its columns, and each record as a row
of cells. The CLI (``--format csv``) and the API (``format=csv``) both write it from here, so
they give the same file.

Every share comes with the counts behind it: ``people_female`` of ``people`` for
``female_share``, ``attributions_<role class>`` of the attributions to a source for
``role_share_<role class>``. Cells are those of ``accordingto export``
(:func:`accordingto.store.export.csv_cell`): empty for None, text that a spreadsheet would
read as a formula quoted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from accordingto.models import GENDERS, ROLE_CLASSES, SOURCE_KINDS
from accordingto.query.records import StatsRow, VoicesRow
from accordingto.store.export import csv_cell

#: who gets quoted, by gender: distinct people, how many the text gives each gender, the shares
GENDER_COLUMNS: tuple[str, ...] = (
    "people",
    *(f"people_{g}" for g in GENDERS),
    *(f"{g}_share" for g in GENDERS),
)
#: attributions to a source by role class of the source: counts, then their shares
ROLE_COLUMNS: tuple[str, ...] = (
    *(f"attributions_{r}" for r in ROLE_CLASSES),
    *(f"role_share_{r}" for r in ROLE_CLASSES),
)
#: the data counted (machine, reviewed or both) and the articles counted from reviewed maps
DATA_COLUMNS: tuple[str, ...] = ("data", "reviewed_articles")
VOICES_COLUMNS: tuple[str, ...] = (
    "outlet",
    "month",
    "author",
    "section",
    "articles",
    *GENDER_COLUMNS,
    "attributions",
    *ROLE_COLUMNS,
    "basis",
    *DATA_COLUMNS,
)
STATS_COLUMNS: tuple[str, ...] = (
    "outlet",
    "month",
    "articles",
    "attributions",
    "attributions_per_article",
    "named_share",
    "anonymous_share",
    "unattributed_share",
    *(f"share_{k}" for k in SOURCE_KINDS),
    "top_sources",
    "outlets_cited",
    *GENDER_COLUMNS,
    *ROLE_COLUMNS,
    "gender_basis",
    *DATA_COLUMNS,
)


def _who(row: StatsRow | VoicesRow) -> dict[str, Any]:
    """The gender and role class cells of a row: None (empty) when they were not counted."""
    if row.people is None:
        return dict.fromkeys((*GENDER_COLUMNS, *ROLE_COLUMNS))
    attributed = sum(row.by_role_class.values())
    shares = {
        "female": row.female_share,
        "male": row.male_share,
        "nonbinary": row.nonbinary_share,
        "unknown": row.unknown_share,
    }
    values: dict[str, Any] = {"people": row.people}
    values.update({f"people_{g}": row.by_gender.get(g, 0) for g in GENDERS})
    values.update({f"{g}_share": shares[g] for g in GENDERS})
    values.update({f"attributions_{r}": row.by_role_class.get(r, 0) for r in ROLE_CLASSES})
    values.update({f"role_share_{r}": row.role_class_shares.get(r, 0.0) if attributed else None for r in ROLE_CLASSES})
    return values


def _cells(values: dict[str, Any], columns: Sequence[str]) -> list[str]:
    def kind(value: Any) -> str:
        return "float" if isinstance(value, float) else "integer" if isinstance(value, int) else "string"

    return [csv_cell(values[c], kind(values[c])) for c in columns]


def voices_cells(row: VoicesRow) -> list[str]:
    values: dict[str, Any] = {
        "outlet": row.outlet,
        "month": row.month,
        "author": row.author,
        "section": row.section,
        "articles": row.articles,
        "attributions": row.attributions,
        "basis": row.basis,
        "data": row.data,
        "reviewed_articles": row.reviewed_articles,
        **_who(row),
    }
    return _cells(values, VOICES_COLUMNS)


def stats_cells(row: StatsRow) -> list[str]:
    values: dict[str, Any] = {
        "outlet": row.outlet,
        "month": row.month,
        "articles": row.articles,
        "attributions": row.attributions,
        "attributions_per_article": row.attributions_per_article,
        "named_share": row.named_share,
        "anonymous_share": row.anonymous_share,
        "unattributed_share": row.unattributed_share,
        "top_sources": "; ".join(f"{t.name} ({t.attributions})" for t in row.top_sources),
        "outlets_cited": "; ".join(f"{c.name} ({c.n})" for c in row.outlets_cited),
        "gender_basis": row.gender_basis,
        "data": row.data,
        "reviewed_articles": row.reviewed_articles,
        **{f"share_{k}": row.by_kind.get(k, 0.0) for k in SOURCE_KINDS},
        **_who(row),
    }
    return _cells(values, STATS_COLUMNS)


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The CSV text: a header line, then the rows (CRLF line ends, as RFC 4180 has them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def voices_csv(rows: Iterable[VoicesRow]) -> str:
    return to_csv(VOICES_COLUMNS, (voices_cells(r) for r in rows))


def stats_csv(rows: Iterable[StatsRow]) -> str:
    return to_csv(STATS_COLUMNS, (stats_cells(r) for r in rows))
