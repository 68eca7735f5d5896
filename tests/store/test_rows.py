"""The flat rows: fixed columns, stable ids, offsets, the analysis version, and the way back."""

from __future__ import annotations

import json

import pytest

from accordingto.errors import SchemaError
from accordingto.models import Analysis, Attribution, Claim, Span
from accordingto.store.rows import (
    COLUMNS,
    TABLES,
    analysis_to_rows,
    column_names,
    encode_row,
    rows_to_analysis,
    split_id,
    stable_id,
)
from tests.store.builders import VERSION, Said, build


def _sample() -> Analysis:
    return build(
        "gazette:2024/03/04",  # an id with the separator in it: local ids never have it
        [
            Said(
                "Defense Minister Dalia Ferrante",
                "“We will not cross that red line, whatever the pressure,”",
                type="direct",
            ),
            Said("a senior official", "the talks had stalled", named=False, via="Harbor Gazette"),
        ],
        outlet="Harbor Gazette",
        published="2024-03-04",
        figure="about 3,000 troops",
    )


def test_every_table_has_exactly_its_columns_in_order() -> None:
    rows = analysis_to_rows(_sample())
    assert set(rows) == set(TABLES)
    for table, table_rows in rows.items():
        assert table_rows, table
        for row in table_rows:
            assert list(row) == column_names(table)


def test_every_row_carries_the_analysis_version_and_the_article_id() -> None:
    for table, table_rows in analysis_to_rows(_sample()).items():
        for row in table_rows:
            assert row["analysis_version"] == VERSION, table
            assert row["article_id"] == "gazette:2024/03/04", table


def test_ids_are_stable_and_split_back() -> None:
    rows = analysis_to_rows(_sample())
    attribution = rows["attributions"][1]
    assert attribution["attribution_id"] == "gazette:2024/03/04:A2"
    assert attribution["source_id"] == "gazette:2024/03/04:S2"
    assert attribution["via"] == ["gazette:2024/03/04:S3"]
    assert split_id(attribution["attribution_id"]) == ("gazette:2024/03/04", "A2")
    assert stable_id("x", None) is None
    with pytest.raises(ValueError):
        split_id("no-separator")


def test_offsets_index_the_article_text() -> None:
    analysis = _sample()
    text = analysis.article.text
    rows = analysis_to_rows(analysis)
    for row in rows["attributions"]:
        assert row["content"] == text[row["start"] : row["end"]]
        assert row["cue"] == text[row["cue_start"] : row["cue_end"]]
    claim = rows["claims"][0]
    assert text[claim["start"] : claim["end"]] == claim["text"] == "about 3,000 troops"


def test_rows_go_back_to_the_same_analysis() -> None:
    analysis = _sample()
    assert rows_to_analysis(analysis_to_rows(analysis)).to_dict() == analysis.to_dict()


def test_rows_read_back_from_text_files_go_back_too() -> None:
    """CSV and Parquet keep json columns as text: rows_to_analysis takes them either way."""
    analysis = _sample()
    encoded = {t: [encode_row(t, r) for r in rs] for t, rs in analysis_to_rows(analysis).items()}
    assert isinstance(encoded["attributions"][0]["spans"], str)
    assert rows_to_analysis(encoded).to_dict() == analysis.to_dict()


def test_json_columns_encode_as_compact_json() -> None:
    row = encode_row("attributions", analysis_to_rows(_sample())["attributions"][0])
    assert json.loads(row["spans"])[0]["text"].startswith("“We will")
    json_columns = [c.name for c in COLUMNS["attributions"] if c.type == "json"]
    assert all(isinstance(row[name], str) for name in json_columns)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda a: a.attributions.append(Attribution("A9", "indirect", [Span(0, 1, "x")], source="S99")),
        lambda a: a.attributions.append(Attribution("A1", "indirect", [Span(0, 1, "x")])),
        lambda a: a.attributions.append(Attribution("A9", "indirect", [], source="S1")),
        lambda a: a.claims.append(Claim("C9", "3", 0, 1, 3.0, attribution="A77")),
        lambda a: a.sources.__setitem__(0, type(a.sources[0])("S:1", "x")),
    ],
    ids=["unknown source", "repeated id", "no content", "unknown attribution", "separator in id"],
)
def test_broken_references_are_refused(breakage: object) -> None:
    analysis = _sample()
    breakage(analysis)  # type: ignore[operator]
    with pytest.raises(SchemaError):
        analysis_to_rows(analysis)
