"""End to end on the project's own sample article (examples/sample_article.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accordingto.models import Analysis

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sample_article.txt"

#: (cue, source name, via, start of content), in text order
EXPECTED = [
    ("told", "two city officials", ["Harbour Ledger"], "The company that supplies drinking water"),
    ("said", "two city officials", ["Harbour Ledger"], "internal emails showed"),
    ("said", "Ines Calloway", [], "“We are talking about children"),
    ("has called for", "Ines Calloway", [], "an independent inquiry"),
    ("said", "Ines Calloway", [], "the city would hand out free filters"),
    ("denied", "Martin Osei", [], "that the company had hidden anything"),
    ("told", "Martin Osei", [], "that the April readings were"),
    ("said", "Martin Osei", [], "“We shared every confirmed result"),
    ("According to", "the state environment agency", [], "at least 1,400 homes"),
    ("said", "A spokeswoman for the agency", [], "inspectors would visit the plant"),
    ("said", "A third official", [], "the council had received a letter"),
    ("said", "A third official", [], "“It was on the agenda twice"),
    ("said", "Several of them", [], "they had been buying bottled water"),
    ("said", "Priya Nandakumar", [], "“I want to know who knew what"),
    ("reported", "Harbour Ledger", [], "that the company had cut its testing budget"),
]


@pytest.fixture(scope="module")
def sample(analyzer) -> Analysis:  # type: ignore[no-untyped-def]
    from accordingto.clean import clean_text

    return analyzer.analyze(clean_text(SAMPLE.read_text(encoding="utf-8")))


def test_headline_becomes_the_title(sample: Analysis) -> None:
    assert sample.article.title == "City water supplier knew of lead readings for months, officials say"


def test_attributions(sample: Analysis) -> None:
    got = [
        (
            a.cue.text if a.cue else None,
            sample.source(a.source).name if a.source else None,  # type: ignore[union-attr]
            [sample.source(v).name for v in a.via],  # type: ignore[union-attr]
            a.content[0].text,
        )
        for a in sample.attributions
    ]
    assert [g[:3] for g in got] == [e[:3] for e in EXPECTED]
    for g, e in zip(got, EXPECTED, strict=True):
        assert g[3].startswith(e[3])


def test_types(sample: Analysis) -> None:
    types = {a.content[0].text[:20]: a.type for a in sample.attributions}
    assert types["“We are talking abou"] == "direct"
    assert types["that the April readi"] == "mixed"
    assert types["at least 1,400 homes"] == "according_to"
    assert types["internal emails show"] == "indirect"


def test_sources(sample: Analysis) -> None:
    by_name = {s.name: s for s in sample.sources}
    osei = by_name["Martin Osei"]
    assert (osei.role, osei.affiliation, len(osei.mentions)) == ("chief executive", "Halden Water", 3)
    officials = by_name["two city officials"]
    assert (officials.kind, officials.named, officials.count) == ("group", False, 2)
    assert {m.text for m in officials.anonymity} == {
        "on condition of anonymity",
        "because they were not authorized to discuss",
    }
    assert by_name["A third official"].anonymity[0].text == "asked not to be named"
    assert by_name["Harbour Ledger"].kind == "outlet"
    assert by_name["Ines Calloway"].role == "Mayor"


def test_figures_and_caveat(sample: Analysis) -> None:
    claims = {c.text: c for c in sample.claims}
    agency = [claims["at least 1,400 homes"], claims["about 12 percent"]]
    assert all(sample.source(c.source).name == "the state environment agency" for c in agency)  # type: ignore[union-attr]
    assert all(c.caveats[0].text == "The agency's figures have not been independently verified" for c in agency)
    assert claims["nearly $2 million"].value == 2_000_000


def test_profile(sample: Analysis) -> None:
    p = sample.profile
    assert (p.attributions, p.outlets_cited) == (15, ["Harbour Ledger"])
    assert p.top_sources[0].name in ("Ines Calloway", "Martin Osei")
