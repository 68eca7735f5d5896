"""Calibration tables and the isotonic fit behind calibration.tsv."""

from __future__ import annotations

from accordingto.evaluate.calibration import Judged, expected_calibration_error, fit, isotonic, table
from accordingto.models import Attribution, Span


def _judged(confidence: float, right: bool, kind: str = "indirect") -> Judged:
    content = Span(0, 4, "text")
    return Judged(Attribution(id="A1", type=kind, content=[content], confidence=confidence), right, right)


def test_isotonic_pools_scores_that_would_make_confidence_fall() -> None:
    # 0.5 is right 80% of the time, 0.6 only 40%: the fit pools them (equal weight) to 60%
    fitted = isotonic([(0.5, 0.8, 10), (0.6, 0.4, 10), (0.9, 0.9, 10)])
    assert fitted == [(0.5, 0.6), (0.6, 0.6), (0.9, 0.9)]


def test_the_fit_gives_points_per_type_and_for_all_types() -> None:
    items = [_judged(0.9, k % 10 != 0, "direct") for k in range(40)]
    items += [_judged(0.9, k % 2 == 0, "indirect") for k in range(40)]
    items += [_judged(0.5, k % 4 == 0, "indirect") for k in range(40)]
    points = fit(items)
    by_type = {(kind, raw): value for kind, raw, value in points}
    assert by_type[("direct", 0.9)] > by_type[("indirect", 0.9)] > by_type[("indirect", 0.5)]
    assert ("all", 0.9) in by_type


def test_a_type_too_rare_to_fit_alone_gets_no_points_of_its_own() -> None:
    items = [_judged(0.9, True, "according_to") for _ in range(5)] + [_judged(0.9, True) for _ in range(40)]
    assert {kind for kind, _, _ in fit(items)} == {"all", "indirect"}


def test_the_table_groups_by_confidence_and_measures_the_gap() -> None:
    items = [_judged(0.95, True) for _ in range(9)] + [_judged(0.95, False)]
    items += [_judged(0.55, True) for _ in range(5)] + [_judged(0.55, False) for _ in range(5)]
    groups = table(items)
    assert [(g.low, g.high, g.count) for g in groups] == [(0.5, 0.6, 10), (0.9, 1.0, 10)]
    assert [round(g.share_right, 2) for g in groups] == [0.5, 0.9]
    assert round(expected_calibration_error(groups), 3) == 0.05
