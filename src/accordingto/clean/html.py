"""HTML page -> article text and metadata, with trafilatura (and htmldate for the date).

``CleanArticle.text`` is the extracted article body, paragraphs separated by blank lines,
without the headline (it goes to ``title``); every offset indexes that text. The same
paragraph rules as for plain text then mark captions, "Read more" links and footers that
came through as excluded ranges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Final

import trafilatura
from htmldate import find_date

from accordingto.errors import ExtractionError, InputTooLargeError

#: Fewer words than this is not an article (a 404 page, a cookie wall, a gallery).
MIN_ARTICLE_WORDS: Final = 15
#: trafilatura parses the whole page; beyond this many characters it is refused.
MAX_HTML_CHARS: Final = 20_000_000

_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*", re.I)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ExtractionOptions:
    """trafilatura settings. The defaults are the ones measured best on the extraction
    benchmark (docs/ingest.md); ``benchmarks/extraction.py --compare`` tries the others."""

    favor_precision: bool = True
    favor_recall: bool = False
    include_tables: bool = True
    drop_title: bool = True
    #: When favor_precision keeps fewer words than this, extract again without it and take
    #: that text if it is at least twice as long: precision mode sometimes throws the body
    #: away with the boilerplate. 0 turns the second pass off.
    fallback_below_words: int = 100


DEFAULT_OPTIONS: Final = ExtractionOptions()


@dataclass(slots=True)
class Extracted:
    """The article body and what the page says about it."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    description: str | None = None


def extract_article(
    html: str, *, url: str | None = None, origin: str = "the page", options: ExtractionOptions = DEFAULT_OPTIONS
) -> Extracted:
    """The main text and metadata of a page, or ExtractionError when it holds no article."""
    if len(html) > MAX_HTML_CHARS:
        raise InputTooLargeError(f"{origin} has {len(html):,} characters of HTML, more than {MAX_HTML_CHARS:,}")
    result = _run_trafilatura(html, url, options)
    if options.favor_precision and _words_in(result) < options.fallback_below_words:
        second = _run_trafilatura(html, url, replace(options, favor_precision=False))
        if _words_in(second) >= 2 * _words_in(result):
            result = second
    if result is None or not (result.text or "").strip():
        raise ExtractionError(f"{origin} has no article text that could be found")
    body = _paragraphs(result.text or "")
    if options.drop_title and result.title:
        body = _drop_leading_title(body, result.title)
    text = "\n\n".join(body)
    words = len(_WORD.findall(text))
    if words < MIN_ARTICLE_WORDS:
        raise ExtractionError(f"{origin} has no article: only {words} words of text were found")
    return Extracted(
        text=text,
        title=_clean(result.title),
        author=_clean(result.author),
        outlet=_clean(result.sitename),
        url=_clean(result.url) or url,
        published=_clean(result.date) or _find_date(html, url),
        language=page_language(html) or _clean(result.language),
        description=_clean(result.description),
    )


def page_language(html: str) -> str | None:
    """The primary language subtag of ``<html lang=...>``, lowercased ("en" for "en-US")."""
    match = _LANG.search(html[:20_000])
    return match.group(1).lower() if match else None


def _run_trafilatura(html: str, url: str | None, options: ExtractionOptions) -> Any:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=options.include_tables,
            favor_precision=options.favor_precision,
            favor_recall=options.favor_recall,
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura/lxml fail on some malformed markup: one page, not the batch
        raise ExtractionError(f"the page could not be parsed ({type(exc).__name__})") from None


def _words_in(result: Any) -> int:
    return len(_WORD.findall(result.text or "")) if result is not None else 0


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _drop_leading_title(paragraphs: list[str], title: str) -> list[str]:
    """Remove a first paragraph that repeats the page title: it is kept in ``title``. (The
    description is left: on many pages it is the article's first paragraph.)"""
    if paragraphs and _words(paragraphs[0]) == _words(title):
        return paragraphs[1:]
    return paragraphs


def _find_date(html: str, url: str | None) -> str | None:
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate on odd markup: no date rather than no article
        return None
    return found if isinstance(found, str) else None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
