"""HTML pages: authors, wire and section from JSON-LD, <meta> tags and trafilatura's author.

The pages are written here; the shared benchmark pages are checked for what must hold on
any page: a wire service or the outlet is never an author.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest

from accordingto.clean import CleanArticle, clean_document, clean_html
from accordingto.clean.credits import canonical_wire
from accordingto.ingest import Document
from tests.conftest import shared_path

URL = "https://bayside-ledger.example/news/2024/03/12/seawall"
BODY = """
<h1>Harbor council delays vote on seawall funding</h1>
<p>The Bayside harbor council postponed a vote on Tuesday on how to pay for the new seawall,
after residents packed the meeting to object to a proposed levy on waterfront homes.</p>
<p>“We need more time to look at the alternatives,” said council chair Dana Albright, who
added that engineers would present two cheaper designs next month.</p>
<p>Homeowners said the levy would double their annual bills, according to a petition signed
by more than four hundred residents and handed to the council before the meeting began.</p>
<p>The council will take up the question again at its April meeting, Albright said.</p>
"""


def page(head: str = "", byline: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Seawall vote</title>{head}</head>"
        f"<body><article>{byline}{BODY}</article></body></html>"
    )


def json_ld(data: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{name}" content="{content}">'


def credits(article: CleanArticle) -> tuple[list[str], str | None, str | None, str | None]:
    return article.authors, article.author, article.wire, article.section


# ------------------------------------------------------------------ JSON-LD
def test_json_ld_person_authors_and_section() -> None:
    head = json_ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "author": [{"@type": "Person", "name": "Maria Okafor"}, {"@type": "Person", "name": "Tom Reyes"}],
            "articleSection": "Local News",
            "publisher": {"@type": "NewsMediaOrganization", "name": "The Bayside Ledger"},
        }
    )
    article = clean_html(page(head), url=URL)
    assert credits(article) == (["Maria Okafor", "Tom Reyes"], "Maria Okafor and Tom Reyes", None, "Local News")


def test_a_wire_named_as_the_json_ld_author_is_the_wire_not_an_author() -> None:
    for author in ({"@type": "Person", "name": "Reuters"}, {"@type": "Organization", "name": "The Associated Press"}):
        head = json_ld({"@type": "NewsArticle", "author": author})
        article = clean_html(page(head), url=URL)
        assert article.authors == [] and article.author is None
        assert article.wire in ("Reuters", "AP")


def test_the_outlet_as_json_ld_author_is_nobody() -> None:
    head = json_ld({"@type": "NewsArticle", "author": {"@type": "NewsMediaOrganization", "name": "Bayside Ledger"}})
    article = clean_html(page(head), url=URL)
    assert (article.authors, article.wire) == ([], None)


def test_a_json_ld_graph_reference_is_looked_up() -> None:
    person = "https://bayside-ledger.example/#/schema/person/1f2e"
    head = json_ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "Article", "author": {"@id": person}, "articleSection": ["post", "Harbour"]},
                {"@type": "Person", "@id": person, "name": "Maria Okafor"},
            ],
        }
    )
    article = clean_html(page(head), url=URL)
    assert (article.authors, article.section) == (["Maria Okafor"], "Harbour")


def test_a_comment_author_is_not_the_article_author() -> None:
    head = json_ld(
        {
            "@type": "NewsArticle",
            "author": {"@type": "Person", "name": "Maria Okafor"},
            "comment": [{"@type": "Comment", "author": {"@type": "Person", "name": "Angry Reader"}}],
        }
    )
    assert clean_html(page(head), url=URL).authors == ["Maria Okafor"]


def test_json_ld_comes_before_a_meta_author_naming_the_publisher() -> None:
    head = meta("author", "Seaside Media Group") + json_ld({"@type": "NewsArticle", "author": ["Maria Okafor"]})
    assert clean_html(page(head), url=URL).authors == ["Maria Okafor"]


def test_broken_json_ld_is_ignored_not_fatal() -> None:
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", "author": </script>'
    head = broken + meta("author", "Tom Reyes")
    assert clean_html(page(head), url=URL).authors == ["Tom Reyes"]


# ------------------------------------------------------------------ meta tags
@pytest.mark.parametrize(
    ("head", "authors"),
    [
        (meta("author", "Maria Okafor"), ["Maria Okafor"]),
        (meta("byl", "By Maria Okafor and Tom Reyes"), ["Maria Okafor", "Tom Reyes"]),
        (meta("article:author", "Maria Okafor", "property"), ["Maria Okafor"]),
        (meta("article:author", "https://www.facebook.com/baysideledger", "property"), []),
        (meta("sailthru.author", "By Maria Okafor, Staff writer"), ["Maria Okafor"]),
        (meta("parsely-author", "Maria Okafor") + meta("parsely-author", "Tom Reyes"), ["Maria Okafor", "Tom Reyes"]),
        (meta("author", "MARIA OKAFOR"), ["Maria Okafor"]),
        (meta("author", "Admin"), []),
    ],
)
def test_meta_author_tags(head: str, authors: list[str]) -> None:
    assert clean_html(page(head), url=URL).authors == authors


@pytest.mark.parametrize(
    ("head", "section"),
    [
        (meta("article:section", "Politics", "property"), "Politics"),
        (meta("section", "politics"), "Politics"),
        (meta("parsely-section", "Business"), "Business"),
        (meta("article:section", "Homepage", "property") + meta("section", "Harbour"), "Harbour"),
        (meta("article:section", "bayside-ledger.example", "property"), None),
        ("", None),
    ],
)
def test_the_section_a_page_states(head: str, section: str | None) -> None:
    assert clean_html(page(head), url=URL).section == section


def test_a_wire_in_the_meta_author_is_the_wire() -> None:
    article = clean_html(page(meta("author", "Maria Okafor, Reuters")), url=URL)
    assert credits(article)[:3] == (["Maria Okafor"], "Maria Okafor", "Reuters")


# ------------------------------------------------------------------ the page's byline and body
def test_a_byline_in_the_page_found_by_trafilatura() -> None:
    byline = '<p class="byline">By <a rel="author" href="/people/maria-okafor">Maria Okafor</a></p>'
    article = clean_html(page(byline=byline), url=URL)
    assert article.authors == ["Maria Okafor"]


def test_a_wire_dateline_in_the_body_gives_the_wire() -> None:
    html = page(meta("author", "Maria Okafor")).replace(
        "<p>The Bayside harbor council", "<p>BAYSIDE, Maine (AP) — The Bayside harbor council"
    )
    article = clean_html(html, url=URL)
    assert (article.authors, article.wire) == (["Maria Okafor"], "AP")


def test_explicit_fields_win_over_the_page() -> None:
    doc = Document(
        origin="feed entry 1",
        html=page(meta("author", "Maria Okafor") + meta("article:section", "Politics", "property")),
        url=URL,
        meta={"authors": ["Tom Reyes"], "section": "Harbour", "wire": "Reuters"},
    )
    article = clean_document(doc)
    assert credits(article) == (["Tom Reyes"], "Tom Reyes", "Reuters", "Harbour")


# ------------------------------------------------------------------ the benchmark pages
def test_on_real_pages_no_author_is_a_wire_or_the_outlet() -> None:
    folder = shared_path("data", "article-extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    with_authors = 0
    for page_id, item in sorted(truth.items())[:60]:
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        article = clean_html(html, url=item.get("url"))
        for name in article.authors:
            assert canonical_wire(name) is None, (page_id, name)
            assert name != article.outlet, (page_id, name)
        if article.authors:
            assert article.author == " and ".join(article.authors)
            with_authors += 1
    assert with_authors >= 40  # most news pages name their authors
