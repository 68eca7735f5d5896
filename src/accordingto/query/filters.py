"""Filters shared by search, source statements and article lists, turned into SQL conditions.

Aliases the conditions use: ``a`` attributions, ``ar`` articles, ``s`` sources.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from accordingto.errors import SettingsError
from accordingto.models import ATTRIBUTION_TYPES, GENDERS, ROLE_CLASSES, SOURCE_KINDS

MAX_LIMIT = 1000
#: Far more rows than a corpus holds, and far below SQLite's largest integer (2**63 - 1),
#: which ``offset + limit + 1`` must not pass.
MAX_OFFSET = 1_000_000_000
#: A date range over more months than this is checked row by row instead of in the index
#: (an OR of that many month tokens costs more than it saves).
MAX_MONTH_TOKENS = 48
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def iso_day(value: date | str | None, *, end: bool = False) -> str | None:
    """YYYY-MM-DD of a date, an ISO day, or an ISO month (its first day, or its last when ``end``)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = value.strip()
    if _DAY.match(text):
        return date.fromisoformat(text).isoformat()
    if _MONTH.match(text):
        return f"{text}-31" if end else f"{text}-01"
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or a month (YYYY-MM)")


def iso_month(value: date | str | None) -> str | None:
    day = iso_day(value)
    return None if day is None else day[:7]


class ArgumentRangeError(SettingsError, ValueError):
    """An argument out of its range. A ValueError, as the query layer documents, and a
    SettingsError, so the CLI reports it as a usage error (exit code 2) with no traceback."""


def check_page(limit: int, offset: int) -> None:
    """The one check of ``limit`` and ``offset`` that the CLI, the API and the pages share."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ArgumentRangeError(f"limit must be between 1 and {MAX_LIMIT}, got {_shown(limit)}")
    if not 0 <= offset <= MAX_OFFSET:
        raise ArgumentRangeError(f"offset must be between 0 and {MAX_OFFSET:,}, got {_shown(offset)}")


def _shown(number: int) -> str:
    text = str(number)
    return text if len(text) <= 30 else f"{text[:12]}... ({len(text)} digits)"


def placeholders(values: Iterable[Any]) -> str:
    return ", ".join("?" for _ in values)


def check_values(what: str, values: Iterable[str], allowed: tuple[str, ...]) -> None:
    """ValueError naming the first of ``values`` that is not one of ``allowed``."""
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ValueError(f"unknown {what} {bad[0]!r}; choose from {', '.join(allowed)}")


def outlet_month_conditions(
    outlets: tuple[str, ...], first: str | None, last: str | None, table: str = "om"
) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) selecting outlets and a range of months of
    ``table`` (any table or alias with ``outlet`` and ``month`` columns): what the corpus
    statistics (stats, voices) count."""
    conditions: list[str] = []
    params: list[Any] = []
    if outlets:
        conditions.append(f"{table}.outlet IN ({placeholders(outlets)})")
        params += list(outlets)
    if first:
        conditions.append(f"{table}.month >= ?")
        params.append(first)
    if last:
        conditions.append(f"{table}.month <= ?")
        params.append(last)
    return conditions, params


