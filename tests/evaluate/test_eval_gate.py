"""Quality floors on both gold sets: a change cannot silently make accuracy worse.

PolNeAR dev (2016 election news, PolNeAR's annotations) and the modern pages (gold/modern:
2019 pages of many outlets and genres, this project's annotations; dev and test splits).
The floors sit a little below what the analysis reaches (README, "Accuracy"); raise them
when accuracy improves. Skipped when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from accordingto.analyze.analyzer import Analyzer
from accordingto.analyze.quotes import find_quotes
from accordingto.evaluate.runner import analyse_parsed, load_gold, parse_gold, people_score, score
from accordingto.models import Analysis
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]

POLNEAR_FLOORS = {
    ("direct", "content_f1"): 0.94,
    ("direct", "e2e_f1"): 0.90,
    ("mixed", "e2e_f1"): 0.74,
    ("indirect", "e2e_f1"): 0.59,
    ("all", "e2e_f1"): 0.68,
    ("all", "content_f1"): 0.72,
    ("all", "content_p"): 0.84,
}

#: (split, part, metric) -> floor; part is "all" (attributions), "sources" or "figures"
MODERN_FLOORS = {
    ("dev", "all", "content_p"): 0.895,
    ("dev", "all", "e2e_f1"): 0.80,
    ("dev", "sources", "exact"): 0.75,
    ("dev", "sources", "name_acc"): 0.82,
    ("dev", "sources", "kind_acc"): 0.93,
    ("dev", "sources", "title_acc"): 0.92,
    ("dev", "figures", "precision"): 0.97,
    ("dev", "figures", "recall"): 0.92,
    ("dev", "sources", "gender_coverage"): 0.96,
    ("dev", "sources", "gender_precision"): 0.97,
    ("dev", "sources", "role_acc"): 0.90,
    ("test", "all", "content_p"): 0.83,
    ("test", "all", "e2e_f1"): 0.73,
    ("test", "sources", "exact"): 0.53,
    ("test", "sources", "kind_acc"): 0.94,
    ("test", "sources", "name_acc"): 0.71,
    ("test", "sources", "title_acc"): 0.85,
    ("test", "figures", "precision"): 0.89,
    ("test", "sources", "gender_coverage"): 0.80,
    ("test", "sources", "gender_precision"): 0.95,
    ("test", "sources", "role_acc"): 0.80,
}


#: people of gold/people (PolNeAR dev): (part, metric) -> floor
PEOPLE_FLOORS = {
    ("gender_text", "coverage"): 0.93,
    ("gender_text", "precision"): 0.97,
    ("gender_names", "coverage"): 0.94,
    ("gender_names", "precision"): 0.97,
}


@pytest.fixture(scope="module")
def polnear_dev(analyzer: Analyzer) -> tuple[list[Any], list[Any], list[Analysis]]:
    gold = load_gold(shared_path("data", "polnear", "dev")).articles
    parsed = parse_gold(gold, analyzer)
    return gold, parsed, analyse_parsed(parsed, analyzer)


@pytest.fixture(scope="module")
def dev_metrics(polnear_dev: tuple[list[Any], list[Any], list[Analysis]]) -> dict[str, dict[str, float]]:
    gold, _, analyses = polnear_dev
    metrics = score(gold, analyses).board.report()["metrics"]
    assert isinstance(metrics, dict)
    return metrics


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("part", "metric"), sorted(PEOPLE_FLOORS))
def test_people_floor(
    polnear_dev: tuple[list[Any], list[Any], list[Analysis]], analyzer: Analyzer, part: str, metric: str
) -> None:
    gold, parsed, analyses = polnear_dev
    report = people_score(ROOT / "gold" / "people" / "quoted_people.json", gold, parsed, analyses, analyzer).report()
    value = report[part][metric]
    assert value >= PEOPLE_FLOORS[(part, metric)], f"people {part} {metric} fell to {value:.3f}"


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("kind", "metric"), sorted(POLNEAR_FLOORS))
def test_polnear_floor(dev_metrics: dict[str, dict[str, float]], kind: str, metric: str) -> None:
    value = dev_metrics[kind][metric]
    assert value >= POLNEAR_FLOORS[(kind, metric)], f"{kind} {metric} fell to {value:.3f}"


@pytest.fixture(scope="module")
def modern(analyzer: Analyzer) -> dict[str, tuple[dict[str, Any], list[Analysis]]]:
    pages = shared_path("data", "article-extraction")
    out = {}
    for split in ("dev", "test"):
        gold = load_gold(ROOT / "gold" / "modern", pages=pages, split=split).articles
        analyses = analyse_parsed(parse_gold(gold, analyzer), analyzer)
        out[split] = (score(gold, analyses).report(), analyses)
    return out


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("split", "part", "metric"), sorted(MODERN_FLOORS))
def test_modern_floor(modern: dict[str, Any], split: str, part: str, metric: str) -> None:
    report, _ = modern[split]
    value = report["metrics"]["all"][metric] if part == "all" else report[part][metric]
    assert value >= MODERN_FLOORS[(split, part, metric)], f"{split} {part} {metric} fell to {value:.3f}"


@pytest.mark.shared
@pytest.mark.slow
def test_no_source_is_the_writer_or_the_reader_outside_quotations(modern: dict[str, Any]) -> None:
    """ "I think...", "you can...", "we know...": the writer's voice is no attribution."""
    found = []
    for _, analyses in modern.values():
        for analysis in analyses:
            quotes = find_quotes(analysis.article.text)
            for attr in analysis.attributions:
                mention = attr.source_mention
                bare = mention is not None and mention.text.lower() in ("i", "you", "we", "me", "us")
                if bare and mention and not any(q.start <= mention.start < q.end for q in quotes):
                    found.append((analysis.article.id, attr.content_text))
    assert found == []
