"""Shared by the benchmarks: the texts to run on, and honest timing."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "polnear" / "dev"


def corpus_texts(gold: Path) -> tuple[list[str], str]:
    """The PolNeAR texts of a gold folder or, when it is absent, the project's own
    sample article and fixtures (so the benchmark still runs on a fresh clone)."""
    texts_dir = gold / "text"
    if texts_dir.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(texts_dir.glob("*.txt"))]
        return texts, f"{len(texts)} PolNeAR articles from {gold}"
    own = [ROOT / "examples" / "sample_article.txt", *sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))]
    texts = [p.read_text(encoding="utf-8") for p in own if p.is_file()]
    return texts * max(1, 80 // max(1, len(texts))), f"{len(texts)} texts from the project's own fixtures"


def best_of(runs: int, func: Callable[[], object]) -> tuple[float, list[float]]:
    """Fastest wall time of ``runs`` calls (and all of them): the least disturbed run."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times), times


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident memory of this process (or its largest child) in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def run_child(script: str, *args: str, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Run ``script`` with ``args`` in a fresh Python process, so that its time and memory are
    its own, and return the JSON object printed on its last line."""
    done = subprocess.run([sys.executable, script, *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{Path(script).name} {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
