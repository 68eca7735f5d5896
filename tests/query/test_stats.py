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


# ------------------------------------------------------------------ who gets quoted
def test_each_row_carries_who_gets_quoted_as_voices_counts_it(who_corpus: Corpus) -> None:
    for by in ("outlet-month", "outlet", "month"):
        voices = {(v.outlet, v.month): v for v in who_corpus.voices(by=by)}
        rows = who_corpus.stats(by=by)
        assert len(rows) == len(voices), by
        for row in rows:
            v = voices[(row.outlet, row.month)]
            assert (row.people, row.by_gender, row.by_role_class, row.role_class_shares, row.gender_basis) == (
                v.people,
                v.by_gender,
                v.by_role_class,
                v.role_class_shares,
                v.basis,
            )
            shares = (row.female_share, row.male_share, row.nonbinary_share, row.unknown_share)
            assert shares == (v.female_share, v.male_share, v.nonbinary_share, v.unknown_share)


def test_who_gets_quoted_per_outlet_and_month_by_hand(who_corpus: Corpus) -> None:
    courier = _row(who_corpus.stats(by="outlet"), "Coast Courier", None)
    # w2 and w3: Ines Calder (no gender in w2), Priya Nair ("she"), Sam Ortiz ("his" in w2,
    # "her" in w3: unknown), Alex Kim (they/them); the port authority is no person
    assert (courier.articles, courier.people) == (2, 4)
    assert courier.by_gender == {"female": 1, "male": 0, "nonbinary": 1, "unknown": 2}
    assert (courier.female_share, courier.nonbinary_share, courier.unknown_share) == (0.25, 0.25, 0.5)
    assert courier.by_role_class == {
        "ordinary_person": 2,
        "business": 1,
        "expert_or_academic": 1,
        "politician_or_official": 1,
        "unknown": 1,
    }
    assert courier.role_class_shares["ordinary_person"] == 0.3333
    assert courier.role_class_shares["business"] == 0.1667
    assert courier.gender_basis == "text"
    # in March: Ines Calder (a mother of two in w1), Dana Whitfield, Priya Nair; Tomas Reyna,
    # Sam Ortiz ("his" in w2: the April article is not counted)
    march = _row(who_corpus.stats(by="month"), None, "2024-03")
    assert (march.people, march.by_gender["female"], march.by_gender["male"], march.female_share) == (5, 3, 2, 0.6)


def test_voices_false_leaves_who_gets_quoted_out(corpus: Corpus) -> None:
    for row in corpus.stats(by="outlet", voices=False):
        assert (row.people, row.by_gender, row.female_share, row.gender_basis) == (None, {}, None, None)
    assert all(r.people is not None for r in corpus.stats(by="outlet"))


def test_an_outlet_spelt_two_ways_is_one_row_in_stats_and_in_voices(tmp_path: object) -> None:
    from pathlib import Path

    from tests.store.builders import Said, build

    with Corpus(Path(str(tmp_path)) / "case.db") as spelt:
        spelt.add(build("a", [Said("Ana Ruiz", "the port would reopen")], outlet="Metro Wire", published="2024-05-01"))
        spelt.add(build("b", [Said("Bo Lind", "the talks had stalled")], outlet="METRO WIRE", published="2024-05-02"))
        (row,) = spelt.stats(by="outlet")
        (voices,) = spelt.voices(by="outlet")
    assert (row.articles, row.people) == (2, 2)
    assert (voices.articles, voices.people, voices.attributions) == (2, 2, 2)


def test_the_stats_command_prints_the_counts_behind_the_shares(who_corpus: Corpus) -> None:
    import csv
    import io

    from click.testing import CliRunner

    from accordingto.cli import main

    runner = CliRunner()
    out = runner.invoke(main, ["stats", "--db", str(who_corpus.path), "--by", "outlet", "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = {r["outlet"]: r for r in csv.DictReader(io.StringIO(out.output))}
    gazette = rows["Harbor Gazette"]
    assert (gazette["people"], gazette["people_female"], gazette["people_male"], gazette["female_share"]) == (
        "3",
        "2",
        "1",
        "0.6667",
    )
    assert (gazette["attributions_expert_or_academic"], gazette["role_share_expert_or_academic"]) == ("1", "0.3333")
    assert (gazette["attributions_police"], gazette["role_share_police"], gazette["gender_basis"]) == (
        "0",
        "0.0",
        "text",
    )
    table = runner.invoke(main, ["stats", "--db", str(who_corpus.path), "--by", "outlet"], env={"COLUMNS": "200"})
    assert "2 of 3 (67%)" in table.output and "1 of 4 (25%)" in table.output
    plain = runner.invoke(main, ["stats", "--db", str(who_corpus.path), "--by", "outlet", "--no-voices"])
    assert "women" not in plain.output
    skipped = runner.invoke(
        main, ["stats", "--db", str(who_corpus.path), "--no-voices", "--format", "csv"]
    ).output.splitlines()
    # the who-gets-quoted cells are empty; the last two say which data the row counts
    assert skipped[0].split(",")[-3:] == ["gender_basis", "data", "reviewed_articles"]
    assert skipped[1].endswith(",,,,machine,")
