"""Quotation marks -> quote spans, robust to the way news text really arrives.

Handles straight and curly, double and single marks, guillemets, apostrophes inside
words (They’d, Hamas’s), a quote left open across paragraphs where each new paragraph
reopens it, and stray unmatched marks. It never raises: an unmatched opening mark
quotes to the end of its paragraph (``closed=False``), an unmatched closing mark is
ignored.

The direction of a mark is read from its context first (space before and a word after
opens; a word before and a space or punctuation after closes) and from its glyph
second, because curly marks are often wrong in scraped text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accordingto.analyze.layout import paragraphs
from accordingto.analyze.lexicon import marks_of

# every mark comes from resources/quote_marks.tsv
DOUBLE_OPEN = marks_of(double=True, direction="open")
DOUBLE_CLOSE = marks_of(double=True, direction="close")
DOUBLE_AMBIGUOUS = marks_of(double=True, direction="either")
SINGLE_OPEN = marks_of(double=False, direction="open")
SINGLE_CLOSE = marks_of(double=False, direction="close")
SINGLE_AMBIGUOUS = marks_of(double=False, direction="either")
DOUBLE_MARKS = DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_AMBIGUOUS
SINGLE_MARKS = SINGLE_OPEN | SINGLE_CLOSE | SINGLE_AMBIGUOUS
ALL_MARKS = DOUBLE_MARKS | SINGLE_MARKS

_OPENING_CONTEXT = frozenset(" \t\n\r\u00a0([{—–-/•*:;,")
_CLOSING_CONTEXT = frozenset(" \t\n\r\u00a0)]}—–-/.,;:!?…\u2060")
_BULLETS = frozenset("•·*-–—▪►●◦ \t\u00a0")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted stretch, marks included: ``text[start:end]``.

    closed: False when the quote ran to the end of its paragraph without a closing mark.
    chain: quotes of one multi-paragraph quotation share a chain number.
    """

    start: int
    end: int
    closed: bool
    chain: int
    double: bool = True

    @property
    def inner_start(self) -> int:
        return self.start + 1

    def inner_end(self, text: str) -> int:
        if self.closed and self.end > self.start + 1 and text[self.end - 1] in ALL_MARKS:
            return self.end - 1
        return self.end


