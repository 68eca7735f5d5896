"""Bylines and wire credits in plain text: who wrote the article, which wire it came from.

A reader notices three things: the authors are the people the byline names (in its order,
in ordinary case), a wire service ("Reuters", "AP", "TOI") is recorded as the wire and never
as an author, and the byline and credit lines stay out of the analysed prose.
"""

from __future__ import annotations

import pytest

from accordingto.clean import CleanArticle, clean_text
from accordingto.clean.credits import parse_credit, reporters_in
from tests.conftest import shared_path

HEADLINE = "Council expands bus network after long debate"
BODY = (
    "The city council voted on Tuesday to add six bus routes linking the suburbs to the centre, "
    "officials said.\n\n"
    "“This is the biggest change to the network in twenty years,” said Mayor Rosa Lind, who "
    "championed the plan.\n\n"
    "Opponents said the money would be better spent on repairing roads, according to a "
    "statement from the drivers' association."
)


def with_byline(byline: str) -> str:
    return f"{HEADLINE}\n\n{byline}\n\n{BODY}\n"


def with_footer(footer: str) -> str:
    return f"{BODY}\n\n{footer}\n"


def credits(article: CleanArticle) -> tuple[list[str], str | None, str | None]:
    return article.authors, article.author, article.wire


def excluded(article: CleanArticle) -> list[tuple[str, str]]:
    return [(e.reason, e.text) for e in article.excluded]


# ------------------------------------------------------------------ byline lines
@pytest.mark.parametrize(
    ("byline", "authors", "wire"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], None),
        ("By Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"], None),
        ("By JANE DOE", ["Jane Doe"], None),
        ("BY JANE DOE AND JOHN O'NEIL", ["Jane Doe", "John O'Neil"], None),
        ("Jane Doe, Reuters", ["Jane Doe"], "Reuters"),
        ("By Jane Doe, Associated Press", ["Jane Doe"], "AP"),
        ("By Jane Doe and The Associated Press", ["Jane Doe"], "AP"),
        ("Lisa Mascaro, The Associated Press", ["Lisa Mascaro"], "AP"),
        ("Jane Doe | CNN", ["Jane Doe"], None),
        ("By Jane Doe, Staff Writer", ["Jane Doe"], None),
        ("By Jane Doe | March 13, 2024", ["Jane Doe"], None),
    ],
)
def test_a_byline_line_gives_the_authors_and_the_wire(byline: str, authors: list[str], wire: str | None) -> None:
    article = clean_text(with_byline(byline))
    assert credits(article) == (authors, " and ".join(authors), wire)
    assert ("byline", byline) in excluded(article)


@pytest.mark.parametrize(("byline", "wire"), [("By Reuters", "Reuters"), ("By AP Staff", "AP"), ("By AFP", "AFP")])
def test_a_byline_naming_only_a_wire_gives_the_wire_and_no_author(byline: str, wire: str) -> None:
    article = clean_text(with_byline(byline))
    assert credits(article) == ([], None, wire)
    assert ("byline", byline) in excluded(article)


def test_the_outlet_a_byline_names_stays_the_outlet() -> None:
    assert clean_text(with_byline("Jane Doe | CNN")).outlet == "CNN"
    assert clean_text(with_byline("Jane Doe, Reuters")).outlet == "Reuters"


def test_a_staff_credit_is_no_author_but_stays_the_written_byline() -> None:
    article = clean_text(with_byline("By Staff Reporter"))
    assert (article.authors, article.author, article.wire) == ([], "Staff Reporter", None)
    assert ("byline", "By Staff Reporter") in excluded(article)


def test_an_editorial_board_is_kept_as_the_author() -> None:
    # an editorial speaks for its board: that is whom it is credited to
    article = clean_text(with_byline("By The Editorial Board"))
    assert article.authors == ["The Editorial Board"]


def test_the_byline_is_out_of_the_analysed_prose() -> None:
    text = with_byline("By Jane Doe and John Roe")
    article = clean_text(text)
    byline = next(e for e in article.excluded if e.reason == "byline")
    assert text[byline.start : byline.end] == "By Jane Doe and John Roe"
    assert article.text == text  # ranges, never cuts


