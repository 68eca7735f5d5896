"""Confidence that means something: raw scores, penalties and the fitted calibration."""

from __future__ import annotations

from accordingto.analyze import lexicon
from accordingto.analyze.analyzer import Analyzer
from accordingto.analyze.confidence import calibrated, raw_confidence
from accordingto.clean import CleanArticle
from accordingto.models import SHOW_THRESHOLD

BOTH_OBAMAS = (
    "Michelle Obama and Barack Obama visited the school on Monday. "
    "Obama said the visit had been a great success for the whole town."
)
ONE_OBAMA = (
    "Michelle Obama and Barack Obama visited the school on Monday. "
    "Barack Obama said the visit had been a great success for the whole town."
)


def test_calibrated_confidence_never_falls_as_the_raw_score_rises() -> None:
    for kind in ("direct", "mixed", "indirect", "according_to", "all"):
        values = [calibrated(x / 100, kind) for x in range(0, 101, 5)]
        assert values == sorted(values), kind
        assert all(0.0 <= v <= 1.0 for v in values)


def test_a_direct_quote_is_trusted_more_than_indirect_speech_at_the_same_raw_score() -> None:
    assert calibrated(0.9, "direct") > calibrated(0.9, "indirect")


def test_the_calibration_table_was_fitted_per_type_and_overall() -> None:
    table = lexicon.calibration()
    assert {"all", "direct", "indirect"} <= set(table)


def test_each_penalty_lowers_the_raw_score() -> None:
    base = raw_confidence(0.9, words=20, uncertain_source=False, source_kind="person", source_named=True)
    for changed in (
        {"uncertain_source": True},
        {"source_kind": "unspecified"},
        {"source_named": False},
        {"words": 3},
    ):
        args = {"words": 20, "uncertain_source": False, "source_kind": "person", "source_named": True, **changed}
        assert raw_confidence(0.9, **args) < base, changed  # type: ignore[arg-type]


def test_a_surname_two_named_people_share_stays_apart_with_less_confidence(analyzer: Analyzer) -> None:
    unsure = analyzer.analyze(CleanArticle(text=BOTH_OBAMAS))
    sure = analyzer.analyze(CleanArticle(text=ONE_OBAMA))
    (a,) = unsure.attributions
    (b,) = sure.attributions
    unsure_source, sure_source = unsure.source(a.source), sure.source(b.source)
    assert unsure_source is not None and sure_source is not None
    assert unsure_source.name == "Obama"  # neither Michelle nor Barack: the text does not say
    assert sure_source.name == "Barack Obama"
    assert a.confidence < b.confidence


def test_mr_obama_is_never_michelle_obama(analyzer: Analyzer) -> None:
    text = (
        "First lady Michelle Obama visited the school on Monday. "
        "Later, Mr. Obama said the visit had been a great success for the whole town."
    )
    analysis = analyzer.analyze(CleanArticle(text=text))
    (a,) = analysis.attributions
    source = analysis.source(a.source)
    assert source is not None and source.name != "Michelle Obama"


def test_mrs_and_mr_with_one_surname_are_two_sources(analyzer: Analyzer) -> None:
    text = (
        "Mrs. Obama praised the teachers for their work on the new library. "
        "Mr. Obama said the visit had been a great success for the whole town."
    )
    analysis = analyzer.analyze(CleanArticle(text=text))
    assert len({a.source for a in analysis.attributions}) == 2


def test_a_fragment_with_a_pronoun_source_falls_below_the_display_threshold(analyzer: Analyzer) -> None:
    # "its" means nothing the text names: an unresolved source of unknown kind
    text = (
        "The most telling contradiction was its claim that the plant was safe "
        "in 2010. Officials said the plant would close next year."
    )
    analysis = analyzer.analyze(CleanArticle(text=text))
    low = [a for a in analysis.attributions if a.confidence < SHOW_THRESHOLD]
    assert [a.content_text for a in low] == ["that the plant was safe in 2010"]
