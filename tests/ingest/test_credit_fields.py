"""Authors, section and wire given as fields: JSONL lines, Parquet rows, feed entries.

Given fields win over what the text says, and a wire service given as an author is still
the wire, never an author.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from accordingto.clean import CleanArticle, clean_document
from accordingto.distributed.inputs import ArticleRecord, record_document
from accordingto.ingest import Document, PendingFetch
from accordingto.ingest.feeds import iter_feed
from accordingto.ingest.jsonl import iter_jsonl

TEXT = (
    "The city council voted on Tuesday to add six bus routes linking the suburbs to the centre, "
    "officials said.\n\nOpponents said the money would be better spent on repairing roads."
)


def from_jsonl(**fields: Any) -> CleanArticle:
    line = json.dumps({"text": TEXT, **fields}).encode() + b"\n"
    (doc,) = list(iter_jsonl(io.BytesIO(line), "export.jsonl", 1 << 20))
    assert isinstance(doc, Document)
    return clean_document(doc)


def credits(article: CleanArticle) -> tuple[list[str], str | None, str | None, str | None]:
    return article.authors, article.author, article.wire, article.section


# ------------------------------------------------------------------ JSONL
@pytest.mark.parametrize(
    ("fields", "authors"),
    [
        ({"authors": ["Jane Doe", "John Roe"]}, ["Jane Doe", "John Roe"]),
        ({"authors": "Jane Doe and John Roe"}, ["Jane Doe", "John Roe"]),
        ({"authors": "Jane Doe, John Roe"}, ["Jane Doe", "John Roe"]),
        ({"authors": "Jane Doe; John Roe"}, ["Jane Doe", "John Roe"]),
        ({"authors": [{"name": "Jane Doe"}, {"name": "John Roe"}]}, ["Jane Doe", "John Roe"]),
        ({"author": "Jane Doe"}, ["Jane Doe"]),
        ({"author": "Madonna"}, ["Madonna"]),  # a given one-word name is a name
    ],
)
def test_jsonl_authors_fields(fields: dict[str, Any], authors: list[str]) -> None:
    article = from_jsonl(**fields)
    assert (article.authors, article.author) == (authors, " and ".join(authors))


def test_jsonl_section_desk_and_wire() -> None:
    assert credits(from_jsonl(author="Jane Doe", section="Politics", wire="Reuters")) == (
        ["Jane Doe"],
        "Jane Doe",
        "Reuters",
        "Politics",
    )
    assert from_jsonl(desk="Metro Desk").section == "Metro Desk"
    assert from_jsonl(wire="Associated Press").wire == "AP"  # the canonical name
    assert from_jsonl(wire="Harbour Wire Service").wire == "Harbour Wire Service"  # an unknown one as given


def test_a_wire_given_among_the_authors_is_the_wire() -> None:
    assert credits(from_jsonl(authors=["Jane Doe", "Reuters"])) == (["Jane Doe"], "Jane Doe", "Reuters", None)
    assert credits(from_jsonl(author="AP")) == ([], None, "AP", None)


def test_given_authors_win_over_the_byline_in_the_text() -> None:
    line = json.dumps({"text": "Council expands bus network\n\nBy Ana Ruiz\n\n" + TEXT, "authors": ["Jane Doe"]})
    (doc,) = list(iter_jsonl(io.BytesIO(line.encode()), "export.jsonl", 1 << 20))
    assert isinstance(doc, Document)
    article = clean_document(doc)
    assert article.authors == ["Jane Doe"]
    assert any(e.reason == "byline" for e in article.excluded)  # still out of the prose


def test_a_staff_author_field_keeps_the_byline_found_in_the_text() -> None:
    line = json.dumps({"text": "Council expands bus network\n\nBy Ana Ruiz\n\n" + TEXT, "author": "Staff"})
    (doc,) = list(iter_jsonl(io.BytesIO(line.encode()), "export.jsonl", 1 << 20))
    assert isinstance(doc, Document)
    assert clean_document(doc).authors == ["Ana Ruiz"]


# ------------------------------------------------------------------ Parquet rows
def test_a_parquet_row_with_an_authors_list() -> None:
    row = {"text": TEXT, "authors": ["Jane Doe", "John Roe"], "section": "Transport", "wire": None}
    doc = record_document(ArticleRecord("part-0.parquet#3", row))
    assert isinstance(doc, Document)
    assert credits(clean_document(doc)) == (["Jane Doe", "John Roe"], "Jane Doe and John Roe", None, "Transport")


def test_the_spark_job_reads_the_credit_columns() -> None:
    from accordingto.distributed.spark_job import PARQUET_FIELDS

    assert {"author", "authors", "section", "desk", "wire"} <= set(PARQUET_FIELDS)


# ------------------------------------------------------------------ feeds
RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Bayside Ledger</title><link>https://ledger.example/</link>
<item><title>One</title><link>https://ledger.example/one</link>
  <dc:creator>Jane Doe</dc:creator><dc:creator>John Roe</dc:creator></item>
<item><title>Two</title><link>https://ledger.example/two</link><author>jane@ledger.example (Jane Doe)</author></item>
<item><title>Three</title><link>https://ledger.example/three</link><author>desk@ledger.example</author></item>
</channel></rss>"""


def entry_meta(data: bytes) -> list[dict[str, Any]]:
    items = list(iter_feed(data, "feed.xml"))
    assert all(isinstance(i, PendingFetch) for i in items)
    return [i.template.meta for i in items if isinstance(i, PendingFetch) and i.template is not None]


def test_rss_creators_and_author() -> None:
    one, two, three = entry_meta(RSS)
    assert (one["authors"], one["author"]) == (["Jane Doe", "John Roe"], "Jane Doe and John Roe")
    assert (two["authors"], two["author"]) == (["Jane Doe"], "Jane Doe")  # the name, not the email
    assert "author" not in three  # an email alone names nobody


def test_json_feed_authors_list() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Bayside Ledger",
        "items": [
            {"id": "1", "url": "https://ledger.example/one", "authors": [{"name": "Jane Doe"}, {"name": "Jo Roe"}]}
        ],
    }
    (meta,) = entry_meta(json.dumps(feed).encode())
    assert meta["authors"] == ["Jane Doe", "Jo Roe"]
    doc = Document(origin="feed", text=TEXT, meta=meta)
    assert clean_document(doc).authors == ["Jane Doe", "Jo Roe"]
