"""RSS, Atom and JSON Feed: every entry's page is fetched and analysed, entry metadata kept.

An entry that carries the whole article (``content:encoded``, Atom ``content``, JSON Feed
``content_html``/``content_text`` of at least FULL_TEXT_MIN_WORDS words, as full-text feeds
publish it) is analysed from the feed itself: nothing is fetched, and a feed saved to disk
can be analysed offline. Shorter content is a summary, and the page is fetched.

RSS and Atom are parsed by feedparser (always from bytes, so it never fetches anything
itself); JSON Feed (https://jsonfeed.org), which feedparser 6 does not read, by hand.
Each entry becomes a :class:`PendingFetch` for its link, carrying the entry's title,
date, authors (RSS ``author`` and ``dc:creator``, Atom ``author``, JSON Feed ``authors``:
``meta["authors"]`` lists the names, ``meta["author"]`` joins them with " and ") and id, and
the feed's title as the outlet. An entry with no usable link is
reported on its own; a feed that cannot be parsed at all is reported once.
"""

from __future__ import annotations

import calendar
import json
import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from accordingto.errors import MalformedInputError
from accordingto.ingest.base import Document, InputFailure, PendingFetch

FeedItem = Document | PendingFetch | InputFailure
#: Entry content this long is the article itself, not a summary of it.
FULL_TEXT_MIN_WORDS = 150
_TAG = re.compile(r"<[^>]+>")
#: RSS 2.0's ``<author>jane@example.com (Jane Doe)</author>``
_EMAIL_AND_NAME = re.compile(r"^\S+@\S+\s*\((?P<name>[^()]+)\)$")
_EMAIL = re.compile(r"^\S+@\S+$")


