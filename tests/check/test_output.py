"""What the check prints: linter lines and SARIF that code-review tools read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from accordingto.check import check_analysis
from accordingto.check.output import finding_lines, sarif, summary_line
from accordingto.models import Analysis

DRAFT = 'Two officials said the vote was likely.\n\n"We have no money left," he said.'


def test_a_finding_prints_as_file_line_column_code(analyse: Callable[[str], Analysis]) -> None:
    report = check_analysis(analyse(DRAFT))
    finding = next(f for f in report.findings if f.code == "QT302")
    lines = finding_lines("draft.txt", finding)
    assert lines[0].startswith("draft.txt:3:")
    assert " QT302 error " in lines[0]
    assert lines[1] == '    | "We have no money left," he said.'
    assert lines[2].startswith("    why: ") and lines[3].startswith("    fix: ")
    assert finding_lines("draft.txt", finding, details=False) == lines[:1]
    assert summary_line("draft.txt", report).endswith("(fails)")


def test_sarif_names_every_rule_and_locates_every_result(analyse: Callable[[str], Analysis]) -> None:
    report = check_analysis(analyse(DRAFT))
    log = sarif([("draft.txt", report)])
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {"AS102", "QT302"} <= rule_ids
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(report.findings)
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert result["ruleId"] in rule_ids
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == finding.line and region["startColumn"] == finding.column
        assert DRAFT[region["charOffset"] : region["charOffset"] + region["charLength"]] == region["snippet"]["text"]
        assert result["level"] in ("error", "warning", "note")


def test_docs_check_md_is_the_registry() -> None:
    from pathlib import Path

    from accordingto.check.docs import checks_markdown

    docs = Path(__file__).resolve().parents[2] / "docs" / "check.md"
    assert docs.read_text(encoding="utf-8") == checks_markdown(), (
        "regenerate: python -m accordingto.check.docs > docs/check.md"
    )


def test_a_record_of_a_jsonl_file_keeps_line_and_column_unambiguous(
    analyse: Callable[[str], Analysis], tmp_path: Path
) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text("{}\n", encoding="utf-8")
    report = check_analysis(analyse(DRAFT))
    finding = report.findings[0]
    assert finding_lines(f"{export}:3", finding)[0].startswith(f"{export}#3:{finding.line}:{finding.column}: ")
    result = sarif([(f"{export}:3", report)])["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(export)
    assert result["properties"]["record"] == "3"
    # a URL with a port is no record
    assert finding_lines("http://localhost:8000", finding)[0].startswith("http://localhost:8000:")
