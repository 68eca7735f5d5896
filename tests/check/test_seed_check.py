"""The reference article: its anonymous sources state their reason, its casualty figures
carry their caveat; what remains are warnings an editor would weigh."""

from __future__ import annotations

from collections.abc import Callable

from accordingto.check import check_analysis
from accordingto.models import Analysis
from tests.conftest import shared_path


def test_the_seed_article_has_no_error_and_the_expected_warnings(analyse: Callable[[str], Analysis]) -> None:
    text = shared_path("seed", "000_70e833f577346bcd.txt").read_text(encoding="utf-8")
    report = check_analysis(analyse(text))
    assert not report.failed
    by_code: dict[str, list[str]] = {}
    for finding in report.findings:
        by_code.setdefault(finding.code, []).append(finding.message)
    # "All the officials spoke to Politico on condition of anonymity to discuss the sensitive
    # matters" covers every unnamed official quoted via Politico
    assert "AS102" not in by_code
    assert any('"Reports"' in m for m in by_code["OU401"])
    # the "unverified" caveat is the health ministry's; Israel's figures are not caveated by it
    assert "FG202" not in by_code
    assert any("An Israeli official" in m for m in by_code["AS103"])
