"""Direct quotes in comparable form, for following one quote from article to article.

A *quote* is the words inside quotation marks in a direct or mixed attribution (the whole
content of a direct attribution whose marks the analysis left out). Two quotes are the same
when their *normalised* forms (quote marks, punctuation, case, accents and whitespace
removed) share enough word 4-grams ("shingles"):

    shared shingles / shingles of the shorter quote >= LINK_THRESHOLD

which links the identical, the re-punctuated, the trimmed ("...will compete vigorously")
and the lightly edited (one word changed in a sentence) while two different sentences that
share a common phrase stay apart. Quotes under MIN_WORDS words ("no comment", "fake news")
are too common to say anything about who copied whom and are not linked.

The store keeps each quote's shingles in ``quote_shingles`` (an inverted index), so finding
every article that carries a quote is a few index lookups, measured in benchmarks/corpus.py.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from accordingto.analyze import lexicon
from accordingto.models import Attribution, Span

SHINGLE_WORDS = 4
MIN_WORDS = 6
LINK_THRESHOLD = 0.6
QUOTED_TYPES = frozenset({"direct", "mixed"})

# Opening mark -> the marks that close it (resources/quote_marks.tsv); a straight double mark
# closes itself. A straight single mark opens a quote only at the start of a span (inside one
# it is an apostrophe far more often).
_PAIRS = {
    q.mark: q.partners for q in lexicon.quote_marks().values() if q.direction in ("open", "either") and q.mark != "'"
}
_MARKS = "".join(lexicon.quote_marks())
_WORD = re.compile(r"\w+(?:'\w+)*", re.UNICODE)
_APOSTROPHES = lexicon.apostrophe_folding()


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words at ``start:end`` of the article text, in normalised form."""

    start: int
    end: int
    text: str
    normalized: str


def normalize(text: str) -> str:
    """Lower case words without accents or punctuation, one space apart."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(w.replace("'", "") for w in _WORD.findall(plain))


def shingles(normalized: str) -> set[int]:
    """Signed 64-bit hashes of every run of SHINGLE_WORDS words (SQLite INTEGER-sized)."""
    words = normalized.split()
    if len(words) < MIN_WORDS:
        return set()
    grams = (" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big", signed=True) for g in grams}


def overlap(shared: int, a: int, b: int) -> float:
    """Shared shingles over those of the shorter quote: 1.0 when one is contained in the other."""
    smaller = min(a, b)
    return shared / smaller if smaller else 0.0


def _quoted_parts(span: Span, article_text: str) -> Iterator[tuple[int, int]]:
    """Offsets (in the article) of the text between matching quotation marks in a span."""
    text, i = article_text[span.start : span.end], 0
    while i < len(text):
        closers = _PAIRS.get(text[i]) or ("'" if text[i] == "'" and i == 0 else None)
        if closers is None:
            i += 1
            continue
        close = min((j for j in (_closing(text, c, i + 1) for c in closers) if j != -1), default=-1)
        if close == -1:  # a quote left open (it goes on in the next paragraph): to the end
            close = len(text)
        yield span.start + i + 1, span.start + close
        i = close + 1


def _closing(text: str, mark: str, start: int) -> int:
    """The next ``mark`` from ``start`` that closes a quote: a single mark between two letters
    (don’t, Hamas’s) is an apostrophe."""
    j = text.find(mark, start)
    while j != -1 and not lexicon.quote_marks()[mark].double and 0 < j < len(text) - 1:
        if not (text[j - 1].isalnum() and text[j + 1].isalnum()):
            break
        j = text.find(mark, j + 1)
    return j


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding whitespace, quote marks and trailing punctuation."""
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(_MARKS + " \n\t"))
    right = len(piece.rstrip(_MARKS + " \n\t,.;:"))
    return start + left, start + max(left, right)


def quotes_of(attribution: Attribution, article_text: str) -> list[Quote]:
    """The quotes of a direct or mixed attribution that are long enough to be followed."""
    if attribution.type not in QUOTED_TYPES:
        return []
    found: list[Quote] = []
    for span in attribution.content:
        parts = list(_quoted_parts(span, article_text))
        if not parts and attribution.type == "direct":
            parts = [(span.start, span.end)]
        for start, end in parts:
            start, end = _trimmed(article_text, start, end)
            text = article_text[start:end]
            normalized = normalize(text)
            if len(normalized.split()) >= MIN_WORDS:
                found.append(Quote(start, end, text, normalized))
    return found
