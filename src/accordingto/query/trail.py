"""Quote trails: every stored article that carries a quote, who ran it first, and whether
those who repeated it credited that first outlet.

Matching is described in :mod:`accordingto.link.quotes`: the text is normalised, cut into
word 4-grams, and every stored quote sharing at least ``threshold`` of the shorter one's
4-grams is the same quote. A phrase of MIN_PHRASE_WORDS to MIN_WORDS - 1 words has too few
4-grams to compare, so it finds the stored quotes that contain it word for word instead;
shorter queries are refused (a QuerySyntaxError saying to give more of the quotation).

"First" is the earliest publication date (ties: the article stored first); undated articles
come after dated ones and are never first while a dated one exists. A later article from
another outlet *credits* the first outlet when it names it as a source, cites it (profile
``outlets_cited``), or names it anywhere in its text ("first reported by Politico").
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from accordingto.errors import QuerySyntaxError
from accordingto.link.identity import fold
from accordingto.link.quotes import LINK_THRESHOLD, MIN_WORDS, normalize, overlap, shingles
from accordingto.query.filters import placeholders
from accordingto.query.records import QuoteTrail, TrailEntry
from accordingto.store.rows import split_id, stable_id

MATCHING_QUOTES = """
SELECT q.article_pk, q.attribution_pk, q.start, q."end", q.n_shingles, m.shared
  FROM (SELECT quote_pk, count(*) AS shared FROM quote_shingles WHERE shingle IN ({}) GROUP BY quote_pk) m
  JOIN quotes q ON q.pk = m.quote_pk
 WHERE m.shared >= ? * min(?, q.n_shingles)
"""
TRAIL_DETAILS = """
WITH m (article_pk, attribution_pk, s, e) AS (VALUES {})
SELECT ar.pk, ar.article_id, ar.title, ar.outlet, ar.published, ar.pub_date, substr(t.text, m.s + 1, m.e - m.s),
       a.local_id, src.name, cs.corpus_source_id
  FROM m
  JOIN articles ar ON ar.pk = m.article_pk
  JOIN article_texts t ON t.article_pk = m.article_pk
  JOIN attributions a ON a.pk = m.attribution_pk
  LEFT JOIN sources src ON src.pk = a.source_pk
  LEFT JOIN corpus_sources cs ON cs.pk = src.corpus_source_pk
"""
ATTRIBUTION_QUOTES = """
SELECT q.normalized FROM quotes q
  JOIN attributions a ON a.pk = q.attribution_pk JOIN articles ar ON ar.pk = a.article_pk
 WHERE ar.article_id = ? AND a.local_id = ? ORDER BY q.n_shingles DESC LIMIT 1
"""
QUOTES_CONTAINING = """
SELECT q.article_pk, q.attribution_pk, q.start, q."end" FROM quotes q
 WHERE instr(' ' || q.normalized || ' ', ?) > 0
