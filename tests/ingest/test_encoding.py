"""Encodings: non-UTF-8 text and HTML decoded correctly, clear mojibake repaired, good text untouched."""

from __future__ import annotations

import codecs
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest

from accordingto.errors import BinaryInputError
from accordingto.ingest import Document, iter_documents
from accordingto.ingest.encoding import decode_html, decode_text, normalise_charset
from tests.ingest.ingest_helpers import FIXTURES

FRENCH = (
    "« C’est une année exceptionnelle », a déclaré la directrice générale, Élodie Tremblay, "
    "qui attribue ce succès à la météo clémente et à une programmation plus variée. "
    "Les commerçants du centre-ville ont toutefois déploré des difficultés d’accès."
)
RUSSIAN = (
    "Правительство объявило в понедельник о новом пакете мер поддержки малого бизнеса, "
    "сообщил министр экономики. По его словам, программа начнёт работать уже в следующем месяце."
)


def test_utf8_text_is_returned_unchanged() -> None:
    text = "“Quotes”, dashes — and accents: naïve café. Nothing to repair here."
    decoded = decode_text(text.encode("utf-8"), "a.txt")
    assert decoded.text == text and decoded.encoding == "utf-8" and not decoded.repaired


@pytest.mark.parametrize(("text", "codec"), [(FRENCH, "cp1252"), (RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r")])
def test_undeclared_legacy_encodings_are_detected(text: str, codec: str) -> None:
    assert decode_text(text.encode(codec), "old.txt").text == text


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_a_byte_order_mark_decides(codec: str) -> None:
    decoded = decode_text(FRENCH.encode(codec), "bom.txt")
    assert decoded.text == FRENCH


def test_a_declared_iso_8859_1_page_is_read_as_windows_1252_like_browsers_do() -> None:
    data = (FIXTURES / "pages" / "festival-cp1252.html").read_bytes()
    decoded = decode_html(data, "festival.html")
    assert decoded.encoding == "cp1252"
    assert "des “difficultés” d’accès" in decoded.text  # curly quotes live in 0x80-0x9F


def test_a_wrong_http_charset_is_ignored_when_it_cannot_decode() -> None:
    page = "<html><body><p>Prix annoncés : 12 €, déjà réservés.</p></body></html>".encode()
    assert "12 €, déjà" in decode_html(page, "p.html", http_charset="us-ascii").text


def test_clear_mojibake_is_repaired_and_recorded(tmp_path: Path) -> None:
    original = "The minister’s office said the “plan” would cost €3 million, officials said."
    # read as Windows-1252 once somewhere upstream (bytes it has no character for kept as-is), saved again
    broken = original.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    path = tmp_path / "mojibake.txt"
    path.write_bytes(broken)
    (doc,) = iter_documents([str(path)])
    assert isinstance(doc, Document)
    assert doc.text == original
    assert doc.meta == {"encoding": "utf-8", "repaired": "mojibake"}


def test_text_that_only_looks_unusual_is_not_repaired() -> None:
    text = "Ångström, Øresund, São Paulo, Kraków — and a price of 5¢ or £3."
    decoded = decode_text(text.encode("utf-8"), "names.txt")
    assert decoded.text == text and not decoded.repaired


def test_binary_bytes_that_decode_as_something_are_still_refused() -> None:
    data = bytes(range(1, 32)) * 50 + b"some text"
    with pytest.raises(BinaryInputError):
        decode_text(data, "blob.txt")


def test_charset_labels_map_to_python_codecs() -> None:
    assert normalise_charset("ISO-8859-1") == "cp1252"
    assert normalise_charset('"utf8"') == "utf-8"
    assert normalise_charset("no-such-charset") is None
    assert codecs.lookup(normalise_charset("Shift_JIS") or "").name == "shift_jis"


# ------------------------------------------------- undeclared 8-bit text: Western first, and said to be a guess
ROLE = "Her rôle in the café was naïve, the minister’s spokesman said – “crucial”, according to Zürich officials."


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_undeclared_western_text_is_read_as_windows_1252_not_as_johab_or_cp1250(codec: str) -> None:
    text = ROLE if codec == "cp1252" else ROLE.replace("’", "'").replace("–", "-").replace("“", '"').replace("”", '"')
    decoded = decode_text(text.encode(codec), "role.txt")
    assert decoded.text == text
    assert "rôle" in decoded.text and "naïve" in decoded.text
    assert decoded.meta() == {"encoding": "cp1252", "encoding_guessed": True}


def test_a_short_latin1_word_is_not_taken_for_a_double_byte_encoding(tmp_path: Path) -> None:
    path = tmp_path / "role.txt"
    path.write_bytes("Die Größe der Straße überraschte ihn, sagte er.".encode("latin-1"))
    (doc,) = iter_documents([str(path)])
    assert isinstance(doc, Document)
    assert doc.text == "Die Größe der Straße überraschte ihn, sagte er."
    assert doc.meta["encoding"] == "cp1252" and doc.meta["encoding_guessed"] is True


def test_utf8_and_declared_charsets_are_not_guesses() -> None:
    assert "encoding_guessed" not in decode_text(ROLE.encode("utf-8"), "role.txt").meta()
    page = b'<html><head><meta charset="windows-1252"></head><body>' + ROLE.encode("cp1252") + b"</body></html>"
    assert "encoding_guessed" not in decode_html(page, "role.html").meta()


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Привет, мир! Это тестовый текст на русском языке, сказал он.", "cp1251"),
        ("これは日本語のテキストです。東京で会議が開かれた。", "shift_jis"),
        ("한국어 텍스트입니다. 서울에서 회의가 열렸다.", "euc-kr"),
    ],
)
def test_text_in_other_8bit_or_double_byte_encodings_is_still_detected(text: str, codec: str) -> None:
    decoded = decode_text(text.encode(codec), "other.txt")
    assert decoded.text == text
    assert decoded.encoding != "cp1252" and decoded.guessed
