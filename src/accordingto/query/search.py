"""Full-text search over attribution content (SQLite FTS5), with filters.

The query text is read as words that must all occur, in any order ("red line" finds
"the line was red" too), with ``"double quotes"`` around an exact phrase; stemming makes
"warn" find "warned". ``mode="phrase"`` takes the whole text as one phrase, ``"any"``
needs any one word, and ``"raw"`` passes the full FTS5 syntax through
(https://www.sqlite.org/fts5.html#full_text_query_syntax).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from accordingto.errors import QuerySyntaxError
from accordingto.query.filters import Filters, check_page, iso_month, months_between
from accordingto.query.records import AttributionHit, Page
from accordingto.store.rows import stable_id

SearchMode = Literal["words", "phrase", "any", "raw"]
SearchOrder = Literal["relevance", "date", "-date"]
SEARCH_MODES: tuple[str, ...] = ("words", "phrase", "any", "raw")
SEARCH_ORDERS: tuple[str, ...] = ("relevance", "date", "-date")

#: Columns of one hit; aliases a (attributions), ar (articles), s (sources), cs (corpus_sources).
HIT_COLUMNS = """
    a.pk, ar.article_id, a.local_id, a.type, a.content, a.start, a."end", a.cue, a.confidence, a.stance,
    s.local_id, s.name, s.kind, s.named, s.role, cs.corpus_source_id, cs.name,
    ar.outlet, ar.published, ar.title, ar.url, s.gender, s.role_class
"""
#: How many columns HIT_COLUMNS has (a search adds the score after them).
HIT_WIDTH = 23
HIT_JOINS = """
    JOIN articles ar ON ar.pk = a.article_pk
    LEFT JOIN sources s ON s.pk = a.source_pk
    LEFT JOIN corpus_sources cs ON cs.pk = s.corpus_source_pk
