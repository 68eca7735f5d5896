"""Fetching URLs: pages, redirects, limits and every way a fetch fails, against a local server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accordingto.clean import clean_document
from accordingto.ingest import Document, InputFailure, iter_documents
from accordingto.ingest.fetch import DEFAULT_USER_AGENT, HostThrottle
from tests.ingest.ingest_helpers import Site, endless_body, fixture_bytes, serve, slow_body


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def fetch(*urls: str, **options: object) -> list[Document | InputFailure]:
    options.setdefault("host_delay", 0)
    return list(iter_documents(urls, **options))  # type: ignore[arg-type]


def only(items: list[Document | InputFailure]) -> Document | InputFailure:
    assert len(items) == 1, items
    return items[0]


def test_a_page_is_fetched_and_its_article_extracted(site: Site) -> None:
    url = site.add_fixture("/news/harbor-council.html", "pages", "harbor-council.html")
    doc = only(fetch(url))
    assert isinstance(doc, Document)
    assert doc.url == url and doc.origin == url
    cleaned = clean_document(doc)
    assert cleaned.title == "Harbor council delays vote on seawall funding"
    assert "postponed a vote on Tuesday" in cleaned.text
    assert "First! This council" not in cleaned.text  # comments are not the article


def test_requests_name_the_tool_in_the_user_agent(site: Site) -> None:
    url = site.add_fixture("/a.html", "pages", "harbor-council.html")
    fetch(url)
    assert site.requests == [("/a.html", DEFAULT_USER_AGENT)]
    assert DEFAULT_USER_AGENT.startswith("accordingto/")


def test_redirects_are_followed_and_the_final_url_kept(site: Site) -> None:
    final = site.add_fixture("/final.html", "pages", "harbor-council.html")
    start = site.add("/old-link", b"", status=301, headers={"Location": "/final.html"})
    doc = only(fetch(start))
    assert isinstance(doc, Document)
    assert doc.url == final
    assert doc.meta["requested_url"] == start


def test_a_redirect_loop_is_reported(site: Site) -> None:
    url = site.add("/loop", b"", status=302, headers={"Location": "/loop"})
    failure = only(fetch(url))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT107"
    assert "redirects" in str(failure.error)


def test_a_404_is_reported_in_one_line_naming_the_url(site: Site) -> None:
    url = site.url("/gone.html")
    failure = only(fetch(url))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT107"
    assert "HTTP 404" in str(failure.error)
    assert url in failure.line() and "\n" not in failure.line()


def test_a_url_that_times_out_is_reported(site: Site) -> None:
    url = site.add("/slow", slow_body(3.0))
    failure = only(fetch(url, timeout=0.3))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT107"
    assert "timed out" in str(failure.error)


def test_a_refused_connection_is_reported(site: Site) -> None:
    url = "http://127.0.0.1:9/nothing-listens-here"
    failure = only(fetch(url, timeout=2))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT107"


def test_a_page_over_the_size_limit_is_refused_while_streaming(site: Site) -> None:
    url = site.add("/huge", endless_body(b"<p>" + b"x" * 1021, 4 * 1024 * 1024))
    failure = only(fetch(url, max_bytes=100_000))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT104"
    assert "--max-bytes" in str(failure.error)


def test_a_declared_length_over_the_limit_is_refused_before_reading(site: Site) -> None:
    url = site.add("/declared", b"<html>" + b" " * 200_000 + b"</html>")
    failure = only(fetch(url, max_bytes=50_000))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT104"


@pytest.mark.parametrize(
    ("body", "content_type", "what"),
    [(PDF, "text/html", "PDF"), (PNG, "image/png", "PNG"), (PDF, "application/pdf", "PDF")],
)
def test_a_pdf_or_image_is_refused_even_when_served_as_html(
    site: Site, body: bytes, content_type: str, what: str
) -> None:
    url = site.add("/file", body, content_type=content_type)
    failure = only(fetch(url))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT102"
    assert what in str(failure.error)


def test_a_plain_text_page_is_read_as_text(site: Site) -> None:
    body = fixture_bytes("texts", "wire-reuters.txt")
    url = site.add("/story.txt", body, content_type="text/plain; charset=utf-8")
    doc = only(fetch(url))
    assert isinstance(doc, Document)
    assert doc.text == body.decode("utf-8") and doc.html is None


def test_the_http_charset_decodes_the_page(site: Site) -> None:
    body = fixture_bytes("pages", "festival-cp1252.html")
    url = site.add("/festival.html", body, content_type="text/html; charset=windows-1252")
    doc = only(fetch(url))
    assert isinstance(doc, Document) and doc.html is not None
    assert "Montréal" in doc.html and "“difficultés”" in doc.html


def test_a_batch_goes_on_after_failures_and_keeps_input_order(site: Site) -> None:
    good = [site.add_fixture(f"/ok{i}.html", "pages", "harbor-council.html") for i in range(6)]
    bad = site.url("/missing.html")
    items = fetch(good[0], bad, *good[1:], concurrency=3)
    assert [i.origin for i in items] == [good[0], bad, *good[1:]]
    assert [type(i).__name__ for i in items].count("Document") == 6


def test_a_url_list_file_is_read_with_comments_and_bad_lines_reported(site: Site, tmp_path: Path) -> None:
    page = site.add_fixture("/a.html", "pages", "harbor-council.html")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# today's stories\n{page}\n\nnot a url\n{site.url('/missing')}\n", encoding="utf-8")
    items = fetch(urls_file=str(listing))
    assert [type(i).__name__ for i in items] == ["Document", "InputFailure", "InputFailure"]
    assert items[1].origin == f"{listing}:4"
    assert "not an http(s) URL" in str(items[1].error)  # type: ignore[union-attr]


def test_a_file_holding_only_urls_is_detected_as_a_url_list(site: Site, tmp_path: Path) -> None:
    page = site.add_fixture("/a.html", "pages", "harbor-council.html")
    listing = tmp_path / "todo.txt"
    listing.write_text(f"{page}\n", encoding="utf-8")
    (doc,) = fetch(str(listing))
    assert isinstance(doc, Document) and doc.url == page


def test_requests_to_one_host_are_spaced_but_other_hosts_are_not(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    slept: list[float] = []
    monkeypatch.setattr("accordingto.ingest.fetch.time.monotonic", lambda: now[0])
    monkeypatch.setattr("accordingto.ingest.fetch.time.sleep", slept.append)
    throttle = HostThrottle(delay=1.5)
    throttle.wait("news.example")
    throttle.wait("news.example")
    throttle.wait("other.example")
    throttle.wait("news.example")
    assert slept == [1.5, 3.0]  # the second and third request to news.example wait their turn


def test_urls_and_files_mixed_come_out_in_the_order_given(site: Site, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(fixture_bytes("texts", "wire-reuters.txt"))
    pages = [site.add_fixture(f"/p{i}.html", "pages", "harbor-council.html") for i in range(3)]
    items = fetch(pages[0], str(story), pages[1], str(story), pages[2], concurrency=2)
    assert [i.origin for i in items] == [pages[0], str(story), pages[1], str(story), pages[2]]
