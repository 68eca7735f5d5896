"""HTML pages: the article body and its metadata, offsets into the extracted text, pages with no article."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from types import ModuleType

import pytest

from accordingto.clean import clean_document, clean_html
from accordingto.errors import ExtractionError, InputTooLargeError
from accordingto.ingest import Document
from tests.conftest import FIXTURES, ROOT, shared_path

PAGES = FIXTURES / "pages"


def page(name: str, encoding: str = "utf-8") -> str:
    return (PAGES / name).read_text(encoding=encoding)


def test_the_article_body_is_extracted_without_navigation_comments_or_footer() -> None:
    article = clean_html(page("harbor-council.html"))
    assert article.text.startswith("The Bayside harbor council postponed a vote on Tuesday")
    assert article.text.endswith("at its April meeting, Albright said.")
    for boilerplate in ("Sport", "First! This council", "Cookie settings", "All rights reserved"):
        assert boilerplate not in article.text


def test_page_metadata_title_author_date_outlet_url_language() -> None:
    article = clean_html(page("harbor-council.html"))
    assert article.title == "Harbor council delays vote on seawall funding"
    assert article.author == "Maria Okafor"
    assert article.published == "2024-03-12"
    assert article.outlet == "The Bayside Ledger"
    assert article.url == "https://ledger.example/news/2024/03/12/harbor-council-seawall"
    assert article.language == "en"


def test_the_headline_goes_to_metadata_not_to_the_text() -> None:
    article = clean_html(page("harbor-council.html"))
    assert "Harbor council delays vote" not in article.text


def test_a_read_more_paragraph_in_the_body_is_excluded_by_offsets_into_the_extracted_text() -> None:
    article = clean_html(page("harbor-council.html"))
    (link,) = article.excluded
    assert link.reason == "link"
    assert link.text == "Read more: Storm damage bill tops 3 million pounds"
    assert article.text[link.start : link.end] == link.text


def test_paragraphs_are_separated_by_blank_lines() -> None:
    paragraphs = clean_html(page("harbor-council.html")).text.split("\n\n")
    assert len(paragraphs) == 7
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_a_non_english_page_keeps_its_language_and_accents() -> None:
    article = clean_html(page("festival-cp1252.html", encoding="cp1252"))
    assert article.language == "fr"
    assert article.title == "Le festival de Montréal attire un public record"
    assert "« C’est une année exceptionnelle »" in article.text


def test_a_url_given_explicitly_wins_over_the_pages_canonical_url() -> None:
    article = clean_html(page("harbor-council.html"), url="https://mirror.example/seawall")
    assert article.url == "https://mirror.example/seawall"


def test_a_page_with_no_article_raises_extraction_error_naming_it() -> None:
    with pytest.raises(ExtractionError, match=r"no-article\.html has no article"):
        clean_html(page("no-article.html"), origin="no-article.html")


def test_markup_without_text_raises_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        clean_html("<html><head><script>var a = 1;</script></head><body><img src='x.png'></body></html>")


def test_an_enormous_html_string_is_refused() -> None:
    with pytest.raises(InputTooLargeError):
        clean_html("<p>" + "x" * 20_000_001 + "</p>")


def test_explicit_document_metadata_wins_over_the_page() -> None:
    doc = Document(
        origin="feed entry",
        html=page("harbor-council.html"),
        url="https://ledger.example/feed-link",
        title="Title from the feed",
        outlet="Outlet from the feed",
        published="2024-03-12T08:30:00Z",
        meta={"author": "Feed Author", "language": "en-GB"},
    )
    article = clean_document(doc)
    assert (article.title, article.outlet, article.url) == (
        "Title from the feed",
        "Outlet from the feed",
        "https://ledger.example/feed-link",
    )
    assert (article.published, article.author, article.language) == ("2024-03-12T08:30:00Z", "Feed Author", "en-GB")


# ------------------------------------------------------------------ the shared benchmark pages
def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_benchmark", ROOT / "benchmarks" / "extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_benchmark_pages_are_extracted_close_to_the_gold_body() -> None:
    """A sample of the shared benchmark: the full run is benchmarks/extraction.py (see docs/ingest.md)."""
    data = shared_path("data", "article-extraction")
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    bench = load_benchmark()
    counts = []
    for page_id in sorted(truth)[:20]:
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        try:
            text = clean_html(html, url=truth[page_id]["url"]).text
        except ExtractionError:
            text = ""
        counts.append(bench.bag_counts(bench.tokens(truth[page_id]["articleBody"]), bench.tokens(text)))
    assert bench.aggregate(counts, failed=0).f1 >= 0.90


def test_benchmark_token_measure_counts_bags_of_lowercase_words() -> None:
    bench = load_benchmark()
    counts = bench.bag_counts(bench.tokens("The cat saw the dog."), bench.tokens("the dog saw THE bird"))
    assert (counts.tp, counts.fp, counts.fn) == (4, 1, 1)
    scores = bench.aggregate([counts], failed=0)
    assert (scores.precision, scores.recall, scores.f1) == pytest.approx((0.8, 0.8, 0.8))
