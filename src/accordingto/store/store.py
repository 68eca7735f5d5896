"""The write side of a corpus: one SQLite file, opened safely, one transaction per article."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, TypeVar

from accordingto.errors import StoreError
from accordingto.link.quotes import shingles
from accordingto.models import Analysis
from accordingto.store import export, migrate, reader, writer
from accordingto.store.connection import (
    DEFAULT_TIMEOUT,
    check_file,
    check_identity,
    connect,
    enable_wal,
    is_writable,
    translated,
    write_transaction,
)
from accordingto.store.connection import verify as verify_file
from accordingto.store.rows import TABLES, Row, analysis_to_rows

_S = TypeVar("_S", bound="Store")

SELECT_CURRENT = "SELECT 1 FROM articles WHERE article_id = ? AND input_hash = ? AND analysis_version = ?"
SELECT_STORED_VERSION = "SELECT analysis_version FROM articles WHERE article_id = ? AND input_hash = ?"
COUNTS = {
    "articles": "SELECT count(*) FROM articles",
    "sources": "SELECT count(*) FROM sources",
    "attributions": "SELECT count(*) FROM attributions",
    "claims": "SELECT count(*) FROM claims",
    "quotes": "SELECT count(*) FROM quotes",
    "corpus_sources": "SELECT count(*) FROM corpus_sources",
}

# Each derived table recomputed from the base tables, compared with what the triggers kept.
CHECKS = {
    "corpus_sources counters": """
        SELECT cs.corpus_source_id FROM corpus_sources cs
          LEFT JOIN (SELECT corpus_source_pk, count(*) AS n, sum(n_attributions) AS a,
                            count(DISTINCT article_pk) AS art
                       FROM sources GROUP BY corpus_source_pk) t ON t.corpus_source_pk = cs.pk
         WHERE coalesce(t.n, 0) <> cs.n_sources OR coalesce(t.a, 0) <> cs.n_attributions
            OR coalesce(t.art, 0) <> cs.n_articles OR cs.n_sources <= 0
    """,
    "corpus_source_facets": """
        WITH expected AS (
            SELECT corpus_source_pk, iif(lone_surname IS NULL, 'kind', 'lone-kind') AS facet, kind AS value FROM sources
            UNION ALL SELECT corpus_source_pk, iif(lone_surname IS NULL, 'role', 'lone-role'), role_key FROM sources
            UNION ALL SELECT corpus_source_pk, iif(lone_surname IS NULL, 'affiliation', 'lone-affiliation'),
                             affiliation_key FROM sources),
        counted AS (SELECT corpus_source_pk, facet, value, count(*) AS n FROM expected
                     WHERE value IS NOT NULL GROUP BY 1, 2, 3)
        SELECT facet || '=' || value FROM (
            SELECT * FROM counted EXCEPT SELECT corpus_source_pk, facet, value, n FROM corpus_source_facets
            UNION ALL
            SELECT * FROM (SELECT corpus_source_pk, facet, value, n FROM corpus_source_facets EXCEPT
                           SELECT * FROM counted))
    """,
    "source_outlets": """
        WITH base AS (
            SELECT coalesce(a.outlet, '') COLLATE NOCASE AS outlet, coalesce(a.month, '') AS month,
                   s.corpus_source_pk AS cs, s.n_attributions AS n
              FROM sources s JOIN articles a ON a.pk = s.article_pk WHERE s.named),
        expected AS (
            SELECT outlet, month, cs, sum(n) AS attributions, count(*) AS sources FROM base GROUP BY 1, 2, 3
            UNION ALL SELECT outlet, '*', cs, sum(n), count(*) FROM base GROUP BY 1, 3
            UNION ALL SELECT '*', month, cs, sum(n), count(*) FROM base GROUP BY 2, 3)
        SELECT outlet || '/' || month FROM (
            SELECT * FROM expected
            EXCEPT SELECT outlet, month, corpus_source_pk, attributions, sources FROM source_outlets
            UNION ALL
            SELECT * FROM (SELECT outlet, month, corpus_source_pk, attributions, sources FROM source_outlets
                           EXCEPT SELECT * FROM expected))
    """,
    "outlet_months": """
        WITH expected AS (
            SELECT coalesce(outlet, '') COLLATE NOCASE AS outlet, coalesce(month, '') AS month, count(*) AS articles,
                   sum(n_attributions), sum(n_named), sum(n_anonymous), sum(n_unattributed), sum(n_person),
                   sum(n_group), sum(n_organization), sum(n_outlet), sum(n_document), sum(n_unspecified)
              FROM articles GROUP BY 1, 2)
        SELECT outlet || '/' || month FROM (
            SELECT * FROM expected EXCEPT SELECT * FROM outlet_months
            UNION ALL SELECT * FROM (SELECT * FROM outlet_months EXCEPT SELECT * FROM expected))
    """,
    "outlet_citations": """
        WITH expected AS (
            SELECT coalesce(a.outlet, '') COLLATE NOCASE AS outlet, coalesce(a.month, '') AS month, c.outlet AS cited,
                   count(*) AS articles
              FROM article_citations c JOIN articles a ON a.pk = c.article_pk GROUP BY 1, 2, 3)
        SELECT outlet || '/' || month || '/' || cited FROM (
            SELECT * FROM expected EXCEPT SELECT * FROM outlet_citations
            UNION ALL SELECT * FROM (SELECT * FROM outlet_citations EXCEPT SELECT * FROM expected))
    """,
    "quote_shingles": """
        SELECT 'shingles: ' || (SELECT count(*) FROM quote_shingles) || ' stored, '
               || (SELECT coalesce(sum(n_shingles), 0) FROM quotes) || ' expected'
         WHERE (SELECT count(*) FROM quote_shingles) <> (SELECT coalesce(sum(n_shingles), 0) FROM quotes)
    """,
}


class Store:
    """A corpus file opened for writing (or reading, with ``readonly=True``).

    The file is created when missing (unless ``create=False``), refused when it is not a
    corpus (an empty file included), is damaged (SQLite's quick_check, when ``verify``: by
    default unless ``readonly``) or was written by a newer accordingto, and upgraded by the
    bundled migrations. With ``create=False`` a file this process cannot write (read-only
    media) is opened read-only: reads work, writes fail with DatabaseAccessError.
    Every failure is a :class:`~accordingto.errors.StoreError` subclass with a one-line
    message; a failed write changes nothing.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        readonly: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        migrations: list[migrate.Migration] | None = None,
        verify: bool | None = None,
    ) -> None:
        self.path = Path(path)
        check_file(self.path, create=create and not readonly)
        if verify is None:
            # an explicit read-only open reads what it can (export saves a damaged corpus so)
            verify = not readonly
        if not readonly and not create and not is_writable(self.path):
            # read commands open with create=False: on read-only media they can still read
            readonly = True
        self.readonly = readonly
        self.connection = connect(self.path, readonly=readonly, timeout=timeout)
        try:
            if verify:
                verify_file(self.connection, self.path)
            self._prepare(migrations if migrations is not None else migrate.bundled_migrations())
        except BaseException:
            self.connection.close()
            raise

    def _prepare(self, migrations: list[migrate.Migration]) -> None:
        is_corpus = check_identity(self.connection, self.path)
        with translated(self.path):
            current = migrate.check_not_newer(self.connection, self.path, migrations)
        if self.readonly:
            latest = migrations[-1].version if migrations else 0
            if not is_corpus or current < latest:
                raise StoreError(
                    f"{self.path} has corpus schema version {current}, older than {latest}",
                    hint="open it once for writing (accordingto ingest, or Corpus(path)) to upgrade it",
                )
            return
        enable_wal(self.connection, self.path)
        migrate.upgrade(self.connection, self.path, migrations)
        # identities live in tables of the first schema; the lock is taken only when they are stale
        if migrate.schema_version(self.connection) >= 1 and writer.identities_stale(self.connection):
            with write_transaction(self.connection, self.path):
                writer.repair_identities(self.connection)

    # ----------------------------------------------------------------- lifecycle
    def close(self) -> None:
        self.connection.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with translated(self.path):
            return migrate.schema_version(self.connection)

    # ----------------------------------------------------------------- writing
    def add(self, analysis: Analysis, *, input_hash: str | None = None) -> writer.AddStatus:
        """Store one analysis in one transaction: "added", "replaced" (same article id, new
        content or analysis version) or "unchanged" (already stored as is)."""
        with write_transaction(self.connection, self.path):
            return writer.add_analysis(self.connection, analysis, input_hash=input_hash)

    def add_many(self, analyses: Iterable[Analysis], *, per_transaction: int = 1) -> Counter[str]:
        """Store many analyses, ``per_transaction`` articles per transaction (more is faster
        for bulk loads; a failure then rolls back the whole group); counts by status."""
        if per_transaction < 1:
            raise ValueError("per_transaction must be at least 1")
        statuses: Counter[str] = Counter()
        group: list[Analysis] = []
        for analysis in analyses:
            group.append(analysis)
            if len(group) >= per_transaction:
                statuses.update(self._add_group(group))
                group = []
        if group:
            statuses.update(self._add_group(group))
        return statuses

    def _add_group(self, group: list[Analysis]) -> list[str]:
        with write_transaction(self.connection, self.path):
            return [writer.add_analysis(self.connection, a) for a in group]

    def remove(self, article_id: str) -> bool:
        """Remove an article and everything derived from it; False when it is not stored."""
        with write_transaction(self.connection, self.path):
            return writer.remove_article(self.connection, article_id)

    # ----------------------------------------------------------------- reading records
    def is_current(self, article_id: str, input_hash: str, analysis_version: str) -> bool:
        """True when this exact input was stored with this analysis version: it can be skipped
        without analysing it again."""
        with translated(self.path):
            row = self.connection.execute(SELECT_CURRENT, (article_id, input_hash, analysis_version)).fetchone()
        return row is not None

    def stored_version(self, article_id: str, input_hash: str) -> str | None:
        """The analysis version this exact input was stored with, or None when it was not stored."""
        with translated(self.path):
            row = self.connection.execute(SELECT_STORED_VERSION, (article_id, input_hash)).fetchone()
        return None if row is None else str(row[0])

    def get(self, article_id: str) -> Analysis | None:
        """The stored analysis of an article, as it was added."""
        with translated(self.path):
            return reader.load_analysis(self.connection, article_id)

    def analyses(self) -> Iterator[Analysis]:
        """Every stored analysis, in the order they were stored (one consistent snapshot)."""
        with translated(self.path):
            self.connection.execute("BEGIN")
            try:
                yield from reader.iter_analyses(self.connection)
            finally:
                if self.connection.in_transaction:
                    self.connection.execute("COMMIT")

    def __contains__(self, article_id: object) -> bool:
        with translated(self.path):
            row = self.connection.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id,)).fetchone()
        return row is not None

    def __len__(self) -> int:
        return self.counts()["articles"]

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, sources, attributions, claims, quotes, corpus_sources."""
        with translated(self.path):
            return {name: int(self.connection.execute(sql).fetchone()[0]) for name, sql in COUNTS.items()}

    # ----------------------------------------------------------------- exports
    def rows(self, table: str) -> Iterator[Row]:
        """The flat rows of one table (articles, sources, attributions, claims) for every article."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
        for analysis in self.analyses():
            yield from analysis_to_rows(analysis)[table]

    def export(self, table: str, fmt: str, out: IO[bytes], *, bom: bool = True) -> int:
        """Write one table as jsonl, csv or parquet to a binary stream; the rows written."""
        return export.write_rows(self.rows(table), table, fmt, out, bom=bom)

    # ----------------------------------------------------------------- health
    def check(self) -> list[str]:
        """Problems found (empty when the corpus is sound): SQLite's own checks, the full-text
        index against its table, and every derived table recomputed from the base tables."""
        problems: list[str] = []
        with translated(self.path):
            conn = self.connection
            problems += [f"quick_check: {r[0]}" for r in conn.execute("PRAGMA quick_check") if r[0] != "ok"]
            problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
            try:
                conn.execute("INSERT INTO attributions_fts (attributions_fts, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                problems.append(f"full-text index: {exc}")
            for name, sql in CHECKS.items():
                problems += [f"{name}: {r[0]}" for r in conn.execute(sql).fetchmany(20)]
            for quote_pk, normalized, n in conn.execute("SELECT pk, normalized, n_shingles FROM quotes"):
                if len(shingles(normalized)) != n:
                    problems.append(f"quote {quote_pk}: {n} shingles stored, {len(shingles(normalized))} expected")
        return problems
