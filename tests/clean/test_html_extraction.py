"""HTML pages: the article body and its metadata, offsets into the extracted text, pages with no article."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from accordingto.clean import clean_document, clean_html
from accordingto.errors import AnalysisTimeoutError, ExtractionError, InputTooLargeError
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


# ------------------------------------------------------------ hostile pages: bounded in size and time
PARAGRAPH = "<p>The council said on Tuesday that the seawall vote would be delayed again, officials said.</p>\n"


def paragraphs_page(total_chars: int) -> str:
    return "<html><body><article>" + PARAGRAPH * (total_chars // len(PARAGRAPH)) + "</article></body></html>"


def test_a_gzip_bomb_of_paragraphs_is_refused_before_trafilatura_parses_it(tmp_path: Path) -> None:
    """A 46 KB .html.gz expanding to 16 MB of paragraphs kept trafilatura busy for minutes."""
    from accordingto.clean.html import MAX_HTML_CHARS
    from accordingto.ingest import iter_documents

    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(paragraphs_page(16_000_000).encode(), compresslevel=9))
    assert bomb.stat().st_size < 100_000
    (doc,) = iter_documents([str(bomb)])
    assert isinstance(doc, Document)
    started = time.perf_counter()
    with pytest.raises(InputTooLargeError) as caught:
        clean_document(doc)
    assert time.perf_counter() - started < 2
    message = str(caught.value)
    assert f"{MAX_HTML_CHARS:,}" in message and "characters of HTML" in message and str(bomb) in message
    assert "save the article's text" in message


def test_a_page_just_under_the_old_limit_no_longer_reaches_trafilatura() -> None:
    with pytest.raises(InputTooLargeError, match="more than the limit of 5,000,000"):
        clean_html(paragraphs_page(6_000_000))


def test_the_size_limit_can_be_raised_by_callers_that_accept_the_cost() -> None:
    from accordingto.clean.html import extract_article

    article = extract_article(page("harbor-council.html"), max_html_chars=10_000_000)
    assert article.title == "Harbor council delays vote on seawall funding"
    with pytest.raises(InputTooLargeError, match="more than the limit of 1,000"):
        extract_article(page("harbor-council.html"), max_html_chars=1_000)


def test_markup_that_is_slow_to_extract_runs_out_of_time_with_a_clear_error() -> None:
    """Small but quadratic for trafilatura: thousands of tags nested in one paragraph."""
    import signal

    from accordingto.clean.html import extract_article

    slow = "<html><body><article><p>" + "<b>harbor</b> council " * 8_000 + "</p></article></body></html>"
    assert len(slow) < 200_000
    # an interval timer left running by another test would govern instead (see _deadline)
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0.0, "a timer is still running from an earlier test"
    started = time.perf_counter()
    with pytest.raises(AnalysisTimeoutError) as caught:
        extract_article(slow, origin="slow.html", timeout=0.5)
    # the alarm is seen between trafilatura's Python steps, not inside one long lxml call:
    # later than 0.5 s, but well before the 12 s the two passes take without a deadline
    assert time.perf_counter() - started < 10
    assert caught.value.code == "AT109"
    assert "slow.html: extracting the article took longer than 0.5 s" in str(caught.value)


def test_an_outer_time_limit_is_put_back_after_extraction() -> None:
    import signal

    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        clean_html(page("harbor-council.html"))
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    assert 90 < remaining <= 100
