"""Filters on who a source is: gender as the text states it and role class, on the list of
sources (a corpus identity: the gender its articles agree on) and on search (the source as
the article quoting it states it). The bridge story of tests/query/conftest.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from accordingto.cli import main
from accordingto.query import Corpus, Filters


def _ids(corpus: Corpus, **options: object) -> set[str]:
    return {s.corpus_source_id for s in corpus.sources(**options).items}  # type: ignore[arg-type]


def test_a_source_has_the_gender_its_articles_agree_on(who_corpus: Corpus) -> None:
    calder = who_corpus.source("ines-calder")
    assert calder is not None
    # "a mother of two" in w1; no gender in w2: the one stated counts
    assert (calder.gender, calder.gender_basis, calder.articles) == ("female", "text", 2)
    assert [(c.name, c.n) for c in calder.role_classes] == [("politician_or_official", 2)]
    ortiz = who_corpus.source("sam-ortiz")
    assert ortiz is not None
    # "his" in w2, "her" in w3: the text disagrees with itself, so no gender is claimed
    assert (ortiz.gender, ortiz.gender_basis, ortiz.articles) == ("unknown", "none", 2)
    kim = who_corpus.source("alex-kim")
    assert kim is not None and kim.gender == "nonbinary"


def test_sources_by_gender(who_corpus: Corpus) -> None:
    assert _ids(who_corpus, gender="female") == {"ines-calder", "dana-whitfield", "priya-nair"}
    assert _ids(who_corpus, gender="male") == {"tomas-reyna"}
    assert _ids(who_corpus, gender="nonbinary") == {"alex-kim"}
    assert _ids(who_corpus, gender="unknown", kind="person") == {"sam-ortiz"}
    assert _ids(who_corpus, gender=["male", "nonbinary"]) == {"tomas-reyna", "alex-kim"}
    assert "port-authority" in _ids(who_corpus, gender="unknown")  # an organization has no gender


def test_sources_by_role_class_and_both(who_corpus: Corpus) -> None:
    assert _ids(who_corpus, role_class="expert_or_academic") == {"tomas-reyna", "priya-nair"}
    assert _ids(who_corpus, role_class="ordinary_person") == {"dana-whitfield", "sam-ortiz"}
    assert _ids(who_corpus, gender="female", role_class="expert_or_academic") == {"priya-nair"}
    assert _ids(who_corpus, gender="female", role_class="ordinary_person", outlet="Harbor Gazette") == {
        "dana-whitfield"
    }
    page = who_corpus.sources(gender="female", with_total=True)
    assert page.total == 3
    assert [s.gender for s in page.items] == ["female"] * 3


def test_search_keeps_the_source_as_the_quoting_article_states_it(who_corpus: Corpus) -> None:
    def hits(**options: object) -> list[tuple[str, str]]:
        page = who_corpus.search("bridge", filters=who_corpus.filters(**options), order="date")  # type: ignore[arg-type]
        return [(h.article_id, h.source_name or "") for h in page.items]

    # Ines Calder counts in w1 (a mother of two), not in w2 (no gender there); Sam Ortiz is "her" in w3
    assert hits(gender="female") == [
        ("w1", "Ines Calder"),
        ("w1", "Dana Whitfield"),
        ("w2", "Priya Nair"),
        ("w3", "Sam Ortiz"),
    ]
    assert hits(gender="male") == [("w1", "Tomas Reyna"), ("w2", "Sam Ortiz")]
    assert hits(role_class="politician_or_official") == [("w1", "Ines Calder"), ("w2", "Ines Calder")]
    assert hits(gender="female", role_class="ordinary_person") == [("w1", "Dana Whitfield"), ("w3", "Sam Ortiz")]
    found = who_corpus.search("lighting", filters=Filters(genders=("nonbinary",))).items
    assert [(h.source_name, h.source_gender, h.source_role_class) for h in found] == [
        ("Alex Kim", "nonbinary", "business")
    ]


def test_unknown_values_are_refused_with_the_choices(who_corpus: Corpus) -> None:
    with pytest.raises(ValueError, match="unknown gender 'woman'; choose from female, male, nonbinary, unknown"):
        who_corpus.filters(gender="woman")
    with pytest.raises(ValueError, match="unknown role class 'expert'; choose from politician_or_official"):
        who_corpus.sources(role_class="expert")
    with pytest.raises(ValueError, match="unknown gender"):
        who_corpus.sources(gender="f")


@pytest.fixture
def bridge_db(who_corpus: Corpus) -> Path:
    return who_corpus.path


def test_the_sources_command_filters_and_shows_gender_and_role_class(bridge_db: Path) -> None:
    runner = CliRunner()
    both = runner.invoke(
        main,
        ["sources", "--db", str(bridge_db), "--gender", "female", "--role-class", "expert_or_academic"],
        env={"COLUMNS": "200"},
    )
    assert both.exit_code == 0, both.output
    assert "Priya Nair" in both.output and "female · expert_or_academic" in both.output
    assert "Dana Whitfield" not in both.output and "Tomas Reyna" not in both.output
    women = json.loads(
        runner.invoke(main, ["sources", "--db", str(bridge_db), "--gender", "female", "--format", "json"]).output
    )
    assert sorted(s["name"] for s in women["items"]) == ["Dana Whitfield", "Ines Calder", "Priya Nair"]
    assert {s["gender"] for s in women["items"]} == {"female"}


def test_the_commands_refuse_an_unknown_gender_or_role_class_in_one_line(bridge_db: Path) -> None:
    runner = CliRunner()
    for command in (["sources"], ["search", "bridge"]):
        bad = runner.invoke(main, [*command, "--db", str(bridge_db), "--gender", "woman"])
        assert bad.exit_code == 2
        (error,) = [line for line in bad.output.splitlines() if line.startswith("Error")]
        assert "'woman' is not one of 'female', 'male', 'nonbinary', 'unknown'" in error
        bad = runner.invoke(main, [*command, "--db", str(bridge_db), "--role-class", "expert"])
        assert bad.exit_code == 2 and "'expert' is not one of 'politician_or_official'" in bad.output


def test_the_search_command_takes_the_same_filters(bridge_db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["search", "bridge", "--db", str(bridge_db), "--gender", "male", "--order", "date", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["items"]
    assert [(h["source_name"], h["source_gender"]) for h in items] == [("Tomas Reyna", "male"), ("Sam Ortiz", "male")]
    text = runner.invoke(
        main, ["search", "bridge", "--db", str(bridge_db), "--role-class", "business"], env={"COLUMNS": "200"}
    )
    assert "Alex Kim" in text.output and "Ines Calder" not in text.output
