"""Reading back the Parquet tables a Spark job (or ``accordingto export``) wrote, one article at a time.

A table is a folder of Parquet files (``OUTPUT/articles/``, as Spark writes it; files whose
names start with ``_`` or ``.`` are skipped) or one file (``articles.parquet``, as ``export
--format parquet -o articles.parquet`` writes it). The rows of one article are spread over
the files of four tables in any order, so they are grouped through a temporary SQLite file
on disk: memory stays bounded whatever the size of the output.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accordingto.errors import InputNotFoundError, SchemaError
from accordingto.models import Analysis
from accordingto.store.rows import TABLES, Row, rows_to_analysis

_BATCH_ROWS = 2_000


def table_path(folder: Path, table: str) -> Path | None:
    """``folder/table/`` (a folder of Parquet files) or ``folder/table.parquet``, if either exists."""
    for candidate in (folder / table, folder / f"{table}.parquet"):
        if candidate.exists():
            return candidate
    return None


def count_rows(path: Path | None) -> int:
    if path is None:
        return 0
    import pyarrow.dataset as ds

    return int(ds.dataset(str(path), format="parquet").count_rows())


def _batches(path: Path) -> Iterator[list[dict[str, Any]]]:
    import pyarrow.dataset as ds

    for batch in ds.dataset(str(path), format="parquet").to_batches(batch_size=_BATCH_ROWS):
        yield batch.to_pylist()


@dataclass(slots=True)
class ArticleRows:
    """One article's rows, its Analysis, or why it has none."""

    article_id: str
    analysis: Analysis | None = None
    error: SchemaError | None = None


def read_analyses(folder: Path) -> Iterator[ArticleRows]:
    """The Analysis of every article in the tables under ``folder`` (articles, sources,
    attributions, claims), in the order of the articles table. An article whose rows are
    inconsistent (an id repeated in the articles table, a reference to a missing source...)
    comes with a SchemaError instead, and the others go on."""
    paths = {table: table_path(folder, table) for table in TABLES}
    missing = [t for t, p in paths.items() if p is None]
    if missing:
        raise InputNotFoundError(
            f"{folder} has no {', '.join(missing)} table (a folder {missing[0]}/ or a file {missing[0]}.parquet)",
            hint="give the --output folder of accordingto spark, or a folder of accordingto export Parquet files",
        )
    with tempfile.TemporaryDirectory(prefix="accordingto-tables-") as tmp:
        db = sqlite3.connect(Path(tmp) / "rows.db")
        try:
            db.execute("CREATE TABLE rows (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, article_id TEXT, row TEXT)")
            for table in TABLES:
                path = paths[table]
                assert path is not None
                for batch in _batches(path):
                    db.executemany(
                        "INSERT INTO rows (tbl, article_id, row) VALUES (?, ?, ?)",
                        ((table, r.get("article_id"), json.dumps(r, ensure_ascii=False)) for r in batch),
                    )
            db.execute("CREATE INDEX rows_by_article ON rows (article_id, tbl, seq)")
            db.commit()
            yield from _grouped(db)
        finally:
            db.close()


_ID_COLUMNS = {"sources": "source_id", "attributions": "attribution_id", "claims": "claim_id"}


def _grouped(db: sqlite3.Connection) -> Iterator[ArticleRows]:
    articles = db.execute(
        "SELECT article_id FROM rows WHERE tbl = 'articles' GROUP BY article_id ORDER BY min(seq)"
    ).fetchall()
    for (article_id,) in articles:
        rows: dict[str, list[Row]] = {table: [] for table in TABLES}
        for table, text in db.execute(
            "SELECT tbl, row FROM rows WHERE article_id = ? ORDER BY seq", (article_id,)
        ).fetchall():
            rows[table].append(json.loads(text))
        if len(rows["articles"]) > 1:
            # the same input given twice (the same page in two crawls) gives identical rows: keep one
            if any(r != rows["articles"][0] for r in rows["articles"]):
                n = len(rows["articles"])
                message = f"article id {article_id!r} appears {n} times with different contents; none is stored"
                yield ArticleRows(str(article_id), error=SchemaError(message))
                continue
            rows = {"articles": rows["articles"][:1], **{t: _first_of_each(rows[t], c) for t, c in _ID_COLUMNS.items()}}
        try:
            yield ArticleRows(str(article_id), analysis=rows_to_analysis(rows))
        except (KeyError, TypeError, ValueError) as exc:
            yield ArticleRows(str(article_id), error=SchemaError(f"article {article_id!r}: broken rows ({exc})"))


def _first_of_each(rows: list[Row], id_column: str) -> list[Row]:
    seen: dict[Any, Row] = {}
    for row in rows:
        seen.setdefault(row.get(id_column), row)
    return list(seen.values())
