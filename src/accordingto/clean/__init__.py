"""Raw document -> article text, metadata and excluded ranges, offsets kept stable.

Contract: :func:`clean_text` and :func:`clean_document` return a :class:`CleanArticle`
whose ``text`` is what every offset indexes (the input text itself for plain text, the
extracted text for HTML), with ranges that are not article prose listed in ``excluded``.
"""

from accordingto.clean.base import CleanArticle, clean_document, clean_text

__all__ = ["CleanArticle", "clean_document", "clean_text"]
