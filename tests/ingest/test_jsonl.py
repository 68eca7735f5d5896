"""JSON Lines exports: text or html per line, metadata kept, bad lines reported with their number."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from accordingto.clean import clean_document
from accordingto.ingest import Document, InputFailure, iter_documents
from tests.ingest.ingest_helpers import FIXTURES

ARTICLES = FIXTURES / "jsonl" / "articles.jsonl"


def read(*specs: str, **options: object) -> list[Document | InputFailure]:
    return list(iter_documents(specs, **options))  # type: ignore[arg-type]


def test_each_line_is_an_article_with_its_metadata() -> None:
    items = read(str(ARTICLES))
    text_doc = items[0]
    assert isinstance(text_doc, Document)
    assert text_doc.origin == f"{ARTICLES}:1"
    assert text_doc.id == "port-strike"
    assert text_doc.text is not None and text_doc.text.startswith("Dock workers extended")
    assert (text_doc.title, text_doc.outlet, text_doc.published) == (
        "Port strike enters second week",
        "Harbour Times",
        "2024-03-13",
    )
    assert text_doc.url == "https://harbour.example/strike"
    assert text_doc.meta["author"] == "Jane Doe"


def test_an_html_field_is_extracted_like_a_page() -> None:
    html_doc = read(str(ARTICLES))[1]
    assert isinstance(html_doc, Document)
    assert html_doc.origin == f"{ARTICLES}:3"  # the blank line 2 is skipped, line numbers kept
    assert html_doc.html is not None and html_doc.text is None
    cleaned = clean_document(html_doc)
    assert cleaned.title == "Seawall vote delayed"
    assert cleaned.url == "https://ledger.example/seawall"
    assert "postponed a vote on Tuesday" in cleaned.text


def test_bad_lines_are_reported_with_their_line_number_and_the_rest_read() -> None:
    items = read(str(ARTICLES))
    assert [type(i).__name__ for i in items] == [
        "Document",
        "Document",
        "InputFailure",
        "InputFailure",
        "InputFailure",
        "Document",
    ]
    broken, a_list, no_body = items[2:5]
    assert broken.origin == f"{ARTICLES}:4" and "not valid JSON" in str(broken.error)  # type: ignore[union-attr]
    assert "not an object" in str(a_list.error)  # type: ignore[union-attr]
    assert "neither a 'text' nor an 'html' field" in str(no_body.error)  # type: ignore[union-attr]
    assert all(i.error.code == "AT108" for i in (broken, a_list, no_body))  # type: ignore[union-attr]


def test_other_fields_are_kept_and_a_numeric_id_becomes_text() -> None:
    last = read(str(ARTICLES))[-1]
    assert isinstance(last, Document)
    assert last.id == "7"
    assert last.meta["section"] == "business"


def test_explicit_title_wins_over_a_detected_headline(tmp_path: Path) -> None:
    text = "Markets slide on rate fears\n\nStocks fell sharply on Monday as investors bet that rates would stay high."
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": text, "title": "The title the export gives"}) + "\n", encoding="utf-8")
    (doc,) = read(str(path))
    assert isinstance(doc, Document)
    cleaned = clean_document(doc)
    assert cleaned.title == "The title the export gives"
    assert [e.reason for e in cleaned.excluded] == ["headline"]  # the line is still not prose


def test_gzip_compressed_jsonl_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(gzip.compress(ARTICLES.read_bytes()))
    assert [type(i).__name__ for i in read(str(path))].count("Document") == 3


def test_a_line_over_the_size_limit_is_reported_and_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"text": "word " * 50_000})
    small = json.dumps({"text": "The minister said on Tuesday that the budget would be balanced by next year."})
    path.write_text(huge + "\n" + small + "\n", encoding="utf-8")
    first, second = read(str(path), max_bytes=10_000)
    assert isinstance(first, InputFailure) and first.error.code == "AT104"
    assert first.origin == f"{path}:1"
    assert isinstance(second, Document) and second.origin == f"{path}:2"


def test_jsonl_on_stdin_is_detected_from_its_content() -> None:
    line = json.dumps({"id": "s1", "text": "Officials said on Monday that the bridge would reopen next week."})
    (doc,) = read("-", stdin=io.BytesIO((line + "\n").encode()))
    assert isinstance(doc, Document) and doc.id == "s1" and doc.origin == "stdin:1"


def test_mojibake_in_a_text_field_is_repaired() -> None:
    broken = "The ministerâ€™s office said the â€œplanâ€\x9d would be published on Monday, officials said."
    (doc,) = read("-", stdin=io.BytesIO((json.dumps({"text": broken}) + "\n").encode()))
    assert isinstance(doc, Document)
    assert doc.text == "The minister’s office said the “plan” would be published on Monday, officials said."
    assert doc.meta["repaired"] == "mojibake"
