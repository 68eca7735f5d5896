"""The sourcing check: a linter for journalism, run on a sourcing map.

>>> from accordingto.check import check_analysis
>>> report = check_analysis(analysis)          # doctest: +SKIP
>>> [f.code for f in report.findings]          # doctest: +SKIP
['AS102', 'FG201']

Each check (``registry.CHECKS``) has a stable code, a default severity and the newsroom
standard it comes from; ``house.HouseRules`` (a TOML file) turns checks off, changes their
severity and thresholds. ``docs/check.md`` lists them all.
"""

from accordingto.check.findings import SEVERITIES, CheckReport, Finding
from accordingto.check.house import CONFIG_NAME, HouseRules, find_house_rules
from accordingto.check.registry import CHECKS
from accordingto.check.runner import check_analysis

__all__ = [
    "CHECKS",
    "CONFIG_NAME",
    "SEVERITIES",
    "CheckReport",
    "Finding",
    "HouseRules",
    "check_analysis",
    "find_house_rules",
]
