"""The rule ledger: re-measuring some rules keeps the other rows as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from accordingto.analyze.ruleset import all_rules
from accordingto.evaluate.ledger import main, previous_rows, write_ledger


def _results(rule_ids: list[str], count: int) -> dict[str, dict[str, dict[str, object]]]:
    row = {"count": count, "precision": 0.5, "d_e2e": -0.01}
    return {"dev": {r: dict(row) for r in rule_ids}}


def test_measuring_some_rules_keeps_the_rows_of_the_others(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.tsv"
    ids = sorted(all_rules())
    write_ledger(ledger, _results(ids, 7))
    write_ledger(ledger, _results(ids[:1], 3), previous_rows(ledger))
    rows = previous_rows(ledger)
    assert rows[ids[0]] == ["3", "0.500", "-0.0100"]
    assert rows[ids[1]] == ["7", "0.500", "-0.0100"]
    assert len(rows) == len(ids)


def test_a_partial_run_refuses_when_other_rules_have_no_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = tmp_path / "ledger.tsv"
    ids = sorted(all_rules())
    write_ledger(ledger, _results(ids, 7))
    lines = ledger.read_text(encoding="utf-8").splitlines()
    ledger.write_text("\n".join(line for line in lines if not line.startswith(ids[0] + "\t")) + "\n")
    assert main(["--out", str(ledger), "--rules", ids[2], "--shared", str(tmp_path)]) == 2
    assert f"no row for {ids[0]}" in capsys.readouterr().err
    assert main(["--out", str(ledger), "--rules", f"{ids[0]},no.such.rule", "--shared", str(tmp_path)]) == 2
    assert "no such rule: no.such.rule" in capsys.readouterr().err
