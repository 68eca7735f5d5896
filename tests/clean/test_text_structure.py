"""Plain text as it really arrives: stray line, headline, byline, dateline, captions, links, footers.

Every excluded range must be a range of the input (never a cut), and a normal article must
come out with nothing excluded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accordingto.clean import CleanArticle, clean_text
from tests.conftest import FIXTURES, shared_path

TEXTS = FIXTURES / "texts"


def clean_fixture(name: str) -> tuple[str, CleanArticle]:
    text = (TEXTS / name).read_text(encoding="utf-8")
    return text, clean_text(text)


def excluded(article: CleanArticle) -> list[tuple[str, str]]:
    return [(e.reason, e.text) for e in article.excluded]


def assert_ranges_index_the_text(text: str, article: CleanArticle) -> None:
    assert article.text == text  # offsets are those of the input: nothing was cut
    for e in article.excluded:
        assert text[e.start : e.end] == e.text


# ------------------------------------------------------------------ the seed article
def test_seed_article_stray_line_headline_and_footer() -> None:
    path = shared_path("seed", "000_70e833f577346bcd.txt")
    text = path.read_text(encoding="utf-8")
    article = clean_text(text)
    assert excluded(article) == [
        ("stray line", "steampunk heart"),
        ("headline", "US would support limited, pinpoint IDF op against high-value targets in Rafah — report"),
        ("footer", "Source: TOI"),
    ]
    assert article.title == "US would support limited, pinpoint IDF op against high-value targets in Rafah — report"
    assert article.outlet == "TOI"
    assert article.excluded[0].start == 0
    assert article.excluded[-1].end == len(text.rstrip("\n"))
    assert_ranges_index_the_text(text, article)


def test_seed_bullets_stay_article_prose() -> None:
    text = shared_path("seed", "000_70e833f577346bcd.txt").read_text(encoding="utf-8")
    article = clean_text(text)
    bullet = text.index("  • “They’d have to do some repositioning")
    assert not any(e.start <= bullet + 4 < e.end for e in article.excluded)


# ------------------------------------------------------------------ our own wire copy
def test_wire_story_byline_date_dateline_caption_link_and_credits() -> None:
    text, article = clean_fixture("wire-reuters.txt")
    assert excluded(article) == [
        ("headline", "Port strike enters second week as talks stall"),
        ("byline", "By Jane Doe and Ahmed Karim, Reuters"),
        ("date", "March 13, 2024"),
        ("dateline", "ROTTERDAM, March 13 (Reuters) -"),
        (
            "caption",
            "FILE PHOTO: Containers are stacked at the port of Rotterdam, Netherlands, January 5, 2024. "
            "REUTERS/Piroschka van de Wouw/File Photo",
        ),
        ("link", "Read more: Why Europe's ports are struggling to hire"),
        ("footer", "(Reporting by Jane Doe and Ahmed Karim; Editing by Mark Potter)"),
    ]
    assert article.title == "Port strike enters second week as talks stall"
    assert article.author == "Jane Doe and Ahmed Karim"
    assert article.outlet == "Reuters"
    assert article.published == "2024-03-13"
    assert_ranges_index_the_text(text, article)


def test_dateline_only_the_dateline_is_excluded_and_the_sentence_stays() -> None:
    text, article = clean_fixture("wire-reuters.txt")
    dateline = next(e for e in article.excluded if e.reason == "dateline")
    assert text[dateline.end :].startswith(" Dock workers at Europe's largest port")


def test_ap_story_name_comma_agency_byline_and_promo_lines() -> None:
    text, article = clean_fixture("ap-story.txt")
    assert excluded(article) == [
        ("headline", "Senate passes stopgap bill hours before shutdown deadline"),
        ("byline", "Lisa Mascaro, Associated Press"),
        ("dateline", "WASHINGTON (AP) —"),
        ("link", "Related: House passes its version of the bill with bipartisan support"),
        ("share", "Share this article"),
        ("subscribe", "Sign up for our Morning Wire newsletter to get the day's top stories in your inbox."),
        ("footer", "Copyright 2024 The Associated Press. All rights reserved."),
    ]
    assert article.author == "Lisa Mascaro"
    assert article.outlet == "Associated Press"
    assert_ranges_index_the_text(text, article)


def test_blog_post_captions_click_here_follow_and_source_footer() -> None:
    text, article = clean_fixture("blog-captions.txt")
    reasons = excluded(article)
    assert reasons[:2] == [
        ("stray line", "the archive"),
        ("headline", "Wildfire smoke pushes city air quality to worst level in a decade"),
    ]
    assert reasons[2:] == [
        ("caption", "Photo: Smoke hangs over the skyline on Thursday morning."),
        (
            "caption",
            "A firefighter walks past a burning hillside near the town of Ridgeway. (Photo by Sam Ortega / AFP)",
        ),
        ("link", "Click here to check the air quality where you live."),
        ("share", "Follow us on Twitter for live updates."),
        ("footer", "© 2024 Metro Daily News"),
        ("footer", "Source: Metro Daily News"),
    ]
    assert article.outlet == "Metro Daily News"
    assert_ranges_index_the_text(text, article)


# ------------------------------------------------------------------ nothing to exclude
@pytest.mark.parametrize(
    "name", ["normal-quotes.txt", "normal-single-lines.txt", "normal-hard-wrapped.txt", "normal-mentions.txt"]
)
def test_a_normal_article_comes_out_with_nothing_excluded(name: str) -> None:
    text, article = clean_fixture(name)
    assert article.excluded == []
    assert article.title is None and article.outlet is None
    assert article.text == text


@pytest.mark.parametrize(
    "text",
    [
        '"It is fine," the minister said.',
        "The minister said it was fine",
        "Officials say\n\nThe ministry said on Monday that the plan would go ahead as scheduled.",
        "WASHINGTON (AP) — no capital letter after the dash, so this is not a dateline at all.",
        "Is the war over? Not yet, officials said on Tuesday, as talks resumed in Cairo.",
        "Source: a senior official, who spoke on condition of anonymity, said the talks had stalled.",
        "By the end of the day, John Smith said, the fighting had stopped.\n\nThe army confirmed it.",
        "Readers who booked early loved the show and left great reviews! 🙂\n\nHere are a few of them, as sent.",
        "More info: www.example.org | +1 555 0100\n\nThis review covers the second edition of the book.",
    ],
)
def test_prose_that_only_resembles_a_rule_is_left_alone(text: str) -> None:
    assert clean_text(text).excluded == []


# ------------------------------------------------------------------ each rule, on its own
def article_with(lines: list[str], *, top: list[str] | None = None) -> str:
    body = [
        "The city council voted on Tuesday to expand the bus network, officials said.",
        '"This is a big step," the mayor said after the vote.',
        "The expansion will add six routes by next summer, according to the transport office.",
    ]
    return "\n\n".join([*(top or []), body[0], *lines, *body[1:]])


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Photo: The new buses at the depot on Monday.", "caption"),
        ("Image credit: City transport office", "caption"),
        ("The new buses at the depot on Monday. (Photo by Ana Ruiz / AFP)", "caption"),
        ("(Photo by Ana Ruiz/Getty Images)", "caption"),
        ("A bus leaves the depot on Monday. REUTERS/Ana Ruiz", "caption"),
        ("Read more: How the city pays for its buses", "link"),
        ("READ MORE: Bus fares to rise in July", "link"),
        ("Related: Council approves new cycle lanes", "link"),
        ("See also: The history of the tram", "link"),
        ("Click here to see the new route map.", "link"),
        ("Share this article", "share"),
        ("Facebook Twitter Email WhatsApp", "share"),
        ("Follow us on Instagram for more local news.", "share"),
        ("Subscribe to our newsletter for the day's top stories.", "subscribe"),
        ("Advertisement", "advert"),
        ("4 min read", "advert"),
    ],
)
def test_anywhere_rules(line: str, reason: str) -> None:
    text = article_with([line])
    article = clean_text(text)
    assert excluded(article) == [(reason, line)]


@pytest.mark.parametrize(
    ("lines", "expected", "metadata"),
    [
        (["By Jane Doe"], [("byline", "By Jane Doe")], {"author": "Jane Doe"}),
        (["BY JANE DOE"], [("byline", "BY JANE DOE")], {"author": "Jane Doe"}),  # a shouted byline, named as usual
        (["Jane Doe, Reuters"], [("byline", "Jane Doe, Reuters")], {"author": "Jane Doe", "outlet": "Reuters"}),
        (["Jane Doe, Staff Writer"], [("byline", "Jane Doe, Staff Writer")], {"author": "Jane Doe", "outlet": None}),
        (["By Jane Doe | March 13, 2024"], [("byline", "By Jane Doe | March 13, 2024")], {"author": "Jane Doe"}),
        (["Published: 13 March 2024 10:32 GMT"], [("date", "Published: 13 March 2024 10:32 GMT")],
         {"published": "2024-03-13"}),
        (["Updated March 13, 2024 at 5:00 p.m. ET"], [("date", "Updated March 13, 2024 at 5:00 p.m. ET")],
         {"published": "2024-03-13"}),
    ],
)  # fmt: skip
def test_byline_and_date_lines_under_a_headline(
    lines: list[str], expected: list[tuple[str, str]], metadata: dict[str, str | None]
) -> None:
    text = article_with([], top=["Council expands bus network", *lines])
    article = clean_text(text)
    assert excluded(article) == [("headline", "Council expands bus network"), *expected]
    for field, value in metadata.items():
        assert getattr(article, field) == value


@pytest.mark.parametrize(
    ("opening", "dateline", "outlet"),
    [
        ("WASHINGTON (AP) — The", "WASHINGTON (AP) —", "AP"),
        ("LONDON, March 3 (Reuters) - The", "LONDON, March 3 (Reuters) -", "Reuters"),
        ("SPRINGFIELD, Ill. (AP) — The", "SPRINGFIELD, Ill. (AP) —", "AP"),
        ("GAZA CITY, Gaza Strip — The", "GAZA CITY, Gaza Strip —", None),
        ("(Reuters) - The", "(Reuters) -", "Reuters"),
    ],
)
def test_datelines(opening: str, dateline: str, outlet: str | None) -> None:
    text = f"{opening} council voted on Tuesday to expand the bus network, officials said.\n\nMore followed."
    article = clean_text(text)
    assert excluded(article) == [("dateline", dateline)]
    assert article.outlet == outlet


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("Source: TOI", "TOI"),
        ("SOURCE: Al Jazeera News", "Al Jazeera News"),
        ("(Reporting by Ana Ruiz; Editing by Tom Brown)", None),
        ("Additional reporting by Ana Ruiz", None),
        ("© 2024 Metro Daily News", None),
        ("Copyright 2024 The Associated Press. All rights reserved.", None),
        ("This article was originally published on The Conversation.", "The Conversation"),
        ("Ana Ruiz contributed to this report.", None),
    ],
)
def test_footers_at_the_end(footer: str, outlet: str | None) -> None:
    article = clean_text(article_with([]) + "\n\n" + footer + "\n")
    assert excluded(article) == [("footer", footer)]
    assert article.outlet == outlet


def test_a_footer_line_in_the_middle_is_not_a_footer() -> None:
    text = article_with(["Source: TOI"])
    assert clean_text(text).excluded == []


# ------------------------------------------------------------------ the stray line rule is general
@pytest.mark.parametrize("stray", ["steampunk heart", "cookie settings", "EXCLUSIVE", "Opinion", "live updates"])
def test_a_short_fragment_above_a_headline_is_a_stray_line(stray: str) -> None:
    text = article_with([], top=[stray, "Council expands bus network after long debate"])
    assert excluded(clean_text(text))[:2] == [
        ("stray line", stray),
        ("headline", "Council expands bus network after long debate"),
    ]


def test_a_short_headline_above_a_long_deck_is_still_the_headline() -> None:
    text = article_with(
        [], top=["Bus network grows", "Six new routes will link the suburbs to the centre by next summer"]
    )
    assert excluded(clean_text(text))[0] == ("headline", "Bus network grows")


@pytest.mark.parametrize(
    "headline",
    [
        "Harbor Tax Plan Up for Review Amid Claims of Waste.",
        "Varga Water Rules Face Big Test In State Court.",
        "Varga on the Drought: The Numbers Are 'Frightening.'",
    ],
)
def test_a_title_case_headline_ending_with_a_full_stop_is_the_title(headline: str) -> None:
    # archive copies (PolNeAR's among them) end their headlines with a full stop
    text = f"{headline}\n\nABSTRACT.\n\nThe program is debated again.\n\nFULL TEXT.\n\n" + article_with([])
    article = clean_text(text)
    assert article.title == headline
    assert excluded(article)[:3] == [("headline", headline), ("label", "ABSTRACT."), ("label", "FULL TEXT.")]
    assert article.author is None  # "Visa Program Up for Renewal..." is no byline


@pytest.mark.parametrize(
    "opening",
    [
        "Dock workers extended their strike into a second week on Wednesday, union officials said.",
        "The minister resigned on Tuesday.",
        "Bernie Sanders spoke in Iowa on Monday.",
    ],
)
def test_a_short_first_sentence_of_prose_is_not_a_headline(opening: str) -> None:
    article = clean_text(f"{opening}\n\n" + article_with([]))
    assert article.title is None and excluded(article) == []


def test_headline_byline_and_date_in_one_block_without_blank_lines() -> None:
    text = "Council expands bus network\nBy Jane Doe\nMarch 13, 2024\n\n" + article_with([])
    assert [r for r, _ in excluded(clean_text(text))] == ["headline", "byline", "date"]


def test_explicit_title_and_outlet_win_over_detected_ones() -> None:
    text, _ = clean_fixture("wire-reuters.txt")
    article = clean_text(text, title="Given title", outlet="Given outlet")
    assert (article.title, article.outlet) == ("Given title", "Given outlet")
    assert excluded(article)[0] == ("headline", "Port strike enters second week as talks stall")


def test_windows_line_endings_keep_offsets_right(tmp_path: Path) -> None:
    text = "steampunk heart\r\n\r\nCouncil expands bus network\r\n\r\n" + article_with([]).replace("\n", "\r\n")
    article = clean_text(text)
    assert excluded(article)[:2] == [("stray line", "steampunk heart"), ("headline", "Council expands bus network")]
    assert_ranges_index_the_text(text, article)


def test_a_first_line_that_echoes_the_page_title_is_the_headline() -> None:
    from accordingto.clean.text import detect_structure

    text = (
        "Maria Ortiz: Spain drops fraud inquiry\n\n"
        "Prosecutors in Spain have dropped an inquiry into a fraud allegation against the former mayor.\n"
    )
    found = detect_structure(text, find_headline=False, known_title="Spain drops Ortiz fraud inquiry")
    assert [(e.reason, e.text) for e in found.excluded] == [("headline", "Maria Ortiz: Spain drops fraud inquiry")]
    other = detect_structure(text, find_headline=False, known_title="Markets rally as oil prices fall")
    assert other.excluded == []


def test_headlines_of_other_articles_above_a_page_body_are_links() -> None:
    from accordingto.clean.text import detect_structure

    text = (
        "2024 Country Music Awards\n\n"
        "Jane Rowe Added to 2024 Country Music Awards Performance Lineup\n\n"
        "Sam Dell to Host the 2024 Country Music Awards, Plus New Performers Announced\n\n"
        "A half century on, the band is still touring, and its singer says the new songs are the best yet.\n"
    )
    found = detect_structure(text, find_headline=False, known_title="The band sets its anniversary tour")
    assert [e.reason for e in found.excluded] == ["link", "link", "link"]
    assert "the band is still touring" not in " ".join(e.text for e in found.excluded)
