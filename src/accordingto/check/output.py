"""The check's findings as a linter prints them, and as SARIF 2.1.0 for code-review tools."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from accordingto.check.findings import CheckReport, Finding
from accordingto.check.registry import CHECKS
from accordingto.version import __version__

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: the project publishes no web address: rules point at the documentation shipped with it
DOCS = "docs/check.md"


_RECORD = re.compile(r"^(?P<path>.+):(?P<record>\d+)$")


def artifact(origin: str) -> tuple[str, str | None]:
    """The file an input came from and the record inside it: "export.jsonl:3" is record 3 of
    export.jsonl, which "export.jsonl:3:7:1" would make look like line 3, column 7."""
    match = _RECORD.match(origin)
    if match and Path(match["path"]).is_file():
        return match["path"], match["record"]
    return origin, None


def located(origin: str) -> str:
    path, record = artifact(origin)
    return path if record is None else f"{path}#{record}"


def finding_lines(origin: str, finding: Finding, *, details: bool = True) -> list[str]:
    """``origin:line:col: CODE severity message``, then the sentence, why and fix; a record of
    a JSONL or WARC file is written ``file#N`` so that line and column stay unambiguous."""
    where = located(origin)
    lines = [f"{where}:{finding.line}:{finding.column}: {finding.code} {finding.severity} {finding.message}"]
    if details:
        if finding.sentence:
            lines.append(f"    | {_one_line(finding.sentence)}")
        lines.append(f"    why: {finding.why}")
        lines.append(f"    fix: {finding.fix}")
    return lines


def summary_line(origin: str, report: CheckReport) -> str:
    origin = located(origin)
    counts = report.counts()
    if not report.findings:
        return f"{origin}: no findings"
    parts = [f"{n} {_plural(s, n)}" for s, n in counts.items() if n]
    return f"{origin}: {', '.join(parts)}" + (" (fails)" if report.failed else "")


def _plural(severity: str, count: int) -> str:
    return severity if count == 1 or severity == "info" else severity + "s"


def _one_line(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def sarif(reports: Iterable[tuple[str, CheckReport]]) -> dict[str, Any]:
    """One SARIF run over every input; columns count Unicode code points, as the offsets do."""
    results = [_sarif_result(origin, f) for origin, report in reports for f in report.findings]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "accordingto check",
                        "version": __version__,
                        "rules": [_sarif_rule(code) for code in sorted(CHECKS)],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _sarif_rule(code: str) -> dict[str, Any]:
    check = CHECKS[code]
    return {
        "id": code,
        "name": check.name,
        "shortDescription": {"text": check.title},
        "fullDescription": {"text": check.why},
        "help": {"text": f"{check.fix} Standard: {check.standard}. See {DOCS}#{code.lower()}."},
        "defaultConfiguration": {"level": SARIF_LEVELS[check.severity]},
    }


def _sarif_result(origin: str, finding: Finding) -> dict[str, Any]:
    _, record = artifact(origin)
    return {
        "ruleId": finding.code,
        "level": SARIF_LEVELS[finding.severity],
        "message": {"text": f"{finding.message}. Fix: {finding.fix}"},
        "locations": [_sarif_location(origin, finding, span_index=0)],
        "relatedLocations": [
            {**_sarif_location(origin, finding, span_index=i), "id": i} for i in range(1, len(finding.spans))
        ],
        "properties": {"attributions": finding.attributions, "sources": finding.sources, "record": record},
    }


def _sarif_location(origin: str, finding: Finding, *, span_index: int) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": finding.line, "startColumn": finding.column}
    if finding.spans:
        span = finding.spans[span_index]
        region = {
            **(region if span_index == 0 else {}),
            "charOffset": span.start,
            "charLength": span.end - span.start,
            "snippet": {"text": span.text},
        }
    return {"physicalLocation": {"artifactLocation": {"uri": artifact(origin)[0]}, "region": region}}
