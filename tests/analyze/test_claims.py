"""Figures, who supplies them, and the caveats attached to them."""

from __future__ import annotations

from collections.abc import Callable

from accordingto.models import Analysis, Claim

Analyse = Callable[[str], Analysis]


def claim(analysis: Analysis, text: str) -> Claim:
    found = [c for c in analysis.claims if c.text == text]
    assert len(found) == 1, [c.text for c in analysis.claims]
    return found[0]


def test_figure_with_approximator_inside_a_statement_belongs_to_its_source(analyse: Analyse) -> None:
    a = analyse("The Hamas-run Gaza health ministry says that at least 31,184 Palestinians have been killed.")
    c = claim(a, "at least 31,184 Palestinians")
    assert (c.value, c.approximation, c.unit) == (31184, "at least", "Palestinians")
    src = a.source(c.source)
    assert src is not None and src.kind == "organization"
    assert c.attribution == a.attributions[0].id


def test_unattributed_figure_is_the_outlets_own_voice(analyse: Analyse) -> None:
    a = analyse("The attack killed 1,200 people and 253 were taken hostage.")
    c = claim(a, "1,200 people")
    assert c.source is None and c.attribution is None


def test_percent_money_and_written_numbers(analyse: Analyse) -> None:
    a = analyse(
        "The agency said about 12 percent of samples failed. "
        "The company cut its budget by nearly $2 million and closed four plants."
    )
    assert claim(a, "about 12 percent").unit == "percent"
    money = claim(a, "nearly $2 million")
    assert (money.value, money.unit, money.approximation) == (2_000_000, "USD", "nearly")
    assert claim(a, "four plants").value == 4


def test_hyphenated_number_words_are_one_number_and_hyphenated_digits_a_range(analyse: Analyse) -> None:
    a = analyse(
        "Forty-three percent of voters said they would vote early, and twenty-one percent said they "
        "would not. The team finished the season 8-27, the coach said."
    )
    assert (claim(a, "Forty-three percent").value, claim(a, "Forty-three percent").value_to) == (43, None)
    assert claim(a, "twenty-one percent").value == 21
    assert (claim(a, "8-27").value, claim(a, "8-27").value_to) == (8, 27)


def test_caveat_after_the_figures_covers_that_sources_figures(analyse: Analyse) -> None:
    a = analyse(
        "The ministry says that at least 31,184 people have been killed, and some 72,899 have been injured.\n\n"
        "The terror group’s figures are unverified, however, and don’t differentiate between civilians and "
        "combatants, of whom Israel has said it killed some 13,000."
    )
    for text in ("at least 31,184 people", "some 72,899"):
        caveats = [cv.text for cv in claim(a, text).caveats]
        assert "The terror group’s figures are unverified" in caveats
    assert claim(a, "some 13,000").caveats == []


def test_could_not_be_independently_verified(analyse: Analyse) -> None:
    a = analyse("Rebels said 40 soldiers were captured, a figure that could not be independently verified.")
    assert claim(a, "40 soldiers").caveats


def test_dates_and_source_counts_are_not_figures(analyse: Analyse) -> None:
    a = analyse("On October 7, four US officials said the plan was ready.")
    assert a.claims == []