# ------------------------------------------------------------------ wire credits
@pytest.mark.parametrize(
    ("footer", "wire"),
    [
        ("Source: TOI", "TOI"),
        ("AP contributed to this report.", "AP"),
        ("The Associated Press contributed to this report.", "AP"),
        ("Reuters contributed reporting.", "Reuters"),
        ("With inputs from agencies", "agencies"),
        ("(With inputs from PTI)", "PTI"),
        ("With inputs from PTI and IANS", "PTI"),
        ("© AFP", "AFP"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "AP"),
        ("(c) Copyright Thomson Reuters 2024.", "Reuters"),
    ],
)
def test_a_wire_credit_at_the_end_gives_the_wire_and_no_author(footer: str, wire: str) -> None:
    article = clean_text(with_footer(footer))
    assert credits(article) == ([], None, wire)
    assert excluded(article) == [("footer", footer)]


@pytest.mark.parametrize(
    "footer",
    ["Source: Metro Daily News", "© 2024 Metro Daily News", "Ana Ruiz contributed to this report."],
)
def test_a_credit_that_names_no_wire_gives_none(footer: str) -> None:
    article = clean_text(with_footer(footer))
    assert credits(article) == ([], None, None)
    assert excluded(article) == [("footer", footer)]


@pytest.mark.parametrize(
    ("opening", "wire"),
    [
        ("WASHINGTON (AP) — The", "AP"),
        ("(Reuters) - The", "Reuters"),
        ("LONDON, March 3 (Reuters) - The", "Reuters"),
        ("NEW DELHI (PTI): The", "PTI"),
        ("ATLANTA (CNN) — The", None),  # an outlet's own dateline is no wire credit
    ],
)
def test_a_dateline_gives_the_wire(opening: str, wire: str | None) -> None:
    article = clean_text(f"{opening} council voted on Tuesday to expand the bus network, officials said.\n\nMore.")
    assert article.wire == wire
    assert article.authors == []


@pytest.mark.parametrize(
    ("opening", "wire"),
    [("New York (AFP) – The", "AFP"), ("Dec 29 (Reuters) - The", "Reuters"), ("Cleveland, Ohio (AP) — The", "AP")],
)
def test_a_wire_dateline_with_the_place_in_ordinary_case(opening: str, wire: str) -> None:
    article = clean_text(f"{opening} council voted on Tuesday to expand the bus network, officials said.\n\nMore.")
    assert article.wire == wire
    assert [e.reason for e in article.excluded] == ["dateline"]


def test_parentheses_after_a_place_that_name_no_wire_are_prose() -> None:
    text = "Washington (and its allies) — The council voted on Tuesday to expand the bus network.\n\nMore."
    assert (clean_text(text).wire, clean_text(text).excluded) == (None, [])


def test_a_dateline_below_a_title_in_sentence_case() -> None:
    text = (
        "Poll: voters increasingly see the council plan as affordable.\n\n"
        "WASHINGTON (AP) — The more residents learn about the bus plan, the more they like it, a poll found.\n\n"
        "The survey was conducted by telephone last week."
    )
    article = clean_text(text)
    assert article.wire == "AP"
    assert ("dateline", "WASHINGTON (AP) —") in excluded(article)


def test_a_wire_credit_in_the_middle_of_the_text_is_prose() -> None:
    text = BODY.replace("\n\nOpponents", "\n\nSource: TOI\n\nOpponents")
    article = clean_text(text)
    assert (article.wire, article.excluded) == (None, [])


# ------------------------------------------------------------------ Reuters credit footers
@pytest.mark.parametrize(
    ("footer", "authors"),
    [
        ("Reporting by Jane Doe; Editing by John Roe", ["Jane Doe"]),
        ("(Reporting by Jane Doe in London and Ahmed Karim in Paris; Editing by Mark Potter)",
         ["Jane Doe", "Ahmed Karim"]),
        ("(Reporting by Ana Ruiz; Additional reporting by Tom Brown; Writing by Lena Park; Editing by Mark Potter)",
         ["Ana Ruiz", "Lena Park"]),
        ("(Reporting by Greg Lee, Ana Ruiz, with reporting by Tom Brown, editing by Mark Potter.)",
         ["Greg Lee", "Ana Ruiz"]),
        ("(Editing by Mark Potter)", []),
    ],
)  # fmt: skip
def test_a_reporting_footer_gives_the_reporters_not_the_editors(footer: str, authors: list[str]) -> None:
    article = clean_text(with_footer(footer))
    assert article.authors == authors
    assert excluded(article) == [("footer", footer)]


def test_the_byline_above_the_article_wins_over_the_footer() -> None:
    text = f"{HEADLINE}\n\nBy Jane Doe\n\n{BODY}\n\n(Reporting by Jane Doe and Ahmed Karim; Editing by Mark Potter)\n"
    assert clean_text(text).authors == ["Jane Doe"]


