"""Small corpora whose every number is known: the red-line story across six outlets, and the
bridge story (who gets quoted: genders as the text states them, role classes, bylines)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accordingto.models import Analysis, Span
from accordingto.query import Corpus
from tests.store.builders import Said, build

QUOTE = "“We will not cross that red line, whatever the pressure from our allies,”"


def story() -> list[Analysis]:
    return [
        build(
            "g1",
            [
                Said("Defense Minister Dalia Ferrante", QUOTE, type="direct", role="defense minister"),
                Said("a senior official", "the talks had stalled over the timetable", named=False),
                Said(
                    "the Interior Ministry", "nearly 12,000 people have left", type="according_to", kind="organization"
                ),
            ],
            outlet="Harbor Gazette",
            published="2024-03-04",
            title="Ferrante rules out withdrawal",
            figure="about 3,000 troops",
        ),
        build(
            "n2",
            [
                Said("Dalia Ferrante", QUOTE.replace("“", '"').replace("”", '"'), type="direct", via="Harbor Gazette"),
                Said(
                    "two Western diplomats",
                    "the comment had caught the delegations by surprise",
                    kind="group",
                    named=False,
                ),
                Said(
                    "Tomas Reyna", 'the minister was "playing to the cameras"', type="mixed", role="opposition leader"
                ),
            ],
            outlet="Northfield Courier",
            published="2024-03-05",
        ),
        build(
            "m3",
            [
                Said(
                    "the defense minister",
                    "“We will not cross that red line, whatever the pressure from allies,”",
                    type="direct",
                    named=False,
                ),
                Said("Mayor Ines Calder", "about 40 percent of families had already left", role="mayor"),
            ],
            outlet="Metro Wire",
            published="2024-03-06",
        ),
        build(
            "c4",
            [
                Said(
                    "Marco Ferrante",
                    "“Our members have waited three years for a fair offer and will not wait,”",
                    type="direct",
                    role="union leader",
                ),
                Said("The port authority", "the demands were not affordable", kind="organization"),
            ],
            outlet="Coast Courier",
            published="2024-03-11",
        ),
        build(
            "g5",
            [
                Said("Dalia Ferrante", "the troops were needed to protect the villages", role="defense minister"),
                Said("Reyna", "the minister had still not answered his questions"),
            ],
            outlet="Harbor Gazette",
            published="2024-03-12",
        ),
        build(
            "v6",
            [
                Said("Reuters", "negotiators returned to Geneva", type="according_to", kind="outlet"),
                Said("Dalia Ferrante", f"that {QUOTE}", type="mixed"),
            ],
            outlet="Valley Times",
            published="2024-04-02",
            extra="The remark was first reported by the Harbor Gazette.",
        ),
        build(
            "u7",
            [Said("Ferrante", "the red line would hold")],
            title="An undated note",
        ),
    ]


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    with Corpus(tmp_path / "story.db") as opened:
        for analysis in story():
            opened.add(analysis)
        yield opened


def _who(analysis: Analysis, name: str, gender: str, evidence: str | None, role_class: str) -> None:
    """Give the source ``name`` the gender the text states, with the words of the article that
    state it (the first occurrence of ``evidence`` after its mention), and its role class."""
    text = analysis.article.text
    (source,) = [s for s in analysis.sources if s.name == name]
    source.gender, source.role_class = gender, role_class
    source.gender_basis = "none" if evidence is None else "text"
    if evidence is not None:
        start = text.index(evidence, source.mentions[0].start)
        source.gender_evidence = [Span(start, start + len(evidence), evidence)]


def who_story() -> list[Analysis]:
    """Three articles on a bridge. Ines Calder is "a mother of two" in the first and given no
    gender in the second; Sam Ortiz is "his" in one article and "her" in another (the text
    disagrees with itself: unknown across the corpus); Alex Kim "uses they/them pronouns"."""
    w1 = build(
        "w1",
        [
            Said("Ines Calder", "the bridge would reopen in May", role="mayor"),
            Said("Tomas Reyna", "the bridge cables had corroded faster than expected", role="professor"),
            Said("Dana Whitfield", "the bridge closure had cost her bakery half its customers"),
        ],
        outlet="Harbor Gazette",
        published="2024-03-04",
        title="Bridge to reopen in May",
        extra="Ines Calder, a mother of two, was elected in 2021. Tomas Reyna, the chairman of the "
        "engineering faculty, has studied the bridge for a decade.",
    )
    _who(w1, "Ines Calder", "female", "mother", "politician_or_official")
    _who(w1, "Tomas Reyna", "male", "chairman", "expert_or_academic")
    _who(w1, "Dana Whitfield", "female", "her", "ordinary_person")
    w2 = build(
        "w2",
        [
            Said("Ines Calder", "the bridge contract would be reviewed", role="mayor"),
            Said("Priya Nair", "the bridge tolls she had proposed would pay for the repairs", role="economist"),
            Said("Sam Ortiz", "the bridge had been his way to work for 20 years"),
        ],
        outlet="Coast Courier",
        published="2024-03-12",
        title="Who pays for the bridge",
    )
    _who(w2, "Ines Calder", "unknown", None, "politician_or_official")
    _who(w2, "Priya Nair", "female", "she", "expert_or_academic")
    _who(w2, "Sam Ortiz", "male", "his", "ordinary_person")
    w3 = build(
        "w3",
        [
            Said("Sam Ortiz", "the bridge reopening had come too late for her shop"),
            Said("The port authority", "the bridge inspections were complete", kind="organization"),
            Said("Alex Kim", "the bridge lighting was their design", role="architect"),
        ],
        outlet="Coast Courier",
        published="2024-04-02",
        title="The bridge, lit",
        extra="Kim, who uses they/them pronouns, founded the studio in 2012.",
    )
    _who(w3, "Sam Ortiz", "female", "her", "ordinary_person")
    _who(w3, "The port authority", "unknown", None, "unknown")
    _who(w3, "Alex Kim", "nonbinary", "they/them", "business")
    for analysis, authors, section in (
        (w1, ["Lena Park"], "City"),
        (w2, ["Omar Haddad"], "Business"),
        (w3, ["Omar Haddad", "Lena Park"], "City"),
    ):
        analysis.article.authors, analysis.article.section = authors, section
    return [w1, w2, w3]


@pytest.fixture
def who_corpus(tmp_path: Path) -> Iterator[Corpus]:
    with Corpus(tmp_path / "bridge.db") as opened:
        for analysis in who_story():
            opened.add(analysis)
        yield opened
