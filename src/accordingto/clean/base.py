"""Cleaning: what part of a text is the article, and its metadata."""

from __future__ import annotations

from dataclasses import dataclass, field

from accordingto.errors import ExtractionError
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
    """Plain text as it arrives. (Structure detection comes with issue 4.)"""
    return CleanArticle(text=text, title=title, outlet=outlet)


def clean_document(doc: Document) -> CleanArticle:
    if doc.text is not None:
        cleaned = clean_text(doc.text, title=doc.title, outlet=doc.outlet)
        cleaned.url = cleaned.url or doc.url
        cleaned.published = cleaned.published or doc.published
        return cleaned
    raise ExtractionError(f"{doc.origin}: HTML input is not supported yet")
