"""What the rules should leave out of an attribution, or not report at all: each with its own
small text."""

from __future__ import annotations

from collections.abc import Callable

from accordingto.models import Analysis, Attribution

Analyse = Callable[[str], Analysis]


def with_cue(analysis: Analysis, cue: str) -> list[Attribution]:
    return [a for a in analysis.attributions if a.cue is not None and a.cue.text == cue]


def test_the_medium_after_an_object_is_not_content(analyse: Analyse) -> None:
    a = analyse("The company rejected the offer in a letter to shareholders.")
    [attr] = with_cue(a, "rejected")
    assert attr.content_text == "the offer"


def test_a_description_set_off_by_commas_is_left_out(analyse: Analyse) -> None:
    a = analyse("Analysts said Noah Hawley, best known for creating the Fargo series, is in final talks to direct it.")
    [attr] = with_cue(a, "said")
    assert attr.content_text == "Noah Hawley is in final talks to direct it"
    assert len(attr.content) == 2


def test_an_age_and_a_dash_aside_are_left_out(analyse: Analyse) -> None:
    a = analyse("The lawyer said the singer, 29, has not returned the calls.")
    [attr] = with_cue(a, "said")
    assert attr.content_text == "the singer has not returned the calls"
    b = analyse("Most voters say that the offense — an attempt to pressure a rival — was wrong.")
    [attr] = with_cue(b, "say")
    assert attr.content_text == "that the offense was wrong"


def test_an_aside_inside_according_to_content_is_left_out(analyse: Analyse) -> None:
    a = analyse("The factory, which opened in 1998, will close next year, according to the union.")
    [attr] = with_cue(a, "according to")
    assert attr.content_text == "The factory will close next year"


def test_names_and_lists_between_commas_stay(analyse: Analyse) -> None:
    a = analyse("She said the minister, Ana Diaz, would resign.")
    [attr] = with_cue(a, "said")
    assert attr.content_text == "the minister, Ana Diaz, would resign"
    b = analyse("He said Texas, Ohio, and Utah would vote first.")
    [attr] = with_cue(b, "said")
    assert attr.content_text == "Texas, Ohio, and Utah would vote first"


def test_a_relative_clause_after_a_preposition_is_the_writers(analyse: Analyse) -> None:
    a = analyse("The senator said the hearing would resume on Monday, during which the minister will testify.")
    [attr] = with_cue(a, "said")
    assert attr.content_text == "the hearing would resume on Monday"


def test_a_speaker_after_said_is_not_taken_for_the_content(analyse: Analyse) -> None:
    a = analyse(
        "Job cuts will be announced later this week, said the company's recently named chair Ana Ruiz in an email."
    )
    [attr] = with_cue(a, "said")
    assert attr.content_text == "Job cuts will be announced later this week"
    # the parser read "company's" as "company is": the speaker is the chair it introduces
    assert attr.source_mention is not None and "Ana Ruiz" in attr.source_mention.text
    assert a.source(attr.source).name == "Ana Ruiz"  # type: ignore[union-attr]


def test_a_participle_after_according_to_is_the_writers(analyse: Analyse) -> None:
    a = analyse(
        "The state attorney general is investigating the company, according to two people familiar with "
        "the matter, adding to a series of problems."
    )
    [attr] = with_cue(a, "according to")
    assert attr.content_text == "The state attorney general is investigating the company"


def test_an_infinitive_after_a_statement_noun_is_not_its_content(analyse: Analyse) -> None:
    a = analyse("In this review, we read the senator's comment to refer to the money seized at the border.")
    assert not [x for x in a.attributions if x.cue is not None and x.cue.text == "comment"]
    b = analyse("The governor's promise to cut taxes was popular.")
    [attr] = with_cue(b, "promise")
    assert attr.content_text == "to cut taxes"


