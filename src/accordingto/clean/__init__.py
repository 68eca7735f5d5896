"""Raw document -> article text, metadata and excluded ranges, offsets kept stable.

Contract: :func:`clean_text`, :func:`clean_html` and :func:`clean_document` return a
:class:`CleanArticle` whose ``text`` is what every offset indexes (the input text itself
for plain text, the extracted text for HTML), with ranges that are not article prose
listed in ``excluded``.

Modules: ``text`` (the structure of plain text: stray line, headline, byline, dateline,
captions, links, footer), ``html`` (trafilatura extraction), ``lexicon`` and
``resources/lines.tsv`` (the line patterns), ``dates``.
"""

from accordingto.clean.base import CleanArticle, clean_document, clean_html, clean_text

__all__ = ["CleanArticle", "clean_document", "clean_html", "clean_text"]
