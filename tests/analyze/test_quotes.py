"""Quotation marks as news text really has them: never a crash, spans a reader expects."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accordingto.analyze.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_double_quotes() -> None:
    text = "“We will rebuild,” the mayor said."
    assert quoted(text) == ["“We will rebuild,”"]


def test_straight_double_quotes() -> None:
    text = 'He said "the plan is dead" and left.'
    assert quoted(text) == ['"the plan is dead"']


def test_guillemets() -> None:
    text = "Le ministre a déclaré «nous resterons» hier; the minister said «we will stay»."
    assert quoted(text) == ["«nous resterons»", "«we will stay»"]


def test_apostrophes_inside_words_are_not_quotes() -> None:
    text = "They’d said Hamas’s leaders weren’t in the ’90s tunnels, the officials’ report said."
    assert quoted(text) == []


def test_single_quotes_used_as_quotation_marks() -> None:
    text = "The senator said 'we are not going anywhere' on Friday."
    assert quoted(text) == ["'we are not going anywhere'"]


def test_nested_single_quotes_stay_inside_the_double_quote() -> None:
    text = "“He told me ‘never again,’ and meant it,” she said."
    assert quoted(text) == ["“He told me ‘never again,’ and meant it,”"]


def test_quote_left_open_across_paragraphs_is_one_chain() -> None:
    text = "“The first paragraph of the statement ends here.\n\n“And the second paragraph closes it,” he said."
    quotes = find_quotes(text)
    assert [q.closed for q in quotes] == [False, True]
    assert quotes[0].chain == quotes[1].chain
    assert text[quotes[0].start : quotes[0].end] == "“The first paragraph of the statement ends here."


def test_bulleted_paragraph_reopening_keeps_the_chain() -> None:
    text = "Sullivan told reporters, “The president made no declarations.\n\n  • “Our position is clear,” he said."
    quotes = find_quotes(text)
    assert len(quotes) == 2 and quotes[0].chain == quotes[1].chain


def test_stray_opening_mark_quotes_only_to_the_end_of_its_paragraph() -> None:
    text = "The mayor said “this is a stray mark\n\nA new paragraph starts here without quotes."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert not quotes[0].closed
    assert text[quotes[0].start : quotes[0].end] == "“this is a stray mark"


def test_stray_closing_mark_is_ignored() -> None:
    assert quoted("Nothing here is quoted” at all.") == []


def test_typewriter_double_marks() -> None:
    text = "''I cannot support my party's nominee,'' Mr. Kirk said, calling it ``a hard choice.''"
    assert quoted(text) == ["''I cannot support my party's nominee,''", "``a hard choice.''"]


def test_two_curly_singles_close_a_double_quotation() -> None:
    text = "“We will not back down,’’ the mayor said. She called it a ‘‘hard choice’’ for the city."
    assert quoted(text) == ["“We will not back down,’’", "‘‘hard choice’’"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”\"'‘’«»`")), max_size=80))
def test_never_crashes_and_spans_stay_in_bounds(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)


def test_single_quotation_marks_make_direct_quotes_but_apostrophes_do_not() -> None:
    from accordingto.analyze.quotes import quote_type

    text = "'It is over,' she said. The officials' view: the deal was 'dead on arrival' and Hamas's too."
    assert quote_type(text, [(0, 13)]) == "direct"
    inner = text.index("the deal")
    assert quote_type(text, [(inner, text.index(" and Hamas"))]) == "mixed"
    assert quote_type(text, [(text.index("Hamas"), len(text) - 1)]) == "indirect"


def test_british_style_speech_is_direct_in_the_analysis(analyse) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse("'It is over, and we have lost,' she said after the count.")
    assert [a.type for a in analysis.attributions] == ["direct"]
