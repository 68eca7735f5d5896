"""Exports: the same columns in every format, rows that read back, CSV a spreadsheet can open."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from accordingto.models import Analysis
from accordingto.query import Corpus
from accordingto.store.export import csv_cell
from accordingto.store.rows import COLUMNS, TABLES, analysis_to_rows, column_names, encode_row, rows_to_analysis
from tests.store.builders import Said, build


def _articles() -> list[Analysis]:
    tricky = build(
        "tricky",
        [
            Said('=HYPERLINK("http://evil")', "the formula was a name", kind="organization"),
            Said("Ines Calder", "“the school has closed,\nand the teachers have left,”", type="direct"),
            Said("-1 Group", "+45 percent was the figure; @everyone knew", kind="group"),
        ],
        outlet="Metro Wire",
        published="2024-03-06",
        title='Border villages, "empty"',
    )
    plain = build("plain", [Said("Dalia Ferrante", "the troops would stay")], figure="about 3,000 troops")
    return [tricky, plain]


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    with Corpus(tmp_path / "c.db") as opened:
        for analysis in _articles():
            opened.add(analysis)
        yield opened


def _expected(table: str) -> list[dict[str, object]]:
    return [row for a in _articles() for row in analysis_to_rows(a)[table]]


@pytest.mark.parametrize("table", TABLES)
def test_jsonl_rows_are_the_flat_rows(corpus: Corpus, table: str) -> None:
    out = io.BytesIO()
    n = corpus.export(table, "jsonl", out)
    lines = [json.loads(line) for line in out.getvalue().decode("utf-8").splitlines()]
    assert n == len(lines) == len(_expected(table))
    assert lines == _expected(table)
    assert all(list(line) == column_names(table) for line in lines)


@pytest.mark.parametrize("table", TABLES)
def test_parquet_has_the_columns_and_the_values(corpus: Corpus, table: str, tmp_path: Path) -> None:
    path = tmp_path / f"{table}.parquet"
    with path.open("wb") as out:
        corpus.export(table, "parquet", out)
    read = pq.read_table(path)
    assert read.column_names == column_names(table)
    assert read.to_pylist() == [encode_row(table, r) for r in _expected(table)]


def test_parquet_rows_rebuild_the_analyses(corpus: Corpus, tmp_path: Path) -> None:
    tables = {}
    for table in TABLES:
        path = tmp_path / f"{table}.parquet"
        with path.open("wb") as out:
            corpus.export(table, "parquet", out)
        tables[table] = pq.read_table(path).to_pylist()
    for original in _articles():
        rows = {t: [r for r in tables[t] if r["article_id"] == original.article.id] for t in TABLES}
        assert rows_to_analysis(rows).to_dict() == original.to_dict()


def _csv_rows(corpus: Corpus, table: str, *, bom: bool = True) -> tuple[bytes, list[list[str]]]:
    out = io.BytesIO()
    corpus.export(table, "csv", out, bom=bom)
    raw = out.getvalue()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_starts_with_a_bom_and_a_header(corpus: Corpus) -> None:
    raw, rows = _csv_rows(corpus, "sources")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert rows[0] == column_names("sources")
    raw_plain, _ = _csv_rows(corpus, "sources", bom=False)
    assert not raw_plain.startswith(b"\xef\xbb\xbf")


def test_csv_quotes_newlines_and_quotes_inside_fields(corpus: Corpus) -> None:
    _, rows = _csv_rows(corpus, "attributions")
    header = rows[0]
    contents = [dict(zip(header, r, strict=True))["content"] for r in rows[1:]]
    assert "“the school has closed,\nand the teachers have left,”" in contents
    _, articles = _csv_rows(corpus, "articles")
    titles = [dict(zip(articles[0], r, strict=True))["title"] for r in articles[1:]]
    assert 'Border villages, "empty"' in titles


def test_csv_cells_cannot_run_as_formulas(corpus: Corpus) -> None:
    _, rows = _csv_rows(corpus, "sources")
    names = [dict(zip(rows[0], r, strict=True))["name"] for r in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names
    assert "'-1 Group" in names
    _, attributions = _csv_rows(corpus, "attributions")
    contents = [dict(zip(attributions[0], r, strict=True))["content"] for r in attributions[1:]]
    assert "'+45 percent was the figure; @everyone knew" in contents
    cells = [cell for row in rows[1:] + attributions[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_numbers_stay_numbers_in_csv() -> None:
    assert csv_cell(-3, "integer") == "-3"
    assert csv_cell(-0.5, "float") == "-0.5"
    assert csv_cell("-3", "string") == "'-3"
    assert csv_cell(True, "boolean") == "true"
    assert csv_cell(None, "string") == ""


def test_an_unknown_table_or_format_is_refused(corpus: Corpus) -> None:
    with pytest.raises(ValueError, match="table"):
        list(corpus.rows("people"))
    with pytest.raises(ValueError, match="format"):
        corpus.export("sources", "xlsx", io.BytesIO())


def test_the_documentation_lists_every_export_column() -> None:
    """docs/database.md names each table's columns in order with their types."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "database.md").read_text(encoding="utf-8")
    short = {"string": "s", "integer": "i", "float": "f", "boolean": "b", "json": "j"}
    for table in TABLES:
        listed = ", ".join(f"`{c.name}` {short[c.type]}" for c in COLUMNS[table])
        assert f"**{table}**: {listed}" in " ".join(docs.split()), table


def test_duckdb_reads_the_parquet_export(corpus: Corpus, tmp_path: Path) -> None:
    """The query docs/database.md shows, on a real export."""
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "attributions.parquet"
    with path.open("wb") as out:
        corpus.export("attributions", "parquet", out)
    found = duckdb.sql(f"select source_kind, count(*) as n from '{path}' group by 1 order by 1").fetchall()
    expected: dict[str, int] = {}
    for row in _expected("attributions"):
        expected[str(row["source_kind"])] = expected.get(str(row["source_kind"]), 0) + 1
    assert found == sorted(expected.items())
