"""Run the analysis over a gold folder and score it (``accordingto eval``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.clean import CleanArticle
from accordingto.evaluate.brat import GoldArticle, read_gold
from accordingto.evaluate.metrics import Item, Scoreboard, score_article
from accordingto.models import Analysis


def prediction_items(analysis: Analysis) -> list[Item]:
    """What the metrics look at in one predicted attribution."""
    items = []
    for attr in analysis.attributions:
        items.append(
            Item(
                content=tuple((s.start, s.end) for s in attr.content),
                cue=((attr.cue.start, attr.cue.end),) if attr.cue else (),
                source=((attr.source_mention.start, attr.source_mention.end),) if attr.source_mention else (),
            )
        )
    return items


def gold_items(article: GoldArticle) -> list[Item]:
    return [Item(g.content, g.cue, g.source) for g in article.attributions]


def analyse_gold(gold: list[GoldArticle], analyzer: Analyzer) -> Iterator[tuple[GoldArticle, Analysis]]:
    # Gold texts are analysed as they are: no cleaning, so offsets match the annotations.
    jobs = (Job(CleanArticle(text=g.text), g.name) for g in gold)
    yield from zip(gold, analyzer.analyze_many(jobs), strict=True)


def evaluate(folder: Path | str, analyzer: Analyzer, *, limit: int | None = None) -> Scoreboard:
    board = Scoreboard()
    gold = list(read_gold(folder, limit=limit))
    for article, analysis in analyse_gold(gold, analyzer):
        board.add(score_article(article.text, gold_items(article), prediction_items(analysis)))
    return board
