"""What kind of input is this: text, HTML, JSONL, WARC, a feed, or a list of URLs?

Strong signatures in the content win (a WARC header, an RSS root element, an HTML
doctype, nothing but URL lines), then the file name's extension, then weak hints in the
content (a first line that is a JSON object, tags near the start). ``--input-format`` overrides all of it.
"""

from __future__ import annotations

import json
import re
import zlib
from typing import Final, Literal

InputKind = Literal["text", "html", "jsonl", "warc", "feed", "url"]

#: The values ``--input-format`` accepts; "auto" detects.
INPUT_FORMATS: Final[tuple[str, ...]] = ("auto", "text", "html", "jsonl", "warc", "feed", "url")

#: Extensions (after any .gz) and the kind they name; folders are searched for these.
EXTENSION_KINDS: Final[dict[str, InputKind]] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}

GZIP_MAGIC: Final = b"\x1f\x8b"
SNIFF_BYTES: Final = 8192

_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|section|span|a|h1|h2|meta|title|script|table|br)\b", re.I)
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$", re.I)
_MIN_WEAK_TAGS = 3


def is_url(spec: str) -> bool:
    """True for an http(s) URL given on the command line."""
    return bool(re.match(r"^https?://[^\s/]+", spec, re.I))


def split_gz(name: str) -> tuple[str, bool]:
    """The name without a trailing .gz, and whether it had one."""
    lower = name.lower()
    if lower.endswith(".gz"):
        return name[:-3], True
    return name, False


def extension_of(name: str) -> str:
    """The meaningful extension: ".warc" for "crawl.warc.gz", ".html" for "a.HTML"."""
    stem, _ = split_gz(name)
    dot = stem.rfind(".")
    slash = max(stem.rfind("/"), stem.rfind("\\"))
    return stem[dot:].lower() if dot > slash + 1 else ""


def is_collectable(name: str) -> bool:
    """Whether a file found inside a folder should be read."""
    return extension_of(name) in EXTENSION_KINDS


def peek_decompressed(head: bytes) -> bytes:
    """The first bytes of gzip data, decompressed as far as the head allows."""
    if not head.startswith(GZIP_MAGIC):
        return head
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def detect_kind(name: str, head: bytes) -> InputKind:
    """The kind of an input from its name and its first (decompressed) bytes."""
    head = peek_decompressed(head)
    strong = _strong_signature(head)
    if strong is not None:
        return strong
    by_extension = EXTENSION_KINDS.get(extension_of(name))
    if by_extension is not None:
        return by_extension
    return _weak_signature(head)


def _strong_signature(head: bytes) -> InputKind | None:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if _FEED_ROOT.match(stripped):
        return "feed"
    if _HTML_START.match(stripped):
        return "html"
    if _looks_like_json_feed(stripped):
        return "feed"
    if _looks_like_url_list(stripped):
        return "url"
    return None


def _weak_signature(head: bytes) -> InputKind:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and _first_line_is_json_object(stripped):
        return "jsonl"
    if stripped.startswith(b"<") and len(_HTML_TAGS.findall(stripped)) >= _MIN_WEAK_TAGS:
        return "html"
    return "text"


def _first_line_is_json_object(data: bytes) -> bool:
    line = data.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _looks_like_json_feed(data: bytes) -> bool:
    return data.startswith(b"{") and b"jsonfeed.org/version" in data[:2048]


def _looks_like_url_list(data: bytes) -> bool:
    lines = [ln for ln in data.decode("utf-8", "replace").splitlines()[:20] if ln.strip() and not ln.startswith("#")]
    return bool(lines) and all(_URL_LINE.match(ln) for ln in lines)