"""
#: Above this many matches, scoring them all (bm25) takes more than about 100 ms.
RANK_LIMIT = 100_000
#: Above this many matches, date order is read month by month.
DATE_SORT_LIMIT = 20_000
_ORDER_SQL = {
    "relevance": "f.rank",
    "date": "ar.pub_date IS NULL, ar.pub_date, a.pk",
    "-date": "ar.pub_date IS NULL, ar.pub_date DESC, a.pk DESC",
}
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def check_characters(text: str) -> None:
    """QuerySyntaxError for characters SQLite cannot be given: a NUL ends a string for the
    FTS5 parser (the rest of the query would silently vanish, or leave a quote unclosed), and
    a lone surrogate (what undecodable bytes in a command-line argument become) is not UTF-8."""
    for at, char in enumerate(text, start=1):
        if char == "\x00":
            raise QuerySyntaxError(f"the search query contains a NUL character (at character {at})")
        if "\ud800" <= char <= "\udfff":
            raise QuerySyntaxError(
                f"the search query contains a character that is not valid Unicode ({char!r} at character {at})"
            )


def fts_query(text: str, mode: SearchMode = "words") -> str:
    """The FTS5 MATCH expression for a search text; QuerySyntaxError when nothing is left."""
    check_characters(text)
    if mode == "raw":
        if not text.strip():
            raise QuerySyntaxError("the search query is empty")
        return text
    if mode == "phrase":
        terms = [text.strip().replace('"', " ")]
    else:
        terms = [(m.group(1) if m.group(1) is not None else m.group(2)).strip() for m in _PHRASE.finditer(text)]
        # a lone quote mark (or stray punctuation) is not a term
        terms = [t.replace('"', " ").strip() for t in terms]
    terms = [t for t in terms if re.search(r"\w", t)]
    if not terms:
        raise QuerySyntaxError(f"the search query {text!r} has no words to search for")
    joiner = " OR " if mode == "any" else " AND "
    return joiner.join(_quoted(t) for t in terms)


#: What SQLite says when it cannot parse a MATCH expression (FTS5 names no position).
_PARSE_ERRORS = ("fts5:", "unterminated string", "no such column", "unknown special query")
_NEAR = re.compile(r'syntax error near "(.*)"', re.S)
_NO_COLUMN = re.compile(r"no such column: (\S+)")


def _unclosed_quote(text: str) -> int | None:
    """The index of the double quote that opens a string never closed ("" inside is a quote)."""
    at = 0
    while (start := text.find('"', at)) >= 0:
        end = start + 1
        while True:
            end = text.find('"', end)
            if end < 0:
                return start
            if text.startswith('""', end):
                end += 2
                continue
            break
        at = end + 1
    return None


def _token_at(text: str, token: str) -> int | None:
    """Where ``token`` stands in ``text``, when it stands there once (a bareword as a whole
    word): SQLite names the token it stopped at, not its position."""
    if token.isalnum() or token.isidentifier():
        found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(token)}(?!\w)", text)]
    else:
        found = [m.start() for m in re.finditer(re.escape(token), text)]
    return found[0] if len(found) == 1 else None


def _where(text: str, index: int | None) -> str:
    if index is None:
        return ""
    return " at the end of the query" if index >= len(text) else f" at character {index + 1}"


#: The raw mode's own hint: the default one speaks of the words mode.
RAW_HINT = (
    "raw mode takes the SQLite FTS5 query syntax (https://www.sqlite.org/fts5.html#full_text_query_syntax); "
    "the default words mode searches the words as they are"
)


def parse_error(text: str, message: str) -> QuerySyntaxError:
    """The QuerySyntaxError for SQLite's ``message`` about the user's ``text``, with the
    place in the text where SQLite stopped when it can be told."""
    if "unterminated string" in message:
        start = _unclosed_quote(text)
        return QuerySyntaxError(
            f"the search query has a double quote that is never closed{_where(text, start)}", hint=RAW_HINT
        )
    column = _NO_COLUMN.search(message)
    if column:
        name = column.group(1)
        return QuerySyntaxError(
            f"the search query names a column {name!r} that does not exist{_where(text, _token_at(text, name))}; "
            f'put a word followed by ":" in double quotes to search for it',
            hint=RAW_HINT,
        )
    near = _NEAR.search(message)
    if near:
        token = near.group(1)
        # the expression ends with a ")" of ours and an empty token is the end of the input
        if token == "" or (token == ")" and ")" not in text):
            index: int | None = len(text)
        else:
            index = _token_at(text, token)
        return QuerySyntaxError(
            f'the search query cannot be parsed: syntax error near "{token}"{_where(text, index)}', hint=RAW_HINT
        )
    return QuerySyntaxError(f"the search query cannot be parsed ({message})", hint=RAW_HINT)


@contextmanager
def parsed(text: str) -> Iterator[None]:
    """Turn SQLite's complaints about a MATCH expression into a QuerySyntaxError: a query the
    user mistyped is the user's error, not a broken database."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if any(marker in message for marker in _PARSE_ERRORS):
            raise parse_error(text, message) from exc
        raise


def row_to_hit(row: tuple[Any, ...], score: float | None = None) -> AttributionHit:
    (
        _pk,
        article_id,
        local_id,
        kind,
        content,
        start,
        end,
        cue,
        confidence,
        stance,
        source_local,
        source_name,
        source_kind,
        source_named,
        source_role,
        corpus_source_id,
        corpus_source_name,
        outlet,
        published,
        title,
        url,
        source_gender,
        source_role_class,
    ) = row[:HIT_WIDTH]
    return AttributionHit(
        attribution_id=stable_id(article_id, local_id) or local_id,
        article_id=article_id,
        type=kind,
        content=content,
        start=start,
        end=end,
        cue=cue,
        confidence=confidence,
        stance=stance,
        source_id=stable_id(article_id, source_local),
        source_name=source_name,
        source_kind=source_kind,
        source_named=None if source_named is None else bool(source_named),
        source_role=source_role,
        source_gender=source_gender,
        source_role_class=source_role_class,
        corpus_source_id=corpus_source_id,
        corpus_source_name=corpus_source_name,
        outlet=outlet,
        published=published,
        title=title,
        url=url,
        score=score,
    )


def match_expression(conn: sqlite3.Connection, text: str, mode: SearchMode, filters: Filters) -> str:
    """The whole MATCH: the words in the content column, the filters in the facets column."""
    expression = f"content : ({fts_query(text, mode)})"
    terms = filters.fts_terms(conn)
    if terms:
        expression += " AND facets : (" + " AND ".join(terms) + ")"
    return expression


