"""Attributions of less common constructions a reader still expects to be found: as-clauses,
passives, raised passives, evidential adverbs, and object contents of more cue verbs."""

from __future__ import annotations

from collections.abc import Callable

from accordingto.models import Analysis, Attribution

Analyse = Callable[[str], Analysis]


def one(analysis: Analysis, containing: str) -> Attribution:
    """The one attribution whose content contains ``containing``."""
    found = [a for a in analysis.attributions if containing in a.content_text]
    assert len(found) == 1, [a.content_text for a in analysis.attributions]
    return found[0]


def none_with(analysis: Analysis, containing: str) -> bool:
    return not any(containing in a.content_text for a in analysis.attributions)


def source_text(attr: Attribution) -> str | None:
    return attr.source_mention.text if attr.source_mention else None


# ----------------------------------------------------------------------------- as-clauses
def test_as_clause_before_the_statement(analyse: Analyse) -> None:
    a = analyse("As the county paper reported, the sheriff will need two more deputies by spring.")
    attr = one(a, "two more deputies")
    assert attr.content_text == "the sheriff will need two more deputies by spring"
    assert attr.cue is not None and attr.cue.text == "reported"
    assert source_text(attr) == "the county paper"


def test_as_clause_inside_the_statement(analyse: Analyse) -> None:
    a = analyse("The old pier, as the survey notes, is rotting at both ends.")
    attr = one(a, "rotting")
    assert "The old pier" in attr.content_text and "as the survey notes" not in attr.content_text
    assert source_text(attr) == "the survey"


def test_as_she_put_it(analyse: Analyse) -> None:
    a = analyse("But as the goalkeeper put it, the whole squad simply ran out of legs.")
    attr = one(a, "ran out of legs")
    assert attr.content_text == "the whole squad simply ran out of legs"
    assert source_text(attr) == "the goalkeeper"


def test_as_reported_by(analyse: Analyse) -> None:
    a = analyse("As reported by the campus radio station, the library was shut for repairs last year.")
    attr = one(a, "shut for repairs")
    assert source_text(attr) == "the campus radio station"


def test_as_clause_with_an_object_is_a_time_clause(analyse: Analyse) -> None:
    a = analyse("As the chairwoman lamented the budget cuts, the board moved on to other business.")
    assert none_with(a, "moved on")


def test_put_alone_reports_nothing(analyse: Analyse) -> None:
    a = analyse("The janitor put the spare keys in a drawer behind the desk.")
    assert a.attributions == []


# ----------------------------------------------------------------------------- passives
def test_passive_with_by_phrase(analyse: Analyse) -> None:
    a = analyse("The new parking fee was criticised by the shopkeepers' association on Monday.")
    attr = one(a, "parking fee")
    assert attr.content_text == "The new parking fee"
    assert source_text(attr) == "the shopkeepers' association"


def test_participle_with_by_phrase_after_a_noun(analyse: Analyse) -> None:
    a = analyse("It is a worry echoed by most of the growers in the valley.")
    attr = one(a, "worry")
    assert attr.content_text == "a worry"
    assert source_text(attr) is not None and "growers" in source_text(attr)  # type: ignore[operator]


def test_passive_without_by_phrase_names_no_one(analyse: Analyse) -> None:
    a = analyse("The merger of the two dairies was announced on Friday.")
    assert a.attributions == []


def test_passive_of_a_verb_that_reports_nothing(analyse: Analyse) -> None:
    a = analyse("The parking fee was paid by the shopkeepers.")
    assert a.attributions == []


# ----------------------------------------------------------------------------- raised passives
def test_raised_passive_reports_subject_and_infinitive(analyse: Analyse) -> None:
    a = analyse("The ferry operator is believed to have lost money for a decade.")
    attr = one(a, "lost money")
    assert "The ferry operator" in attr.content_text and "to have lost money for a decade" in attr.content_text
    assert attr.source_mention is None


def test_supposed_to_is_an_obligation(analyse: Analyse) -> None:
    a = analyse("The night bus was supposed to stop at the hospital.")
    assert a.attributions == []


# ----------------------------------------------------------------------------- object contents
def test_pointed_out_an_object(analyse: Analyse) -> None:
    a = analyse("The inspector pointed out three cracks in the new dam wall.")
    attr = one(a, "three cracks")
    assert source_text(attr) == "The inspector"


def test_lamented_an_object(analyse: Analyse) -> None:
    a = analyse("The bookseller lamented the closure of the last cinema in town.")
    attr = one(a, "closure")
    assert source_text(attr) == "The bookseller"


def test_documented_an_object(analyse: Analyse) -> None:
    a = analyse("The audit documented repeated delays at the passport office.")
    attr = one(a, "repeated delays")
    assert source_text(attr) is not None and "audit" in source_text(attr)  # type: ignore[operator]


def test_pointed_without_out_reports_no_object(analyse: Analyse) -> None:
    a = analyse("The guide pointed the flashlight at the cave entrance.")
    assert a.attributions == []


def test_a_view_in_the_passive_is_reported_with_no_one_named(analyse: Analyse) -> None:
    attr = one(analyse("Water rights are widely seen as the hardest issue in the treaty talks."), "hardest issue")
    assert attr.content_text.startswith("Water rights")
    assert attr.source is None


