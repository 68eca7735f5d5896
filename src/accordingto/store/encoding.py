"""How values are kept in the database: compact spans and publication dates."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from accordingto.models import Span

UNKNOWN_DATE_KEY = "~"  # sorts after every YYYY-MM-DD, so undated articles come last

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_TEXT_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%m/%d/%Y")


def encode_spans(spans: Iterable[Span], text: str) -> str:
    """Spans as ``[[start, end], ...]``: the text is the article's own, so it is not stored
    again (``[start, end, text]`` only for a span whose text differs from the article's)."""
    packed: list[list[int | str]] = []
    for span in spans:
        if text[span.start : span.end] == span.text:
            packed.append([span.start, span.end])
        else:
            packed.append([span.start, span.end, span.text])
    return json.dumps(packed, separators=(",", ":"))


def decode_spans(raw: str, text: str) -> list[Span]:
    spans = []
    for item in json.loads(raw):
        start, end = int(item[0]), int(item[1])
        spans.append(Span(start, end, item[2] if len(item) > 2 else text[start:end]))
    return spans


def optional_span(text: str | None, start: int | None, end: int | None) -> Span | None:
    """The span held in three nullable columns (a cue, a source mention), or None."""
    if text is None or start is None or end is None:
        return None
    return Span(int(start), int(end), text)


def parse_published(published: str | None) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, YYYY-MM) of a publication date given as ISO 8601, RFC 2822 (feeds) or
    "March 11, 2016"; (None, YYYY-MM) for a bare month; (None, None) when it cannot be read."""
    if not published:
        return None, None
    value = published.strip()
    day = _ISO_DAY.match(value)
    if day:
        try:
            parsed = date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
        except ValueError:
            return None, None
        return parsed.isoformat(), parsed.isoformat()[:7]
    month = _ISO_MONTH.match(value)
    if month and 1 <= int(month.group(2)) <= 12:
        return None, value
    try:
        return _day_and_month(parsedate_to_datetime(value).date())
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _TEXT_FORMATS:
        try:
            return _day_and_month(datetime.strptime(value, fmt).date())
        except ValueError:
            continue
    return None, None


def _day_and_month(day: date) -> tuple[str, str]:
    return day.isoformat(), day.isoformat()[:7]
