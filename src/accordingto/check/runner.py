"""Run the checks on a sourcing map: flags -> findings with positions, in text order."""

from __future__ import annotations

import bisect

from accordingto.check.findings import CheckReport, Finding
from accordingto.check.house import HouseRules
from accordingto.check.registry import CHECKS, Check, CheckContext, Flag
from accordingto.models import Analysis

# importing the check modules registers their checks, in code order
from accordingto.check import anonymous, balance, figures, names, quotes  # noqa: F401  # isort: skip


def check_analysis(analysis: Analysis, rules: HouseRules | None = None) -> CheckReport:
    """The findings of every enabled check on one analysed article."""
    rules = rules or HouseRules()
    ctx = CheckContext(analysis)
    lines = _line_starts(analysis.article.text)
    findings: list[Finding] = []
    for code in sorted(CHECKS):
        check = CHECKS[code]
        setting = rules.setting(check)
        if not setting.enabled:
            continue
        ctx.params = setting.params
        findings.extend(_finding(check, setting.severity, flag, ctx, lines) for flag in check.run(ctx))
    findings.sort(key=lambda f: (f.start, f.code))
    return CheckReport(analysis.article.id, findings, rules.fail_on)


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]


def _finding(check: Check, severity: str, flag: Flag, ctx: CheckContext, lines: list[int]) -> Finding:
    start = flag.spans[0].start if flag.spans else 0
    line = bisect.bisect_right(lines, start)
    return Finding(
        code=check.code,
        name=check.name,
        severity=severity,
        message=flag.message,
        why=check.why,
        fix=check.fix,
        line=line,
        column=start - lines[line - 1] + 1,
        sentence=ctx.sentence_text(start),
        spans=list(flag.spans),
        attributions=list(flag.attributions),
        sources=list(flag.sources),
    )