def _direction(text: str, i: int, opens: frozenset[str], closes: frozenset[str]) -> str:
    """'open', 'close' or 'either' for the mark at ``text[i]``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    open_ctx = before in _OPENING_CONTEXT and not after.isspace()
    close_ctx = (not before.isspace()) and (after in _CLOSING_CONTEXT or after in ALL_MARKS)
    if open_ctx and not close_ctx:
        return "open"
    if close_ctx and not open_ctx:
        return "close"
    ch = text[i]
    if ch in opens:
        return "open"
    if ch in closes:
        return "close"
    return "either"


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark inside a word (They’d, Hamas’s, rock’n’roll) or eliding a year (’90s)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return before in " (\n" and after.isdigit()


def _opens_paragraph(text: str, i: int) -> bool:
    """Whether the mark at ``i`` is the first thing on its line, bullets aside."""
    j = i - 1
    while j >= 0 and text[j] in _BULLETS:
        j -= 1
    return j < 0 or text[j] == "\n"


_PAIR_FILLER = "\u2060"  # word joiner: keeps offsets when a two-character mark becomes one
#: two single marks written for one double mark, and the double mark each stands for
_PAIRED_MARKS = {"``": "“", "''": '"', "‘‘": "“", "’’": "”"}


def _fold_paired_marks(text: str) -> str:
    """Typewriter doubles written as two characters (``like this'' in older newswire and
    the New York Times archive, or the same pairs that an editor's autocorrect turned into
    curly singles: “like this’’) become one double mark plus a filler, same length."""
    if not any(pair in text for pair in _PAIRED_MARKS):
        return text
    for pair, mark in _PAIRED_MARKS.items():
        text = text.replace(pair, mark + _PAIR_FILLER)
    return text


def find_quotes(text: str) -> list[Quote]:
    """All top-level double-quoted stretches, then single-quoted ones outside them."""
    folded = _fold_paired_marks(text)
    doubles = [
        _unfold(q, folded) for q in _scan(folded, DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_AMBIGUOUS, apostrophes=False)
    ]
    covered = [(q.start, q.end) for q in doubles]
    singles = [
        q
        for q in _scan(folded, SINGLE_OPEN, SINGLE_CLOSE, SINGLE_AMBIGUOUS, apostrophes=True)
        if not any(s <= q.start < e for s, e in covered)
    ]
    singles = [Quote(q.start, q.end, q.closed, q.chain + len(doubles) + 1, double=False) for q in singles]
    return sorted(doubles + singles, key=lambda q: q.start)


def _unfold(quote: Quote, folded: str) -> Quote:
    """A quote closed by a two-character mark ends after both characters."""
    if quote.end < len(folded) and folded[quote.end] == _PAIR_FILLER:
        return Quote(quote.start, quote.end + 1, quote.closed, quote.chain, quote.double)
    return quote


def _scan(
    text: str,
    opens: frozenset[str],
    closes: frozenset[str],
    ambiguous: frozenset[str],
    *,
    apostrophes: bool,
) -> list[Quote]:
    marks = opens | closes | ambiguous
    find_marks = _mark_finder(marks)
    quotes: list[Quote] = []
    chain = 0
    carried = False  # the previous paragraph ended inside a quote
    for para_start, para_end in paragraphs(text):
        open_at: int | None = None
        # from mark to mark: a regex jumps over the text between, which is nearly all of it
        for found in find_marks.finditer(text, para_start, para_end):
            i = found.start()
            ch = text[i]
            if apostrophes and _is_apostrophe(text, i):
                continue
            direction = _direction(text, i, opens, closes)
            if open_at is None:
                if direction == "close":
                    continue  # a trailing apostrophe (the officials’ view) or a stray mark
                if not (carried and _opens_paragraph(text, i)):
                    chain += 1
                open_at = i
                carried = False
            elif direction == "open" and ch not in closes:
                if not apostrophes:
                    # Two openings in one paragraph: the first was stray; start again here.
                    chain += 1
                    open_at = i
            else:
                quotes.append(Quote(open_at, i + 1, True, chain, not apostrophes))
                open_at = None
        carried = False
        if open_at is not None:
            quotes.append(Quote(open_at, _trim_end(text, open_at, para_end), False, chain, not apostrophes))
            carried = True
    return [q for q in quotes if q.end - q.start > 1]


@cache
def _mark_finder(marks: frozenset[str]) -> re.Pattern[str]:
    """A pattern matching any one of the (one-character) marks."""
    chars = sorted(m for m in marks if len(m) == 1)
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]" if chars else r"(?!)")


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


# ----------------------------------------------------------------------------- types
_PIECE_EDGES = ".,;:!?—–- \n\t\u00a0"


def _piece(text: str, start: int, end: int) -> tuple[int, int]:
    """A content span without the spaces and sentence punctuation around it."""
    while start < end and text[start] in _PIECE_EDGES:
        start += 1
    while end > start and text[end - 1] in _PIECE_EDGES:
        end -= 1
    return start, end


#: a transcript's speaker label opening a quoted paragraph ('"WALLACE: Let us start...')
_QUOTED_LABEL = re.compile(r"[\"“]?[A-Z][A-Z.'’ -]{0,40}:\s*")


def _wholly(quote: Quote, start: int, end: int, text: str) -> bool:
    """Whether the quote is the piece: the same stretch, give or take punctuation at its ends,
    and a speaker's label opening it ('"WALLACE: Let us start...': the words are WALLACE's)."""
    q_start, q_end = _piece(text, quote.start, quote.end)
    if q_start < start and (label := _QUOTED_LABEL.match(text, q_start)) is not None and label.end() <= start:
        q_start = label.end()
    return q_start <= start and end <= q_end and (start - q_start) + (q_end - end) <= 2


def quote_type(
    text: str, content: list[tuple[int, int]] | tuple[tuple[int, int], ...], quotes: list[Quote] | None = None
) -> str:
    """direct (every piece is a quotation, double or single marks), mixed (quoted words inside
    paraphrase), or indirect. One definition for the analysis and its evaluation. A single-quoted
    stretch counts as a quotation when the quote finder took it for one (apostrophes inside
    words never do); inside paraphrase it must be two words or more (a 'term' is not speech)."""
    found = find_quotes(text) if quotes is None else quotes
    pieces = [p for p in (_piece(text, s, e) for s, e in content) if p[1] > p[0]]
    if not pieces:
        return "indirect"
    inside = [[q for q in found if q.start < e and s < q.end] for s, e in pieces]
    if all(any(_wholly(q, s, e, text) for q in qs) for (s, e), qs in zip(pieces, inside, strict=True)):
        return "direct"
    for qs in inside:
        if any(q.double or len(text[q.start : q.end].split()) >= 2 for q in qs):
            return "mixed"
    return "indirect"


def attribution_type(
    text: str,
    content: list[tuple[int, int]] | tuple[tuple[int, int], ...],
    pattern: str,
    quotes: list[Quote] | None = None,
) -> str:
    """The quote type, or according_to for an unquoted "according to X"."""
    kind = quote_type(text, content, quotes)
    return "according_to" if kind == "indirect" and pattern == "according_to" else kind
