"""Input kinds detected from content first, then extension: --input-format is rarely needed."""

from __future__ import annotations

import gzip

import pytest

from accordingto.ingest.detect import detect_kind, extension_of, is_url


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("crawl.warc.gz", gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), "warc"),
        ("download", b"WARC/1.1\r\nWARC-Type: response\r\n", "warc"),
        ("feed", b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        ("page.txt", b"<!DOCTYPE html>\n<html><head>", "html"),  # content beats a misleading name
        ("atom.xml", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("items", b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "feed"),
        ("export.jsonl", b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("export", b'{"text": "a", "id": 1}\n', "jsonl"),
        ("story.txt", b'{"not": "json" but a sentence}', "text"),
        ("snippet", b"<div><p>One</p><p>Two</p><a href='x'>three</a></div>", "html"),
        ("story", b"The minister said on Tuesday that <b>nothing</b> would change.", "text"),
        ("urls", b"# to read\nhttps://a.example/1\nhttp://b.example/2\n", "url"),
        ("page.HTM", b"plain words", "html"),
        ("notes.md", b"Plain words and nothing else.", "text"),
    ],
)
def test_kind_detection(name: str, head: bytes, kind: str) -> None:
    assert detect_kind(name, head) == kind


def test_extensions_see_through_gzip() -> None:
    assert extension_of("a/b/crawl.WARC.gz") == ".warc"
    assert extension_of("page.html.gz") == ".html"
    assert extension_of(".hidden") == ""


def test_urls_are_recognised_on_the_command_line() -> None:
    assert is_url("https://example.com/a") and is_url("HTTP://example.com")
    assert not is_url("example.com/a") and not is_url("ftp://example.com")
