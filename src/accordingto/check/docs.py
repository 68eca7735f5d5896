"""docs/check.md, generated from the check registry: ``python -m accordingto.check.docs``."""

from __future__ import annotations

from accordingto.check.house import CONFIG_NAME
from accordingto.check.registry import CHECKS, Check

INTRO = f"""# The sourcing check

`accordingto check DRAFT` reads a draft as `accordingto analyze` does, builds its sourcing map and
reports what a standards editor would query, like a linter:

```
draft.txt:3:57: AS102 error anonymous source "two officials" has no stated reason for anonymity
    | The city will cut 14 bus routes next year, according to two officials.
    why: Anonymity is granted only for a reason the story states, ...
    fix: Say why anonymity was granted: "who spoke on condition of anonymity because ..."
```

Line and column (1-based) count characters of the article's text: the file itself for a text
file, the extracted article for an HTML page (`accordingto analyze --format json` prints that
text); a record of a JSONL or WARC file is written `file#N`. `--format json`, `jsonl` and
`sarif` (SARIF 2.1.0, columns in Unicode code points) carry the same findings with their spans
(offsets into the text) and the ids of the attributions and sources of the sourcing map they
concern. `POST /api/check` returns the same findings.

Exit status: 0 when no finding is at or above the failing severity (`error` by default), 1 when
one is (or an input could not be read; the other inputs are still checked), 2 for a usage error
or bad house rules, 3 when the spaCy pipeline is missing.

The checks find what the sourcing map shows; when the analysis misses a speaker, a check can be
wrong too. Severities are chosen so that errors are findings an editor would accept (measured in
the README); warnings and infos are worth a look.

## House rules

A newsroom sets which checks run, their severities and thresholds in `{CONFIG_NAME}` next to
the draft (or any file given with `--rules FILE`). Checks are named by code or by name; any
unknown key, check or value is an error that names it, never ignored.

```toml
fail_on = "warning"          # error (default) | warning | info | never

[checks.AS102]               # or [checks.anonymous-no-reason]
severity = "warning"

[checks.anonymous-share]
max_share = 0.3              # a share of the article's attributions, 0 to 1

[checks.LV501]
enabled = false
```

`--fail-on` overrides `fail_on`; `--min-severity` hides lower findings from the output (the exit
status still counts them).

## The checks
"""


def check_markdown(check: Check) -> str:
    lines = [
        f"### {check.code}",
        "",
        f"**{check.title}** (`{check.name}`, default severity **{check.severity}**)",
        "",
        check.why,
        "",
        f"*Fix:* {check.fix}",
        "",
        f"*Standard:* {check.standard}.",
        "",
    ]
    if check.params:
        settings = ", ".join(f"`{k} = {v}`" for k, v in check.params.items())
        lines += [f"*Settings:* {settings}.", ""]
    lines += ["Fires on:", "", *_quoted(check.example), "", "Silent on:", "", *_quoted(check.fixed_example), ""]
    return "\n".join(lines)


def _quoted(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.split("\n")]


def checks_markdown() -> str:
    table = ["| code | severity | name | what it finds |", "|---|---|---|---|"]
    table += [f"| [{c.code}](#{c.code.lower()}) | {c.severity} | `{c.name}` | {c.title} |" for c in _ordered()]
    body = "\n".join(check_markdown(c) for c in _ordered())
    return INTRO + "\n" + "\n".join(table) + "\n\n" + body


def _ordered() -> list[Check]:
    import accordingto.check.runner  # noqa: F401  (registers every check)

    return [CHECKS[code] for code in sorted(CHECKS)]


if __name__ == "__main__":
    print(checks_markdown(), end="")
