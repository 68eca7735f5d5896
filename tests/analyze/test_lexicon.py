"""The lexicon files are valid, one table per shared thing, and a malformed row is named."""

from __future__ import annotations

import re

import pytest

from accordingto.analyze import lexicon
from accordingto.analyze.quotes import ALL_MARKS
from accordingto.link import quotes as link_quotes


def test_every_lexicon_file_of_the_package_is_valid() -> None:
    lexicon.check_lexicon.cache_clear()
    lexicon.check_lexicon()


@pytest.mark.parametrize(
    ("filename", "row", "problem"),
    [
        ("cue_verbs.tsv", ["say", "talking", "neutral", "cq"], "class"),
        ("cue_verbs.tsv", ["say", "speech", "loud", "cq"], "stance"),
        ("cue_verbs.tsv", ["say", "speech", "neutral", "cz"], "frames"),
        ("cue_verbs.tsv", ["say", "speech"], "needs"),
        ("source_nouns.tsv", ["official", "robot"], "needs a lemma"),
        ("word_sets.tsv", ["vague_quantifiers", ""], "needs a name"),
    ],
)
def test_a_malformed_row_is_named_with_what_is_wrong(filename: str, row: list[str], problem: str) -> None:
    (found,) = lexicon.table_problems(filename, [row])
    assert filename in found and problem in found


def test_quotation_marks_come_from_one_table() -> None:
    marks = set(lexicon.quote_marks())
    assert marks == set(ALL_MARKS)
    assert {"「", "」", "〝", "〞", "‛"} <= marks
    assert set(link_quotes._MARKS) == marks


def test_titles_serve_both_the_analysis_and_cross_article_names() -> None:
    assert "defense minister" in lexicon.roles()
    assert {"sen.", "mr.", "dr"} <= lexicon.name_titles()
    assert "lady" not in lexicon.name_titles()  # "Lady Gaga" keeps her name in an article...
    assert {"lady", "billionaire", "senator", "sen"} <= lexicon.title_words()  # ...but not in a name key


def test_number_words_are_one_table_read_two_ways() -> None:
    assert lexicon.count_words()["both"] == 2 and lexicon.count_words()["thirty"] == 30
    assert lexicon.figure_words()["a"] == 1 and "both" not in lexicon.figure_words()


def test_case_twins_are_every_character_beyond_ascii_matching_an_ascii_letter() -> None:
    letter = re.compile("[a-zA-Z]", re.IGNORECASE)
    twins = {chr(c) for c in range(128, 0x110000) if letter.fullmatch(chr(c))}
    assert twins == {chr(c) for c in (0x130, 0x131, 0x17F, 0x212A)}
    assert all(lexicon._CASE_TWINS.fullmatch(t) for t in twins)


def test_all_matches_skips_texts_lacking_the_words_each_line_needs() -> None:
    for filename in ("caveats.txt", "anonymity.txt", "idioms.txt", "stated_pronouns.txt"):
        assert lexicon.required_words(filename) is not None
    text = "The toll was disputed; the claim could not be independently verified. Spoke anonymously."
    for probe in (text, text.upper(), "Nothing here.", "ſpoke anonymouſly", "The count is DISPUTED"):
        for filename in ("caveats.txt", "anonymity.txt"):
            expected = [(m.start(), m.end()) for p in lexicon.patterns(filename) for m in p.finditer(probe)]
            assert lexicon.all_matches(filename, probe) == expected
