"""Quality floors on PolNeAR dev: a change cannot silently make accuracy worse.

The floors sit a little below what the analysis reaches (README, "Accuracy"); raise them
when accuracy improves. Skipped when ../shared is absent.
"""

from __future__ import annotations

import pytest

from accordingto.evaluate.runner import evaluate
from tests.conftest import shared_path

FLOORS = {
    ("direct", "content_f1"): 0.92,
    ("direct", "e2e_f1"): 0.87,
    ("mixed", "e2e_f1"): 0.70,
    ("indirect", "e2e_f1"): 0.54,
    ("all", "e2e_f1"): 0.64,
    ("all", "content_f1"): 0.70,
}


@pytest.fixture(scope="module")
def dev_metrics(analyzer) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    board = evaluate(shared_path("data", "polnear", "dev"), analyzer)
    metrics = board.report()["metrics"]
    assert isinstance(metrics, dict)
    return metrics


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("kind", "metric"), sorted(FLOORS))
def test_floor(dev_metrics: dict[str, dict[str, float]], kind: str, metric: str) -> None:
    value = dev_metrics[kind][metric]
    assert value >= FLOORS[(kind, metric)], f"{kind} {metric} fell to {value:.3f}"
