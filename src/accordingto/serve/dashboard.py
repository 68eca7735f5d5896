"""The dashboard's "who gets quoted" view, laid out from the rows of the query layer: the share
of women among the people quoted per outlet and month (a table of outlets by months, and the
lines static/charts.js draws from the same numbers), the role mix per outlet and the figures
per author. Every share is shown with the counts behind it; nothing is computed here that
``query.voices`` does not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from accordingto.models import ROLE_CLASSES
from accordingto.query.records import StatsRow, VoicesRow

#: The per-author table shows the authors with the most articles; the CSV has them all.
AUTHORS_SHOWN = 50
#: the data the dashboard can count (``data=``), as its selector and label name them
DASHBOARD_DATA: dict[str, str] = {
    "machine": "Machine data: every article as the analysis made it",
    "reviewed": "Reviewed data: only the articles under review, with the reviewers' corrections",
    "both": "Both: the reviewed map where an article is under review, the analysis elsewhere",
}


@dataclass(slots=True)
class VoicesView:
    months: list[str]  # the months of the table, in order ("" for undated articles, last)
    outlets: list[tuple[str, dict[str, VoicesRow]]]  # (outlet, month -> its row), by outlet
    overall: dict[str, VoicesRow]  # month -> every outlet together
    role_classes: list[str]  # the role classes any outlet's sources have, in the schema's order
    roles: list[StatsRow]  # per outlet, most articles first
    authors: list[VoicesRow]  # most articles first, at most AUTHORS_SHOWN
    authors_total: int
    chart: dict[str, object] = field(default_factory=dict)  # what static/charts.js draws
    exports: dict[str, str] = field(default_factory=dict)  # grouping -> its CSV from /api/voices


def _month_order(month: str) -> tuple[bool, str]:
    return (month == "", month)


def voices_view(
    per_outlet: Sequence[StatsRow],
    per_outlet_month: Sequence[VoicesRow],
    per_month: Sequence[VoicesRow],
    per_author: Sequence[VoicesRow],
    *,
    outlet: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    data: str = "machine",
) -> VoicesView:
    """``per_outlet``: stats rows by outlet with their who-gets-quoted figures (``voices=True``);
    the others: voices rows by outlet and month, by month, and by author; ``outlet``,
    ``since``, ``until`` and ``data``: the selection they count, which the CSV exports repeat."""
    months = sorted({r.month or "" for r in per_outlet_month}, key=_month_order)
    outlets: dict[str, dict[str, VoicesRow]] = {}
    for row in per_outlet_month:
        outlets.setdefault(row.outlet or "", {})[row.month or ""] = row
    overall = {r.month or "": r for r in per_month}
    present = {r for row in per_outlet for r, n in row.by_role_class.items() if n}
    role_classes = [r for r in ROLE_CLASSES if r in present]
    roles = sorted(per_outlet, key=lambda r: (-r.articles, (r.outlet or "").casefold()))
    authors = sorted(per_author, key=lambda r: (-r.articles, r.author == "", (r.author or "").casefold()))
    chart = {
        "women": {
            "all": _points(per_month),
            "outlets": [
                {
                    "name": name or "unknown outlet",
                    "people": sum(r.people for r in by_month.values()),
                    "points": _points(by_month.values()),
                }
                for name, by_month in sorted(outlets.items(), key=lambda kv: kv[0].casefold())
            ],
        },
        "roles": {
            "classes": role_classes,
            "rows": [{"label": r.outlet or "unknown outlet", "shares": r.role_class_shares} for r in roles],
        },
    }
    return VoicesView(
        months=months,
        outlets=sorted(outlets.items(), key=lambda kv: (kv[0] == "", kv[0].casefold())),
        overall=overall,
        role_classes=role_classes,
        roles=roles,
        authors=authors[:AUTHORS_SHOWN],
        authors_total=len(authors),
        chart=chart,
        exports={by: export_url(by, outlet, since, until, data) for by in ("outlet-month", "outlet", "author")},
    )


def export_url(by: str, outlet: Sequence[str], since: str | None, until: str | None, data: str = "machine") -> str:
    """The CSV of /api/voices for a grouping and the dashboard's selection."""
    query = [("by", by), ("format", "csv"), *(("outlet", o) for o in outlet)]
    query += [(name, value) for name, value in (("since", since), ("until", until)) if value]
    query += [("data", data)] if data != "machine" else []
    return "/api/voices?" + urlencode(query)


def _points(rows: Iterable[VoicesRow]) -> list[dict[str, object]]:
    """One point per dated month with people quoted: the share of women among them."""
    return [
        {"x": r.month, "y": r.female_share}
        for r in sorted(rows, key=lambda r: r.month or "")
        if r.month and r.female_share is not None
    ]
