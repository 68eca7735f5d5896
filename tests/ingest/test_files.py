"""Files, folders, globs, gzip, stdin and bad files: each bad input is one line and the batch goes on."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from accordingto.clean import clean_document
from accordingto.errors import ExtractionError, SettingsError
from accordingto.ingest import DEFAULT_MAX_BYTES, Document, InputFailure, iter_documents
from tests.ingest.ingest_helpers import FIXTURES, fixture_bytes

PAGE = fixture_bytes("pages", "harbor-council.html")
STORY = fixture_bytes("texts", "wire-reuters.txt")


def read(*specs: str, **options: object) -> list[Document | InputFailure]:
    return list(iter_documents(specs, **options))  # type: ignore[arg-type]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "2024" / "03").mkdir(parents=True)
    (tmp_path / "story.txt").write_bytes(STORY)
    (tmp_path / "2024" / "page.html").write_bytes(PAGE)
    (tmp_path / "2024" / "03" / "saved.htm.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "2024" / "notes.docx").write_bytes(b"PK\x03\x04 not ours")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "hidden.txt").write_text("not an article", encoding="utf-8")
    return tmp_path


def test_a_folder_is_searched_recursively_for_article_files(folder: Path) -> None:
    items = read(str(folder))
    origins = [Path(i.origin).relative_to(folder).as_posix() for i in items]
    assert origins == ["2024/03/saved.htm.gz", "2024/page.html", "story.txt"]
    assert all(isinstance(i, Document) for i in items)


def test_html_and_gzip_compressed_html_files_are_read_as_html(folder: Path) -> None:
    gz, html, text = read(str(folder))
    assert isinstance(gz, Document) and isinstance(html, Document) and isinstance(text, Document)
    assert gz.html == html.html == PAGE.decode("utf-8")
    assert gz.id == "saved" and html.id == "page" and text.id == "story"
    assert text.text == STORY.decode("utf-8")


def test_a_glob_pattern_is_expanded(folder: Path) -> None:
    items = read(str(folder / "**" / "*.html"))
    assert [Path(i.origin).name for i in items] == ["page.html"]


def test_a_glob_matching_nothing_and_a_missing_file_are_reported(tmp_path: Path) -> None:
    nothing, missing = read(str(tmp_path / "*.html"), str(tmp_path / "absent.txt"))
    assert isinstance(nothing, InputFailure) and "no file matches" in str(nothing.error)
    assert isinstance(missing, InputFailure) and missing.error.code == "AT101"


def test_an_empty_folder_is_reported(tmp_path: Path) -> None:
    (failure,) = read(str(tmp_path))
    assert isinstance(failure, InputFailure) and failure.error.code == "AT101"
    assert "no article files" in str(failure.error)


def test_a_truncated_gzip_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(gzip.compress(PAGE)[:200])
    good = tmp_path / "good.html"
    good.write_bytes(PAGE)
    failure, doc = read(str(cut), str(good))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT108"
    assert "truncated or corrupt gzip" in str(failure.error)
    assert isinstance(doc, Document)


def test_a_50_mb_page_is_refused_in_one_line(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as stream:
        stream.write(b"<html><body>")
        stream.truncate(50 * 1024 * 1024)  # a sparse 50 MB file
    (failure,) = read(str(big))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == "AT104"
    assert f"{DEFAULT_MAX_BYTES:,}" in str(failure.error)
    assert "\n" not in failure.line()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("scan.html", b"%PDF-1.5\n%binary\n", "AT102"),
        ("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "AT102"),
        ("empty.txt", b"   \n\n", "AT105"),
        ("nul.txt", b"abc\x00\x01\x02def" * 10, "AT102"),
    ],
)
def test_binary_or_empty_files_are_refused(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (failure,) = read(str(path))
    assert isinstance(failure, InputFailure)
    assert failure.error.code == code


def test_a_page_with_no_article_fails_at_cleaning_with_its_name() -> None:
    (doc,) = read(str(FIXTURES / "pages" / "no-article.html"))
    assert isinstance(doc, Document)
    with pytest.raises(ExtractionError, match=r"no-article\.html"):
        clean_document(doc)


def test_stdin_text_is_read() -> None:
    (doc,) = read("-", stdin=io.BytesIO(STORY))
    assert isinstance(doc, Document) and doc.origin == "stdin" and doc.text == STORY.decode("utf-8")


def test_stdin_html_is_detected_and_gzip_on_stdin_decompressed() -> None:
    (doc,) = read("-", stdin=io.BytesIO(gzip.compress(PAGE)))
    assert isinstance(doc, Document) and doc.html == PAGE.decode("utf-8")


def test_input_format_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)
    (doc,) = read(str(path), input_format="text")
    assert isinstance(doc, Document) and doc.html is None and doc.text is not None


def test_an_unknown_input_format_is_a_settings_error() -> None:
    with pytest.raises(SettingsError):
        iter_documents(["x"], input_format="pdf")


def test_a_named_pipe_is_refused_without_being_opened_and_the_batch_goes_on(tmp_path: Path) -> None:
    """Opening a FIFO blocks until something writes to it: the batch would wait forever."""
    import os
    import threading

    fifo = tmp_path / "articles.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.html"
    good.write_bytes(PAGE)
    results: list[list[Document | InputFailure]] = []
    reader = threading.Thread(target=lambda: results.append(read(str(fifo), str(good))), daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # let the blocked open() return so the test process can end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a named pipe blocked")
    failure, doc = results[0]
    assert isinstance(failure, InputFailure) and failure.error.code == "AT101"
    assert str(failure.error).startswith(f"[AT101] {fifo} is a named pipe (FIFO), not a regular file")
    assert "'-' to read standard input" in str(failure.error)
    assert isinstance(doc, Document)


def test_a_device_is_refused_as_not_a_regular_file() -> None:
    (failure,) = read("/dev/zero")
    assert isinstance(failure, InputFailure)
    assert "/dev/zero is a character device, not a regular file" in str(failure.error)