def test_considering_that_joins_the_writers_clauses(analyse: Analyse) -> None:
    a = analyse("The figure is in the ballpark, considering that drug prices can change over time.")
    assert a.attributions == []
    b = analyse("The board is considering whether prices can change over time.")
    assert len(with_cue(b, "is considering")) == 1


def test_a_command_after_a_colon_has_no_source(analyse: Analyse) -> None:
    a = analyse("We built the estimate for the grant: note that the upside is a rough estimate.")
    assert a.attributions == []


def test_weigh_in_on_is_a_cue_but_weigh_on_is_not(analyse: Analyse) -> None:
    a = analyse("Several experts have weighed in on the proposal.")
    [attr] = a.attributions
    assert attr.content_text == "the proposal"
    b = analyse("Worries about the trade talks are weighing on investors.")
    assert b.attributions == []


def test_a_clause_subject_taken_for_the_cues_object_starts_the_content(analyse: Analyse) -> None:
    a = analyse("The office added the exact circumstances of the deaths remained unclear.")
    [attr] = with_cue(a, "added")
    assert attr.content_text == "the exact circumstances of the deaths remained unclear"


def test_thats_according_to_reports_the_sentence_before(analyse: Analyse) -> None:
    a = analyse("Teens love their earbuds more than ever. That's according to a new survey from the bank.")
    [attr] = with_cue(a, "according to")
    assert attr.content_text == "Teens love their earbuds more than ever That"


def test_a_statement_not_made_reports_nothing(analyse: Analyse) -> None:
    a = analyse("The sites offered no evidence for their estimates. The spokesman did not offer a response.")
    assert a.attributions == []
    b = analyse("He offered no proof that the senator had a role in the deal.")
    [attr] = b.attributions
    assert attr.content_text == "no proof that the senator had a role in the deal"


def test_a_gerund_or_infinitive_with_no_one_behind_it_is_no_attribution(analyse: Analyse) -> None:
    a = analyse(
        "Shouting down rivals, rather than listening and looking for what we share, is the surest road to ruin."
    )
    assert a.attributions == []
    b = analyse("He was accused of hiding the money.")
    assert [x.content_text for x in b.attributions] == ["He hiding the money"]


def test_discourse_idioms_built_on_cue_verbs_attribute_nothing(analyse: Analyse) -> None:
    for text in (
        "Having said that, the tax is still too high.",
        "Which is not to say that the visit was routine.",
        "Let's hope we see more of his associates questioned.",
        "Thank you for reading our newsletter.",
    ):
        assert analyse(text).attributions == [], text


def test_a_statement_after_a_discourse_idiom_is_still_reported(analyse: Analyse) -> None:
    a = analyse("That said, the minister claimed that the tax would fall next year.")
    assert [(x.source_mention.text if x.source_mention else None, x.content_text) for x in a.attributions] == [
        ("the minister", "that the tax would fall next year")
    ]
    b = analyse("Needless to say, the union argued that the offer was too low.")
    assert [x.cue.text for x in b.attributions if x.cue is not None] == ["argued"]


def test_a_section_heading_before_a_colon_is_no_speaker(analyse: Analyse) -> None:
    a = analyse(
        "The Gap Goes On: It was under his watch that the assembly set up a new agency for women.\n\n"
        "Stealth Over Health: The campaign kept the visit to the clinic quiet for two days."
    )
    assert not [x for x in a.attributions if x.cue is not None and x.cue.text == ":"]
    b = analyse("WALLACE: Let us start with the economy.\n\nTRUMP: The economy is doing very well.")
    assert [x.source_mention.text for x in b.attributions if x.source_mention] == ["WALLACE", "TRUMP"]


def test_an_infinitive_goes_on_through_its_coordinated_verbs(analyse: Analyse) -> None:
    a = analyse("She wants to double the size of the fund, grow the bus fleet and open a new training centre.")
    [attr] = with_cue(a, "wants")
    assert attr.content_text == "to double the size of the fund, grow the bus fleet and open a new training centre"


