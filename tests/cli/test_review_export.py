"""`accordingto export --reviewed`: only articles under review, BRAT as PolNeAR lays it out (and
as `accordingto eval` reads it), JSON Lines, and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from accordingto.cli import main
from accordingto.evaluate.brat import read_gold
from accordingto.models import Span
from accordingto.query import Corpus
from accordingto.query.review import reviewed_map
from accordingto.store.review import EditRequest, record_edit
from accordingto.store.review_export import ann_text, file_name, fragments
from accordingto.store.review_map import analysis_key
from tests.store.builders import Said, build


def edit(corpus: Corpus, article_id: str, action: str, target: str | None = None, **params: object) -> None:
    now = reviewed_map(corpus.connection, article_id)
    assert now is not None
    request = EditRequest(article_id, "alice", action, now.revision, analysis_key(now.machine), target, dict(params))
    record_edit(corpus.connection, corpus.path, request)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add(build("a/1", [Said("Dalia Ferrante", "the troops would stay"), Said("Reyna", "it was late")]))
        corpus.add(build("a2", [Said("Ines Calder", "the school would close")]))
        corpus.add(build("a3", [Said("Marco Ferrante", "the strike would go on")]))
        edit(corpus, "a/1", "reject", "A2")
        edit(corpus, "a2", "set_status", status="reviewed")
    return path


def test_brat_export_writes_the_articles_under_review_as_polnear_lays_them_out(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "gold"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--reviewed", "--format", "brat", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 reviewed articles (2 attributions) exported" in result.stderr
    gold = {g.name: g for g in read_gold(out)}
    slashed = file_name("a/1", set())
    assert set(gold) == {slashed, "a2"}  # a3 has no edit: not exported
    assert slashed.startswith("a_1-") and len(gold[slashed].attributions) == 1
    (only,) = gold[slashed].attributions
    text = gold[slashed].text
    assert text[only.content[0][0] : only.content[0][1]] == "the troops would stay"
    assert [text[s:e] for s, e in only.cue] == ["said"] and [text[s:e] for s, e in only.source] == ["Dalia Ferrante"]
    rows = (out / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("name\tarticle_id\t") and len(rows) == 3
    assert any(r.startswith(f"{slashed}\ta/1\t") and "\tin_progress\t" in r for r in rows)
    assert not list(tmp_path.glob(".gold.*"))  # no temporary folder left


def test_jsonl_export_to_standard_output(db: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--reviewed", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["id"] for r in records] == ["a/1", "a2"]
    assert [r["review"]["status"] for r in records] == ["in_progress", "reviewed"]
    assert records[0]["schema"] == "accordingto/1" and len(records[0]["attributions"]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reviewed", "--format", "csv", "x"], "--format brat"),
        (["--reviewed", "--format", "brat"], "needs the folder"),
        (["--format", "brat", "-o", "x"], "are for --reviewed"),
        (["out-dir"], "are for --reviewed"),
    ],
)
def test_usage_errors(db: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(db), *args])
    assert result.exit_code == 2 and message in result.output


def test_a_folder_that_is_not_empty_is_refused_and_nothing_under_review_is_an_error(db: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--reviewed", "--format", "brat", str(full)])
    assert result.exit_code == 2 and "not an empty folder" in result.output
    assert [p.name for p in full.iterdir()] == ["keep.txt"]
    empty = tmp_path / "empty.db"
    with Corpus(empty) as corpus:
        corpus.add(build("b1", [Said("Ines Calder", "the school would close")]))
    result = CliRunner().invoke(
        main, ["export", "--db", str(empty), "--reviewed", "--format", "brat", str(tmp_path / "g")]
    )
    assert result.exit_code == 1 and "no article is under review" in result.output
    assert not (tmp_path / "g").exists()


def test_spans_across_line_breaks_become_fragments_and_score_alike() -> None:
    text = "He said:\n\n“It is over.\nWe go home.”"
    start = text.index("“")
    assert fragments(text, [Span(start, len(text), text[start:])]) == [(10, 22), (23, len(text))]
    analysis = build("x", [Said("Ines Calder", "it was over")])
    lines = ann_text(analysis).splitlines()
    assert [line.split("\t")[1] for line in lines if line.startswith("E")] == [
        "Attribution:T4 Content:T3 Cue:T2 Source:T1"
    ]
