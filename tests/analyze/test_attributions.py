"""Attribution patterns a reader expects to be found, each with its own small text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accordingto.models import Analysis, Attribution

Analyse = Callable[[str], Analysis]


def only(analysis: Analysis, containing: str) -> Attribution:
    """The one attribution whose content contains ``containing``."""
    found = [a for a in analysis.attributions if containing in a.content_text]
    assert len(found) == 1, [a.content_text for a in analysis.attributions]
    return found[0]


def source_name(analysis: Analysis, attr: Attribution) -> str | None:
    src = analysis.source(attr.source)
    return src.name if src else None


def test_direct_quote_with_speaker_after(analyse: Analyse) -> None:
    a = analyse("The council met on Monday.\n\n“We cannot keep raising fares,” the transport minister said.")
    attr = only(a, "raising fares")
    assert attr.type == "direct"
    assert attr.content[0].text == "“We cannot keep raising fares,”"
    assert attr.cue is not None and attr.cue.text == "said"
    assert attr.source_mention is not None and attr.source_mention.text == "the transport minister"


def test_inverted_speaker_after_quote(analyse: Analyse) -> None:
    a = analyse("“The numbers do not add up,” said Hugh Hill, a doctor at the city hospital.")
    attr = only(a, "numbers do not add up")
    assert source_name(a, attr) == "Hugh Hill"
    src = a.source(attr.source)
    assert src is not None and src.role is not None and "doctor" in src.role


def test_speaker_the_parser_took_for_the_object_of_an_inverted_cue(analyse: Analyse) -> None:
    a = analyse(
        "Retail sales slowed in the autumn.\n\n"
        "“We note that the chain faced a storm headwind in the quarter,” wrote Ostrowski in a research note."
    )
    attr = only(a, "storm headwind")
    assert attr.type == "direct"
    assert attr.source_mention is not None and attr.source_mention.text == "Ostrowski"


def test_a_that_clause_the_parser_hung_on_a_time_phrase_is_still_reported(analyse: Analyse) -> None:
    a = analyse("The sailors were freed in May.\n\nBoth men claimed at the time that they were being treated well.")
    attr = only(a, "treated well")
    assert attr.content_text == "that they were being treated well"
    assert attr.source_mention is not None and attr.source_mention.text == "Both men"


def test_a_reporting_clause_closing_a_long_sentence_reports_the_sentence_before_it(analyse: Analyse) -> None:
    a = analyse(
        "Seizures rose last year.\n\n"
        "The official and most consistent way that Customs and Border Protection measures seizures is by pounds, "
        "not by value, an agency spokesman told us."
    )
    attr = only(a, "measures seizures")
    assert attr.content_text.startswith("The official and most consistent way")
    assert attr.content_text.endswith("not by value")
    assert attr.source_mention is not None and attr.source_mention.text == "an agency spokesman"


def test_a_setting_before_a_reporting_clause_is_not_reported(analyse: Analyse) -> None:
    a = analyse("The panel met on Tuesday.\n\nAfter the panel met on Tuesday, the senator told reporters.")
    assert not [x for x in a.attributions if "panel met" in x.content_text]


def test_speaker_before_with_colon(analyse: Analyse) -> None:
    a = analyse("The prime minister was blunt: “There will be no second referendum.”")
    attr = only(a, "no second referendum")
    assert attr.type == "direct"
    assert source_name(a, attr) is not None and "prime minister" in source_name(a, attr).lower()  # type: ignore[union-attr]


def test_speaker_before_with_comma(analyse: Analyse) -> None:
    a = analyse("On Tuesday, national security adviser Jake Sullivan told reporters, “The president made no promises.”")
    attr = only(a, "no promises")
    assert source_name(a, attr) == "Jake Sullivan"
    assert attr.cue is not None and attr.cue.text == "told"


def test_quote_split_around_the_cue_is_one_attribution(analyse: Analyse) -> None:
    a = analyse("“We’ll be here for a while yet,” she said. “These cases take a lot of patience.”")
    attr = only(a, "for a while yet")
    assert len(attr.content) == 2
    assert attr.content[1].text == "“These cases take a lot of patience.”"


def test_quote_paragraph_without_cue_continues_the_speaker(analyse: Analyse) -> None:
    text = (
        "“Before long, we’ll run out of officers to cover the region,” said Police Chief Ana Dunlap.\n\n"
        "“I warned them years ago, but nothing. It’s irresponsible.”"
    )
    a = analyse(text)
    attr = only(a, "run out of officers")
    assert any("warned them years ago" in s.text for s in attr.content)
    assert source_name(a, attr) == "Ana Dunlap"


def test_indirect_speech_with_that(analyse: Analyse) -> None:
    a = analyse("Two Israeli officials told Politico that the army is still developing a plan for civilians.")
    attr = only(a, "still developing a plan")
    assert attr.type == "indirect"
    assert attr.content[0].text.startswith("that the army")
    assert attr.source_mention is not None and attr.source_mention.text == "Two Israeli officials"


def test_mixed_quote(analyse: Analyse) -> None:
    a = analyse("Biden said that a major operation would be a “red line” for his administration.")
    attr = only(a, "red line")
    assert attr.type == "mixed"


def test_reporting_clause_after_paraphrase(analyse: Analyse) -> None:
    a = analyse("The protocol called for the nominee to be taken to a trauma center, sources said.")
    attr = only(a, "trauma center")
    assert attr.source_mention is not None and attr.source_mention.text == "sources"
    assert "sources said" not in attr.content_text


def test_according_to(analyse: Analyse) -> None:
    a = analyse("According to the state environment agency, at least 1,400 homes are connected to lead pipes.")
    attr = only(a, "1,400 homes")
    assert attr.type == "according_to"
    assert attr.cue is not None and attr.cue.text == "According to"
    assert attr.source_mention is not None and attr.source_mention.text == "the state environment agency"


def test_according_to_at_the_end_takes_the_whole_sentence(analyse: Analyse) -> None:
    a = analyse("Varga received 41 percent, Holm had 33 percent and Quist picked up 12 percent, according to the poll.")
    attr = only(a, "Quist")
    assert attr.content[0].text.startswith("Varga received 41 percent")


def test_hinted_and_warned(analyse: Analyse) -> None:
    a = analyse("Defense Minister Yoav Gallant hinted that Israel will soon launch a ground operation.")
    attr = only(a, "ground operation")
    assert attr.cue is not None and attr.cue.text == "hinted"
    assert attr.stance == "tentative"


def test_intention_with_infinitive(analyse: Analyse) -> None:
    a = analyse("Karen Varga plans to ask retired teachers to tutor children after school.")
    attr = only(a, "after school")
    assert attr.content[0].text.startswith("to ask")
    assert source_name(a, attr) == "Karen Varga"


def test_called_x_a_quoted_name_ends_at_the_quote(analyse: Analyse) -> None:
    a = analyse("In a statement, the mayor called the plan “a gift to developers,” pointing to a clause on land sales.")
    attr = only(a, "gift to developers")
    assert attr.content_text == "the plan “a gift to developers,”"
    assert source_name(a, attr) is not None and "mayor" in source_name(a, attr)  # type: ignore[operator]


def test_contrast_clause_after_the_content_is_the_writers(analyse: Analyse) -> None:
    a = analyse("About half of the residents say they prefer a mayor who is an outsider, while about 3 in 10 want one.")
    attr = only(a, "outsider")
    assert attr.content_text == "they prefer a mayor who is an outsider"


def test_clause_after_the_cue_is_what_was_said(analyse: Analyse) -> None:
    a = analyse(
        "Keyworth was so fired up about the deal's potential that he said she should call the chief right away."
    )
    attr = only(a, "call the chief")
    assert attr.content_text == "she should call the chief right away"


def test_speaker_after_the_content_as_a_coordinated_verb(analyse: Analyse) -> None:
    a = analyse(
        "In nearby Halden, the paper mill is holding on, but it is being squeezed hard by cheap imports, "
        "said the company's chief executive, Rui Tavares."
    )
    attr = only(a, "squeezed hard")
    assert attr.content_text.endswith("being squeezed hard by cheap imports")
    assert attr.source_mention is not None and "chief executive" in attr.source_mention.text


def test_said_yes(analyse: Analyse) -> None:
    a = analyse("Asked if he was ever bullied, the candidate said no.")
    attr = only(a, "no")
    assert attr.content_text == "no"
    assert source_name(a, attr) is not None


def test_passive_report_has_no_source(analyse: Analyse) -> None:
    a = analyse("It was reported that the talks had collapsed overnight.")
    attr = only(a, "talks had collapsed")
    assert attr.source is None


def test_pronoun_resolves_to_the_last_person(analyse: Analyse) -> None:
    a = analyse(
        "Prime Minister Benjamin Netanyahu spoke to delegates on Monday.\n\nIsrael will “finish the job,” he said."
    )
    attr = only(a, "finish the job")
    assert attr.source_mention is not None and attr.source_mention.text == "he"
    assert source_name(a, attr) == "Benjamin Netanyahu"


def test_surname_alone_resolves_to_the_full_name(analyse: Analyse) -> None:
    a = analyse(
        "Defense Minister Yoav Gallant hinted that an operation was coming.\n\n"
        "“There is no safe place for terrorists,” Gallant said."
    )
    first, second = only(a, "operation was coming"), only(a, "no safe place")
    assert first.source == second.source
    assert source_name(a, second) == "Yoav Gallant"


def test_the_official_resolves_to_the_right_official(analyse: Analyse) -> None:
    text = (
        "Two Israeli officials told the newspaper that a plan was being drawn up.\n\n"
        "An Israeli official told the outlet that an operation was inevitable.\n\n"
        "“We cannot win this war otherwise,” the official said."
    )
    a = analyse(text)
    singular = only(a, "operation was inevitable")
    quote = only(a, "cannot win this war")
    group = only(a, "plan was being drawn up")
    assert quote.source == singular.source
    assert quote.source != group.source


def test_nested_attribution_is_not_reported(analyse: Analyse) -> None:
    a = analyse("“I think we will win,” the senator said.")
    assert len(a.attributions) == 1
    assert a.attributions[0].cue is not None and a.attributions[0].cue.text == "said"


def test_scare_quotes_are_not_attributions(analyse: Analyse) -> None:
    a = analyse("The so-called “red line” was never defined by anyone in the building.")
    assert a.attributions == []


def test_dash_signed_quotation(analyse: Analyse) -> None:
    a = analyse("“Trump must stop portraying Latinos as dangerous.” ― Carla Sanchez")
    attr = only(a, "stop portraying")
    assert attr.source_mention is not None and attr.source_mention.text == "Carla Sanchez"


def test_transcript_speaker_with_colon(analyse: Analyse) -> None:
    a = analyse("WALLACE: Let's start with the breaking news on the debate story tonight.")
    attr = only(a, "breaking news")
    assert attr.source_mention is not None and attr.source_mention.text == "WALLACE"


def test_a_transcript_quoted_paragraph_by_paragraph_gives_each_label_its_words(analyse: Analyse) -> None:
    a = analyse(
        "Chris Wallace interviewed Mike Pence on Sunday.\n\n"
        '"WALLACE: Let us start with the breaking news on the debate story. Will she be there?\n\n'
        '"PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of a game show.'
    )
    question = only(a, "breaking news")
    answer = only(a, "game show")
    assert question.type == answer.type == "direct"
    assert question.content_text.startswith("Let us start")
    assert source_name(a, question) == "Chris Wallace"
    assert source_name(a, answer) == "Mike Pence"


def test_text_without_attributions(analyse: Analyse) -> None:
    a = analyse("The river rose three metres overnight. Schools in the valley were closed on Friday.")
    assert a.attributions == []


@pytest.mark.parametrize(
    "text",
    [
        "“",
        "”””",
        "He said: “",
        "'''",
        "said said said",
        "“Unclosed quote\n\n“Another unclosed\n\n” stray",
        "According to",
    ],
)
def test_odd_quote_marks_never_crash(analyse: Analyse, text: str) -> None:
    result = analyse(text)
    for attr in result.attributions:
        for span in attr.content:
            assert result.article.text[span.start : span.end] == span.text


def test_interview_answers_are_the_interviewees_and_questions_no_ones(analyse: Analyse) -> None:
    a = analyse(
        "Experience is thrilled to have Junior Gaspard as its new President and CEO. We asked him to share some"
        " insights.\n\nQ: How do you prioritize your day?\n\nA: I block time for meetings and separate time for"
        " emails.\n\nQ: What is next for the company?\n\nA: We are moving subscription access to the next level."
    )
    answers = [x for x in a.attributions if x.source_mention is not None and x.source_mention.text == "A"]
    assert [x.content_text[:7] for x in answers] == ["I block", "We are "]
    speakers = {x.source for x in answers}
    assert len(speakers) == 1
    assert next(s for s in a.sources if s.id in speakers).name == "Junior Gaspard"
    assert not any("prioritize" in x.content_text for x in a.attributions)


def test_an_answer_label_without_questions_is_no_interview(analyse: Analyse) -> None:
    a = analyse("A: the first letter of the alphabet, and the grade every student wants.")
    assert a.attributions == []


def test_a_quoted_label_given_to_an_object_is_the_subject_s_words(analyse: Analyse) -> None:
    a = analyse("Clinton has been steadily pounding Trump as a “con artist” in her speeches.")
    attr = only(a, "con artist")
    assert attr.content_text == "Trump as a “con artist”"
    assert attr.type == "mixed"
    assert source_name(a, attr) == "Clinton"
    assert analyse("The board hired him as a consultant in May.").attributions == []
