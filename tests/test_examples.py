"""The files under examples/ are what the README's commands read, and give what it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from accordingto.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def runner(analyzer_runner: CliRunner) -> CliRunner:
    return analyzer_runner


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_every_example_line_of_the_jsonl_file_is_one_valid_article() -> None:
    lines = [line for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line]
    records = [json.loads(line) for line in lines]
    assert len(records) == 6 and all(r["id"] and (r.get("text") or r.get("html")) for r in records)


def test_the_crawl_holds_both_example_pages_with_their_sources(runner: CliRunner) -> None:
    result = run(runner, "analyze", "--format", "jsonl", "--no-progress", EXAMPLES / "crawl.warc.gz")
    assert result.exit_code == 0, result.stderr
    maps = [json.loads(line) for line in result.stdout.splitlines()]
    assert [m["article"]["outlet"] for m in maps] == ["The Bayside Ledger", "Coastline Today"]
    names = [{s["name"] for s in m["sources"]} for m in maps]
    assert all("Denise Albright" in n for n in names)
    assert "Priya Nair" in names[1]


def test_the_readme_corpus_commands_work_on_the_examples(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    ingest = run(runner, "ingest", EXAMPLES / "articles.jsonl", EXAMPLES / "crawl.warc.gz", "--db", db)
    assert ingest.exit_code == 0 and "8 added" in ingest.stderr + ingest.stdout
    anonymous = run(runner, "search", "talks", "--db", db, "--anonymous")
    assert "A senior official" in anonymous.stdout
    trail = run(runner, "quote-trail", "cross that red line", "--db", db)
    assert trail.exit_code == 0 and "first: Harbor Gazette, 2024-03-04" in trail.stdout
    source = run(runner, "source", "Dalia Ferrante", "--db", db)
    assert "roles: defense minister" in source.stdout


def test_the_full_text_feed_is_analysed_without_fetching_anything(runner: CliRunner) -> None:
    result = run(runner, "analyze", "--format", "jsonl", "--no-progress", EXAMPLES / "feed.rss")
    assert result.exit_code == 0, result.stderr
    maps = [json.loads(line) for line in result.stdout.splitlines()]
    assert [m["article"]["url"] for m in maps] == [
        "https://riverside.example/2024/09/water-rates",
        "https://riverside.example/2024/09/bus-contract",
    ]
    assert all(m["article"]["outlet"] == "The Riverside Post" for m in maps)
    assert "Miriam Osei" in {s["name"] for s in maps[0]["sources"]}
    assert "Carla Mendes" in {s["name"] for s in maps[1]["sources"]}