def iter_feed(data: bytes, origin: str, *, base_url: str | None = None) -> Iterator[FeedItem]:
    """A PendingFetch for each entry's page, or an InputFailure for a broken entry or feed."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        yield from _json_feed(stripped, origin, base_url)
    else:
        yield from _xml_feed(data, origin, base_url)


def _xml_feed(data: bytes, origin: str, base_url: str | None) -> Iterator[FeedItem]:
    parsed = feedparser.parse(data)  # links are resolved below, against the feed's own address
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception", "not XML")).split())
            yield InputFailure(
                origin, MalformedInputError(f"{origin} is not a well-formed RSS or Atom feed ({reason})")
            )
        else:
            yield InputFailure(origin, MalformedInputError(f"{origin} is a feed with no entries"))
        return
    feed_title = _clean(parsed.feed.get("title"))
    base = base_url or _clean(parsed.feed.get("link"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_item(
            origin=origin,
            number=number,
            link=_clean(entry.get("link")),
            base=base,
            template=Document(
                origin=origin,
                title=_clean(entry.get("title")),
                outlet=feed_title,
                published=_iso_from_struct(entry.get("published_parsed") or entry.get("updated_parsed")),
                meta=_entry_meta(origin, entry.get("id"), _xml_authors(entry)),
            ),
            content=_xml_content(entry),
        )


def _json_feed(data: bytes, origin: str, base_url: str | None) -> Iterator[FeedItem]:
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield InputFailure(origin, MalformedInputError(f"{origin} is not a well-formed JSON feed ({exc})"))
        return
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list) or not items:
        yield InputFailure(origin, MalformedInputError(f"{origin} is a JSON feed with no items"))
        return
    feed_title = _clean(feed.get("title"))
    base = base_url or _clean(feed.get("home_page_url"))
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            yield InputFailure(
                f"{origin} entry {number}", MalformedInputError(f"{origin} entry {number} is not an object")
            )
            continue
        yield _entry_item(
            origin=origin,
            number=number,
            link=_clean(item.get("url") or item.get("external_url")),
            base=base,
            template=Document(
                origin=origin,
                title=_clean(item.get("title")),
                outlet=feed_title,
                published=_clean(item.get("date_published") or item.get("date_modified")),
                meta=_entry_meta(origin, item.get("id"), _json_feed_authors(item)),
            ),
            content=_json_content(item),
        )


def _entry_item(
    *,
    origin: str,
    number: int,
    link: str | None,
    base: str | None,
    template: Document,
    content: tuple[str, bool] | None = None,
) -> FeedItem:
    label = f"{origin} entry {number}"
    url = (urljoin(base, link) if base else link) if link else None
    if content is not None and _is_full_text(content[0]):
        return _document_from_content(template, label, url, content, number)
    if not link:
        return InputFailure(label, MalformedInputError(f"{label} has no link to an article page"))
    assert url is not None
    if urlsplit(url).scheme not in ("http", "https"):
        return InputFailure(label, MalformedInputError(f"{label} links to {link!r}, not an http(s) page"))
    template.meta["feed_entry"] = number
    return PendingFetch(url=url, origin=url, expand_feeds=False, template=template, linked=True)


def _xml_content(entry: Any) -> tuple[str, bool] | None:
    """The longest content of an RSS/Atom entry, and whether it is HTML."""
    contents = [c for c in entry.get("content") or [] if isinstance(c.get("value"), str)]
    if not contents:
        return None
    best = max(contents, key=lambda c: len(c["value"]))
    return best["value"], "html" in str(best.get("type", "text/html"))


def _json_content(item: dict[str, Any]) -> tuple[str, bool] | None:
    if isinstance(item.get("content_html"), str):
        return item["content_html"], True
    if isinstance(item.get("content_text"), str):
        return item["content_text"], False
    return None


def _is_full_text(content: str) -> bool:
    return len(_TAG.sub(" ", content).split()) >= FULL_TEXT_MIN_WORDS


def _document_from_content(
    template: Document, label: str, url: str | None, content: tuple[str, bool], number: int
) -> Document:
    """The article as the feed carries it: HTML inside a page of its own, or plain text."""
    body, is_html = content
    template.origin, template.url = url or label, url
    template.meta["feed_entry"] = number
    template.meta["from_feed_content"] = True
    if is_html:
        template.html = f"<html><body><article>{body}</article></body></html>"
    else:
        template.text = body
    return template


def _entry_meta(origin: str, entry_id: Any, authors: list[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {"feed": origin}
    if entry_id is not None:
        meta["feed_entry_id"] = str(entry_id)
    if authors:
        meta["authors"] = authors
        meta["author"] = " and ".join(authors)
    return meta


def _xml_authors(entry: Any) -> list[str]:
    """The names of an RSS/Atom entry's authors: every ``dc:creator`` and Atom ``author``
    (feedparser lists them in ``authors``), the name of RSS 2.0's ``<author>jane@example.com
    (Jane Doe)</author>``; an email address alone is no name."""
    raw = _clean(entry.get("author")) or ""
    written = _EMAIL_AND_NAME.match(raw)
    if written:  # read here: feedparser splits it wrongly when the address has a long domain
        return [" ".join(written.group("name").split())]
    names = _names(entry.get("authors"))
    if _EMAIL.match(raw) and len(names) <= 1:
        return []  # an address alone names nobody (feedparser may make a "name" of part of it)
    if names:
        return names
    detail = entry.get("author_detail")
    name = _clean(detail.get("name")) if isinstance(detail, dict) else None
    name = name or raw
    return [name] if name and "@" not in name else []


def _json_feed_authors(item: dict[str, Any]) -> list[str]:
    """JSON Feed 1.1 ``authors``, or 1.0's single ``author``."""
    names = _names(item.get("authors"))
    if names:
        return names
    author = item.get("author")
    name = _clean(author.get("name")) if isinstance(author, dict) else None
    return [name] if name else []


def _names(people: Any) -> list[str]:
    if not isinstance(people, list):
        return []
    names = (_clean(p.get("name")) for p in people if isinstance(p, dict))
    return [name for name in names if name and "@" not in name]


def _iso_from_struct(value: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time -> ISO 8601 with a Z."""
    if value is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(value)))


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
