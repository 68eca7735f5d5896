"""Cleaning: what part of a text is the article, and its metadata.

Offsets rule: for plain text, ``CleanArticle.text`` is the input text unchanged and lines
that are not article prose are listed in ``excluded`` (ranges, never cuts); for HTML,
``text`` is the extracted article body and ``excluded`` indexes it. Metadata given
explicitly (a ``title=`` argument, a JSONL field, a feed entry) wins over what is detected.

Credits: ``authors`` are the people (or a desk such as "Editorial Board") the article is
credited to, ``author`` the same joined with " and " (or, when no person is named, the
credit as written, e.g. "Staff Reporter"), ``wire`` the wire service or syndication credit
("Reuters", "AP", "TOI"), never among the authors, and ``section`` the section or desk the
page files the article under. See :mod:`accordingto.clean.credits`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from accordingto.clean.credits import Credit, byline, canonical_wire, credit_from_values, parse_credit
from accordingto.clean.html import extract_article
from accordingto.clean.language import detect_language
from accordingto.clean.metadata import clean_section
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
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    wire: str | None = None


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
        authors=list(found.authors),
        wire=found.wire,
    )


def clean_html(html: str, *, url: str | None = None, origin: str | None = None) -> CleanArticle:
    """An HTML page: its article body as ``text`` and its metadata; raises ExtractionError
    when the page has no article. ``origin`` names the page in error messages."""
    page = extract_article(html, url=url, origin=origin or url or "the page")
    found = detect_structure(page.text, find_headline=False, known_title=page.title)
    # the page's metadata names the authors; a byline line in the body only when it does not
    authors = list(page.authors or found.authors)
    return CleanArticle(
        text=page.text,
        title=page.title or found.title,
        outlet=page.outlet or found.outlet,
        url=url or page.url,
        published=page.published or found.published,
        author=byline(authors, page.author or found.author),
        language=detect_language(page.text) or page.language,  # the text, not <html lang>, says it
        excluded=found.excluded,
        authors=authors,
        section=page.section,
        wire=page.wire or found.wire,
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
    _apply_given_credits(cleaned, doc.meta)
    cleaned.language = doc.meta.get("language") or cleaned.language
    return cleaned


def _apply_given_credits(cleaned: CleanArticle, meta: dict[str, Any]) -> None:
    """The ``authors``, ``author``, ``wire`` and ``section`` (or ``desk``) fields of a JSONL
    line, a Parquet row or a feed entry, over what the text or page says. A given name that is
    a wire service goes to ``wire``, as a detected one would."""
    given = _given_credit(meta.get("authors"), meta.get("author"))
    if given.authors:
        cleaned.authors = list(given.authors)
    cleaned.wire = canonical_wire(meta.get("wire")) or _as_str(meta.get("wire")) or given.wire or cleaned.wire
    cleaned.section = clean_section(meta.get("section")) or clean_section(meta.get("desk")) or cleaned.section
    cleaned.author = byline(cleaned.authors, _as_str(meta.get("author")) or cleaned.author)


def _given_credit(authors: Any, author: Any) -> Credit:
    """``authors`` as a list (each item one credit: "Jane Doe", "Reuters") or a string
    ("Jane Doe and John Roe", "Jane Doe; John Roe"), else ``author``."""
    if isinstance(authors, list | tuple):
        credit = credit_from_values(_strings(authors))
        if credit:
            return credit
    for value in (authors, author):
        if isinstance(value, str) and (credit := parse_credit(value, one_word=True)):
            return credit
    return Credit()


def _strings(values: Iterable[Any]) -> list[str]:
    return [v for v in (_as_str(x) for x in values) if v]


def _as_str(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")  # a JSON Feed / JSON-LD style {"name": ...}
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