def test_a_wire_byline_and_a_reporting_footer_give_both() -> None:
    text = f"{HEADLINE}\n\nBy Reuters\n\n{BODY}\n\n(Reporting by Ana Ruiz; Editing by Mark Potter)\n"
    assert credits(clean_text(text)) == (["Ana Ruiz"], "Ana Ruiz", "Reuters")


# ------------------------------------------------------------------ headlines are no bylines
@pytest.mark.parametrize(
    "headline",
    [
        "Big Sponsors Pull Money From County Fair.",
        "Mayor's Campaign Chief Smiles, Dodges Reporter’s Question.",
        "Varga Announces Plans She And Holm Have Made For Opening Their Records.",
    ],
)
def test_a_title_case_headline_is_not_read_as_a_byline(headline: str) -> None:
    # they fit "Jane Doe, Reuters" and "Jane Doe for The Times", but name nobody
    article = clean_text(f"{headline}\n\n{BODY}\n")
    assert (article.title, article.authors, article.author) == (headline, [], None)
    assert excluded(article) == [("headline", headline)]


# ------------------------------------------------------------------ the seed article
def test_the_seed_source_footer_is_its_wire_not_its_author() -> None:
    text = shared_path("seed", "000_70e833f577346bcd.txt").read_text(encoding="utf-8")
    article = clean_text(text)
    assert (article.wire, article.authors, article.author) == ("TOI", [], None)
    assert ("footer", "Source: TOI") in excluded(article)


# ------------------------------------------------------------------ credit strings (metadata)
@pytest.mark.parametrize(
    ("credit", "authors", "wire"),
    [
        ("Jane Doe; John Roe", ["Jane Doe", "John Roe"], None),
        ("Victor Tangermann, Futurism", ["Victor Tangermann"], None),
        ("Jill Disis, CNN Business", ["Jill Disis"], None),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"], None),
        ("By GREG BEACHAM, AP Sports Writer", ["Greg Beacham"], "AP"),
        ("DANICA KIRKA; JILL LAWLESS Associated Press", ["Danica Kirka", "Jill Lawless"], "AP"),
        ("Paul Takahashi; Staff writer", ["Paul Takahashi"], None),
        ("Rachael Link, MS, RD", ["Rachael Link"], None),
        ("Mike Wuerthele; Malcolm Owen Monday; November", ["Mike Wuerthele", "Malcolm Owen"], None),
        ("Sarah E. Needleman; Sarah E Needleman", ["Sarah E. Needleman"], None),
        ("Martin Luther King, Jr.", ["Martin Luther King Jr."], None),
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"], None),
        ("Theresa May and Will Dunham", ["Theresa May", "Will Dunham"], None),
        ("MARY MCDONALD", ["Mary McDonald"], None),
        ("Science X staff", [], None),
        ("Phil Helsel is a reporter", [], None),
        ("https://www.facebook.com/cnbc", [], None),
        ("The Associated Press", [], "AP"),
        ("REUTERS", [], "Reuters"),
    ],
)
def test_credit_strings(credit: str, authors: list[str], wire: str | None) -> None:
    parsed = parse_credit(credit)
    assert (list(parsed.authors), parsed.wire) == (authors, wire)


def test_one_word_names_only_from_metadata_and_never_the_outlet() -> None:
    assert parse_credit("Regan", one_word=True).authors == ("Regan",)
    assert parse_credit("Regan").authors == ()  # "By Regan" in a text could be anything
    assert parse_credit("Admin", one_word=True).authors == ()
    assert parse_credit("LinkNaija", one_word=True, outlets=["linknaija"]).authors == ()
    assert parse_credit("Telegraph Sport", outlets=["The Telegraph"]).authors == ()


def test_reporters_in_a_footer() -> None:
    found = reporters_in("Reporting by Jane Doe in New York; Writing by Ann Poe; Editing by John Roe")
    assert found.authors == ("Jane Doe", "Ann Poe")


@pytest.mark.parametrize("opening", ["Indianapolis – Several", "Vienna — The", "Portland, Ore. — The"])
def test_a_place_in_ordinary_case_before_a_dash_is_a_dateline(opening: str) -> None:
    article = clean_text(f"{opening} council voted on Tuesday to expand the bus network, officials said.\n\nMore.")
    assert [e.reason for e in article.excluded] == ["dateline"]
    assert article.wire is None


def test_a_name_before_a_dash_and_lower_case_words_is_prose() -> None:
    text = "Washington – and its allies – voted on Tuesday to expand the bus network, officials said.\n\nMore."
    assert clean_text(text).excluded == []
