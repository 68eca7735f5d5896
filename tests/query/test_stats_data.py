"""Statistics on machine data, reviewed data or both (issue 15): `stats` and `voices` count the
reviewers' corrections when asked, and every output says which data it counts.

The bridge story (tests/query/conftest.py), reviewed: in w1 (Harbor Gazette) the reviewer
rejects Dana Whitfield's attribution; in w3 (Coast Courier) they add an attribution to a new
source, Rosa Vidal (RS2, no corpus identity), whom they give as a woman, give Sam Ortiz's
gender as "male" (w3's text said "her", w2's "his": unknown across the machine's corpus) and
Alex Kim's role class as expert. w2 (Coast Courier) is not reviewed.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from click.testing import CliRunner

from accordingto.cli import main
from accordingto.query import Corpus
from accordingto.query.review import reviewed_map
from accordingto.store.review import EditRequest, record_edit
from accordingto.store.review_map import analysis_key
from tests.query.conftest import story, who_story

GAZETTE, COURIER = "Harbor Gazette", "Coast Courier"


def edit(corpus: Corpus, article_id: str, action: str, target: str | None = None, **params: Any) -> None:
    current = reviewed_map(corpus.connection, article_id)
    assert current is not None
    request = EditRequest(article_id, "alice", action, current.revision, analysis_key(current.machine), target, params)
    record_edit(corpus.connection, corpus.path, request)


def review_the_bridge(corpus: Corpus) -> None:
    edit(corpus, "w1", "reject", "A3")  # Dana Whitfield's
    text = next(a for a in corpus.analyses() if a.article.id == "w3").article.text
    start = text.index("founded the studio in 2012")
    edit(
        corpus,
        "w3",
        "add",
        type="indirect",
        content=[{"start": start, "end": start + len("founded the studio in 2012")}],
        new_source={"name": "Rosa Vidal", "kind": "person", "named": True},
    )
    edit(corpus, "w3", "set_field", "RS2", field="gender", value="female")
    edit(corpus, "w3", "set_field", "S1", field="gender", value="male")  # Sam Ortiz
    edit(corpus, "w3", "set_field", "S3", field="role_class", value="expert_or_academic")  # Alex Kim


def without_data(rows: list[Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.to_dict().items() if k not in ("data", "reviewed_articles")} for r in rows]


@pytest.mark.parametrize("analyses", [story, who_story])
def test_counted_article_by_article_the_figures_are_the_corpus_own(tmp_path: Any, analyses: Any) -> None:
    """``both`` without an edit is the machine's data: the article-by-article count (reviewed
    maps) and the SQL summaries must give the same rows, for every grouping and selection."""
    with Corpus(tmp_path / "c.db") as corpus:
        for analysis in analyses():
            corpus.add(analysis)
        for by in ("outlet-month", "outlet", "month"):
            for selection in ({}, {"since": "2024-03", "until": "2024-03"}, {"outlet": "harbor gazette"}):
                machine = corpus.stats(by=by, **selection)  # type: ignore[arg-type]
                both = corpus.stats(by=by, data="both", **selection)  # type: ignore[arg-type]
                assert machine and without_data(both) == without_data(machine), (by, selection)
                assert {(r.data, r.reviewed_articles) for r in both} == {("both", 0)}
                assert {(r.data, r.reviewed_articles) for r in machine} == {("machine", None)}
        for by in ("outlet", "month", "outlet-month", "author", "section"):
            machine_voices = corpus.voices(by=by)  # type: ignore[arg-type]
            assert without_data(corpus.voices(by=by, data="both")) == without_data(machine_voices), by  # type: ignore[arg-type]
        assert corpus.stats(data="reviewed") == [] and corpus.voices(data="reviewed") == []


def test_voices_on_machine_reviewed_or_both_data(who_corpus: Corpus) -> None:
    before = [r.to_dict() for r in who_corpus.voices(by="outlet")]
    review_the_bridge(who_corpus)
    machine = {r.outlet: r for r in who_corpus.voices(by="outlet")}
    assert [r.to_dict() for r in machine.values()] == before  # the machine's rows are untouched
    assert machine[COURIER].by_gender == {"female": 1, "male": 0, "nonbinary": 1, "unknown": 2}

    reviewed = {r.outlet: r for r in who_corpus.voices(by="outlet", data="reviewed")}
    # w1 without Dana Whitfield: Ines Calder and Tomas Reyna
    gazette = reviewed[GAZETTE]
    assert (gazette.data, gazette.articles, gazette.reviewed_articles, gazette.people) == ("reviewed", 1, 1, 2)
    assert gazette.by_gender == {"female": 1, "male": 1, "nonbinary": 0, "unknown": 0}
    assert gazette.by_role_class == {"expert_or_academic": 1, "politician_or_official": 1}
    # w3 alone: Sam Ortiz (male, as corrected), Alex Kim, Rosa Vidal (added, a woman); the port
    # authority is no person but has a role class
    courier = reviewed[COURIER]
    assert (courier.articles, courier.reviewed_articles, courier.people) == (1, 1, 3)
    assert courier.by_gender == {"female": 1, "male": 1, "nonbinary": 1, "unknown": 0}
    assert courier.by_role_class == {"unknown": 2, "expert_or_academic": 1, "ordinary_person": 1}
    assert courier.attributions == 4 and courier.role_class_shares["expert_or_academic"] == 0.25

    both = {r.outlet: r for r in who_corpus.voices(by="outlet", data="both")}
    assert both[GAZETTE].people == 2
    # w2 as analysed, w3 as reviewed: Sam Ortiz is "his" in w2 and male in w3 now, so male, once;
    # Ines Calder (no gender in w2), Priya Nair, Alex Kim, Rosa Vidal
    courier = both[COURIER]
    assert (courier.data, courier.articles, courier.reviewed_articles, courier.people) == ("both", 2, 1, 5)
    assert courier.by_gender == {"female": 2, "male": 1, "nonbinary": 1, "unknown": 1}
    assert courier.female_share == 0.4
    assert courier.by_role_class == {
        "expert_or_academic": 2,
        "ordinary_person": 2,
        "unknown": 2,
        "politician_or_official": 1,
    }
    # by author: w3 has two authors and counts in each one's row; Lena Park wrote w1 and w3
    authors = {r.author: r for r in who_corpus.voices(by="author", data="both")}
    assert (authors["Lena Park"].articles, authors["Lena Park"].reviewed_articles) == (2, 2)
    assert authors["Omar Haddad"].people == 5 and authors["Lena Park"].people == 5  # Ines counts once
    with pytest.raises(ValueError, match="unknown data"):
        who_corpus.voices(data="gold")  # type: ignore[arg-type]


def test_stats_on_machine_reviewed_or_both_data(who_corpus: Corpus) -> None:
    before = [r.to_dict() for r in who_corpus.stats(by="outlet")]
    review_the_bridge(who_corpus)
    assert [r.to_dict() for r in who_corpus.stats(by="outlet")] == before
    reviewed = {r.outlet: r for r in who_corpus.stats(by="outlet", data="reviewed")}
    gazette = reviewed[GAZETTE]
    assert (gazette.data, gazette.articles, gazette.attributions, gazette.people) == ("reviewed", 1, 2, 2)
    assert [t.name for t in gazette.top_sources] == ["Ines Calder", "Tomas Reyna"]  # Dana Whitfield is gone
    courier = reviewed[COURIER]
    assert (courier.articles, courier.attributions, courier.by_kind) == (1, 4, {"person": 0.75, "organization": 0.25})
    assert courier.by_gender["male"] == 1 and courier.female_share == pytest.approx(1 / 3, abs=0.001)
    both = {r.outlet: r for r in who_corpus.stats(by="outlet", data="both")}
    assert (both[COURIER].articles, both[COURIER].reviewed_articles, both[COURIER].attributions) == (2, 1, 7)
    # the added source has no corpus identity: a person, never among the most quoted
    assert "Rosa Vidal" not in {t.name for t in both[COURIER].top_sources}
    assert [(r.month, r.articles, r.reviewed_articles) for r in who_corpus.stats(by="month", data="both")] == [
        ("2024-03", 2, 1),
        ("2024-04", 1, 1),
    ]


def test_a_rejected_anonymous_attribution_leaves_the_anonymous_share(corpus: Corpus) -> None:
    edit(corpus, "g1", "reject", "A2")  # "a senior official"
    machine = {r.outlet: r for r in corpus.stats(by="outlet", top=0, voices=False)}
    both = {r.outlet: r for r in corpus.stats(by="outlet", top=0, voices=False, data="both")}
    assert (machine[GAZETTE].attributions, machine[GAZETTE].anonymous_share) == (5, 0.2)
    assert (both[GAZETTE].attributions, both[GAZETTE].anonymous_share, both[GAZETTE].reviewed_articles) == (4, 0.0, 1)
    assert both["Northfield Courier"].to_dict() == {
        **machine["Northfield Courier"].to_dict(),
        "data": "both",
        "reviewed_articles": 0,
    }


def test_the_commands_say_which_data_they_count(who_corpus: Corpus) -> None:
    review_the_bridge(who_corpus)
    runner = CliRunner()
    db = str(who_corpus.path)
    wide = {"COLUMNS": "220"}
    table = runner.invoke(main, ["voices", "--db", db, "--data", "reviewed"], env=wide)
    assert table.exit_code == 0, table.output
    assert table.output.startswith("data: reviewed: reviewed data (only the articles under review")
    assert "┃ reviewed ┃" in table.output.splitlines()[3]  # the column of articles counted as reviewed
    machine = runner.invoke(main, ["stats", "--db", db, "--by", "outlet"], env=wide)
    assert machine.output.startswith("data: machine: machine data") and "2 of 4 (50%)" not in machine.output
    both = runner.invoke(main, ["stats", "--db", db, "--by", "outlet", "--data", "both"], env=wide)
    assert both.output.startswith("data: both: reviewed data where an article is under review, machine data")
    assert "2 of 5 (40%)" in both.output  # women among Coast Courier's people, with the corrections
    rows = json.loads(runner.invoke(main, ["voices", "--db", db, "--data", "both", "--format", "json"]).output)
    assert [(r["outlet"], r["data"], r["reviewed_articles"], r["people"]) for r in rows] == [
        (COURIER, "both", 1, 5),
        (GAZETTE, "both", 1, 2),
    ]
    lines = runner.invoke(main, ["stats", "--db", db, "--by", "outlet", "--format", "csv"]).output
    cells = list(csv.DictReader(io.StringIO(lines)))
    assert [(r["outlet"], r["data"], r["reviewed_articles"]) for r in cells] == [
        (COURIER, "machine", ""),
        (GAZETTE, "machine", ""),
    ]
    reviewed = list(
        csv.DictReader(
            io.StringIO(runner.invoke(main, ["stats", "--db", db, "--data", "reviewed", "--format", "csv"]).output)
        )
    )
    assert [(r["outlet"], r["month"], r["data"], r["attributions"]) for r in reviewed] == [
        (COURIER, "2024-04", "reviewed", "4"),
        (GAZETTE, "2024-03", "reviewed", "2"),
    ]
    bad = runner.invoke(main, ["stats", "--db", db, "--data", "gold"])
    assert bad.exit_code == 2 and "'gold' is not one of 'machine', 'reviewed', 'both'" in bad.output
