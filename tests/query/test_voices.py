"""Who gets quoted: distinct people by gender as the text states it and attributions by role
class, per outlet, month, author and section, with the counts behind every share."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from accordingto.cli import main
from accordingto.models import Analysis
from accordingto.query import Corpus
from accordingto.query.records import VoicesRow
from tests.store.builders import Said, build

GENDERS = {"Dalia Ferrante": "female", "Tomas Reyna": "male", "Ana Pires": "unknown"}
ROLES = {"Dalia Ferrante": "politician_or_official", "Tomas Reyna": "expert_or_academic"}


def _article(article_id: str, names: list[str], *, outlet: str, published: str, authors: list[str]) -> Analysis:
    analysis = build(article_id, [Said(n, f"{n} had a view") for n in names], outlet=outlet, published=published)
    analysis.article.authors, analysis.article.section = authors, "Politics"
    for source in analysis.sources:
        source.gender = GENDERS[source.name]
        source.gender_basis = "none" if source.gender == "unknown" else "text"
        source.role_class = ROLES.get(source.name, "unknown")
    return analysis


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "voices.db"
    with Corpus(path) as corpus:
        corpus.add(
            _article(
                "v1", ["Dalia Ferrante", "Tomas Reyna"], outlet="Gazette", published="2024-03-02", authors=["Jane Roe"]
            )
        )
        corpus.add(
            _article(
                "v2",
                ["Dalia Ferrante", "Ana Pires"],
                outlet="Gazette",
                published="2024-04-09",
                authors=["Jane Roe", "John Doe"],
            )
        )
        corpus.add(_article("v3", ["Tomas Reyna"], outlet="Courier", published="2024-04-10", authors=[]))
    yield path


def _row(rows: list[VoicesRow], **keys: str) -> VoicesRow:
    (row,) = [r for r in rows if all(getattr(r, k) == v for k, v in keys.items())]
    return row


def test_a_person_quoted_in_two_articles_of_an_outlet_counts_once(db: Path) -> None:
    with Corpus(db, create=False) as corpus:
        gazette = _row(corpus.voices(by="outlet"), outlet="Gazette")
    assert (gazette.articles, gazette.people) == (2, 3)
    assert gazette.by_gender == {"female": 1, "male": 1, "nonbinary": 0, "unknown": 1}
    assert (gazette.female_share, gazette.male_share, gazette.unknown_share) == (0.3333, 0.3333, 0.3333)
    assert gazette.attributions == 4
    assert gazette.by_role_class == {"politician_or_official": 2, "expert_or_academic": 1, "unknown": 1}
    assert gazette.basis == "text"


def test_per_author_every_byline_name_gets_the_article(db: Path) -> None:
    with Corpus(db, create=False) as corpus:
        rows = corpus.voices(by="author")
    assert [(r.author, r.articles, r.people) for r in rows] == [("", 1, 1), ("Jane Roe", 2, 3), ("John Doe", 1, 2)]
    assert _row(rows, author="John Doe").by_gender["female"] == 1


def test_per_month_and_a_selection_of_outlets(db: Path) -> None:
    with Corpus(db, create=False) as corpus:
        april = _row(corpus.voices(by="month"), month="2024-04")
        only_courier = corpus.voices(by="outlet-month", outlet="Courier", since="2024-04")
    assert (april.articles, april.people) == (2, 3)
    assert [(r.outlet, r.month, r.people, r.by_gender["male"]) for r in only_courier] == [("Courier", "2024-04", 1, 1)]


def test_genders_from_first_names_are_said_in_the_basis(tmp_path: Path) -> None:
    analysis = _article("n1", ["Tomas Reyna"], outlet="Gazette", published="2024-03-02", authors=[])
    analysis.sources[0].gender_basis = "name"
    with Corpus(tmp_path / "n.db") as corpus:
        corpus.add(analysis)
        (row,) = corpus.voices()
    assert row.basis == "text and names"


def test_the_command_prints_the_counts_as_csv_and_json(db: Path) -> None:
    runner = CliRunner()
    csv_out = runner.invoke(main, ["voices", "--db", str(db), "--by", "section", "--format", "csv"])
    assert csv_out.exit_code == 0, csv_out.output
    header, row = csv_out.output.splitlines()[:2]
    columns = dict(zip(header.split(","), row.split(","), strict=True))
    assert (columns["section"], columns["people"], columns["people_female"], columns["basis"]) == (
        "Politics",
        "3",
        "1",
        "text",
    )
    as_json = json.loads(runner.invoke(main, ["voices", "--db", str(db), "--format", "json"]).output)
    assert [r["outlet"] for r in as_json] == ["Courier", "Gazette"]
    table = runner.invoke(main, ["voices", "--db", str(db)])
    assert "Gazette" in table.output and "1 (33%)" in table.output
