"""Statistics per outlet and month, checked against counts worked out by hand from the story
corpus (tests/query/conftest.py)."""

from __future__ import annotations

import pytest

from accordingto.query import Corpus
from accordingto.query.records import StatsRow


def _row(rows: list[StatsRow], outlet: str | None, month: str | None) -> StatsRow:
    matches = [r for r in rows if r.outlet == outlet and r.month == month]
    assert len(matches) == 1, (outlet, month, [(r.outlet, r.month) for r in rows])
    return matches[0]


def test_per_outlet_and_month(corpus: Corpus) -> None:
    rows = corpus.stats()
    assert [(r.outlet, r.month) for r in rows] == [
        ("", ""),  # the undated note without an outlet
        ("Coast Courier", "2024-03"),
        ("Harbor Gazette", "2024-03"),
        ("Metro Wire", "2024-03"),
        ("Northfield Courier", "2024-03"),
        ("Valley Times", "2024-04"),
    ]
    gazette = _row(rows, "Harbor Gazette", "2024-03")
    # g1: Ferrante (direct), an anonymous official, the Interior Ministry; g5: Ferrante, Reyna
    assert (gazette.articles, gazette.attributions, gazette.attributions_per_article) == (2, 5, 2.5)
    assert gazette.anonymous_share == 0.2
    assert gazette.named_share == 0.8
    assert gazette.by_kind == {"person": 0.8, "organization": 0.2}
    assert [(t.corpus_source_id, t.attributions) for t in gazette.top_sources] == [
        ("dalia-ferrante", 2),
        ("interior-ministry", 1),
        ("tomas-reyna", 1),
    ]


def test_per_outlet_sums_its_months(corpus: Corpus) -> None:
    rows = corpus.stats(by="outlet")
    assert all(r.month is None for r in rows)
    northfield = _row(rows, "Northfield Courier", None)
    assert (northfield.articles, northfield.attributions) == (1, 3)
    assert northfield.anonymous_share == pytest.approx(0.333)
    assert northfield.by_kind == {"person": 0.667, "group": 0.333}
    assert [c.name for c in northfield.outlets_cited] == ["Harbor Gazette"]


def test_per_month_sums_its_outlets(corpus: Corpus) -> None:
    rows = corpus.stats(by="month")
    march = _row(rows, None, "2024-03")
    assert (march.articles, march.attributions) == (5, 12)
    assert march.top_sources[0].corpus_source_id == "dalia-ferrante"
    assert march.top_sources[0].attributions == 3
    april = _row(rows, None, "2024-04")
    assert [(t.corpus_source_id, t.attributions) for t in april.top_sources] == [("dalia-ferrante", 1), ("reuters", 1)]
    assert [c.name for c in april.outlets_cited] == ["Reuters"]


def test_filters_select_outlets_and_months(corpus: Corpus) -> None:
    rows = corpus.stats(by="outlet", outlet=["harbor gazette", "Valley Times"])
    assert [r.outlet for r in rows] == ["Harbor Gazette", "Valley Times"]
    april = corpus.stats(since="2024-04", until="2024-04-30")
    assert [(r.outlet, r.month) for r in april] == [("Valley Times", "2024-04")]
    summed = corpus.stats(by="outlet", since="2024-03", until="2024-03")
    assert "Valley Times" not in {r.outlet for r in summed}
    gazette = _row(summed, "Harbor Gazette", None)
    assert gazette.top_sources[0].corpus_source_id == "dalia-ferrante"
    by_month_for_one = corpus.stats(by="month", outlet="Harbor Gazette")
    assert [(t.corpus_source_id, t.attributions) for t in by_month_for_one[0].top_sources][:1] == [
        ("dalia-ferrante", 2)
    ]


def test_anonymous_sources_are_never_among_the_most_quoted(corpus: Corpus) -> None:
    for row in corpus.stats(by="outlet", top=10):
        assert not any(t.corpus_source_id.startswith("anonymous~") for t in row.top_sources)


def test_stats_follow_removals(corpus: Corpus) -> None:
    corpus.remove("g5")
    gazette = _row(corpus.stats(by="outlet"), "Harbor Gazette", None)
    assert (gazette.articles, gazette.attributions) == (1, 3)
    corpus.remove("v6")
    assert all(r.outlet != "Valley Times" for r in corpus.stats())
    assert corpus.check() == []


def test_top_zero_skips_rankings_and_bad_arguments_are_refused(corpus: Corpus) -> None:
    assert all(r.top_sources == [] and r.outlets_cited == [] for r in corpus.stats(top=0))
    with pytest.raises(ValueError):
        corpus.stats(by="week")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        corpus.stats(since="yesterday")


def test_an_empty_corpus_has_no_rows(tmp_path: object) -> None:
    from pathlib import Path

    with Corpus(Path(str(tmp_path)) / "empty.db") as empty:
        assert empty.stats() == []
