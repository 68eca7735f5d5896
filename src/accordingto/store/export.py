"""Writing the rows of one table as JSON Lines, CSV or Parquet.

Rows come from :func:`accordingto.store.rows.analysis_to_rows`, so every format has the
columns :data:`accordingto.store.rows.COLUMNS` lists, in that order.

CSV is written for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads UTF-8
as a legacy code page; LibreOffice, pandas with ``encoding="utf-8-sig"`` and DuckDB read it
either way), CRLF line ends, fields with quotes, commas or newlines quoted, booleans as
``true``/``false``, and any text cell that starts with ``= + - @``, a tab or a carriage
return prefixed with ``'`` so that a spreadsheet shows it instead of running it as a formula
(https://owasp.org/www-community/attacks/CSV_Injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from accordingto.store.rows import COLUMNS, Row, column_names, encode_row

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PARQUET_BATCH_ROWS = 10_000


def csv_cell(value: Any, column_type: str) -> str:
    """One CSV cell: empty for None, true/false for booleans, formula-safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column_type in ("integer", "float"):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_jsonl(rows: Iterable[Row], table: str, out: IO[bytes]) -> int:
    names = column_names(table)
    n = 0
    for row in rows:
        line = json.dumps({k: row.get(k) for k in names}, ensure_ascii=False)
        out.write(line.encode("utf-8") + b"\n")
        n += 1
    return n


def write_csv(rows: Iterable[Row], table: str, out: IO[bytes], *, bom: bool = True) -> int:
    types = {c.name: c.type for c in COLUMNS[table]}
    names = column_names(table)
    text = io.TextIOWrapper(out, encoding="utf-8-sig" if bom else "utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(names)
        n = 0
        for row in rows:
            encoded = encode_row(table, row)
            writer.writerow([csv_cell(encoded[name], types[name]) for name in names])
            n += 1
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open
    return n


def parquet_schema(table: str) -> Any:
    """The pyarrow schema of a table (json columns are strings of JSON text)."""
    import pyarrow as pa

    arrow_types = {
        "string": pa.string(),
        "json": pa.string(),
        "integer": pa.int64(),
        "float": pa.float64(),
        "boolean": pa.bool_(),
    }
    return pa.schema([pa.field(c.name, arrow_types[c.type], nullable=True) for c in COLUMNS[table]])


def write_parquet(rows: Iterable[Row], table: str, out: Path | IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(table)
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[Mapping[str, Any]] = []
        for row in rows:
            batch.append(encode_row(table, row))
            if len(batch) >= PARQUET_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def write_rows(rows: Iterable[Row], table: str, fmt: str, out: IO[bytes], *, bom: bool = True) -> int:
    """Write rows in a format; the number of rows written."""
    if fmt == "jsonl":
        return write_jsonl(rows, table, out)
    if fmt == "csv":
        return write_csv(rows, table, out, bom=bom)
    if fmt == "parquet":
        return write_parquet(rows, table, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
