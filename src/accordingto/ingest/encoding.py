"""Bytes -> str: refuse binary data, find the encoding, repair clear mojibake.

The order follows what browsers do (WHATWG "encoding sniffing"): a byte-order mark wins,
then a declared charset (HTTP header, ``<meta charset>``), then strict UTF-8, then
Windows-1252 (the superset of Latin-1 that browsers use) when the text reads as Western
text, and only then statistical detection (charset-normalizer). A declared charset that
does not decode the bytes is ignored rather than trusted: pages that lie about their
encoding are common. The last two are guesses, and say so: ``Decoded.guessed`` and
``meta["encoding_guessed"]``.

Windows-1252 comes before statistical detection because the detector reads short
English text with a few accents ("rôle", "naïve") as cp1250, johab or EBCDIC. This
tool analyses English, whose undeclared 8-bit text is Western; Central European text
read this way gets a few wrong letters, and is then refused as not English anyway.

Mojibake (UTF-8 read as Windows-1252 somewhere upstream: "dÃ©jÃ  vu") is repaired with
ftfy's encoding fixer only, and only when ftfy judges the text clearly bad, so a text
that is fine is never touched; quotes, ligatures and line breaks are left as they are.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

from accordingto.errors import BinaryInputError, DecodeError, EmptyInputError

#: Leading bytes of formats that are never article text, and what to call them.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP, WAV or AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x00\x00\x00 ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x1cftyp", "an MP4 video"),
    (b"ID3\x03", "an MP3 file"),
    (b"ID3\x04", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Browsers decode these labels as Windows-1252, a superset, and so must we: pages
# declaring ISO-8859-1 routinely contain curly quotes in the 0x80-0x9F range.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SNIFF_BYTES = 4096
#: Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.01
_TOKEN = re.compile(r"\S+")
#: Share of accented words that may be mostly non-ASCII in text read as Western (names: "Åsa").
_MAX_FOREIGN_SHARE = 0.2

_MOJIBAKE_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding it was read with, whether that encoding was guessed
    (neither declared nor UTF-8) and whether mojibake was repaired."""

    text: str
    encoding: str
    repaired: bool = False
    guessed: bool = False

    def meta(self) -> dict[str, object]:
        info: dict[str, object] = {"encoding": self.encoding}
        if self.guessed:
            info["encoding_guessed"] = True
        if self.repaired:
            info["repaired"] = "mojibake"
        return info


def binary_kind(data: bytes) -> str | None:
    """What a binary file is ("a PDF document"...) when its first bytes say so, else None."""
    head = data[:16]
    for signature, kind in BINARY_SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_bytes(data: bytes, origin: str, *, declared: str | None = None) -> Decoded:
    """Decode bytes that should be text, or raise a one-line InputError saying why not."""
    if not data.strip():
        raise EmptyInputError(f"{origin} is empty")
    decoded = _decode_with_bom(data) or _decode_declared(data, declared) or _decode_utf8(data)
    if decoded is None:
        _refuse_binary(data, origin)
        decoded = _decode_western(data) or _decode_detected(data, origin)
    _refuse_control_heavy(decoded.text, origin)
    return repair_mojibake(decoded)


def decode_text(data: bytes, origin: str) -> Decoded:
    """Plain text bytes -> text."""
    _refuse_binary(data, origin)
    return decode_bytes(data, origin)


def decode_html(data: bytes, origin: str, *, http_charset: str | None = None) -> Decoded:
    """HTML bytes -> str, honouring the HTTP charset, then the page's ``<meta charset>``."""
    _refuse_binary(data, origin)
    return decode_bytes(data, origin, declared=http_charset or meta_charset(data))


def repair_mojibake(decoded: Decoded) -> Decoded:
    """Undo UTF-8-read-as-Windows-1252 damage when it is clear, else change nothing."""
    if not ftfy.is_bad(decoded.text):
        return decoded
    fixed = ftfy.fix_text(decoded.text, config=_MOJIBAKE_ONLY)
    if fixed == decoded.text:
        return decoded
    return Decoded(fixed, decoded.encoding, repaired=True, guessed=decoded.guessed)


def _refuse_binary(data: bytes, origin: str) -> None:
    kind = binary_kind(data)
    if kind is not None:
        raise BinaryInputError(f"{origin} is {kind}, not text or HTML")
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith(tuple(b for b, _ in _BOMS)):
        raise BinaryInputError(f"{origin} looks like binary data, not text")


def _refuse_control_heavy(text: str, origin: str) -> None:
    sample = text[: _SNIFF_BYTES * 4]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInputError(f"{origin} looks like binary data, not text")


def _decode_with_bom(data: bytes) -> Decoded | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.replace("-sig", ""))
            except UnicodeDecodeError:
                return None
    return None


def _decode_declared(data: bytes, declared: str | None) -> Decoded | None:
    codec = normalise_charset(declared)
    if codec is None:
        return None
    try:
        return Decoded(data.decode(codec), codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return None


def _decode_western(data: bytes) -> Decoded | None:
    """The bytes as Windows-1252, when they decode and read as Western text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are not cp1252
        return None
    return Decoded(text, "cp1252", guessed=True) if reads_as_western(text) else None


def reads_as_western(text: str) -> bool:
    """Whether non-ASCII letters sit inside mostly-ASCII words ("rôle", "Größe", "à"), as in
    Western European text. Text in another 8-bit or double-byte encoding read as cp1252 makes
    whole words of accented letters instead ("Ïðèâåò", "¤¤¤å")."""
    words = [w for w in _TOKEN.findall(text) if not w.isascii()]
    if not words:
        return True
    foreign = sum(1 for w in words if len(w) > 2 and _ascii_share(w) < 0.5)
    return foreign <= _MAX_FOREIGN_SHARE * len(words)


def _ascii_share(word: str) -> float:
    return sum(1 for c in word if c.isascii()) / len(word)


def _decode_detected(data: bytes, origin: str) -> Decoded:
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(f"{origin}: the text encoding could not be worked out")
    return Decoded(str(best), normalise_charset(best.encoding) or best.encoding, guessed=True)
