"""House rules: which checks a newsroom runs, at what severity, with what thresholds.

A TOML file, ``accordingto-check.toml`` next to the input (or given with ``--rules``)::

    fail_on = "error"            # error | warning | info | never

    [checks.AS102]               # a check by code or by name ("anonymous-no-reason")
    severity = "warning"

    [checks.anonymous-share]
    max_share = 0.3

    [checks.LV501]
    enabled = false

Unknown keys, checks and values are errors, never ignored.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from accordingto.check.findings import FAIL_ON_CHOICES, SEVERITIES
from accordingto.check.registry import CHECKS, Check, Number
from accordingto.errors import SettingsError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "accordingto-check.toml"
_CHECK_KEYS = ("enabled", "severity")


@dataclass(frozen=True, slots=True)
class CheckSetting:
    enabled: bool
    severity: str
    params: dict[str, Number]


@dataclass(frozen=True, slots=True)
class HouseRules:
    fail_on: str = "error"
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the file the rules were read from (None: the defaults)
    origin: str | None = None

    def setting(self, check: Check) -> CheckSetting:
        given = self.overrides.get(check.code, {})
        params = {name: given.get(name, default) for name, default in check.params.items()}
        return CheckSetting(bool(given.get("enabled", True)), str(given.get("severity", check.severity)), params)

    @classmethod
    def load(cls, path: str | Path) -> HouseRules:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SettingsError(f"{path}: no such house-rules file", hint="give an existing TOML file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path}: cannot be read ({exc})", hint="give a readable UTF-8 TOML file") from None
        return cls.parse(text, origin=str(path))

    @classmethod
    def parse(cls, text: str, *, origin: str = CONFIG_NAME) -> HouseRules:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{origin}: not valid TOML ({exc})", hint="see docs/check.md for the format") from None
        return cls.from_mapping(data, origin=origin)

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, origin: str = "house rules") -> HouseRules:
        """Validated rules from a mapping (a parsed TOML file or the JSON of an API request)."""
        unknown = sorted(set(data) - {"fail_on", "checks"})
        if unknown:
            _bad(origin, unknown[0], "is not a setting (fail_on, checks)")
        fail_on = data.get("fail_on", "error")
        if fail_on not in FAIL_ON_CHOICES:
            _bad(origin, "fail_on", f"must be one of {', '.join(FAIL_ON_CHOICES)}, not {fail_on!r}")
        checks = data.get("checks", {})
        if not isinstance(checks, dict):
            _bad(origin, "checks", "must be a table of checks ([checks.AS102])")
        overrides = {}
        for key, values in checks.items():
            found = _find_check(key)
            if found is None:
                _bad(origin, f"checks.{key}", "is not a check (accordingto check --list-checks)")
            if not isinstance(values, dict):
                _bad(origin, f"checks.{key}", "must be a table (enabled, severity and the check's settings)")
            overrides[found.code] = _validated(origin, f"checks.{key}", found, values)
        return cls(str(fail_on), overrides, origin)


def _find_check(key: str) -> Check | None:
    return CHECKS.get(key.upper()) or next((c for c in CHECKS.values() if c.name == key), None)


def _validated(origin: str, where: str, check: Check, values: dict[str, Any]) -> dict[str, Any]:
    for key, value in values.items():
        if key == "enabled":
            if not isinstance(value, bool):
                _bad(origin, f"{where}.enabled", "must be true or false")
        elif key == "severity":
            if value not in SEVERITIES:
                _bad(origin, f"{where}.severity", f"must be one of {', '.join(SEVERITIES)}, not {value!r}")
        elif key in check.params:
            _check_param(origin, f"{where}.{key}", check.params[key], value)
        else:
            allowed = ", ".join([*_CHECK_KEYS, *check.params])
            _bad(origin, f"{where}.{key}", f"is not a setting of {check.code} ({allowed})")
    return dict(values)


def _check_param(origin: str, where: str, default: Number, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _bad(origin, where, f"must be a number, not {value!r}")
    if isinstance(default, int) and not isinstance(value, int):
        _bad(origin, where, f"must be a whole number, not {value!r}")
    if where.endswith("share") and not 0 <= value <= 1:
        _bad(origin, where, f"is a share: between 0 and 1, not {value!r}")
    if value < 0:
        _bad(origin, where, f"must not be negative, not {value!r}")


def _bad(origin: str, where: str, problem: str) -> NoReturn:
    raise SettingsError(f"{origin}: {where} {problem}", hint="see docs/check.md for the house-rules format")


def find_house_rules(near: str | None) -> Path | None:
    """``accordingto-check.toml`` in the folder of the input (the current folder for stdin,
    URLs and several inputs), or None."""
    folder = Path.cwd()
    if near is not None and near != "-":
        path = Path(near)
        if path.exists():
            folder = path if path.is_dir() else path.parent
    candidate = folder / CONFIG_NAME
    return candidate if candidate.is_file() else None
