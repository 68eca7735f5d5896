"""Cleaning: what part of a text is the article, and its metadata.

Offsets rule: for plain text, ``CleanArticle.text`` is the input text unchanged and lines
that are not article prose are listed in ``excluded`` (ranges, never cuts); for HTML,
``text`` is the extracted article body and ``excluded`` indexes it. Metadata given
explicitly (a ``title=`` argument, a JSONL field, a feed entry) wins over what is detected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accordingto.clean.html import extract_article
from accordingto.clean.language import detect_language
from accordingto.clean.text import detect_structure
from accordingto.errors import EmptyInputError
from accordingto.ingest import Document
from accordingto.models import Excluded


@dataclass(slots=True)
class CleanArticle:
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    excluded: list[Excluded] = field(default_factory=list)


def clean_text(text: str, *, title: str | None = None, outlet: str | None = None) -> CleanArticle:
    """Plain text as it arrives: the stray line, headline, byline, dateline, captions, links and
    footer are found and excluded (see :mod:`accordingto.clean.text`); the text is unchanged."""
    found = detect_structure(text)
    return CleanArticle(
        text=text,
        title=title or found.title,
        outlet=outlet or found.outlet,
        published=found.published,
        author=found.author,
        language=detect_language(text),
        excluded=found.excluded,
    )


def clean_html(html: str, *, url: str | None = None, origin: str | None = None) -> CleanArticle:
    """An HTML page: its article body as ``text`` and its metadata; raises ExtractionError
    when the page has no article. ``origin`` names the page in error messages."""
    page = extract_article(html, url=url, origin=origin or url or "the page")
    found = detect_structure(page.text, find_headline=False, known_title=page.title)
    return CleanArticle(
        text=page.text,
        title=page.title or found.title,
        outlet=page.outlet or found.outlet,
        url=url or page.url,
        published=page.published or found.published,
        author=page.author or found.author,
        language=detect_language(page.text) or page.language,  # the text, not <html lang>, says it
        excluded=found.excluded,
    )


def clean_document(doc: Document) -> CleanArticle:
    """A Document, cleaned according to what it holds, its explicit metadata winning."""
    if doc.text is not None:
        cleaned = clean_text(doc.text, title=doc.title, outlet=doc.outlet)
    elif doc.html is not None:
        cleaned = clean_html(doc.html, url=doc.url, origin=doc.origin)
    else:
        raise EmptyInputError(f"{doc.origin} has neither text nor HTML")
    cleaned.title = doc.title or cleaned.title
    cleaned.outlet = doc.outlet or cleaned.outlet
    cleaned.url = doc.url or cleaned.url
    # a crawl's capture date stands in for the publication date when the page states none
    cleaned.published = doc.published or cleaned.published or doc.meta.get("warc_date")
    cleaned.author = doc.meta.get("author") or cleaned.author
    cleaned.language = doc.meta.get("language") or cleaned.language
    return cleaned
