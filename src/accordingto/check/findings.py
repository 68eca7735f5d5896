"""What the sourcing check reports: findings with a stable code, a severity and spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from accordingto.models import Span

Severity = Literal["info", "warning", "error"]
#: lowest first: a finding fails the check when its severity is at or above ``fail_on``
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")
FAIL_ON_CHOICES: tuple[str, ...] = (*SEVERITIES, "never")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class Finding:
    """One sourcing problem of an article.

    ``spans`` index ``Article.text``; the first is where the finding points (``line`` and
    ``column``, 1-based, count characters of that text). ``attributions`` and ``sources``
    are the ids of the sourcing map the finding concerns.
    """

    code: str
    name: str
    severity: str
    message: str
    why: str
    fix: str
    line: int
    column: int
    sentence: str
    spans: list[Span] = field(default_factory=list)
    attributions: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.spans[0].start if self.spans else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "why": self.why,
            "fix": self.fix,
            "line": self.line,
            "column": self.column,
            "sentence": self.sentence,
            "spans": [s.to_dict() for s in self.spans],
            "attributions": list(self.attributions),
            "sources": list(self.sources),
        }


@dataclass(slots=True)
class CheckReport:
    """The findings of one article, in text order, and whether they fail the check."""

    article_id: str
    findings: list[Finding]
    fail_on: str = "error"

    @property
    def failed(self) -> bool:
        if self.fail_on == "never":
            return False
        floor = severity_rank(self.fail_on)
        return any(severity_rank(f.severity) >= floor for f in self.findings)

    def counts(self) -> dict[str, int]:
        return {s: sum(f.severity == s for f in self.findings) for s in reversed(SEVERITIES)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "fail_on": self.fail_on,
            "failed": self.failed,
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }
