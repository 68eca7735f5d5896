"""RSS, Atom and JSON Feed: every entry's page is fetched and analysed, entry metadata kept.

RSS and Atom are parsed by feedparser (always from bytes, so it never fetches anything
itself); JSON Feed (https://jsonfeed.org), which feedparser 6 does not read, by hand.
Each entry becomes a :class:`PendingFetch` for its link, carrying the entry's title,
date, author and id and the feed's title as the outlet. An entry with no usable link is
reported on its own; a feed that cannot be parsed at all is reported once.
"""

from __future__ import annotations

import calendar
import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from accordingto.errors import MalformedInputError
from accordingto.ingest.base import Document, InputFailure, PendingFetch

FeedItem = PendingFetch | InputFailure


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
                meta=_entry_meta(origin, entry.get("id"), _clean(entry.get("author"))),
            ),
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
                meta=_entry_meta(origin, item.get("id"), _json_feed_author(item)),
            ),
        )


def _entry_item(*, origin: str, number: int, link: str | None, base: str | None, template: Document) -> FeedItem:
    label = f"{origin} entry {number}"
    if not link:
        return InputFailure(label, MalformedInputError(f"{label} has no link to an article page"))
    url = urljoin(base, link) if base else link
    if urlsplit(url).scheme not in ("http", "https"):
        return InputFailure(label, MalformedInputError(f"{label} links to {link!r}, not an http(s) page"))
    template.meta["feed_entry"] = number
    return PendingFetch(url=url, origin=url, expand_feeds=False, template=template)


def _entry_meta(origin: str, entry_id: Any, author: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {"feed": origin}
    if entry_id is not None:
        meta["feed_entry_id"] = str(entry_id)
    if author:
        meta["author"] = author
    return meta


def _json_feed_author(item: dict[str, Any]) -> str | None:
    authors = item.get("authors")
    if isinstance(authors, list):
        names = [a.get("name") for a in authors if isinstance(a, dict) and a.get("name")]
        return ", ".join(str(n) for n in names) or None
    author = item.get("author")
    return _clean(author.get("name")) if isinstance(author, dict) else None


def _iso_from_struct(value: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time -> ISO 8601 with a Z."""
    if value is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(value)))


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
