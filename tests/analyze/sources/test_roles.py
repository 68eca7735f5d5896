"""The role class of sources (analyze/sources/roles.py, source.role_class.v2): what kind of
source the text says each one is."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accordingto.models import Analysis
from tests.analyze.test_sources import source_of

Analyse = Callable[[str], Analysis]


def role_class(analyse: Analyse, text: str, content: str) -> str:
    return source_of(analyse(text), content).role_class


# ----------------------------------------------------------------------------- the lexicon
@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        ("The Arab League said the move broke international law.", "broke international law", "politician_or_official"),
        ("The NFL said the game would start at 1 p.m.", "the game would start", "sports"),
        ("Wall Street predicted that earnings would rise.", "earnings would rise", "business"),
        ("Businesses and residents said the outages were too broad.", "outages were too broad", "business"),
        ("Browns DL Sheldon Richardson said the quarterback should be suspended.", "should be suspended", "sports"),
        ("Customs and Border Protection said the shipment had been seized.", "shipment had been seized", "police"),
    ],
)
def test_the_lexicon_classes_bodies_and_words_news_names(
    analyse: Analyse, text: str, content: str, expected: str
) -> None:
    assert role_class(analyse, text, content) == expected


def test_a_lowercase_rep_is_a_publicist_and_a_capital_rep_a_representative(analyse: Analyse) -> None:
    text = "Swift's rep told Fox News that the claim was not true."
    assert role_class(analyse, text, "the claim was not true") == "spokesperson"
    text = "A rep for Braun said the deal was fair."
    assert role_class(analyse, text, "the deal was fair") == "spokesperson"
    text = "Rep. Adam Schiff said the hearing would go on."
    assert role_class(analyse, text, "the hearing would go on") == "politician_or_official"
