"""What an attribution's ``confidence`` means: the share of such attributions that are right.

Each rule gives a raw confidence (``confidence.tsv``: by cue class or rule), less penalties
for what makes attributions wrong more often: a missing source, one the text does not
decide, a source of no known kind or unnamed, a content of a few words. Raw scores rank attributions but are
no probabilities, so they are mapped through ``calibration.tsv``: points (raw, share right)
fitted by isotonic regression, per attribution type, on the modern-pages development set (gold/modern, split dev;
"right" means the content matched a gold attribution and the source was right too), with
straight lines between points. ``accordingto eval --calibration`` prints the table on any
gold set, and ``python -m accordingto.evaluate.calibration --fit`` writes the points again.
"""

from __future__ import annotations

from bisect import bisect_left

from accordingto.analyze import lexicon

#: content shorter than this many words is a fragment more often than a statement
SHORT_CONTENT_WORDS = 8


def raw_confidence(
    rule_confidence: float, *, words: int, uncertain_source: bool, source_kind: str | None, source_named: bool
) -> float:
    """The rule's confidence less what the analysis measured to make attributions wrong more
    often (``confidence.tsv`` penalties): a source the text does not decide, a source of no
    known kind, an unnamed source, a content of a few words."""
    table = lexicon.confidences()
    penalties = {
        "penalty:uncertain_source": uncertain_source,
        "penalty:unspecified_source": source_kind == "unspecified",
        "penalty:unnamed_source": source_kind is not None and not source_named,
        "penalty:short_content": words < SHORT_CONTENT_WORDS,
    }
    return round(max(0.0, rule_confidence - sum(table[k] for k, on in penalties.items() if on)), 3)


def calibrated(raw: float, kind: str) -> float:
    """The share of attributions of this type (direct, mixed...) with this raw confidence that
    were right, interpolated between the fitted points (those of all types for a rare type)."""
    table = lexicon.calibration()
    points = table.get(kind) or table.get("all")
    if not points:
        return raw
    raws = [p[0] for p in points]
    k = bisect_left(raws, raw)
    if k == 0:
        return points[0][1]
    if k == len(points):
        return points[-1][1]
    (x0, y0), (x1, y1) = points[k - 1], points[k]
    return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0), 3)
