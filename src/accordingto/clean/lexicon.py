"""The line patterns in ``resources/lines.tsv``, compiled once per process.

Each row says which paragraphs are not article prose (a byline, a caption, a footer),
where in the text the rule applies (its zone), and the reason recorded in
``Article.excluded``. ``resources/README.md`` documents the file. Besides the fragments
the file defines, patterns can use ``%WIRE%``: any spelling of a wire service in
``resources/wire_services.tsv``, so that wire names live in one data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final, Literal

from accordingto.clean.credits import wire_pattern

Zone = Literal["lead", "any", "tail", "open"]
ZONES: Final[tuple[str, ...]] = ("lead", "any", "tail", "open")
_MACRO = re.compile(r"%([A-Z_]+)%")


@dataclass(frozen=True, slots=True)
class LinePattern:
    """One rule: paragraphs that fully match ``regex`` in ``zone`` are excluded for ``reason``."""

    reason: str
    zone: Zone
    regex: re.Pattern[str]


@cache
def line_patterns() -> tuple[LinePattern, ...]:
    """Every rule of ``lines.tsv``, in file order (the first match wins)."""
    text = resources.files("accordingto.clean.resources").joinpath("lines.tsv").read_text(encoding="utf-8")
    return parse_line_patterns(text, {"WIRE": wire_pattern()})


def patterns_for(zone: Zone) -> tuple[LinePattern, ...]:
    return tuple(p for p in line_patterns() if p.zone == zone)


def parse_line_patterns(text: str, given: dict[str, str] | None = None) -> tuple[LinePattern, ...]:
    """Parse the TSV: ``define`` rows name fragments, the others are rules; ``given`` names
    fragments defined elsewhere."""
    macros: dict[str, str] = dict(given or {})
    rules: list[LinePattern] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) != 3:
            raise ValueError(f"lines.tsv:{number}: expected 3 tab-separated fields, got {len(fields)}")
        first, second, pattern = fields
        expanded = _expand(pattern, macros, number)
        if first == "define":
            macros[second] = expanded
            continue
        if second not in ZONES:
            raise ValueError(f"lines.tsv:{number}: unknown zone {second!r}")
        try:
            regex = re.compile(expanded)
        except re.error as exc:
            raise ValueError(f"lines.tsv:{number}: bad pattern ({exc})") from None
        rules.append(LinePattern(first, second, regex))  # type: ignore[arg-type]
    return tuple(rules)


def _expand(pattern: str, macros: dict[str, str], number: int) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise ValueError(f"lines.tsv:{number}: %{name}% is not defined above")
        return macros[name]

    return _MACRO.sub(replace, pattern)
