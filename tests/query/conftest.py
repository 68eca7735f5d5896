"""A small corpus whose every number is known: the red-line story across six outlets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accordingto.models import Analysis
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
