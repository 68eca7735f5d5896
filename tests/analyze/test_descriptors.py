"""Why a source is in a position to know: the article's own words for who the source is, as
spans (source.descriptors.v1)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.analyze.components import Accordingto
from accordingto.clean import CleanArticle
from accordingto.models import Analysis, Source
from accordingto.query import Corpus
from accordingto.store.rows import analysis_to_rows, rows_to_analysis
from tests.analyze.test_sources import source_of

Analyse = Callable[[str], Analysis]


def descriptors(src: Source) -> list[str]:
    return [d.text for d in src.descriptors]


def described(analyse: Analyse, text: str, content: str) -> list[str]:
    """The descriptors of the source of the attribution whose content holds ``content``."""
    return descriptors(source_of(analyse(text), content))


# ----------------------------------------------------------------------------- what is a descriptor
@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        # an appositive after the name, without its commas
        (
            "Jane Doe, a traffic engineer at the state university, said the bridge was unsafe.",
            "bridge",
            ["a traffic engineer at the state university"],
        ),
        # the appositive is the name: the phrase before it describes
        ("A traffic engineer, Jane Doe, said the bridge was unsafe.", "bridge", ["A traffic engineer"]),
        (
            '"The bridge is unsafe," said Jane Doe, a traffic engineer at the city.',
            "bridge",
            ["a traffic engineer at the city"],
        ),
        # relative clauses, with their pronoun
        (
            "An official who chairs the transport committee said the vote would be delayed.",
            "vote",
            ["who chairs the transport committee"],
        ),
        ("A resident who witnessed the crash said the car was speeding.", "car", ["who witnessed the crash"]),
        # post-modifiers of access: the modifier part after the head
        ("Officials familiar with the negotiations said a deal was close.", "deal", ["familiar with the negotiations"]),
        ("People briefed on the talks said a deal was close.", "deal", ["briefed on the talks"]),
        ("A person close to the family said the funeral would be private.", "funeral", ["close to the family"]),
        ("Sources with knowledge of the matter said the firm would be sold.", "firm", ["with knowledge of the matter"]),
        ("An aide involved in the talks said the offer was rejected.", "offer", ["involved in the talks"]),
        # prepositional modifiers of position
        ("A spokeswoman for the ministry said the roads were closed.", "roads", ["for the ministry"]),
        ("An official at the State Department said the visa was denied.", "visa", ["at the State Department"]),
        ("A professor of economics at Yale said inflation would fall.", "inflation", ["of economics at Yale"]),
        ("An adviser to the president said the plan was dead.", "plan", ["to the president"]),
        # a short bracket after a name
        ("Rep. Ann Lee (D-Ohio) said the bill would pass.", "bill", ["D-Ohio"]),
    ],
)
def test_the_text_s_words_for_who_the_source_is(analyse: Analyse, text: str, content: str, expected: list[str]) -> None:
    assert described(analyse, text, content) == expected


def test_the_spans_are_offsets_into_the_article_text(analyse: Analyse) -> None:
    analysis = analyse("Ann Lee, a professor of economics at Yale, said inflation would fall.")
    src = source_of(analysis, "inflation")
    (span,) = src.descriptors
    assert analysis.article.text[span.start : span.end] == span.text == "a professor of economics at Yale"
    assert "source.descriptors.v1" in src.rules


def test_every_mention_adds_its_descriptors_once(analyse: Analyse) -> None:
    text = (
        "Ann Lee, a professor of economics at Yale, said inflation would fall. "
        "Lee, who advised the central bank, said rates would rise."
    )
    analysis = analyse(text)
    src = source_of(analysis, "inflation")
    assert src is source_of(analysis, "rates would rise")
    assert descriptors(src) == ["a professor of economics at Yale", "who advised the central bank"]


# ----------------------------------------------------------------------------- what is not
def test_a_name_alone_has_no_descriptor(analyse: Analyse) -> None:
    src = source_of(analyse("Jane Doe said the bridge was unsafe."), "bridge")
    assert src.descriptors == [] and "source.descriptors.v1" not in src.rules


def test_anonymity_is_no_descriptor(analyse: Analyse) -> None:
    src = source_of(analyse("Two officials, speaking on condition of anonymity, said the talks had stalled."), "talks")
    assert src.descriptors == []
    assert [a.text for a in src.anonymity] == ["on condition of anonymity"]
    unauthorized = "A senior aide, who was not authorized to comment on the record, said the talks had stalled."
    anon = source_of(analyse(unauthorized), "talks")
    assert anon.descriptors == []


def test_a_position_stated_beside_anonymity_is_kept_without_it(analyse: Analyse) -> None:
    text = (
        "A senior official who was involved in the talks and spoke on condition of anonymity "
        "said the offer was rejected."
    )
    src = source_of(analyse(text), "offer")
    assert descriptors(src) == ["who was involved in the talks"]
    assert all("anonymity" not in d for d in descriptors(src))


def test_how_and_when_the_source_spoke_is_no_descriptor(analyse: Analyse) -> None:
    for text in (
        "The minister said in a statement on Monday that the roads were closed.",
        "Jane Doe said on CNN that the bridge was unsafe.",
        "Clinton said at a rally in Ohio that the economy was strong.",
    ):
        analysis = analyse(text)
        assert all(s.descriptors == [] for s in analysis.sources), text


def test_the_content_of_an_attribution_is_no_descriptor(analyse: Analyse) -> None:
    analysis = analyse("Officials said that the committee chaired by Smith would meet.")
    assert all(s.descriptors == [] for s in analysis.sources)
    mayor = analyse("The mayor, who said the bridge was unsafe, closed it.")
    assert all("who said the bridge was unsafe" not in descriptors(s) for s in mayor.sources)


def test_a_clause_that_reports_is_cut_to_the_part_that_describes(analyse: Analyse) -> None:
    text = (
        "Jo Park, a corporate attorney who led the transition team and considers Kaine her mentor, said she would run."
    )
    analysis = analyse(text)
    assert all("considers" not in d for s in analysis.sources for d in descriptors(s))
    park = next(s for s in analysis.sources if s.name == "Jo Park")
    assert descriptors(park) == ["a corporate attorney who led the transition team"]


def test_quoted_speech_is_no_descriptor(analyse: Analyse) -> None:
    analysis = analyse('Jane Doe, who called the bridge "a death trap," said it would close.')
    assert all("death trap" not in d for s in analysis.sources for d in descriptors(s))
    text = 'Jane Doe, an engineer whose firm built the "safest bridge in the state," said it would close.'
    assert described(analyse, text, "close") == ["an engineer"]


def test_an_age_a_title_and_the_name_itself_are_no_descriptors(analyse: Analyse) -> None:
    assert described(analyse, "Adam Schiff, 56, said the vote was rigged.", "vote") == []
    assert described(analyse, "The former secretary of state said the plan was flawed.", "plan") == []
    budget = "The Council for a Balanced County Budget reported that the plan would cost $150 million."
    assert described(analyse, budget, "cost") == []


def test_a_descriptor_stays_short_and_in_the_mention_s_sentence(analyse: Analyse) -> None:
    text = (
        "Ann Lee, a professor who has taught economics at Yale since the university first opened its school of "
        "public policy to students from every state of the union and from abroad, said inflation would fall."
    )
    analysis = analyse(text)
    for src in analysis.sources:
        for d in src.descriptors:
            assert len(d.text.split()) <= 25
            assert "." not in analysis.article.text[d.start : d.end]


# ----------------------------------------------------------------------------- nothing else changes
def test_the_rule_changes_no_attribution_or_source(analyzer: Analyzer) -> None:
    text = (
        "Jane Doe, a traffic engineer at the state university, said the bridge was unsafe. "
        "Officials familiar with the negotiations said a deal was close. "
        "An aide involved in the talks, who spoke on condition of anonymity, said the offer was rejected."
    )
    ((job, doc),) = list(analyzer.parse_many([Job(CleanArticle(text=text), "t")]))
    on = analyzer.finish(job, doc, [Accordingto([])])
    off = analyzer.finish(job, doc, [Accordingto(["source.descriptors.v1"])])
    assert [a.to_dict() | {"rules": None} for a in on.attributions] == [
        a.to_dict() | {"rules": None} for a in off.attributions
    ]
    assert [(s.id, s.name, s.kind, s.role, s.mentions) for s in on.sources] == [
        (s.id, s.name, s.kind, s.role, s.mentions) for s in off.sources
    ]
    assert all(s.descriptors == [] for s in off.sources)
    assert sum(len(s.descriptors) for s in on.sources) >= 3


def test_the_json_and_the_corpus_keep_descriptors(analyse: Analyse, tmp_path: Path) -> None:
    analysis = analyse("People briefed on the talks said a deal was close.")
    src = source_of(analysis, "deal")
    data = json.loads(json.dumps(analysis.to_dict()))
    (row,) = [s for s in data["sources"] if s["id"] == src.id]
    assert [d["text"] for d in row["descriptors"]] == ["briefed on the talks"]
    assert Analysis.from_dict(data).sources == analysis.sources
    assert rows_to_analysis(json.loads(json.dumps(analysis_to_rows(analysis)))).sources == analysis.sources
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(analysis)
        stored = corpus.get(analysis.article.id)
    assert stored is not None and stored.sources == analysis.sources