def test_the_medium_inside_an_object_is_not_content(analyse: Analyse) -> None:
    a = analyse("The company flatly denied the allegations in a statement posted to its website.")
    [attr] = a.attributions
    assert attr.content_text == "the allegations"


def test_a_subordinate_clause_is_no_inverted_reporting_clause(analyse: Analyse) -> None:
    a = analyse("The two teams were in the news for another reason on Monday, as the league decided to move the game.")
    assert not [x for x in a.attributions if x.cue is not None and "decided" in x.cue.text and "news" in x.content_text]
    b = analyse("The plan is deeply flawed, the mayor said.")
    assert [x.content_text for x in b.attributions] == ["The plan is deeply flawed"]


def test_a_quoted_term_that_is_a_subject_is_not_reported_by_a_later_verb(analyse: Analyse) -> None:
    a = analyse("“Humidifier lung” may result from fungus growing in, guess what, humidifiers.")
    assert a.attributions == []
    b = analyse("“We will win this race” the senator said on Monday.")
    [attr] = b.attributions
    assert attr.type == "direct" and attr.source_mention is not None


def test_a_second_object_continues_the_content(analyse: Analyse) -> None:
    a = analyse("Polling averages show Clinton with a lead, with RealClearPolitics showing her ahead 3 points.")
    [attr] = with_cue(a, "showing")
    assert attr.content_text == "her ahead 3 points"


def test_a_descriptive_appositive_ending_the_content_is_the_writers(analyse: Analyse) -> None:
    a = analyse(
        "Officials said the money would go further in a deal with Northrail, the regional train "
        "company that serves the valley."
    )
    [attr] = with_cue(a, "said")
    assert attr.content_text == "the money would go further in a deal with Northrail"


def test_the_sources_appositive_after_according_to_is_not_content(analyse: Analyse) -> None:
    a = analyse(
        "Some renters would see their costs go up, according to a study by Ana Quist, "
        "a former housing clerk now teaching at Halden College."
    )
    [attr] = with_cue(a, "according to")
    assert attr.content_text == "Some renters would see their costs go up"
    assert attr.source_mention is not None and "former housing clerk" in attr.source_mention.text


def test_declined_to_comment_on_reports_what_was_not_commented_on(analyse: Analyse) -> None:
    a = analyse("The company declined to comment on the report.")
    [attr] = a.attributions
    assert attr.content_text == "the report"
    b = analyse("A spokeswoman for the company declined to comment.")
    [attr] = b.attributions
    assert attr.content_text == "to comment"


def test_who_is_accused_belongs_to_a_passive_accusation(analyse: Analyse) -> None:
    a = analyse("The party was accused of misleading voters during the debate.")
    [attr] = a.attributions
    assert [s.text for s in attr.content] == ["The party", "misleading voters during the debate"]


def test_a_conjoined_gerund_object_continues_the_content(analyse: Analyse) -> None:
    a = analyse("He has mentioned cutting bus fares and asking landlords to pay more.")
    [attr] = a.attributions
    assert attr.content_text == "cutting bus fares and asking landlords to pay more"


def test_a_clause_before_a_colon_is_not_reported_by_the_verb_after_it(analyse: Analyse) -> None:
    a = analyse(
        "The worries are deepened by the task facing whoever is named to the post: "
        "that person would take charge in March."
    )
    assert not [x for x in a.attributions if "worries" in x.content_text]
    b = analyse("The plan is deeply flawed, the mayor said.")
    assert [x.content_text for x in b.attributions] == ["The plan is deeply flawed"]


def test_lets_is_the_writers_voice(analyse: Analyse) -> None:
    a = analyse("Rather than lecture, let's focus on seeing exactly how landlords keep rents so high.")
    assert a.attributions == []


