"""The project's own annotation, measured against PolNeAR on five articles annotated blind."""

from __future__ import annotations

from pathlib import Path

import pytest

from accordingto.evaluate.agreement import agreement
from tests.conftest import shared_path

OURS = Path(__file__).resolve().parents[2] / "gold" / "agreement"


@pytest.mark.shared
def test_the_blind_annotations_still_index_their_texts_and_mostly_agree_with_polnear() -> None:
    metrics = agreement(OURS, shared_path("data", "polnear", "dev")).report()["metrics"]
    assert isinstance(metrics, dict)
    assert metrics["all"]["gold"] == 96  # the five articles' PolNeAR attributions
    assert metrics["direct"]["e2e_f1"] == 1.0
    assert metrics["all"]["e2e_f1"] > 0.8
