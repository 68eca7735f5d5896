"""accordingto check as an editor runs it: findings, formats, house rules, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from accordingto.cli import main

DRAFT = (
    "Council to vote on bus cuts\n\n"
    "The city will cut 14 bus routes next year, according to two officials.\n\n"
    '"We have no money left," he said.\n\n'
    "The deficit is $12 million, the highest in a decade."
)
CLEAN = "The council will vote on Friday, Mayor Dana Whitfield said at a news conference on Monday."


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_findings_print_as_linter_lines_and_fail(analyzer_runner: CliRunner, draft: Path) -> None:
    result = analyzer_runner.invoke(main, ["check", str(draft)])
    assert result.exit_code == 1, result.output
    assert f'{draft}:3:57: AS102 error anonymous source "two officials" has no stated reason' in result.output
    assert f"{draft}:5:" in result.output and "QT302 error" in result.output
    assert 'FG201 warning figure "$12 million" has no source' in result.output
    assert "    fix: " in result.output
    assert result.output.rstrip().endswith("(fails)")


def test_a_draft_with_no_error_passes(analyzer_runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = analyzer_runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{path}: no findings"


def test_fail_on_moves_the_failing_severity(analyzer_runner: CliRunner, draft: Path) -> None:
    assert analyzer_runner.invoke(main, ["check", "--fail-on", "never", str(draft)]).exit_code == 0
    shown = analyzer_runner.invoke(main, ["check", "--brief", "--min-severity", "error", str(draft)])
    assert shown.exit_code == 1
    assert "FG201" not in shown.output and "AS102" in shown.output and "why:" not in shown.output


def test_json_and_sarif(analyzer_runner: CliRunner, draft: Path) -> None:
    data = json.loads(analyzer_runner.invoke(main, ["check", "--format", "json", str(draft)]).output)
    assert data["input"] == str(draft) and data["failed"] is True
    assert data["counts"]["error"] == sum(f["severity"] == "error" for f in data["findings"])
    assert {"AS102", "QT302", "FG201"} <= {f["code"] for f in data["findings"]}
    log = json.loads(analyzer_runner.invoke(main, ["check", "--format", "sarif", str(draft)]).output)
    assert log["version"] == "2.1.0"
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"AS102", "QT302"}


def test_house_rules_next_to_the_draft_apply(analyzer_runner: CliRunner, draft: Path) -> None:
    (draft.parent / "accordingto-check.toml").write_text(
        '[checks.AS102]\nseverity = "warning"\n[checks.QT302]\nenabled = false\n', encoding="utf-8"
    )
    result = analyzer_runner.invoke(main, ["check", str(draft)])
    assert result.exit_code == 0, result.output
    assert "AS102 warning" in result.output and "QT302" not in result.output


def test_a_bad_rules_file_is_a_usage_error(analyzer_runner: CliRunner, draft: Path, tmp_path: Path) -> None:
    rules = tmp_path / "house.toml"
    rules.write_text('[checks.AS102]\nseverity = "fatal"\n', encoding="utf-8")
    result = analyzer_runner.invoke(main, ["check", "--rules", str(rules), str(draft)])
    assert result.exit_code == 2
    assert "severity must be one of" in result.output
    assert "Traceback" not in result.output


def test_an_unreadable_input_does_not_stop_the_others(analyzer_runner: CliRunner, draft: Path) -> None:
    result = analyzer_runner.invoke(main, ["check", "--brief", "missing.txt", str(draft)])
    assert result.exit_code == 1
    assert "missing.txt" in result.output and "AS102" in result.output
    assert "1 of 2 inputs could not be checked" in result.output


def test_stdin_and_list_checks(analyzer_runner: CliRunner) -> None:
    result = analyzer_runner.invoke(main, ["check", "--brief", "-"], input=DRAFT)
    assert result.exit_code == 1 and "stdin:3:57: AS102" in result.output
    listing = analyzer_runner.invoke(main, ["check", "--list-checks"])
    assert listing.exit_code == 0 and "AS102  error    anonymous-no-reason" in listing.output


def test_no_input_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2 and "give at least one draft" in result.output
