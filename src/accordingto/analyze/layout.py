"""Paragraphs of a plain text, the way news text arrives.

A newline ends a paragraph, unless the text is hard-wrapped (lines cut at a fixed width,
paragraphs separated by blank lines), where only blank lines do. Paragraph breaks are
also sentence breaks: a headline without a full stop must not run into the first
sentence, and a quotation never continues past its paragraph without reopening.
"""

from __future__ import annotations

import functools
import itertools
import re

import numpy
from spacy.language import Language
from spacy.tokens import Doc

MIN_WRAPPED_LINES = 5


def is_hard_wrapped(text: str) -> bool:
    """Whether lines are cut at a fixed width: most lines that continue a paragraph are
    about as long as the longest line, and that width is typical of wrapping (<= 100)."""
    lines = text.split("\n")
    inner = [len(line.rstrip()) for line, nxt in itertools.pairwise(lines) if line.strip() and nxt.strip()]
    if len(inner) < MIN_WRAPPED_LINES:
        return False
    ordered = sorted(inner)
    width = ordered[int(0.9 * (len(ordered) - 1))]
    if width > 100 or width < 40:
        return False
    near = sum(1 for n in inner if 0.7 * width <= n <= width + 2)
    return near >= 0.8 * len(inner)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, end excluding the newline."""
    return list(_paragraphs_of(text))


@functools.lru_cache(maxsize=4)
def _paragraphs_of(text: str) -> tuple[tuple[int, int], ...]:
    # kept for the last few texts: the quotation finder and the rules' context read the same text
    return tuple(_find_paragraphs(text))


def _find_paragraphs(text: str) -> list[tuple[int, int]]:
    wrapped = is_hard_wrapped(text)
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    # from newline to newline (str.find), not character by character: a long text has few
    i = text.find("\n")
    while i != -1:
        if wrapped:
            j = i + 1
            while j < n and text[j] in " \t\r\u00a0":
                j += 1
            if j < n and text[j] != "\n":
                i = text.find("\n", i + 1)
                continue  # a line cut at the wrapping width: the paragraph goes on
        if text[start:i].strip():
            spans.append((start, i))
        start = i + 1
        i = text.find("\n", i + 1)
    if text[start:n].strip():  # the end of the text ends the last paragraph
        spans.append((start, n))
    return spans


#: "Q:" / "A:" (or "Q." / "A.") opening a paragraph of an interview
_INTERVIEW_LABEL = re.compile(r"(Q|A)\s*[:.]\s+(?=\S)")


def interview_answers(text: str) -> frozenset[tuple[int, int]]:
    """The "A:" labels (start, end of the letter) of a question-and-answer interview: only in a
    text with both question and answer paragraphs."""
    return _interview_labels(text)[1]


def first_question(text: str) -> int | None:
    """Where the first "Q:" paragraph of an interview starts."""
    return _interview_labels(text)[0]


@functools.lru_cache(maxsize=4)
def _interview_labels(text: str) -> tuple[int | None, frozenset[tuple[int, int]]]:
    # read once per text: every mention of a long article asks whether it is an answer's "A"
    questions: list[int] = []
    answers: list[tuple[int, int]] = []
    for start, _ in paragraphs(text):
        found = _INTERVIEW_LABEL.match(text, start)
        if found and found.group(1) == "Q":
            questions.append(start)
        elif found:
            answers.append((start, start + 1))
    if not questions or not answers:
        return None, frozenset()
    return questions[0], frozenset(answers)


def paragraph_starts(text: str) -> list[int]:
    """Offset of the first non-space character of each paragraph."""
    starts = []
    for start, end in paragraphs(text):
        j = start
        while j < end and text[j].isspace():
            j += 1
        starts.append(j)
    return starts


class ParagraphBreaker:
    """Marks the first token of each paragraph as a sentence start (before the parser)."""

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        # the token at each paragraph start, by binary search over the token offsets: a
        # document has far fewer paragraphs than tokens
        offsets = doc.to_array("IDX")
        for start in sorted(set(paragraph_starts(doc.text))):
            k = int(numpy.searchsorted(offsets, start))
            if 1 <= k < len(doc) and offsets[k] == start and not doc[k].is_space:
                doc[k].is_sent_start = True
        return doc


@Language.factory("accordingto_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_breaker(nlp: Language, name: str) -> ParagraphBreaker:
    return ParagraphBreaker()
