"""Paragraphs of plain text: newlines, blank lines, hard wrapping."""

from __future__ import annotations

from accordingto.analyze.layout import interview_answers, is_hard_wrapped, paragraphs


def test_each_line_is_a_paragraph_in_ordinary_text() -> None:
    text = "Headline without a full stop\nFirst sentence of the story.\n\nSecond paragraph."
    assert [text[s:e] for s, e in paragraphs(text)] == [
        "Headline without a full stop",
        "First sentence of the story.",
        "Second paragraph.",
    ]


def test_hard_wrapped_text_keeps_its_paragraphs_whole() -> None:
    line = "The council voted late on Tuesday to approve the budget after a long debate,"
    text = "\n".join([line] * 6) + "\n\n" + "\n".join([line] * 6)
    assert is_hard_wrapped(text)
    assert len(paragraphs(text)) == 2


def test_headline_is_its_own_sentence(analyzer) -> None:  # type: ignore[no-untyped-def]
    doc = analyzer.nlp("Christie Says He Would Issue A Quarantine\nChris Christie said he would quarantine people.")
    assert next(s.text.strip() for s in doc.sents) == "Christie Says He Would Issue A Quarantine"


def test_answer_labels_count_only_in_a_text_with_questions() -> None:
    interview = "Intro.\n\nQ: Why now?\n\nA: Because it was time.\n\nA. And because we could."
    assert [interview[s : s + 2] for s, _ in sorted(interview_answers(interview))] == ["A:", "A."]
    assert interview_answers("A: the first letter of the alphabet.") == frozenset()
