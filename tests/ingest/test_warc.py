"""WARC and WARC.gz files, written by the tests with warcio: HTML responses in, everything else out."""

from __future__ import annotations

import io
import secrets
from pathlib import Path
from typing import IO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from accordingto.clean import clean_document
from accordingto.ingest import Document, InputFailure, iter_documents
from accordingto.ingest.warc import iter_warc
from tests.ingest.ingest_helpers import fixture_bytes

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def response(writer: WARCWriter, uri: str, body: bytes, *, content_type: str, status: str = "200 OK",
             date: str = "2024-03-12T09:15:00Z") -> None:  # fmt: skip
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}
    )
    writer.write_record(record)


def request(writer: WARCWriter, uri: str) -> None:
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "ledger.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(uri, "request", http_headers=headers))


def write_crawl(stream: IO[bytes], *, gzip: bool) -> None:
    writer = WARCWriter(stream, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "accordingto tests"}))
    request(writer, "https://ledger.example/news/seawall")
    response(
        writer,
        "https://ledger.example/news/seawall",
        fixture_bytes("pages", "harbor-council.html"),
        content_type="text/html; charset=utf-8",
    )
    response(writer, "https://ledger.example/img/seawall.png", PNG, content_type="image/png")
    response(
        writer, "https://ledger.example/old", b"<html>gone</html>", content_type="text/html", status="404 Not Found"
    )
    response(
        writer,
        "https://courrier.example/festival",
        fixture_bytes("pages", "festival-cp1252.html"),
        content_type="text/html",
        date="2024-07-08T10:00:00Z",
    )


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def crawl(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    with path.open("wb") as stream:
        write_crawl(stream, gzip=request.param)
    return path


def test_html_responses_become_documents_with_the_record_uri_and_date(crawl: Path) -> None:
    items = list(iter_documents([str(crawl)]))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.url for d in docs] == ["https://ledger.example/news/seawall", "https://courrier.example/festival"]
    assert docs[0].meta["warc_date"] == "2024-03-12T09:15:00Z"
    assert docs[0].meta["warc_record_id"].startswith("<urn:uuid:")
    assert docs[0].origin.startswith(f"{crawl}#")
    assert "Montréal" in (docs[1].html or "")  # the windows-1252 page, decoded by its meta charset
    cleaned = clean_document(docs[0])
    assert cleaned.title == "Harbor council delays vote on seawall funding"
    assert cleaned.url == "https://ledger.example/news/seawall"


def test_a_record_that_is_not_html_or_not_a_2xx_is_reported_and_skipped(crawl: Path) -> None:
    items = list(iter_documents([str(crawl)]))
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert len(failures) == 2  # warcinfo and request records are not articles: passed over silently
    image, not_found = failures
    assert image.error.code == "AT102" and "seawall.png" in str(image.error)
    assert "HTTP 404" in str(not_found.error)
    assert [type(i).__name__ for i in items] == ["Document", "InputFailure", "InputFailure", "Document"]


def test_the_capture_date_stands_in_when_the_page_states_no_date(tmp_path: Path) -> None:
    path = tmp_path / "nodate.warc.gz"
    page = (
        b"<html><body><article><p>The council met on Tuesday and voted to delay the budget again.</p>"
        b"<p>Members said they needed more time to study the engineers' report before committing money.</p>"
        b"<p>The mayor called the delay disappointing but said she understood the concerns raised.</p>"
    )
    with path.open("wb") as stream:
        response(WARCWriter(stream, gzip=True), "https://x.example/a", page + b"</article></body></html>",
                 content_type="text/html", date="2023-05-01T00:00:00Z")  # fmt: skip
    (doc,) = iter_documents([str(path)])
    assert isinstance(doc, Document)
    assert clean_document(doc).published == "2023-05-01T00:00:00Z"


def test_a_truncated_warc_gz_yields_what_it_can_then_one_failure(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    write_crawl(buffer, gzip=True)
    data = buffer.getvalue()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.8)])
    items = list(iter_documents([str(path)]))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], InputFailure)
    assert items[-1].error.code == "AT108"
    assert items[-1].origin.startswith(str(path))