@dataclass(frozen=True, slots=True)
class Filters:
    """Which attributions to keep. Empty tuples and None keep everything.

    sources: corpus source ids (resolve names first with ``query.sources.find_sources``);
    kinds: source kinds; named: True only named sources, False only anonymous ones;
    outlets: outlets (case-insensitive); since/until: publication days, inclusive;
    types: attribution types; genders, role_classes: the gender and role class of the
    source *in the article quoting it* (each article's source record has its own, as that
    article's text states it: a person the text calls "she" in one article and gives no
    gender in another is ``female`` in the first only).
    """

    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    named: bool | None = None
    outlets: tuple[str, ...] = ()
    since: date | str | None = None
    until: date | str | None = None
    types: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    role_classes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # a value given twice keeps nothing more, but costs more than twice in the FTS5 OR
        for name in ("sources", "kinds", "outlets", "types", "genders", "role_classes"):
            object.__setattr__(self, name, tuple(dict.fromkeys(getattr(self, name))))
        check_values("source kind", self.kinds, SOURCE_KINDS)
        check_values("attribution type", self.types, ATTRIBUTION_TYPES)
        check_values("gender", self.genders, GENDERS)
        check_values("role class", self.role_classes, ROLE_CLASSES)
        iso_day(self.since)
        iso_day(self.until, end=True)

    def fts_terms(self, conn: sqlite3.Connection) -> list[str]:
        """FTS5 expressions over the ``facets`` column (see the 0001 migration) that keep the
        same attributions as these filters, or a superset of them; :meth:`sql` stays exact.
        The identity filter has no token: a lone surname may move to another identity; nor
        have gender and role class (the index predates them): :meth:`sql` alone applies them."""
        terms = []
        if self.types:
            terms.append(_any(f"t{t.replace('_', '')}" for t in self.types))
        if self.kinds:
            terms.append(_any(f"k{k}" for k in self.kinds))
        if self.named is not None:
            terms.append("snamed" if self.named else "sanonymous")
        if self.outlets:
            terms.append(_any(outlet_token(o) for o in self.outlets))
        if self.since or self.until:
            months = months_between(conn, iso_month(self.since), iso_month(self.until))
            if not months:
                terms.append("mnothing")  # no article in the range: a token that never occurs
            elif len(months) <= MAX_MONTH_TOKENS:
                terms.append(_any(f"m{m.replace('-', '')}" for m in months))
        return terms

    def sql(self, conn: sqlite3.Connection) -> tuple[list[str], list[Any]]:
        """SQL conditions (to AND together) and their parameters."""
        conditions: list[str] = []
        params: list[Any] = []
        if self.sources:
            pks = _identity_pks(conn, self.sources)
            conditions.append(f"s.corpus_source_pk IN ({placeholders(pks) or 'NULL'})")
            params += pks
        if self.kinds:
            conditions.append(f"s.kind IN ({placeholders(self.kinds)})")
            params += list(self.kinds)
        if self.named is not None:
            conditions.append("s.named = ?")
            params.append(int(self.named))
        if self.outlets:
            conditions.append(f"ar.outlet IN ({placeholders(self.outlets)})")
            params += list(self.outlets)
        since, until = iso_day(self.since), iso_day(self.until, end=True)
        if since:
            conditions.append("ar.pub_date >= ?")
            params.append(since)
        if until:
            conditions.append("ar.pub_date <= ?")
            params.append(until)
        if self.types:
            conditions.append(f"a.type IN ({placeholders(self.types)})")
            params += list(self.types)
        if self.genders:
            conditions.append(f"s.gender IN ({placeholders(self.genders)})")
            params += list(self.genders)
        if self.role_classes:
            conditions.append(f"s.role_class IN ({placeholders(self.role_classes)})")
            params += list(self.role_classes)
        return conditions, params


def _identity_pks(conn: sqlite3.Connection, corpus_source_ids: tuple[str, ...]) -> list[int]:
    sql = f"SELECT pk FROM corpus_sources WHERE corpus_source_id IN ({placeholders(corpus_source_ids)})"
    return [int(r[0]) for r in conn.execute(sql, list(corpus_source_ids))]


def months_between(conn: sqlite3.Connection, first: str | None, last: str | None) -> list[str]:
    """The months (YYYY-MM) that have articles, between two months inclusive, in order."""
    sql = "SELECT DISTINCT month FROM outlet_months WHERE month >= ? AND month <= ? ORDER BY month"
    return [r[0] for r in conn.execute(sql, (first or "0000-00", last or "9999-99"))]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """``text`` as SQLite's NOCASE collation compares it (ASCII letters folded, nothing else)."""
    return text.translate(_ASCII_LOWER)


def outlet_token(outlet: str) -> str:
    """The facets token of an outlet: what the index's view computes with
    ``lower(hex(lower(outlet)))`` (SQLite's lower() folds ASCII letters only, as NOCASE does)."""
    return "o" + ascii_lower(outlet).encode("utf-8").hex()


def _any(terms: Iterable[str]) -> str:
    return "(" + " OR ".join(terms) + ")"
