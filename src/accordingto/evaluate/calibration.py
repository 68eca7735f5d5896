"""Does ``confidence`` mean what it says? Calibration tables, and the fit of calibration.tsv.

An attribution is *right* when its content matches a gold attribution and its source is
right too (the end-to-end match of :mod:`.metrics`). Grouped by confidence, a calibrated
analysis has, in each group, a share right close to the group's mean confidence; the
expected calibration error (ECE) is the mean gap weighted by group size.

The fit is isotonic regression (pool adjacent violators) of right/wrong on the raw
confidence, over the modern-pages development split only: the project's own annotations.
Fitted on PolNeAR it would ship a derivative of a corpus without a licence.

    python -m accordingto.evaluate.calibration --fit      # writes analyze/resources/calibration.tsv
    accordingto eval --gold gold/modern --pages ../shared/data/article-extraction --calibration
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from accordingto.evaluate.runner import Judged, judged

__all__ = ["Judged", "fit", "judged", "report", "table"]

#: upper edges of the confidence groups of the table
EDGES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass(frozen=True, slots=True)
class Group:
    low: float
    high: float
    count: int
    mean_confidence: float
    share_right: float


def table(items: Sequence[Judged], edges: Sequence[float] = EDGES) -> list[Group]:
    """Attributions grouped by confidence (``low < confidence <= high``; the first group from 0)."""
    groups = []
    low = 0.0
    for high in edges:
        members = [
            j for j in items if (low == 0.0 or low < j.attribution.confidence) and j.attribution.confidence <= high
        ]
        if members:
            mean = sum(j.attribution.confidence for j in members) / len(members)
            groups.append(Group(low, high, len(members), mean, sum(j.right for j in members) / len(members)))
        low = high
    return groups


def expected_calibration_error(groups: Sequence[Group]) -> float:
    total = sum(g.count for g in groups)
    return sum(g.count * abs(g.mean_confidence - g.share_right) for g in groups) / total if total else 0.0


def report(items: Sequence[Judged]) -> dict[str, object]:
    groups = table(items)
    return {
        "ece": expected_calibration_error(groups),
        "groups": [
            {"low": g.low, "high": g.high, "count": g.count, "confidence": g.mean_confidence, "right": g.share_right}
            for g in groups
        ],
    }


# ----------------------------------------------------------------------------- the fit
def isotonic(points: Sequence[tuple[float, float, int]]) -> list[tuple[float, float]]:
    """Pool adjacent violators over (x, mean y, weight) sorted by x: the non-decreasing step
    function closest to the means; one (x, fitted y) per x."""
    blocks: list[list[float]] = []  # [sum of y*w, weight, first index, last index]
    for k, (_, y, w) in enumerate(points):
        blocks.append([y * w, float(w), float(k), float(k)])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w2, _, last = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w2
            blocks[-1][3] = last
    fitted = []
    for total, weight, first, last in blocks:
        for k in range(int(first), int(last) + 1):
            fitted.append((points[k][0], round(total / weight, 3)))
    return fitted


#: pseudo-count pulling a raw score seen a few times toward its type's overall share
PRIOR_WEIGHT = 1
#: types seen fewer times than this get the points fitted on all types
MIN_TYPE_COUNT = 30


def fit(items: Sequence[Judged]) -> list[tuple[str, float, float]]:
    """Calibration points (type, raw, calibrated) from attributions judged with their raw
    confidences: one isotonic fit per attribution type (direct quotes are right more often
    than indirect speech at the same raw score), and one over all types ("all") for types
    too rare to fit alone."""
    by_type: dict[str, list[Judged]] = {"all": list(items)}
    for j in items:
        by_type.setdefault(j.attribution.type, []).append(j)
    out = []
    for kind, members in sorted(by_type.items()):
        if len(members) >= MIN_TYPE_COUNT:
            out += [(kind, raw, value) for raw, value in _fit_one(members)]
    return out


def _fit_one(items: Sequence[Judged]) -> list[tuple[float, float]]:
    prior = sum(j.right for j in items) / len(items)
    by_raw: dict[float, list[bool]] = {}
    for j in items:
        by_raw.setdefault(round(j.attribution.confidence, 3), []).append(j.right)
    points = [
        (x, (sum(v) + PRIOR_WEIGHT * prior) / (len(v) + PRIOR_WEIGHT), len(v) + PRIOR_WEIGHT)
        for x, v in sorted(by_raw.items())
    ]
    return isotonic(points)


def write_points(points: Sequence[tuple[str, float, float]], path: Path, source: str) -> None:
    lines = [
        "# type\traw\tcalibrated",
        "# Written by `python -m accordingto.evaluate.calibration --fit`: isotonic fit, per attribution",
        f"# type, of the share of attributions right (content and source) on {source}.",
        *(f"{kind}\t{raw:g}\t{value:g}" for kind, raw, value in points),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _judged_set(gold_dir: Path, pages: Path | None, split: str | None, calibrate: bool) -> list[Judged]:
    from accordingto.analyze.analyzer import Analyzer
    from accordingto.evaluate.cache import ParseCache, default_cache_dir
    from accordingto.evaluate.runner import analyse_parsed, load_gold, parse_gold

    analyzer = Analyzer()
    analyzer.calibrate = calibrate
    gold = load_gold(gold_dir, pages=pages, split=split).articles
    parsed = parse_gold(gold, analyzer, ParseCache(default_cache_dir(), analyzer))
    return judged(gold, analyse_parsed(parsed, analyzer))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Fit calibration.tsv on the modern-pages dev split.")
    parser.add_argument("--fit", action="store_true", help="write the fitted points to the package's table")
    parser.add_argument("--gold", type=Path, default=Path("gold/modern"))
    parser.add_argument("--pages", type=Path, default=Path("../shared/data/article-extraction"))
    args = parser.parse_args(argv)
    items = _judged_set(args.gold, args.pages, "dev", calibrate=False)
    points = fit(items)
    for kind, raw, value in points:
        print(f"{kind:12} raw {raw:.3f} -> {value:.3f}")
    if args.fit:
        target = Path(str(resources.files("accordingto.analyze") / "resources" / "calibration.tsv"))
        write_points(points, target, f"{args.gold} split dev, {len(items)} attributions")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
