"""Peak memory of one worker on very long articles, each in a fresh process.

    python benchmarks/memory.py [--gold ../shared/data/polnear/dev]

Builds (1) articles of 1 MB and 1.5 MB of text and (2) one of 200,000 words by joining real news
texts (PolNeAR dev, or the project's own fixtures when ../shared is absent), analyses each
in a new process and prints its peak resident memory, its time and the attributions found;
also the peak of a process that only loads the pipeline, for reference. Long texts are
parsed in pieces of `chunk_chars` (settings), which bounds the parser's memory.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import DEFAULT_GOLD, corpus_texts, peak_rss_mb, run_child


def build(texts: list[str], *, chars: int | None = None, words: int | None = None) -> str:
    parts: list[str] = []
    size = 0
    while True:
        for text in texts:
            parts.append(text)
            size += len(text) + 2 if chars else len(text.split())
            if (chars and size >= chars) or (words and size >= words):
                joined = "\n\n".join(parts)
                return joined[:chars] if chars else joined


def child(path: str, load_only: bool) -> None:
    from accordingto.analyze.analyzer import Analyzer
    from accordingto.clean import CleanArticle

    analyzer = Analyzer()
    result = {"chars": 0, "attributions": 0, "seconds": 0.0}
    if not load_only:
        text = Path(path).read_text(encoding="utf-8")
        start = time.perf_counter()
        analysis = analyzer.analyze(CleanArticle(text=text))
        result = {
            "chars": len(text),
            "attributions": len(analysis.attributions),
            "seconds": time.perf_counter() - start,
        }
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


def measure(path: str, load_only: bool = False) -> dict[str, Any]:
    return run_child(__file__, "--child", path, *(["--load-only"] if load_only else []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.load_only)
        return
    texts, label = corpus_texts(args.gold)
    tmp = Path(tempfile.mkdtemp(prefix="accordingto-mem-"))
    cases = {
        "pipeline loaded, no text": ("", True),
        "1 MB article": (build(texts, chars=1_000_000), False),
        "1.5 MB article": (build(texts, chars=1_500_000), False),
        "200,000-word article": (build(texts, words=200_000), False),
    }
    print(f"texts joined from {label}")
    print(f"{'case':28s} {'chars':>10s} {'seconds':>8s} {'attributions':>12s} {'peak RSS MB':>12s}")
    for name, (text, load_only) in cases.items():
        path = tmp / f"{len(text)}.txt"
        path.write_text(text, encoding="utf-8")
        r = measure(str(path), load_only)
        chars, found = int(r["chars"]), int(r["attributions"])
        print(f"{name:28s} {chars:10,d} {r['seconds']:8.1f} {found:12d} {r['peak_rss_mb']:12.0f}")


if __name__ == "__main__":
    main()
