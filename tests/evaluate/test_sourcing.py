"""Source-entity scores of a gold set that annotates gender and role class: coverage and
precision of the gender the text states, people given a gender the text does not state, and
role-class accuracy, on the sources matched to the gold ones."""

from __future__ import annotations

from collections.abc import Callable

from accordingto.evaluate.brat import GoldArticle, GoldAttribution, GoldEntity
from accordingto.evaluate.sourcing import SourceCounts, score_sources
from accordingto.models import Analysis

Analyse = Callable[[str], Analysis]

TEXT = "Ms. Lund said the bridge was safe. Okafor said the vote was close. The ministry said it would act."


def _span(text: str, words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return (start, start + len(words))


def _gold(entities: list[GoldEntity]) -> GoldArticle:
    return GoldArticle(name="t", text=TEXT, attributions=[GoldAttribution(((0, 1),))], entities=entities)


def test_gender_and_role_class_are_scored_on_the_matched_sources(analyse: Analyse) -> None:
    analysis = analyse(TEXT)
    gold = _gold(
        [
            GoldEntity("E1", "Lund", "person", True, None, (_span(TEXT, "Ms. Lund"),), "female", "unknown"),
            GoldEntity("E2", "Okafor", "person", True, None, (_span(TEXT, "Okafor"),), "unstated", "business"),
            GoldEntity(
                "E3",
                "ministry",
                "organization",
                False,
                None,
                (_span(TEXT, "The ministry"),),
                None,
                "politician_or_official",
            ),
        ]
    )
    counts = score_sources(gold, analysis)
    report = counts.report()
    # Lund: the text states her gender and the analysis gives it; Okafor: no gender, none given
    assert (report["gender_stated"], report["gender_coverage"], report["gender_precision"]) == (1, 1.0, 1.0)
    assert report["gender_unstated_given"] == 0
    # Lund has no role the text gives (unknown: right), Okafor's is not known to the text
    # (business in the gold: wrong), the ministry is an official body (right)
    assert (report["role_gold"], report["role_acc"]) == (3, 2 / 3)
    assert counts.role_confusion[("business", "unknown")] == 1


def test_a_gold_set_without_gender_or_role_reports_neither(analyse: Analyse) -> None:
    analysis = analyse(TEXT)
    gold = _gold([GoldEntity("E1", "Lund", "person", True, None, (_span(TEXT, "Ms. Lund"),))])
    report = score_sources(gold, analysis).report()
    assert "gender_coverage" not in report and "role_acc" not in report
    total = SourceCounts()
    total.add(score_sources(gold, analysis))
    total.add(score_sources(gold, analysis))
    assert total.report()["gold_sources"] == 2