"""
SOURCE_NAMES = "SELECT article_pk, name FROM sources WHERE article_pk IN ({})"
CITATIONS = "SELECT article_pk, outlet FROM article_citations WHERE article_pk IN ({})"
TEXTS = "SELECT article_pk, text FROM article_texts WHERE article_pk IN ({})"
TEXTS_MENTIONING = TEXTS + " AND instr(lower(text), ?) > 0"
CHUNK = 200  # rows per IN list: far under SQLite's limit on parameters
MIN_PHRASE_WORDS = 3  # "red line" is in too many quotes to say anything about one


@dataclass(slots=True)
class _Match:
    article_pk: int
    attribution_pk: int
    start: int
    end: int
    similarity: float


def _chunks(values: list[Any], size: int = CHUNK) -> list[list[Any]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def quote_trail(
    conn: sqlite3.Connection,
    text: str | None = None,
    *,
    attribution_id: str | None = None,
    threshold: float = LINK_THRESHOLD,
    limit: int = 500,
) -> QuoteTrail:
    """The trail of a quote given as text, or as the stable id of an attribution quoting it:
    at most ``limit`` articles, earliest first."""
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    if limit < 1:
        raise ValueError("limit must be at least 1")
    query = text or ""
    if attribution_id is not None:
        article_id, local_id = split_id(attribution_id)
        row = conn.execute(ATTRIBUTION_QUOTES, (article_id, local_id)).fetchone()
        if row is None:
            return QuoteTrail(attribution_id, "", [], note=f"{attribution_id} has no quote of {MIN_WORDS}+ words")
        normalized, query = row[0], attribution_id
    else:
        normalized = normalize(query)
    hashes = sorted(shingles(normalized))
    note = None
    if hashes:
        matches = _best_per_article(conn, hashes, threshold)
    else:
        matches = _containing(conn, _phrase(query, normalized))
        note = f"a phrase of under {MIN_WORDS} words: stored quotes that contain it word for word"
    entries = _details(conn, matches)
    entries.sort(key=lambda e: (e[0] is None, e[0] or "", e[1]))
    kept = entries[:limit]
    trail = [entry for _, _, entry in kept]
    undated = _mark_first(conn, trail, [pk for _, pk, _ in kept], dated=bool(kept and kept[0][0]))
    return QuoteTrail(query, normalized, trail, note="; ".join(n for n in (note, undated) if n) or None)


def _phrase(query: str, normalized: str) -> str:
    """The normalised phrase to look for, or QuerySyntaxError when it is too short to mean much."""
    if len(normalized.split()) < MIN_PHRASE_WORDS:
        raise QuerySyntaxError(
            f"{query.strip()!r} is too short to follow: a quote trail needs at least {MIN_PHRASE_WORDS} words",
            hint=f"give more of the quotation; {MIN_WORDS} words or more also find lightly edited copies",
        )
    return normalized


def _containing(conn: sqlite3.Connection, phrase: str) -> list[_Match]:
    """The longest stored quote of each article that contains ``phrase`` as whole words."""
    best: dict[int, _Match] = {}
    for article_pk, attribution_pk, start, end in conn.execute(QUOTES_CONTAINING, (f" {phrase} ",)):
        current = best.get(article_pk)
        if current is None or end - start > current.end - current.start:
            best[article_pk] = _Match(article_pk, attribution_pk, start, end, 1.0)
    return list(best.values())


def _best_per_article(conn: sqlite3.Connection, hashes: list[int], threshold: float) -> list[_Match]:
    best: dict[int, _Match] = {}
    sql = MATCHING_QUOTES.format(placeholders(hashes))
    for article_pk, attribution_pk, start, end, n_shingles, shared in conn.execute(
        sql, [*hashes, threshold, len(hashes)]
    ):
        similarity = round(overlap(shared, len(hashes), n_shingles), 3)
        current = best.get(article_pk)
        if current is None or similarity > current.similarity:
            best[article_pk] = _Match(article_pk, attribution_pk, start, end, similarity)
    return list(best.values())


def _details(conn: sqlite3.Connection, matches: list[_Match]) -> list[tuple[str | None, int, TrailEntry]]:
    """(publication day, article pk, entry) for every match, read in a few queries."""
    similarity = {m.article_pk: m.similarity for m in matches}
    found = []
    for chunk in _chunks(matches):
        values = ", ".join("(?, ?, ?, ?)" for _ in chunk)
        params = [v for m in chunk for v in (m.article_pk, m.attribution_pk, m.start, m.end)]
        for row in conn.execute(TRAIL_DETAILS.format(values), params):
            pk, article_id, title, outlet, published, pub_date, quote, local_id, source_name, corpus_source_id = row
            entry = TrailEntry(
                article_id=article_id,
                title=title,
                outlet=outlet,
                published=published,
                attribution_id=stable_id(article_id, local_id) or local_id,
                quote=quote,
                similarity=similarity[pk],
                source_name=source_name,
                corpus_source_id=corpus_source_id,
            )
            found.append((pub_date, int(pk), entry))
    return found


def _mark_first(
    conn: sqlite3.Connection, trail: list[TrailEntry], article_pks: list[int], *, dated: bool
) -> str | None:
    if not trail:
        return None
    origin = trail[0]
    origin.first = True
    note = None if dated else "no article on this trail has a readable publication date: 'first' is the first stored"
    if not origin.outlet:
        return note if len(trail) == 1 else "the first article has no outlet, so credit cannot be checked"
    others: dict[int, TrailEntry] = {}
    for entry, article_pk in zip(trail[1:], article_pks[1:], strict=True):
        if entry.outlet:
            entry.same_outlet_as_first = fold(entry.outlet) == fold(origin.outlet)
            if not entry.same_outlet_as_first:
                others[article_pk] = entry
    credits = _credits(conn, list(others), origin.outlet)
    for article_pk, entry in others.items():
        entry.credit = credits.get(article_pk)
        entry.credits_first = entry.credit is not None
    return note


def _credits(conn: sqlite3.Connection, article_pks: list[int], outlet: str) -> dict[int, str]:
    """How each article credits an outlet, for those that do: naming it as a source, citing
    it, or naming it in the text (checked in that order)."""
    wanted = fold(outlet).strip()
    found: dict[int, str] = {}
    if not wanted or not article_pks:
        return found
    mentioned = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
    checks = [
        (SOURCE_NAMES, [], f"names {outlet} as a source"),
        (CITATIONS, [], f"cites {outlet}"),
        (
            TEXTS_MENTIONING if wanted.isascii() else TEXTS,
            [wanted] if wanted.isascii() else [],
            f"names {outlet} in the text",
        ),
    ]
    for sql, extra, evidence in checks:
        todo = [pk for pk in article_pks if pk not in found]
        for chunk in _chunks(todo):
            for article_pk, value in conn.execute(sql.format(placeholders(chunk)), [*chunk, *extra]):
                if article_pk not in found and mentioned.search(fold(value)):
                    found[article_pk] = evidence
    return found
