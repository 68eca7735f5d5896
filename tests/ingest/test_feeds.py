"""RSS, Atom and JSON feeds: each entry's page is fetched, entry metadata kept, broken entries reported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from accordingto.clean import clean_document
from accordingto.ingest import Document, InputFailure, iter_documents
from tests.ingest.ingest_helpers import Site, fixture_bytes, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


def read(*specs: str, **options: object) -> list[Document | InputFailure]:
    options.setdefault("host_delay", 0)
    options.setdefault("allow_private_addresses", True)  # the test site is on 127.0.0.1
    return list(iter_documents(specs, **options))  # type: ignore[arg-type]


def serve_pages(site: Site) -> None:
    site.add_fixture("/news/harbor-council.html", "pages", "harbor-council.html")
    site.add("/news/festival.html", fixture_bytes("pages", "festival-cp1252.html"), content_type="text/html")


def test_every_rss_entry_page_is_fetched_with_the_entry_metadata(site: Site) -> None:
    serve_pages(site)
    feed = site.add_fixture("/feed.rss", "feeds", "news.rss", content_type="application/rss+xml")
    items = read(feed)
    assert len(items) == 4
    seawall, _taken_down, _no_link, festival = items
    assert isinstance(seawall, Document)
    assert seawall.url == site.url("/news/harbor-council.html")
    assert seawall.title == "Harbor council delays vote on seawall funding"
    assert seawall.outlet == "The Bayside Ledger"
    assert seawall.published == "2024-03-12T08:30:00Z"
    assert seawall.meta["author"] == "Maria Okafor"
    assert seawall.meta["feed_entry_id"] == "ledger-2024-0312-seawall"
    # the feed's metadata wins over the page's when the article is cleaned
    cleaned = clean_document(seawall)
    assert cleaned.published == "2024-03-12T08:30:00Z"
    assert "postponed a vote" in cleaned.text
    # a relative link is resolved against the feed's address
    assert isinstance(festival, Document) and festival.url == site.url("/news/festival.html")


def test_broken_entries_are_reported_and_the_others_go_on(site: Site) -> None:
    serve_pages(site)
    feed = site.add_fixture("/feed.rss", "feeds", "news.rss", content_type="application/rss+xml")
    _, taken_down, no_link, festival = read(feed)
    assert isinstance(taken_down, InputFailure) and "HTTP 404" in str(taken_down.error)
    assert isinstance(no_link, InputFailure)
    assert no_link.origin == f"{feed} entry 3"
    assert "has no link" in str(no_link.error)
    assert isinstance(festival, Document)


def test_a_feed_file_on_disk_is_read_the_same_way(site: Site, tmp_path: Path) -> None:
    serve_pages(site)
    feed = tmp_path / "ledger.rss"
    feed.write_bytes(fixture_bytes("feeds", "news.rss").replace(b"{base}", site.base.encode()))
    kinds = [type(i).__name__ for i in read(str(feed))]
    assert kinds == ["Document", "InputFailure", "InputFailure", "Document"]


def test_atom_entries_are_read(site: Site) -> None:
    serve_pages(site)
    feed = site.add_fixture("/atom.xml", "feeds", "news.atom", content_type="application/atom+xml")
    (doc,) = read(feed)
    assert isinstance(doc, Document)
    assert doc.title == "Harbor council delays vote (Atom)"
    assert doc.outlet == "Ledger Atom"
    assert doc.meta["author"] == "Maria Okafor"


def test_json_feed_items_are_read_and_an_item_without_url_reported(site: Site) -> None:
    serve_pages(site)
    feed = site.add_fixture("/feed.json", "feeds", "news.json", content_type="application/feed+json")
    doc, missing = read(feed)
    assert isinstance(doc, Document)
    assert doc.title == "Harbor council delays vote (JSON)"
    assert doc.published == "2024-03-12T08:30:00Z"
    assert doc.meta["author"] == "Maria Okafor"
    assert isinstance(missing, InputFailure) and "has no link" in str(missing.error)


def test_a_feed_that_is_not_well_formed_is_reported_once(site: Site, tmp_path: Path) -> None:
    feed = tmp_path / "broken.rss"
    feed.write_bytes(fixture_bytes("feeds", "broken.rss"))
    (failure,) = read(str(feed))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT108"
    assert failure.origin == str(feed)


def test_input_format_feed_forces_a_file_to_be_read_as_a_feed(site: Site, tmp_path: Path) -> None:
    serve_pages(site)
    feed = tmp_path / "ledger.txt"  # a misleading name
    feed.write_bytes(fixture_bytes("feeds", "news.atom").replace(b"{base}", site.base.encode()))
    (doc,) = read(str(feed), input_format="feed")
    assert isinstance(doc, Document) and doc.title == "Harbor council delays vote (Atom)"


# ------------------------------------------------------------ links to private addresses
def test_feed_links_to_loopback_are_refused_by_default_with_the_feed_named(site: Site) -> None:
    """A feed must not make the tool read what only this machine can reach (its admin pages,
    a cloud metadata service): its entry links are fetched from public addresses only."""
    serve_pages(site)
    feed = site.add_fixture("/feed.rss", "feeds", "news.rss", content_type="application/rss+xml")
    items = read(feed, allow_private_addresses=False)
    refused = [i for i in items if isinstance(i, InputFailure) and i.error.code == "AT107"]
    assert [i.origin for i in refused][:1] == [site.url("/news/harbor-council.html")]
    message = str(refused[0].error)
    assert f"(linked from {feed})" in message
    assert "127.0.0.1 is not a public address: refused" in message
    assert "--allow-private-addresses" in message
    assert not any(isinstance(i, Document) for i in items)
    assert [path for path, _ in site.requests] == ["/feed.rss"]  # not one entry page was requested


def test_allowing_private_addresses_reads_a_feed_of_a_local_archive(site: Site) -> None:
    serve_pages(site)
    feed = site.add_fixture("/feed.rss", "feeds", "news.rss", content_type="application/rss+xml")
    docs = [i for i in read(feed, allow_private_addresses=True) if isinstance(i, Document)]
    assert [d.url for d in docs] == [site.url("/news/harbor-council.html"), site.url("/news/festival.html")]


def test_a_url_the_user_gives_is_fetched_wherever_it_points(site: Site) -> None:
    url = site.add_fixture("/news/harbor-council.html", "pages", "harbor-council.html")
    (doc,) = read(url, allow_private_addresses=False)
    assert isinstance(doc, Document) and doc.url == url


FULL_TEXT = " ".join(["The council said the new seawall would be built by the spring."] * 20)


def feed_with(content: str, *, json_feed: bool = False) -> bytes:
    if json_feed:
        item = {"url": "https://ledger.example/seawall", "title": "Seawall", "content_html": content}
        return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Ledger", "items": [item]}).encode()
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Ledger</title><item><title>Seawall</title><link>https://ledger.example/seawall</link>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("json_feed", [False, True], ids=["rss", "json"])
def test_an_entry_carrying_the_whole_article_is_read_from_the_feed_without_fetching(
    tmp_path: Path, json_feed: bool
) -> None:
    feed = tmp_path / ("feed.json" if json_feed else "feed.rss")
    feed.write_bytes(feed_with(f"<p>{FULL_TEXT}</p>", json_feed=json_feed))
    (document,) = read(str(feed), input_format="feed")
    assert isinstance(document, Document) and document.meta["from_feed_content"] is True
    assert (document.url, document.title, document.outlet) == ("https://ledger.example/seawall", "Seawall", "Ledger")
    assert "seawall would be built" in clean_document(document).text


def test_an_entry_with_only_a_summary_still_fetches_its_page(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_bytes(feed_with("<p>The council met.</p>"))
    # ledger.example does not exist: the failure to fetch it shows the page was asked for
    (item,) = read(str(feed), input_format="feed", allow_private_addresses=False, timeout=0.5)
    assert isinstance(item, InputFailure) and "https://ledger.example/seawall" in item.line()
