"""Speed of the full analysis against the bare spaCy pipeline, on the same texts.

    python benchmarks/throughput.py [--gold ../shared/data/polnear/dev] [--runs 3]

Prints articles/s and tokens/s of (1) the bare pipeline (`spacy.load` + `nlp.pipe`),
(2) the full analysis (our components and the conversion to records, one process),
(3) the full analysis with `--jobs 2` worker processes; the overhead of (2) over (1), the
speed-up of (3) over (2), and the peak resident memory of the single analysis process and of
the largest worker (each measured in a fresh process of its own). Each figure is the fastest
of --runs runs after one warm-up. The bare pipeline runs with the loaded objects frozen out of
the garbage collector, as the analysis's pipeline does (accordingto.analyze.pipeline).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from _common import DEFAULT_GOLD, best_of, corpus_texts, peak_rss_mb, run_child

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.analyze.pipeline import freeze_loaded_objects, load_base, model_label
from accordingto.clean import CleanArticle
from accordingto.distributed.partition import analyze_parallel
from accordingto.ingest import Document
from accordingto.settings import Settings
from accordingto.version import __version__


def measure_in_child(mode: str, texts_file: str, jobs: int, runs: int) -> dict[str, Any]:
    """A measurement in a fresh process, so its memory is its own."""
    return run_child(__file__, "--child", mode, "--texts", texts_file, "--jobs", str(jobs), "--runs", str(runs))


def child(mode: str, texts_file: str, jobs: int, runs: int) -> None:
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    settings = Settings()
    if mode == "single":
        analyzer = Analyzer(settings)
        items = [Job(CleanArticle(text=t), f"t{n}") for n, t in enumerate(texts)]

        def run() -> None:
            list(analyzer.analyze_many(items))

        rss_of = False
    else:
        docs = [Document(origin=f"t{n}", text=t, id=f"t{n}") for n, t in enumerate(texts)]

        def run() -> None:
            outcomes = list(analyze_parallel(docs, settings, jobs=jobs))
            assert all(o.ok for o in outcomes)

        rss_of = True
    run()  # warm-up (and, for workers, the pipeline loading)
    best, _ = best_of(runs, run)
    print(json.dumps({"seconds": best, "rss_mb": peak_rss_mb(children=rss_of)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--texts", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.texts, args.jobs, args.runs)
        return

    texts, label = corpus_texts(args.gold)
    bare = load_base(None)
    freeze_loaded_objects()  # the collector setting the analysis runs with, so the two compare alike
    tokens = sum(len(d) for d in bare.pipe(texts, batch_size=16))
    bare_s, _ = best_of(args.runs, lambda: list(bare.pipe(texts, batch_size=16)))

    texts_file = Path(tempfile.gettempdir()) / "accordingto-bench-texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    single = measure_in_child("single", str(texts_file), 1, args.runs)
    parallel = measure_in_child("parallel", str(texts_file), args.jobs, args.runs)
    full_s = single["seconds"]
    version = f"{__version__}+{model_label(bare)}"

    n = len(texts)
    print(f"corpus: {label}; {tokens:,} tokens; best of {args.runs} runs; {version}")
    print(f"{'run':34s} {'seconds':>8s} {'articles/s':>11s} {'tokens/s':>10s}")
    for name, secs in (
        ("bare spaCy pipeline", bare_s),
        ("full analysis, 1 process", full_s),
        (f"full analysis, --jobs {args.jobs}", parallel["seconds"]),
    ):
        print(f"{name:34s} {secs:8.2f} {n / secs:11.1f} {tokens / secs:10.0f}")
    print(f"analysis overhead over the bare pipeline: {100 * (full_s / bare_s - 1):+.1f}%")
    print(f"--jobs {args.jobs} speed-up over 1 process: {full_s / parallel['seconds']:.2f}x")
    print(
        f"peak RSS: the single analysis process {single['rss_mb']:.0f} MB; "
        f"largest --jobs worker {parallel['rss_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
