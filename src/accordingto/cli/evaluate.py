"""accordingto eval: score the analysis against BRAT standoff gold (PolNeAR layout)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from accordingto.cli.common import clean_errors
from accordingto.settings import Settings

COLUMNS = (
    ("gold", "gold"),
    ("predicted", "pred"),
    ("content_p", "content P"),
    ("content_r", "content R"),
    ("content_f1", "content F1"),
    ("exact_f1", "exact F1"),
    ("source_acc", "source acc"),
    ("cue_acc", "cue acc"),
    ("e2e_p", "e2e P"),
    ("e2e_r", "e2e R"),
    ("e2e_f1", "e2e F1"),
)


@click.command("eval")
@click.option(
    "--gold", "gold", required=True, type=click.Path(path_type=Path), help="Folder with text/ and attributions/."
)
@click.option("--model", default=None, help="An installed spaCy English pipeline.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@clean_errors
def evaluate(gold: Path, model: str | None, limit: int | None, as_json: bool) -> None:
    """Score attributions against gold annotations (BRAT standoff, like PolNeAR).

    Predicted and gold attributions are matched one-to-one by content overlap (at least
    half of each); source and cue are correct when they overlap the gold ones. Rows are
    the gold types direct, mixed, indirect, and all.

    \b
    Example:
      accordingto eval --gold ../shared/data/polnear/dev
    """
    from accordingto.analyze.analyzer import Analyzer
    from accordingto.evaluate.runner import evaluate as run

    analyzer = Analyzer(Settings.from_env().with_(model=model))
    board = run(gold, analyzer, limit=limit)
    report = board.report()
    if as_json:
        click.echo(json.dumps({"gold": str(gold), "model": analyzer.version, **report}, indent=2))
        return
    table = Table(title=f"{report['articles']} articles, {gold}  ({analyzer.version})", title_justify="left")
    table.add_column("type")
    for _, label in COLUMNS:
        table.add_column(label, justify="right")
    metrics = report["metrics"]
    assert isinstance(metrics, dict)
    for kind in ("direct", "mixed", "indirect", "all"):
        row = metrics[kind]
        table.add_row(kind, *(_cell(row[key]) for key, _ in COLUMNS))
    Console(width=None if sys.stdout.isatty() else 160).print(table)


def _cell(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"