def test_a_second_report_coordinated_with_said_is_its_own_attribution(analyse: Analyse) -> None:
    a = analyse(
        "The governor said the state would close the plant by June and warned against further delays in the budget."
    )
    [said] = with_cue(a, "said")
    assert said.content_text == "the state would close the plant by June"
    [warned] = [x for x in a.attributions if x.cue is not None and x.cue.text.startswith("warned")]
    assert "further delays" in warned.content_text
    assert warned.source_mention is not None and warned.source_mention.text == "The governor"


def test_verbs_of_one_reported_clause_stay_together(analyse: Analyse) -> None:
    a = analyse("The agency said its researchers examined the samples and concluded that the water was safe.")
    [said] = with_cue(a, "said")
    assert said.content_text == "its researchers examined the samples and concluded that the water was safe"


def test_a_description_after_an_object_is_left_out(analyse: Analyse) -> None:
    a = analyse("The governor is backing the mayor's plan, the latest turn in a long feud between the two.")
    [attr] = with_cue(a, "is backing")
    assert attr.content_text == "the mayor's plan"


def test_a_name_after_an_object_stays(analyse: Analyse) -> None:
    a = analyse("The mayor criticized her deputy, Maria Lopez.")
    [attr] = with_cue(a, "criticized")
    assert attr.content_text == "her deputy, Maria Lopez"


def test_a_time_clause_after_an_infinitive_is_the_writers(analyse: Analyse) -> None:
    a = analyse("Prosecutors decided to reopen the case in March after the suspect was arrested in Spain.")
    [attr] = with_cue(a, "decided")
    assert attr.content_text == "to reopen the case in March"
    b = analyse("The chief told managers to cut costs as the company struggles to stay afloat.")
    [attr] = with_cue(b, "told")
    assert attr.content_text == "managers to cut costs"


def test_an_infinitive_keeps_a_clause_without_its_own_subject(analyse: Analyse) -> None:
    a = analyse("The mayor wants to cut taxes while raising teachers' pay.")
    [attr] = with_cue(a, "wants")
    assert attr.content_text == "to cut taxes while raising teachers' pay"


def test_asking_whether_it_is_fair_to_say_reports_nothing(analyse: Analyse) -> None:
    a = analyse("Is it fair to say that the festival was neither a flop nor a triumph?")
    assert not with_cue(a, "to say")
    b = analyse("Would it be safe to say that the league has lost its way?")
    assert not with_cue(b, "to say")


def test_a_quotation_after_a_reported_statement_goes_on_with_it(analyse: Analyse) -> None:
    a = analyse(
        "The mayor said the budget was only a first step toward a fairer city. "
        "“They want us to give up, and they have tried every trick to wear us down.”"
    )
    [attr] = with_cue(a, "said")
    assert attr.source_mention is not None and attr.source_mention.text == "The mayor"
    assert attr.content_text == (
        "the budget was only a first step toward a fairer city "
        "“They want us to give up, and they have tried every trick to wear us down.”"
    )


def test_a_quotation_after_the_writers_own_sentence_is_given_to_no_one(analyse: Analyse) -> None:
    a = analyse("The road was closed on Monday. “These repairs take a lot of patience and time.”")
    assert not a.attributions


def test_a_quotation_closed_by_two_curly_singles_goes_on_after_its_cue(analyse: Analyse) -> None:
    a = analyse(
        "“The vote was a mistake,’’ Dana Ruiz, the head of the tenants' union, told reporters. "
        "“And we will keep asking the council to change its mind.”"
    )
    [attr] = with_cue(a, "told")
    assert attr.content_text == ("“The vote was a mistake,’’ “And we will keep asking the council to change its mind.”")


def test_a_medium_inside_the_object_does_not_end_it(analyse: Analyse) -> None:
    a = analyse("The bank has denied rumours spread in a viral post that claimed it had lost the deposits.")
    [attr] = with_cue(a, "has denied")
    assert attr.content_text == "rumours spread in a viral post that claimed it had lost the deposits"
    b = analyse("The bank has denied the rumours in a statement on Monday.")
    [attr] = with_cue(b, "has denied")
    assert attr.content_text == "the rumours"


