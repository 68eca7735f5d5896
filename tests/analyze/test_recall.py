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
