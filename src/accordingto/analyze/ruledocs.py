"""The registry as documentation: rows for `accordingto rules` and the page docs/rules.md."""

from __future__ import annotations

from typing import Any

from accordingto.analyze.ruleset import STAGES, Rule, all_rules

#: the order stages run in, for the documentation
STAGE_ORDER = (
    "cue",
    "verb",
    "frame",
    "clause",
    "trim",
    "layout",
    "attach",
    "policy",
    "mention",
    "describe",
    "resolve",
    "switch",
)


def _ordered() -> list[Rule]:
    rank = {s: k for k, s in enumerate(STAGE_ORDER)}
    return sorted(all_rules().values(), key=lambda r: (rank.get(r.stage, 99), r.order, r.id))


def rule_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "stage": r.stage,
            "order": r.order,
            "purpose": r.purpose,
            "examples": [e.text for e in r.examples],
            "counterexamples": list(r.counterexamples),
            "module": r.func.__module__,
            "opt_in": r.opt_in,
        }
        for r in _ordered()
    ]


def rules_markdown() -> str:
    """docs/rules.md: every rule by stage, with its purpose, examples and counterexamples."""
    lines = [
        "# The rules of the analysis",
        "",
        "Generated from the rule registry by `accordingto rules --format markdown > docs/rules.md`;",
        "a test fails when this page and the registry disagree. Every attribution and source in the",
        "output lists the ids of the rules that made or changed it (`rules`), any rule can be",
        "switched off (`--disable-rule ID`), and `src/accordingto/analyze/ledger.tsv` gives each",
        "rule's count, precision and effect on F1 (`make ledger`). Opt-in rules run only when",
        "asked for (`Settings.enabled_rules`, `ACCORDINGTO_ENABLE_RULES`, or their own flag such as",
        "`--gender-from-names`).",
        "",
    ]
    by_stage: dict[str, list[Rule]] = {}
    for r in _ordered():
        by_stage.setdefault(r.stage, []).append(r)
    for stage, rules in by_stage.items():
        lines += [f"## {stage}", "", STAGES[stage][0].upper() + STAGES[stage][1:] + ".", ""]
        for r in rules:
            lines += [f"### `{r.id}`", "", r.purpose, ""]
            lines += [f"- example: {_quote(e.text)}" + _expected(e) for e in r.examples]
            lines += [f"- not: {_quote(t)}" for t in r.counterexamples]
            lines += [f"- order {r.order}, in `{r.func.__module__}`" + (", opt-in" if r.opt_in else ""), ""]
    return "\n".join(lines).rstrip() + "\n"


def _quote(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def _expected(example: Any) -> str:
    parts = [
        f"{name} {_quote(value)}" if isinstance(value, str) else f"{name} {value}"
        for name, value in example.expectations()
    ]
    return " → " + ", ".join(parts) if parts else ""
