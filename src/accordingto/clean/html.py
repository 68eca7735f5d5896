"""HTML page -> article text and metadata, with trafilatura (and htmldate for the date).

``CleanArticle.text`` is the extracted article body, paragraphs separated by blank lines,
without the headline (it goes to ``title``); every offset indexes that text. The same
paragraph rules as for plain text then mark captions, "Read more" links and footers that
came through as excluded ranges. The authors, wire service and section come from the page's
JSON-LD and ``<meta>`` tags before trafilatura's author (:mod:`accordingto.clean.metadata`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Final

import trafilatura
from htmldate import find_date

from accordingto.clean.credits import byline
from accordingto.clean.metadata import page_credits
from accordingto.deadline import deadline
from accordingto.errors import AnalysisTimeoutError, ExtractionError, InputTooLargeError

#: Fewer words than this is not an article (a 404 page, a cookie wall, a gallery).
MIN_ARTICLE_WORDS: Final = 15
#: The one size limit on HTML handed to trafilatura, checked before anything is parsed.
#: trafilatura's time grows faster than the page (1 MB of paragraphs takes about 5 s, 16 MB
#: several minutes), so this is far below the ingest limit (--max-bytes, 16 MiB): it holds
#: the largest real article pages (a few MB, mostly scripts) and refuses markup bombs.
MAX_HTML_CHARS: Final = 5_000_000
#: Seconds one page's extraction may take. Markup can be slow well within the size limit
#: (10,000 tags nested in one paragraph take about 9 s), so time is bounded too, by SIGALRM:
#: only in the main thread of a Unix process (the CLI, the analysis workers; in the
#: server's threads only the size limit applies), and the alarm is seen between Python
#: steps, so one long lxml call inside trafilatura can overrun it by a few seconds.
EXTRACTION_TIMEOUT: Final = 30.0
_TOO_LARGE_HINT: Final = "save the article's text and analyse that instead"
_TOO_SLOW_HINT: Final = "its markup is too large or too deeply nested; save the article's text and analyse that instead"

_SCRIPTS = re.compile(r"<(script|style|template|svg)\b.*?</\1\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>|&\w+;|\s+")
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
    #: the authors joined with " and "; without authors, trafilatura's author string unless it
    #: only names a wire service
    author: str | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None
    wire: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    description: str | None = None


def extract_article(
    html: str,
    *,
    url: str | None = None,
    origin: str = "the page",
    options: ExtractionOptions = DEFAULT_OPTIONS,
    max_html_chars: int = MAX_HTML_CHARS,
    timeout: float | None = EXTRACTION_TIMEOUT,
) -> Extracted:
    """The main text and metadata of a page, or ExtractionError when it holds no article.

    Raises InputTooLargeError (before parsing) for more than ``max_html_chars`` characters
    of HTML, and AnalysisTimeoutError when extraction takes longer than ``timeout`` seconds
    (None: no time limit)."""
    if len(html) > max_html_chars:
        raise InputTooLargeError(
            f"{origin} has {len(html):,} characters of HTML, more than the limit of {max_html_chars:,} "
            "for extracting an article",
            hint=_TOO_LARGE_HINT,
        )
    try:
        with deadline(timeout, _Expired):
            return _extract(html, url, origin, options)
    except _Expired:
        raise AnalysisTimeoutError(
            f"{origin}: extracting the article took longer than {timeout:g} s", hint=_TOO_SLOW_HINT
        ) from None


def text_chars(html: str) -> int:
    """About how many characters of text a page holds (markup, scripts and spaces left out):
    an article cannot be longer, so a server can refuse a page too large to be worth
    extracting at the cost of one regular-expression pass, before trafilatura sees it."""
    return len(_TAGS.sub("", _SCRIPTS.sub("", html)))


class _Expired(BaseException):
    """The extraction deadline passed. A BaseException, so that the ``except Exception``
    blocks in trafilatura, htmldate and this module let it through."""


def _extract(html: str, url: str | None, origin: str, options: ExtractionOptions) -> Extracted:
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
    credits = page_credits(html, extracted_author=result.author, outlet=_clean(result.sitename), url=url or result.url)
    return Extracted(
        text=text,
        title=_clean(result.title),
        author=byline(credits.authors, _clean(result.author)),
        authors=credits.authors,
        section=credits.section,
        wire=credits.wire,
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
