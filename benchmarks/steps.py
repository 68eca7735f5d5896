"""CPU time of our own steps alone, on texts parsed beforehand.

    python benchmarks/steps.py [--gold ../shared/data/polnear/dev] [--unfrozen]

Parses the texts with the analysis pipeline's parser, then times one pass of our steps
(`Analyzer.finish`: quotes, attributions, sources, claims and the records) over the parses,
in CPU time, which a shared machine disturbs less than wall time. Prints that time, the
objects frozen out of the garbage collector when the pipeline was built
(accordingto.analyze.pipeline.freeze_loaded_objects) and the full collections during the
pass; `--unfrozen` gives those objects back to the collector first, to measure what the
freezing saves. One pass only: our steps keep answers on each parse, so a second pass over
the same parses would be cheaper than analysing new texts.
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path
from typing import Any

from _common import DEFAULT_GOLD, corpus_texts

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.clean import CleanArticle
from accordingto.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--unfrozen", action="store_true", help="give the frozen objects back to the collector")
    args = parser.parse_args()
    texts, label = corpus_texts(args.gold)
    analyzer = Analyzer(Settings())
    frozen = gc.get_freeze_count()
    if args.unfrozen:
        gc.unfreeze()
    parsed = list(analyzer.parse_many([Job(CleanArticle(text=t), f"t{n}") for n, t in enumerate(texts)]))
    full_collections: list[int] = []

    def count_full(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            full_collections.append(1)

    gc.callbacks.append(count_full)
    start = time.process_time()
    for job, doc in parsed:
        analyzer.finish(job, doc)
    seconds = time.process_time() - start
    gc.callbacks.remove(count_full)
    print(f"corpus: {label}")
    print(f"objects frozen out of the collector: {0 if args.unfrozen else frozen:,}")
    print(f"our steps: {seconds:.2f} s CPU; full collections during the pass: {len(full_collections)}")


if __name__ == "__main__":
    main()