def search_attributions(
    conn: sqlite3.Connection,
    text: str,
    *,
    filters: Filters | None = None,
    mode: SearchMode = "words",
    order: SearchOrder = "relevance",
    limit: int = 20,
    offset: int = 0,
    with_total: bool = False,
) -> Page[AttributionHit]:
    """Attributions whose content matches ``text``, best match first (or by date).

    Ranking by relevance scores every match, so above RANK_LIMIT matches (a very common word)
    the newest stored come first instead, and ``Page.note`` says so. Date order above
    DATE_SORT_LIMIT matches walks the months, so it never sorts more than one month at once.
    """
    check_page(limit, offset)
    if order not in _ORDER_SQL:
        raise ValueError(f"unknown order {order!r}; choose one of {', '.join(SEARCH_ORDERS)}")
    filters = filters or Filters()
    match = match_expression(conn, text, mode, filters)
    conditions, params = filters.sql(conn)
    with parsed(text):
        return _search(conn, match, filters, conditions, params, order, limit, offset, with_total)


def _search(
    conn: sqlite3.Connection,
    match: str,
    filters: Filters,
    conditions: list[str],
    params: list[Any],
    order: SearchOrder,
    limit: int,
    offset: int,
    with_total: bool,
) -> Page[AttributionHit]:
    matches = _count_matches(conn, match)
    note = None
    if order == "relevance" and matches > RANK_LIMIT:
        order_sql = "f.rowid DESC"
        note = f"{matches:,} matches are too many to rank by relevance: newest stored first; add words to rank them"
    else:
        order_sql = _ORDER_SQL[order]
    if order != "relevance" and matches > DATE_SORT_LIMIT:
        rows = _by_month(conn, match, filters, conditions, params, order, limit + 1 + offset)[offset:]
    else:
        rows = _select(conn, match, conditions, params, order_sql, limit + 1, offset)
    items = [row_to_hit(r, score=round(float(r[HIT_WIDTH]), 4)) for r in rows[:limit]]
    total = _count(conn, match, conditions, params) if with_total else None
    return Page(items, limit, offset, offset + limit if len(rows) > limit else None, total, note)


def _count_matches(conn: sqlite3.Connection, match: str) -> int:
    """Matches in the index alone (a superset when an identity filter applies): cheap."""
    return int(
        conn.execute("SELECT count(*) FROM attributions_fts WHERE attributions_fts MATCH ?", [match]).fetchone()[0]
    )


def _select(
    conn: sqlite3.Connection,
    match: str,
    conditions: list[str],
    params: list[Any],
    order_sql: str,
    limit: int,
    offset: int,
) -> list[tuple[Any, ...]]:
    where = " AND ".join(["attributions_fts MATCH ?", *conditions])
    sql = f"""
        SELECT {HIT_COLUMNS}, -f.rank
          FROM attributions_fts f
          JOIN attributions a ON a.pk = f.rowid
          {HIT_JOINS}
         WHERE {where}
         ORDER BY {order_sql}
         LIMIT ? OFFSET ?
    """
    return conn.execute(sql, [match, *params, limit, offset]).fetchall()


def _by_month(
    conn: sqlite3.Connection,
    match: str,
    filters: Filters,
    conditions: list[str],
    params: list[Any],
    order: str,
    wanted: int,
) -> list[tuple[Any, ...]]:
    """The first ``wanted`` hits in date order, one month of matches at a time (undated last)."""
    months = months_between(conn, iso_month(filters.since), iso_month(filters.until))
    if order == "-date":
        months.reverse()
    if not (filters.since or filters.until):
        months.append("none")
    rows: list[tuple[Any, ...]] = []
    for month in months:
        token = "mnone" if month == "none" else f"m{month.replace('-', '')}"
        rows += _select(
            conn, f"{match} AND facets : {token}", conditions, params, _ORDER_SQL[order], wanted - len(rows), 0
        )
        if len(rows) >= wanted:
            break
    return rows


def _count(conn: sqlite3.Connection, match: str, conditions: list[str], params: list[Any]) -> int:
    where = " AND ".join(["attributions_fts MATCH ?", *conditions])
    sql = f"SELECT count(*) FROM attributions_fts f JOIN attributions a ON a.pk = f.rowid {HIT_JOINS} WHERE {where}"
    return int(conn.execute(sql, [match, *params]).fetchone()[0])
