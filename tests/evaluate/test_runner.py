"""Scoring a gold folder: a user sees it advance article by article, and gets the score."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from accordingto.analyze.analyzer import Analyzer
from accordingto.cli import main
from accordingto.evaluate.runner import analyse_parsed, load_gold, parse_gold, score

TEXTS = {
    "harbour_2024-03-13_strike": "Union officials said the strike would go on. “We are apart,” Pieter de Vries said.",
    "council_2024-03-12_seawall": "The council postponed the vote, according to a report by the engineering office.",
}


def brat_folder(root: Path) -> Path:
    """Two articles in PolNeAR's layout, the content of the first attribution of each annotated."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in TEXTS.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        content = "the strike would go on" if "strike" in name else "The council postponed the vote"
        start = text.index(content)
        end = start + len(content)
        ann = f"T1\tContent {start} {end}\t{content}\nT2\tAttribution {start} {start + 1}\t{content[0]}\n"
        ann += "E1\tAttribution:T2 Content:T1\n"
        (root / "attributions" / f"{name}_ab12.ann").write_text(ann, encoding="utf-8")
    return root


def test_parsing_and_analysing_report_each_article(tmp_path: Path, analyzer: Analyzer) -> None:
    gold = load_gold(brat_folder(tmp_path / "gold")).articles
    parsed_ticks: list[int] = []
    analysed_ticks: list[int] = []
    parsed = parse_gold(gold, analyzer, on_parsed=lambda: parsed_ticks.append(1))
    analyses = analyse_parsed(parsed, analyzer, on_analysed=lambda: analysed_ticks.append(1))
    assert (len(parsed_ticks), len(analysed_ticks)) == (2, 2)
    assert score(gold, analyses).report()["articles"] == 2


def test_eval_on_a_folder_prints_the_score_without_progress_lines_when_asked(tmp_path: Path) -> None:
    folder = brat_folder(tmp_path / "gold")
    result = CliRunner().invoke(main, ["eval", "--gold", str(folder), "--no-cache", "--no-progress", "--json"])
    assert result.exit_code == 0, result.output
    assert '"articles": 2' in result.stdout
