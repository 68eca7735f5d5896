"""House rules: a newsroom's TOML file, validated strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from accordingto.check import CONFIG_NAME, HouseRules, find_house_rules
from accordingto.check.registry import CHECKS
from accordingto.errors import SettingsError


def test_defaults_run_every_check_at_its_own_severity() -> None:
    rules = HouseRules()
    assert rules.fail_on == "error"
    for check in CHECKS.values():
        setting = rules.setting(check)
        assert setting.enabled and setting.severity == check.severity
        assert setting.params == check.params


def test_a_house_file_sets_fail_on_severity_thresholds_by_code_or_name() -> None:
    rules = HouseRules.parse(
        'fail_on = "warning"\n[checks.AS102]\nseverity = "info"\n'
        "[checks.anonymous-share]\nmax_share = 0.3\nmin_attributions = 2\n[checks.LV501]\nenabled = false\n"
    )
    assert rules.fail_on == "warning"
    assert rules.setting(CHECKS["AS102"]).severity == "info"
    assert rules.setting(CHECKS["BL602"]).params == {"max_share": 0.3, "min_attributions": 2}
    assert not rules.setting(CHECKS["LV501"]).enabled


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ('fail_on = "fatal"', "fail_on must be one of"),
        ('failon = "error"', "failon is not a setting"),
        ("[checks.XX999]\nenabled = true", "checks.XX999 is not a check"),
        ('[checks.AS102]\nseverity = "critical"', "checks.AS102.severity must be one of"),
        ("[checks.AS102]\nthreshold = 2", "checks.AS102.threshold is not a setting of AS102"),
        ('[checks.BL602]\nmax_share = "half"', "must be a number"),
        ("[checks.BL602]\nmax_share = 1.5", "between 0 and 1"),
        ("[checks.BL601]\nmin_attributions = 2.5", "must be a whole number"),
        ('[checks.LV501]\nenabled = "no"', "must be true or false"),
        ("checks = 3", "must be a table"),
        ("fail_on = ", "not valid TOML"),
    ],
)
def test_bad_house_rules_are_one_clear_error(toml: str, says: str) -> None:
    with pytest.raises(SettingsError) as caught:
        HouseRules.parse(toml, origin="house.toml")
    assert says in str(caught.value)
    assert caught.value.message.startswith("house.toml")
    assert "\n" not in str(caught.value)


def test_house_rules_are_found_next_to_the_input(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("text", encoding="utf-8")
    assert find_house_rules(str(draft)) is None
    (tmp_path / CONFIG_NAME).write_text('fail_on = "warning"\n', encoding="utf-8")
    assert find_house_rules(str(draft)) == tmp_path / CONFIG_NAME
    assert HouseRules.load(tmp_path / CONFIG_NAME).fail_on == "warning"


def test_a_missing_rules_file_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="no such house-rules file"):
        HouseRules.load(tmp_path / "nope.toml")