def two_pages(*, gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    page = fixture_bytes("pages", "harbor-council.html")
    response(writer, "https://ledger.example/news/seawall", page, content_type="text/html")
    response(writer, "https://ledger.example/news/seawall-vote", page, content_type="text/html")
    return buffer.getvalue()


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_an_archive_cut_inside_its_last_record_reports_that_record_instead_of_half_an_article(
    tmp_path: Path, gzip: bool
) -> None:
    """An interrupted download: the last page stops mid-sentence. It must not be analysed as a whole article."""
    data = two_pages(gzip=gzip)
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(data[:-400])
    first, second = iter_documents([str(path)])
    assert isinstance(first, Document) and first.url == "https://ledger.example/news/seawall"
    assert (first.html or "").rstrip().endswith("</html>")
    assert isinstance(second, InputFailure) and second.error.code == "AT108"
    assert second.origin == f"{path}#2"
    message = str(second.error)
    assert "https://ledger.example/news/seawall-vote" in message
    assert "is cut off: its Content-Length is 3,592 bytes but only" in message
    assert "interrupted download" in message


def test_an_archive_cut_just_after_the_start_of_its_next_gzip_member_is_reported(tmp_path: Path) -> None:
    """warcio reads a member cut inside its gzip header as the end of the file: nothing would be said."""
    data = two_pages(gzip=True)
    second_member = data.index(b"\x1f\x8b", 10)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: second_member + 12])
    first, failure = iter_documents([str(path)])
    assert isinstance(first, Document)
    assert isinstance(failure, InputFailure) and failure.origin == str(path)
    assert "ends with 12 bytes after record 1 that are not a whole record" in str(failure.error)


def test_a_gzip_member_cut_inside_its_end_marker_is_reported(tmp_path: Path) -> None:
    data = two_pages(gzip=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:-3])
    first, failure = iter_documents([str(path)])
    assert isinstance(first, Document)
    assert isinstance(failure, InputFailure) and failure.origin == f"{path}#2"
    assert "the file ends inside this record's gzip data" in str(failure.error)


@pytest.mark.parametrize(
    "garbage",
    [b"\x8f\x00\x13garbage\xff" * 400, b"WARC-Type: response\r\n\r\n" + bytes(range(256)) * 40],
    ids=["no header fields", "no content length"],
)
def test_a_warc_header_followed_by_garbage_is_reported(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\n" + garbage)
    (failure,) = iter_documents([str(path)])
    assert isinstance(failure, InputFailure) and failure.error.code == "AT108"
    assert "the WARC record header has no" in str(failure.error) and "Content-Length" in str(failure.error)


def test_a_plain_warc_cut_inside_a_record_header_names_the_record_not_a_python_error(tmp_path: Path) -> None:
    data = two_pages(gzip=False)
    second = data.index(b"WARC/1.0", 10)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: data.index(b"WARC-Record-ID", second)])  # before its WARC-Target-URI and Content-Length
    first, failure = iter_documents([str(path)])
    assert isinstance(first, Document)
    assert isinstance(failure, InputFailure) and failure.origin == f"{path}#2"
    assert "NoneType" not in str(failure.error)
    assert "the WARC record header has no Content-Length, WARC-Target-URI" in str(failure.error)


def test_an_empty_warc_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    (failure,) = iter_documents([str(path)], input_format="warc")
    assert isinstance(failure, InputFailure) and "holds no WARC records" in str(failure.error)


def test_records_are_read_one_at_a_time(tmp_path: Path) -> None:
    """Streaming: the first article comes out long before the whole archive has been read."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    page = fixture_bytes("pages", "harbor-council.html")
    for n in range(60):
        noise = f"<!-- {secrets.token_hex(10_000)} -->".encode()  # so that gzip cannot shrink it away
        response(writer, f"https://ledger.example/{n}", page + noise, content_type="text/html")
    counting = CountingReader(buffer.getvalue())
    first = next(iter_warc(io.BufferedReader(counting, buffer_size=16_384), "big.warc.gz", 1_000_000))
    assert isinstance(first, Document)
    assert counting.consumed < len(counting.data) / 10


class CountingReader(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self.data[self.consumed : self.consumed + len(buffer)]
        buffer[: len(chunk)] = chunk
        self.consumed += len(chunk)
        return len(chunk)


def test_a_record_over_the_size_limit_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        response(writer, "https://x.example/huge", b"<html>" + b"x" * 300_000 + b"</html>", content_type="text/html")
        response(
            writer, "https://x.example/ok", fixture_bytes("pages", "harbor-council.html"), content_type="text/html"
        )
    huge, ok = iter_documents([str(path)], max_bytes=100_000)
    assert isinstance(huge, InputFailure) and huge.error.code == "AT104"
    assert isinstance(ok, Document) and ok.url == "https://x.example/ok"


def test_a_warc_on_stdin_is_detected_and_streamed() -> None:
    buffer = io.BytesIO()
    write_crawl(buffer, gzip=True)
    items = list(iter_documents(["-"], stdin=io.BytesIO(buffer.getvalue())))
    assert [type(i).__name__ for i in items] == ["Document", "InputFailure", "InputFailure", "Document"]
    assert items[0].origin.startswith("stdin#")
