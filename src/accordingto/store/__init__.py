"""Records <-> SQLite: the corpus file, its migrations, full-text index and exports.

Works on :mod:`accordingto.models` records only (never spaCy, never the CLI):

* :class:`Store`: open (create, check, migrate) a corpus file; ``add`` an
  :class:`~accordingto.models.Analysis` in one transaction; ``get``, ``remove``, ``export``;
* :func:`analysis_to_rows` / :func:`rows_to_analysis` and :data:`COLUMNS`: the flat rows every
  export (and any other job writing the same tables) uses;
* the writer applies the cross-article linking of :mod:`accordingto.link` (who is who across
  articles, which quotes are the same) inside the transaction that stores an article.

The read side (search, sources, stats, quote trails) is :mod:`accordingto.query`.
"""

from accordingto.store.export import FORMATS
from accordingto.store.rows import COLUMNS, TABLES, Column, analysis_to_rows, rows_to_analysis, split_id, stable_id
from accordingto.store.store import Store

__all__ = [
    "COLUMNS",
    "FORMATS",
    "TABLES",
    "Column",
    "Store",
    "analysis_to_rows",
    "rows_to_analysis",
    "split_id",
    "stable_id",
]
