"""Quotes in comparable form: what is normalised away, what is found inside an attribution,
and which pairs count as the same quote."""

from __future__ import annotations

from accordingto.link.quotes import LINK_THRESHOLD, MIN_WORDS, normalize, overlap, quotes_of, shingles
from accordingto.models import Attribution, Span

QUOTE = "We will not cross that red line, whatever the pressure from our allies"


def _similarity(a: str, b: str) -> float:
    sa, sb = shingles(normalize(a)), shingles(normalize(b))
    return overlap(len(sa & sb), len(sa), len(sb))


def test_quote_marks_case_accents_and_whitespace_do_not_matter() -> None:
    variants = [
        f"“{QUOTE}.”",
        f'"{QUOTE},"',
        f"«{QUOTE.upper()}»",
        QUOTE.replace(" ", "  \n "),
        QUOTE.replace("allies", "alliés"),
    ]
    assert {normalize(v) for v in variants} == {normalize(QUOTE)}


def test_apostrophes_of_every_shape_are_one() -> None:
    assert normalize("We won’t go") == normalize("We won't go") == "we wont go"


def test_identical_trimmed_and_lightly_edited_quotes_are_the_same() -> None:
    assert _similarity(QUOTE, QUOTE) == 1.0
    assert _similarity(QUOTE, "whatever the pressure from our allies") == 1.0  # a trimmed repeat
    edited = QUOTE.replace("our allies", "allies")
    assert _similarity(QUOTE, edited) >= LINK_THRESHOLD


def test_different_sentences_sharing_a_phrase_are_not() -> None:
    other = "We will not cross that bridge until the budget has been approved by parliament"
    assert _similarity(QUOTE, other) < LINK_THRESHOLD


def test_short_quotes_are_not_followed() -> None:
    assert shingles(normalize("No comment at all")) == set()
    assert len(normalize(QUOTE).split()) >= MIN_WORDS


def _attribution(kind: str, text: str, start: int, end: int) -> Attribution:
    return Attribution("A1", kind, [Span(start, end, text[start:end])])


def test_the_quoted_part_of_a_mixed_attribution_is_the_quote() -> None:
    text = f"Ferrante said the government “{QUOTE}” and left."
    start = text.index("the government")
    found = quotes_of(_attribution("mixed", text, start, text.index(" and left")), text)
    assert [q.text for q in found] == [QUOTE]
    assert text[found[0].start : found[0].end] == QUOTE


def test_a_direct_attribution_without_marks_is_quoted_whole() -> None:
    text = f"{QUOTE}, Ferrante said."
    found = quotes_of(_attribution("direct", text, 0, len(QUOTE)), text)
    assert [q.text for q in found] == [QUOTE]


def test_a_quote_left_open_runs_to_the_end_of_the_span() -> None:
    text = f"“{QUOTE} and more words here"
    found = quotes_of(_attribution("direct", text, 0, len(text)), text)
    assert found[0].text == f"{QUOTE} and more words here"


def test_indirect_speech_has_no_quote() -> None:
    text = f"Ferrante said that {QUOTE}."
    assert quotes_of(_attribution("indirect", text, 19, 19 + len(QUOTE)), text) == []
