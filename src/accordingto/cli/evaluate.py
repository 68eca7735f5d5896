"""accordingto eval: score the analysis against gold (PolNeAR layout, or the modern-pages set)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from accordingto.cli.common import clean_errors, progress_reporter, warn
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


def _console() -> Console:
    return Console(width=None if sys.stdout.isatty() else 160)


@click.command("eval")
@click.option(
    "--gold",
    "gold",
    required=True,
    type=click.Path(path_type=Path),
    help="Gold folder: text/ and attributions/ (PolNeAR layout), or gold/modern with --pages.",
)
@click.option(
    "--pages",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where the pages of a modern gold set are (../shared/data/article-extraction).",
)
@click.option(
    "--split", default=None, help="Score only the pages (of a modern set) or the people (of --people) of this split."
)
@click.option(
    "--people",
    "people_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also score who gets quoted on a people file of this gold folder (gold/people/quoted_people.json).",
)
@click.option("--model", default=None, help="An installed spaCy English pipeline.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N articles.")
@click.option("--disable-rule", "disabled", multiple=True, help="A rule id to switch off (repeatable).")
@click.option("--by-rule", is_flag=True, help="Also print each rule's count and precision, from provenance.")
@click.option("--ablate", is_flag=True, help="Switch each rule off in turn and print the change in F1.")
@click.option("--calibration", is_flag=True, help="Also print the calibration table: share right by confidence group.")
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Keep the parses of the gold texts (DocBin files), so the next run only re-runs the rules.",
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where parses are kept (default $ACCORDINGTO_CACHE or ~/.cache/accordingto).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--no-progress", is_flag=True, help="No progress lines on stderr.")
@clean_errors
def evaluate(
    gold: Path,
    pages: Path | None,
    split: str | None,
    people_file: Path | None,
    model: str | None,
    limit: int | None,
    disabled: tuple[str, ...],
    by_rule: bool,
    ablate: bool,
    calibration: bool,
    cache: bool,
    cache_dir: Path | None,
    as_json: bool,
    no_progress: bool,
) -> None:
    """Score attributions against gold annotations (BRAT standoff, like PolNeAR).

    Predicted and gold attributions are matched one-to-one by content overlap (at least
    half of each); source and cue are correct when they overlap the gold ones. Rows are
    the gold types direct, mixed, indirect, and all. A gold set with source entities and
    figures (gold/modern) is also scored on those (see docs/evaluation.md).

    \b
    Examples:
      accordingto eval --gold ../shared/data/polnear/dev
      accordingto eval --gold gold/modern --pages ../shared/data/article-extraction --split dev
      accordingto eval --gold ../shared/data/polnear/dev --by-rule --calibration
      accordingto eval --gold ../shared/data/polnear/dev --people gold/people/quoted_people.json --split dev
      accordingto eval --gold ../shared/data/polnear/dev --ablate --json > ablation.json
    """
    from accordingto.analyze.analyzer import Analyzer
    from accordingto.evaluate.cache import ParseCache, default_cache_dir
    from accordingto.evaluate.runner import analyse_parsed, load_gold, parse_gold, people_score, score

    analyzer = Analyzer(Settings.from_env().with_(model=model, disabled_rules=disabled or None))
    gold_set = load_gold(gold, pages=pages, limit=limit, split=split)
    for skipped in gold_set.skipped:
        warn(f"warning: left out {skipped}")
    warn(f"parsing {len(gold_set.articles)} articles of {gold}" + (" (cached parses are reused)" if cache else ""))
    parse_cache = ParseCache(cache_dir or default_cache_dir(), analyzer) if cache else None
    with progress_reporter("parsing", enabled=not no_progress) as advance:
        parsed = parse_gold(gold_set.articles, analyzer, parse_cache, on_parsed=advance)
    with progress_reporter("analysing", enabled=not no_progress) as advance:
        analyses = analyse_parsed(parsed, analyzer, on_analysed=advance)
    report: dict[str, Any] = score(gold_set.articles, analyses).report()
    if people_file is not None:
        people = people_score(people_file, gold_set.articles, parsed, analyses, analyzer, split=split)
        for stale in people.stale:
            warn(f"warning: people of {stale} left out")
        report["people"] = people.report(rows=as_json)
    if by_rule:
        report["rules"] = _rule_report(gold_set.articles, analyses)
    if ablate:
        report["ablation"] = _ablation_report(gold_set.articles, parsed, analyzer)
    if calibration:
        from accordingto.evaluate import calibration as calib

        report["calibration"] = calib.report(calib.judged(gold_set.articles, analyses))
    if as_json:
        click.echo(json.dumps({"gold": str(gold), "model": analyzer.version, **report}, indent=2))
        return
    _print_report(report, f"{report['articles']} articles, {gold}  ({analyzer.version})")


def _rule_report(gold: list[Any], analyses: list[Any]) -> list[dict[str, Any]]:
    from accordingto.evaluate.runner import by_rule

    stats = by_rule(gold, analyses)
    return [
        {"rule": r, "count": s.count, "precision": s.precision, "e2e_precision": s.e2e_precision}
        for r, s in sorted(stats.items(), key=lambda kv: (-kv[1].count, kv[0]))
    ]


def _ablation_report(gold: list[Any], parsed: list[Any], analyzer: Any) -> list[dict[str, Any]]:
    from accordingto.analyze.ruleset import all_rules
    from accordingto.evaluate.runner import ablate

    ids = sorted(r for r in all_rules() if r not in analyzer.rules.disabled)

    def progress(n: int, total: int) -> None:
        warn(f"ablation: {n}/{total} rules")

    base, rows = ablate(gold, parsed, analyzer, ids, on_rule=progress)
    return [
        {"rule": r.rule, "content_f1": r.content_f1, "e2e_f1": r.e2e_f1}
        for r in [base, *sorted(rows, key=lambda r: r.e2e_f1["all"])]
    ]


def _print_report(report: dict[str, Any], title: str) -> None:
    console = _console()
    table = Table(title=title, title_justify="left")
    table.add_column("type")
    for _, label in COLUMNS:
        table.add_column(label, justify="right")
    metrics = report["metrics"]
    for kind in ("direct", "mixed", "indirect", "all"):
        row = metrics[kind]
        table.add_row(kind, *(_cell(row[key]) for key, _ in COLUMNS))
    console.print(table)
    for part in ("sources", "figures"):
        if part in report:
            line = f"{part}: " + ", ".join(f"{k} {_cell(v)}" for k, v in report[part].items())
            console.print(line, soft_wrap=True)  # whole, however narrow the terminal
    if "people" in report:
        _print_people(console, report["people"])
    if "rules" in report:
        _print_rules(console, report["rules"])
    if "ablation" in report:
        _print_ablation(console, report["ablation"])
    if "calibration" in report:
        _print_calibration(console, report["calibration"])


def _print_people(console: Console, people: dict[str, Any]) -> None:
    """The people score: one line per part, whole however narrow the terminal."""
    text, unstated, names, only = (
        people[k] for k in ("gender_text", "gender_text_unstated", "gender_names", "gender_names_only")
    )
    found = people["found"]
    lines = [
        f"people: n {people['n']}, found {found} ({_cell(people['found_share'])})",
        f"  gender (text): stated {text['n']}, {_gender_cells(text)}, unknown {text['unknown']} of {found}; "
        f"not stated {unstated['n']}, given one anyway {unstated['given']}",
        f"  gender (names): known {names['n']}, {_gender_cells(names)}, unknown {names['unknown']}; "
        f"names only {only['n']}, {_gender_cells(only)}",
        f"  role class: {people['role_right']}/{found} ({_cell(people['role_acc'])})",
    ]
    for line in lines:
        console.print(line, soft_wrap=True)


def _gender_cells(counts: dict[str, Any]) -> str:
    return f"coverage {_cell(counts['coverage'])}, precision {_cell(counts['precision'])}"


def _print_rules(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(title="rules (from provenance)", title_justify="left")
    for name in ("rule", "count", "precision", "e2e precision"):
        table.add_column(name, justify="left" if name == "rule" else "right")
    for row in rows:
        table.add_row(row["rule"], str(row["count"]), _cell(row["precision"]), _cell(row["e2e_precision"]))
    console.print(table)


def _print_ablation(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(title="ablation: change in F1 with the rule switched off", title_justify="left")
    table.add_column("rule")
    for t in ("direct", "mixed", "indirect", "all"):
        table.add_column(f"content {t}", justify="right")
    for t in ("direct", "mixed", "indirect", "all"):
        table.add_column(f"e2e {t}", justify="right")
    for row in rows:
        cells = [_signed(row["content_f1"][t]) for t in ("direct", "mixed", "indirect", "all")]
        cells += [_signed(row["e2e_f1"][t]) for t in ("direct", "mixed", "indirect", "all")]
        table.add_row(row["rule"], *cells)
    console.print(table)


def _print_calibration(console: Console, calibration: dict[str, Any]) -> None:
    table = Table(
        title=f"calibration, ECE {calibration['ece']:.3f} (right: content and source)",
        title_justify="left",
    )
    for name in ("confidence", "attributions", "mean confidence", "share right"):
        table.add_column(name, justify="right")
    for g in calibration["groups"]:
        table.add_row(f"{g['low']:.1f}-{g['high']:.1f}", str(g["count"]), _cell(g["confidence"]), _cell(g["right"]))
    console.print(table)


def _signed(value: float) -> str:
    return f"{value:+.4f}"


def _cell(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"
