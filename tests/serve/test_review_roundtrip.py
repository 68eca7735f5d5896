"""The round trip of issue 15: review five articles through the API, export them as BRAT with
`accordingto export --reviewed --format brat`, and score the analysis against that gold with
`accordingto eval --gold DIR`. The machine analysis scored against its own reviewed export
misses exactly what the reviewers corrected: the rejected attribution is a false positive, the
added one a false negative, the trimmed content no longer an exact match, the moved source
mention and cue no longer right; everything else scores perfectly.

The corpus is the project's own fixture articles (tests/fixtures/corpus), analysed as
`accordingto eval` analyses a gold text (as it is, not cleaned), so that the analyses the
evaluation makes are the ones that were reviewed. The edits are chosen from what the analysis
finds, so the test holds however the rules change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from accordingto.analyze.analyzer import Analyzer
from accordingto.clean import CleanArticle
from accordingto.cli import main
from accordingto.evaluate.brat import read_gold
from accordingto.evaluate.runner import analyse_parsed, load_gold, parse_gold, score
from accordingto.models import Analysis
from accordingto.query import Corpus
from accordingto.serve.review_auth import ReviewAccess
from tests.serve.conftest import MakeClient

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "articles.jsonl"
TOKEN = "round-trip-review-token-0123456789"


def articles() -> list[dict[str, Any]]:
    return [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def analysed(analyzer: Analyzer) -> list[Analysis]:
    return [analyzer.analyze(CleanArticle(text=a["text"]), id=a["id"]) for a in articles()]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def covered(analysis: Analysis, start: int, end: int) -> bool:
    return any(overlaps((s.start, s.end), (start, end)) for a in analysis.attributions for s in a.content)


class Reviewer:
    def __init__(self, client: TestClient, name: str) -> None:
        self.client, self.name = client, name

    def map(self, article_id: str) -> dict[str, Any]:
        return dict(self.client.get(f"/api/review/articles/{article_id}", headers=self.headers).json())

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {TOKEN}", "X-Reviewer": self.name}

    def __call__(self, path: str, article_id: str, **fields: Any) -> dict[str, Any]:
        now = self.map(article_id)
        body = {"article_id": article_id, "base_revision": now["revision"], "analysis_key": now["analysis_key"]}
        response = self.client.post(f"/api/review/{path}", json={**body, **fields}, headers=self.headers)
        assert response.status_code == 201, response.text
        return dict(response.json()["review"])


def test_reviewed_articles_exported_as_brat_score_exactly_the_corrections(
    tmp_path: Path, make_client: MakeClient, analysed: list[Analysis], analyzer: Analyzer, analyzer_runner: CliRunner
) -> None:
    db = tmp_path / "newsroom.db"
    with Corpus(db) as corpus:
        for analysis in analysed:
            corpus.add(analysis)
    one, two, three, four, five = analysed[:5]  # the sixth article stays unreviewed
    expected = {"rejected": 0, "added": 0, "trimmed": 0, "mention": 0, "cue": 0}

    with make_client(db=db, review=ReviewAccess(TOKEN)) as client:
        alice, bob = Reviewer(client, "alice"), Reviewer(client, "bob")

        # 1. an attribution that is not one: rejected (its content overlaps no other attribution)
        rejected = next(
            a
            for a in one.attributions
            if not any(
                b is not a and any(overlaps((s.start, s.end), (t.start, t.end)) for s in a.content for t in b.content)
                for b in one.attributions
            )
        )
        alice("attributions/reject", one.article.id, attribution=rejected.id, reason="not an attribution")
        expected["rejected"] += 1

        # 2. a content span corrected: the last word trimmed (still more than half of it);
        #    a source renamed and the article marked reviewed (neither changes the gold spans)
        longest = max(two.attributions, key=lambda a: a.end - a.start)
        content = longest.content[-1]
        cut = two.article.text.rindex(" ", content.start, content.end - 1)
        assert cut - content.start > (content.end - content.start) / 2
        bob(
            "attributions/span",
            two.article.id,
            attribution=longest.id,
            role="content",
            spans=[
                *({"start": s.start, "end": s.end} for s in longest.content[:-1]),
                {"start": content.start, "end": cut},
            ],
        )
        expected["trimmed"] += 1
        bob("sources/rename", two.article.id, source=two.sources[0].id, name=two.sources[0].name + " (checked)")
        bob("articles/status", two.article.id, status="reviewed")

        # 3. a missing attribution added: the first paragraph no attribution covers
        text = three.article.text
        start = 0
        for paragraph in text.split("\n"):
            end = start + len(paragraph)
            if paragraph.strip() and not covered(three, start, end):
                break
            start = end + 1
        else:
            pytest.fail("every paragraph of the third article has an attribution")
        alice(
            "attributions/add",
            three.article.id,
            type="indirect",
            content=[{"start": start, "end": end, "text": text[start:end]}],
            new_source={"name": "the reporter", "kind": "person", "named": False},
        )
        expected["added"] += 1

        # 4. a source mention moved onto the first word of its content (no longer overlapping)
        moved = next(a for a in four.attributions if a.source_mention is not None)
        first = moved.content[0]
        word_end = four.article.text.index(" ", first.start)
        assert moved.source_mention is not None
        assert not overlaps((first.start, word_end), (moved.source_mention.start, moved.source_mention.end))
        alice(
            "attributions/span",
            four.article.id,
            attribution=moved.id,
            role="source_mention",
            spans=[{"start": first.start, "end": word_end}],
        )
        expected["mention"] += 1

        # 5. every attribution confirmed, one cue moved onto the last word of its content
        for attribution in five.attributions:
            bob("attributions/confirm", five.article.id, attribution=attribution.id)
        recued = next(a for a in five.attributions if a.cue is not None)
        last = recued.content[-1]
        word_start = five.article.text.rindex(" ", last.start, last.end - 1) + 1
        assert recued.cue is not None and not overlaps((word_start, last.end), (recued.cue.start, recued.cue.end))
        review = bob(
            "attributions/span",
            five.article.id,
            attribution=recued.id,
            role="cue",
            spans=[{"start": word_start, "end": last.end}],
        )
        expected["cue"] += 1
        assert review["progress"]["checked"] == len(five.attributions)

        listed = client.get("/api/review/articles?status=unreviewed", headers=alice.headers).json()
        assert [i["article_id"] for i in listed["items"]] == [analysed[5].article.id]

    # export: the five reviewed articles, laid out like PolNeAR
    gold_dir = tmp_path / "gold"
    exported = analyzer_runner.invoke(
        main, ["export", "--db", str(db), "--reviewed", "--format", "brat", str(gold_dir)]
    )
    assert exported.exit_code == 0, exported.output
    assert "5 reviewed articles" in exported.stderr
    names = sorted(p.stem for p in (gold_dir / "text").glob("*.txt"))
    assert names == sorted(a.article.id for a in analysed[:5])
    assert sorted(p.name for p in (gold_dir / "attributions").glob("*.ann")) == [f"{n}_review.ann" for n in names]
    gold = list(read_gold(gold_dir))
    by_name = {g.name: g for g in gold}
    for analysis in analysed[:5]:
        assert by_name[analysis.article.id].text == analysis.article.text  # the text exactly, offsets and all
    machine = sum(len(a.attributions) for a in analysed[:5])
    assert sum(len(g.attributions) for g in gold) == machine - expected["rejected"] + expected["added"]

    # the evaluation, as `accordingto eval --gold DIR` runs it: the analysis it makes is the one reviewed
    gold_set = load_gold(gold_dir).articles
    analyses = analyse_parsed(parse_gold(gold_set, analyzer), analyzer)
    machine_by_id = {a.article.id: a for a in analysed}
    for article, analysis in zip(gold_set, analyses, strict=True):
        assert [x.content for x in analysis.attributions] == [
            x.content for x in machine_by_id[article.name].attributions
        ]
    report = score(gold_set, analyses).report()["metrics"]["all"]  # type: ignore[index]
    matched = machine - expected["rejected"]
    assert report["predicted"] == machine
    assert report["gold"] == machine - expected["rejected"] + expected["added"]
    assert report["matched"] == matched
    assert report["content_p"] == pytest.approx(matched / machine)
    assert report["content_r"] == pytest.approx(matched / (matched + expected["added"]))
    assert report["exact_p"] == pytest.approx((matched - expected["trimmed"]) / machine)
    assert report["source_acc"] == pytest.approx((matched - expected["mention"]) / matched)
    assert report["cue_acc"] == pytest.approx((matched - expected["cue"]) / matched)
    assert report["e2e_p"] == pytest.approx((matched - expected["mention"]) / machine)

    # and the command itself prints the same
    evaluated = analyzer_runner.invoke(main, ["eval", "--gold", str(gold_dir), "--no-cache", "--no-progress", "--json"])
    assert evaluated.exit_code == 0, evaluated.output
    printed = json.loads(evaluated.stdout)
    assert printed["articles"] == 5
    assert printed["metrics"]["all"] == report


def test_the_jsonl_export_holds_the_reviewed_analysis_and_its_review(
    tmp_path: Path, make_client: MakeClient, analysed: list[Analysis], analyzer_runner: CliRunner
) -> None:
    db = tmp_path / "newsroom.db"
    with Corpus(db) as corpus:
        for analysis in analysed:
            corpus.add(analysis)
    first = analysed[0]
    with make_client(db=db, review=ReviewAccess(TOKEN)) as client:
        Reviewer(client, "alice")("attributions/reject", first.article.id, attribution=first.attributions[0].id)
    out = tmp_path / "reviewed.jsonl"
    result = analyzer_runner.invoke(
        main, ["export", "--db", str(db), "--reviewed", "--format", "jsonl", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    reviewed = Analysis.from_dict(record)
    assert [a.id for a in reviewed.attributions] == [a.id for a in first.attributions[1:]]
    assert record["review"]["status"] == "in_progress"
    assert record["review"]["history"][0]["action"] == "reject" and record["review"]["history"][0]["state"] == "applied"
    assert record["review"]["rejected"][0]["id"] == first.attributions[0].id
