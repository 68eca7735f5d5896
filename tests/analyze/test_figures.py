"""Which numbers are figures (quantities with units) and how they are read: ranges and scores
are one claim with both ends, currencies are kept, counts are recognised, and numbers that
name, label, date or refer back are left out."""

from __future__ import annotations

from collections.abc import Callable

from accordingto.models import Analysis, Claim

Analyse = Callable[[str], Analysis]


def claim(analysis: Analysis, text: str) -> Claim:
    found = [c for c in analysis.claims if c.text == text]
    assert len(found) == 1, [c.text for c in analysis.claims]
    return found[0]


def texts(analysis: Analysis) -> list[str]:
    return [c.text for c in analysis.claims]


def test_a_range_of_millions_is_one_figure_with_both_ends(analyse: Analyse) -> None:
    a = analyse("The survey put the herd at 120–140 million animals, down from 200 million.")
    c = claim(a, "120–140 million animals")
    assert (c.value, c.value_to) == (120_000_000, 140_000_000)


def test_a_percentage_range_written_as_one_token_keeps_both_ends(analyse: Analyse) -> None:
    a = analyse("Her readings are now steady at 94%–96% most mornings.")
    c = claim(a, "94%–96%")
    assert (c.value, c.value_to, c.unit) == (94, 96, "percent")


def test_a_record_of_wins_is_one_claim_not_a_denominator(analyse: Analyse) -> None:
    a = analyse("Leeds have won three straight and seven of nine.")
    c = claim(a, "seven of nine")
    assert (c.value, c.value_to, c.unit) == (7, 9, "score")
    assert "nine" not in texts(a)


def test_the_whole_after_one_of_is_the_figure(analyse: Analyse) -> None:
    a = analyse("Measles is one of four illnesses the new vaccine covers.")
    assert claim(a, "four illnesses").value == 4


def test_lakh_after_the_number_scales_the_amount(analyse: Analyse) -> None:
    a = analyse("The farmer said he had paid Rs 18 lakh to a broker in Delhi.")
    c = claim(a, "Rs 18 lakh")
    assert (c.value, c.unit) == (1_800_000, "INR")


def test_written_currencies_are_kept(analyse: Analyse) -> None:
    a = analyse("The fine was 4,000 euros in Spain and 90,000 yen in Osaka.")
    assert claim(a, "4,000 euros").unit == "EUR"
    assert claim(a, "90,000 yen").unit == "JPY"


def test_a_fraction_in_digits_is_a_number_but_a_name_is_not(analyse: Analyse) -> None:
    a = analyse("The five-year note rose 5/32 in price. Relatives of 9/11 victims met the mayor.")
    assert claim(a, "5/32").value == 5 / 32
    assert not any("9/11" in t for t in texts(a))


def test_a_spelled_fraction_joined_to_a_number_is_one_number(analyse: Analyse) -> None:
    a = analyse("The incumbent lost by four-and-a-half points.")
    c = claim(a, "four-and-a-half points")
    assert (c.value, c.unit) == (4.5, "points")


def test_multiples_written_with_x(analyse: Analyse) -> None:
    a = analyse("We think the program is roughly 5x as effective, and the others between ~2x and ~8x.")
    assert (claim(a, "roughly 5x").value, claim(a, "roughly 5x").unit) == (5, "x")
    wide = claim(a, "between ~2x and ~8x")
    assert (wide.value, wide.value_to) == (2, 8)


def test_one_counts_only_in_a_counting_context(analyse: Analyse) -> None:
    a = analyse("The ward had 30 beds and only one nurse. One thing was clear: the staff were tired.")
    assert claim(a, "only one nurse").value == 1
    assert not any(t.lower().startswith("one thing") for t in texts(a))


def test_a_definite_count_states_a_number_but_the_two_refers_back(analyse: Analyse) -> None:
    a = analyse(
        "Oxfam and Save the Children issued a joint appeal. The two charities asked for help after "
        "the three floods of the spring, and the other two groups joined later."
    )
    found = texts(a)
    assert "three floods" in found and "two groups" in found
    assert "two charities" not in found


def test_labels_and_years_are_not_figures(analyse: Analyse) -> None:
    a = analyse(
        "The mayor is the party's No. 2 official. Read part 3 of our series here. "
        "Donors poured money into her 2008 Senate campaign, which hired 40 staff."
    )
    assert texts(a) == ["40 staff"]


def test_a_title_in_title_case_is_not_a_count(analyse: Analyse) -> None:
    a = analyse("Each morning you can hear 12 Stories in Science on the radio, said 3,000 listeners.")
    assert "12 Stories" not in texts(a)