def test_both_halves_of_a_correlative_comparative_are_the_content(analyse: Analyse) -> None:
    a = analyse("The health agency advises the sooner patients get tested, the easier it is to treat the infection.")
    [attr] = with_cue(a, "advises")
    assert attr.content_text == "the sooner patients get tested, the easier it is to treat the infection"
    b = analyse("The health agency advises that patients get tested early, since clinics are busy in winter.")
    [attr] = with_cue(b, "advises")
    assert "extend.correlative_comparative.v1" not in attr.rules


def test_a_list_the_parser_broke_off_stays_in_the_object(analyse: Analyse) -> None:
    a = analyse("Lenders grew wary of its debts, its accounting practices, and its board.")
    [attr] = with_cue(a, "grew wary of")
    assert attr.content_text == "its debts, its accounting practices, and its board"
    b = analyse("The council rejected the budget, a document of four hundred pages.")
    [attr] = with_cue(b, "rejected")
    assert attr.content_text == "the budget"


def test_a_quotation_after_another_speakers_statement_is_not_the_earlier_speakers(analyse: Analyse) -> None:
    a = analyse(
        "“We offered a fair deal and waited for weeks,” the club said in its statement.\n\n"
        "The player's agent told reporters that this was only half the story. "
        "“The club is trying to blame him for its own mistakes, and everyone here knows it.”"
    )
    [said] = with_cue(a, "said")
    assert said.content_text == "“We offered a fair deal and waited for weeks,”"
    [told] = with_cue(a, "told")
    assert told.content_text == (
        "that this was only half the story "
        "“The club is trying to blame him for its own mistakes, and everyone here knows it.”"
    )


def test_markup_tags_left_in_a_text_are_neither_cue_nor_speaker(analyse: Analyse) -> None:
    text = (
        "The mayor answered on Twitter. "
        '<tweet pic="" author="MayorOfTown" timestamp="1448038800">The bridge will reopen in May</tweet>. '
        "Council members said the repairs cost $2 million."
    )
    a = analyse(text)
    for attr in a.attributions:
        assert attr.cue is None or "tweet" not in attr.cue.text
        assert attr.source_mention is None or "author=" not in attr.source_mention.text
    [attr] = with_cue(a, "said")
    assert attr.content_text == "the repairs cost $2 million"
    assert text[attr.content[0].start : attr.content[-1].end] == "the repairs cost $2 million"  # offsets of the input


def test_a_teams_notes_after_its_name_and_a_colon_are_no_ones_statement(analyse: Analyse) -> None:
    a = analyse(
        "Oklahoma City beat Los Angeles 110-99 on Tuesday night.\n\n"
        "Thunder: F Hamidou Diallo missed his third straight game with a left knee sprain.\n\n"
        "Lakers: Kyle Kuzma left the court in the second quarter with an eye abrasion.\n\n"
        "6A: Wichita North's Miguel Bernal took home first in diving."
    )
    assert a.attributions == []


def test_a_transcript_speaker_named_elsewhere_still_speaks(analyse: Analyse) -> None:
    a = analyse(
        "Bernie Sanders spoke to supporters in Iowa on Monday.\n\n"
        "Sanders: Clinton needs to get away from all of this personality stuff.\n\n"
        "Moderator: Thank you, senator."
    )
    speakers = {x.source_mention.text for x in a.attributions if x.source_mention}
    assert {"Sanders", "Moderator"} <= speakers


def test_a_company_reporting_its_results_states_nothing(analyse: Analyse) -> None:
    assert analyse("Lowe's reports earnings before the bell on Wednesday.").attributions == []
    assert analyse("The retailer reported third-quarter results that beat forecasts.").attributions == []
    kept = analyse("The company reported that sales fell in October.")
    assert [x.content_text for x in kept.attributions] == ["that sales fell in October"]
