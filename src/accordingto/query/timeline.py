"""When a source spoke, and which corpus identity each source of an article is.

Two small reads the web UI needs beside the listing queries: a source's attributions per
month (its page draws them over time), and the corpus identity of every source of one
stored article (so an article's source cards can link to the source pages).
"""

from __future__ import annotations

import sqlite3

from accordingto.query.records import Count

#: Named identities have per-month roll-ups kept by the store's triggers (``outlet = '*'``).
SELECT_NAMED_MONTHS = """
SELECT so.month, so.attributions FROM source_outlets so
 WHERE so.corpus_source_pk = ? AND so.outlet = '*' AND so.month <> '*'
 ORDER BY so.month = '', so.month
"""
#: Anonymous identities are one article-level source each: summed from the sources table.
SELECT_ANONYMOUS_MONTHS = """
SELECT coalesce(ar.month, ''), sum(s.n_attributions) FROM sources s JOIN articles ar ON ar.pk = s.article_pk
 WHERE s.corpus_source_pk = ? GROUP BY 1 ORDER BY 1 = '', 1
"""
SELECT_ARTICLE_IDENTITIES = """
SELECT s.local_id, cs.corpus_source_id FROM sources s
  JOIN articles ar ON ar.pk = s.article_pk
  JOIN corpus_sources cs ON cs.pk = s.corpus_source_pk
 WHERE ar.article_id = ? ORDER BY s.pk
"""


def source_months(conn: sqlite3.Connection, corpus_source_id: str) -> list[Count]:
    """Attributions of one identity per month (``YYYY-MM``), in month order, undated ones
    (month ``""``) last; an empty list for an unknown id."""
    row = conn.execute("SELECT pk, named FROM corpus_sources WHERE corpus_source_id = ?", [corpus_source_id]).fetchone()
    if row is None:
        return []
    pk, named = row
    sql = SELECT_NAMED_MONTHS if named else SELECT_ANONYMOUS_MONTHS
    return [Count(month, int(n)) for month, n in conn.execute(sql, [pk]) if n]


def article_identities(conn: sqlite3.Connection, article_id: str) -> dict[str, str]:
    """The corpus source id of each source of a stored article: ``{"S1": "yoav-gallant", ...}``
    (empty when the article is not stored)."""
    return {local: corpus_id for local, corpus_id in conn.execute(SELECT_ARTICLE_IDENTITIES, [article_id])}
