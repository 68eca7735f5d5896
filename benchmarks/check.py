"""Cost of the sourcing check over the analysis it reads, on the same texts.

    python benchmarks/check.py [--gold ../shared/data/polnear/dev] [--runs 3]

Prints the time of the full analysis of every text (one process, batched), the time of
`check_analysis` on every resulting sourcing map with the default house rules, and the
check's cost as a share of the analysis (the issue's budget: at most 5%). Each figure is the
fastest of --runs runs after one warm-up.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _common import DEFAULT_GOLD, best_of, corpus_texts

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.check import check_analysis
from accordingto.clean import clean_text
from accordingto.models import Analysis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts, label = corpus_texts(args.gold)
    analyzer = Analyzer()
    jobs = [Job(clean_text(t), f"t{n}") for n, t in enumerate(texts)]
    analyses: list[Analysis] = []

    def analyse() -> None:
        analyses[:] = list(analyzer.analyze_many(jobs))

    def check() -> None:
        for analysis in analyses:
            check_analysis(analysis)

    analyse()
    analysis_s, _ = best_of(args.runs, analyse)
    check()
    check_s, _ = best_of(args.runs, check)
    findings = sum(len(check_analysis(a).findings) for a in analyses)
    print(f"texts: {len(texts)} ({label})")
    print(f"analysis: {analysis_s:.2f} s")
    print(f"check: {check_s:.3f} s ({findings} findings)")
    print(f"check cost: +{100 * check_s / analysis_s:.1f}% of the analysis")


if __name__ == "__main__":
    main()
