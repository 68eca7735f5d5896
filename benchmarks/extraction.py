"""Article extraction quality: accordingto's HTML path against gold article bodies.

    python benchmarks/extraction.py                       # ../shared/data/article-extraction
    python benchmarks/extraction.py --data DIR --worst 10 # and the ten worst pages
    python benchmarks/extraction.py --compare             # trafilatura settings side by side
    python benchmarks/extraction.py --min-f1 0.90         # exit 1 below this token F1 (a CI gate)

Data: a folder with ``ground-truth.json`` (page id -> {"articleBody", "url"}) and
``html/<id>.html.gz``, the layout of the Zyte/Scrapinghub article-extraction-benchmark.
Each page goes through the same code as ``accordingto analyze page.html.gz``: ingest
(gzip, encoding detection) then :func:`accordingto.clean.clean_document`.

Measure (token level, the primary number):
    tokens are lowercase ``\\w+`` runs (Unicode word characters), compared as multisets
    (bags): tp = sum over tokens of min(gold count, extracted count), fp = extracted
    tokens not matched, fn = gold tokens not matched. For each page precision =
    tp / (tp + fp) and recall = tp / (tp + fn); both are averaged over pages (a page where
    nothing was extracted counts in recall, as 0, but not in precision, as in the
    benchmark's own evaluate.py), and F1 is the harmonic mean of the two averages.
Also printed, for comparison with published results: the same with 4-token shingles
(the benchmark's own measure), and the token measure on the *analysed* text, i.e. with
the ranges cleaning excluded (captions, links, footers) removed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from accordingto.clean import CleanArticle, clean_document
from accordingto.clean import html as html_extraction
from accordingto.errors import InputError
from accordingto.ingest import Document, iter_documents

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("ACCORDINGTO_SHARED", ROOT.parent / "shared")) / "data" / "article-extraction"
TOKEN = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int
    fp: int
    fn: int


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    pages: int
    failed: int

    def line(self, label: str) -> str:
        return (
            f"{label:<34} precision={self.precision:.3f}  recall={self.recall:.3f}  F1={self.f1:.3f}"
            f"  (pages={self.pages}, no text={self.failed})"
        )


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def shingles(text: str, n: int = SHINGLE) -> list[str]:
    words = tokens(text)
    return [" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))] if words else []


def bag_counts(gold: Iterable[str], extracted: Iterable[str]) -> Counts:
    gold_bag, extracted_bag = Counter(gold), Counter(extracted)
    tp = sum((gold_bag & extracted_bag).values())
    return Counts(tp, sum(extracted_bag.values()) - tp, sum(gold_bag.values()) - tp)


def aggregate(counts: list[Counts], failed: int) -> Scores:
    precisions = [c.tp / (c.tp + c.fp) for c in counts if c.tp + c.fp > 0]
    recalls = [c.tp / (c.tp + c.fn) if c.tp + c.fn > 0 else 1.0 for c in counts]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(counts), failed)


def analysed_text(article: CleanArticle) -> str:
    """The text with excluded ranges removed: what the analysis reads."""
    pieces, last = [], 0
    for excluded in sorted(article.excluded, key=lambda e: e.start):
        pieces.append(article.text[last : excluded.start])
        last = max(last, excluded.end)
    pieces.append(article.text[last:])
    return " ".join(pieces)


@dataclass(slots=True)
class PageResult:
    page_id: str
    gold: str
    article: CleanArticle | None
    error: str | None = None

    @property
    def extracted(self) -> str:
        return self.article.text if self.article else ""


def load_pages(data: Path) -> tuple[dict[str, dict[str, str]], list[Path]]:
    truth_path = data / "ground-truth.json"
    if not truth_path.is_file():
        sys.exit(f"error: {truth_path} not found; give --data, a folder with ground-truth.json and html/")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    files = [data / "html" / f"{page_id}.html.gz" for page_id in sorted(truth)]
    missing = [f for f in files if not f.is_file()]
    if missing:
        sys.exit(f"error: {len(missing)} pages of ground-truth.json are missing from {data / 'html'}")
    return truth, files


def run(truth: dict[str, dict[str, str]], files: list[Path]) -> list[PageResult]:
    results = []
    for item, path in zip(iter_documents(str(f) for f in files), files, strict=True):
        page_id = path.name.removesuffix(".html.gz")
        gold = truth[page_id].get("articleBody", "")
        if not isinstance(item, Document):
            results.append(PageResult(page_id, gold, None, str(item.error)))
            continue
        item.url = item.url or truth[page_id].get("url")
        try:
            results.append(PageResult(page_id, gold, clean_document(item)))
        except InputError as exc:
            results.append(PageResult(page_id, gold, None, str(exc)))
    return results


def score(results: list[PageResult], text_of: Callable[[PageResult], str], unit: Callable[[str], list[str]]) -> Scores:
    counts = [bag_counts(unit(r.gold), unit(text_of(r))) for r in results]
    return aggregate(counts, failed=sum(1 for r in results if r.article is None))


def report(results: list[PageResult], worst: int) -> Scores:
    main = score(results, lambda r: r.extracted, tokens)
    print(main.line("tokens, extracted text"))
    print(score(results, lambda r: analysed_text(r.article) if r.article else "", tokens).line("tokens, analysed text"))
    print(score(results, lambda r: r.extracted, shingles).line(f"{SHINGLE}-token shingles, extracted text"))
    for r in results:
        if r.error:
            print(f"  no text: {r.page_id[:16]}: {r.error}")
    if worst:
        ranked = sorted(results, key=lambda r: _page_f1(r))
        for r in ranked[:worst]:
            counts = bag_counts(tokens(r.gold), tokens(r.extracted))
            print(f"  worst: {r.page_id[:16]} F1={_page_f1(r):.3f} tp={counts.tp} fp={counts.fp} fn={counts.fn}")
    return main


def _page_f1(r: PageResult) -> float:
    c = bag_counts(tokens(r.gold), tokens(r.extracted))
    return 2 * c.tp / (2 * c.tp + c.fp + c.fn) if c.tp else 0.0


def compare(truth: dict[str, dict[str, str]], files: list[Path]) -> None:
    """Score trafilatura settings side by side (extraction only, on the same decoded pages)."""
    pages = [(r.page_id, r.gold, r.html) for r in _decoded(truth, files)]
    base = html_extraction.DEFAULT_OPTIONS
    variants = {
        "chosen defaults": base,
        "trafilatura defaults": html_extraction.ExtractionOptions(favor_precision=False, drop_title=False),
        "favor_precision, title kept": replace(base, drop_title=False),
        "favor_recall": replace(base, favor_precision=False, favor_recall=True),
        "no precision or recall bias": replace(base, favor_precision=False),
        "no tables": replace(base, include_tables=False),
        "no second pass for short texts": replace(base, fallback_below_words=0),
    }
    for label, options in variants.items():
        counts, failed = [], 0
        for page_id, gold, html in pages:
            try:
                text = html_extraction.extract_article(html, url=truth[page_id].get("url"), options=options).text
            except InputError:
                text, failed = "", failed + 1
            counts.append(bag_counts(tokens(gold), tokens(text)))
        print(aggregate(counts, failed).line(label))


@dataclass(slots=True)
class DecodedPage:
    page_id: str
    gold: str
    html: str


def _decoded(truth: dict[str, dict[str, str]], files: list[Path]) -> list[DecodedPage]:
    pages = []
    for item, path in zip(iter_documents(str(f) for f in files), files, strict=True):
        if isinstance(item, Document) and item.html is not None:
            page_id = path.name.removesuffix(".html.gz")
            pages.append(DecodedPage(page_id, truth[page_id].get("articleBody", ""), item.html))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"benchmark folder (default {DEFAULT_DATA})")
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst pages")
    parser.add_argument("--compare", action="store_true", help="score several trafilatura settings")
    parser.add_argument("--min-f1", type=float, default=None, help="exit 1 when token F1 is below this")
    args = parser.parse_args(argv)
    truth, files = load_pages(args.data)
    print(f"{len(files)} pages from {args.data}")
    if args.compare:
        compare(truth, files)
        return 0
    started = time.perf_counter()
    main_scores = report(run(truth, files), args.worst)
    print(f"{time.perf_counter() - started:.1f} s")
    if args.min_f1 is not None and main_scores.f1 < args.min_f1:
        print(f"FAIL: token F1 {main_scores.f1:.3f} is below {args.min_f1:.3f}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
