"""Gender from first names, only when asked for (source.gender_from_names.v1, the shipped SSA
table), and a group's members by gender where the text states them (source.group_gender.v1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accordingto.analyze import lexicon
from accordingto.analyze.analyzer import Analyzer
from accordingto.analyze.ruleset import RuleSet
from accordingto.analyze.sources.first_names import gender_of_first_name
from accordingto.clean import clean_text
from accordingto.errors import SettingsError
from accordingto.models import Analysis
from accordingto.settings import Settings
from tests.analyze.test_sources import source_of

Analyse = Callable[[str], Analysis]


@pytest.fixture(scope="module")
def with_names(analyzer: Analyzer) -> Analyse:
    """The analysis with --gender-from-names, on the already loaded pipeline."""
    named = Analyzer(Settings(gender_from_names=True), nlp=analyzer.nlp)
    return lambda text: named.analyze(clean_text(text))


# ----------------------------------------------------------------------------- first names
def test_names_are_not_read_for_gender_unless_asked(analyse: Analyse) -> None:
    src = source_of(analyse("Patricia Okafor said the deal was close."), "deal was close")
    assert (src.gender, src.gender_basis, src.gender_evidence) == ("unknown", "none", [])


def test_asked_for_a_common_first_name_gives_a_gender_marked_as_from_the_name(with_names: Analyse) -> None:
    text = "Patricia Okafor said the deal was close. Gregory Lund said the roads were closed."
    analysis = with_names(text)
    her, him = source_of(analysis, "deal was close"), source_of(analysis, "roads were closed")
    assert (her.gender, her.gender_basis, [e.text for e in her.gender_evidence]) == ("female", "name", ["Patricia"])
    assert (him.gender, him.gender_basis) == ("male", "name")
    assert "source.gender_from_names.v1" in her.rules


def test_the_text_always_comes_before_the_name(with_names: Analyse) -> None:
    """A man named Marion (a name the table gives mostly to women) whom the text calls Mr."""
    text = "Mr. Marion Barry Jr. said the vote was rigged. Barry said he would appeal."
    src = source_of(with_names(text), "vote was rigged")
    assert (src.gender, src.gender_basis) == ("male", "text")


def test_names_the_table_cannot_call_with_confidence_stay_unknown(with_names: Analyse) -> None:
    for text in (
        "Jordan Okafor said the deal was close.",  # given to boys and girls alike
        "Sui-Lee Wee said the deal was close.",  # not in a US birth table
        "J. Okafor said the deal was close.",  # an initial
        "Okafor said the deal was close.",  # a surname alone
    ):
        src = source_of(with_names(text), "deal was close")
        assert (src.gender, src.gender_basis) == ("unknown", "none"), text


def test_the_first_name_table_refuses_rare_and_shared_names() -> None:
    table = lexicon.first_names()
    assert len(table) > 20_000
    assert gender_of_first_name("Michelle") == "female"
    assert gender_of_first_name("barack") is None or gender_of_first_name("barack") == "male"
    for name in ("Robin", "Taylor", "Jean", "Kim", "Zzyzx"):
        assert gender_of_first_name(name) is None, name


def test_gender_from_names_is_part_of_the_analysis_version(analyzer: Analyzer) -> None:
    named = Analyzer(Settings(gender_from_names=True), nlp=analyzer.nlp)
    assert named.version != analyzer.version
    assert "source.gender_from_names.v1" in named.rules.enabled_opt_in
    assert not analyzer.rules.enabled("source.gender_from_names.v1")


def test_only_opt_in_rules_can_be_enabled() -> None:
    with pytest.raises(SettingsError, match="only opt-in rules"):
        RuleSet.without(enable=["source.gender.v3"])
    with pytest.raises(SettingsError, match="unknown rule id"):
        RuleSet.without(enable=["source.gender_from_name.v1"])


def test_the_environment_can_ask_for_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORDINGTO_GENDER_FROM_NAMES", "1")
    assert Settings.from_env().opt_in_rules == ("source.gender_from_names.v1",)


# ----------------------------------------------------------------------------- groups
def test_a_group_stated_by_gender_gets_its_counts(analyse: Analyse) -> None:
    src = source_of(analyse("Three women and a man said the shelter had closed."), "shelter had closed")
    assert src.gender_counts == {"female": 3, "male": 1}
    assert src.gender == "unknown"  # a group has no single gender
    assert [e.text for e in src.gender_evidence] == ["women", "man"]


def test_a_group_of_one_gender_with_a_number(analyse: Analyse) -> None:
    src = source_of(analyse("Two mothers told reporters that the school was cold."), "the school was cold")
    assert src.gender_counts == {"female": 2}


@pytest.mark.parametrize(
    "text",
    [
        "Women said the shelter had closed.",  # no number
        "Two officials and a woman said the shelter had closed.",  # officials: no gender
        "Three residents said the shelter had closed.",
    ],
)
def test_groups_the_text_does_not_count_by_gender_get_no_counts(analyse: Analyse, text: str) -> None:
    assert source_of(analyse(text), "the shelter had closed").gender_counts == {}


def test_asked_for_the_name_table_also_keeps_she_from_resolving_to_a_john(with_names: Analyse) -> None:
    analysis = with_names("John Okafor met Mary Lund on Monday. She said the plan was sound.")
    src = source_of(analysis, "the plan was sound")
    assert (src.name, src.gender) == ("Mary Lund", "female")
    assert [e.text for e in src.gender_evidence] == ["She"]


def test_asked_for_a_person_mentioned_by_surname_reads_the_full_name_elsewhere(with_names: Analyse) -> None:
    text = "Senate Minority Leader Harry Reid spoke on Monday. Reid said the vote was close."
    src = source_of(with_names(text), "the vote was close")
    assert (src.gender, src.gender_basis, [e.text for e in src.gender_evidence]) == ("male", "name", ["Harry"])
    two = with_names("Barack Obama spoke. Michelle Obama spoke later. Obama said the vote was close.")
    assert source_of(two, "the vote was close").gender_basis != "name"