def test_a_product_billed_as_something_is_what_its_makers_present(analyse: Analyse) -> None:
    attr = one(analyse("The Lumen Band is billed as a fitness tracker, but it also plays music."), "fitness tracker")
    assert "The Lumen Band" in attr.content_text


def test_considered_takes_its_view_without_as(analyse: Analyse) -> None:
    attr = one(analyse("The new missile is considered a threat to shipping in the strait."), "a threat to shipping")
    assert attr.content_text.startswith("The new missile")


def test_a_view_held_by_named_people_names_them(analyse: Analyse) -> None:
    attr = one(analyse("The merger was viewed by most analysts as a defensive move."), "defensive move")
    assert source_text(attr) == "most analysts"


def test_being_seen_doing_something_is_no_view(analyse: Analyse) -> None:
    a = analyse("The suspect was seen leaving the bank. She was considered for the post of envoy.")
    assert none_with(a, "leaving the bank") and none_with(a, "the post of envoy")


# ----------------------------------------------------------------------------- 'in' + a poll or a view
def test_in_a_poll_before_the_clause(analyse: Analyse) -> None:
    a = analyse("In a new survey of farmers, the governor leads her rival by six points.")
    attr = one(a, "leads her rival")
    assert attr.content_text == "the governor leads her rival by six points"
    assert attr.cue is not None and attr.cue.text == "In"
    assert source_text(attr) is not None and "survey" in source_text(attr)  # type: ignore[operator]


def test_in_the_polls_after_the_verb_is_narration(analyse: Analyse) -> None:
    a = analyse("The mayor fell to third place in the newest poll from the university.")
    assert a.attributions == []


def test_in_her_view_names_the_possessor(analyse: Analyse) -> None:
    a = analyse("In her view, the new harbour tax is deeply flawed.")
    attr = one(a, "deeply flawed")
    assert source_text(attr) == "her"


def test_in_view_of_is_no_source(analyse: Analyse) -> None:
    a = analyse("In view of the costs, the council postponed the vote.")
    assert a.attributions == []


def test_taking_part_in_a_survey_reports_nothing(analyse: Analyse) -> None:
    a = analyse("Nine hundred nurses took part in the survey.")
    assert a.attributions == []


def test_a_lead_in_the_polls_as_a_subject_reports_nothing(analyse: Analyse) -> None:
    a = analyse("Her lead in the polls worried the campaign.")
    assert a.attributions == []


# ----------------------------------------------------------------------------- evidential adverbs
def test_reportedly_marks_an_unsourced_claim(analyse: Analyse) -> None:
    a = analyse("The bakery chain reportedly cut 200 jobs at its plant last month.")
    attr = one(a, "200 jobs")
    assert attr.cue is not None and attr.cue.text == "reportedly"
    assert "reportedly" not in attr.content_text and "The bakery chain" in attr.content_text
    assert attr.source_mention is None


def test_allegedly_stops_before_a_conjoined_clause(analyse: Analyse) -> None:
    a = analyse("The clerk allegedly took bribes from a builder, and the police are investigating.")
    attr = one(a, "bribes")
    assert "police" not in attr.content_text


def test_reportedly_on_a_modifier_reports_nothing(analyse: Analyse) -> None:
    a = analyse("The reportedly rigged vote was held again in June.")
    assert a.attributions == []


def test_reportedly_on_a_cue_verb_is_the_verb_s(analyse: Analyse) -> None:
    a = analyse("The coach reportedly told players that the season was over.")
    attr = one(a, "season was over")
    assert source_text(attr) == "The coach"


# ----------------------------------------------------------------------------- agentless judgements
def test_widely_seen_as(analyse: Analyse) -> None:
    a = analyse("The river treaty is widely seen as a turning point for the region.")
    attr = one(a, "turning point")
    assert "The river treaty" in attr.content_text
    assert attr.source_mention is None


def test_long_considered_a_predicate(analyse: Analyse) -> None:
    a = analyse("The old lighthouse has long been considered the finest on the coast.")
    attr = one(a, "finest")
    assert "The old lighthouse" in attr.content_text


def test_seen_somewhere_is_narration(analyse: Analyse) -> None:
    a = analyse("The missing hiker was seen at a petrol station on Friday.")
    assert a.attributions == []


def test_considered_on_a_day_is_narration(analyse: Analyse) -> None:
    a = analyse("The planning bid was considered on Monday.")
    assert a.attributions == []


def test_reportedly_leaves_out_an_opening_adverbial(analyse: Analyse) -> None:
    a = analyse("In all, the raiders reportedly stole forty paintings from the museum.")
    attr = one(a, "forty paintings")
    assert not attr.content_text.startswith("In all")


# ----------------------------------------------------------------------------- conjoined cues
def test_said_and_added_are_two_reports(analyse: Analyse) -> None:
    a = analyse("The mayor said the old bridge was safe and added that repairs would start in May.")
    first = one(a, "bridge was safe")
    assert "added" not in first.content_text
    second = one(a, "repairs would start")
    assert source_text(second) == "The mayor"


def test_said_they_examined_and_concluded_is_one_report(analyse: Analyse) -> None:
    a = analyse("The inspectors said they examined the bridge and concluded it was safe.")
    attr = one(a, "examined the bridge")
    assert "concluded it was safe" in attr.content_text


def test_it_standing_for_a_clause_is_no_view(analyse: Analyse) -> None:
    a = analyse("It is considered rude to arrive late at a wedding.")
    assert none_with(a, "rude")
